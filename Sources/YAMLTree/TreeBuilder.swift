internal import CLibYAML

/// Builds a `YAMLNode` tree from libyaml events, one event at a time, with an explicit stack of
/// open collections (so depth never turns into recursion).
///
/// It enforces every policy libyaml leaves to us: the depth and node limits, late anchor
/// registration, duplicate and non-scalar keys, merge keys, tags and the core schema.
struct TreeBuilder {
    /// A sequence or mapping whose end event has not come yet.
    private struct Frame {
        let isMapping: Bool
        let location: SourceLocation
        let tag: String?
        let anchor: String?
        /// `nodeCount` before this collection was counted, to size it when it ends.
        let countBefore: Int
        /// Levels of collections in this subtree, itself included.
        var height = 1
        var items: [YAMLNode] = []
        var entries: [YAMLEntry] = []
        /// A key waiting for its value.
        var pendingKey: YAMLNode?
        /// Built once a mapping has many keys, so duplicate checks stay linear.
        var keyIndex: KeyIndex?
    }

    /// Where each key of a large mapping was first defined, by text and by non-string value.
    private struct KeyIndex {
        var byText: [String: SourceLocation] = [:]
        var byValue: [ScalarValue: SourceLocation] = [:]

        mutating func insert(_ scalar: YAMLScalar, at location: SourceLocation) {
            byText[scalar.text] = location
            if case .string = scalar.value { return }
            byValue[scalar.value] = location
        }

        func find(_ scalar: YAMLScalar) -> SourceLocation? {
            if let location = byText[scalar.text] { return location }
            if case .string = scalar.value { return nil }
            return byValue[scalar.value]
        }
    }

    /// A completed anchored node with its logical size (aliases expanded) and height.
    private struct Anchored {
        let node: YAMLNode
        let size: Int
        let height: Int
    }

    /// Mappings with more keys than this index them instead of scanning.
    private static let linearKeyLimit = 12
    private static let coreTagPrefix = "tag:yaml.org,2002:"

    let file: String
    let limits: YAMLLimits
    /// The document's root, once complete.
    private(set) var root: YAMLNode?
    private var stack: [Frame] = []
    private var anchors: [String: Anchored] = [:]
    /// Logical nodes so far, aliases counted at their full size; never above `limits.maxNodes`.
    private var nodeCount = 0
    private var sawDocument = false

    init(file: String, limits: YAMLLimits) {
        self.file = file
        self.limits = limits
        stack.reserveCapacity(16)
    }

    /// Takes one event; returns true at the end of the stream.
    mutating func handle(_ event: UnsafePointer<yaml_event_t>) throws(Diagnostic) -> Bool {
        switch event.pointee.type {
        case YAML_SCALAR_EVENT:
            try scalar(event)
        case YAML_MAPPING_START_EVENT:
            let data = event.pointee.data.mapping_start
            try startCollection(mapping: true, tag: data.tag, anchor: data.anchor, at: event.pointee.start_mark)
        case YAML_SEQUENCE_START_EVENT:
            let data = event.pointee.data.sequence_start
            try startCollection(mapping: false, tag: data.tag, anchor: data.anchor, at: event.pointee.start_mark)
        case YAML_MAPPING_END_EVENT, YAML_SEQUENCE_END_EVENT:
            try endCollection()
        case YAML_ALIAS_EVENT:
            try alias(event)
        case YAML_DOCUMENT_START_EVENT:
            if sawDocument {
                throw error("a second YAML document starts here; a file holds exactly one document",
                            at: Self.location(event.pointee.start_mark))
            }
            sawDocument = true
        case YAML_STREAM_END_EVENT:
            return true
        default:
            break
        }
        return false
    }

    // MARK: - Events

    private mutating func scalar(_ event: UnsafePointer<yaml_event_t>) throws(Diagnostic) {
        let location = Self.location(event.pointee.start_mark)
        try count(1, at: location)
        let data = event.pointee.data.scalar
        // Copied by length: a scalar may hold NUL.
        let bytes = UnsafeBufferPointer(start: UnsafePointer(data.value), count: data.length)
        let text = String(decoding: bytes, as: UTF8.self)
        let style = Self.style(data.style)
        var tag: String?
        let value: ScalarValue
        if let rawTag = data.tag {
            let tagText = String(cString: UnsafePointer(rawTag))
            tag = tagText
            value = try typedValue(tag: tagText, bytes: bytes, text: text, at: location)
        } else if style == .plain {
            switch CoreSchema.resolvePlain(bytes, text: text) {
            case .value(let resolved): value = resolved
            case .intOverflow: throw error("integer \(text) does not fit in 64 bits; quote it to keep it as text", at: location)
            }
        } else {
            value = .string(text)
        }
        let node = YAMLNode(kind: .scalar(YAMLScalar(text: text, style: style, value: value)), location: location, tag: tag)
        if let anchor = data.anchor {
            anchors[String(cString: UnsafePointer(anchor))] = Anchored(node: node, size: 1, height: 0)
        }
        try attach(node, height: 0)
    }

    private mutating func startCollection(mapping: Bool, tag rawTag: UnsafeMutablePointer<yaml_char_t>?,
                                          anchor rawAnchor: UnsafeMutablePointer<yaml_char_t>?,
                                          at mark: yaml_mark_t) throws(Diagnostic) {
        let location = Self.location(mark)
        let kind = mapping ? "mapping" : "sequence"
        if let top = stack.last, top.isMapping, top.pendingKey == nil {
            throw error("a mapping key must be a scalar, not a \(kind)", at: location)
        }
        guard stack.count < limits.maxDepth else {
            throw error("nesting is deeper than the limit of \(limits.maxDepth) levels", at: location)
        }
        try count(1, at: location)
        var tag: String?
        if let rawTag {
            let tagText = String(cString: UnsafePointer(rawTag))
            guard tagText == "!" || tagText == Self.coreTagPrefix + (mapping ? "map" : "seq") else {
                throw error("unsupported tag \(Self.shortTag(tagText)) on a \(kind)", at: location)
            }
            tag = tagText
        }
        stack.append(Frame(isMapping: mapping, location: location, tag: tag,
                           anchor: rawAnchor.map { String(cString: UnsafePointer($0)) },
                           countBefore: nodeCount - 1))
    }

    private mutating func endCollection() throws(Diagnostic) {
        let frame = stack.removeLast()
        let kind: YAMLNode.Kind = frame.isMapping ? .mapping(frame.entries) : .sequence(frame.items)
        let node = YAMLNode(kind: kind, location: frame.location, tag: frame.tag)
        // Registered only now, so an alias inside its own anchor is undefined (no cycles).
        if let anchor = frame.anchor {
            anchors[anchor] = Anchored(node: node, size: nodeCount - frame.countBefore, height: frame.height)
        }
        try attach(node, height: frame.height)
    }

    private mutating func alias(_ event: UnsafePointer<yaml_event_t>) throws(Diagnostic) {
        let location = Self.location(event.pointee.start_mark)
        let name = String(cString: UnsafePointer(event.pointee.data.alias.anchor))
        guard let target = anchors[name] else {
            throw error("undefined alias *\(name) (an anchor must be complete before it is used)", at: location)
        }
        guard stack.count + target.height <= limits.maxDepth else {
            throw error("alias *\(name) nests the document deeper than the limit of \(limits.maxDepth) levels", at: location)
        }
        try count(target.size, at: location, alias: name)
        var node = target.node
        node.location = location
        try attach(node, height: target.height)
    }

    // MARK: - Assembly

    /// Adds a complete node to the open collection (or makes it the root).
    private mutating func attach(_ node: YAMLNode, height: Int) throws(Diagnostic) {
        let top = stack.count - 1
        guard top >= 0 else {
            root = node
            return
        }
        if height >= stack[top].height { stack[top].height = height + 1 }
        if !stack[top].isMapping {
            stack[top].items.append(node)
        } else if let key = stack[top].pendingKey {
            stack[top].entries.append(YAMLEntry(key: key, value: node))
            stack[top].pendingKey = nil
        } else {
            try checkKey(node, inFrame: top)
            stack[top].pendingKey = node
        }
    }

    /// Rejects non-scalar keys, merge keys and duplicates, then records the key.
    private mutating func checkKey(_ key: YAMLNode, inFrame top: Int) throws(Diagnostic) {
        guard case .scalar(let scalar) = key.kind else {
            throw error("a mapping key must be a scalar, not a \(key.kindName)", at: key.location)
        }
        if key.tag == nil, scalar.style == .plain, scalar.text == "<<" {
            throw error("merge keys (<<) are not supported; write the keys out in full", at: key.location)
        }
        var first: SourceLocation?
        if stack[top].keyIndex == nil, stack[top].entries.count >= Self.linearKeyLimit {
            var index = KeyIndex()
            for entry in stack[top].entries {
                if case .scalar(let existing) = entry.key.kind, index.find(existing) == nil {
                    index.insert(existing, at: entry.key.location)
                }
            }
            stack[top].keyIndex = index
        }
        if stack[top].keyIndex != nil {
            first = stack[top].keyIndex?.find(scalar)
            if first == nil { stack[top].keyIndex?.insert(scalar, at: key.location) }
        } else {
            for entry in stack[top].entries {
                if case .scalar(let existing) = entry.key.kind, Self.sameKey(existing, scalar) {
                    first = entry.key.location
                    break
                }
            }
        }
        if let first {
            throw Diagnostic(file: file, location: key.location,
                             message: "duplicate key \(scalar.text.debugDescription) (first defined at line \(first.line))",
                             notes: [Diagnostic.Note("first defined here", at: first)])
        }
    }

    /// Keys clash when their text is the same or they resolve to the same non-string value
    /// (`1` and `0x1`, `null` and `~`), so a lookup by text is never ambiguous.
    private static func sameKey(_ lhs: YAMLScalar, _ rhs: YAMLScalar) -> Bool {
        if lhs.text == rhs.text { return true }
        if case .string = lhs.value { return false }
        return lhs.value == rhs.value
    }

    /// Counts `size` more logical nodes, failing once the document passes `limits.maxNodes`.
    private mutating func count(_ size: Int, at location: SourceLocation, alias: String? = nil) throws(Diagnostic) {
        let (sum, overflow) = nodeCount.addingReportingOverflow(size)
        nodeCount = overflow ? Int.max : sum
        guard nodeCount > limits.maxNodes else { return }
        if let alias {
            throw error("alias *\(alias) expands the document beyond the limit of \(limits.maxNodes) nodes", at: location)
        }
        throw error("the document has more than \(limits.maxNodes) nodes", at: location)
    }

    // MARK: - Tags

    /// The value of an explicitly tagged scalar: `!` and `!!str` are strings, the other core
    /// tags must convert, and every other tag is refused.
    private func typedValue(tag: String, bytes: UnsafeBufferPointer<UInt8>, text: String,
                            at location: SourceLocation) throws(Diagnostic) -> ScalarValue {
        guard tag.hasPrefix(Self.coreTagPrefix) || tag == "!" else {
            throw unsupportedTag(tag, at: location)
        }
        let name = tag == "!" ? "str" : String(tag.dropFirst(Self.coreTagPrefix.count))
        let expected: String
        switch name {
        case "str":
            return .string(text)
        case "null":
            if CoreSchema.isNull(bytes) { return .null }
            expected = "null"
        case "bool":
            if let flag = CoreSchema.bool(bytes) { return .bool(flag) }
            expected = "true or false"
        case "int":
            switch CoreSchema.int(bytes) {
            case .some(.some(let number)): return .int(number)
            case .some(.none): throw error("!!int value \(text) does not fit in 64 bits", at: location)
            case .none: expected = "an integer"
            }
        case "float":
            if let number = CoreSchema.float(bytes, text: text) { return .double(number) }
            expected = "a number"
        default:
            throw unsupportedTag(tag, at: location)
        }
        throw error("!!\(name) value \(text.debugDescription) is not \(expected)", at: location)
    }

    private func unsupportedTag(_ tag: String, at location: SourceLocation) -> Diagnostic {
        error("unsupported tag \(Self.shortTag(tag)); only !!str, !!int, !!float, !!bool and !!null are allowed",
              at: location)
    }

    /// `tag:yaml.org,2002:binary` as `!!binary`; other tags as they are.
    private static func shortTag(_ tag: String) -> String {
        tag.hasPrefix(coreTagPrefix) ? "!!" + tag.dropFirst(coreTagPrefix.count) : tag
    }

    // MARK: - Helpers

    private func error(_ message: String, at location: SourceLocation) -> Diagnostic {
        Diagnostic(file: file, location: location, message: message)
    }

    static func location(_ mark: yaml_mark_t) -> SourceLocation {
        SourceLocation(line: mark.line + 1, column: mark.column + 1)
    }

    private static func style(_ style: yaml_scalar_style_t) -> YAMLScalar.Style {
        switch style {
        case YAML_SINGLE_QUOTED_SCALAR_STYLE: return .singleQuoted
        case YAML_DOUBLE_QUOTED_SCALAR_STYLE: return .doubleQuoted
        case YAML_LITERAL_SCALAR_STYLE: return .literal
        case YAML_FOLDED_SCALAR_STYLE: return .folded
        default: return .plain
        }
    }
}
