/// A pack's `labels:` table: the words a reader sees for the codes a record uses (`anti_social_behaviour`
/// reads "anti-social behaviour"). Codes stay what waivers, calendars and the state database key on;
/// labels are for display only, through the `label()` function and a rule's `label:`.
public struct PackLabels: Sendable, Equatable {
    public let byCode: [String: String]

    public init(_ byCode: [String: String] = [:]) {
        self.byCode = byCode
    }

    public static let none = PackLabels()

    /// `label(x)`: a text becomes its label (itself when the table has none), a list is labelled
    /// item by item, and any other value (null included) is returned as it is. A null or an
    /// unlabelled code keeps its origin, so it still says where it was read; a label is the pack's
    /// words, not the record's, so it has none (the board report words it as the rule's own text).
    func apply(to value: Value) -> Value {
        switch value.kind {
        case .string(let code):
            guard let label = byCode[code] else { return value }
            return Value(.string(label))
        case .list(let items):
            guard !byCode.isEmpty else { return value }
            return Value(.list(items.map(apply(to:))), origin: value.origin)
        default:
            return value
        }
    }
}
