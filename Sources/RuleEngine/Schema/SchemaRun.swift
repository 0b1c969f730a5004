import YAMLTree

/// One validation pass: walks the document and the schema together, collecting problems.
struct SchemaRun {
    let graph: SchemaGraph
    let patterns: SchemaPatterns
    let file: String
    var problems: [Diagnostic] = []
    /// How many schemas deep this pass is, for `maxReferenceDepth`.
    private var depth = 0
    /// The deepest the check under way has gone (or, through a remembered check, would have gone),
    /// and the first place it went that deep, as a reason to abandon.
    private var reach = 0
    private var reachPoint: Shared.Point?
    /// Shared with the trial passes this one starts (for `anyOf` and the rest).
    private let shared = Shared()

    init(graph: SchemaGraph, patterns: SchemaPatterns, file: String) {
        self.graph = graph
        self.patterns = patterns
        self.file = file
    }

    /// How deep `$ref`s and nested schemas may go. A loop that stays on one value is refused when
    /// the schema loads; this bounds the recursion of a recursive schema through a deep record.
    ///
    /// The limit applies as if no check were remembered: each remembered check keeps how deep it
    /// went, and reusing it at a depth where it would go past the limit abandons the record as
    /// making it there would have. Otherwise a check first made on a short path was reused on a
    /// long one, while first reached on the long one it abandoned the record: the outcome hung
    /// on the order of `allOf`'s schemas.
    static let maxReferenceDepth = 64

    /// The problems found, without repeats (`allOf` can apply one schema to a value twice), or,
    /// when the check had to be abandoned, only why.
    var outcome: [Diagnostic] {
        shared.abandoned.map { [$0] } ?? Self.withoutRepeats(problems[...])
    }

    /// Checks `node` against `schema`, or repeats what that check found before. A schema without
    /// loops can still branch: 30 levels of `anyOf: [{$ref: next}, {$ref: next}]` make 2^30
    /// paths to one value but only 30 distinct checks, so remembering them bounds the work by
    /// the size of the record times the size of the schema.
    ///
    /// Nodes are told apart by where they start, as no two values of a record start at the same
    /// place. The copies a YAML alias makes share their insides' places, but are equal too, so
    /// they have the same problems, told once, under the first path that reached them.
    mutating func check(_ node: YAMLNode, against schema: YAMLNode, path: String) {
        guard shared.abandoned == nil else { return }
        guard case .mapping = schema.kind else {
            // `true` allows anything; `false` nothing. A loaded schema has no other non-object
            // schema: each keyword that holds a schema, and each `$ref`'s target, is checked at load.
            if schema.boolValue == false { report("is not allowed here (its schema is false)", at: node, path: path) }
            return
        }
        let key = Shared.Key(schema: schema.location, node: node.location)
        if let found = shared.found[key] {
            guard depth + found.height < Self.maxReferenceDepth else { return abandon(at: found.deepest) }
            reachAlso(depth + found.height, found.deepest)
            return problems += found.problems
        }
        let (outerReach, outerPoint) = (reach, reachPoint)
        (reach, reachPoint) = (depth, nil)
        let before = problems.count
        checkAnew(node, against: schema, path: path)
        guard shared.abandoned == nil, let deepest = reachPoint else { return }
        shared.found[key] = Shared.Found(problems: Self.withoutRepeats(problems[before...]), height: reach - depth, deepest: deepest)
        let (innerReach, innerPoint) = (reach, deepest)
        (reach, reachPoint) = (outerReach, outerPoint)
        reachAlso(innerReach, innerPoint)
    }

    /// Notes that the check under way goes `depth` schemas deep, first at `point`.
    private mutating func reachAlso(_ depth: Int, _ point: Shared.Point?) {
        if depth > reach || reachPoint == nil { (reach, reachPoint) = (depth, point) }
    }

    /// Kept without repeats, or `allOf: [{$ref: next}, {$ref: next}]` would double them at each level.
    private static func withoutRepeats(_ found: ArraySlice<Diagnostic>) -> [Diagnostic] {
        guard found.count > 1 else { return Array(found) }
        var seen: Set<Diagnostic> = []
        return found.filter { seen.insert($0).inserted }
    }

    private mutating func checkAnew(_ node: YAMLNode, against schema: YAMLNode, path: String) {
        depth += 1
        defer { depth -= 1 }
        let point = Shared.Point(node: node, path: path)
        guard depth < Self.maxReferenceDepth else { return abandon(at: point) }
        reachAlso(depth, point)
        let keywords = SchemaKeywords(schema)

        if let reference = keywords.text("$ref") {
            // Every `$ref` of a loaded schema names a schema.
            if let target = graph.target(of: reference) { check(node, against: target, path: path) }
        }
        if let types = keywords.typeNames, !types.contains(where: { JSONType.of(node).matches($0) }) {
            return report("must be \(types.map(JSONType.phrase).joined(separator: " or ")), not \(JSONType.of(node).phrase)", at: node, path: path)
        }
        if let allowed = keywords["enum"], case .sequence(let options) = allowed.kind,
           !options.contains(where: { JSONValue.equal($0, node) }) {
            let words = options.map { JSONValue.literal($0) }
            var message = "must be one of \(words.joined(separator: ", ")), not \(JSONValue.text(node))"
            // Compare with the options as written, not as quoted for the message.
            if case .scalar(let scalar) = node.kind,
               let match = Suggestion.closest(to: scalar.text, among: options.compactMap(\.scalar?.text)),
               let option = options.first(where: { $0.scalar?.text == match }) {
                message += "; did you mean \(JSONValue.text(option))?"
            }
            report(message, at: node, path: path)
        }
        if let constant = keywords["const"], !JSONValue.equal(constant, node) {
            report("must be \(JSONValue.literal(constant))", at: node, path: path)
        }
        checkScalar(node, keywords, path: path)
        checkCollections(node, keywords, path: path)
        checkCombinators(node, keywords, path: path)
    }

    private mutating func checkScalar(_ node: YAMLNode, _ keywords: SchemaKeywords, path: String) {
        guard case .scalar(let scalar) = node.kind else { return }
        if case .string(let text) = scalar.value {
            if let minimum = keywords.int("minLength"), text.count < minimum {
                report(minimum == 1 ? "must not be empty" : "must be at least \(minimum) characters", at: node, path: path)
            }
            if let pattern = keywords.text("pattern") {
                switch patterns.matches(text, pattern: pattern) {
                case false?:
                    // A schema's description says the form in words; the pattern is for a schema's author.
                    let form = keywords.text("description").map { ": " + $0.droppingFinalFullStop } ?? " (\(pattern))"
                    report("\(Suggestion.quoted(text)) does not have the expected form\(form)", at: node, path: path)
                case nil: report("cannot be checked: the schema's pattern \(pattern) is not a regular expression", at: node, path: path)
                case true?: break
                }
            }
            switch keywords.text("format") {
            case "date" where CivilDate(iso: text) == nil:
                report("\(Suggestion.quoted(text)) is not a date" + Value.dateHint(for: text), at: node, path: path)
            case "email" where !SchemaFormats.isEmailAddress(text):
                report("\(Suggestion.quoted(text)) is not an email address", at: node, path: path)
            default:
                break
            }
        }
        let number: Double? = switch scalar.value {
        case .int(let value): Double(value)
        case .double(let value): value
        default: nil
        }
        if let number {
            if let minimum = keywords.double("minimum"), number < minimum { report("must be at least \(JSONValue.text(keywords["minimum"]!))", at: node, path: path) }
            if let maximum = keywords.double("maximum"), number > maximum { report("must be at most \(JSONValue.text(keywords["maximum"]!))", at: node, path: path) }
        }
    }

    private mutating func checkCollections(_ node: YAMLNode, _ keywords: SchemaKeywords, path: String) {
        switch node.kind {
        case .sequence(let items):
            if let minimum = keywords.int("minItems"), items.count < minimum {
                report(minimum == 1 ? "must list at least one item" : "must list at least \(minimum) items", at: node, path: path)
            }
            if let itemSchema = keywords["items"] {
                for (index, item) in items.enumerated() { check(item, against: itemSchema, path: "\(path)[\(index)]") }
            }
        case .mapping(let entries):
            let properties = keywords.mapping("properties")
            for name in keywords.strings("required") where !entries.contains(where: { $0.key.scalar?.text == name }) {
                report("is missing the required key \"\(name)\"", at: node, path: path)
            }
            for entry in entries {
                let key = entry.key.scalar?.text ?? ""
                let childPath = path.isEmpty ? key : "\(path).\(key)"
                if let propertySchema = properties.first(where: { $0.key.scalar?.text == key })?.value {
                    check(entry.value, against: propertySchema, path: childPath)
                } else if let additional = keywords["additionalProperties"] {
                    if case .scalar(let scalar) = additional.kind, scalar.value == .bool(false) {
                        let known = properties.compactMap { $0.key.scalar?.text }
                        problems.append(Diagnostic(file: file, location: entry.key.location,
                                                   message: (path.isEmpty ? "" : "\(path): ") + Suggestion.unknownKey(entry, among: known)))
                    } else {
                        check(entry.value, against: additional, path: childPath)
                    }
                }
            }
        case .scalar:
            break
        }
    }

    private mutating func checkCombinators(_ node: YAMLNode, _ keywords: SchemaKeywords, path: String) {
        for schema in keywords.list("allOf") { check(node, against: schema, path: path) }
        let anyOf = keywords.list("anyOf")
        if !anyOf.isEmpty, !anyOf.contains(where: { passes(node, $0, path: path) }) {
            reportNoForm(node, among: anyOf, path: path)
        }
        let oneOf = keywords.list("oneOf")
        if !oneOf.isEmpty {
            let matching = oneOf.filter { passes(node, $0, path: path) }.count
            if matching == 0 { reportNoForm(node, among: oneOf, path: path) }
            if matching > 1 { report("matches more than one of the allowed forms", at: node, path: path) }
        }
        if let negated = keywords["not"], passes(node, negated, path: path) { report("has a form that is not allowed here", at: node, path: path) }
        if let condition = keywords["if"] {
            if passes(node, condition, path: path) {
                if let then = keywords["then"] { check(node, against: then, path: path) }
            } else if let otherwise = keywords["else"] {
                check(node, against: otherwise, path: path)
            }
        }
    }

    /// A value that fits none of the allowed forms. When exactly one form is written for its kind of
    /// value (a list where the forms are an address, a list or null), that form's own problems say
    /// what is wrong, at the item at fault; otherwise, that no form fits.
    private mutating func reportNoForm(_ node: YAMLNode, among forms: [YAMLNode], path: String) {
        let kind = JSONType.of(node)
        let written = forms.filter { form in declaredTypes(form)?.contains(where: kind.matches) ?? false }
        guard written.count == 1 else { return report("matches none of the allowed forms", at: node, path: path) }
        check(node, against: written[0], path: path)
    }

    /// The `type` a schema declares, following its `$ref`s; nil when it declares none.
    private func declaredTypes(_ schema: YAMLNode) -> [String]? {
        var current = schema
        for _ in 0..<Self.maxReferenceDepth {
            let keywords = SchemaKeywords(current)
            if let types = keywords.typeNames { return types }
            guard let reference = keywords.text("$ref"), let target = graph.target(of: reference) else { return nil }
            current = target
        }
        return nil
    }

    /// Whether `node` satisfies `schema`, without reporting (but counting how deep it went).
    private mutating func passes(_ node: YAMLNode, _ schema: YAMLNode, path: String) -> Bool {
        var trial = self
        trial.problems = []
        trial.check(node, against: schema, path: path)
        reachAlso(trial.reach, trial.reachPoint)
        return trial.problems.isEmpty
    }

    private mutating func report(_ message: String, at node: YAMLNode, path: String) {
        problems.append(diagnostic(message, at: node, path: path))
    }

    /// Stops the whole check, trials included: a trial that could not finish would otherwise
    /// count as a form that does not fit, and under `not` that passes.
    private func abandon(at point: Shared.Point) {
        shared.abandoned = diagnostic("cannot be checked: the schema nests or refers to schemas more than \(Self.maxReferenceDepth) deep here",
                                      at: point.node, path: point.path)
    }

    private func diagnostic(_ message: String, at node: YAMLNode, path: String) -> Diagnostic {
        Diagnostic(file: file, location: node.location, message: (path.isEmpty ? "the record " : "\(path) ") + message)
    }

    /// What one record's passes share: the checks made so far, and whether they were abandoned.
    private final class Shared {
        struct Key: Hashable {
            let schema: SourceLocation
            let node: SourceLocation
        }

        /// A check made: its problems, and how deep it went (1: the schema alone), first where.
        struct Found {
            let problems: [Diagnostic]
            let height: Int
            let deepest: Point
        }

        /// A value, and the path to it, where a check went as deep as it did.
        struct Point {
            let node: YAMLNode
            let path: String
        }

        var found: [Key: Found] = [:]
        var abandoned: Diagnostic?
    }
}

private extension String {
    /// The text without one final full stop, to end a clause of a longer message.
    var droppingFinalFullStop: String { hasSuffix(".") ? String(dropLast()) : self }
}
