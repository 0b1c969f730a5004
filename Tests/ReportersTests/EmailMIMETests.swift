import Foundation
import Reporters
import RuleEngine
import Testing

/// The scalars that must never reach a header, one per class.
let hostileScalars: [(name: String, text: String)] = [
    ("LF", "\n"), ("CR", "\r"), ("CRLF", "\r\n"), ("NEL", "\u{85}"), ("LS", "\u{2028}"), ("PS", "\u{2029}"),
    ("VT", "\u{0B}"), ("FF", "\u{0C}"), ("NUL", "\u{00}"), ("ESC", "\u{1B}"), ("DEL", "\u{7F}"),
    ("C1 first", "\u{80}"), ("C1 last", "\u{9F}"), ("RLO", "\u{202E}"), ("isolate", "\u{2066}"), ("BOM", "\u{FEFF}"),
]

@Suite("Email: sanitising")
struct EmailSanitisingTests {
    @Test(arguments: hostileScalars.map(\.text))
    func headerLineRemovesEveryControl(_ hostile: String) {
        let line = MIMEText.headerLine("Plan\(hostile)Bcc: victim@example.org")
        #expect(line.unicodeScalars.allSatisfy { $0.value >= 0x20 && !(0x7F...0x9F).contains($0.value) })
        #expect(!line.unicodeScalars.contains { [0x2028, 0x2029, 0x202E, 0x2066, 0xFEFF].contains($0.value) })
        #expect(line.hasPrefix("Plan"))
        #expect(line.hasSuffix("Bcc: victim@example.org"))
    }

    @Test func breaksBecomeOneSpaceAndEndsAreTrimmed() {
        #expect(MIMEText.headerLine("  a\r\n\r\n b\u{2028}\tc  ") == "a b c")
        #expect(MIMEText.headerLine("a\u{0}b") == "ab")
    }

    @Test func longTextIsCut() {
        let line = MIMEText.headerLine(String(repeating: "word ", count: 100), maxLength: 50)
        #expect(line.count <= 50)
        #expect(line.hasSuffix("…"))
    }

    @Test func bodyTextNormalisesLineBreaks() {
        #expect(MIMEText.bodyText("a\r\nb\rc\u{85}d\u{2028}e\u{0}f\tg\u{1B}") == "a\nb\nc\nd\nef\tg")
    }
}

@Suite("Email: quoted-printable")
struct EmailQuotedPrintableTests {
    @Test func shortASCIIIsUnchanged() {
        #expect(QuotedPrintable.encode("Hello, board.\nSecond line") == "Hello, board.\nSecond line")
    }

    @Test func escapesEqualsNonASCIIAndTrailingSpace() {
        #expect(QuotedPrintable.encode("a=b – £ ") == "a=3Db =E2=80=93 =C2=A3=20")
        #expect(QuotedPrintable.encode("tab\t\nx") == "tab=09\nx")
    }

    @Test func loneDotAndFromAreProtected() {
        #expect(QuotedPrintable.encode(".\nFrom the start\n.. two\nFromage") == "=2E\n=46rom the start\n=2E. two\nFromage")
    }

    @Test func longLinesGetSoftBreaksWithinSeventySix() {
        let text = String(repeating: "é long words and = signs ", count: 30)
        let encoded = QuotedPrintable.encode(text, lineEnding: "\r\n")
        let lines = encoded.components(separatedBy: "\r\n")
        #expect(lines.count > 5)
        for line in lines.dropLast() {
            #expect(line.utf8.count <= 76)
            #expect(line.hasSuffix("="))
        }
        #expect(decodeQP(encoded.replacingOccurrences(of: "\r\n", with: "\n")) == Array(text.utf8))
    }

    @Test func softBreakNeverSplitsAnEscapeOrExposesFromOrDot() {
        // Put an escape, a dot and "From " right at the fold column.
        for shift in 0..<6 {
            let text = String(repeating: "x", count: 70 + shift) + "€.From here. And From again " + String(repeating: "é", count: 40)
            let encoded = QuotedPrintable.encode(text)
            for line in encoded.split(separator: "\n") {
                #expect(line.utf8.count <= 76)
                #expect(!line.hasPrefix("From "))
                #expect(!line.hasPrefix("."))
                let body = line.hasSuffix("=") ? line.dropLast() : line[...]
                #expect(!body.hasSuffix("=") && !body.dropLast().hasSuffix("="), "escape split: \(line)")
            }
            #expect(decodeQP(encoded) == Array(text.utf8))
        }
    }

    @Test(arguments: [
        "", "=", "\n", "\n\n", " ", "  \n  ", "a b c", String(repeating: "=", count: 200), "Fro", "From",
        String(repeating: "🙂", count: 50), "line\u{2028}", String(repeating: "a", count: 76), String(repeating: "a", count: 77),
    ])
    func roundTrips(_ text: String) {
        #expect(decodeQP(QuotedPrintable.encode(text)) == Array(text.utf8))
    }
}

@Suite("Email: encoded-words and folding")
struct EmailHeaderEncodingTests {
    @Test func asciiSubjectStaysReadable() {
        #expect(HeaderEncoding.unstructuredWords("[SBP] 2 overdue, 1 due within 14 days")
            == ["[SBP]", "2", "overdue,", "1", "due", "within", "14", "days"])
    }

    @Test func enDashBecomesAnEncodedWord() {
        #expect(HeaderEncoding.unstructuredWords("Safer Bromley – East") == ["Safer", "Bromley", "=?UTF-8?Q?=E2=80=93?=", "East"])
    }

    @Test func adjacentNonASCIIWordsShareOneEncodedWordWithTheSpace() {
        #expect(HeaderEncoding.unstructuredWords("a – – b") == ["a", "=?UTF-8?Q?=E2=80=93_=E2=80=93?=", "b"])
    }

    @Test func wordsThatLookEncodedAreEncoded() {
        let words = HeaderEncoding.unstructuredWords("=?UTF-8?Q?x?= plain")
        #expect(words.first?.hasPrefix("=?UTF-8?Q?=3D=3F") == true)
    }

    @Test func encodedWordsStayWithinSeventyFiveAndNeverSplitUTF8() {
        let text = String(repeating: "Ünïcødé – ", count: 20) + String(repeating: "👩‍👩‍👧‍👦", count: 10)
        let words = HeaderEncoding.encodedWords(text)
        #expect(words.count > 3)
        var bytes: [UInt8] = []
        for word in words {
            #expect(word.utf8.count <= 75)
            #expect(word.hasPrefix("=?UTF-8?Q?") && word.hasSuffix("?="))
            let payload = word.dropFirst(10).dropLast(2)
            #expect(payload.unicodeScalars.allSatisfy { HeaderTestChars.phraseSafe.contains($0) })
            let decoded = decodeQ(String(payload))
            #expect(String(validating: decoded, as: UTF8.self) != nil, "a word splits a UTF-8 sequence")
            bytes += decoded
        }
        #expect(bytes == Array(text.utf8))
    }

    @Test func phraseEncodesSpecials() {
        #expect(HeaderEncoding.phraseWords("Safer Bromley Partnership") == ["Safer", "Bromley", "Partnership"])
        #expect(HeaderEncoding.phraseWords("Police (Met), B.C.U.") == ["Police", "\"(Met),\"", "\"B.C.U.\""])
        #expect(HeaderEncoding.phraseWords("\"quoted\" <x> a\\b") == ["\"\\\"quoted\\\"\"", "\"<x>\"", "\"a\\\\b\""])
        #expect(HeaderEncoding.phraseWords("Ünïcødé – Team =?x?=") == ["=?UTF-8?Q?=C3=9Cn=C3=AFc=C3=B8d=C3=A9_=E2=80=93?=", "Team", "=?UTF-8?Q?=3D=3Fx=3F=3D?="])
    }

    @Test func foldingKeepsLinesShortAndContinuesWithASpace() {
        let words = HeaderEncoding.unstructuredWords(String(repeating: "overdue – item ", count: 12))
        let field = HeaderEncoding.fold(name: "Subject", words: words, lineEnding: "\r\n")
        let lines = field.components(separatedBy: "\r\n")
        #expect(lines.count > 2)
        #expect(lines[0].hasPrefix("Subject: "))
        for line in lines {
            #expect(line.utf8.count <= 76)
        }
        for line in lines.dropFirst() {
            #expect(line.hasPrefix(" ") && !line.hasPrefix("  "))
        }
    }
}

@Suite("Email: addresses, dates and ids")
struct EmailAddressTests {
    @Test(arguments: ["a@example.org", "first.last+tag@sub.example.co.uk", "x_y-z@a-b.example", "o'neil@example.org"])
    func acceptsPlainAddresses(_ text: String) {
        #expect(EmailAddress(text) != nil)
    }

    @Test(arguments: [
        "", "a", "@example.org", "a@", "a@@example.org", "a@b@example.org", "a b@example.org", "a@example",
        "\"a\"@example.org", "a..b@example.org", ".a@example.org", "a.@example.org", "a@-x.example.org",
        "a@x-.example.org", "a@example..org", "a@[127.0.0.1]", "a@127.0.0.1", "andré@example.org", "a@exämple.org",
        "a@example.org\r\nBcc: x@example.org", "a@example.org\n", "a(comment)@example.org", "<a@example.org>",
        "Name <a@example.org>", "a@example.org,b@example.org", String(repeating: "a", count: 65) + "@example.org",
    ])
    func refusesEverythingElse(_ text: String) {
        #expect(EmailAddress(text) == nil)
        #expect(throws: EmailAddress.Problem.self) { try EmailAddress(validating: text) }
    }

    @Test func dateUsesEnglishNamesAndTheOffset() {
        #expect(MailDate(secondsSince1970: 0).description == "Thu, 01 Jan 1970 00:00:00 +0000")
        // 2024-04-02T06:00:00Z is 07:00 in British Summer Time.
        #expect(MailDate(secondsSince1970: 1_712_037_600, utcOffsetSeconds: 3600).description == "Tue, 02 Apr 2024 07:00:00 +0100")
        #expect(MailDate(secondsSince1970: 1_712_037_600).compactUTC == "20240402T060000Z")
        #expect(MailDate(secondsSince1970: 951_782_400).description == "Tue, 29 Feb 2000 00:00:00 +0000")
        #expect(MailDate(secondsSince1970: -1, utcOffsetSeconds: -5 * 3600 - 1800).description == "Wed, 31 Dec 1969 18:29:59 -0530")
    }

    @Test func messageIDsAreChecked() {
        #expect(MessageID(left: "dutycheck.20240402.abc", domain: "example.org")?.description == "<dutycheck.20240402.abc@example.org>")
        #expect(MessageID(left: "a b", domain: "example.org") == nil)
        #expect(MessageID(left: "a", domain: "exa>mple.org") == nil)
    }
}

@Suite("Email: the message")
struct EmailMessageTests {
    static func sample(subject: String = "[SBP] 2 overdue – board", text: String = "Line one\nLine two\n",
                       html: String = "<p>Hi</p>\n") -> MIMEMessage {
        MIMEMessage(
            date: MailDate(secondsSince1970: 1_712_037_600, utcOffsetSeconds: 3600),
            from: Mailbox(displayName: "Safer Bromley – Alerts", address: EmailAddress("alerts@example.org")!),
            to: [Mailbox(displayName: "Community Safety Team", address: EmailAddress("cst@example.org")!),
                 Mailbox(address: EmailAddress("police@example.org")!)],
            cc: [Mailbox(address: EmailAddress("chair@example.org")!)],
            replyTo: [Mailbox(address: EmailAddress("cst@example.org")!)],
            subject: subject,
            messageID: MessageID(left: "dutycheck.20240402.0a1b2c", domain: "example.org")!,
            references: [MessageID(left: "dutycheck.thread.sbp", domain: "example.org")!],
            text: text, html: html, boundary: MIMEMessage.boundary(token: "0a1b2c3d"))
    }

    @Test func headerBlockHasEveryFieldOnce() {
        let headers = Self.sample().renderedHeaders()
        let names = headers.split(separator: "\n").filter { !$0.hasPrefix(" ") }.map { String($0.prefix { $0 != ":" }) }
        #expect(names == ["Date", "From", "To", "Cc", "Reply-To", "Subject", "Message-ID", "References", "MIME-Version",
                          "Auto-Submitted", "X-Auto-Response-Suppress", "Content-Language", "Content-Type"])
        #expect(headers.contains("\nAuto-Submitted: auto-generated\n"))
        #expect(headers.contains("\nX-Auto-Response-Suppress: All\n"))
        #expect(headers.contains("\nContent-Language: en-GB\n"))
        #expect(headers.contains("Date: Tue, 02 Apr 2024 07:00:00 +0100\n"))
        #expect(headers.contains("From: Safer Bromley =?UTF-8?Q?=E2=80=93?= Alerts <alerts@example.org>\n"))
        #expect(headers.contains("To: Community Safety Team <cst@example.org>, police@example.org\n"))
        #expect(headers.contains("Reply-To: cst@example.org\n"))
        #expect(headers.contains("Subject: [SBP] 2 overdue =?UTF-8?Q?=E2=80=93?= board\n"))
        #expect(headers.contains("Content-Type: multipart/alternative; boundary=\"=_dutycheck_0a1b2c3d\""))
    }

    @Test func boundaryIsSafeAndClosesTheBody() {
        let message = Self.sample(text: "--=_dutycheck_0a1b2c3d\nlooks like a boundary\n")
        let rendered = message.rendered()
        #expect(message.boundary.hasPrefix("=_"))
        let boundaryLines = rendered.split(separator: "\n", omittingEmptySubsequences: false).filter { $0.hasPrefix("--=_dutycheck_") }
        #expect(boundaryLines == ["--=_dutycheck_0a1b2c3d", "--=_dutycheck_0a1b2c3d", "--=_dutycheck_0a1b2c3d--"])
        #expect(rendered.hasSuffix("--=_dutycheck_0a1b2c3d--\n"))
        #expect(MIMEMessage.boundary(token: "ab\"; x=\r\n").allSatisfy { $0.isLetter || $0.isNumber || $0 == "=" || $0 == "_" })
    }

    @Test func textComesBeforeHTML() {
        let rendered = Self.sample().rendered()
        let plain = rendered.range(of: "Content-Type: text/plain; charset=UTF-8")
        let html = rendered.range(of: "Content-Type: text/html; charset=UTF-8")
        #expect(plain != nil && html != nil)
        if let plain, let html { #expect(plain.lowerBound < html.lowerBound) }
        #expect(rendered.components(separatedBy: "Content-Transfer-Encoding: quoted-printable").count == 3)
    }

    @Test func lineEndingsAreConsistent() {
        let crlf = Self.sample(text: "a\r\nb\rc\n").bytes(lineEnding: .crlf)
        for (index, byte) in crlf.enumerated() where byte == 0x0A {
            #expect(index > 0 && crlf[index - 1] == 0x0D)
        }
        for (index, byte) in crlf.enumerated() where byte == 0x0D {
            #expect(index + 1 < crlf.count && crlf[index + 1] == 0x0A)
        }
        #expect(!Self.sample(text: "a\r\nb\rc\n").bytes(lineEnding: .lf).contains(0x0D))
    }

    @Test(arguments: hostileScalars.map(\.text))
    func injectionInTheSubjectStaysInTheSubject(_ hostile: String) {
        let headers = Self.sample(subject: "Overdue\(hostile)Bcc: victim@example.org\(hostile)Content-Type: text/html").renderedHeaders()
        let lines = headers.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(!lines.contains { $0.hasPrefix("Bcc") })
        #expect(lines.filter { $0.hasPrefix("Content-Type") }.count == 1)
        #expect(headers.unicodeScalars.allSatisfy { $0 == "\n" || (0x20...0x7E).contains($0.value) })
    }

    @Test func everyLineIsShortEvenWithHostileContent() {
        let longWord = String(repeating: "x", count: 3000)
        let message = Self.sample(subject: String(repeating: "Ünïcødé – ", count: 40),
                                  text: longWord + "\n" + String(repeating: "é", count: 2000), html: "<p>\(longWord)</p>")
        for line in message.rendered(lineEnding: .crlf).components(separatedBy: "\r\n") {
            #expect(line.utf8.count <= 78)
        }
    }
}

enum HeaderTestChars {
    static let phraseSafe = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789!*+-/=_".unicodeScalars)
}

/// A minimal quoted-printable decoder for round-trip checks (soft breaks joined, escapes decoded).
func decodeQP(_ encoded: String) -> [UInt8] {
    var out: [UInt8] = []
    let bytes = Array(encoded.utf8)
    var index = 0
    while index < bytes.count {
        let byte = bytes[index]
        if byte == UInt8(ascii: "=") {
            if index + 1 < bytes.count, bytes[index + 1] == 0x0A { index += 2; continue }
            if index + 2 < bytes.count, let value = UInt8(String(decoding: bytes[index + 1...index + 2], as: UTF8.self), radix: 16) {
                out.append(value)
                index += 3
                continue
            }
        }
        out.append(byte)
        index += 1
    }
    return out
}

/// Decodes an RFC 2047 Q payload.
func decodeQ(_ payload: String) -> [UInt8] {
    decodeQP(payload.replacingOccurrences(of: "_", with: " "))
}
