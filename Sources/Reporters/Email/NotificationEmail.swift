import RuleEngine


/// A notifiable finding and why it is in the message.
public struct NotificationEntry: Sendable {
    public var finding: Finding
    public var change: NotificationChange
    /// For an item new to the audience: the last day of the expired waiver that covered it, so the
    /// message says it is back because the waiver ran out, not that it has just appeared.
    public var waiverEnded: CivilDate?

    public init(finding: Finding, change: NotificationChange, waiverEnded: CivilDate? = nil) {
        self.finding = finding
        self.change = change
        self.waiverEnded = waiverEnded
    }
}

/// An item the audience was told about that has left its message: resolved, not due yet, no longer
/// reported by its rule, or now sent to other audiences (see `kind`).
public struct ResolvedEntry: Sendable, Hashable {
    public var title: String
    public var subject: String?
    /// What the audience was last told.
    public var previousStatus: Status
    /// Its status now (`met`, `waived`, `late`, …), or nil when the rule no longer reports it.
    public var currentStatus: Status?
    /// The due date the audience was last told.
    public var previousDue: CivilDate?
    /// Where the finding is `met` only because its due date has not come (`Finding.notYetDueBy`):
    /// that date. Nothing is done, so the item is not resolved.
    public var notYetDueBy: CivilDate?
    /// Where the item still needs action but now goes to other audiences: who they are (a partner's
    /// name, or "the partnership's list").
    public var nowSentTo: [String]?

    public init(title: String, subject: String?, previousStatus: Status, currentStatus: Status?,
                previousDue: CivilDate? = nil, notYetDueBy: CivilDate? = nil, nowSentTo: [String]? = nil) {
        self.title = title
        self.subject = subject
        self.previousStatus = previousStatus
        self.currentStatus = currentStatus
        self.previousDue = previousDue
        self.notYetDueBy = notYetDueBy
        self.nowSentTo = nowSentTo
    }

    /// Why the item left the message.
    public enum Kind: Sendable, Hashable {
        /// Met, done late or waived.
        case resolved
        /// Met only because its due date, now further off, has not come: a deadline moved, an order
        /// extended, a missing date recorded. Nothing shows it resolved, nor that it is not.
        case dueLater(CivilDate)
        /// Not applicable now, or gone from the findings (a year that has begun, a partner removed):
        /// nothing shows the duty was met.
        case noLongerReported
        /// Still needing action, but now sent to these audiences instead (`--per-owner`).
        case handedOver([String])
    }

    public var kind: Kind {
        if let audiences = nowSentTo { return .handedOver(audiences) }
        if let due = notYetDueBy { return .dueLater(due) }
        switch currentStatus {
        case .met?, .late?, .waived?: return .resolved
        default: return .noLongerReported
        }
    }
}

/// The words of one notification: subject, plain text and HTML. Pure: the same inputs give the same text.
public struct NotificationContent: Sendable, Hashable {
    public var subject: String
    public var text: String
    public var html: String

    public init(subject: String, text: String, html: String) {
        self.subject = subject
        self.text = text
        self.html = html
    }
}

/// Builds notification messages for one partnership and audience.
public enum NotificationEmail {
    /// Entries in message order: overdue, then missing, then due soon; within each, earliest due date first
    /// (undated last), then title and subject.
    public static func ordered(_ entries: [NotificationEntry]) -> [NotificationEntry] {
        func rank(_ status: Status) -> Int { NotificationRouting.notifiableStatuses.firstIndex(of: status) ?? 99 }
        return entries.enumerated().sorted { lhs, rhs in
            let a = lhs.element.finding, b = rhs.element.finding
            if rank(a.status) != rank(b.status) { return rank(a.status) < rank(b.status) }
            switch (a.due, b.due) {
            case let (x?, y?) where x != y: return x < y
            case (.some, nil): return true
            case (nil, .some): return false
            default: break
            }
            if a.title != b.title { return a.title < b.title }
            if (a.subject ?? "") != (b.subject ?? "") { return (a.subject ?? "") < (b.subject ?? "") }
            return lhs.offset < rhs.offset
        }.map(\.element)
    }

    /// The longest a name runs in the subject before it is cut with "…".
    static let subjectNameLength = 60

    /// The subject line: the prefix, the partnership (and the partner, for per-owner messages),
    /// then counts, e.g. `[SBP] Safer Bromley Partnership: 2 overdue, 1 missing, 1 resolved`. The
    /// name tells apart the messages of several partnerships, which police and health officers sit
    /// on, whatever their prefix.
    public static func subject(settings: NotificationSettings, audience: NotificationAudience,
                               entries: [NotificationEntry], resolved: [ResolvedEntry]) -> String {
        var parts: [String] = []
        let findings = entries.map(\.finding)
        let overdue = findings.filter { $0.status == .overdue }.count
        let missing = findings.filter { $0.status == .missing }.count
        let dueSoon = findings.filter { $0.status == .dueSoon }
        if overdue > 0 { parts.append("\(overdue) overdue") }
        if missing > 0 { parts.append("\(missing) missing") }
        if !dueSoon.isEmpty {
            let horizon = dueSoon.compactMap(\.days).max() ?? 0
            parts.append("\(dueSoon.count) due " + (horizon == 0 ? "today" : "within \(dayCount(horizon))"))
        }
        var settled = 0, later = 0, dropped = 0, handed = 0
        for entry in resolved {
            switch entry.kind {
            case .resolved: settled += 1
            case .dueLater: later += 1
            case .noLongerReported: dropped += 1
            case .handedOver: handed += 1
            }
        }
        if settled > 0 { parts.append("\(settled) resolved") }
        if later > 0 { parts.append("\(later) not due yet") }
        if dropped > 0 { parts.append("\(dropped) no longer reported") }
        if handed > 0 { parts.append("\(handed) now sent to others") }
        if entries.isEmpty { parts.append("nothing outstanding") }
        let counts = parts.joined(separator: ", ")
        var names = [settings.partnershipName]
        if let label = audience.label { names.append(label) }
        // Past what `MIMEMessage` keeps of a subject, the names are cut further rather than the counts
        // (3 for the space after the prefix and the ": ", 2 for each ", " between names).
        let room = MIMEMessage.maxSubjectLength - settings.subjectPrefix.count - counts.count - 3 - 2 * (names.count - 1)
        let nameLength = max(1, min(subjectNameLength, room / names.count))
        let named = names.map { MIMEText.headerLine($0, maxLength: nameLength) }.joined(separator: ", ")
        return settings.subjectPrefix + " " + named + ": " + counts
    }

    /// Subject, text and HTML for one audience as of `asOf`.
    ///
    /// - Parameters:
    ///   - recordFile: the record's path, named in the footer.
    ///   - toolVersion: printed in the footer.
    public static func content(settings: NotificationSettings, audience: NotificationAudience, asOf: CivilDate,
                               entries: [NotificationEntry], resolved: [ResolvedEntry], recordFile: String,
                               toolVersion: String) -> NotificationContent {
        let ordered = ordered(entries)
        let document = Document(settings: settings, audience: audience, asOf: asOf, entries: ordered,
                                resolved: resolved, recordFile: recordFile, toolVersion: toolVersion)
        return NotificationContent(subject: subject(settings: settings, audience: audience, entries: ordered, resolved: resolved),
                                   text: document.plainText(), html: document.html())
    }

    /// The complete message: content plus headers.
    ///
    /// - Parameters:
    ///   - date: when the message is made.
    ///   - token: letters and digits unique to this message (random in production, fixed in tests); it
    ///     makes the Message-ID and the boundary.
    public static func message(settings: NotificationSettings, audience: NotificationAudience, asOf: CivilDate,
                               content: NotificationContent, date: MailDate, token: String) -> MIMEMessage {
        MIMEMessage(date: date, from: settings.from, to: audience.to, cc: audience.cc, replyTo: settings.replyTo,
                    subject: content.subject, messageID: messageID(settings: settings, asOf: asOf, token: token),
                    references: [threadID(settings: settings)], text: content.text, html: content.html,
                    boundary: MIMEMessage.boundary(token: token))
    }

    /// The constant root of the partnership's thread, `<dutycheck.thread.<hash>@<from domain>>`, named in every
    /// message's `References` so that mail clients keep successive messages together. The hash (FNV-1a, 64
    /// bits) of the partnership's name keeps the line short however long the name is.
    public static func threadID(settings: NotificationSettings) -> MessageID {
        let domain = String(settings.from.address.domain).lowercased()
        let left = "dutycheck.thread." + fnv1a(settings.partnershipName)
        return MessageID(left: left, domain: domain) ?? MessageID(trusted: left, domain: domain)
    }

    /// `<dutycheck.<as-of, YYYYMMDD>.<token>@<from domain>>`; the token is cut to its first 20 letters and digits.
    public static func messageID(settings: NotificationSettings, asOf: CivilDate, token: String) -> MessageID {
        let domain = String(settings.from.address.domain).lowercased()
        let cleanToken = String(token.unicodeScalars.filter(HeaderEncoding.isASCIIAlphanumeric).prefix(20))
        let date = asOf.iso.filter { $0 != "-" }
        let left = "dutycheck.\(date).\(cleanToken.isEmpty ? "0" : cleanToken)"
        return MessageID(left: left, domain: domain) ?? MessageID(trusted: left, domain: domain)
    }

    // MARK: - Words shared by both parts

    static func dayCount(_ days: Int) -> String { days == 1 ? "1 day" : "\(days) days" }

    static func statusWord(_ status: Status) -> String {
        switch status {
        case .overdue: "OVERDUE"
        case .missing: "MISSING"
        case .dueSoon: "DUE SOON"
        case .late: "DONE LATE"
        case .met: "MET"
        case .notApplicable: "NOT APPLICABLE"
        case .waived: "WAIVED"
        }
    }

    static func statusPhrase(_ status: Status) -> String {
        switch status {
        case .overdue: "overdue"
        case .missing: "missing"
        case .dueSoon: "due soon"
        case .late: "done late"
        case .met: "met"
        case .notApplicable: "no longer applicable"
        case .waived: "waived"
        }
    }

    /// FNV-1a (64-bit) of the UTF-8 bytes, as 16 hex digits: a short, stable fingerprint.
    private static func fnv1a(_ text: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        let digits = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}

/// The message's content, laid out once and rendered as text or HTML.
private struct Document {
    struct Item {
        var heading: String
        var status: Status
        var change: String
        var what: String
        var duty: String
        var citations: [(title: String, url: String?)]
        /// Said of a finding under an unconfirmed rule (see `ConfidenceNote`).
        var note: String?
        var who: String
        var byWhen: String
        var toDo: String
    }

    var title: String
    var forLine: String?
    var summary: String
    var changes: String
    var resolvedLine: String
    /// Items that left the message without being resolved; nil when there are none.
    var dueLaterLine: String?
    var noLongerReportedLine: String?
    var handedOverLine: String?
    var groups: [(status: Status, items: [Item])]
    var footer: [String]

    init(settings: NotificationSettings, audience: NotificationAudience, asOf: CivilDate,
         entries: [NotificationEntry], resolved: [ResolvedEntry], recordFile: String, toolVersion: String) {
        let clean = { (text: String) in MIMEText.headerLine(text, maxLength: 2000) }
        title = "\(clean(settings.partnershipName)): statutory duties as of \(asOf.longForm)"
        forLine = audience.label.map { "For \(clean($0))." }

        var counts: [String] = []
        for status in NotificationRouting.notifiableStatuses {
            let count = entries.filter { $0.finding.status == status }.count
            if count > 0 { counts.append("\(count) \(NotificationEmail.statusPhrase(status))") }
        }
        summary = counts.isEmpty
            ? "Nothing needs action as of \(asOf.longForm)."
            : "Needs action as of \(asOf.longForm): " + counts.joined(separator: ", ") + "."

        var kinds: [String: Int] = [:]
        for entry in entries {
            switch entry.change {
            case .new: kinds["new", default: 0] += 1
            case .statusChanged, .dueChanged: kinds["changed", default: 0] += 1
            case .reminder: kinds[entry.finding.status == .overdue ? "still overdue" : "still missing", default: 0] += 1
            case .unchanged: kinds["unchanged", default: 0] += 1
            }
        }
        let described = ["new", "changed", "still overdue", "still missing", "unchanged"].compactMap { kind in
            kinds[kind].map { "\($0) \(kind)" }
        }
        changes = described.isEmpty ? "" : "Since the last message: " + described.joined(separator: ", ") + "."

        func name(_ entry: ResolvedEntry) -> String {
            var name = clean(entry.title)
            if let subject = entry.subject, !subject.isEmpty { name += " (\(clean(subject)))" }
            return name
        }
        func was(_ entry: ResolvedEntry) -> String {
            "was \(NotificationEmail.statusPhrase(entry.previousStatus))" + (entry.previousDue.map { ", due \($0.longForm)" } ?? "")
        }
        var settled: [String] = []
        var later: [String] = []
        var dropped: [String] = []
        var handed: [String] = []
        for entry in resolved {
            switch entry.kind {
            case .resolved:
                var told = "was \(NotificationEmail.statusPhrase(entry.previousStatus))"
                if let now = entry.currentStatus { told += ", now \(NotificationEmail.statusPhrase(now))" }
                settled.append(name(entry) + " [" + told + "]")
            case .dueLater(let due):
                later.append(name(entry) + " [" + was(entry) + "; now due \(due.longForm)]")
            case .noLongerReported:
                // A due date gone by with nothing recorded is the case to check: a deadline whose rule
                // stops applying once it passes (a year that has begun) must not read as met.
                let passed = entry.previousDue.map { $0 < asOf } ?? false
                dropped.append(name(entry) + " [" + was(entry) + (passed ? "; that date has passed: check it was done]" : "]"))
            case .handedOver(let audiences):
                handed.append(name(entry) + " [" + was(entry) + "; now sent to " + audiences.map(clean).joined(separator: ", ") + "]")
            }
        }
        resolvedLine = "Resolved since the last message: " + (settled.isEmpty ? "none" : settled.joined(separator: "; ")) + "."
        dueLaterLine = later.isEmpty ? nil
            : "No longer listed because not due yet: " + later.joined(separator: "; ") + "."
        noLongerReportedLine = dropped.isEmpty ? nil
            : "No longer reported, but not shown as met (the rule no longer applies to the record, or the item has "
              + "left it): " + dropped.joined(separator: "; ") + "."
        handedOverLine = handed.isEmpty ? nil
            : "Still needing action, but no longer sent here (who must act can now be written to, or has changed): "
              + handed.joined(separator: "; ") + "."

        var groups: [(Status, [Item])] = []
        var number = 0
        for status in NotificationRouting.notifiableStatuses {
            let inGroup = entries.filter { $0.finding.status == status }
            if inGroup.isEmpty { continue }
            groups.append((status, inGroup.map { entry in
                number += 1
                return Document.item(entry, number: number, settings: settings, clean: clean)
            }))
        }
        self.groups = groups

        var footer = ["Sent automatically by dutycheck \(clean(toolVersion)) from the record \(clean(recordFile)), checked as of \(asOf.longForm)."]
        footer.append("You receive a message when an item is new or changes, and a reminder every \(NotificationEmail.dayCount(settings.reminderDays)) while one stays overdue or missing.")
        if let reply = settings.replyTo.first {
            footer.append("Questions: reply to this message (it goes to \(reply.address.addrSpec)).")
        }
        self.footer = footer
    }

    static func item(_ entry: NotificationEntry, number: Int, settings: NotificationSettings,
                     clean: (String) -> String) -> Item {
        let finding = entry.finding
        var heading = "\(number). \(clean(finding.title))"
        if let subject = finding.shownSubject, !subject.isEmpty { heading += " – \(clean(subject))" }

        let change: String
        switch entry.change {
        case .new:
            change = entry.waiverEnded.map { "Its waiver ran out on \($0.longForm)." }
                ?? "New since the last message."
        case .statusChanged(let from):
            change = "Changed: now \(NotificationEmail.statusPhrase(finding.status)), was \(NotificationEmail.statusPhrase(from))."
        case .dueChanged(let from):
            change = "Due date changed" + (from.map { " (was \($0.longForm))" } ?? "") + "."
        case .reminder(let last): change = "Reminder: still \(NotificationEmail.statusPhrase(finding.status)); last mentioned \(last.longForm)."
        case .unchanged(let last): change = "Unchanged since the message of \(last.longForm)."
        }

        let byWhen: String
        switch (finding.status, finding.due, finding.days) {
        case (.overdue, let due?, let days?): byWhen = "\(due.longForm), \(NotificationEmail.dayCount(days)) ago: act now"
        case (.overdue, let due?, nil): byWhen = "\(due.longForm), already passed: act now"
        case (.dueSoon, let due?, let days?):
            byWhen = days == 0 ? "\(due.longForm) (today)" : "\(due.longForm) (in \(NotificationEmail.dayCount(days)))"
        case (_, let due?, _): byWhen = due.longForm
        case (.missing, nil, _): byWhen = "Now: the record does not show it met"
        default: byWhen = "Not recorded"
        }

        let owners = finding.owners.map { clean(settings.ownerName($0)) }
        let citations = finding.basis.map { citation -> (String, String?) in
            let url = citation.url.hasPrefix("https://") || citation.url.hasPrefix("http://") ? clean(citation.url) : nil
            return (clean(citation.title), url)
        }
        return Item(heading: heading, status: finding.status, change: change, what: clean(finding.message),
                    duty: clean(finding.duty), citations: citations, note: ConfidenceNote.note(for: finding),
                    who: owners.isEmpty ? "The partnership" : owners.joined(separator: ", "),
                    byWhen: byWhen,
                    toDo: finding.remedy.map(clean).flatMap { $0.isEmpty ? nil : $0 }
                        ?? "Record in the partnership record what has been done, or record a waiver with its reason and approver.")
    }

    // MARK: Plain text

    func plainText() -> String {
        var lines: [String] = []
        lines += wrap(title, first: "", rest: "")
        if let forLine { lines += wrap(forLine, first: "", rest: "") }
        lines.append("")
        lines += wrap(summary, first: "", rest: "")
        if !changes.isEmpty { lines += wrap(changes, first: "", rest: "") }
        lines.append("")
        lines += wrap(resolvedLine, first: "", rest: "")
        for line in [dueLaterLine, noLongerReportedLine, handedOverLine].compactMap({ $0 }) {
            lines.append("")
            lines += wrap(line, first: "", rest: "")
        }
        for group in groups {
            lines.append("")
            lines.append("\(NotificationEmail.statusWord(group.status)) (\(group.items.count))")
            for item in group.items {
                lines.append("")
                lines += wrap(item.heading, first: "", rest: "   ")
                lines += field("Status", NotificationEmail.statusWord(item.status) + ". " + item.change)
                lines += field("What", item.what)
                var why = item.duty
                if !item.citations.isEmpty {
                    why += " (" + item.citations.map { citation in
                        citation.url.map { "\(citation.title), \($0)" } ?? citation.title
                    }.joined(separator: "; ") + ")"
                }
                lines += field("Why", why)
                if let note = item.note { lines += field("Note", note) }
                lines += field("Who", item.who)
                lines += field("By when", item.byWhen)
                lines += field("To do", item.toDo)
            }
        }
        lines.append("")
        lines.append("-- ")
        for line in footer { lines += wrap(line, first: "", rest: "") }
        return lines.joined(separator: "\n") + "\n"
    }

    private func field(_ label: String, _ value: String) -> [String] {
        let first = "   " + label + ":" + String(repeating: " ", count: max(1, 8 - label.count))
        return wrap(value, first: first, rest: String(repeating: " ", count: first.count))
    }

    /// Word-wraps `text` to 76 characters; a word longer than the line (a URL) gets a line of its own.
    private func wrap(_ text: String, first: String, rest: String, width: Int = 76) -> [String] {
        // ASCII without CR (nearly every value) has one character per byte, so its words and
        // lengths are read from the bytes; only other text pays for finding characters.
        let simple = [text, first, rest].allSatisfy { $0.utf8.allSatisfy { $0 < 0x80 && $0 != 0x0D } }
        let words = simple ? text.utf8.split(separator: 0x20).map { Substring($0) } : text.split(separator: " ")
        func length(_ text: some StringProtocol) -> Int { simple ? text.utf8.count : text.count }
        var lines: [String] = []
        var line = first
        var lineHasWord = false
        for word in words {
            if lineHasWord && length(line) + 1 + length(word) > width {
                lines.append(line)
                line = rest + word
            } else {
                line += (lineHasWord ? " " : "") + word
            }
            lineHasWord = true
        }
        lines.append(line)
        return lines
    }

    // MARK: HTML

    func html() -> String {
        var out: [String] = []
        out.append("<!DOCTYPE html>")
        out.append("<html lang=\"en-GB\">")
        out.append("<head>")
        out.append("<meta charset=\"utf-8\">")
        out.append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
        out.append("<title>\(escape(title))</title>")
        out.append("</head>")
        out.append("<body style=\"margin:0;padding:16px;font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.4;color:#0b0c0c;background:#ffffff\">")
        out.append("<h1 style=\"font-size:22px;margin:0 0 8px\">\(escape(title))</h1>")
        if let forLine { out.append("<p style=\"margin:0 0 8px\">\(escape(forLine))</p>") }
        out.append("<p style=\"margin:0 0 8px\"><strong>\(escape(summary))</strong></p>")
        if !changes.isEmpty { out.append("<p style=\"margin:0 0 8px\">\(escape(changes))</p>") }
        out.append("<p style=\"margin:0 0 16px\">\(escape(resolvedLine))</p>")
        for line in [dueLaterLine, noLongerReportedLine, handedOverLine].compactMap({ $0 }) {
            out.append("<p style=\"margin:0 0 16px\">\(escape(line))</p>")
        }
        for group in groups {
            out.append("<h2 style=\"font-size:19px;margin:24px 0 8px\">\(badge(group.status)) \(group.items.count) \(escape(NotificationEmail.statusPhrase(group.status)))</h2>")
            for item in group.items {
                out.append("<h3 style=\"font-size:17px;margin:16px 0 4px\">\(escape(item.heading))</h3>")
                out.append("<table role=\"presentation\" style=\"border-collapse:collapse;margin:0 0 8px\">")
                out.append(row("Status", badge(item.status) + " " + escape(item.change)))
                out.append(row("What", escape(item.what)))
                var why = escape(item.duty)
                if !item.citations.isEmpty {
                    why += "<br>" + item.citations.map { citation in
                        citation.url.map { "<a href=\"\(escape($0))\" style=\"color:#1d70b8\">\(escape(citation.title))</a>" }
                            ?? escape(citation.title)
                    }.joined(separator: "<br>")
                }
                out.append(row("Why", why))
                if let note = item.note { out.append(row("Note", escape(note))) }
                out.append(row("Who", escape(item.who)))
                out.append(row("By when", escape(item.byWhen)))
                out.append(row("To do", escape(item.toDo)))
                out.append("</table>")
            }
        }
        out.append("<hr style=\"border:0;border-top:1px solid #b1b4b6;margin:24px 0 8px\">")
        for line in footer { out.append("<p style=\"margin:0 0 4px;font-size:14px;color:#484949\">\(escape(line))</p>") }
        out.append("</body>")
        out.append("</html>")
        return out.joined(separator: "\n") + "\n"
    }

    private func row(_ label: String, _ valueHTML: String) -> String {
        "<tr><th scope=\"row\" style=\"text-align:left;vertical-align:top;padding:2px 12px 2px 0;white-space:nowrap\">\(escape(label))</th>"
            + "<td style=\"vertical-align:top;padding:2px 0\">\(valueHTML)</td></tr>"
    }

    /// The status as a word on a coloured label (never colour alone). Contrast is at least 4.5:1.
    private func badge(_ status: Status) -> String {
        let (background, foreground) = switch status {
        case .overdue: ("#b10e1e", "#ffffff")
        case .missing: ("#6f0817", "#ffffff")
        case .dueSoon: ("#ffdd00", "#0b0c0c")
        default: ("#505a5f", "#ffffff")
        }
        return "<span style=\"display:inline-block;padding:1px 6px;font-weight:bold;background:\(background);color:\(foreground)\">"
            + escape(NotificationEmail.statusWord(status)) + "</span>"
    }

    private func escape(_ text: String) -> String {
        MarkupEscape.html(text)
    }
}
