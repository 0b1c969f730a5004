import Foundation

/// Runs the built `dutycheck` executable as a user would, for process-level tests.
public enum CommandRunner {
    public struct Outcome: Sendable {
        public var status: Int32
        public var stdout: String
        public var stderr: String
    }

    /// The folder holding the built products (the test bundle sits beside `dutycheck`).
    public static var productsDirectory: URL {
        var url = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        while url.path != "/" {
            url.deleteLastPathComponent()
            if FileManager.default.isExecutableFile(atPath: url.appendingPathComponent("dutycheck").path) { return url }
        }
        return Fixtures.packageRoot.appendingPathComponent(".build/debug")
    }

    public static var executable: URL { productsDirectory.appendingPathComponent("dutycheck") }

    /// Runs `dutycheck` with `arguments` in `directory`, with `environment` added to (or, for
    /// an empty value, removed from) this process's environment. A run still going after
    /// `timeout` seconds is killed (status 9, as for SIGKILL), so a hang fails its test instead of
    /// stopping the whole suite.
    public static func run(_ arguments: [String], in directory: URL? = nil, environment: [String: String] = [:],
                           stdin: Data? = nil, executable: URL = executable, timeout: Double = 300) throws -> Outcome {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = directory ?? Fixtures.packageRoot
        var merged = ProcessInfo.processInfo.environment
        for (key, value) in environment { merged[key] = value.isEmpty ? nil : value }
        process.environment = merged
        let output = Pipe(), errors = Pipe(), input = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = input
        try process.run()
        let pid = process.processIdentifier
        let watchdog = DispatchWorkItem { kill(pid, SIGKILL) }
        DispatchQueue.global().asyncAfter(deadline: .now() + timeout, execute: watchdog)
        defer { watchdog.cancel() }
        if let stdin { input.fileHandleForWriting.write(stdin) }
        try input.fileHandleForWriting.close()
        // Read both pipes before waiting, so a large output cannot block the child.
        let group = DispatchGroup()
        nonisolated(unsafe) var errorData = Data()
        group.enter()
        DispatchQueue.global().async {
            errorData = errors.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        let outputData = output.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        return Outcome(status: process.terminationStatus, stdout: String(decoding: outputData, as: UTF8.self),
                       stderr: String(decoding: errorData, as: UTF8.self))
    }
}
