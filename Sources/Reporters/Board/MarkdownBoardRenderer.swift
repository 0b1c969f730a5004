import RuleEngine

/// Renders a board report as GitHub-Flavored Markdown: pipe tables, every record or rule value
/// escaped so it shows as written, ratings as a symbol and a bold word.
struct MarkdownBoardRenderer {
    let content: BoardReportContent
    private var out = ""

    init(content: BoardReportContent) {
        self.content = content
    }

    static func render(_ content: BoardReportContent) -> String {
        var renderer = MarkdownBoardRenderer(content: content)
        renderer.document()
        return renderer.out
    }

    // MARK: Building blocks

    private mutating func line(_ text: String = "") {
        out += text
        out += "\n"
    }

    private func m(_ text: String) -> String { MarkupEscape.markdown(text) }

    /// `text` on a new line of a cell.
    private func br(_ text: String) -> String { MarkupEscape.markdownAfterBreak(text) }

    /// Record or rule text in bold. CommonMark makes nothing bold when `**` has a space inside it,
    /// so spaces at either end are left out; text that is all spaces is not emphasised.
    private func strong(_ text: String) -> String {
        let trimmed = text.drop { $0.isWhitespace }.reversed().drop { $0.isWhitespace }.reversed()
        return trimmed.isEmpty ? m(text) : "**\(m(String(trimmed)))**"
    }

    private func tag(_ rating: BoardRating, _ label: String) -> String {
        "\(rating.symbol) \(strong(label))"
    }

    /// Citations one to a line of the cell; `afterBreak` when the first follows a `<br>` too.
    private func citations(_ basis: [Citation], afterBreak: Bool = false) -> String {
        if basis.isEmpty { return afterBreak ? br("No citation") : "No citation" }
        return MarkdownCitations.cell(basis, afterBreak: afterBreak)
    }

    /// Section 3's law cell: a check of the record says it is not a duty before what it bears on.
    private func lawCell(_ finding: Finding) -> String {
        guard finding.isRecordCheck else { return citations(finding.basis) }
        return m(BoardWording.recordCheckLaw) + (finding.basis.isEmpty ? "" : citations(finding.basis, afterBreak: true))
    }

    private mutating func table(_ caption: String, columns: [String], alignments: [String]? = nil, rows: [[String]]) {
        line("**\(m(caption))**")
        line()
        line("| " + columns.map(m).joined(separator: " | ") + " |")
        line("|" + (alignments ?? columns.map { _ in "---" }).joined(separator: "|") + "|")
        for row in rows { line("| " + row.map(MarkupEscape.markdownTableCell).joined(separator: " | ") + " |") }
        line()
    }

    private mutating func heading(_ section: BoardWording.Section) {
        line("## \(m(section.heading))")
        line()
    }

    private mutating func paragraph(_ text: String) {
        line(text)
        line()
    }

    // MARK: Document

    private mutating func document() {
        let heading = content.heading
        line("# \(m(BoardWording.title))")
        line()
        paragraph(strong(heading.partnership))
        line("- **Partnership:** \(m(heading.partnership))")
        line("- **Meeting:** Board meeting, \(heading.meeting.longForm)")
        line("- **Position as at:** \(heading.asOf.longForm)")
        line("- **Prepared by:** \(m(heading.preparedBy))")
        line("- **Next meeting:** \(content.horizonIsMeeting ? content.horizon.longForm : "None recorded")")
        line("- **\(m(BoardWording.provenanceLabel)):** \(m(BoardWording.provenancePointer))")
        line()
        summary()
        decisions()
        overdue()
        upcoming()
        approvals()
        waivers()
        changes()
        appendix()
        law()
        provenance()
    }

    /// Appendix C: the record and rule packs the report was worked out from.
    private mutating func provenance() {
        let heading = content.heading
        line("## \(m(BoardWording.provenanceHeading))")
        line()
        paragraph(m(BoardWording.provenanceIntro))
        line("- **Record:** \(m(heading.recordFile)) (SHA-256 \(m(heading.recordSHA256)))")
        line("- **Checked by:** \(m(heading.tool))")
        if heading.packs.isEmpty { line("- **Rule packs:** None") }
        for pack in heading.packs {
            line("- **Rule pack:** \(m(BoardWording.packLine(pack))) (SHA-256 \(m(pack.sha256)))")
        }
        if let generated = heading.generated { line("- **Generated:** \(m(generated))") }
    }

    private mutating func summary() {
        heading(.summary)
        paragraph(m(BoardWording.countsSentence(content)))
        if let checks = BoardWording.recordChecksSentence(content) { paragraph(m(checks)) }
        if let warning = BoardWording.redWarning(content) { paragraph("> **Warning:** \(m(warning))") }
        if let note = BoardWording.expiredWaiverNote(content) { paragraph("> **Warning:** \(m(note))") }
        table("Ratings and what they mean", columns: ["Rating", "Duties", "What it means"],
              alignments: ["---", "---:", "---"],
              rows: BoardRating.displayOrder.map { rating in
                  [tag(rating, rating.word), "\(content.counts[rating] ?? 0)", m(rating.meaning)]
              })
    }

    private mutating func decisions() {
        heading(.decisions)
        paragraph(m(BoardWording.decisionsIntro))
        line("1. \(m(BoardWording.noteRecommendation(content)))")
        for (index, item) in content.decisions.enumerated() {
            let finding = item.finding
            line("\(index + 2). \(m(BoardWording.decisionLead(item))) \(strong(BoardWording.quotedName(item))) "
                 + "(\(tag(item.rating, item.label))\(BoardWording.timingAfterLabel(finding).map { "; " + m($0) } ?? "")). "
                 + "Proposed action: \(m(BoardWording.remedy(item)))")
        }
        line()
        if content.decisions.isEmpty { paragraph(m(BoardWording.noDecisions)) }
    }

    private mutating func overdue() {
        heading(.overdue)
        if content.overdue.isEmpty {
            paragraph(m(BoardWording.noOverdue))
        } else {
            gapsTable()
        }
        guard !content.doneLate.isEmpty else { return }
        table(BoardWording.doneLateCaption(content), columns: ["What", "Rating", "Who", "When"],
              rows: content.doneLate.map { item in
                  [strong(item.name), tag(item.rating, item.label), m(BoardWording.owners(item)),
                   m(BoardReportContent.timing(item.finding))]
              })
    }

    private mutating func gapsTable() {
        table("Overdue duties and gaps in the record, most urgent first",
              columns: ["What", "Rating", "Why: the law", "Who", "Since when", "What to do"],
              rows: content.overdue.map { item in
                  let finding = item.finding
                  return [strong(item.name) + br(BoardWording.message(item)),
                          tag(item.rating, item.label),
                          lawCell(finding),
                          m(BoardWording.owners(item)),
                          m(BoardReportContent.timing(finding)),
                          m(BoardWording.remedy(item))]
              })
    }

    private mutating func upcoming() {
        heading(.upcoming)
        paragraph(m(BoardWording.upcomingIntro(content)))
        if content.upcoming.isEmpty {
            paragraph(m(BoardWording.noUpcoming))
            return
        }
        table("Falling due by \(content.horizon.longForm), earliest first",
              columns: ["What", "Rating", "Due", "Who", "What to do"],
              rows: content.upcoming.map { item in
                  let finding = item.finding
                  return [strong(item.name), tag(item.rating, item.label), finding.due?.longForm ?? "",
                          m(BoardWording.owners(item)), m(BoardWording.upcomingAction(item))]
              })
    }

    private mutating func approvals() {
        heading(.approvals)
        guard let round = content.approvals else {
            paragraph(m(BoardWording.noApprovals))
            return
        }
        table(BoardWording.approvalsCaption(round), columns: ["Partner", "Rating", "Position"],
              rows: round.rows.map { row in
                  [strong(row.partner), tag(row.item.rating, row.item.label), m(BoardWording.approvalPosition(row))]
              })
    }

    private mutating func waivers() {
        heading(.waivers)
        if content.waivers.isEmpty {
            paragraph(m(BoardWording.noWaivers))
            return
        }
        table("Waivers in the record, soonest expiry first",
              columns: ["Duty waived", "Reason", "Approved by", "Expires", "State"],
              rows: content.waivers.map { waiver in
                  let outcome = waiver.outcome
                  let duty = (waiver.ruleTitle ?? outcome.rule) + (waiver.subject.map { ": " + $0 } ?? "")
                  var what = strong(duty) + br("Rule " + outcome.rule)
                  if let reference = outcome.reference { what += "; reference \(m(reference))" }
                  let state = BoardWording.waiverState(waiver)
                  return [what, m(outcome.reason), m(outcome.approvedBy), outcome.until.longForm,
                          waiver.needsAttention ? strong(state) : m(state)]
              })
    }

    private mutating func changes() {
        heading(.changes)
        guard let changes = content.changes else {
            paragraph(m(BoardWording.noPreviousReport))
            return
        }
        paragraph(m(BoardWording.changesIntro(changes)))
        if changes.items.isEmpty {
            paragraph(m(BoardWording.noChanges))
            return
        }
        table(BoardWording.changesCaption, columns: ["Item", "Change", "Before", "Now"],
              rows: changes.items.map { item in
                  [strong(content.changeName(item)), BoardWording.changeWord(item),
                   m(BoardWording.snapshotText(item.before)), m(BoardWording.snapshotText(item.after))]
              })
    }

    private mutating func appendix() {
        line("## \(m(BoardWording.appendixHeading))")
        line()
        paragraph(m(BoardWording.appendixIntro(content)))
        table(BoardWording.appendixCaption(content), columns: ["Duty", "Rating", "When", "The law"],
              rows: content.appendix.map { item in
                  let finding = item.finding
                  return [strong(item.name) + br("Rule " + finding.rule + BoardWording.ruleQualifier(finding))
                          + (BoardWording.technicalMessage(item).map(br) ?? ""), tag(item.rating, item.label),
                          m(BoardReportContent.timing(finding)),
                          finding.basis.compactMap { content.citationNumbers[$0.id].map { "\\[\($0)\\]" } }.joined(separator: " ")]
              })
    }

    private mutating func law() {
        line("## \(m(BoardWording.lawHeading))")
        line()
        paragraph(m(BoardWording.lawIntro))
        for (index, citation) in content.citations.enumerated() {
            if let url = MarkupEscape.markdownURL(citation.url) {
                line("\(index + 1). [\(MarkupEscape.markdownLinkText(citation.title))](\(url))")
            } else {
                line("\(index + 1). \(m(citation.title))")
            }
        }
        line()
    }
}
