import RuleEngine

/// What a rating and its label are worked out from, for a finding of this report and for one of
/// the previous report alike, so that the changes table's "Before" and "Now" label the same state
/// the same way.
struct BoardRatedState {
    var status: Status
    var due: CivilDate?
    var done: CivilDate?
    var isRecurring: Bool
    var confidence: Confidence?
    var severity: Severity?
    var isRecordCheck: Bool

    init(_ finding: Finding) {
        self.init(status: finding.status, due: finding.due, done: finding.done, isRecurring: finding.isRecurring,
                  confidence: finding.confidence, severity: finding.severity, isRecordCheck: finding.isRecordCheck)
    }

    init(_ snapshot: FindingSnapshot) {
        self.init(status: snapshot.status, due: snapshot.due, done: snapshot.done, isRecurring: snapshot.isRecurring,
                  confidence: snapshot.confidence, severity: snapshot.severity,
                  isRecordCheck: snapshot.pack == RecordChecks.pack)
    }

    init(status: Status, due: CivilDate?, done: CivilDate?, isRecurring: Bool, confidence: Confidence?,
         severity: Severity?, isRecordCheck: Bool) {
        self.status = status
        self.due = due
        self.done = done
        self.isRecurring = isRecurring
        self.confidence = confidence
        self.severity = severity
        self.isRecordCheck = isRecordCheck
    }

    /// Met, with a due date still to come that is not done: nothing is recorded as done, or what is
    /// recorded is an earlier round of a recurring duty (its next round is not done yet).
    var isAwaitingDueDate: Bool {
        status == .met && due != nil && (done == nil || isRecurring)
    }

    var rating: BoardRating {
        BoardRating(status, confidence: confidence, severity: severity, isRecordCheck: isRecordCheck)
    }

    /// "Red: overdue", "Amber: not shown as met (check of the record)", "Green: not yet due",
    /// "Not applicable". A gap rated Amber only because of what its rule is says so where it is
    /// rated, so that a check of the record or local practice is not read as a breach of the law.
    var label: String {
        if isAwaitingDueDate { return "\(BoardRating.green.word): not yet due" }
        let rating = rating
        if rating == .notApplicable { return rating.word }
        let label = "\(rating.word): \(status.boardPhrase)"
        guard [.overdue, .missing].contains(status) else { return label }
        if isRecordCheck { return label + " (check of the record)" }
        if confidence == .unconfirmed { return label + " (unconfirmed rule)" }
        if severity == .info { return label + " (for information only)" }
        return label
    }
}
