import Foundation

/// Compares output with a committed golden file.
///
/// Golden files are written only when `DUTYCHECK_RECORD_GOLDEN=1` is set, and never rewritten on a
/// mismatch, so a change in output fails until someone records it on purpose and reviews the diff.
public enum Golden {
    public static var isRecording: Bool {
        ProcessInfo.processInfo.environment["DUTYCHECK_RECORD_GOLDEN"] == "1"
    }

    /// Nil when `actual` equals the golden file (or was just recorded); otherwise a readable
    /// description of the first difference, for `#expect(... == nil)`.
    public static func mismatch(_ actual: String, golden relativePath: String) -> String? {
        let url = Fixtures.path(relativePath)
        if isRecording {
            try? FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            do { try Data(actual.utf8).write(to: url, options: .atomic) } catch { return "could not record \(relativePath): \(error)" }
            return nil
        }
        guard let data = FileManager.default.contents(atPath: url.path) else {
            return "\(relativePath) does not exist; run with DUTYCHECK_RECORD_GOLDEN=1 to record it"
        }
        let expected = String(decoding: data, as: UTF8.self)
        return firstDifference(expected: expected, actual: actual).map { "\(relativePath): \($0)" }
    }

    /// The first differing line, 1-based, with both versions; nil when equal.
    public static func firstDifference(expected: String, actual: String) -> String? {
        if expected == actual { return nil }
        let expectedLines = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let actualLines = actual.split(separator: "\n", omittingEmptySubsequences: false)
        for index in 0..<max(expectedLines.count, actualLines.count) {
            let lhs = index < expectedLines.count ? String(expectedLines[index]) : "<end of file>"
            let rhs = index < actualLines.count ? String(actualLines[index]) : "<end of file>"
            if lhs != rhs { return "line \(index + 1) differs\n  expected: \(lhs)\n  actual:   \(rhs)" }
        }
        return "the outputs differ in line endings or trailing bytes"
    }
}
