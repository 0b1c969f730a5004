import RuleEngine

/// `rules show`: one rule in full, for the person maintaining the packs.
///
/// Every value from the pack is shown on its own line with control characters made visible: a pack
/// may come from anywhere, and its text must not drive the terminal (an escape sequence in a title
/// can clear the screen or retitle the window) or break the line it is on.
public enum RuleDescription {
    public static func text(_ rule: Rule, in pack: RulePack) -> String {
        var lines = [
            "\(shown(rule.id)): \(shown(rule.title))",
            "Pack:        \(shown(pack.id)) \(shown(pack.version)) (\(shown(pack.file)):\(rule.location.line))",
            "Duty:        \(shown(rule.duty))",
            "Confidence:  \(rule.confidence.rawValue)" + (rule.confidence == .unconfirmed ? " (reported at most as a warning)" : ""),
            "Severity:    \(rule.severity.rawValue)",
            "Waivable:    \(rule.waivable ? "yes" : "no")",
        ]
        if let applies = rule.applies { lines.append("Applies if:  \(shown(applies))") }
        if let forEach = rule.forEach {
            lines.append("For each:    \(shown(forEach.variable)) in \(shown(forEach.collection))" + (forEach.allowEmpty ? " (none is fine)" : ""))
            if let subject = forEach.subject { lines.append("Subject:     \(shown(subject))") }
            if let label = forEach.label { lines.append("Label:       \(shown(label))") }
        }
        if let lets = rule.lets {
            for (name, expression) in zip(lets.names, lets.expressions) { lines.append("Let:         \(shown(name)) = \(shown(expression))") }
        }
        if let owner = rule.owner { lines.append("Owner:       \(shown(owner))") }
        lines.append("Check:       \(checkText(rule.check))")
        if let remedy = rule.remedy { lines.append("Remedy:      \(shown(remedy.source))") }
        lines.append("Basis:")
        for citation in rule.basis {
            lines.append("  - \(shown(citation.title)) (\(citation.kind.rawValue))")
            lines.append("    \(shown(citation.url))")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func checkText(_ check: RuleCheck) -> String {
        switch check {
        case .require(let expression):
            return "require \(shown(expression))"
        case .inForce(let periods, let warn):
            return "in force: \(shown(periods)) (warn \(warn))"
        case .every(let last, let done, let interval, let firstDue, let warn):
            return "every \(interval) after \(shown(last))" + (done.map { ", done \(shown($0))" } ?? "")
                + (firstDue.map { ", first due \(shown($0))" } ?? "") + " (warn \(warn))"
        case .deadline(let due, let done, let notBefore, let warn):
            return "deadline \(shown(due))" + (done.map { ", done \(shown($0))" } ?? "")
                + (notBefore.map { ", not before \(shown($0))" } ?? "") + " (warn \(warn))"
        }
    }

    /// Pack text on one line, as a terminal shows it safely (see `CheckWording.singleLine`).
    static func shown(_ text: String) -> String { CheckWording.singleLine(text) }

    private static func shown(_ expression: Expression) -> String { shown(expression.source) }
}
