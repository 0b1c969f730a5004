internal import CLibYAML

/// Builds a `YAMLNode` tree from libyaml events, one event at a time, with an explicit stack of
/// open collections (so depth never turns into recursion).
///
/// It enforces every policy libyaml leaves to us: the depth and node limits, late anchor
/// registration, duplicate and non-scalar keys, merge keys, tags and the core schema.
///
/// Built for speed, since every record passes through it: the innermost open collection lives in
/// `current` rather than in the array of its parents, the children of open collections wait in
/// two shared stacks and move into exactly sized arrays, a key waits for its value in a third,
/// so each entry is made once from two finished nodes, and keys are checked for duplicates by
/// comparing hashes of their bytes, also kept in one shared array.
struct TreeBuilder: ~Copyable {
    private enum FrameKind { case document, sequence, mapping }

    /// A sequence or mapping whose end event has not come yet, or the document around the root.
    private struct Frame {
        let kind: FrameKind
        let location: SourceLocation
        let tag: String?
        let anchor: String?
        /// `nodeCount` before this collection was counted, to size it when it ends.
        let countBefore: Int
        /// `textBytes` before this collection, likewise.
        let textBefore: Int
        /// Where this mapping's key hashes start in `keyHashes`.
        let keyStart: Int
        /// Where this collection's children start in `items` (sequence) or `entries` (mapping).
        let childStart: Int
        /// Levels of collections in this subtree, itself included.
        var height = 1
        /// In a mapping waiting for a value, its key is on top of `pendingKeys`.
        var awaitingValue = false
        /// Whether a key resolved to something other than a string (`1`, `true`, `~`).
        var hasNonStringKey = false
        /// Built once a mapping has many keys, so duplicate checks stay linear.
        var keyIndex: KeyIndex?
    }

    /// Where each key of a large mapping was first defined, by UTF-8 bytes and by non-string value.
    /// (Bytes, not `String`, so canonically equivalent spellings stay distinct, as in YAML.)
    private struct KeyIndex {
        var byText: [[UInt8]: SourceLocation] = [:]
        var byValue: [ScalarValue: SourceLocation] = [:]

        mutating func insert(_ text: String, _ value: ScalarValue, at location: SourceLocation) {
            byText[Array(text.utf8)] = location
            if case .string = value { return }
            byValue[value] = location
        }

        func find(_ text: String, _ value: ScalarValue) -> SourceLocation? {
            if let location = byText[Array(text.utf8)] { return location }
            if case .string = value { return nil }
            return byValue[value]
        }
    }

    /// A completed anchored node with its logical size and scalar text (aliases expanded) and height.
    private struct Anchored {
        let node: YAMLNode
        let size: Int
        let textBytes: Int
        let height: Int
    }

    /// Mappings with more keys than this index them by text instead of scanning hashes.
    private static let linearKeyLimit = 32
    private static let coreTagPrefix = "tag:yaml.org,2002:"

    let file: String
    let limits: YAMLLimits
    /// The document's root, once complete.
    private(set) var root: YAMLNode?
    /// The innermost open frame; its parents are in `parents`, outermost first.
    private var current: Frame
    private var parents: [Frame] = []
    /// The items of every open sequence and the entries of every open mapping, innermost last.
    private var items = MoveStack<YAMLNode>(capacity: 64)
    private var entries = MoveStack<YAMLEntry>(capacity: 64)
    /// The key of every open mapping that is waiting for its value, innermost last.
    private var pendingKeys = MoveStack<YAMLNode>(capacity: 16)
    /// The `KeyHash.ofASCII` of each key in `pendingKeys`, which its entry keeps.
    private var pendingKeyHashes: [UInt64] = []
    /// `KeyHash.ofASCII` of the keys of every open mapping, each mapping's keys together in order
    /// (0 for every key with a character outside ASCII, whose texts are then compared).
    private var keyHashes: [UInt64] = []
    private var anchors: [String: Anchored] = [:]
    /// Logical nodes so far, aliases counted at their full size.
    private var nodeCount = 0
    /// Bytes of scalar text so far, aliases counted at their full size.
    private var textBytes = 0
    private var sawDocument = false
    /// False when the file cannot hold a direction control (see `BidiControls.mayBeIn`), so that its
    /// scalars need not be searched for one.
    var mayHoldBidiControls = true

    init(file: String, limits: YAMLLimits) {
        self.file = file
        self.limits = limits
        current = Frame(kind: .document, location: SourceLocation(line: 1, column: 1), tag: nil, anchor: nil,
                        countBefore: 0, textBefore: 0, keyStart: 0, childStart: 0)
        parents.reserveCapacity(16)
        keyHashes.reserveCapacity(64)
        pendingKeyHashes.reserveCapacity(16)
    }

    /// Takes one event; returns true at the end of the stream.
    mutating func handle(_ event: UnsafePointer<yaml_event_t>) throws(Diagnostic) -> Bool {
        switch event.pointee.type {
        case YAML_SCALAR_EVENT:
            try scalar(event)
        case YAML_MAPPING_START_EVENT:
            let data = event.pointee.data.mapping_start
            try startCollection(.mapping, tag: data.tag, anchor: data.anchor, at: event.pointee.start_mark)
        case YAML_SEQUENCE_START_EVENT:
            let data = event.pointee.data.sequence_start
            try startCollection(.sequence, tag: data.tag, anchor: data.anchor, at: event.pointee.start_mark)
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
        guard data.length <= limits.maxScalarBytes else {
            throw error("a scalar of \(data.length) bytes is longer than the limit of \(limits.maxScalarBytes) bytes", at: location)
        }
        try countText(data.length, at: location)
        // Copied by length: a scalar may hold NUL.
        let bytes = UnsafeBufferPointer(start: UnsafePointer(data.value), count: data.length)
        if mayHoldBidiControls, let control = BidiControls.first(in: bytes) {
            throw error("this text holds \(MessageText.codePoint(control)), an invisible control that reverses or reorders "
                        + "the text shown around it in reports, e-mails and terminals: remove it", at: location)
        }
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
        let isKey = current.kind == .mapping && !current.awaitingValue
        let keyHash = isKey ? KeyHash.ofASCII(bytes) : 0
        if isKey {
            try checkKey(text: text, value: value, isPlainUntagged: tag == nil && style == .plain,
                         hash: keyHash, at: location)
        }
        // Consumed, not copied: the locals would otherwise be retained into the node and released.
        let node = YAMLNode(location: location, kind: .scalar(YAMLScalar(text: consume text, style: style, value: consume value)),
                            tag: consume tag)
        if let anchor = data.anchor { registerAnchor(anchor, node: node, textBytes: data.length) }
        if isKey { addKey(node, hash: keyHash) } else { attachValue(node, height: 0) }
    }

    /// Kept out of line: anchors are rare.
    @inline(never)
    private mutating func registerAnchor(_ anchor: UnsafeMutablePointer<yaml_char_t>, node: YAMLNode, textBytes: Int) {
        anchors[String(cString: UnsafePointer(anchor))] = Anchored(node: node, size: 1, textBytes: textBytes, height: 0)
    }

    private mutating func startCollection(_ kind: FrameKind, tag rawTag: UnsafeMutablePointer<yaml_char_t>?,
                                          anchor rawAnchor: UnsafeMutablePointer<yaml_char_t>?,
                                          at mark: yaml_mark_t) throws(Diagnostic) {
        let location = Self.location(mark)
        let kindName = kind == .mapping ? "mapping" : "sequence"
        if current.kind == .mapping, !current.awaitingValue {
            throw error("a mapping key must be a scalar, not a \(kindName)", at: location)
        }
        guard parents.count < limits.maxDepth else {
            throw error("nesting is deeper than the limit of \(limits.maxDepth) levels", at: location)
        }
        try count(1, at: location)
        var tag: String?
        if let rawTag {
            let tagText = String(cString: UnsafePointer(rawTag))
            guard tagText == "!" || tagText == Self.coreTagPrefix + (kind == .mapping ? "map" : "seq") else {
                throw error("unsupported tag \(Self.shortTag(tagText)) on a \(kindName)", at: location)
            }
            tag = tagText
        }
        let frame = Frame(kind: kind, location: location, tag: tag,
                          anchor: rawAnchor.map { String(cString: UnsafePointer($0)) },
                          countBefore: nodeCount - 1, textBefore: textBytes, keyStart: keyHashes.count,
                          childStart: kind == .mapping ? entries.count : items.count)
        parents.append(current)
        current = frame
    }

    private mutating func endCollection() throws(Diagnostic) {
        // libyaml only sends an end event for a collection it started, and a key always gets a
        // value (an empty scalar when none is written): a key left waiting would be paired with
        // the next value of an outer mapping.
        let frame = current
        precondition(!frame.awaitingValue, "a mapping ended with a key waiting for its value")
        current = parents.removeLast()
        keyHashes.removeSubrange(frame.keyStart...)
        let kind: YAMLNode.Kind = frame.kind == .mapping ? .mapping(entries.popArray(from: frame.childStart))
            : .sequence(items.popArray(from: frame.childStart))
        let node = YAMLNode(location: frame.location, kind: kind, tag: frame.tag)
        // Registered only now, so an alias inside its own anchor is undefined (no cycles).
        if let anchor = frame.anchor {
            anchors[anchor] = Anchored(node: node, size: nodeCount - frame.countBefore, textBytes: textBytes - frame.textBefore,
                                       height: frame.height)
        }
        attachValue(consume node, height: frame.height)
    }

    private mutating func alias(_ event: UnsafePointer<yaml_event_t>) throws(Diagnostic) {
        let location = Self.location(event.pointee.start_mark)
        let name = String(cString: UnsafePointer(event.pointee.data.alias.anchor))
        guard let target = anchors[name] else {
            throw error("undefined alias *\(name) (an anchor must be complete before it is used)", at: location)
        }
        guard parents.count + target.height <= limits.maxDepth else {
            throw error("alias *\(name) nests the document deeper than the limit of \(limits.maxDepth) levels", at: location)
        }
        try count(target.size, at: location, alias: name)
        try countText(target.textBytes, at: location, alias: name)
        var node = target.node
        node.location = location
        if current.kind == .mapping, !current.awaitingValue {
            guard case .scalar(let scalar) = node.kind else {
                throw error("a mapping key must be a scalar, not a \(node.kindName)", at: location)
            }
            var text = scalar.text
            let hash = text.withUTF8 { KeyHash.ofASCII($0) }
            try checkKey(text: scalar.text, value: scalar.value, isPlainUntagged: node.tag == nil && scalar.style == .plain,
                         hash: hash, at: location)
            addKey(node, hash: hash)
        } else {
            attachValue(node, height: target.height)
        }
    }

    // MARK: - Assembly

    /// Adds a complete node to the open collection as an item or a value (or makes it the root).
    private mutating func attachValue(_ node: consuming YAMLNode, height: Int) {
        if height >= current.height { current.height = height + 1 }
        switch current.kind {
        case .sequence:
            items.push(consume node)
        case .mapping:
            // Keys go through `addKey`, so a value always has its key waiting on top.
            entries.push(YAMLEntry(key: pendingKeys.pop(), value: consume node, keyHash: pendingKeyHashes.removeLast()))
            current.awaitingValue = false
        case .document:
            root = consume node
        }
    }

    /// Adds a checked key to the open mapping, to wait for its value.
    private mutating func addKey(_ key: consuming YAMLNode, hash: UInt64) {
        pendingKeys.push(consume key)
        pendingKeyHashes.append(hash)
        current.awaitingValue = true
    }

    /// Rejects a merge key or a key that repeats one of the open mapping's, then records it.
    private mutating func checkKey(text: String, value: ScalarValue, isPlainUntagged: Bool, hash: UInt64,
                                   at location: SourceLocation) throws(Diagnostic) {
        if isPlainUntagged, text == "<<" {
            throw error("merge keys (<<) are not supported; write the keys out in full", at: location)
        }
        let isString: Bool
        if case .string = value { isString = true } else { isString = false }
        var first: SourceLocation?
        if current.keyIndex == nil, entries.count - current.childStart >= Self.linearKeyLimit {
            var index = KeyIndex()
            for position in current.childStart..<entries.count {
                let key = entries.pointer(at: position).pointee.key
                if case .scalar(let existing) = key.kind { index.insert(existing.text, existing.value, at: key.location) }
            }
            current.keyIndex = index
        }
        if current.keyIndex != nil {
            first = current.keyIndex?.find(text, value)
            if first == nil { current.keyIndex?.insert(text, value, at: location) }
        } else {
            first = firstKey(text: text, value: value, hash: hash, isString: isString)
            keyHashes.append(hash)
        }
        if let first {
            throw Diagnostic(file: file, location: location,
                             message: "duplicate key \(text.debugDescription) (first defined at line \(first.line))",
                             notes: [Diagnostic.Note("first defined here", at: first)])
        }
        if !isString { current.hasNonStringKey = true }
    }

    /// The location of an earlier key of the open mapping that clashes with this one: the same
    /// text (found through its hash, compared by bytes), or the same non-string value (`1` and
    /// `0x1`, `null` and `~`), so that a lookup by text is never ambiguous.
    private func firstKey(text: String, value: ScalarValue, hash: UInt64, isString: Bool) -> SourceLocation? {
        let start = current.keyStart
        for position in start..<keyHashes.count where keyHashes[position] == hash {
            let existing = entries.pointer(at: current.childStart + position - start).pointee.key
            if let existingText = existing.scalar?.text, existingText.utf8.elementsEqual(text.utf8) {
                return existing.location
            }
        }
        guard !isString, current.hasNonStringKey else { return nil }
        for position in current.childStart..<entries.count {
            let existing = entries.pointer(at: position).pointee.key
            if existing.scalar?.value == value { return existing.location }
        }
        return nil
    }

    /// Counts `size` more logical nodes, failing once the document passes `limits.maxNodes`.
    private mutating func count(_ size: Int, at location: SourceLocation, alias: String? = nil) throws(Diagnostic) {
        if let problem = Self.add(size, to: &nodeCount, limit: limits.maxNodes, unit: "nodes", alias: alias) {
            throw error(problem, at: location)
        }
    }

    /// Counts `bytes` more of scalar text, failing once the document passes `limits.maxTextBytes`.
    private mutating func countText(_ bytes: Int, at location: SourceLocation, alias: String? = nil) throws(Diagnostic) {
        if let problem = Self.add(bytes, to: &textBytes, limit: limits.maxTextBytes, unit: "bytes of text", alias: alias) {
            throw error(problem, at: location)
        }
    }

    /// Adds `amount` to `total` (saturating); the problem once `total` passes `limit`.
    private static func add(_ amount: Int, to total: inout Int, limit: Int, unit: String, alias: String?) -> String? {
        let (sum, overflow) = total.addingReportingOverflow(amount)
        total = overflow ? Int.max : sum
        guard total > limit else { return nil }
        if let alias { return "alias *\(alias) expands the document beyond the limit of \(limit) \(unit)" }
        return "the document has more than \(limit) \(unit)"
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

    /// `tag:yaml.org,2002:binary` as `!!binary`; other tags as they are, but with controls escaped
    /// (libyaml decodes `%1B` in a tag).
    private static func shortTag(_ tag: String) -> String {
        MessageText.escaped(tag.hasPrefix(coreTagPrefix) ? "!!" + tag.dropFirst(coreTagPrefix.count) : tag)
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
