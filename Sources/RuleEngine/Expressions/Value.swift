import YAMLTree

/// Where a value was read from in a record: its path (`plans[0].period.end`) and position.
///
/// A key that is absent points at the mapping that should have held it. Paths use a dot before a
/// key that is an identifier (`a.b`), `["odd key"]` for any other key, and `[i]` for an index; the
/// record itself has the empty path.
public struct Origin: Sendable, Hashable {
    /// One reference rather than a path and a position: origins ride in every expression value,
    /// and a value is copied on every step of an evaluation.
    private final class Storage: Sendable {
        let path: String
        let location: SourceLocation

        init(path: String, location: SourceLocation) {
            self.path = path
            self.location = location
        }
    }

    private var storage: Storage

    public var path: String {
        get { storage.path }
        set { storage = Storage(path: newValue, location: storage.location) }
    }

    public var location: SourceLocation {
        get { storage.location }
        set { storage = Storage(path: storage.path, location: newValue) }
    }

    public init(path: String, location: SourceLocation) {
        storage = Storage(path: path, location: location)
    }

    public static func == (lhs: Origin, rhs: Origin) -> Bool {
        lhs.storage === rhs.storage || (lhs.location == rhs.location && lhs.path == rhs.path)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(path)
        hasher.combine(location)
    }

    /// `parent.key`, or `parent["key"]` when the key is not an identifier.
    public static func path(_ parent: String, key: String) -> String {
        var path = parent
        if isIdentifier(key) {
            if !path.isEmpty { path.append(".") }
            path.append(key)
        } else {
            path.append("[\"")
            for scalar in key.unicodeScalars {
                switch scalar {
                case "\"": path.append("\\\"")
                case "\\": path.append("\\\\")
                case "\n": path.append("\\n")
                case "\t": path.append("\\t")
                default: path.unicodeScalars.append(scalar)
                }
            }
            path.append("\"]")
        }
        return path
    }

    /// `parent[index]`.
    public static func path(_ parent: String, index: Int) -> String {
        joined(parent, "[" + String(index) + "]")
    }

    /// `first` followed by `second`, built in one allocation: record paths are made for every
    /// record node read, and growing a copy of the parent costs several.
    static func joined(_ first: String, _ second: String) -> String {
        var first = first
        var second = second
        return first.withUTF8 { head in
            second.withUTF8 { tail in
                String(unsafeUninitializedCapacity: head.count + tail.count) { buffer in
                    _ = buffer.initialize(fromContentsOf: head)
                    _ = buffer[head.count...].initialize(fromContentsOf: tail)
                    return head.count + tail.count
                }
            }
        }
    }

    /// Whether `text` is `[A-Za-z_][A-Za-z0-9_]*`, so it can follow a dot in a path.
    public static func isIdentifier(_ text: String) -> Bool {
        var first = true
        for byte in text.utf8 {
            let isLetter = (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || byte == 0x5F
            let isDigit = byte >= 0x30 && byte <= 0x39
            guard isLetter || (!first && isDigit) else { return false }
            first = false
        }
        return !first
    }
}

/// A value of the expression language, remembering where in the record it came from.
///
/// Values read from one record share that record's converted nodes (`RecordNode`), whose caches
/// are not synchronised: evaluate a record on one thread at a time. Separate records may be
/// evaluated in parallel.
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
        case map(RecordNode)
    }

    public var kind: Kind
    /// Nil for values computed by an expression rather than read from the record.
    ///
    /// A null from a key the record lacks carries the path it would have had, located at the
    /// mapping that lacks it; a null computed from a null operand (`end + 30 days`, `end < today`)
    /// keeps that operand's origin, so a check can say which path was not recorded.
    public var origin: Origin?

    public init(_ kind: Kind, origin: Origin? = nil) {
        self.kind = kind
        self.origin = origin
    }

    public static let null = Value(.null)

    /// A record node as a value: scalars resolve by the core schema, and a string that is
    /// exactly `YYYY-MM-DD` naming a real day (quoted or not) is a date.
    ///
    /// Mappings stay lazy (`.map`); sequences become lists whose items have paths `path[i]`.
    public static func fromRecord(_ node: YAMLNode, path: String) -> Value {
        let origin = Origin(path: path, location: node.location)
        switch node.kind {
        case .mapping:
            return Value(.map(RecordNode(node, path: path)), origin: origin)
        case .sequence(let items):
            var values: [Value] = []
            values.reserveCapacity(items.count)
            for (index, item) in items.enumerated() {
                values.append(fromRecord(item, path: Origin.path(path, index: index)))
            }
            return Value(.list(values), origin: origin)
        case .scalar(let scalar):
            return Value(kind(of: scalar), origin: origin)
        }
    }

    /// The value of a scalar, with ISO dates recognised.
    static func kind(of scalar: YAMLScalar) -> Kind {
        switch scalar.value {
        case .null: return .null
        case .bool(let flag): return .bool(flag)
        case .int(let number): return .int(number)
        case .double(let number): return .double(number)
        case .string(let text):
            if let date = CivilDate(iso: text) { return .date(date) }
            return .string(text)
        }
    }

    public var isNull: Bool { if case .null = kind { return true } else { return false } }

    // MARK: - Typed access

    public var asBool: Bool? { if case .bool(let flag) = kind { flag } else { nil } }
    public var asString: String? { if case .string(let text) = kind { text } else { nil } }
    public var asDate: CivilDate? { if case .date(let date) = kind { date } else { nil } }
    public var asDuration: CalendarDuration? { if case .duration(let duration) = kind { duration } else { nil } }
    public var asList: [Value]? { if case .list(let items) = kind { items } else { nil } }
    /// Ints as they are, and doubles that hold a whole number.
    public var asInt: Int? {
        switch kind {
        case .int(let number): number
        case .double(let number): number.rounded() == number && abs(number) < 9.0e18 ? Int(number) : nil
        default: nil
        }
    }

    /// Whether this is a record mapping.
    public var isMap: Bool { if case .map = kind { return true } else { return false } }

    /// The value under `key` when this is a mapping: a missing key is a null whose origin is the
    /// path it would have had, at this mapping. Nil when this is not a mapping.
    public func member(_ key: String) -> Value? {
        guard case .map(let mapping) = kind, case .mapping(let entries) = mapping.node.kind else { return nil }
        let path = Origin.path(origin?.path ?? "", key: key)
        if let child = Value.lookup(key, in: entries) { return Value.fromRecord(child, path: path) }
        return Value(.null, origin: Origin(path: path, location: mapping.node.location))
    }

    /// The entry of a record mapping whose key is the scalar `key` (compared by its text).
    static func lookup(_ key: String, in entries: [YAMLEntry]) -> YAMLNode? {
        position(of: key, hash: KeyHash.ofASCII(key), in: entries).map { entries[$0].value }
    }

    /// The position of the first entry whose key is a scalar with the text `key`, compared as Swift
    /// strings (canonically: `"\u{212A}ey"` is the name `Key`). A key that is not a scalar can never
    /// be named in a path. `hash` is `KeyHash.ofASCII(key)`: the keys whose hashes rule them out
    /// are passed over without comparing their text (a record's top mapping has dozens of keys,
    /// and paths are looked up there hundreds of times a record).
    static func position(of key: String, hash: UInt64, in entries: [YAMLEntry]) -> Int? {
        entries.withUnsafeBufferPointer { buffer in
            for index in buffer.indices where KeyHash.mayMatch(buffer[index].keyHash, hash) {
                if case .scalar(let scalar) = buffer[index].key.kind, scalar.text == key { return index }
            }
            return nil
        }
    }
}
