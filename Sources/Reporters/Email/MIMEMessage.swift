/// A complete RFC 5322 message with a `multipart/alternative` body: text/plain first, text/html last,
/// both UTF-8 and quoted-printable.
///
/// Building is pure: the date, Message-ID and boundary are values given by the caller, so the same
/// inputs always give the same bytes.
public struct MIMEMessage: Sendable {
    /// How lines end: LF for the local `sendmail` interface, CRLF for `.eml` files and SMTP.
    public enum LineEnding: String, Sendable, Hashable {
        case lf = "\n"
        case crlf = "\r\n"
    }

    public var date: MailDate
    public var from: Mailbox
    public var to: [Mailbox]
    public var cc: [Mailbox]
    public var replyTo: [Mailbox]
    /// The subject as plain text; it is sanitised to one line, cut to `maxSubjectLength` characters
    /// and encoded when written.
    public var subject: String
    /// The most of a subject written: enough for any subject a reader can take in, and a bound on
    /// one built from data.
    public static let maxSubjectLength = 200
    public var messageID: MessageID
    /// Earlier messages of the thread, oldest first (usually a constant thread root).
    public var references: [MessageID]
    /// The plain-text alternative; line breaks are normalised and controls removed when written.
    public var text: String
    /// The HTML alternative, already escaped by its builder.
    public var html: String
    /// The multipart boundary. It must start with `=_`, which quoted-printable output can never contain.
    public var boundary: String

    public init(date: MailDate, from: Mailbox, to: [Mailbox], cc: [Mailbox] = [], replyTo: [Mailbox] = [],
                subject: String, messageID: MessageID, references: [MessageID] = [], text: String, html: String,
                boundary: String) {
        self.date = date
        self.from = from
        self.to = to
        self.cc = cc
        self.replyTo = replyTo
        self.subject = subject
        self.messageID = messageID
        self.references = references
        self.text = text
        self.html = html
        self.boundary = boundary
    }

    /// A boundary of the safe form, `=_dutycheck_<token>`, from a token of letters and digits.
    public static func boundary(token: String) -> String {
        "=_dutycheck_" + String(token.unicodeScalars.filter(HeaderEncoding.isASCIIAlphanumeric).prefix(40))
    }

    /// The header block, without the blank line that ends it.
    public func renderedHeaders(lineEnding: LineEnding = .lf) -> String {
        let eol = lineEnding.rawValue
        var fields: [String] = []
        func add(_ name: String, _ words: [String]) {
            fields.append(HeaderEncoding.fold(name: name, words: words, lineEnding: eol))
        }
        add("Date", [date.description])
        add("From", from.headerWords())
        add("To", addressListWords(to))
        if !cc.isEmpty { add("Cc", addressListWords(cc)) }
        if !replyTo.isEmpty { add("Reply-To", addressListWords(replyTo)) }
        add("Subject", HeaderEncoding.unstructuredWords(subject, maxLength: Self.maxSubjectLength))
        add("Message-ID", [messageID.description])
        if !references.isEmpty { add("References", references.map(\.description)) }
        add("MIME-Version", ["1.0"])
        add("Auto-Submitted", ["auto-generated"])
        add("X-Auto-Response-Suppress", ["All"])
        add("Content-Language", ["en-GB"])
        add("Content-Type", ["multipart/alternative;", "boundary=\"\(boundary)\""])
        return fields.joined(separator: eol)
    }

    /// The whole message. It ends with a line ending after the closing boundary.
    public func rendered(lineEnding: LineEnding = .lf) -> String {
        let eol = lineEnding.rawValue
        var out = renderedHeaders(lineEnding: lineEnding) + eol + eol
        for (type, content) in [("text/plain", text), ("text/html", html)] {
            out += "--" + boundary + eol
            out += "Content-Type: " + type + "; charset=UTF-8" + eol
            out += "Content-Transfer-Encoding: quoted-printable" + eol + eol
            out += QuotedPrintable.encode(Self.withFinalNewline(MIMEText.bodyText(content)), lineEnding: eol)
            out += eol
        }
        out += "--" + boundary + "--" + eol
        return out
    }

    /// The message as bytes, ready for a file, a pipe or SMTP.
    public func bytes(lineEnding: LineEnding = .lf) -> [UInt8] {
        Array(rendered(lineEnding: lineEnding).utf8)
    }

    /// Words for an address list: mailboxes separated by commas, never split inside an address.
    private func addressListWords(_ mailboxes: [Mailbox]) -> [String] {
        var words: [String] = []
        for (index, mailbox) in mailboxes.enumerated() {
            var mailboxWords = mailbox.headerWords()
            if index < mailboxes.count - 1, let last = mailboxWords.popLast() { mailboxWords.append(last + ",") }
            words += mailboxWords
        }
        return words
    }

    /// Text ending in exactly one line break, so the part decodes to that text (the line break before a
    /// boundary belongs to the boundary, RFC 2046 §5.1.1).
    static func withFinalNewline(_ text: String) -> String {
        // By UTF-8 bytes: a line feed byte is always a whole scalar.
        let utf8 = text.utf8
        var end = utf8.endIndex
        while end > utf8.startIndex, utf8[utf8.index(before: end)] == 0x0A { end = utf8.index(before: end) }
        if end < utf8.endIndex, utf8.index(after: end) == utf8.endIndex { return text }
        return String(decoding: utf8[..<end], as: UTF8.self) + "\n"
    }
}
