import RuleEngine

/// Words, phrases and the per-finding detail block shared by the text and JUnit reporters, so that a
/// finding reads the same on a terminal, in a cron mail and on a CI dashboard.
enum CheckWording {
    /// The statuses shown by default, most urgent first.
    static let actionOrder: [Status] = [.overdue, .missing, .dueSoon, .late, .waived]
    /// Every status, in the order the text reporter lists them with `includeAll`.
    static let fullOrder: [Status] = actionOrder + [.met, .notApplicable]
    /// Statuses that mean someone has something to do now.
    static let needsAction: Set<Status> = [.overdue, .missing, .dueSoon]

    /// The upper-case tag printed before a finding's title: `OVERDUE`, `DUE SOON`.
    static func tag(_ status: Status) -> String {
        heading(status).uppercased()
    }

    /// The group heading for a status: `Overdue`, `Due soon`, `Not applicable`.
    static func heading(_ status: Status) -> String {
        switch status {
        case .met: "Met"
        case .dueSoon: "Due soon"
        case .overdue: "Overdue"
        case .missing: "Missing"
        case .late: "Late"
        case .notApplicable: "Not applicable"
        case .waived: "Waived"
        }
    }

    /// `1 day`, `2 days`.
    static func days(_ count: Int) -> String {
        count == 1 ? "1 day" : "\(count) days"
    }

    /// `3 overdue, 0 missing, …`: every status with its count, in ``fullOrder``.
    static func summary(_ counts: [Status: Int]) -> String {
        fullOrder.map { "\(counts[$0, default: 0]) \(heading($0).lowercased())" }.joined(separator: ", ")
    }

    /// The due date in long form with how far past or ahead it is, as the status reads it:
    /// `31 March 2024 (overdue by 2 days)`, `10 April 2024 (due in 8 days)`, `31 January 2024 (12 days late)`.
    /// Nil when the finding has neither a due date nor a day count.
    static func timing(_ finding: Finding) -> String? {
        var qualifier: String?
        if let count = finding.days {
            switch finding.status {
            case .overdue: qualifier = "overdue by \(days(count))"
            case .dueSoon: qualifier = count == 0 ? "due today" : "due in \(days(count))"
            case .late: qualifier = "\(days(count)) late"
            case .met, .missing, .notApplicable, .waived: qualifier = nil
            }
        }
        switch (finding.due?.longForm, qualifier) {
        case let (date?, qualifier?): return "\(date) (\(qualifier))"
        case let (date?, nil): return date
        case let (nil, qualifier?): return qualifier
        case (nil, nil): return nil
        }
    }

    /// A finding's title line without the tag: `Title — subject (unconfirmed)`, on one line. A
    /// labelled subject reads `label (subject)`, as owners read `name (id)`: the subject is what a
    /// waiver names.
    static func titleLine(_ finding: Finding) -> String {
        var line = singleLine(finding.title)
        if let subject = finding.subject {
            line += " — " + (finding.label.map { singleLine($0) + " (" + singleLine(subject) + ")" } ?? singleLine(subject))
        }
        if finding.confidence == .unconfirmed { line += " (unconfirmed)" }
        return line
    }

    /// One labelled part of a finding's details; `lines` are already free of line breaks and controls.
    struct Field: Sendable, Equatable {
        var label: String
        var lines: [String]
    }

    /// What is wrong, why, who must act, by when, what to do and where, in that order; parts that do not
    /// apply are left out.
    /// Owners are partner ids or roles; `partnerNames` (`RecordLookup.ownerNames`) lets a reader see who they are.
    static func fields(of finding: Finding, waiver: WaiverOutcome?, partnerNames: [String: String] = [:]) -> [Field] {
        var fields: [Field] = []
        func add(_ label: String, _ text: String?) { append(label, text, to: &fields) }
        let settled = finding.status == .met || finding.status == .notApplicable

        add(settled ? "Result" : "What is wrong", finding.message)
        add("Note", ConfidenceNote.note(for: finding))
        // A check of the record is no duty, and the law it cites is what the checked fact bears on.
        add(finding.isRecordCheck ? "Checks" : "Duty", finding.duty)
        let citations = finding.basis.map { citation in
            citation.url.isEmpty ? singleLine(citation.title) : "\(singleLine(citation.title)) <\(singleLine(citation.url))>"
        }
        if !citations.isEmpty { fields.append(Field(label: finding.isRecordCheck ? "Bears on" : "Why", lines: citations)) }
        if !finding.owners.isEmpty {
            let owners = finding.owners.map { id in partnerNames[id].map { "\($0) (\(id))" } ?? id }
            add(settled ? "Owners" : "Who must act", owners.map(singleLine).joined(separator: ", "))
        }
        add(settled ? "Due" : "By when", timing(finding))
        add("Done", finding.done?.longForm)
        if !settled { add("What to do", finding.remedy) }
        if let waiver {
            add("Waived until", waiver.until.longForm)
            add("Approved by", waiver.approvedBy)
            add("Reference", waiver.reference)
            add("Reason", waiver.reason)
        }
        if let evidence = finding.evidence.first { add("Where", location(evidence)) }
        return fields
    }

    /// The fields of an expired or unused waiver, in the same layout as a finding's.
    static func fields(of waiver: WaiverOutcome, file: String) -> [Field] {
        var fields: [Field] = []
        func add(_ label: String, _ text: String?) { append(label, text, to: &fields) }
        switch waiver.state {
        case .expired: add("Expired", "Waived until \(waiver.until.longForm); it no longer covers any finding.")
        case .unused: add("Unused", unusedText(waiver))
        case .active: add("Waived until", waiver.until.longForm)
        }
        add("Approved by", waiver.approvedBy)
        add("Reference", waiver.reference)
        add("Reason", waiver.reason)
        add("Where", "\(singleLine(file)):\(waiver.location.line):\(waiver.location.column)")
        return fields
    }

    /// Why an unused waiver matched nothing: its findings are in order, or its subject is not one
    /// its rule's findings have (a misspelling, usually), with the subjects they do have.
    static func unusedText(_ waiver: WaiverOutcome) -> String {
        let until = "Waived until \(waiver.until.longForm), but it matched no finding"
        guard let found = waiver.subjectsFound, let subject = waiver.subject else { return until + "." }
        let named = "no finding of rule \(singleLine(waiver.rule)) has the subject \u{201C}\(singleLine(subject))\u{201D}"
        guard !found.isEmpty else { return "\(until): \(named); its findings have no subjects, so a waiver for it names none." }
        // A long list is cut: the point is to spot the misspelling, not to list a thousand items.
        let shown = found.prefix(20).map(singleLine).joined(separator: ", ")
        let more = found.count > 20 ? " and \(found.count - 20) more" : ""
        return "\(until): \(named). Its subjects are: \(shown)\(more)."
    }

    /// The waiver's title line: `rule — subject`.
    static func titleLine(_ waiver: WaiverOutcome) -> String {
        var line = singleLine(waiver.rule)
        if let subject = waiver.subject { line += " — " + singleLine(subject) }
        return line
    }

    private static func append(_ label: String, _ text: String?, to fields: inout [Field]) {
        guard let text else { return }
        let split = lines(text)
        if !split.isEmpty { fields.append(Field(label: label, lines: split)) }
    }

    /// `file:line:column (path)` for a piece of evidence.
    static func location(_ evidence: Evidence) -> String {
        var text = "\(singleLine(evidence.file)):\(evidence.line):\(evidence.column)"
        if !evidence.path.isEmpty { text += " (\(singleLine(evidence.path)))" }
        return text
    }

    /// Width of the label column, colon and padding included (`What is wrong: `).
    static let labelWidth = 15

    /// The fields laid out as aligned `Label: value` lines, continuation lines under the value.
    static func render(_ fields: [Field], indent: String) -> [String] {
        var out: [String] = []
        for field in fields {
            let label = field.label + ":"
            let padded = label + String(repeating: " ", count: max(1, labelWidth - label.count))
            let continuation = String(repeating: " ", count: padded.count)
            for (index, line) in field.lines.enumerated() {
                out.append(indent + (index == 0 ? padded : continuation) + line)
            }
        }
        return out
    }

    // MARK: Plain-text safety

    /// The text as lines, split at every line break (LF, CR, CRLF, VT, FF, NEL, U+2028, U+2029), with
    /// other control characters made visible as U+FFFD so record text cannot drive a terminal, and with
    /// leading and trailing blank lines dropped.
    static func lines(_ text: String) -> [String] {
        if isPlain(text) {
            let trimmed = trimmingTrailingSpaces(text)
            return trimmed.isEmpty ? [] : [trimmed]
        }
        var lines: [String] = []
        var current = String.UnicodeScalarView()
        var previousWasCR = false
        func finishLine() {
            while current.last == " " { current.removeLast() }
            lines.append(String(current))
            current = String.UnicodeScalarView()
        }
        for scalar in text.unicodeScalars {
            if scalar == "\n" && previousWasCR {
                previousWasCR = false
                continue
            }
            previousWasCR = scalar == "\r"
            if isLineBreak(scalar) {
                finishLine()
            } else {
                current.append(visible(scalar))
            }
        }
        finishLine()
        guard let first = lines.firstIndex(where: { !$0.isEmpty }),
              let last = lines.lastIndex(where: { !$0.isEmpty }) else { return [] }
        return Array(lines[first...last])
    }

    /// The text on one line: line breaks become spaces, other controls U+FFFD.
    static func singleLine(_ text: String) -> String {
        if isPlain(text) { return text }
        var out = String.UnicodeScalarView()
        var previousWasCR = false
        for scalar in text.unicodeScalars {
            if scalar == "\n" && previousWasCR {
                previousWasCR = false
                continue
            }
            previousWasCR = scalar == "\r"
            out.append(isLineBreak(scalar) ? " " : visible(scalar))
        }
        return String(out)
    }

    /// Whether the text is printable ASCII only, which needs no splitting and no replacing: most
    /// text is, and checking bytes is far cheaper than walking scalars.
    private static func isPlain(_ text: String) -> Bool {
        text.allUTF8 { $0 >= 0x20 && $0 < 0x7F }
    }

    /// Printable ASCII text without its trailing spaces.
    private static func trimmingTrailingSpaces(_ text: String) -> String {
        let utf8 = text.utf8
        guard let last = utf8.lastIndex(where: { $0 != 0x20 }) else { return "" }
        return String(text[...last])
    }

    private static func isLineBreak(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0A, 0x0B, 0x0C, 0x0D, 0x85, 0x2028, 0x2029: true
        default: false
        }
    }

    private static func visible(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        switch scalar.value {
        case 0x09: " "
        case 0x00...0x1F, 0x7F...0x9F: "\u{FFFD}"
        default: scalar
        }
    }
}
