import RuleEngine
import YAMLTree

/// Everything a board report says, worked out once and rendered as HTML or Markdown.
struct BoardReportContent {
    struct Heading {
        var partnership: String
        var meeting: CivilDate
        var asOf: CivilDate
        var preparedBy: String
        var recordFile: String
        var recordSHA256: String
        var tool: String
        var packs: [PackInfo]
        var generated: String?
    }

    /// A finding as the report shows it.
    struct Item {
        var finding: Finding
        var rating: BoardRating
        /// The finding's subject as a reader sees it: its label, where the rule gives one.
        var subject: String?
        /// Owners as a reader sees them.
        var owners: [String]
        /// The message and the remedy in plain words (`BoardPlainWords`), for the body.
        var plainMessage: String
        var plainRemedy: String?

        /// "Red: overdue", "Amber: due soon", "Green: not yet due", "Not applicable".
        var label: String { BoardReportContent.label(finding) }
        /// The title with its subject, if any.
        var name: String { subject.map { "\(finding.title): \($0)" } ?? finding.title }
        /// A Red gap (a statutory duty overdue or not shown as met) that partners own, not the board.
        var isPartnersRedGap: Bool {
            rating == .red && [.overdue, .missing].contains(finding.status)
                && !finding.owners.contains(where: BoardOwner.isBoard)
        }
    }

    struct Waiver {
        var outcome: WaiverOutcome
        var ruleTitle: String?
        var subject: String?
        /// For an expired waiver, the latest end of an unexpired one for the same rule and subject
        /// (a renewal): the gap it left is covered, so it is not a warning.
        var renewedUntil: CivilDate?
        /// For an active waiver that ends before the report's horizon (the next meeting, or 90 days
        /// on when none is recorded), that horizon: renew it, or act, at this meeting.
        var endsBefore: CivilDate?

        /// Expired and not renewed, or ending before the horizon: shown in bold.
        var needsAttention: Bool { (outcome.state == .expired && renewedUntil == nil) || endsBefore != nil }
    }

    var heading: Heading
    /// Duties by rating: checks of the record itself are left out.
    var counts: [BoardRating: Int]
    /// Checks of the record itself (the record-quality pack) by rating.
    var recordCheckCounts: [BoardRating: Int]
    /// How many duties were checked, and how many checks of the record.
    var dutyCount: Int
    var recordCheckCount: Int
    var decisions: [Item]
    var overdue: [Item]
    /// Deadlines missed and then met since the last board meeting (`lateSince`), so that one that
    /// passed between meetings is reported in the body, not only in the appendix.
    var doneLate: [Item]
    /// The last board meeting before this one, or else the previous report's date; nil when neither is known.
    var lateSince: CivilDate?
    var upcoming: [Item]
    /// The last day "due before the next meeting" covers.
    var horizon: CivilDate
    /// True when `horizon` is a recorded (or given) meeting, false when it is the default window.
    var horizonIsMeeting: Bool
    /// Section 5; nil when no plan has an approval round.
    var approvals: ApprovalRound?
    var waivers: [Waiver]
    var changes: ChangesSinceLastReport?
    var appendix: [Item]
    /// Partner ids mapped to names, from the record.
    var partners: [String: String]
    /// Every provision cited by a finding, once each, sorted by title.
    var citations: [Citation]
    /// Each citation's number in Appendix B, by citation id.
    var citationNumbers: [String: Int]

    init(report: Report, record: RecordResult, options: BoardReportOptions) {
        let node = record.record
        let partners = RecordLookup.partnerNames(node)
        let ownerNames = RecordLookup.ownerNames(node)
        self.partners = partners
        let partnership = record.name ?? RecordLookup.partnershipName(node) ?? "Unnamed partnership"

        heading = Heading(
            partnership: partnership, meeting: options.meeting, asOf: report.asOf,
            preparedBy: options.preparedBy ?? RecordLookup.contactName(node) ?? "Not recorded",
            recordFile: record.file, recordSHA256: record.sha256,
            tool: "\(report.toolName) \(report.toolVersion)", packs: report.packs, generated: options.generated)

        let items = record.findings.map { finding in
            Item(finding: finding, rating: BoardRatedState(finding).rating,
                 subject: finding.shownSubject,
                 owners: finding.owners.map { Self.ownerName($0, partners: ownerNames) },
                 plainMessage: BoardPlainWords.plain(finding.message, recordText: finding.recordText.message),
                 plainRemedy: finding.remedy.map { BoardPlainWords.plain($0, recordText: finding.recordText.remedy) })
        }
        appendix = items
        var cited: [String: Citation] = [:]
        for finding in record.findings {
            for citation in finding.basis where cited[citation.id] == nil { cited[citation.id] = citation }
        }
        citations = cited.values.sorted { ($0.title, $0.id) < ($1.title, $1.id) }
        citationNumbers = Dictionary(uniqueKeysWithValues: citations.enumerated().map { ($1.id, $0 + 1) })
        let duties = items.filter { !$0.finding.isRecordCheck }, recordChecks = items.filter(\.finding.isRecordCheck)
        counts = Self.byRating(duties)
        recordCheckCounts = Self.byRating(recordChecks)
        dutyCount = duties.count
        recordCheckCount = recordChecks.count

        if let next = options.nextMeeting ?? RecordLookup.boardMeetings(node).first(where: { $0 > options.meeting }) {
            horizon = next
            horizonIsMeeting = true
        } else {
            horizon = options.meeting.adding(days: BoardReportOptions.defaultHorizonDays)
            horizonIsMeeting = false
        }
        let asOf = report.asOf, horizon = horizon
        let asking = BoardPlanRevisionOverlap.askingForAction(items, asOf: asOf, horizon: horizon)

        // The board's own gaps, and its own deadlines before it next meets (one outside the rule's
        // warning window now may pass before then), not yet done; and every Red gap that partners
        // own, since the law binds the partnership whoever is to act.
        decisions = Self.sortedByUrgency(asking.filter { item in
            let finding = item.finding
            guard finding.owners.contains(where: BoardOwner.isBoard) else { return item.isPartnersRedGap }
            return [.overdue, .missing, .dueSoon].contains(finding.status) || finding.isAwaitingDueDate(from: asOf, to: horizon)
        })
        // Every gap, Amber ones under unconfirmed or information-only rules included.
        overdue = Self.sortedByUrgency(items.filter { [.overdue, .missing].contains($0.finding.status) })

        let lateSince = RecordLookup.boardMeetings(node).last(where: { $0 < options.meeting }) ?? options.changes?.previousAsOf
        self.lateSince = lateSince
        doneLate = lateSince.map { since in
            items.filter { item in
                item.finding.status == .late && item.finding.done.map { since < $0 && $0 <= asOf } == true
            }
        } ?? []

        upcoming = asking.enumerated().filter { _, item in
            guard let due = item.finding.due, asOf <= due, due <= horizon else { return false }
            return item.finding.isStillOpen
        }.sorted { lhs, rhs in
            (lhs.element.finding.due!, lhs.offset) < (rhs.element.finding.due!, rhs.offset)
        }.map(\.element)

        approvals = ApprovalRound(items: items, record: node, partners: partners)

        let labels = SubjectLabels(record.findings)
        var titles: [String: String] = [:]
        for finding in record.findings where titles[finding.rule] == nil { titles[finding.rule] = finding.title }
        let all = record.waivers
        waivers = all.enumerated().sorted { lhs, rhs in
            (lhs.element.until, lhs.offset) < (rhs.element.until, rhs.offset)
        }.map { _, outcome in
            let renewals = all.filter { $0.state != .expired && $0.rule == outcome.rule && $0.subject == outcome.subject }
            return Waiver(outcome: outcome, ruleTitle: titles[outcome.rule],
                          subject: outcome.subject.map { labels.named(rule: outcome.rule, subject: $0) },
                          renewedUntil: outcome.state == .expired ? renewals.map(\.until).max() : nil,
                          endsBefore: outcome.state == .active && outcome.until < horizon ? horizon : nil)
        }
        changes = options.changes
    }

    /// How many of `items` have each rating, zero where none.
    static func byRating(_ items: [Item]) -> [BoardRating: Int] {
        Dictionary(uniqueKeysWithValues: BoardRating.allCases.map { rating in
            (rating, items.filter { $0.rating == rating }.count)
        })
    }

    /// Red before Amber before the rest, error before warning before info, overdue before
    /// not-recorded before due-soon, then by due date, then in the report's own order.
    static func sortedByUrgency(_ items: [Item]) -> [Item] {
        func ratingRank(_ rating: BoardRating) -> Int { BoardRating.displayOrder.firstIndex(of: rating) ?? 0 }
        func statusRank(_ status: Status) -> Int {
            switch status {
            case .overdue: 0
            case .missing: 1
            case .dueSoon: 2
            default: 3
            }
        }
        return items.enumerated().sorted { lhs, rhs in
            let left = lhs.element.finding, right = rhs.element.finding
            if lhs.element.rating != rhs.element.rating { return ratingRank(lhs.element.rating) < ratingRank(rhs.element.rating) }
            let leftLevel = left.level ?? left.severity, rightLevel = right.level ?? right.severity
            if leftLevel != rightLevel { return leftLevel > rightLevel }
            if statusRank(left.status) != statusRank(right.status) { return statusRank(left.status) < statusRank(right.status) }
            switch (left.due, right.due) {
            case let (l?, r?) where l != r: return l < r
            case (.some, nil): return true
            case (nil, .some): return false
            default: return lhs.offset < rhs.offset
            }
        }.map(\.element)
    }

    /// A change item's title and its subject as a reader sees it.
    func changeName(_ item: ChangeItem) -> String {
        item.shownSubject.map { "\(item.title): \($0)" } ?? item.title
    }

    static func ownerName(_ owner: String, partners: [String: String]) -> String {
        if BoardOwner.isBoard(owner) { return BoardOwner.name }
        return partners[owner] ?? owner
    }

    /// The finding's rating and status in words (see `BoardRatedState.label`).
    static func label(_ finding: Finding) -> String { BoardRatedState(finding).label }

    /// When, in words: "Due 31 March 2024; 2 days overdue", "Not shown as met", "Next due 1 April 2025".
    static func timing(_ finding: Finding) -> String {
        let due = finding.due.map(\.longForm)
        switch finding.status {
        case .overdue:
            guard let due else { return "Overdue" }
            return finding.days.map { "Due \(due); \(Self.days($0)) overdue" } ?? "Due \(due)"
        case .missing:
            return "Not shown as met"
        case .dueSoon:
            guard let due else { return "Due soon" }
            guard let days = finding.days else { return "Due \(due)" }
            return days == 0 ? "Due today, \(due)" : "Due \(due); \(Self.days(days)) left"
        case .late:
            let done = finding.done.map { "Done \($0.longForm)" } ?? "Done"
            guard let due else { return done }
            return finding.days.map { "\(done), \(Self.days($0)) after \(due)" } ?? "\(done); was due \(due)"
        case .met:
            if finding.isRecurring, let done = finding.done, let due {
                return "Next due by \(due); last done \(done.longForm)"
            }
            switch (finding.done, due) {
            case let (done?, due?): return "Done \(done.longForm); due \(due)"
            case let (done?, nil): return "Done \(done.longForm)"
            case let (nil, due?): return "Due \(due)"
            case (nil, nil): return "Met"
            }
        case .waived:
            return due.map { "Due \($0); waived" } ?? "Waived"
        case .notApplicable:
            return "Not applicable"
        }
    }

    static func days(_ count: Int) -> String { count == 1 ? "1 day" : "\(count) days" }
}

extension Finding {
    /// Met, with a due date still to come that is not done: nothing is recorded as done, or what is
    /// recorded is an earlier round of a recurring duty (its next round is not done yet).
    var isAwaitingDueDate: Bool { BoardRatedState(self).isAwaitingDueDate }

    /// Awaiting a due date that falls from `asOf` to `horizon` (the next meeting, or 90 days on):
    /// not done yet, and due before the board meets again.
    func isAwaitingDueDate(from asOf: CivilDate, to horizon: CivilDate) -> Bool {
        isAwaitingDueDate && due.map { asOf <= $0 && $0 <= horizon } == true
    }

    /// Met, and done for its due date (a deadline finished early), not merely for an earlier round.
    var isDoneForDueDate: Bool { status == .met && done != nil && !isRecurring }

    /// Has a due date still to come into play: due soon, waived, or met with a due date.
    ///
    /// A met finding with a due date is kept even when `done` is recorded: for a recurring duty
    /// `done` is the last round and `due` the next, still to do (`isAwaitingDueDate`); a deadline
    /// finished early is listed with its completion date shown (`isDoneForDueDate`).
    var isStillOpen: Bool {
        switch status {
        case .dueSoon, .waived: true
        case .met: due != nil
        default: false
        }
    }
}
