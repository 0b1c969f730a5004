import YAMLTree

/// Validates a YAML tree against a JSON Schema (draft 2020-12), for `dutycheck validate`.
///
/// It implements the keywords the shipped schemas use: `type`, `properties`, `required`,
/// `additionalProperties`, `items`, `enum`, `const`, `minItems`, `minLength`, `minimum`,
/// `maximum`, `pattern`, `format: date` and `format: email`, `$ref` to `#/$defs/...`,
/// `allOf`, `anyOf`, `oneOf`, `not` and `if`/`then`/`else`, and the schemas `true` (anything) and
/// `false` (nothing). A schema using any other keyword, or a keyword with a value of the wrong
/// type, is rejected when loaded, so the validator never silently ignores part of a schema. YAML
/// scalars map to JSON types by the core schema; dates are strings, as in JSON.
public struct SchemaValidator: Sendable {
    static let supportedKeywords: Set<String> = [
        "$schema", "$id", "$defs", "$comment", "title", "description", "examples", "default",
        "type", "properties", "required", "additionalProperties", "items", "enum", "const",
        "minItems", "minLength", "minimum", "maximum", "pattern", "format", "$ref",
        "allOf", "anyOf", "oneOf", "not", "if", "then", "else",
    ]

    let root: YAMLNode
    let graph: SchemaGraph
    /// Each `pattern` in the schema, compiled once when it loads rather than for every value
    /// checked against it (compiling was most of the time `validate` took).
    let patterns: SchemaPatterns

    /// Loads a schema (JSON is YAML, so libyaml reads it) and checks it uses only known keywords,
    /// each with a value of its type, has no `$ref` loop that never moves into the record, and
    /// that every `pattern` is a regular expression.
    public init(schema bytes: [UInt8], file: String) throws(DiagnosticList) {
        do { root = try YAMLLoader.load(bytes: bytes, file: file) } catch { throw DiagnosticList([error]) }
        graph = SchemaGraph(root: root)
        let sink = DiagnosticSink(file: file)
        Self.checkKeywords(graph, sink: sink)
        SchemaKeywordValues.check(root: root, graph: graph, sink: sink)
        SchemaReferenceLoops.check(graph, sink: sink)
        patterns = SchemaPatterns(graph: graph, sink: sink)
        guard sink.isEmpty else { throw DiagnosticList(sink.diagnostics) }
    }

    /// Every place `document` breaks the schema, positioned in `file`.
    public func validate(_ document: YAMLNode, file: String) -> [Diagnostic] {
        var run = SchemaRun(graph: graph, patterns: patterns, file: file)
        run.check(document, against: root, path: "")
        return run.outcome
    }

    private static func checkKeywords(_ graph: SchemaGraph, sink: DiagnosticSink) {
        for schema in graph.schemas {
            for entry in schema.entries ?? [] {
                let key = entry.key.scalar?.text ?? ""
                if !supportedKeywords.contains(key) {
                    sink.error("schema keyword \"\(key)\" is not supported by dutycheck validate", at: entry.key.location)
                }
            }
        }
    }
}
