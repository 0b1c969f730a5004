import YAMLTree

/// Loads a record file and checks the parts the engine itself interprets: the format version and
/// the waivers. Everything else is up to the packs.
public enum RecordDecoder {
    static let waiverKeys = ["rule", "subject", "reason", "approved_by", "reference", "until"]

    public static func decode(bytes: [UInt8], file: String, rules: RuleSet) throws(DiagnosticList) -> Record {
        let root: YAMLNode
        do { root = try YAMLLoader.load(bytes: bytes, file: file) } catch { throw DiagnosticList([error]) }
        return try decode(root: root, file: file, sha256: SHA256.hex(of: bytes), rules: rules)
    }

    /// A record from an already loaded tree, such as the inline record of a rule test.
    public static func decode(root: YAMLNode, file: String, sha256: String, rules: RuleSet) throws(DiagnosticList) -> Record {
        let sink = DiagnosticSink(file: file)
        var waivers: [Waiver] = []
        if let fields = MappingFields(root, what: "a record", sink: sink) {
            FormatVersion.check(fields, sink: sink, required: false)
            if let node = fields["waivers"] { waivers = decodeWaivers(node, rules: rules, sink: sink) }
        }
        guard sink.isEmpty else { throw DiagnosticList(sink.diagnostics) }
        return Record(file: file, sha256: sha256, root: root, waivers: waivers)
    }

    private static func decodeWaivers(_ node: YAMLNode, rules: RuleSet, sink: DiagnosticSink) -> [Waiver] {
        if case .scalar(let scalar) = node.kind, scalar.value == .null { return [] }
        guard case .sequence(let items) = node.kind else {
            sink.error("\"waivers\" must be a list, not \(node.shapeDescription)", at: node.location)
            return []
        }
        return items.compactMap { decodeWaiver($0, rules: rules, sink: sink) }
    }

    private static func decodeWaiver(_ node: YAMLNode, rules: RuleSet, sink: DiagnosticSink) -> Waiver? {
        guard let fields = MappingFields(node, what: "a waiver", sink: sink) else { return nil }
        fields.rejectUnknownKeys(allowed: waiverKeys)
        let ruleID = fields.string("rule", required: true)
        let subject = fields.subject("subject")
        let reason = fields.string("reason", required: true)
        let approvedBy = fields.string("approved_by", required: true)
        let reference = fields.string("reference")
        let until = date(fields, "until")
        if let ruleID, let ruleNode = fields["rule"] {
            if let rule = rules.rule(withID: ruleID) {
                if !rule.waivable {
                    sink.error("rule \"\(ruleID)\" cannot be waived: its pack marks it \"waivable: false\"", at: ruleNode.location)
                }
            } else {
                sink.error("a waiver names " + Suggestion.unknown("rule", ruleID, among: rules.ruleIDs), at: ruleNode.location)
            }
        }
        guard let ruleID, let reason, let approvedBy, let until else { return nil }
        return Waiver(rule: ruleID, subject: subject, reason: reason, approvedBy: approvedBy,
                      reference: reference, until: until, location: node.location)
    }

    private static func date(_ fields: MappingFields, _ key: String) -> CivilDate? {
        guard let node = fields[key] else {
            fields.sink.error("missing required key \"\(key)\" (the last day the waiver applies, YYYY-MM-DD)", at: fields.node.location)
            return nil
        }
        guard let text = node.scalar?.text, let date = CivilDate(iso: text) else {
            let text = node.scalar?.text ?? node.shapeDescription
            fields.sink.error("\"\(key)\" must be a date, not \"\(text)\"" + Value.dateHint(for: text), at: node.location)
            return nil
        }
        return date
    }
}
