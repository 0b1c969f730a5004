import YAMLTree

/// The `pattern` keywords of a schema, parsed when it loads rather than for every value checked.
///
/// Every pattern a validation can reach (`SchemaGraph.schemas` follows `$ref`s too) is
/// parsed then, and one that Swift's regular expressions cannot read (a syntax error, or a
/// feature such as lookbehind) is a load error at its position, so the validator never skips a
/// check the schema asks for. So is one with nested repetition (`PatternRepetition`), which a
/// short value could keep matching for years. Patterns are searched for anywhere in the text,
/// as JSON Schema specifies (anchor them with `^` and `$` to match the whole value).
struct SchemaPatterns: @unchecked Sendable {
    // (`Regex` is not marked Sendable, but matching one from several threads is safe: it is not
    // changed by matching, apart from the program it builds on first use, which it stores
    // atomically. The records of a folder are validated in parallel against one table.)
    private let parsed: [String: Regex<AnyRegexOutput>]

    init(graph: SchemaGraph, sink: DiagnosticSink) {
        var parsed: [String: Regex<AnyRegexOutput>] = [:]
        for schema in graph.schemas {
            guard let node = schema["pattern"], let pattern = node.stringValue, parsed[pattern] == nil else { continue }
            let regex: Regex<AnyRegexOutput>
            do { regex = try Self.regex(pattern) } catch {
                sink.error("pattern \(pattern) is not a regular expression dutycheck validate can read: \(error)", at: node.location)
                continue
            }
            if let nested = PatternRepetition.nested(in: pattern) {
                sink.error("pattern \(pattern) has nested repetition, \(nested), which can take exponential time to match; "
                           + "repeat at one level only, separate the repeats by a character the inner repetition "
                           + "cannot match (\\d+(\\.\\d+)* rather than (\\d+\\.?)+), or make the inner repetition possessive (a++ rather than a+)", at: node.location)
                continue
            }
            parsed[pattern] = regex
        }
        self.parsed = parsed
    }

    /// Whether `text` contains a match of `pattern`; nil when the pattern cannot be read. (Every
    /// pattern of a schema that loaded was read then; the nil is for a pattern that somehow was
    /// not, so that it is reported rather than passed.)
    func matches(_ text: String, pattern: String) -> Bool? {
        guard let regex = parsed[pattern] ?? (try? Self.regex(pattern)) else { return nil }
        return (try? regex.firstMatch(in: text)) != nil
    }

    /// A pattern as JSON Schema reads it (ECMA-262): character by character (Unicode scalar), not by
    /// grapheme cluster, Swift's default, under which `/` followed by a combining mark is one
    /// character and `^https?://` would not match `https://` before one. `\d` is `[0-9]`, `\w`
    /// `[A-Za-z0-9_]` and `\b` the edge of a run of those, as in ECMA-262; Swift's default takes
    /// any script's digits and letters, so `^\d{4}-04-01$` would pass a year written in
    /// Arabic-Indic digits. `\s` keeps Unicode spaces, as ECMA-262's does.
    private static func regex(_ pattern: String) throws -> Regex<AnyRegexOutput> {
        try Regex(pattern).matchingSemantics(.unicodeScalar).asciiOnlyDigits().asciiOnlyWordCharacters().wordBoundaryKind(.simple)
    }
}
