import Foundation

/// Refuses an `-o` that names one of the run's own inputs: the output would replace, say, the record
/// it was made from, and the user's file would be lost.
enum OutputClash {
    /// Throws when `output` is the same file (by device and inode, so links and other spellings of the
    /// path count) as a record among `records` (files or folders, as given) or one of `others`.
    static func refuse(output: String?, records: [String], others: [String?] = []) throws(InputFailure) {
        // Only a regular file is at stake: a device such as /dev/null may be both read and written.
        guard let output, let target = FileIdentity(path: output), target.isRegularFile else { return }
        let inputs = (try? InputFiles.expand(records)) ?? records
        for input in inputs + others.compactMap({ $0 }) where FileIdentity(path: input) == target {
            throw InputFailure(file: output, "is also an input of this run (\(input)); writing the output there would replace it")
        }
    }
}
