import ArgumentParser
import RuleEngine

/// `--fail-on`: the lowest level that makes `check` exit 1.
enum Threshold: String, ExpressibleByArgument, CaseIterable {
    case error, warning, info, never

    var severity: Severity? {
        switch self {
        case .error: .error
        case .warning: .warning
        case .info: .info
        case .never: nil
        }
    }

    /// True when the finding's level reaches the threshold.
    func isReached(by finding: Finding) -> Bool {
        guard let severity, let level = finding.level else { return false }
        return level >= severity
    }
}

/// Whether to colour text output: only on a terminal, and never when NO_COLOR is set.
enum TerminalColour {
    static func isWanted(environment: [String: String], isTerminal: Bool) -> Bool {
        guard isTerminal else { return false }
        if let noColour = environment["NO_COLOR"], !noColour.isEmpty { return false }
        return environment["TERM"] != "dumb"
    }
}
