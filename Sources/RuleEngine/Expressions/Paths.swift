import YAMLTree

/// A position reached while walking a path: a record node (converted once per record, see
/// `RecordNode`), or a computed value.
enum Cursor: Sendable {
    case record(RecordNode)
    case value(Value)

    /// The value here.
    var value: Value {
        switch self {
        case .record(let node): node.value
        case .value(let value): value
        }
    }

    /// Where the value here came from, without converting it.
    var origin: Origin? {
        switch self {
        case .record(let node): node.origin
        case .value(let value): value.origin
        }
    }

    var isNull: Bool {
        switch self {
        case .record(let node): node.isNull
        case .value(let value): value.isNull
        }
    }

    /// A null standing for `suffix` applied here: it keeps the path it would have had.
    func missing(appending suffix: (String) -> String) -> Cursor {
        guard let origin else { return .value(.null) }
        return .value(Value(.null, origin: Origin(path: suffix(origin.path), location: origin.location)))
    }
}

/// Key and index steps, with the type errors DESIGN.md §4 asks for.
enum Paths {
    /// `cursor.key`: a missing key (or a key of null) is null with the path it would have had.
    static func member(_ cursor: Cursor, _ key: PathKey, subject: String) throws(EvaluationError) -> Cursor {
        if case .record(let node) = cursor, case .mapping = node.node.kind {
            if let child = node.child(key) { return .record(child) }
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
    static func element(_ cursor: Cursor, _ position: Int, subject: String,
                        wrap: (Value) -> Cursor) throws(EvaluationError) -> Cursor {
        func resolved(_ count: Int) -> Int? {
            let index = position < 0 ? count + position : position
            return index >= 0 && index < count ? index : nil
        }
        switch cursor {
        case .record(let node):
            if let count = node.itemCount {
                guard let index = resolved(count) else { return cursor.missing { Origin.path($0, index: position) } }
                return .record(node.item(at: index))
            }
        case .value(let value):
            if case .list(let items) = value.kind {
                guard let index = resolved(items.count) else { return cursor.missing { Origin.path($0, index: position) } }
                return wrap(items[index])
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
        case .mapping: return Value(.map(RecordNode(node, path: nil)))
        case .sequence(let items): return Value(.list(items.map { fromRecordNode($0, path: nil) }))
        case .scalar(let scalar): return Value(kind(of: scalar))
        }
    }
}
