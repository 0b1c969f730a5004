/// The level a finding is reported at (DESIGN.md §4 "Levels").
enum Levels {
    static func level(for status: Status, severity: Severity, confidence: Confidence) -> Severity? {
        let level: Severity
        switch status {
        case .met, .notApplicable, .waived: return nil
        case .late: level = .info
        case .dueSoon: level = severity == .info ? .info : .warning
        case .overdue, .missing: level = severity
        }
        // An unconfirmed reading of the law can warn but never fail a run on its own.
        return confidence == .unconfirmed ? min(level, .warning) : level
    }
}
