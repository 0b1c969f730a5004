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
    /// Named expressions shared by the pack's rules, evaluated once per record.
    public var lets: [String: Expression]
    public var rules: [Rule]
    /// Where the pack's id is written (the value of `pack:`), for diagnostics across packs.
    public var idLocation: SourceLocation? = nil

    public var info: PackInfo { PackInfo(id: id, title: title, version: version, sha256: sha256) }
}

/// One duty, encoded as a check over a record.
public struct Rule: Sendable {
    public var id: String
    public var title: String
    public var duty: String
    public var basis: [Citation]
    public var confidence: Confidence
    public var severity: Severity
    public var waivable: Bool
    public var applies: Expression?
    public var forEach: ForEach?
    public var owner: Expression?
    public var message: MessageSpec?
    public var remedy: Template?
    public var check: RuleCheck
    /// Where the rule starts in its pack file.
    public var location: SourceLocation
}

/// Runs a rule once per item of a collection.
public struct ForEach: Sendable {
    public var collection: Expression
    /// The name the item is bound to (`item` unless `as:` says otherwise).
    public var variable: String
    public var subject: Expression?
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
    case every(last: Expression, interval: CalendarDuration, firstDue: Expression?, warn: CalendarDuration)
    case deadline(due: Expression, done: Expression?, warn: CalendarDuration)

    public var kind: String {
        switch self {
        case .require: "require"
        case .inForce: "in_force"
        case .every: "every"
        case .deadline: "deadline"
        }
    }

    /// The warning window, for checks that have one.
    public var warn: CalendarDuration? {
        switch self {
        case .require: nil
        case .inForce(_, let warn), .every(_, _, _, let warn), .deadline(_, _, let warn): warn
        }
    }
}
