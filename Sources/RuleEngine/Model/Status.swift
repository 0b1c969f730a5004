/// The outcome of one rule for one record (and one item of a `for_each`). DESIGN.md §5.
public enum Status: String, Sendable, CaseIterable, Hashable, Codable {
    case met
    case dueSoon = "due-soon"
    case overdue
    case missing
    case late
    case notApplicable = "not-applicable"
    case waived

    /// Statuses that call for action and so can be waived.
    public var isWaivable: Bool { [.dueSoon, .overdue, .missing, .late].contains(self) }

    /// Statuses that call for someone to act now, in the order messages list them: the only ones
    /// `notify` mails, and so the only ones its state database holds. `late` (done, after the
    /// deadline), `met`, `not-applicable` and `waived` need no action.
    public static let notifiable: [Status] = [.overdue, .missing, .dueSoon]
}

/// How serious a finding is; ordered so that `error` is the greatest.
public enum Severity: String, Sendable, CaseIterable, Hashable, Comparable, Codable {
    case info, warning, error

    private var rank: Int {
        switch self {
        case .info: 0
        case .warning: 1
        case .error: 2
        }
    }

    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
}

/// Whether a rule's reading of the law has been checked against the legislation.
public enum Confidence: String, Sendable, Hashable, Codable, CaseIterable {
    case confirmed, unconfirmed
}
