import RuleEngine

/// What a board report needs beyond the `Report`: everything the command finds out from flags,
/// files or the clock is passed in here, so the report is a pure function of its inputs.
public struct BoardReportOptions: Sendable {
    /// The date of the meeting the report is for.
    public var meeting: CivilDate
    /// The meeting after this one. Nil: the first later board meeting in the record's `meetings`,
    /// or, when none is recorded, 90 days after `meeting`.
    public var nextMeeting: CivilDate?
    /// Who prepared the report. Nil: the record's `partnership.contact.name`.
    public var preparedBy: String?
    /// What changed since the last report. Nil: no previous report was supplied.
    public var changes: ChangesSinceLastReport?
    /// When the report was generated, as the reader should see it (for example
    /// `2024-02-29T07:00:00Z`). Nil leaves it out, which keeps the output reproducible.
    public var generated: String?

    public init(meeting: CivilDate, nextMeeting: CivilDate? = nil, preparedBy: String? = nil,
                changes: ChangesSinceLastReport? = nil, generated: String? = nil) {
        self.meeting = meeting
        self.nextMeeting = nextMeeting
        self.preparedBy = preparedBy
        self.changes = changes
        self.generated = generated
    }

    /// How far ahead "due before the next meeting" looks when no later meeting is recorded.
    public static let defaultHorizonDays = 90
}

/// A finding as an earlier report saw it: enough to say what has changed since.
public struct FindingSnapshot: Sendable, Hashable {
    public var rule: String
    public var subject: String?
    public var title: String
    public var status: Status
    public var due: CivilDate?
    /// Its rule's confidence; nil when the JSON it was read from does not give it.
    public var confidence: Confidence?
    /// Its rule's severity; nil when the JSON it was read from does not give it.
    public var severity: Severity?
    /// What a reader sees for the subject (see `Finding.label`); nil when the JSON gives none.
    public var label: String?
    /// When it was done, as the earlier report recorded it: a met item with a due date and nothing
    /// done was not yet due, not met.
    public var done: CivilDate?
    /// Whether its rule is a recurring duty, whose `done` is an earlier round than its `due`. The
    /// check's JSON does not say; `ChangesSinceLastReport` takes it from the rules in use now.
    public var isRecurring: Bool
    /// Its rule's pack, telling a check of the record from a duty; nil when not known.
    public var pack: String?

    public init(rule: String, subject: String?, title: String, status: Status, due: CivilDate?,
                confidence: Confidence? = nil, severity: Severity? = nil, label: String? = nil, done: CivilDate? = nil,
                isRecurring: Bool = false, pack: String? = nil) {
        self.done = done
        self.isRecurring = isRecurring
        self.pack = pack
        self.rule = rule
        self.subject = subject
        self.title = title
        self.status = status
        self.due = due
        self.confidence = confidence
        self.severity = severity
        self.label = label
    }

    public init(_ finding: Finding) {
        self.init(rule: finding.rule, subject: finding.subject, title: finding.title, status: finding.status,
                  due: finding.due, confidence: finding.confidence, severity: finding.severity, label: finding.label,
                  done: finding.done, isRecurring: finding.isRecurring, pack: finding.pack)
    }
}

/// One difference between the last report and this one.
public struct ChangeItem: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// Needs attention now and did not before (or was not checked before).
        case new
        /// Still needs attention, with a different status or due date.
        case changed
        /// Needed attention before and no longer does (or is no longer checked).
        case resolved
        /// Did not need attention before, and has since missed its deadline and been done late:
        /// a deadline that passed between two reports would otherwise show only in the appendix.
        case doneLate
    }

    public var kind: Kind
    public var rule: String
    public var subject: String?
    public var title: String
    /// Nil when the item was not checked before.
    public var before: FindingSnapshot?
    /// Nil when the item is no longer checked.
    public var after: FindingSnapshot?

    public init(kind: Kind, rule: String, subject: String?, title: String, before: FindingSnapshot?,
                after: FindingSnapshot?) {
        self.kind = kind
        self.rule = rule
        self.subject = subject
        self.title = title
        self.before = before
        self.after = after
    }

    /// The subject as a reader sees it: as today's finding shows it, else (an item no longer
    /// checked) as the earlier report's did.
    public var shownSubject: String? { after.map { $0.label ?? $0.subject } ?? before?.label ?? subject }
}

/// The changes section's input: which report it compares with and what changed.
public struct ChangesSinceLastReport: Sendable, Hashable {
    /// The previous report's as-of date, when known.
    public var previousAsOf: CivilDate?
    public var items: [ChangeItem]

    public init(previousAsOf: CivilDate?, items: [ChangeItem]) {
        self.previousAsOf = previousAsOf
        self.items = items
    }

    /// Statuses that put an item in front of the board: red or amber.
    public static func needsAttention(_ status: Status) -> Bool {
        [.overdue, .missing, .dueSoon, .waived].contains(status)
    }

    /// Compares an earlier report's findings with this one's, matching on rule and subject.
    ///
    /// New items come first, then changed, then resolved and done late; within each, in this
    /// report's finding order (resolved items that are no longer checked follow, in the earlier order).
    /// What the earlier JSON does not give about a rule (whether it recurs, its pack) is taken from
    /// this report's findings of the same rule, so that both reports' items are labelled alike.
    public init(previousAsOf: CivilDate?, previous: [FindingSnapshot], current: [Finding]) {
        var rules: [String: Finding] = [:]
        for finding in current where rules[finding.rule] == nil { rules[finding.rule] = finding }
        let previous = previous.map { snapshot in
            guard let rule = rules[snapshot.rule] else { return snapshot }
            var known = snapshot
            known.isRecurring = known.isRecurring || rule.isRecurring
            known.pack = known.pack ?? rule.pack
            return known
        }
        struct Key: Hashable { var rule: String; var subject: String? }
        var earlier: [Key: FindingSnapshot] = [:]
        for snapshot in previous where earlier[Key(rule: snapshot.rule, subject: snapshot.subject)] == nil {
            earlier[Key(rule: snapshot.rule, subject: snapshot.subject)] = snapshot
        }
        var seen = Set<Key>()
        var new: [ChangeItem] = [], changed: [ChangeItem] = [], resolved: [ChangeItem] = []
        for finding in current {
            let key = Key(rule: finding.rule, subject: finding.subject)
            guard seen.insert(key).inserted else { continue }
            let now = FindingSnapshot(finding)
            let before = earlier[key]
            let wasOpen = before.map { Self.needsAttention($0.status) } ?? false
            let isOpen = Self.needsAttention(now.status)
            let item = { (kind: ChangeItem.Kind) in
                ChangeItem(kind: kind, rule: now.rule, subject: now.subject, title: now.title, before: before, after: now)
            }
            switch (wasOpen, isOpen) {
            case (false, true): new.append(item(.new))
            case (true, false): resolved.append(item(.resolved))
            case (true, true) where before?.status != now.status || before?.due != now.due: changed.append(item(.changed))
            case (false, false) where now.status == .late && before.map({ $0.status != .late }) == true:
                resolved.append(item(.doneLate))
            default: break
            }
        }
        for snapshot in previous {
            let key = Key(rule: snapshot.rule, subject: snapshot.subject)
            guard seen.insert(key).inserted, Self.needsAttention(snapshot.status) else { continue }
            resolved.append(ChangeItem(kind: .resolved, rule: snapshot.rule, subject: snapshot.subject,
                                       title: snapshot.title, before: snapshot, after: nil))
        }
        self.init(previousAsOf: previousAsOf, items: new + changed + resolved)
    }
}
