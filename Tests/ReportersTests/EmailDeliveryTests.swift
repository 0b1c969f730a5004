import Foundation
import Reporters
import Testing
import TestSupport

/// A built message through a real mail client and a real SMTP conversation: msmtp (Debian) reads it the way
/// `sendmail -t -oi` would and delivers it to an aiosmtpd sink on 127.0.0.1, started by the test on a free
/// port. The message that arrives must be the message that was made, and must decode to the same text,
/// with a lone "." line and lines starting "From " intact.
@Suite("Email: delivery through msmtp", .serialized)
struct EmailDeliveryTests {
    @Test(arguments: [MIMEMessage.LineEnding.lf, .crlf])
    func arrivesUnchanged(_ ending: MIMEMessage.LineEnding) throws {
        guard let msmtp = EmailTools.require(EmailTools.which("msmtp"), "msmtp (apt-get install msmtp)"),
              let python = EmailTools.require(EmailTools.pythonWithAiosmtpd, "python3 with aiosmtpd (pip install aiosmtpd)")
        else { return }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("dutycheck-msmtp-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let sink = try EmailSink(python: python, folder: folder.path)
        defer { sink.stop() }
        let config = folder.appendingPathComponent("msmtprc")
        try Data("# everything is on the command line\n".utf8).write(to: config)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: config.path)

        let text = ".\nFrom the board: a line that mbox would quote\n..\n.hidden\nFrom \nLast – line\n"
        let html = "<p>From here</p>\n.\n<p>£ – ✓</p>\n"
        let message = EmailMessageTests.sample(subject: "[SBP] delivery – check", text: text, html: html)
        let bytes = message.bytes(lineEnding: ending)
        let result = try EmailTools.run(msmtp, ["-C", config.path, "--host=127.0.0.1", "--port=\(sink.port)", "--auth=off",
                                                "--tls=off", "--from=bounces@test.invalid", "-t", "-oi"], stdin: Data(bytes))
        #expect(result.status == 0, "msmtp: \(result.stderr)")

        let received = try #require(sink.waitForMessage(number: 1))
        let envelope = String(decoding: received.envelope, as: UTF8.self)
        for recipient in ["cst@example.org", "police@example.org", "chair@example.org"] {
            #expect(envelope.contains(recipient), "\(envelope)")
        }
        #expect(envelope.contains("bounces@test.invalid"))
        // SMTP carries CRLF; apart from that the bytes are the ones made.
        #expect(received.message == message.bytes(lineEnding: .crlf))

        guard let check = try EmailTools.check(received.message, lineEnding: "crlf") else { return }
        #expect(check.problems.isEmpty, "\(check.problems)")
        #expect(check.text == text)
        #expect(check.html == html)
        #expect(check.subject == "[SBP] delivery – check")
    }
}

extension EmailTools {
    /// `$DUTYCHECK_PYTHON` or `python3`, when it can import aiosmtpd.
    static var pythonWithAiosmtpd: String? {
        guard let python, let result = try? run(python, ["-c", "import aiosmtpd"]), result.status == 0 else { return nil }
        return python
    }
}

/// The SMTP sink script (`Scripts/email_sink.py`), run by this test and stopped by its process id.
final class EmailSink {
    let process: Process
    let folder: String
    let port: Int

    struct NotReady: Error {}

    init(python: String, folder: String) throws {
        self.folder = folder
        let log = folder + "/sink.log"
        _ = FileManager.default.createFile(atPath: log, contents: nil)
        process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = [EmailTools.script("email_sink.py"), folder + "/mail"]
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
        process.standardError = FileHandle.nullDevice
        try process.run()
        var port: Int?
        var waited = 0.0
        while port == nil && waited < 20 && process.isRunning {
            let text = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
            port = text.split(separator: "\n").first { $0.hasPrefix("PORT ") }.flatMap { Int($0.dropFirst(5)) }
            if port == nil {
                Thread.sleep(forTimeInterval: 0.05)
                waited += 0.05
            }
        }
        guard let port else {
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
            process.waitUntilExit()
            throw NotReady()
        }
        self.port = port
    }

    /// Message `number` (1-based) and its envelope, once stored; nil after 20 seconds.
    func waitForMessage(number: Int) -> (message: [UInt8], envelope: [UInt8])? {
        var waited = 0.0
        while waited < 20 {
            if let message = FileManager.default.contents(atPath: "\(folder)/mail/\(number).eml"),
               let envelope = FileManager.default.contents(atPath: "\(folder)/mail/\(number).json") {
                return ([UInt8](message), [UInt8](envelope))
            }
            Thread.sleep(forTimeInterval: 0.05)
            waited += 0.05
        }
        return nil
    }

    /// SIGTERM, then SIGKILL if the sink has not gone within 5 seconds.
    func stop() {
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
