/// One node of a loaded YAML document, with the position where it starts.
///
/// Aliases are already expanded (within the loader's size budget), so the tree is plain data; a
/// node that came from an alias has the alias's location, and its children keep the locations
/// where the anchored node was written.
public struct YAMLNode: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        case scalar(YAMLScalar)
        case sequence([YAMLNode])
        case mapping([YAMLEntry])
    }

    // Location is declared first so that the synthesized memberwise initializer,
    // `init(location:kind:tag:)`, does not clash with the public one below. The loader builds
    // every node with it: inlined, a hand-written initializer leaves a copy of the whole node
    // (every string retained) and a destroy of the original in its caller, which the optimizer
    // does not pair up.

    /// Where the node starts (for a collection, its first token): line and column, 1-based,
    /// the column counted in Unicode scalars.
    public var location: SourceLocation
    public var kind: Kind
    /// The explicit tag as written (`!!str` is `tag:yaml.org,2002:str`), or nil when untagged.
    public var tag: String?
}

extension YAMLNode {
    public init(kind: Kind, location: SourceLocation, tag: String? = nil) {
        self.init(location: location, kind: kind, tag: tag)
    }
}

/// A key and its value, kept in document order.
public struct YAMLEntry: Sendable, Equatable {
    public var key: YAMLNode {
        didSet { keyHash = KeyHash.of(key) }
    }
    public var value: YAMLNode
    /// `KeyHash.ofASCII` of a scalar key's text; 0 for any other key.
    public private(set) var keyHash: UInt64

    public init(key: YAMLNode, value: YAMLNode) {
        self.key = key
        self.value = value
        self.keyHash = KeyHash.of(key)
    }

    /// With the key's hash already worked out, as the loader has it.
    init(key: consuming YAMLNode, value: consuming YAMLNode, keyHash: UInt64) {
        self.key = key
        self.value = value
        self.keyHash = keyHash
    }
}

/// A scalar's text, how it was written, and its YAML 1.2 core-schema value.
public struct YAMLScalar: Sendable, Equatable {
    public enum Style: Sendable, Hashable { case plain, singleQuoted, doubleQuoted, literal, folded }

    public var text: String
    public var style: Style
    public var value: ScalarValue

    public init(text: String, style: Style, value: ScalarValue) {
        self.text = text
        self.style = style
        self.value = value
    }
}

/// A scalar resolved by the YAML 1.2 core schema. Only plain, untagged scalars resolve to
/// anything but a string; `yes`, `no`, `on` and `off` stay strings.
public enum ScalarValue: Sendable, Hashable {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
}
