import RuleEngine

/// Checks of the record itself (the `record-quality` pack: partners that no longer exist, references
/// that name nothing), as opposed to statutory duties. The report counts them apart, so that the
/// number of duties it gives the board is the number of duties.
enum BoardRecordChecks {
    static let pack = "record-quality"
}

extension Finding {
    /// A check of the record itself rather than a duty the law imposes.
    var isRecordCheck: Bool { pack == BoardRecordChecks.pack }
}
