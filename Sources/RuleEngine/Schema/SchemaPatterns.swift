import YAMLTree

/// The `pattern` keywords of a schema, compiled when it loads.
///
/// A pattern that does not compile is a load error at its position, so the validator never
/// silently skips a check the schema asks for. Patterns are searched for anywhere in the text,
/// as JSON Schema specifies (anchor them with `^` and `$` to match the whole value).
struct SchemaPatterns: @unchecked Sendable {
    // (A compiled `Regex` is immutable once made, and matching does not change it, so sharing
    // the table across the threads that validate records in parallel is safe.)
    private let compiled: [String: Regex<AnyRegexOutput>]

    init(schema: YAMLNode, sink: DiagnosticSink) {
        var compiled: [String: Regex<AnyRegexOutput>] = [:]
        SchemaValidator.forEachSchema(in: schema) { schema in
            guard let node = schema["pattern"], let pattern = node.stringValue, compiled[pattern] == nil else { return }
            do { compiled[pattern] = try Regex(pattern) } catch {
                sink.error("pattern \(pattern) is not a regular expression dutycheck validate can read", at: node.location)
            }
        }
        self.compiled = compiled
    }

    /// Whether `text` contains a match of `pattern`; nil when the pattern does not compile. (A
    /// `$ref` into a part of the schema that is not walked as a schema, such as an example, can
    /// reach a pattern that was not compiled when the schema loaded.)
    func matches(_ text: String, pattern: String) -> Bool? {
        guard let regex = compiled[pattern] ?? (try? Regex(pattern)) else { return nil }
        return (try? regex.firstMatch(in: text)) != nil
    }
}
