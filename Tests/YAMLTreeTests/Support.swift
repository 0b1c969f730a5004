import YAMLTree

/// Loads `text` as a file named `t.yaml`.
func load(_ text: String, limits: YAMLLimits = YAMLLimits()) throws(Diagnostic) -> YAMLNode {
    try YAMLLoader.load(text: text, file: "t.yaml", limits: limits)
}

/// The diagnostic loading `bytes` throws, or nil when it loads.
func loadError(bytes: [UInt8], limits: YAMLLimits = YAMLLimits()) -> Diagnostic? {
    do {
        _ = try YAMLLoader.load(bytes: bytes, file: "t.yaml", limits: limits)
        return nil
    } catch {
        return error
    }
}

/// The diagnostic loading `text` throws, or nil when it loads.
func loadError(_ text: String, limits: YAMLLimits = YAMLLimits()) -> Diagnostic? {
    loadError(bytes: Array(text.utf8), limits: limits)
}

/// The diagnostic loading `text` throws, rendered with its snippet.
func renderedError(_ text: String, limits: YAMLLimits = YAMLLimits()) -> String? {
    loadError(text, limits: limits).map { render($0, source: Array(text.utf8)) }
}

/// A location, briefly.
func at(_ line: Int, _ column: Int) -> SourceLocation {
    SourceLocation(line: line, column: column)
}

/// Swift Testing has its own `SourceLocation`; in these tests the name means ours.
typealias SourceLocation = YAMLTree.SourceLocation
