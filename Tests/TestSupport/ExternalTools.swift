import Foundation
import Testing

/// Programs outside Swift that some tests drive (browsers, MTAs, Python validators).
///
/// A missing tool skips the test on a developer's machine and fails it when `CI=true`, so CI can
/// never pass by silently running nothing.
public enum ExternalTools {
    public static var isCI: Bool { ProcessInfo.processInfo.environment["CI"] == "true" }

    /// The executable `name` on the PATH, or nil.
    public static func which(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for directory in path.split(separator: ":") {
            let candidate = "\(directory)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// The tool, or nil after recording a failure in CI (and nothing elsewhere) when it is missing.
    public static func require(_ tool: String?, _ what: String, sourceLocation: SourceLocation = #_sourceLocation) -> String? {
        if tool == nil && isCI {
            Issue.record("\(what) is needed by this test and missing (CI=true)", sourceLocation: sourceLocation)
        }
        return tool
    }

    /// `$DUTYCHECK_PYTHON`, else `python3` on the PATH.
    public static var python: String? {
        if let chosen = ProcessInfo.processInfo.environment["DUTYCHECK_PYTHON"], !chosen.isEmpty { return chosen }
        return which("python3")
    }

    /// The Python interpreter, when it can import every one of `modules`.
    public static func python(importing modules: [String]) -> String? {
        guard let python else { return nil }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = ["-c", modules.map { "import \($0)" }.joined(separator: "; ")]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return nil }
        process.waitUntilExit()
        return process.terminationStatus == 0 ? python : nil
    }
}
