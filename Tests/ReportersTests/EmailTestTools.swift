import Foundation
import Testing
import TestSupport

/// External programs the email tests use: Python 3 (standard library) for the independent parser, and for
/// delivery tests msmtp and the aiosmtpd package.
///
/// A missing tool skips the test on a developer's machine, and fails it when `CI=true`.
enum EmailTools {
    static func script(_ name: String) -> String {
        Fixtures.path("Tests/ReportersTests/Scripts/\(name)").path
    }

    struct Run {
        var status: Int32
        var stdout: Data
        var stderr: String
    }

    /// Runs a program with an argument array (no shell) and waits for it.
    static func run(_ executable: String, _ arguments: [String], stdin: Data? = nil,
                    environment: [String: String]? = nil) throws -> Run {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let environment { process.environment = environment }
        // stderr goes to a file so that a chatty child cannot block on a full pipe while stdout is read.
        let errFile = FileManager.default.temporaryDirectory.appendingPathComponent("dutycheck-stderr-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: errFile.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: errFile) }
        let errHandle = try FileHandle(forWritingTo: errFile)
        let out = Pipe(), input = Pipe()
        process.standardOutput = out
        process.standardError = errHandle
        process.standardInput = stdin == nil ? FileHandle.nullDevice : input
        try process.run()
        try errHandle.close()
        if let stdin {
            try input.fileHandleForWriting.write(contentsOf: stdin)
            try input.fileHandleForWriting.close()
        }
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let errData = (try? Data(contentsOf: errFile)) ?? Data()
        return Run(status: process.terminationStatus, stdout: outData, stderr: String(decoding: errData, as: UTF8.self))
    }

    /// What `email_check.py` reported about a message.
    struct Check: Decodable {
        var problems: [String]
        var subject: String
        var from: [[String]]
        var to: [[String]]
        var cc: [[String]]
        var reply_to: [[String]]
        var headers: [String: [String]]
        var parts: [String]
        var text: String?
        var html: String?
    }

    /// Parses `bytes` with Python's email package; nil when Python is unavailable outside CI.
    static func check(_ bytes: [UInt8], lineEnding: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> Check? {
        guard let python = ExternalTools.require(ExternalTools.python, "python3", sourceLocation: sourceLocation) else { return nil }
        let file = FileManager.default.temporaryDirectory
            .appendingPathComponent("dutycheck-email-\(UUID().uuidString).eml")
        try Data(bytes).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let result = try run(python, [script("email_check.py"), file.path, lineEnding])
        #expect(result.status == 0, "email_check.py failed: \(result.stderr)", sourceLocation: sourceLocation)
        return try JSONDecoder().decode(Check.self, from: result.stdout)
    }
}
