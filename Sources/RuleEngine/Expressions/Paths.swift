import YAMLTree

/// A position reached while walking a path: a record node not yet converted to a `Value` (so a
/// long sequence is not converted just to read one element of it), or a value.
enum Cursor {
    /// A record node and its path; the path is nil for a node reached from an untracked value.
    case node(YAMLNode, path: String?)
    case value(Value)

    init(_ value: Value) {
        if case .map(let node) = value.kind {
            self = .node(node, path: value.origin?.path)
        } else {
            self = .value(value)
        }
    }

    /// The value here, converting a record node.
    var value: Value {
        switch self {
        case .node(let node, let path): Value.fromRecordNode(node, path: path)
        case .value(let value): value
        }
    }

    /// Where the value here came from, without converting it.
    var origin: Origin? {
        switch self {
        case .node(let node, let path): path.map { Origin(path: $0, location: node.location) }
        case .value(let value): value.origin
        }
    }

    /// The entries when this is a mapping.
    var mappingEntries: [YAMLEntry]? {
        if case .node(let node, _) = self, case .mapping(let entries) = node.kind { return entries }
        return nil
    }

    /// A child node of this mapping under `key`.
    func child(_ node: YAMLNode, key: PathKey) -> Cursor {
        switch self {
        case .node(_, let path): .node(node, path: path.map { key.path(under: $0) })
        case .value(let value): .node(node, path: value.origin.map { key.path(under: $0.path) })
        }
    }

    /// A null standing for `suffix` applied here: it keeps the path it would have had.
    func missing(appending suffix: (String) -> String) -> Cursor {
        guard let origin else { return .value(.null) }
        return .value(Value(.null, origin: Origin(path: suffix(origin.path), location: origin.location)))
    }

    var isNull: Bool {
        switch self {
        case .node(let node, _):
            if case .scalar(let scalar) = node.kind, case .null = scalar.value { return true }
            return false
        case .value(let value):
            return value.isNull
        }
    }
}

/// Key and index steps, with the type errors DESIGN.md §4 asks for.
enum Paths {
    /// `cursor.key`: a missing key (or a key of null) is null with the path it would have had.
    static func member(_ cursor: Cursor, _ key: PathKey, subject: String) throws(EvaluationError) -> Cursor {
        if let entries = cursor.mappingEntries {
            if let child = Value.lookup(key.name, in: entries) { return cursor.child(child, key: key) }
            return cursor.missing { key.path(under: $0) }
        }
        if cursor.isNull { return cursor.missing { key.path(under: $0) } }
        let value = cursor.value
        if case .list = value.kind {
            var message = "\(value.subjectForMessage(fallback: subject)) is \(value.descriptionForMessage), not a mapping"
            if let path = value.origin?.path, !path.isEmpty {
                message += "; write \(key.path(under: path + "[*]")) for every element"
                message += ", or \(key.path(under: "first(\(path))")) for the first"
            }
            throw EvaluationError(message, origin: value.origin)
        }
        throw value.typeError(expected: "a mapping", subject: subject)
    }

    /// `cursor[position]`: negative positions count from the end; out of range is null.
    static func element(_ cursor: Cursor, _ position: Int, subject: String) throws(EvaluationError) -> Cursor {
        func resolved(_ count: Int) -> Int? {
            let index = position < 0 ? count + position : position
            return index >= 0 && index < count ? index : nil
        }
        switch cursor {
        case .node(let node, let path):
            if case .sequence(let items) = node.kind {
                guard let index = resolved(items.count) else { return cursor.missing { Origin.path($0, index: position) } }
                return .node(items[index], path: path.map { Origin.path($0, index: index) })
            }
        case .value(let value):
            if case .list(let items) = value.kind {
                guard let index = resolved(items.count) else { return cursor.missing { Origin.path($0, index: position) } }
                return Cursor(items[index])
            }
        }
        if cursor.isNull { return cursor.missing { Origin.path($0, index: position) } }
        throw cursor.value.typeError(expected: "a list", subject: subject)
    }
}

extension Value {
    /// `fromRecord` with an optional path: without one, nothing gets an origin.
    static func fromRecordNode(_ node: YAMLNode, path: String?) -> Value {
        if let path { return fromRecord(node, path: path) }
        switch node.kind {
        case .mapping: return Value(.map(node))
        case .sequence(let items): return Value(.list(items.map { fromRecordNode($0, path: nil) }))
        case .scalar(let scalar): return Value(kind(of: scalar))
        }
    }
}
