import RuleEngine

/// The labels a record's findings give their subjects, by rule and subject: for what carries a
/// subject alone (a waiver, an item from an earlier report), shown as the findings show it.
struct SubjectLabels {
    private var byKey: [String: [String: String]] = [:]

    init(_ findings: [Finding]) {
        for finding in findings {
            guard let subject = finding.subject, let label = finding.label else { continue }
            byKey[finding.rule, default: [:]][subject] = label
        }
    }

    /// The label of `subject` under `rule`, or the subject itself when no finding labels it.
    func shown(rule: String, subject: String) -> String {
        byKey[rule]?[subject] ?? subject
    }
}
