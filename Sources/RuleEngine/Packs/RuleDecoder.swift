import YAMLTree

/// Decodes one entry of a pack's `rules:` list.
struct RuleDecoder {
    static let ruleKeys = ["id", "title", "duty", "basis", "confidence", "severity", "waivable", "applies",
                           "for_each", "as", "subject", "label", "allow_empty", "let", "owner", "message", "remedy",
                           "require", "in_force", "every", "deadline", "examples"]
    static let checkKeys = ["require", "in_force", "every", "deadline"]

    let citations: [String: Citation]
    /// Every citation key the pack declares, valid or not: only a key outside it is unknown.
    let declaredCitations: Set<String>
    let defaults: RuleDefaults
    /// The pack's let names, which a rule's own lets may not reuse, and how deep each nests (see
    /// `EvaluationDepth`), which a rule's let naming one adds to.
    let packLets: Set<String>
    let packLetDepths: [String: Int]
    let sink: DiagnosticSink

    func decode(_ node: YAMLNode) -> Rule? {
        guard let fields = MappingFields(node, what: "a rule", sink: sink) else { return nil }
        fields.rejectUnknownKeys(allowed: Self.ruleKeys)
        let id = fields.string("id", required: true)
        if let id, let idNode = fields["id"], !Self.isValidID(id) {
            sink.error("a rule id must be lowercase letters, digits and hyphens, not \"\(id)\"", at: idNode.location)
        }
        let title = fields.string("title", required: true)
        let duty = fields.string("duty", required: true)
        let basis = decodeBasis(fields)
        let confidence = fields.choice("confidence", Confidence.self, among: ["confirmed", "unconfirmed"])
        if fields["confidence"] == nil { sink.error("missing required key \"confidence\" (confirmed or unconfirmed)", at: node.location) }
        let severity = fields.choice("severity", Severity.self, among: Severity.allCases.map(\.rawValue)) ?? defaults.severity
        let check = decodeCheck(fields)
        let message = decodeMessage(fields["message"])
        let remedy = fields["remedy"].flatMap { $0.parseTemplate(sink: sink) }
        let waivable = fields.bool("waivable") ?? true
        let applies = fields.expression("applies")
        let forEach = decodeForEach(fields)
        let owner = fields.expression("owner")
        let lets = decodeLets(fields, forEach: forEach)
        if let forEach { rejectItemReadsBeforeItems(fields, applies: applies, forEach: forEach, lets: lets) }
        let examples = fields["examples"]
        if let examples, examples.items == nil {
            sink.error("\"examples\" must be a list of test cases, not \(examples.shapeDescription)", at: examples.location)
        } else if let examples, examples.items?.isEmpty == true {
            sink.error("\"examples\" needs at least one test case (or leave it out)", at: examples.location)
        }
        guard let id, let title, let duty, let confidence, let check else { return nil }
        return Rule(id: id, title: title, duty: duty, basis: basis, confidence: confidence, severity: severity,
                    waivable: waivable, applies: applies, forEach: forEach, owner: owner, message: message,
                    remedy: remedy, check: check, location: node.location, lets: lets, examples: examples)
    }

    static func isValidID(_ id: String) -> Bool {
        guard let first = id.unicodeScalars.first, ("a"..."z").contains(first) else { return false }
        return id.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
    }

    private func decodeBasis(_ fields: MappingFields) -> [Citation] {
        guard let node = fields["basis"] else {
            sink.error("missing required key \"basis\" (at least one citation key)", at: fields.node.location)
            return []
        }
        let items: [YAMLNode]
        switch node.kind {
        case .sequence(let list): items = list
        case .scalar: items = [node]
        case .mapping:
            sink.error("\"basis\" must be a list of citation keys", at: node.location)
            return []
        }
        if items.isEmpty { sink.error("\"basis\" needs at least one citation key", at: node.location) }
        return items.compactMap { item in
            guard let key = item.scalar?.text else {
                sink.error("a citation key must be text", at: item.location)
                return nil
            }
            guard let citation = citations[key] else {
                // A declared citation with problems was reported where it is written.
                if !declaredCitations.contains(key) {
                    sink.error(Suggestion.unknown("citation key", key, among: declaredCitations.sorted()), at: item.location)
                }
                return nil
            }
            return citation
        }
    }

    private func decodeForEach(_ fields: MappingFields) -> ForEach? {
        guard let collection = fields.expression("for_each") else {
            for key in ["as", "subject", "label", "allow_empty"] {
                if let node = fields[key] { sink.error("\"\(key)\" only makes sense with \"for_each\"", at: node.location) }
            }
            return nil
        }
        let variable = fields.string("as") ?? "item"
        if let node = fields["as"] {
            if !Identifier.isValid(variable) {
                sink.error("\"as\" must be an identifier, not \"\(variable)\"", at: node.location)
            } else if let problem = Identifier.reservedProblem(variable, naming: "the for_each item", outcomes: true) {
                // As for a rule's let: the item would never be read where the language or a message reads the name.
                sink.error(problem, at: node.location)
            }
        }
        return ForEach(collection: collection, variable: variable, subject: fields.expression("subject"),
                       label: fields.expression("label"), allowEmpty: fields.bool("allow_empty") ?? false)
    }

    /// The rule's own lets. A name the rule would find before its let (a message's outcome name,
    /// checked with the let's other names, or the `for_each` variable) or that hides one of the
    /// pack's lets is an error: the let would never be read, or would change what the pack's name
    /// means in this rule alone.
    private func decodeLets(_ fields: MappingFields, forEach: ForEach?) -> [String: Expression] {
        guard let node = fields["let"] else { return [:] }
        let lets = PackDecoder.decodeLets(node, outside: packLetDepths, ofRule: true, sink: sink).lets
        guard case .mapping(let entries) = node.kind else { return lets }
        for entry in entries {
            guard let name = entry.key.scalar?.text else { continue }
            let problem: String? = if name == forEach?.variable {
                "a rule's let cannot be called \"\(name)\": that is the name of the for_each item"
            } else if packLets.contains(name) {
                "the pack already has a let called \"\(name)\"; give the rule's own let another name"
            } else {
                nil
            }
            if let problem { sink.error(problem, at: entry.key.location) }
        }
        return lets
    }

    /// `applies` and the `for_each` collection are worked out once for the whole rule, before any
    /// item is bound: naming the item there (directly or through one of the rule's lets) would read
    /// a record key of that name instead, usually null, and could switch the duty off unnoticed.
    /// That holds inside a filter too, where a name is the item wherever the element lacks such a key.
    private func rejectItemReadsBeforeItems(_ fields: MappingFields, applies: Expression?, forEach: ForEach,
                                            lets: [String: Expression]) {
        let variable = forEach.variable
        for (key, expression) in [("applies", applies), ("for_each", forEach.collection)] {
            guard let expression, let node = fields[key] else { continue }
            let reached = Self.namesReached(from: expression, through: lets)
            guard reached.contains(variable) else { continue }
            var message = "\"\(key)\" is worked out once for the whole rule, before any item, so it cannot read the "
                + "for_each item \"\(variable)\" (directly or through the rule's lets)"
            // Written in a filter, the name may have been meant as the element's own key: say how to write that.
            let inFilter = ([expression] + reached.compactMap { lets[$0] }).contains {
                $0.referencedNames.contains(variable) && !$0.root.namesOutsideFilters.contains(variable)
            }
            if inFilter {
                message += "; inside a filter, \"\(variable)\" names the element's own key only where the element has "
                    + "one (elsewhere the item), so write @.\(variable) for that key"
            }
            sink.error(message, at: node.location)
        }
    }

    /// Every name `expression` uses, outside filter conditions and inside them, and every name the
    /// lets it uses use, and so on.
    static func namesReached(from expression: Expression, through lets: [String: Expression]) -> Set<String> {
        var reached: Set<String> = []
        var pending = Array(expression.referencedNames)
        while let name = pending.popLast() {
            guard reached.insert(name).inserted else { continue }
            if let definition = lets[name] { pending += definition.referencedNames }
        }
        return reached
    }

    private func decodeMessage(_ node: YAMLNode?) -> MessageSpec? {
        guard let node else { return nil }
        guard case .mapping = node.kind else { return node.parseTemplate(sink: sink).map(MessageSpec.single) }
        guard let fields = MappingFields(node, what: "message", sink: sink) else { return nil }
        // A waived finding's message is written from its waiver, followed by the message the finding
        // would have had without it; a `waived` template would never be used, so it is refused.
        let waived = Status.waived.rawValue
        fields.rejectUnknownKeys(allowed: Status.allCases.map(\.rawValue))
        var templates: [Status: Template] = [:]
        for (key, keyNode, value) in fields.pairs {
            if key == waived {
                sink.error("a waived finding's message is written from its waiver (until, approved_by and reason), followed by "
                           + "the message for the status it would otherwise have; write that status's message instead", at: keyNode.location)
            } else if let status = Status(rawValue: key), let template = value.parseTemplate(sink: sink) {
                templates[status] = template
            }
        }
        return .perStatus(templates)
    }

    private func decodeCheck(_ fields: MappingFields) -> RuleCheck? {
        let present = Self.checkKeys.filter { fields[$0] != nil }
        guard present.count == 1, let key = present.first, let node = fields[key] else {
            let message = present.isEmpty
                ? "a rule needs exactly one check: require, in_force, every or deadline"
                : "a rule has exactly one check, but this one has \(present.joined(separator: ", "))"
            sink.error(message, at: fields.node.location)
            return nil
        }
        if key == "require" { return node.parseExpression(sink: sink).map(RuleCheck.require) }
        guard let check = MappingFields(node, what: "\"\(key)\"", sink: sink) else { return nil }
        let warn = check.duration("warn") ?? defaults.warn
        switch key {
        case "in_force":
            check.rejectUnknownKeys(allowed: ["periods", "warn"])
            return check.expression("periods", required: true).map { .inForce(periods: $0, warn: warn) }
        case "every":
            check.rejectUnknownKeys(allowed: ["last", "done", "interval", "first_due", "warn"])
            let last = check.expression("last", required: true)
            let done = check.expression("done")
            let interval = check.duration("interval")
            if check["interval"] == nil { sink.error("missing required key \"interval\"", at: node.location) }
            let firstDue = check.expression("first_due")
            guard let last, let interval else { return nil }
            return .every(last: last, done: done, interval: interval, firstDue: firstDue, warn: warn)
        default:
            check.rejectUnknownKeys(allowed: ["due", "done", "not_before", "warn"])
            let due = check.expression("due", required: true)
            let done = check.expression("done")
            let notBefore = check.expression("not_before")
            if notBefore != nil, check["done"] == nil, let node = check["not_before"] {
                sink.error("\"not_before\" bounds the \"done\" date, and this deadline has no \"done\"", at: node.location)
            }
            return due.map { .deadline(due: $0, done: done, notBefore: notBefore, warn: warn) }
        }
    }
}
