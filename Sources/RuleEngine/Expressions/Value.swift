import YAMLTree

/// Where a value was read from in a record: its path (`plans[0].period.end`) and position.
///
/// A key that is absent points at the mapping that should have held it.
public struct Origin: Sendable, Hashable {
    public var path: String
    public var location: SourceLocation

    public init(path: String, location: SourceLocation) {
        self.path = path
        self.location = location
    }
}

/// A value of the expression language, remembering where in the record it came from.
public struct Value: Sendable {
    public enum Kind: Sendable {
        /// Not recorded: a missing key, `~`, or an empty value.
        case null
        case bool(Bool)
        case int(Int)
        case double(Double)
        case string(String)
        case date(CivilDate)
        case duration(CalendarDuration)
        case list([Value])
        /// A mapping from the record, read lazily; the node is always a `.mapping`.
        case map(YAMLNode)
    }

    public var kind: Kind
    /// Nil for values computed by an expression rather than read from the record.
    public var origin: Origin?

    public init(_ kind: Kind, origin: Origin? = nil) {
        self.kind = kind
        self.origin = origin
    }

    public static let null = Value(.null)

    /// A record node as a value: scalars resolve by the core schema, and a string that is
    /// exactly `YYYY-MM-DD` naming a real day (quoted or not) is a date.
    public static func fromRecord(_ node: YAMLNode, path: String) -> Value { fatalError("not written yet") }

    public var isNull: Bool { if case .null = kind { return true } else { return false } }
}
