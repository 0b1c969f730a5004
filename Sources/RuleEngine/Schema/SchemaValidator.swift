import YAMLTree

/// Validates a YAML tree against a JSON Schema (draft 2020-12), for `dutycheck validate`.
///
/// It implements the keywords the shipped schemas use: `type`, `properties`, `required`,
/// `additionalProperties`, `items`, `enum`, `const`, `minItems`, `minLength`, `minimum`,
/// `maximum`, `pattern`, `format: date` and `format: email`, `$ref` to `#/$defs/...`,
/// `allOf`, `anyOf`, `oneOf`, `not` and `if`/`then`/`else`. A schema using any other keyword is
/// rejected when loaded, so the validator never silently ignores part of a schema. YAML scalars
/// map to JSON types by the core schema; dates are strings, as in JSON.
public struct SchemaValidator: Sendable {
    static let supportedKeywords: Set<String> = [
        "$schema", "$id", "$defs", "$comment", "title", "description", "examples", "default",
        "type", "properties", "required", "additionalProperties", "items", "enum", "const",
        "minItems", "minLength", "minimum", "maximum", "pattern", "format", "$ref",
        "allOf", "anyOf", "oneOf", "not", "if", "then", "else",
    ]

    let root: YAMLNode
    /// Each `pattern` in the schema, compiled once when it loads rather than for every value
    /// checked against it (compiling was most of the time `validate` took).
    let patterns: SchemaPatterns

    /// Loads a schema (JSON is YAML, so libyaml reads it) and checks it uses only known keywords
    /// and that every `pattern` is a regular expression.
    public init(schema bytes: [UInt8], file: String) throws(DiagnosticList) {
        do { root = try YAMLLoader.load(bytes: bytes, file: file) } catch { throw DiagnosticList([error]) }
        let sink = DiagnosticSink(file: file)
        Self.checkKeywords(root, sink: sink)
        patterns = SchemaPatterns(schema: root, sink: sink)
        guard sink.isEmpty else { throw DiagnosticList(sink.diagnostics) }
    }

    /// Every place `document` breaks the schema, positioned in `file`.
    public func validate(_ document: YAMLNode, file: String) -> [Diagnostic] {
        var run = SchemaRun(root: root, patterns: patterns, file: file)
        run.check(document, against: root, path: "")
        return run.problems
    }

    private static func checkKeywords(_ root: YAMLNode, sink: DiagnosticSink) {
        forEachSchema(in: root) { schema in
            for entry in schema.entries ?? [] {
                let key = entry.key.scalar?.text ?? ""
                if !supportedKeywords.contains(key) {
                    sink.error("schema keyword \"\(key)\" is not supported by dutycheck validate", at: entry.key.location)
                }
            }
        }
    }

    /// Calls `visit` once on `root` and on every schema inside it (under `properties`, `$defs`,
    /// `items`, `allOf`, `if` and the rest, and wherever a `$ref` points), but not on data such as
    /// `enum`, `const` or `examples` values, whose keys are not keywords, unless a `$ref` uses
    /// them as a schema. So every keyword a validation can reach is checked when the schema loads.
    static func forEachSchema(in root: YAMLNode, _ visit: (YAMLNode) -> Void) {
        var seen: Set<SourceLocation> = []   // a node reached twice (by a $ref) is visited once
        func walk(_ schema: YAMLNode) {
            guard case .mapping(let entries) = schema.kind, seen.insert(schema.location).inserted else { return }
            visit(schema)
            for entry in entries {
                switch entry.key.scalar?.text ?? "" {
                case "properties", "$defs":
                    for child in entry.value.entries ?? [] { walk(child.value) }
                case "allOf", "anyOf", "oneOf":
                    for item in entry.value.items ?? [] { walk(item) }
                case "items", "additionalProperties", "not", "if", "then", "else":
                    walk(entry.value)
                case "$ref":
                    if let reference = entry.value.stringValue, let target = resolve(reference, in: root) { walk(target) }
                default:
                    break
                }
            }
        }
        walk(root)
    }

    /// The node a `$ref` of the form `#/a/b` names in `root`; nil for any other reference.
    static func resolve(_ reference: String, in root: YAMLNode) -> YAMLNode? {
        guard reference.hasPrefix("#/") else { return nil }
        var node = root
        for step in reference.dropFirst(2).split(separator: "/") {
            guard let next = node[String(step)] else { return nil }
            node = next
        }
        return node
    }
}
