import YAMLTree

/// One rule-pack file, decoded and checked: its rules are ready to evaluate.
public struct RulePack: Sendable {
    public var id: String
    public var title: String
    public var version: String
    /// The file name used in diagnostics and outputs.
    public var file: String
    public var sha256: String
    public var citations: [String: Citation]
    /// What a reader sees for the codes the pack's rules report on (see `PackLabels`).
    public var labels: PackLabels
    /// The pack's lets, numbered; every name in the pack's expressions is marked with its let's
    /// position (see `LetSlots`).
    let letSlots: LetSlots
    public var rules: [Rule]
    /// How many hole texts the rules' templates have that read only the record: the size of the
    /// pack's `RecordHoleTexts` for each record.
    let recordHoleCount: Int
    /// Where the pack's id is written (the value of `pack:`), for diagnostics across packs.
    public var idLocation: SourceLocation? = nil

    /// Named expressions shared by the pack's rules, evaluated once per record.
    public var lets: [String: Expression] { letSlots.definitions }

    init(id: String, title: String, version: String, file: String, sha256: String, citations: [String: Citation],
         labels: PackLabels, lets: [String: Expression], rules: [Rule], idLocation: SourceLocation?) {
        self.id = id
        self.title = title
        self.version = version
        self.file = file
        self.sha256 = sha256
        self.citations = citations
        self.labels = labels
        self.rules = rules
        self.idLocation = idLocation
        letSlots = LetSlots(lets)
        for expression in letSlots.expressions + rules.flatMap(\.expressions) { letSlots.mark(expression) }
        // One slot per hole text across the pack's rules, so that each is written once per record.
        var holeNumbers: [String: Int] = [:]
        for (source, slot) in rules.flatMap(\.recordHoles) {
            let number = holeNumbers[source] ?? holeNumbers.count
            holeNumbers[source] = number
            slot.number(number, inPack: letSlots.id)
        }
        recordHoleCount = holeNumbers.count
    }

    public var info: PackInfo { PackInfo(id: id, title: title, version: version, sha256: sha256) }
}

/// One duty, encoded as a check over a record.
///
/// A class with constant properties: every finding and every step of an evaluation that refers to
/// a rule then shares one reference rather than copying a dozen fields.
public final class Rule: Sendable {
    public let id: String
    public let title: String
    public let duty: String
    public let basis: [Citation]
    public let confidence: Confidence
    public let severity: Severity
    public let waivable: Bool
    public let applies: Expression?
    public let forEach: ForEach?
    public let owner: Expression?
    public let message: MessageSpec?
    public let remedy: Template?
    public let check: RuleCheck
    /// The rule's own named expressions, worked out per finding; nil when it has none.
    public let lets: RuleLets?
    /// Where the rule starts in its pack file.
    public let location: SourceLocation
    /// The rule's own test cases as written (`examples:`), decoded once every pack has loaded (a
    /// case's record is read against them all: `RuleSet.load` checks them, `rules test` runs them);
    /// nil when it has none.
    public let examples: YAMLNode?
    /// Whether a finding writes a hole twice (in its message and its remedy, or twice in one
    /// template), so that its renders keep what shared holes wrote (see `HoleMemo`).
    let repeatsHoles: Bool
    /// Whether the message or remedy names `status`, `due`, `done`, `days` or `subject`; when
    /// neither does, a finding does not make those values for them.
    let templatesReadOutcome: Bool
    /// Whether the owner names the `for_each` variable or one of the rule's own lets, so that each
    /// finding may have other owners; any other owner is the same for all of a pack's findings on a
    /// record (see `OwnerMemo`).
    let ownerIsPerFinding: Bool
    /// The owners of every finding, for an owner written as a literal (`"board"`, as about half
    /// the shipped rules have): worked out once here rather than looked up for each finding.
    let fixedOwners: [String]?

    public init(id: String, title: String, duty: String, basis: [Citation], confidence: Confidence,
                severity: Severity, waivable: Bool, applies: Expression?, forEach: ForEach?, owner: Expression?,
                message: MessageSpec?, remedy: Template?, check: RuleCheck, location: SourceLocation,
                lets: [String: Expression] = [:], examples: YAMLNode? = nil) {
        self.id = id
        self.title = title
        self.duty = duty
        self.basis = basis
        self.confidence = confidence
        self.severity = severity
        self.waivable = waivable
        self.applies = applies
        self.forEach = forEach
        self.owner = owner
        // The names a finding gives its expressions besides the record's: a hole naming none of
        // them reads only the record (see `RecordHoleTexts`).
        let findingNames = Set(lets.keys).union(forEach.map { [$0.variable] } ?? []).union(Rule.outcomeNames)
        // The message and remedy share one parsed tree per hole text (see `sharingHoles`).
        var holes: [String: Node] = [:]
        let message = message?.sharingHoles(with: &holes, findingNames: findingNames)
        let remedy = remedy?.sharingHoles(with: &holes, findingNames: findingNames)
        self.message = message
        self.remedy = remedy
        self.check = check
        self.lets = lets.isEmpty ? nil : RuleLets(lets)
        self.location = location
        self.examples = examples
        self.repeatsHoles = Rule.templatesRepeatHoles(message: message, remedy: remedy)
        // An owner naming one of the rule's own lets is the rule's alone (the same text in another
        // rule may name another let), and may read the item through it.
        let ruleNames = Set(lets.keys).union(forEach.map { [$0.variable] } ?? [])
        self.ownerIsPerFinding = !(owner?.referencedNames.isDisjoint(with: ruleNames) ?? true)
        self.fixedOwners = owner.flatMap { owner in owner.literalValue.flatMap { try? Rule.owners(named: $0, subject: owner.source, budget: EvaluationBudget()) } }
        self.templatesReadOutcome = ((message?.templates ?? []) + [remedy].compactMap { $0 })
            .contains { $0.referencedNames.contains { OutcomeName(rawValue: $0) != nil } }
    }
}

extension Rule {
    /// `status`, `due`, `done`, `days` and `subject`, which a message reads from its finding.
    static let outcomeNames = Set(OutcomeName.allCases.map(\.rawValue))

    /// The holes of the rule's message and remedy that read only the record (see `RecordHoleTexts`).
    var recordHoles: [(source: String, slot: RecordHoleSlot)] {
        ((message?.templates ?? []) + [remedy].compactMap { $0 }).flatMap(\.recordHoles)
    }

    /// The owners an owner expression's value names: each item of a list, or the value itself,
    /// as display text; none for null. Refused when they would print as more than a message may
    /// hold (`ValueLimits`); `subject` names the expression.
    static func owners(named value: Value, subject: String, budget: EvaluationBudget) throws(EvaluationError) -> [String] {
        switch value.kind {
        case .null: return []
        case .list(let items):
            var names: [String] = []
            var length = 0
            for item in items where !item.isNull {
                let name = try item.shownText(subject: subject, budget: budget)
                length += name.utf8.count
                guard length <= ValueLimits.maxShownBytes else { throw ValueLimits.tooLongToShow(subject, origin: value.origin) }
                names.append(name)
            }
            return names
        default: return [try value.shownText(subject: subject, budget: budget)]
        }
    }

    /// Every expression the rule evaluates, template holes included.
    var expressions: [Expression] {
        var all = [applies, forEach?.collection, forEach?.subject, forEach?.label, owner].compactMap { $0 } + (lets?.expressions ?? [])
        switch check {
        case .require(let expression): all.append(expression)
        case .inForce(let periods, _): all.append(periods)
        case .every(let last, let done, _, let firstDue, _): all += [last, done, firstDue].compactMap { $0 }
        case .deadline(let due, let done, let notBefore, _): all += [due, done, notBefore].compactMap { $0 }
        }
        all += (message?.templates ?? []).flatMap(\.expressions)
        all += remedy?.expressions ?? []
        return all
    }
}

/// Runs a rule once per item of a collection.
public struct ForEach: Sendable {
    public var collection: Expression
    /// The name the item is bound to (`item` unless `as:` says otherwise).
    public var variable: String
    /// The item's key: what a waiver names, and what calendars and notifications track it by.
    public var subject: Expression?
    /// What a reader sees for the item, where that differs from its key (a partner's name for its id).
    public var label: Expression?
    /// An empty collection is `met` instead of `missing`.
    public var allowEmpty: Bool
}

/// A rule's message: one template for every status, or one per status.
public enum MessageSpec: Sendable {
    case single(Template)
    case perStatus([Status: Template])

    func template(for status: Status) -> Template? {
        switch self {
        case .single(let template): template
        case .perStatus(let templates): templates[status]
        }
    }
}

/// The one check a rule makes (DESIGN.md §4).
public enum RuleCheck: Sendable {
    case require(Expression)
    case inForce(periods: Expression, warn: CalendarDuration)
    /// `done`: the date the duty was last actually done, where `last` is the end of the last period
    /// it covers (an assessment made during a year counts from the year's end); nil means `last`.
    case every(last: Expression, done: Expression?, interval: CalendarDuration, firstDue: Expression?, warn: CalendarDuration)
    /// `notBefore`: the earliest a completion can truly be dated (the report a response answers).
    case deadline(due: Expression, done: Expression?, notBefore: Expression?, warn: CalendarDuration)

    public var kind: String {
        switch self {
        case .require: "require"
        case .inForce: "in_force"
        case .every: "every"
        case .deadline: "deadline"
        }
    }

    /// A recurring duty, whose findings' `done` is an earlier round than their `due`.
    public var isRecurring: Bool {
        if case .every = self { return true }
        return false
    }

    /// A one-off duty with a due date.
    public var isDeadline: Bool {
        if case .deadline = self { return true }
        return false
    }

    /// The warning window, for checks that have one.
    public var warn: CalendarDuration? {
        switch self {
        case .require: nil
        case .inForce(_, let warn), .every(_, _, _, _, let warn), .deadline(_, _, _, let warn): warn
        }
    }
}
