import YAMLTree

/// Where a record's check stopped when it ran out of evaluation steps (`EvaluationBudget`): the rule
/// being checked, which is the one to look at, or whose list in the record is the one to look at.
public struct StoppedCheck: Sendable, Hashable {
    public var rule: String
    public var pack: String
    /// The pack's file, and the rule's place in it.
    public var packFile: String
    public var location: SourceLocation

    /// The diagnostic that refuses the record `file`, at the rule.
    public func diagnostic(record file: String) -> Diagnostic {
        Diagnostic(file: packFile, location: location, message: "checking \(MessageText.escaped(file)) stopped in rule "
            + "\"\(rule)\": \(why), so the record is not reported on; \(advice)")
    }

    /// What a rule test says of a case whose check stopped.
    public var testFailure: String {
        "its check stopped in rule \"\(rule)\" (\(packFile):\(location.line)): \(why); \(advice)"
    }

    private var why: String { "the check took more than \(Self.stepsText) evaluation steps, the most one record may take" }

    private var advice: String {
        "a rule that filters or searches a list once for each of its items takes that many on a list of thousands, and "
            + "so do filters nested in filters: look at that rule's filters and at the lists in the record they read"
    }

    /// The budget, written as the docs write it.
    static let stepsText: String = {
        let digits = Array(String(EvaluationBudget.steps))
        var text = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { text.append(",") }
            text.append(digit)
        }
        return text
    }()
}
