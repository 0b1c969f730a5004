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

    /// Loads a schema (JSON is YAML, so libyaml reads it) and checks it uses only known keywords.
    public init(schema bytes: [UInt8], file: String) throws(DiagnosticList) {
        do { root = try YAMLLoader.load(bytes: bytes, file: file) } catch { throw DiagnosticList([error]) }
        let sink = DiagnosticSink(file: file)
        Self.checkKeywords(root, sink: sink)
        guard sink.isEmpty else { throw DiagnosticList(sink.diagnostics) }
    }

    /// Every place `document` breaks the schema, positioned in `file`.
    public func validate(_ document: YAMLNode, file: String) -> [Diagnostic] {
        var run = SchemaRun(root: root, file: file)
        run.check(document, against: root, path: "")
        return run.problems
    }

    private static func checkKeywords(_ schema: YAMLNode, sink: DiagnosticSink) {
        guard case .mapping(let entries) = schema.kind else { return }
        for entry in entries {
            let key = entry.key.scalar?.text ?? ""
            if !supportedKeywords.contains(key) {
                sink.error("schema keyword \"\(key)\" is not supported by dutycheck validate", at: entry.key.location)
            }
            switch key {
            case "properties", "$defs":
                if case .mapping(let children) = entry.value.kind { children.forEach { checkKeywords($0.value, sink: sink) } }
            case "allOf", "anyOf", "oneOf":
                if case .sequence(let items) = entry.value.kind { items.forEach { checkKeywords($0, sink: sink) } }
            case "items", "additionalProperties", "not", "if", "then", "else":
                checkKeywords(entry.value, sink: sink)
            default:
                break
            }
        }
    }
}
