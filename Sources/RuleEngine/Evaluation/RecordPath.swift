import YAMLTree

/// Looks up an evidence path (`plans[0].approvals.by[1].approved`, `x["odd key"]`) in a record,
/// to tell which of the values a rule read were not recorded, and so reports can show the value a
/// finding names.
public enum RecordPath {
    enum Step: Equatable {
        case key(String)
        case index(Int)
    }

    /// The node at the path, or nil when the path is not in the evidence-path form or leads nowhere.
    public static func node(at path: String, in root: YAMLNode) -> YAMLNode? {
        if case .found(let node) = resolve(path, in: root) { return node }
        return nil
    }

    /// True when the path leads to nothing, to `~`, or to an empty value.
    public static func isUnrecorded(_ path: String, in root: YAMLNode) -> Bool {
        switch resolve(path, in: root) {
        case .found(let node):
            if case .scalar(let scalar) = node.kind, scalar.value == .null { return true }
            return false
        case .absent: return true
        case .unreadable: return false
        }
    }

    private enum Resolution {
        case found(YAMLNode)
        /// A key or index the record does not have.
        case absent
        /// Not an evidence path, or a step that does not fit the record's shape (a key into a list).
        case unreadable
    }

    private static func resolve(_ path: String, in root: YAMLNode) -> Resolution {
        guard let steps = parse(path) else { return .unreadable }
        var node = root
        for step in steps {
            switch (step, node.kind) {
            case (.key(let key), .mapping):
                guard let child = node[key] else { return .absent }
                node = child
            case (.index(let index), .sequence(let items)):
                guard items.indices.contains(index) else { return .absent }
                node = items[index]
            default:
                return .unreadable
            }
        }
        return .found(node)
    }

    /// The steps of a path, or nil if it is not in the evidence-path form.
    static func parse(_ path: String) -> [Step]? {
        var steps: [Step] = []
        var rest = Substring(path)
        while !rest.isEmpty {
            if rest.hasPrefix(".") { rest = rest.dropFirst() }
            if rest.hasPrefix("[\"") {
                let keyStart = rest.index(rest.startIndex, offsetBy: 2)
                guard let quote = rest[keyStart...].firstIndex(of: "\""),
                      rest[rest.index(after: quote)...].hasPrefix("]") else { return nil }
                steps.append(.key(String(rest[keyStart..<quote])))
                rest = rest[rest.index(quote, offsetBy: 2)...]
            } else if rest.hasPrefix("[") {
                guard let close = rest.firstIndex(of: "]"), let index = Int(rest[rest.index(after: rest.startIndex)..<close]) else { return nil }
                steps.append(.index(index))
                rest = rest[rest.index(after: close)...]
            } else {
                let end = rest.firstIndex(where: { $0 == "." || $0 == "[" }) ?? rest.endIndex
                guard end > rest.startIndex else { return nil }
                steps.append(.key(String(rest[..<end])))
                rest = rest[end...]
            }
        }
        return steps
    }
}
