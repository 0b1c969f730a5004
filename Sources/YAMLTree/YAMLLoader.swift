/// Bounds that keep a hostile file from exhausting time or memory.
public struct YAMLLimits: Sendable, Hashable {
    /// Largest input accepted, in bytes.
    public var maxBytes: Int
    /// Deepest nesting of collections accepted.
    public var maxDepth: Int
    /// Most nodes the document may hold once aliases are expanded.
    public var maxNodes: Int

    public init(maxBytes: Int = 4 << 20, maxDepth: Int = 64, maxNodes: Int = 200_000) {
        self.maxBytes = maxBytes
        self.maxDepth = maxDepth
        self.maxNodes = maxNodes
    }
}

/// Loads one YAML document into a `YAMLNode` tree through libyaml's event API.
public enum YAMLLoader {
    /// Parses `bytes` (UTF-8, or UTF-16 with a BOM) named `file` in diagnostics.
    ///
    /// Throws a positioned `Diagnostic` for malformed YAML, duplicate keys, merge keys, a second
    /// document, an empty file, invalid UTF-8, and anything over `limits`.
    public static func load(bytes: [UInt8], file: String, limits: YAMLLimits = YAMLLimits()) throws(Diagnostic) -> YAMLNode {
        fatalError("YAMLLoader.load is not written yet")
    }
}
