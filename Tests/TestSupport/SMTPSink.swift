import Foundation

/// The SMTP sink on 127.0.0.1 (`Tests/ReportersTests/Scripts/email_sink.py`, aiosmtpd), started by a
/// test on a free port and stopped by its process id; it stores each message as `mail/N.eml`.
public final class SMTPSink {
    public let process: Process
    public let folder: String
    public let port: Int

    public struct Received: Sendable {
        public var bytes: [UInt8]
        public var envelope: String
    }

    public struct NotReady: Error, CustomStringConvertible {
        public var description: String
    }

    public init(python: String, folder: String) throws {
        self.folder = folder
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let log = folder + "/sink.log"
        _ = FileManager.default.createFile(atPath: log, contents: nil)
        process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = [Fixtures.path("Tests/ReportersTests/Scripts/email_sink.py").path, folder + "/mail"]
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
        process.standardError = FileHandle.nullDevice
        try process.run()
        var waited = 0.0
        var found: Int?
        while found == nil && waited < 20 && process.isRunning {
            let text = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
            found = text.split(separator: "\n").first { $0.hasPrefix("PORT ") }.flatMap { Int($0.dropFirst(5)) }
            if found == nil { Thread.sleep(forTimeInterval: 0.05); waited += 0.05 }
        }
        guard let found else {
            if process.isRunning { process.terminate() }
            throw NotReady(description: "the SMTP sink did not start")
        }
        port = found
    }

    /// The messages stored so far (waiting up to `wait` seconds for `count` of them), in arrival order.
    public func messages(count: Int, wait: Double = 20) -> [Received] {
        var waited = 0.0
        while !FileManager.default.fileExists(atPath: "\(folder)/mail/\(count).eml") && waited < wait {
            Thread.sleep(forTimeInterval: 0.05)
            waited += 0.05
        }
        var result: [Received] = []
        var number = 1
        while let data = FileManager.default.contents(atPath: "\(folder)/mail/\(number).eml") {
            let envelope = (try? String(contentsOfFile: "\(folder)/mail/\(number).json", encoding: .utf8)) ?? ""
            result.append(Received(bytes: [UInt8](data), envelope: envelope))
            number += 1
        }
        return result
    }

    /// Stops the sink: SIGTERM, then SIGKILL if it has not gone within 5 seconds.
    public func stop() {
        guard process.isRunning else { return }
        kill(process.processIdentifier, SIGTERM)
        var waited = 0.0
        while process.isRunning && waited < 5 {
            Thread.sleep(forTimeInterval: 0.05)
            waited += 0.05
        }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }
}
