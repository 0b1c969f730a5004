import RuleEngine

/// A finding as one line holding everything a reader sees of it, for comparing two evaluations.
public enum FindingSummary {
    public static func line(_ finding: Finding) -> String {
        let evidence = finding.evidence.map { "\($0.path)@\($0.line):\($0.column)" }.joined(separator: ",")
        return [finding.rule, finding.subject ?? "-", finding.status.rawValue, finding.due?.description ?? "-",
                finding.done?.description ?? "-", finding.days.map(String.init) ?? "-",
                finding.owners.joined(separator: ","), finding.message, finding.remedy ?? "-", evidence]
            .joined(separator: " | ")
    }
}
