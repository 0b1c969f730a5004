import Foundation

/// Refuses an `-o` that names one of the run's own inputs: the output would replace, say, the record
/// it was made from or a rule pack, and the user's file would be lost. Refuses too a YAML-named output
/// inside a folder the run reads: the next run would read it back as a record or a pack.
enum OutputClash {
    /// Throws when `output` is the same file (by device and inode, so links and other spellings of the
    /// path count) as a record among `records` (files or folders, as given), a pack in one of
    /// `ruleDirectories`, or one of `others`; or when it has a YAML name and sits in one of those folders.
    static func refuse(output: String?, records: [String], ruleDirectories: [String] = [],
                       others: [String?] = []) throws(InputFailure) {
        guard let output else { return }
        if let target = FileIdentity(path: output), target.isRegularFile {
            // Only a regular file is at stake: a device such as /dev/null may be both read and written.
            let packs = ruleDirectories.flatMap { (try? RuleFiles.packs(in: $0)) ?? [] }
            let inputs = ((try? InputFiles.expand(records)) ?? records) + packs + others.compactMap { $0 }
            for input in inputs where FileIdentity(path: input) == target {
                throw InputFailure(file: output, "is also an input of this run (\(input)); writing the output there would replace it")
            }
        }
        try refuseInsideReadFolders(output: output, records: records, ruleDirectories: ruleDirectories)
    }

    /// A `.yaml` output in a folder of records or of rule packs that this run reads.
    private static func refuseInsideReadFolders(output: String, records: [String],
                                                ruleDirectories: [String]) throws(InputFailure) {
        // Where the output will really be written: through a link, that is the link's target.
        let written = (try? OutputTarget.resolve(output)) ?? output
        let name = (written as NSString).lastPathComponent
        guard InputFiles.isYAMLName(name) else { return }
        let parent = (written as NSString).deletingLastPathComponent
        guard let folder = FileIdentity(path: parent.isEmpty ? "." : parent) else { return }
        let read: [(path: String, holding: String)] = records.map { ($0, "records") } + ruleDirectories.map { ($0, "rule packs") }
        for (path, holding) in read where FileIdentity(path: path) == folder {
            throw InputFailure(file: output, "is in \(path), a folder this run reads \(holding) from, so the next run would read the output as one of them; write it elsewhere or give it another extension")
        }
    }
}
