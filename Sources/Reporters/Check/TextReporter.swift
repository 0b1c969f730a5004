import RuleEngine

/// Renders a ``Report`` as plain text for a board member or a cron log.
///
/// Each record gets a heading (partnership, file, as-of date), a one-line count of every status, then its
/// findings grouped by status, most urgent first: overdue, missing, due soon, late, waived, and with
/// ``includeAll`` also met and not applicable. Each finding says what is wrong, the duty and the law
/// behind it, who must act, by when, what to do and where in the record. Expired waivers follow, then
/// unused ones: with ``includeAll`` all of them, otherwise those naming a subject their rule lacks.
///
/// Lines are never wrapped (the reader's terminal or mail client does that). Record text is kept on its
/// own indented lines and stripped of control characters, so it cannot forge a heading or drive a
/// terminal. A pure function of the report and the options.
public struct TextReporter: CheckStream, Sendable {
    /// List met and not-applicable findings too (and waivers that matched nothing).
    public var includeAll: Bool
    /// Add ANSI colour to status tags and headings. The caller decides (a TTY, and no `NO_COLOR`).
    public var colour: Bool

    public init(includeAll: Bool = false, colour: Bool = false) {
        self.includeAll = includeAll
        self.colour = colour
    }

    // The text is each record's block, blank lines between, then the footer and a final newline.

    public func opening(_ report: Report) -> String { "" }

    public func body(_ record: RecordResult, of report: Report) -> String {
        self.record(record, asOf: report.asOf).joined(separator: "\n")
    }

    public func place(_ body: String, of record: RecordResult, position: Int) -> String {
        (position == 0 ? "" : "\n\n") + body
    }

    public func closing(_ report: Report, count: Int) -> String {
        (count == 0 ? "No records were checked." : "") + "\n\n" + footer(report) + "\n"
    }

    // MARK: Parts

    private func record(_ record: RecordResult, asOf: CivilDate) -> [String] {
        let title = CheckWording.singleLine(record.name ?? "Partnership name not recorded")
        var lines = [
            paint(title, .bold),
            String(repeating: "=", count: max(3, title.count)),
            "File: \(CheckWording.singleLine(record.file))",
            "As of: \(asOf.longForm)",
            "Summary: \(CheckWording.summary(record.summary))",
        ]
        if !record.findings.contains(where: { CheckWording.needsAction.contains($0.status) }) {
            lines.append("No findings need action.")
        }

        let order = includeAll ? CheckWording.fullOrder : CheckWording.actionOrder
        let partnerNames = RecordLookup.ownerNames(record.record)
        let covering = record.coveringWaivers
        for status in order {
            let group = record.findings.filter { $0.status == status }
            guard !group.isEmpty else { continue }
            lines += [""] + heading("\(CheckWording.heading(status)) (\(group.count))", style: Self.style(for: status))
            for finding in group {
                let waiver = covering.waiver(covering: finding)
                lines.append("")
                lines.append(paint("[\(CheckWording.tag(status))]", Self.style(for: status)) + " "
                             + CheckWording.titleLine(finding))
                lines += CheckWording.render(CheckWording.fields(of: finding, waiver: waiver, partnerNames: partnerNames),
                                             indent: "  ")
            }
        }

        lines += waiverSection("Expired waivers", record.waivers.filter { $0.state == .expired }, file: record.file)
        // An unused waiver is shown only with --all, unless it names a subject its rule does not have:
        // that is a slip in the record, and the finding it was meant for stays unwaived.
        lines += waiverSection("Unused waivers", record.waivers.filter { $0.state == .unused && (includeAll || $0.subjectsFound != nil) },
                               file: record.file)
        return lines
    }

    private func waiverSection(_ title: String, _ waivers: [WaiverOutcome], file: String) -> [String] {
        guard !waivers.isEmpty else { return [] }
        var lines = [""] + heading("\(title) (\(waivers.count))", style: .yellow)
        for waiver in waivers {
            let tag = waiver.state == .expired ? "[EXPIRED WAIVER]" : "[UNUSED WAIVER]"
            lines.append("")
            lines.append(paint(tag, .yellow) + " " + CheckWording.titleLine(waiver))
            lines += CheckWording.render(CheckWording.fields(of: waiver, file: file), indent: "  ")
        }
        return lines
    }

    private func heading(_ text: String, style: Style) -> [String] {
        [paint(text, style), String(repeating: "-", count: text.count)]
    }

    private func footer(_ report: Report) -> String {
        let tool = "\(CheckWording.singleLine(report.toolName)) \(CheckWording.singleLine(report.toolVersion))"
        guard !report.packs.isEmpty else { return "Checked by \(tool) with no rule packs." }
        let packs = report.packs.map { "\(CheckWording.singleLine($0.id)) \(CheckWording.singleLine($0.version))" }
        return "Checked by \(tool) with rule packs \(packs.joined(separator: ", "))."
    }

    // MARK: Colour

    enum Style: String, Sendable {
        case bold = "1"
        case dim = "2"
        case red = "31"
        case green = "32"
        case yellow = "33"
        case magenta = "35"
        case cyan = "36"
        case boldRed = "1;31"
    }

    static func style(for status: Status) -> Style {
        switch status {
        case .overdue: .boldRed
        case .missing: .red
        case .dueSoon: .yellow
        case .late: .cyan
        case .waived: .magenta
        case .met: .green
        case .notApplicable: .dim
        }
    }

    private func paint(_ text: String, _ style: Style) -> String {
        colour ? "\u{1B}[\(style.rawValue)m\(text)\u{1B}[0m" : text
    }
}
