import RuleEngine

/// What a reader is told about a finding under an unconfirmed rule, in the text output and in
/// email alike: a partner must not read local practice or an unverified reading as settled law.
enum ConfidenceNote {
    static let unconfirmed = "Unconfirmed rule: it rests on a reading of the law not yet verified, or on "
        + "practice rather than the law (its duty says which), so it is reported as a warning at most."

    /// The note for `finding`, or nil when its rule is confirmed.
    static func note(for finding: Finding) -> String? {
        finding.confidence == .unconfirmed ? unconfirmed : nil
    }
}
