import Foundation

/// Writes command output: to stdout, or to a file by way of a temporary file renamed into
/// place, so a reader never sees half a report and a failed write leaves the old file intact
/// (see `StagedOutput`).
enum OutputFile {
    static func write(_ text: String, to path: String?) throws(InputFailure) {
        guard let path else {
            FileHandle.standardOutput.write(Data(text.utf8))
            return
        }
        try writeAtomically(Data(text.utf8), to: path)
    }

    static func writeAtomically(_ data: Data, to path: String) throws(InputFailure) {
        let output = try StagedOutput(path: path)
        try output.append(data)
        try output.commit()
    }
}
