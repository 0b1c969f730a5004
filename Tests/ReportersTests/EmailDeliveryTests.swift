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
        guard let msmtp = ExternalTools.require(ExternalTools.which("msmtp"), "msmtp (apt-get install msmtp)"),
              let python = ExternalTools.require(ExternalTools.python(importing: ["aiosmtpd"]), "python3 with aiosmtpd (pip install aiosmtpd)")
        else { return }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("dutycheck-msmtp-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let sink = try SMTPSink(python: python, folder: folder.path)
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

        let received = try #require(sink.messages(count: 1).first)
        let envelope = received.envelope
        for recipient in ["cst@example.org", "police@example.org", "chair@example.org"] {
            #expect(envelope.contains(recipient), "\(envelope)")
        }
        #expect(envelope.contains("bounces@test.invalid"))
        // SMTP carries CRLF; apart from that the bytes are the ones made.
        #expect(received.bytes == message.bytes(lineEnding: .crlf))

        guard let check = try EmailTools.check(received.bytes, lineEnding: "crlf") else { return }
        #expect(check.problems.isEmpty, "\(check.problems)")
        #expect(check.text == text)
        #expect(check.html == html)
        #expect(check.subject == "[SBP] delivery – check")
    }
}
