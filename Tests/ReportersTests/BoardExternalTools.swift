import Foundation
import TestSupport
import Testing

/// Finds and runs the independent validators (headless Chromium, poppler, cmark-gfm, Python).
///
/// When a tool is missing the test returns early (a pass with a note) on a developer machine,
/// but fails when `CI=true`, so CI cannot silently skip the browser and validator checks.
enum BoardExternalTools {
    static var isCI: Bool { ExternalTools.isCI }

    /// Exit status the Python scripts use when a module they need is not installed.
    static let missingModule: Int32 = 77

    /// Paths of every named tool, or nil (after recording an issue in CI) if any is missing.
    static func require(_ names: [String], sourceLocation: SourceLocation = #_sourceLocation) -> [String: String]? {
        var found: [String: String] = [:]
        let missing = names.filter { name in
            guard let path = ExternalTools.which(name) else { return true }
            found[name] = path
            return false
        }
        if missing.isEmpty { return found }
        unavailable("not installed: \(missing.joined(separator: ", "))", sourceLocation: sourceLocation)
        return nil
    }

    /// Fails in CI, notes and carries on elsewhere.
    static func unavailable(_ why: String, sourceLocation: SourceLocation = #_sourceLocation) {
        if isCI {
            Issue.record("CI=true and a validator is unavailable (\(why))", sourceLocation: sourceLocation)
        } else {
            print("note: skipping an external check: \(why)")
        }
    }

    /// A new folder for one test, its name unique to this process so that two test runs at once
    /// (two checkouts on one machine) do not clear each other's files.
    static func scratchDirectory(_ name: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("dutycheck-board-tests-\(ProcessInfo.processInfo.processIdentifier)")
            .appendingPathComponent(name)
        try? FileManager.default.removeItem(at: url)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// `validate_ics.py` run on `file`; nil when python3 or its packages are missing (noted, or an
    /// issue in CI).
    static func validateCalendar(_ file: URL) throws -> Result? {
        guard let tools = require(["python3"]) else { return nil }
        let result = try run(tools["python3"]!, [script("validate_ics.py"), file.path])
        if result.status == missingModule {
            unavailable(result.output)
            return nil
        }
        return result
    }

    static func script(_ name: String) -> String {
        Fixtures.path("Tests/ReportersTests/Scripts/\(name)").path
    }

    struct Result {
        var status: Int32
        var output: String
    }

    /// Runs a program with an argument array (no shell), capturing stdout and stderr together,
    /// and kills it if it runs longer than `timeout` seconds.
    static func run(_ executable: String, _ arguments: [String], timeout: TimeInterval = 180) throws -> Result {
        let log = FileManager.default.temporaryDirectory
            .appendingPathComponent("dutycheck-board-run-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString).log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: log) }
        let handle = try FileHandle(forWritingTo: log)
        defer { try? handle.close() }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.standardOutput = handle
        process.standardError = handle
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
            return Result(status: -1, output: "timed out after \(Int(timeout)) s: \(executable) \(arguments.joined(separator: " "))")
        }
        process.waitUntilExit()
        let output = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
        return Result(status: process.terminationStatus, output: output)
    }
}
