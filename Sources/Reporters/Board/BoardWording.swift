import RuleEngine

/// Sentences both renderers share, so the HTML and Markdown reports say the same thing.
enum BoardWording {
    static let title = "Statutory duties compliance report"

    enum Section: Int, CaseIterable {
        case summary = 1, decisions, overdue, upcoming, approvals, waivers, changes

        var heading: String {
            switch self {
            case .summary: "\(rawValue). Summary"
            case .decisions: "\(rawValue). Decisions for the board"
            case .overdue: "\(rawValue). Overdue items and gaps"
            case .upcoming: "\(rawValue). Due before the next meeting"
            case .approvals: "\(rawValue). Partner approvals"
            case .waivers: "\(rawValue). Waivers"
            case .changes: "\(rawValue). Changes since the last report"
            }
        }

        var anchor: String {
            switch self {
            case .summary: "summary"
            case .decisions: "decisions"
            case .overdue: "overdue"
            case .upcoming: "upcoming"
            case .approvals: "approvals"
            case .waivers: "waivers"
            case .changes: "changes"
            }
        }
    }

    static let appendixHeading = "Appendix A. Every duty checked"
    static let lawHeading = "Appendix B. The law cited"
    static let lawIntro = "Every provision the duties above rest on, with its address on legislation.gov.uk or GOV.UK."
    /// The record and rule packs the report was worked out from, kept at the back: an auditor needs
    /// them, and the board's first page is for the position and the decisions.
    static let provenanceHeading = "Appendix C. How this report was produced"
    static let provenanceAnchor = "provenance"
    static let provenanceIntro = "The record and rule packs this report was worked out from. "
        + "A SHA-256 fingerprint changes with any change to its file: given the same fingerprints, "
        + "tool version and dates, DutyCheck finds the same."
    /// The heading's row pointing to Appendix C, and what it says.
    static let provenanceLabel = "Record and rule packs"
    static let provenancePointer = "See Appendix C"

    static func documentTitle(_ content: BoardReportContent) -> String {
        "\(title): \(content.heading.partnership), meeting of \(content.heading.meeting.longForm)"
    }

    /// "Of 14 duties checked as at 29 February 2024: 3 Red, 2 Amber, 8 Green and 1 Not applicable."
    /// Checks of the record itself are not duties, so they are left out (see `recordChecksSentence`).
    static func countsSentence(_ content: BoardReportContent) -> String {
        let total = content.dutyCount
        return "Of \(total) \(total == 1 ? "duty" : "duties") checked as at \(content.heading.asOf.longForm): \(ratingList(content.counts))."
    }

    /// The checks of the record itself, counted apart from the duties; nil when none ran.
    static func recordChecksSentence(_ content: BoardReportContent) -> String? {
        let total = content.recordCheckCount
        guard total > 0 else { return nil }
        return "The record itself also went through \(total) quality \(total == 1 ? "check" : "checks") "
            + "(\(RecordChecks.pack)), which \(total == 1 ? "is not a duty and is" : "are not duties and are") "
            + "counted apart: \(ratingList(content.recordCheckCounts, leaving: [.red]))."
    }

    /// "3 Red, 2 Amber, 8 Green and 1 Not applicable", leaving out `leaving` (a record check is
    /// never Red, so "0 Red" would only suggest it could be).
    private static func ratingList(_ counts: [BoardRating: Int], leaving: Set<BoardRating> = []) -> String {
        let parts = BoardRating.displayOrder.filter { !leaving.contains($0) }.map { "\(counts[$0] ?? 0) \($0.word)" }
        return parts.dropLast().joined(separator: ", ") + " and " + parts.last!
    }

    /// The warning under the summary, or nil when nothing is overdue or not shown as met. Gaps
    /// under unconfirmed or information-only rules (Amber) are counted apart from duties the law
    /// is known to impose (Red): the first may be local practice. Failed checks of the record
    /// itself are not duties, and are counted apart too.
    static func redWarning(_ content: BoardReportContent) -> String? {
        let allGaps = content.appendix.filter { [.overdue, .missing].contains($0.finding.status) }
        let gaps = allGaps.filter { !$0.finding.isRecordCheck }
        let recordGaps = allGaps.count - gaps.count
        let duties = gaps.filter { $0.rating == .red }
        let others = gaps.count - duties.count
        guard !allGaps.isEmpty else { return nil }
        let overdue = duties.filter { $0.finding.status == .overdue }.count
        let missing = duties.count - overdue
        var parts: [String] = []
        if overdue > 0 { parts.append("\(overdue) \(overdue == 1 ? "duty is" : "duties are") overdue") }
        if missing > 0 { parts.append("\(missing) \(missing == 1 ? "duty is" : "duties are") not shown as met") }
        var sentence = parts.joined(separator: " and ")
        if others > 0 {
            let counted = "\(others)\(sentence.isEmpty ? "" : " more") \(others == 1 ? "item" : "items")"
            sentence += (sentence.isEmpty ? "" : "; ") + "\(counted), under unconfirmed or information-only rules, "
                + "\(others == 1 ? "is" : "are") overdue or not shown as met (Amber)"
        }
        if recordGaps > 0 {
            sentence += (sentence.isEmpty ? "" : "; ") + "\(recordGaps) \(recordGaps == 1 ? "check" : "checks") of the record itself "
                + "\(recordGaps == 1 ? "is" : "are") not met"
        }
        return sentence.prefix(1).uppercased() + sentence.dropFirst() + ". See section \(Section.overdue.rawValue)."
    }

    /// The warning about waivers: those that have expired without a renewal, and those that end
    /// before the report's horizon; nil when there are none.
    static func expiredWaiverNote(_ content: BoardReportContent) -> String? {
        let expired = content.waivers.filter { $0.outcome.state == .expired && $0.renewedUntil == nil }.count
        let ending = content.waivers.filter { $0.endsBefore != nil }.count
        var parts: [String] = []
        if expired > 0 {
            parts.append("\(expired) \(expired == 1 ? "waiver has" : "waivers have") expired and no longer \(expired == 1 ? "covers" : "cover") anything")
        }
        if ending > 0 {
            parts.append("\(ending) \(ending == 1 ? "waiver ends" : "waivers end") \(endingWindow(content))")
        }
        guard !parts.isEmpty else { return nil }
        return parts.joined(separator: " and ") + ". See section \(Section.waivers.rawValue)."
    }

    /// "before the next meeting (23 May 2024)", or, with no later meeting recorded, "before 28 May
    /// 2024", the end of the window section 4 covers.
    private static func endingWindow(_ content: BoardReportContent) -> String {
        content.horizonIsMeeting ? "before the next meeting (\(content.horizon.longForm))" : "before \(content.horizon.longForm)"
    }

    static func noteRecommendation(_ content: BoardReportContent) -> String {
        "That the Board notes the compliance position as at \(content.heading.asOf.longForm)."
    }

    static let decisionsIntro = "The recommendations below cover the duties the board owns and the Red gaps in duties that partners own. "
        + "Each asks the board to agree the action shown, or to secure it from the partners named."
    static let noDecisions = "No duty needs a decision at this meeting."

    /// The timing worth adding after a rating label, or nil when the label says it all.
    static func timingAfterLabel(_ finding: Finding) -> String? {
        switch finding.status {
        case .missing, .notApplicable: nil
        default: BoardReportContent.timing(finding)
        }
    }

    /// The recommendation's opening, up to the item's quoted name: "That the Board agrees action on
    /// the duty". The name follows in quotation marks, so that a title written as a sentence ("A
    /// strategic assessment is prepared ...") reads as a name inside this one.
    static func decisionLead(_ item: BoardReportContent.Item) -> String {
        let noun = item.finding.isRecordCheck ? "the record check" : "the duty"
        if item.isPartnersRedGap {
            return item.owners.isEmpty ? "That the Board assigns and secures action on \(noun)"
                : "That the Board secures action from \(inWords(item.owners)) on \(noun)"
        }
        switch item.finding.status {
        case .dueSoon, .met: return "That the Board agrees how it will meet \(noun)"
        default: return "That the Board agrees action on \(noun)"
        }
    }

    /// "A", "A and B", "A, B and C".
    static func inWords(_ names: [String]) -> String {
        guard let last = names.last else { return "" }
        return names.count == 1 ? last : names.dropLast().joined(separator: ", ") + " and " + last
    }

    /// The item's name as the recommendation quotes it.
    static func quotedName(_ item: BoardReportContent.Item) -> String {
        "\u{201C}\(item.name)\u{201D}"
    }

    static let noOverdue = "Nothing is overdue and nothing required is missing."

    /// The caption of section 3's second table: deadlines missed, then met, since the last meeting.
    static func doneLateCaption(_ content: BoardReportContent) -> String {
        "Deadlines missed and then met since \(content.lateSince.map(\.longForm) ?? "the last meeting")"
    }

    static func upcomingIntro(_ content: BoardReportContent) -> String {
        let window = "between \(content.heading.asOf.longForm) and \(content.horizon.longForm)"
        if content.horizonIsMeeting {
            return "Duties falling due \(window), the date of the next board meeting."
        }
        // The window opens at the report's date, which may be before the meeting: it is not "the 90 days after".
        return "No later board meeting is recorded, so this section runs to \(BoardReportOptions.defaultHorizonDays) days after this meeting: duties falling due \(window)."
    }

    static let noUpcoming = "Nothing falls due in this period."
    static let noApprovals = "No partner approvals are recorded."

    static func approvalsCaption(_ round: ApprovalRound) -> String {
        let plan = round.plan ?? "the partnership plan"
        return round.due.map { "Approvals of \(plan), due \($0.longForm)" } ?? "Approvals of \(plan) (no due date recorded)"
    }

    /// The appendix's timing for the finding, then what is wrong when the rule could not read it:
    /// "Not shown as met: the approval date “2024-3-25” is not a date written YYYY-MM-DD".
    static func approvalPosition(_ row: ApprovalRound.Row) -> String {
        let timing = BoardReportContent.timing(row.item.finding)
        return row.problem.map { "\(timing): \($0)" } ?? timing
    }

    /// What the appendix says after a rule's id about why its gaps are Amber, not Red: its reading of
    /// the law is not yet confirmed, or it is given for information only (severity `info`).
    static func ruleQualifier(_ finding: Finding) -> String {
        let kind = recordCheckQualifier(finding)
        if finding.confidence == .unconfirmed { return kind + "; reading of the law not yet confirmed" }
        if finding.severity == .info { return kind + "; for information only" }
        return kind
    }

    static let noWaivers = "The record holds no waivers."

    /// A waiver's state; an unused one whose subject its rule's findings do not have (a misspelling,
    /// usually) names the subjects they do have, as the text output does, so it is not retired unread.
    static func waiverState(_ waiver: BoardReportContent.Waiver) -> String {
        let outcome = waiver.outcome
        switch outcome.state {
        case .active:
            guard let horizon = waiver.endsBefore else { return "Active" }
            return "Active; ends before \(horizon.longForm): renew it or act"
        case .expired:
            if let renewed = waiver.renewedUntil { return "Expired; renewed until \(renewed.longForm)" }
            return "Expired: no longer covers anything"
        case .unused:
            guard let found = outcome.subjectsFound, !found.isEmpty else { return "Unused: matched no finding" }
            let shown = found.prefix(10).joined(separator: ", ") + (found.count > 10 ? " and \(found.count - 10) more" : "")
            return "Unused: no finding of its rule has this subject (they have: \(shown))"
        }
    }

    static let noPreviousReport = "No previous report was supplied, so changes cannot be shown. Give the previous report's JSON output with --since to list them."

    static func changesIntro(_ changes: ChangesSinceLastReport) -> String {
        changes.previousAsOf.map { "Compared with the report as at \($0.longForm)." } ?? "Compared with the previous report."
    }

    /// Names no change word, so that it fits every one `changeWord` gives.
    static let changesCaption = "Items whose position has changed since the last report"

    static let noChanges = "Nothing has changed in the items that need attention."

    /// What happened to an item, in words that do not claim more than the two reports show: an item
    /// that left the red and amber lists because it no longer applies (its year began) was not
    /// necessarily done, so only one now met is "Resolved".
    static func changeWord(_ item: ChangeItem) -> String {
        switch item.kind {
        case .new: item.before == nil ? "New" : "Now needs attention"
        case .changed: "Changed"
        case .doneLate: "Done late"
        case .resolved:
            switch item.after?.status {
            case nil: "No longer checked"
            case .met?: "Resolved"
            case .late?: "Done late"
            case .notApplicable?: "No longer applies"
            default: "No longer needs attention"
            }
        }
    }

    static func snapshotText(_ snapshot: FindingSnapshot?) -> String {
        guard let snapshot else { return "Not checked" }
        // Labelled as the report labels a finding in the same state.
        let label = BoardRatedState(snapshot).label
        return snapshot.due.map { "\(label), due \($0.longForm)" } ?? label
    }

    static func appendixIntro(_ content: BoardReportContent) -> String {
        let what = content.recordCheckCount > 0 ? "Every duty checked, and every check of the record itself," : "Every duty checked,"
        return "\(what) in rule order, with its rating and the law it rests on: the numbers refer to Appendix B."
    }

    /// "Every duty checked (64), and 8 checks of the record itself".
    static func appendixCaption(_ content: BoardReportContent) -> String {
        let checks = content.recordCheckCount
        let duties = "Every duty checked (\(content.dutyCount))"
        guard checks > 0 else { return duties }
        return duties + ", and \(checks) \(checks == 1 ? "check" : "checks") of the record itself"
    }

    /// Section 3's law cell for a check of the record, before the provisions the fact it checks
    /// matters for: the check is not itself a duty, so the law is not shown as its reason.
    static let recordCheckLaw = "Not a duty: a check of the record. What it checks matters for:"

    /// What the appendix says after a rule's id for a check of the record itself.
    static func recordCheckQualifier(_ finding: Finding) -> String {
        finding.isRecordCheck ? "; a check of the record, not a duty" : ""
    }

    /// The rule's remedy in plain words, for the body of the report.
    static func remedy(_ item: BoardReportContent.Item) -> String {
        item.plainRemedy ?? "The rule gives no action; see the duty."
    }

    /// The finding's message in plain words, for the body of the report.
    static func message(_ item: BoardReportContent.Item) -> String {
        item.plainMessage
    }

    /// For a gap, the message as the rule wrote it, record paths and all, for the appendix (whoever
    /// keeps the record needs the paths); nil when the body shows it whole, or does not show it.
    static func technicalMessage(_ item: BoardReportContent.Item) -> String? {
        guard [.overdue, .missing].contains(item.finding.status), item.plainMessage != item.finding.message else { return nil }
        return "In the record: " + item.finding.message
    }

    /// What to do about an item due before the next meeting: for one already done for its due date,
    /// what the record shows, rather than the remedy, which would ask for it again. The next round
    /// of a recurring duty is not done yet, so it gets the remedy.
    static func upcomingAction(_ item: BoardReportContent.Item) -> String {
        item.finding.isDoneForDueDate ? message(item) : remedy(item)
    }

    /// Who must act; with no one shown because the rule could not work it out, says so (the
    /// message gives the reason), so that it is not read as a duty no one was given.
    static func owners(_ item: BoardReportContent.Item) -> String {
        guard item.owners.isEmpty else { return item.owners.joined(separator: ", ") }
        return item.finding.message.contains("(\(BoardPlainWords.ownerProblem)") ? "Not assigned: could not be worked out" : "Not assigned"
    }

    static func packLine(_ pack: PackInfo) -> String {
        "\(pack.id) \(pack.version) (\(pack.title))"
    }
}
