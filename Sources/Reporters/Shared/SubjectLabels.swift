import RuleEngine

/// The labels a record's findings give their subjects, by rule and subject: for a waiver, which
/// carries the subject alone.
struct SubjectLabels {
    private var byKey: [String: [String: String]] = [:]

    init(_ findings: [Finding]) {
        for finding in findings {
            guard let subject = finding.subject, let label = finding.label else { continue }
            byKey[finding.rule, default: [:]][subject] = label
        }
    }

    /// `label (subject)` when a finding of `rule` labels `subject`, else the subject: a waiver names
    /// the subject, so the reader sees both.
    func named(rule: String, subject: String) -> String {
        byKey[rule]?[subject].map { "\($0) (\(subject))" } ?? subject
    }
}
