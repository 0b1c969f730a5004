import Foundation
import Reporters
import RuleEngine
import Testing

/// Every kind of message this tool makes, read back by an independent parser (Python's email package with
/// `policy=default`): no defects, no long lines, and the decoded text equal to the text that was meant.
@Suite("Email: independent parser")
struct EmailParserTests {
    static let hostileText = hostileScalars.map(\.text).joined()

    static var messages: [(name: String, message: MIMEMessage)] {
        var result: [(String, MIMEMessage)] = [("sample", EmailMessageTests.sample())]
        result.append(("hostile", EmailMessageTests.sample(
            subject: "Overdue\(hostileText)Bcc: victim@example.org – =?UTF-8?Q?fake?= " + String(repeating: "ü", count: 150),
            text: ".\nFrom the board\n..\n" + String(repeating: "long ", count: 400) + "\n<script>\u{0}\r\n\ttab\nend",
            html: "<p>From here</p>\n.\n<p>\(String(repeating: "é", count: 500))</p>")))
        var names = EmailMessageTests.sample()
        names.from = Mailbox(displayName: "Police (Met), B.C.U. \"quoted\" \\ – Ünïcødé", address: EmailAddress("met@example.org")!)
        names.to = (1...12).map { Mailbox(displayName: "Partner number \($0) – Team", address: EmailAddress("p\($0)@example.org")!) }
        names.cc = [Mailbox(displayName: "=?UTF-8?Q?not_encoded?=", address: EmailAddress("x@example.org")!)]
        result.append(("display names", names))
        result.append(("empty bodies", EmailMessageTests.sample(subject: "", text: "", html: "")))
        if let notification = try? notificationMessage() { result.append(("notification", notification)) }
        if let longNamed = try? longNamedOwnerMessage() { result.append(("long-named partnership, per owner", longNamed)) }
        return result
    }

    static let longName = "Partneriaeth Diogelwch Môn a Gwynedd – Ardal y Gogledd a’r Canolbarth"

    /// A per-owner message of a partnership whose name is long and not ASCII.
    static func longNamedOwnerMessage() throws -> MIMEMessage {
        var settings = try EmailFixtures.settings()
        settings.partnershipName = longName
        let audience = NotificationRouting.audiences(for: EmailFixtures.findings(), settings: settings, perOwner: true)
            .first { $0.audience.label == "Metropolitan Police" }!.audience
        let content = NotificationEmail.content(settings: settings, audience: audience, asOf: EmailFixtures.asOf,
                                                entries: [EmailContentTests.entries()[2]], resolved: [],
                                                recordFile: "east.yaml", toolVersion: "0.1.0")
        return NotificationEmail.message(settings: settings, audience: audience, asOf: EmailFixtures.asOf, content: content,
                                         date: MailDate(secondsSince1970: 1_712_037_600, utcOffsetSeconds: 3600), token: "5eed0002")
    }

    static func notificationMessage() throws -> MIMEMessage {
        let settings = try EmailFixtures.settings()
        let audience = NotificationRouting.audiences(for: EmailFixtures.findings(), settings: settings, perOwner: false)[0].audience
        let resolved = [ResolvedEntry(title: "Board\r\nmeetings", subject: "2023 – 24", previousStatus: .overdue, currentStatus: .met)]
        let content = NotificationEmail.content(settings: settings, audience: audience, asOf: EmailFixtures.asOf,
                                                entries: EmailContentTests.entries(), resolved: resolved,
                                                recordFile: "east.yaml", toolVersion: "0.1.0")
        return NotificationEmail.message(settings: settings, audience: audience, asOf: EmailFixtures.asOf, content: content,
                                         date: MailDate(secondsSince1970: 1_712_037_600, utcOffsetSeconds: 3600), token: "5eed0001")
    }

    @Test func everyFixtureIsBuilt() {
        #expect(Self.messages.count == 6)
    }

    @Test(arguments: [MIMEMessage.LineEnding.lf, .crlf])
    func parsesCleanlyAndDecodesToTheIntendedText(_ ending: MIMEMessage.LineEnding) throws {
        for (name, message) in Self.messages {
            guard let check = try EmailTools.check(message.bytes(lineEnding: ending), lineEnding: ending == .lf ? "lf" : "crlf")
            else { return }
            #expect(check.problems.isEmpty, "\(name): \(check.problems)")
            #expect(check.parts == ["multipart/alternative", "text/plain", "text/html"], "\(name)")
            #expect(check.subject == MIMEText.headerLine(message.subject), "\(name)")
            #expect(check.from == [[MIMEText.headerLine(message.from.displayName ?? "", maxLength: 100), message.from.address.addrSpec]], "\(name)")
            #expect(check.to == message.to.map { [MIMEText.headerLine($0.displayName ?? "", maxLength: 100), $0.address.addrSpec] }, "\(name)")
            #expect(check.cc == message.cc.map { [MIMEText.headerLine($0.displayName ?? "", maxLength: 100), $0.address.addrSpec] }, "\(name)")
            #expect(check.text == intended(message.text), "\(name)")
            #expect(check.html == intended(message.html), "\(name)")
            #expect(check.headers["Auto-Submitted"] == ["auto-generated"])
            #expect(check.headers["Content-Language"] == ["en-GB"])
            #expect(check.headers["X-Auto-Response-Suppress"] == ["All"])
            #expect(check.headers["Bcc"] == nil)
        }
    }

    @Test func notificationHeadersAreComplete() throws {
        let message = try Self.notificationMessage()
        guard let check = try EmailTools.check(message.bytes(lineEnding: .crlf), lineEnding: "crlf") else { return }
        #expect(check.problems.isEmpty, "\(check.problems)")
        #expect(check.subject == "[SBP] Safer Bromley – East: 2 overdue, 1 missing, 1 due within 14 days, 1 resolved")
        #expect(check.from == [["Safer Bromley Partnership", "csp-alerts@example.org"]])
        #expect(check.to == [["", "community.safety@example.org"]])
        #expect(check.cc == [["", "chair@example.org"]])
        #expect(check.reply_to == [["Community Safety Team", "community.safety@example.org"]])
        #expect(check.headers["Date"] == ["Tue, 02 Apr 2024 07:00:00 +0100"])
        #expect(check.headers["Message-ID"] == ["<dutycheck.20240402.5eed0001@example.org>"])
        #expect(check.headers["References"]?.first?.hasPrefix("<dutycheck.thread.") == true)
        let flowed = check.text?.split(separator: "\n").joined(separator: " ")
        #expect(flowed?.contains("Resolved since the last message: Board meetings (2023 – 24) [was overdue, now met].") == true)
    }

    /// The subject names the partnership and the partner, cut to their budget; its encoded-words decode
    /// back to the words, and its lines fold within 76 characters.
    @Test func aLongNonASCIINameIsEncodedCutAndFolded() throws {
        let message = try Self.longNamedOwnerMessage()
        let subject = "[SBP] Partneriaeth Diogelwch Môn a Gwynedd – Ardal y Gogledd a’r…, Metropolitan Police: 1 overdue"
        #expect(message.subject == subject)
        let field = message.renderedHeaders().split(separator: "\n").drop { !$0.hasPrefix("Subject: ") }
            .prefix { $0.hasPrefix("Subject: ") || $0.hasPrefix(" ") }
        #expect(field.map(\.count).max()! <= HeaderEncoding.foldWidth)
        #expect(field.joined(separator: "\n") == """
            Subject: [SBP] Partneriaeth Diogelwch =?UTF-8?Q?M=C3=B4n?= a Gwynedd
             =?UTF-8?Q?=E2=80=93?= Ardal y Gogledd =?UTF-8?Q?a=E2=80=99r=E2=80=A6=2C?=
             Metropolitan Police: 1 overdue
            """)
        for ending in [MIMEMessage.LineEnding.lf, .crlf] {
            guard let check = try EmailTools.check(message.bytes(lineEnding: ending), lineEnding: ending == .lf ? "lf" : "crlf")
            else { return }
            #expect(check.problems.isEmpty, "\(check.problems)")
            #expect(check.subject == subject)
        }
    }

    /// The text a part should decode to: line breaks normalised, controls removed, one final line break.
    func intended(_ text: String) -> String {
        var body = MIMEText.bodyText(text)
        while body.hasSuffix("\n") { body.removeLast() }
        return body + "\n"
    }
}
