import YAMLTree

/// A file of rule tests (`Rules/tests/*.yaml`), or a pack's rules' own `examples:`: small records,
/// an as-of date, and the findings each must produce. See Rules/README.md for the format.
public struct RuleTestSuite: Sendable {
    /// One expected finding: its rule, optionally its subject, and its status (and due, done, days,
    /// the label a reader sees for its subject, who must act, and words its message and remedy hold).
    public struct Expectation: Sendable {
        public var rule: String
        public var subject: String?
        public var label: String?
        public var status: Status
        public var due: CivilDate?
        public var done: CivilDate?
        public var days: Int?
        /// The finding's owners, exactly and in order (`[]`: nobody); nil when not checked.
        public var owners: [String]?
        /// Texts the message must contain, and the remedy: whole messages change with every
        /// rewording, while what a test cares about (a name, a date, a cause) is one phrase.
        public var messageContains: [String] = []
        public var remedyContains: [String] = []
        public var location: SourceLocation
    }

    public struct Case: Sendable {
        public var name: String
        public var asOf: CivilDate
        public var record: Record
        public var expectations: [Expectation]
        public var location: SourceLocation
    }

    public var file: String
    public var cases: [Case]

    static let fileKeys = ["dutycheck", "tests"]
    static let caseKeys = ["name", "as_of", "record", "expect"]
    static let expectationKeys = ["rule", "subject", "label", "status", "due", "done", "days", "owners", "message_contains",
                                  "remedy_contains"]

    /// Decodes a test file against the loaded rules; unknown rules are errors with a suggestion.
    public static func decode(bytes: [UInt8], file: String, rules: RuleSet) throws(DiagnosticList) -> RuleTestSuite {
        let root: YAMLNode
        do { root = try YAMLLoader.load(bytes: bytes, file: file) } catch { throw DiagnosticList([error]) }
        let sink = DiagnosticSink(file: file)
        var cases: [Case] = []
        if let fields = MappingFields(root, what: "a rule-test file", sink: sink) {
            fields.rejectUnknownKeys(allowed: fileKeys)
            FormatVersion.check(fields, sink: sink)
            if let list = fields["tests"], case .sequence(let items) = list.kind {
                cases = items.compactMap { decodeCase($0, file: file, rules: rules, sink: sink) }
                rejectRepeatedNames(cases, sink: sink)
            } else {
                sink.error("\"tests\" must be a list of test cases", at: fields["tests"]?.location ?? root.location)
            }
        }
        guard sink.isEmpty else { throw DiagnosticList(sink.diagnostics) }
        return RuleTestSuite(file: file, cases: cases)
    }

    /// The cases written in `pack`'s rules (`examples:`), as one suite of the pack's file; nil when
    /// no rule has any. An expected finding names the rule it is written in unless it says otherwise.
    public static func examples(of pack: RulePack, rules: RuleSet) throws(DiagnosticList) -> RuleTestSuite? {
        guard pack.rules.contains(where: { $0.examples != nil }) else { return nil }
        let sink = DiagnosticSink(file: pack.file)
        var cases: [Case] = []
        for rule in pack.rules {
            for item in rule.examples?.items ?? [] {
                if let testCase = decodeCase(item, file: pack.file, rules: rules, sink: sink, rule: rule.id) { cases.append(testCase) }
            }
        }
        rejectRepeatedNames(cases, sink: sink)
        guard sink.isEmpty else { throw DiagnosticList(sink.diagnostics) }
        return RuleTestSuite(file: pack.file, cases: cases)
    }

    /// A failure names its case, so two cases of one name in a file would leave it unclear which failed.
    private static func rejectRepeatedNames(_ cases: [Case], sink: DiagnosticSink) {
        var firstLine: [String: Int] = [:]
        for testCase in cases {
            if let line = firstLine[testCase.name] {
                sink.error("a test case named \(Suggestion.quoted(testCase.name)) is already on line \(line); give each case its own name",
                           at: testCase.location)
            } else {
                firstLine[testCase.name] = testCase.location.line
            }
        }
    }

    /// One case; `rule` is the rule an example is written in, which its expected findings name
    /// unless they say otherwise.
    private static func decodeCase(_ node: YAMLNode, file: String, rules: RuleSet, sink: DiagnosticSink,
                                   rule: String? = nil) -> Case? {
        guard let fields = MappingFields(node, what: "a test case", sink: sink) else { return nil }
        fields.rejectUnknownKeys(allowed: caseKeys)
        let name = fields.string("name", required: true)
        let asOf = date(fields, "as_of")
        var record: Record?
        if let recordNode = fields["record"] {
            do { record = try RecordDecoder.decode(root: recordNode, file: file, sha256: "", rules: rules) } catch {
                error.diagnostics.forEach(sink.append)
            }
        } else {
            sink.error("missing required key \"record\"", at: node.location)
        }
        var expectations: [Expectation] = []
        if let list = fields["expect"], case .sequence(let items) = list.kind, !items.isEmpty {
            expectations = items.compactMap { decodeExpectation($0, rules: rules, sink: sink, rule: rule) }
        } else {
            sink.error("\"expect\" must be a non-empty list of expected findings", at: fields["expect"]?.location ?? node.location)
        }
        guard let name, let asOf, let record else { return nil }
        return Case(name: name, asOf: asOf, record: record, expectations: expectations, location: node.location)
    }

    private static func decodeExpectation(_ node: YAMLNode, rules: RuleSet, sink: DiagnosticSink,
                                          rule example: String?) -> Expectation? {
        guard let fields = MappingFields(node, what: "an expected finding", sink: sink) else { return nil }
        fields.rejectUnknownKeys(allowed: expectationKeys)
        // An example's finding is its rule's unless it names one; `rule: ~` names none, an error.
        let rule = fields["rule"] == nil && example != nil ? example : fields.string("rule", required: true)
        if let rule, let ruleNode = fields["rule"], rules.rule(withID: rule) == nil {
            sink.error(Suggestion.unknown("rule", rule, among: rules.ruleIDs), at: ruleNode.location)
        }
        let status = fields.choice("status", Status.self, among: Status.allCases.map(\.rawValue))
        if fields["status"] == nil { sink.error("missing required key \"status\"", at: node.location) }
        let due = fields["due"] == nil ? nil : date(fields, "due")
        let done = fields["done"] == nil ? nil : date(fields, "done")
        var days: Int?
        if let daysNode = fields["days"] {
            if case .scalar(let scalar) = daysNode.kind, case .int(let number) = scalar.value { days = number } else {
                sink.error("\"days\" must be a whole number", at: daysNode.location)
            }
        }
        let owners = texts(fields, "owners", what: "partner ids (or [] for nobody)", allowsOne: false, allowsEmpty: true)
        let message = texts(fields, "message_contains", what: "text", allowsOne: true, allowsEmpty: false)
        let remedy = texts(fields, "remedy_contains", what: "text", allowsOne: true, allowsEmpty: false)
        guard let rule, let status else { return nil }
        return Expectation(rule: rule, subject: fields.subject("subject"), label: fields.string("label"), status: status, due: due, done: done, days: days,
                           owners: owners, messageContains: message ?? [], remedyContains: remedy ?? [], location: node.location)
    }

    /// A list of texts under `key` (nil when absent), each non-empty; `allowsOne` takes a single
    /// text as a list of one. Numbers are read as written (a partner id may be `101`); anything
    /// else is reported at the item.
    private static func texts(_ fields: MappingFields, _ key: String, what: String, allowsOne: Bool,
                              allowsEmpty: Bool) -> [String]? {
        guard let node = fields[key] else { return nil }
        let items: [YAMLNode]
        switch node.kind {
        case .sequence(let list): items = list
        case .scalar where allowsOne: items = [node]
        default:
            fields.sink.error("\"\(key)\" must be a list of \(what)" + (allowsOne ? " or one text" : "") + ", not \(node.shapeDescription)",
                              at: node.location)
            return nil
        }
        if items.isEmpty && !allowsEmpty {
            fields.sink.error("\"\(key)\" must not be an empty list", at: node.location)
            return nil
        }
        var texts: [String] = []
        for item in items {
            guard case .scalar(let scalar) = item.kind, scalar.value != .null, !scalar.text.isEmpty else {
                fields.sink.error("\"\(key)\" must be a list of \(what); this item is \(item.shapeDescription)", at: item.location)
                return nil
            }
            texts.append(scalar.text)
        }
        return texts
    }

    private static func date(_ fields: MappingFields, _ key: String) -> CivilDate? {
        guard let node = fields[key] else {
            fields.sink.error("missing required key \"\(key)\"", at: fields.node.location)
            return nil
        }
        guard let text = node.scalar?.text else {
            fields.sink.error("\"\(key)\" must be a date written YYYY-MM-DD", at: node.location)
            return nil
        }
        do { return try CivilDate.reading(text) } catch {
            fields.sink.error("\"\(key)\": \(error)", at: node.location)
            return nil
        }
    }
}
