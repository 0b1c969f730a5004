import YAMLTree

/// Checks, when a schema loads, that it is a schema and that each keyword's value has the type
/// JSON Schema gives it. The validator reads a value of another type as if the keyword were
/// absent (`"minLength": "x"`, `"required": "name"`, `"items": 3`), so without this check a
/// schema that looks strict could pass every record.
enum SchemaKeywordValues {
    static func check(root: YAMLNode, graph: SchemaGraph, sink: DiagnosticSink) {
        if !isSchema(root) {
            sink.error("a schema must be an object, or true or false, not \(describe(root))", at: root.location)
        }
        for schema in graph.schemas {
            for entry in schema.entries ?? [] {
                guard let keyword = entry.key.scalar?.text else { continue }
                check(keyword, entry.value, sink: sink)
                if keyword == "$ref", let reference = entry.value.stringValue {
                    checkTarget(of: reference, at: entry.value, graph: graph, sink: sink)
                }
            }
        }
    }

    /// A `$ref` must name a schema. One naming nothing, or a value that is not a schema (`#/title`,
    /// `#/$defs/s/type`), was passed by every value that reached it.
    private static func checkTarget(of reference: String, at node: YAMLNode, graph: SchemaGraph, sink: DiagnosticSink) {
        guard let target = graph.target(of: reference) else {
            let form = reference.hasPrefix("#/") ? "" : " (dutycheck validate follows only $refs of the form #/$defs/name)"
            return sink.error("$ref \(reference) names nothing in the schema" + form, at: node.location)
        }
        if !isSchema(target) {
            sink.error("$ref \(reference) names \(describe(target)), which is not a schema (an object, or true or false)", at: node.location)
        }
    }

    /// The type names `type` may use.
    static let typeNames = ["array", "boolean", "integer", "null", "number", "object", "string"]

    private static func check(_ keyword: String, _ value: YAMLNode, sink: DiagnosticSink) {
        /// Reports `node` (the value, or a part of it) unless `holds`.
        func require(_ holds: Bool, _ what: String, at node: YAMLNode = value) {
            if !holds { sink.error("schema keyword \"\(keyword)\" must be \(what), not \(describe(node))", at: node.location) }
        }
        switch keyword {
        case "$schema", "$id", "$comment", "title", "description", "$ref", "pattern", "format":
            require(value.stringValue != nil, "a string")
        case "minLength", "minItems":
            require((JSONValue.wholeNumber(value) ?? -1) >= 0, "a whole number, 0 or more")
        case "minimum", "maximum":
            require(value.doubleValue != nil, "a number")
        case "enum", "examples":
            require(value.items != nil, "an array")
        case "required":
            require(value.items != nil, "an array of strings")
            for item in value.items ?? [] { require(item.stringValue != nil, "an array of strings", at: item) }
        case "properties", "$defs":
            require(value.entries != nil, "an object whose values are schemas")
            for entry in value.entries ?? [] where !isSchema(entry.value) {
                sink.error("schema keyword \"\(keyword)\" must map each name to a schema (an object, or true or false), "
                           + "not \(describe(entry.key)) to \(describe(entry.value))", at: entry.value.location)
            }
        case "items", "additionalProperties", "not", "if", "then", "else":
            require(isSchema(value), "a schema (an object, or true or false)")
        case "allOf", "anyOf", "oneOf":
            require(!(value.items ?? []).isEmpty, "a non-empty array of schemas")
            for item in value.items ?? [] { require(isSchema(item), "an array of schemas (objects, or true or false)", at: item) }
        case "type":
            checkType(value, sink: sink)
        default:
            break   // `const` and `default` may be any value; unsupported keywords are reported apart
        }
    }

    /// `type`: a type name, or a non-empty array of them. A misspelt name would otherwise make
    /// every value fail, blamed on the record ("must be objct").
    private static func checkType(_ value: YAMLNode, sink: DiagnosticSink) {
        let names = value.items ?? [value]
        guard !names.isEmpty, names.allSatisfy({ $0.stringValue != nil }) else {
            return sink.error("schema keyword \"type\" must be a type name or a non-empty array of them, not \(describe(value))", at: value.location)
        }
        for name in names {
            guard let text = name.stringValue, !typeNames.contains(text) else { continue }
            sink.error("schema keyword \"type\": " + Suggestion.unknown("type", text, among: typeNames)
                       + " (the types are \(typeNames.joined(separator: ", ")))", at: name.location)
        }
    }

    /// Whether `node` can be a schema: an object, or `true` or `false`.
    static func isSchema(_ node: YAMLNode) -> Bool {
        node.entries != nil || node.boolValue != nil
    }

    /// A value as a message names it: a scalar as written in JSON, a collection by its kind.
    private static func describe(_ node: YAMLNode) -> String {
        switch node.kind {
        case .mapping: "an object"
        case .sequence(let items): items.isEmpty ? "an empty array" : "an array"
        case .scalar: JSONValue.text(node)
        }
    }
}
