/// A record position a finding was decided on.
public struct Evidence: Sendable, Hashable {
    public var path: String
    public var file: String
    public var line: Int
    public var column: Int

    public init(path: String, file: String, line: Int, column: Int) {
        self.path = path
        self.file = file
        self.line = line
        self.column = column
    }
}

/// One rule's verdict on one record (or one item of it), with everything a reader needs to act.
public struct Finding: Sendable {
    public var rule: String
    public var pack: String
    public var title: String
    /// The plain-English duty the rule encodes.
    public var duty: String
    public var status: Status
    /// The rule's own severity.
    public var severity: Severity
    /// The level this finding is reported at; nil for met, not-applicable and waived.
    public var level: Severity?
    public var confidence: Confidence
    /// The `for_each` item's key, when the rule runs per item: what a waiver names.
    public var subject: String?
    /// What a reader sees for the item when it differs from `subject` (a partner's name for its id,
    /// "anti-social behaviour" for `anti_social_behaviour`); nil when the subject says it.
    public var label: String?
    public var due: CivilDate?
    public var done: CivilDate?
    /// Days overdue, late, or left; nil where it does not apply.
    public var days: Int?
    public var owners: [String]
    public var message: String
    public var remedy: String?
    public var basis: [Citation]
    public var evidence: [Evidence]
    /// The rule's warning window, for calendars and reminders.
    public var warn: CalendarDuration?
    /// The rule is a recurring duty (`every`): `done` is when the last round was done and `due`
    /// is the next round's, which a met finding has not yet done.
    public var isRecurring = false
    /// The rule is a one-off deadline (`deadline`): a met finding with no `done` has not come due,
    /// which is not the same as done.
    public var isDeadline = false
    /// Where the message and the remedy quote the record's own strings: for a reader that rewords
    /// the rest (the board report). In no output. Code that changes `message` or `remedy` other
    /// than at its end must change these ranges with it.
    public var recordText = FindingRecordText()
}

extension Finding {
    // Here rather than in the type, so that the evaluator can use the synthesized memberwise
    // initializer: inlined there, this one left a copy of the whole finding (every string
    // retained) and a destroy of the original, which the optimizer did not pair up. (Code that
    // sees internal names, as `@testable` tests do, and would leave the trailing defaults out
    // must end with `label:`, in this one's order, to say which of the two it means.)
    public init(rule: String, pack: String, title: String, duty: String, status: Status, severity: Severity,
                level: Severity?, confidence: Confidence, subject: String?, due: CivilDate?, done: CivilDate?,
                days: Int?, owners: [String], message: String, remedy: String?, basis: [Citation],
                evidence: [Evidence], warn: CalendarDuration? = nil, label: String? = nil) {
        self.rule = rule
        self.pack = pack
        self.title = title
        self.duty = duty
        self.status = status
        self.severity = severity
        self.level = level
        self.confidence = confidence
        self.subject = subject
        self.label = label
        self.due = due
        self.done = done
        self.days = days
        self.owners = owners
        self.message = message
        self.remedy = remedy
        self.basis = basis
        self.evidence = evidence
        self.warn = warn
    }
}

extension Finding {
    /// The item as a reader sees it: its label, else its subject; nil for a rule without items.
    public var shownSubject: String? { label ?? subject }
}

extension Finding {
    /// The due date of a deadline (or a recurring duty's first round) that is `met` only because the
    /// date has not come and nothing is recorded as done; nil otherwise. A plan or strategy in force
    /// (`in_force`) is met by being in force, so it has none.
    public var notYetDueBy: CivilDate? {
        guard status == .met, done == nil, isDeadline || isRecurring else { return nil }
        return due
    }
}
