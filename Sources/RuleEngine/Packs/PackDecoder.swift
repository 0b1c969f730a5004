import YAMLTree

/// Decodes a rule-pack file from its YAML tree by hand, so that every problem carries a position,
/// and reports all of them rather than the first.
public enum PackDecoder {
    static let topLevelKeys = ["dutycheck", "pack", "title", "version", "citations", "labels", "let", "defaults", "rules"]
    static let citationKeys = ["title", "url", "kind", "nation"]
    static let defaultsKeys = ["severity", "warn"]

    /// The window used when neither the check nor the pack's defaults give one (DESIGN.md §4).
    public static let standardWarn = CalendarDuration(days: 30)

    /// Loads and decodes one pack file; throws every problem found.
    public static func decode(bytes: [UInt8], file: String) throws(DiagnosticList) -> RulePack {
        let root: YAMLNode
        do { root = try YAMLLoader.load(bytes: bytes, file: file) } catch { throw DiagnosticList([error]) }
        let sink = DiagnosticSink(file: file, source: SourceText(bytes: bytes))
        let pack = decode(root, file: file, sha256: SHA256.hex(of: bytes), sink: sink)
        guard sink.isEmpty, let pack else { throw DiagnosticList(sink.diagnostics) }
        return pack
    }

    static func decode(_ root: YAMLNode, file: String, sha256: String, sink: DiagnosticSink) -> RulePack? {
        guard let fields = MappingFields(root, what: "a rule pack", sink: sink) else { return nil }
        fields.rejectUnknownKeys(allowed: topLevelKeys)
        FormatVersion.check(fields, sink: sink)
        let id = fields.string("pack", required: true)
        let title = fields.string("title", required: true)
        let version = fields.string("version", required: true)
        let (citations, declaredCitations) = decodeCitations(fields["citations"], sink: sink)
        let (lets, letDepths) = decodeLets(fields["let"], sink: sink)
        let labels = decodeLabels(fields["labels"], sink: sink)
        var defaults = RuleDefaults(severity: .error, warn: standardWarn)
        if let node = fields["defaults"], let defaultFields = MappingFields(node, what: "defaults", sink: sink) {
            defaultFields.rejectUnknownKeys(allowed: defaultsKeys)
            defaults.severity = defaultFields.choice("severity", Severity.self, among: Severity.allCases.map(\.rawValue)) ?? .error
            defaults.warn = defaultFields.duration("warn") ?? standardWarn
        }
        var rules: [Rule] = []
        if let node = fields["rules"] {
            if case .sequence(let items) = node.kind {
                let context = RuleDecoder(citations: citations, declaredCitations: declaredCitations, defaults: defaults,
                                          packLets: Set(lets.keys), packLetDepths: letDepths, sink: sink)
                rules = items.compactMap { context.decode($0) }
                if items.isEmpty { sink.error("a pack must have at least one rule", at: node.location) }
                reportDuplicateIDs(items, sink: sink)
            } else {
                sink.error("\"rules\" must be a list, not \(node.shapeDescription)", at: node.location)
            }
        } else {
            sink.error("missing required key \"rules\"", at: root.location)
        }
        guard let id, let title, let version else { return nil }
        return RulePack(id: id, title: title, version: version, file: file, sha256: sha256,
                        citations: citations, labels: labels, lets: lets, rules: rules, idLocation: fields["pack"]?.location)
    }

    /// A `labels:` mapping: each code, as text (`label()` maps text only, so a number or `~` could
    /// never be looked up), to the words a reader sees, trimmed and non-empty.
    private static func decodeLabels(_ node: YAMLNode?, sink: DiagnosticSink) -> PackLabels {
        guard let node, let fields = MappingFields(node, what: "labels", sink: sink) else { return .none }
        var labels: [String: String] = [:]
        for (code, keyNode, value) in fields.pairs {
            guard let key = keyNode.scalar, case .string(let text) = key.value else {
                sink.error("a label's code must be text, as the record writes it (quote a number)", at: keyNode.location)
                continue
            }
            guard !text.isEmpty else {
                sink.error("a label's code must not be empty: a record never writes an empty code to look up", at: keyNode.location)
                continue
            }
            guard let scalar = value.scalar, case .string(let words) = scalar.value else {
                sink.error("the label for \"\(code)\" must be text, not \(value.shapeDescription)", at: value.location)
                continue
            }
            let label = trimmed(words)
            if label.isEmpty {
                sink.error("the label for \"\(code)\" must not be empty", at: value.location)
                continue
            }
            labels[code] = label
        }
        return PackLabels(labels)
    }

    /// `text` without leading or trailing white space (a block scalar's final line break included).
    private static func trimmed(_ text: String) -> String {
        let kept = text.drop { $0.isWhitespace }
        return String(kept.reversed().drop { $0.isWhitespace }.reversed())
    }

    /// `^[a-z0-9][a-z0-9-]*$`, the pack schema's pattern for citation ids.
    static func isValidCitationID(_ id: String) -> Bool {
        func allowed(_ scalar: Unicode.Scalar) -> Bool { ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) }
        guard let first = id.unicodeScalars.first, allowed(first) else { return false }
        return id.unicodeScalars.allSatisfy { allowed($0) || $0 == "-" }
    }

    /// The valid citations, and every key declared (with the rejected ones, whose problems are
    /// reported here and not again where a rule cites them).
    private static func decodeCitations(_ node: YAMLNode?,
                                        sink: DiagnosticSink) -> (citations: [String: Citation], declared: Set<String>) {
        guard let node, let fields = MappingFields(node, what: "citations", sink: sink) else { return ([:], []) }
        var citations: [String: Citation] = [:]
        for (key, keyNode, value) in fields.pairs {
            // As the pack schema has it, so a pack that loads here also passes the schema.
            if !isValidCitationID(key) {
                sink.error("a citation id must be lowercase letters, digits and hyphens, starting with a letter or digit, not \"\(key)\"",
                           at: keyNode.location)
            }
            guard let citation = MappingFields(value, what: "citation \"\(key)\"", sink: sink) else { continue }
            citation.rejectUnknownKeys(allowed: citationKeys)
            let title = citation.string("title", required: true)
            let url = citation.string("url", required: true)
            let kind = citation.choice("kind", Citation.Kind.self, among: Citation.Kind.allCases.map(\.rawValue))
            if citation["kind"] == nil { sink.error("missing required key \"kind\"", at: value.location) }
            if let url, let urlNode = citation["url"], !url.hasPrefix("https://") {
                sink.error("a citation url must start with https://", at: urlNode.location)
            }
            let nation = citation.choice("nation", Citation.Nation.self, among: Citation.Nation.allCases.map(\.rawValue))
            if citation["nation"] != nil, nation == nil { continue }  // reported by `choice`
            if let title, let url, let kind { citations[key] = Citation(id: key, title: title, url: url, kind: kind, nation: nation) }
        }
        return (citations, Set(fields.keys))
    }

    /// A `let:` mapping (a pack's or a rule's): identifiers to expressions, without cycles or lets
    /// nesting deeper than `EvaluationDepth.limit`; with each let's depth, counting the lets in
    /// `outside` (a pack's, for a rule's own) as deep as it says. A rule's lets (`ofRule`) may not
    /// take a message's outcome names either.
    static func decodeLets(_ node: YAMLNode?, outside: [String: Int] = [:], ofRule: Bool = false,
                           sink: DiagnosticSink) -> (lets: [String: Expression], depths: [String: Int]) {
        guard let node, let fields = MappingFields(node, what: "let", sink: sink) else { return ([:], [:]) }
        var lets: [String: Expression] = [:]
        var keyLocations: [String: SourceLocation] = [:]
        for (name, keyNode, value) in fields.pairs {
            if !Identifier.isValid(name) {
                sink.error("a let name must be an identifier (letters, digits and _), not \"\(name)\"", at: keyNode.location)
            } else if let problem = Identifier.reservedProblem(name, naming: ofRule ? "a rule's let" : "a let", outcomes: ofRule) {
                sink.error(problem, at: keyNode.location)
            }
            if let expression = value.parseExpression(sink: sink) { lets[name] = expression }
            keyLocations[name] = keyNode.location
        }
        let analysis = LetCycles.analyse(lets)
        for cycle in analysis.cycles {
            sink.error("let \"\(cycle[0])\" depends on itself: \(LetCycles.describe(cycle))", at: keyLocations[cycle[0]])
        }
        var depths: [String: Int] = [:]
        for name in analysis.order {
            depths[name] = lets[name]?.root.depth { depths[$0] ?? outside[$0] }
        }
        // One error, for the deepest: a pack of thousands of chained lets gets one line.
        if let (name, depth) = depths.max(by: { ($0.value, $1.key) < ($1.value, $0.key) }), depth > EvaluationDepth.limit {
            sink.error("let \"\(name)\" nests \(depth) levels deep through the lets it reads; at most "
                       + "\(EvaluationDepth.limit) are allowed, so that evaluating it cannot exhaust the stack", at: keyLocations[name])
        }
        return (lets, depths)
    }

    /// Reads the ids from the rule nodes themselves, so a duplicate is reported even when one of
    /// the rules sharing the id has other problems.
    private static func reportDuplicateIDs(_ items: [YAMLNode], sink: DiagnosticSink) {
        var seen: [String: SourceLocation] = [:]
        for (id, location) in PackIDs.ruleIDs(in: items) {
            if let first = seen[id] {
                sink.error("duplicate rule id \"\(id)\" (first defined at line \(first.line))", at: location,
                           notes: [Diagnostic.Note("first defined here", at: first)])
            } else {
                seen[id] = location
            }
        }
    }
}

/// Pack-wide defaults that each rule may override.
struct RuleDefaults {
    var severity: Severity
    var warn: CalendarDuration
}

/// The `dutycheck: 1` format version that packs, records and rule tests start with.
enum FormatVersion {
    static let supported = 1

    static func check(_ fields: MappingFields, sink: DiagnosticSink, required: Bool = true) {
        guard let node = fields["dutycheck"] else {
            if required { sink.error("missing required key \"dutycheck\" (the format version, 1)", at: fields.node.location) }
            return
        }
        // A whole number written as a float (`1.0`) is the number 1, as JSON Schema's `const: 1` has it.
        guard let version = JSONValue.wholeNumber(node) else {
            sink.error("\"dutycheck\" must be the format version number, 1", at: node.location)
            return
        }
        if version != supported {
            sink.error("format version \(version) is not supported by this dutycheck (it reads version \(supported))", at: node.location)
        }
    }
}

/// Names that expressions can refer to without brackets.
enum Identifier {
    static func isValid(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, first == "_" || (first.isASCII && first.properties.isAlphabetic) else { return false }
        return name.unicodeScalars.allSatisfy { $0 == "_" || ($0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0))) }
    }

    /// Why `name` cannot name `what` (a let, or a rule's `for_each` item), or nil if it can. A word
    /// of the language (`today`, `true`, `and`, ...) is read as itself, so the name could never be
    /// read; with `outcomes`, `status`, `due`, `done`, `days` and `subject` are refused too, since
    /// a message reads those from the finding instead.
    static func reservedProblem(_ name: String, naming what: String, outcomes: Bool) -> String? {
        if reservedWords.contains(name) { return "\"\(name)\" is a word of the expression language and cannot name \(what)" }
        if outcomes, OutcomeName(rawValue: name) != nil {
            return "\(what) cannot be called \"\(name)\": messages use that name for the finding's \(name)"
        }
        return nil
    }
}
