import RuleEngine

/// Checks of the record itself (the `record-quality` pack: partners that no longer exist, references
/// that name nothing, dates still to come), as opposed to statutory duties. Every output says so:
/// the board report counts them apart and never rates them Red, and the text output labels what
/// they check and what it bears on rather than a duty and its law.
enum RecordChecks {
    static let pack = "record-quality"
}

extension Finding {
    /// A check of the record itself rather than a duty the law imposes.
    var isRecordCheck: Bool { pack == RecordChecks.pack }
}
