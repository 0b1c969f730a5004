import RuleEngine

/// Renders a board report as one self-contained HTML file: inline CSS, no script, no external
/// fonts, images or links other than citations, A4 print styles.
struct HTMLBoardRenderer {
    let content: BoardReportContent
    private var out = ""
    /// Tables started so far, to give each wide table's caption an id.
    private var tables = 0

    init(content: BoardReportContent) {
        self.content = content
    }

    static func render(_ content: BoardReportContent) -> String {
        var renderer = HTMLBoardRenderer(content: content)
        renderer.document()
        return renderer.out
    }

    // MARK: Building blocks

    private mutating func line(_ text: String) {
        out += text
        out += "\n"
    }

    private func e(_ text: String) -> String { MarkupEscape.html(text) }

    private func tag(_ rating: BoardRating, _ label: String) -> String {
        "<strong class=\"tag tag-\(rating.rawValue)\"><span class=\"symbol\" aria-hidden=\"true\">\(rating.symbol)</span> \(e(label))</strong>"
    }

    private func time(_ date: CivilDate) -> String {
        "<time datetime=\"\(date.iso)\">\(date.longForm)</time>"
    }

    private func citations(_ basis: [Citation]) -> String {
        if basis.isEmpty { return "No citation" }
        return "<ul class=\"plain citations\">" + basis.map { citation in
            let title = e(citation.title)
            if let url = MarkupEscape.safeURL(citation.url) {
                return "<li><a href=\"\(e(url))\">\(title)</a></li>"
            }
            return "<li>\(title)</li>"
        }.joined() + "</ul>"
    }

    /// Section 3's law cell: a check of the record says it is not a duty before what it bears on.
    private func lawCell(_ finding: Finding) -> String {
        guard finding.isRecordCheck else { return citations(finding.basis) }
        return e(BoardWording.recordCheckLaw) + (finding.basis.isEmpty ? "" : citations(finding.basis))
    }

    /// Numbered references to Appendix B: "[2] [7]", each an in-page link. The provision's title is
    /// in the link text too, hidden from view, since a `title` tooltip is not a reliable name. (On
    /// screen the table wrapper is positioned so that this absolutely placed text scrolls with its
    /// table rather than widening the page; not in print, where a positioned wrapper would be drawn
    /// after the text around it and so come out of order in the PDF.)
    private func citationReferences(_ basis: [Citation]) -> String {
        if basis.isEmpty { return "None" }
        return basis.compactMap { citation in
            content.citationNumbers[citation.id].map { number in
                let title = e(citation.title)
                return "<a href=\"#law-\(number)\" title=\"\(title)\">[\(number)]<span class=\"visually-hidden\"> \(title)</span></a>"
            }
        }.joined(separator: " ")
    }

    /// Starts a table; `widths` are column widths in percent, one per column, from the style sheet's `w-` classes.
    /// A table of four or more columns keeps a minimum width (`wide`) and scrolls sideways in its
    /// wrapper on a narrow screen rather than crushing its columns; that wrapper is then a region
    /// named by the caption and in the tab order, so it can be scrolled from the keyboard.
    private mutating func tableStart(caption: String, columns: [String], widths: [Int], numeric: Set<Int> = [],
                                     classes: String = "") {
        precondition(widths.count == columns.count && widths.reduce(0, +) == 100
                     && widths.allSatisfy(BoardStyleSheet.columnWidths.contains))
        tables += 1
        let wide = columns.count >= 4
        let classes = ([classes] + (wide ? ["wide"] : [])).filter { !$0.isEmpty }.joined(separator: " ")
        if wide {
            line("<div class=\"table-wrap\" role=\"region\" tabindex=\"0\" aria-labelledby=\"table-\(tables)\">")
        } else {
            line("<div class=\"table-wrap\">")
        }
        line("<table\(classes.isEmpty ? "" : " class=\"\(classes)\"")>")
        line("<caption\(wide ? " id=\"table-\(tables)\"" : "")>\(e(caption))</caption>")
        line("<colgroup>" + widths.map { "<col class=\"w-\($0)\">" }.joined() + "</colgroup>")
        line("<thead><tr>" + columns.enumerated().map { index, column in
            "<th scope=\"col\"\(numeric.contains(index) ? " class=\"num\"" : "")>\(e(column))</th>"
        }.joined() + "</tr></thead>")
        line("<tbody>")
    }

    private mutating func tableEnd() {
        line("</tbody>")
        line("</table>")
        line("</div>")
    }

    private mutating func sectionStart(_ section: BoardWording.Section) {
        line("<section aria-labelledby=\"\(section.anchor)\">")
        line("<h2 id=\"\(section.anchor)\">\(e(section.heading))</h2>")
    }

    // MARK: Document

    private mutating func document() {
        let heading = content.heading
        line("<!DOCTYPE html>")
        line("<html lang=\"en-GB\">")
        line("<head>")
        line("<meta charset=\"utf-8\">")
        line("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
        line("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">")
        line("<meta name=\"generator\" content=\"\(e(heading.tool))\">")
        line("<title>\(e(BoardWording.documentTitle(content)))</title>")
        line("<style>")
        out += BoardStyleSheet.css(runningHeader: "\(BoardStyleSheet.runningHeaderName(heading.partnership)): board meeting \(heading.meeting.longForm)")
        line("</style>")
        line("</head>")
        line("<body>")
        headingBlock()
        line("<main>")
        summary()
        decisions()
        overdue()
        upcoming()
        approvals()
        waivers()
        changes()
        appendix()
        line("</main>")
        line("</body>")
        line("</html>")
    }

    private mutating func headingBlock() {
        let heading = content.heading
        line("<header>")
        line("<h1>\(e(BoardWording.title))</h1>")
        line("<p class=\"lead\">\(e(heading.partnership))</p>")
        summaryList([
            ("Partnership", e(heading.partnership)),
            ("Meeting", "Board meeting, \(time(heading.meeting))"),
            ("Position as at", time(heading.asOf)),
            ("Prepared by", e(heading.preparedBy)),
            ("Next meeting", content.horizonIsMeeting ? time(content.horizon) : "None recorded"),
            (BoardWording.provenanceLabel, "<a href=\"#\(BoardWording.provenanceAnchor)\">\(e(BoardWording.provenancePointer))</a>"),
        ])
        line("</header>")
    }

    /// A list of labelled values, as the heading and Appendix C show them; each value is HTML already.
    private mutating func summaryList(_ rows: [(label: String, valueHTML: String)]) {
        line("<dl class=\"summary-list\">")
        for row in rows { line("<div><dt>\(row.label)</dt><dd>\(row.valueHTML)</dd></div>") }
        line("</dl>")
    }

    private mutating func provenance() {
        let heading = content.heading
        let anchor = BoardWording.provenanceAnchor
        line("<section aria-labelledby=\"\(anchor)\" class=\"appendix\">")
        line("<h2 id=\"\(anchor)\">\(e(BoardWording.provenanceHeading))</h2>")
        line("<p>\(e(BoardWording.provenanceIntro))</p>")
        let packs = heading.packs.isEmpty ? "None" : "<ul class=\"plain\">" + heading.packs.map { pack in
            "<li>\(e(BoardWording.packLine(pack)))<br><span class=\"hash\">SHA-256 \(e(pack.sha256))</span></li>"
        }.joined() + "</ul>"
        summaryList([
            ("Record", "\(e(heading.recordFile))<br><span class=\"hash\">SHA-256 \(e(heading.recordSHA256))</span>"),
            ("Checked by", e(heading.tool)),
            ("Rule packs", packs),
        ] + (heading.generated.map { [("Generated", e($0))] } ?? []))
        line("</section>")
    }

    private mutating func summary() {
        sectionStart(.summary)
        line("<p>\(e(BoardWording.countsSentence(content)))</p>")
        if let checks = BoardWording.recordChecksSentence(content) { line("<p>\(e(checks))</p>") }
        if let warning = BoardWording.redWarning(content) {
            line("<div class=\"warning\"><p><strong>Warning:</strong> \(e(warning))</p></div>")
        }
        if let note = BoardWording.expiredWaiverNote(content) {
            line("<div class=\"warning\"><p><strong>Warning:</strong> \(e(note))</p></div>")
        }
        tableStart(caption: "Ratings and what they mean", columns: ["Rating", "Duties", "What it means"],
                   widths: [22, 10, 68], numeric: [1], classes: "key")
        for rating in BoardRating.displayOrder {
            line("<tr><th scope=\"row\">\(tag(rating, rating.word))</th><td class=\"num\">\(content.counts[rating] ?? 0)</td><td>\(e(rating.meaning))</td></tr>")
        }
        tableEnd()
        line("</section>")
    }

    private mutating func decisions() {
        sectionStart(.decisions)
        line("<p>\(e(BoardWording.decisionsIntro))</p>")
        line("<ol class=\"recommendations\">")
        line("<li>\(e(BoardWording.noteRecommendation(content)))</li>")
        for item in content.decisions {
            let finding = item.finding
            line("<li>\(e(BoardWording.decisionLead(item))) <strong>\(e(BoardWording.quotedName(item)))</strong> "
                 + "(\(tag(item.rating, item.label))\(BoardWording.timingAfterLabel(finding).map { "; " + e($0) } ?? "")). "
                 + "Proposed action: \(MarkupEscape.htmlLines(BoardWording.remedy(item)))</li>")
        }
        line("</ol>")
        if content.decisions.isEmpty { line("<p>\(e(BoardWording.noDecisions))</p>") }
        line("</section>")
    }

    private mutating func overdue() {
        sectionStart(.overdue)
        if content.overdue.isEmpty {
            line("<p>\(e(BoardWording.noOverdue))</p>")
        } else {
            tableStart(caption: "Overdue duties and gaps in the record, most urgent first",
                       columns: ["What", "Rating", "Why: the law", "Who", "Since when", "What to do"],
                       widths: [22, 12, 22, 16, 12, 16])
            for item in content.overdue {
                let finding = item.finding
                line("<tr>"
                     + "<th scope=\"row\">\(e(item.name))<span class=\"detail\">\(MarkupEscape.htmlLines(BoardWording.message(item)))</span></th>"
                     + "<td>\(tag(item.rating, item.label))</td>"
                     + "<td>\(lawCell(finding))</td>"
                     + "<td>\(e(BoardWording.owners(item)))</td>"
                     + "<td>\(e(BoardReportContent.timing(finding)))</td>"
                     + "<td>\(MarkupEscape.htmlLines(BoardWording.remedy(item)))</td>"
                     + "</tr>")
            }
            tableEnd()
        }
        doneLate()
        line("</section>")
    }

    private mutating func doneLate() {
        guard !content.doneLate.isEmpty else { return }
        tableStart(caption: BoardWording.doneLateCaption(content), columns: ["What", "Rating", "Who", "When"],
                   widths: [40, 20, 16, 24])
        for item in content.doneLate {
            line("<tr><th scope=\"row\">\(e(item.name))</th>"
                 + "<td>\(tag(item.rating, item.label))</td>"
                 + "<td>\(e(BoardWording.owners(item)))</td>"
                 + "<td>\(e(BoardReportContent.timing(item.finding)))</td></tr>")
        }
        tableEnd()
    }

    private mutating func upcoming() {
        sectionStart(.upcoming)
        line("<p>\(e(BoardWording.upcomingIntro(content)))</p>")
        if content.upcoming.isEmpty {
            line("<p>\(e(BoardWording.noUpcoming))</p>")
        } else {
            tableStart(caption: "Falling due by \(content.horizon.longForm), earliest first",
                       columns: ["What", "Rating", "Due", "Who", "What to do"],
                       widths: [30, 16, 14, 16, 24])
            for item in content.upcoming {
                let finding = item.finding
                line("<tr>"
                     + "<th scope=\"row\">\(e(item.name))</th>"
                     + "<td>\(tag(item.rating, item.label))</td>"
                     + "<td class=\"date\">\(finding.due.map(time) ?? "")</td>"
                     + "<td>\(e(BoardWording.owners(item)))</td>"
                     + "<td>\(MarkupEscape.htmlLines(BoardWording.upcomingAction(item)))</td>"
                     + "</tr>")
            }
            tableEnd()
        }
        line("</section>")
    }

    private mutating func approvals() {
        sectionStart(.approvals)
        if let round = content.approvals {
            tableStart(caption: BoardWording.approvalsCaption(round), columns: ["Partner", "Rating", "Position"],
                       widths: [40, 25, 35])
            for row in round.rows {
                line("<tr><th scope=\"row\">\(e(row.partner))</th>"
                     + "<td>\(tag(row.item.rating, row.item.label))</td>"
                     + "<td>\(e(BoardWording.approvalPosition(row)))</td></tr>")
            }
            tableEnd()
        } else {
            line("<p>\(e(BoardWording.noApprovals))</p>")
        }
        line("</section>")
    }

    private mutating func waivers() {
        sectionStart(.waivers)
        if content.waivers.isEmpty {
            line("<p>\(e(BoardWording.noWaivers))</p>")
        } else {
            tableStart(caption: "Waivers in the record, soonest expiry first",
                       columns: ["Duty waived", "Reason", "Approved by", "Expires", "State"],
                       widths: [26, 30, 16, 12, 16])
            for waiver in content.waivers {
                let outcome = waiver.outcome
                var what = e(waiver.ruleTitle ?? outcome.rule)
                if let subject = waiver.subject { what += ": " + e(subject) }
                what += "<span class=\"detail\">Rule \(e(outcome.rule))"
                if let reference = outcome.reference { what += "; reference \(e(reference))" }
                what += "</span>"
                line("<tr><th scope=\"row\">\(what)</th>"
                     + "<td>\(MarkupEscape.htmlLines(outcome.reason))</td>"
                     + "<td>\(e(outcome.approvedBy))</td>"
                     + "<td class=\"date\">\(time(outcome.until))</td>"
                     + "<td>\(waiver.needsAttention ? "<strong>\(e(BoardWording.waiverState(waiver)))</strong>" : e(BoardWording.waiverState(waiver)))</td></tr>")
            }
            tableEnd()
        }
        line("</section>")
    }

    private mutating func changes() {
        sectionStart(.changes)
        guard let changes = content.changes else {
            line("<p>\(e(BoardWording.noPreviousReport))</p>")
            line("</section>")
            return
        }
        line("<p>\(e(BoardWording.changesIntro(changes)))</p>")
        if changes.items.isEmpty {
            line("<p>\(e(BoardWording.noChanges))</p>")
        } else {
            // The item names the row; it comes first, since a row header labels the cells after it.
            tableStart(caption: BoardWording.changesCaption, columns: ["Item", "Change", "Before", "Now"],
                       widths: [40, 12, 24, 24])
            for item in changes.items {
                line("<tr><th scope=\"row\">\(e(content.changeName(item)))</th>"
                     + "<td>\(BoardWording.changeWord(item))</td>"
                     + "<td>\(e(BoardWording.snapshotText(item.before)))</td>"
                     + "<td>\(e(BoardWording.snapshotText(item.after)))</td></tr>")
            }
            tableEnd()
        }
        line("</section>")
    }

    private mutating func appendix() {
        line("<section aria-labelledby=\"appendix\" class=\"appendix\">")
        line("<h2 id=\"appendix\">\(e(BoardWording.appendixHeading))</h2>")
        line("<p>\(e(BoardWording.appendixIntro(content)))</p>")
        tableStart(caption: BoardWording.appendixCaption(content),
                   columns: ["Duty", "Rating", "When", "The law"], widths: [40, 20, 28, 12])
        for item in content.appendix {
            let finding = item.finding
            line("<tr><th scope=\"row\">\(e(item.name))<span class=\"detail\">Rule \(e(finding.rule))"
                 + "\(e(BoardWording.ruleQualifier(finding)))"
                 + "\(BoardWording.technicalMessage(item).map { "<br>" + MarkupEscape.htmlLines($0) } ?? "")</span></th>"
                 + "<td>\(tag(item.rating, item.label))</td>"
                 + "<td>\(e(BoardReportContent.timing(finding)))</td>"
                 + "<td>\(citationReferences(finding.basis))</td></tr>")
        }
        tableEnd()
        line("</section>")
        law()
    }

    private mutating func law() {
        line("<section aria-labelledby=\"law\" class=\"appendix\">")
        line("<h2 id=\"law\">\(e(BoardWording.lawHeading))</h2>")
        line("<p>\(e(BoardWording.lawIntro))</p>")
        line("<ol class=\"law-list\">")
        for (index, citation) in content.citations.enumerated() {
            let id = "law-\(index + 1)"
            if let url = MarkupEscape.safeURL(citation.url) {
                line("<li id=\"\(id)\"><a href=\"\(e(url))\">\(e(citation.title))</a><br><span class=\"url\">\(e(url))</span></li>")
            } else {
                line("<li id=\"\(id)\">\(e(citation.title))</li>")
            }
        }
        line("</ol>")
        line("</section>")
        provenance()
    }
}
