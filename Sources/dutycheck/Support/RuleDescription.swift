import RuleEngine

/// `rules show`: one rule in full, for the person maintaining the packs.
enum RuleDescription {
    static func text(_ rule: Rule, in pack: RulePack) -> String {
        var lines = [
            "\(rule.id): \(rule.title)",
            "Pack:        \(pack.id) \(pack.version) (\(pack.file):\(rule.location.line))",
            "Duty:        \(rule.duty)",
            "Confidence:  \(rule.confidence.rawValue)" + (rule.confidence == .unconfirmed ? " (reported at most as a warning)" : ""),
            "Severity:    \(rule.severity.rawValue)",
            "Waivable:    \(rule.waivable ? "yes" : "no")",
        ]
        if let applies = rule.applies { lines.append("Applies if:  \(applies.source)") }
        if let forEach = rule.forEach {
            lines.append("For each:    \(forEach.variable) in \(forEach.collection.source)" + (forEach.allowEmpty ? " (none is fine)" : ""))
            if let subject = forEach.subject { lines.append("Subject:     \(subject.source)") }
            if let label = forEach.label { lines.append("Label:       \(label.source)") }
        }
        if let lets = rule.lets {
            for (name, expression) in zip(lets.names, lets.expressions) { lines.append("Let:         \(name) = \(expression.source)") }
        }
        if let owner = rule.owner { lines.append("Owner:       \(owner.source)") }
        lines.append("Check:       \(checkText(rule.check))")
        if let remedy = rule.remedy { lines.append("Remedy:      \(remedy.source)") }
        lines.append("Basis:")
        for citation in rule.basis { lines.append("  - \(citation.title) (\(citation.kind.rawValue))\n    \(citation.url)") }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func checkText(_ check: RuleCheck) -> String {
        switch check {
        case .require(let expression):
            return "require \(expression.source)"
        case .inForce(let periods, let warn):
            return "in force: \(periods.source) (warn \(warn))"
        case .every(let last, let done, let interval, let firstDue, let warn):
            return "every \(interval) after \(last.source)" + (done.map { ", done \($0.source)" } ?? "")
                + (firstDue.map { ", first due \($0.source)" } ?? "") + " (warn \(warn))"
        case .deadline(let due, let done, let notBefore, let warn):
            return "deadline \(due.source)" + (done.map { ", done \($0.source)" } ?? "")
                + (notBefore.map { ", not before \($0.source)" } ?? "") + " (warn \(warn))"
        }
    }
}
