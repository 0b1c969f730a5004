/// Everything an expression can see: the record, the as-of date, the pack's `let`s and the
/// current `for_each` variable. Reads of record values are logged as evidence.
public struct EvaluationScope {
    /// What stays the same for a whole record and pack, shared by every copy of the scope so
    /// that copying one (each evaluation does) costs one reference.
    final class Context {
        let root: Value
        let today: CivilDate
        let lets: LetTable
        /// The pack's labels, for `label()`.
        let labels: PackLabels
        /// The record root as a cursor.
        let rootCursor: Cursor
        /// Whether filters may look their key up in an index (`KeyedFilter`) rather than scan;
        /// off only to check that both give the same results.
        let indexesFilters: Bool
        /// The steps the record's evaluation may still take, shared by all its packs.
        let budget: EvaluationBudget

        init(root: Value, today: CivilDate, lets: LetTable, labels: PackLabels, indexesFilters: Bool,
             budget: EvaluationBudget) {
            self.root = root
            self.budget = budget
            self.today = today
            self.lets = lets
            self.labels = labels
            self.indexesFilters = indexesFilters
            self.rootCursor = Context.cursor(for: root)
            lets.use(root: root)
        }

        /// A cursor on a value; a record mapping goes on from its node, whose children and their
        /// paths are converted once per record.
        static func cursor(for value: Value) -> Cursor {
            guard case .map(let node) = value.kind else { return .value(value) }
            return .record(node.viewed(from: value.origin))
        }

        func cursor(for value: Value) -> Cursor { Context.cursor(for: value) }
    }

    var context: Context

    public var root: Value {
        get { context.root }
        set { context = Context(root: newValue, today: context.today, lets: context.lets, labels: context.labels, indexesFilters: context.indexesFilters, budget: context.budget) }
    }

    public var today: CivilDate {
        get { context.today }
        set { context = Context(root: context.root, today: newValue, lets: context.lets, labels: context.labels, indexesFilters: context.indexesFilters, budget: context.budget) }
    }

    public var lets: LetTable {
        get { context.lets }
        set { context = Context(root: context.root, today: context.today, lets: newValue, labels: context.labels, indexesFilters: context.indexesFilters, budget: context.budget) }
    }

    /// The names a rule adds to the record's. One reference, replaced whenever a name is bound,
    /// so that copying a scope (each evaluation does) costs three references in all.
    var bindings: Bindings
    public var evidence: EvidenceLog

    /// Variables by name (a rule binds only its `for_each` variable, through `bind`).
    public var variables: [String: Value] {
        get { bindings.variables }
        set { bindings = Bindings(variables: newValue, bound: bindings.bound, outcome: bindings.outcome, ruleLets: bindings.ruleLets) }
    }

    /// The `for_each` variable, found before `variables` and already a cursor, so that reading it
    /// costs neither a hash nor a look-up of its record node.
    var bound: BoundVariable? {
        get { bindings.bound }
        set { bindings = Bindings(variables: bindings.variables, bound: newValue, outcome: bindings.outcome, ruleLets: bindings.ruleLets) }
    }

    /// The names a message template can use besides the record (`status`, `due`, ...); they
    /// come before the `for_each` variable. Nil outside messages.
    var outcome: OutcomeVariables? {
        get { bindings.outcome }
        set { bindings = Bindings(variables: bindings.variables, bound: bindings.bound, outcome: newValue, ruleLets: bindings.ruleLets) }
    }

    /// The lets of the rule being evaluated, for one finding; nil for a rule without any.
    var ruleLets: RuleLetTable? {
        get { bindings.ruleLets }
        set { bindings = Bindings(variables: bindings.variables, bound: bindings.bound, outcome: bindings.outcome, ruleLets: newValue) }
    }

    public init(root: Value, today: CivilDate, lets: LetTable, labels: PackLabels = .none, variables: [String: Value] = [:],
                evidence: EvidenceLog = EvidenceLog()) {
        self.init(root: root, today: today, lets: lets, labels: labels, variables: variables, evidence: evidence, indexesFilters: true)
    }

    init(root: Value, today: CivilDate, lets: LetTable, labels: PackLabels = .none, variables: [String: Value] = [:],
         evidence: EvidenceLog = EvidenceLog(), indexesFilters: Bool, budget: EvaluationBudget = EvaluationBudget()) {
        self.context = Context(root: root, today: today, lets: lets, labels: labels, indexesFilters: indexesFilters,
                               budget: budget)
        self.bindings = variables.isEmpty ? .empty : Bindings(variables: variables, bound: nil, outcome: nil, ruleLets: nil)
        self.evidence = evidence
    }
}

/// A scope's names besides the record's; never changed once made. (Sendable as `Value` is: the
/// record nodes it may hold are read by one evaluation at a time; see `RecordNode`.)
final class Bindings: @unchecked Sendable {
    let variables: [String: Value]
    let bound: BoundVariable?
    let outcome: OutcomeVariables?
    /// A rule's lets for one finding (their cache is, like a record node's, read by one
    /// evaluation at a time: that is why this class is only `@unchecked Sendable`).
    let ruleLets: RuleLetTable?

    init(variables: [String: Value], bound: BoundVariable?, outcome: OutcomeVariables?, ruleLets: RuleLetTable?) {
        self.variables = variables
        self.bound = bound
        self.outcome = outcome
        self.ruleLets = ruleLets
    }

    /// No names: what a pack's `let` is evaluated with.
    static let empty = Bindings(variables: [:], bound: nil, outcome: nil, ruleLets: nil)
}

/// A variable whose record node has been found once.
struct BoundVariable: Sendable {
    let name: String
    let cursor: Cursor
}

extension EvaluationScope {
    /// Binds `name` to `value` for every evaluation in this scope.
    mutating func bind(_ name: String, to value: Value) {
        bound = BoundVariable(name: name, cursor: context.cursor(for: value))
    }

    /// The variable `name`, bound or given by name.
    func variable(_ name: String) -> Cursor? {
        // Read in place: copying the bound variable out to compare its name costs two references,
        // and every bare name in an expression is looked for here first.
        if bindings.bound?.name == name { return bindings.bound?.cursor }
        if !bindings.variables.isEmpty, let value = bindings.variables[name] { return context.cursor(for: value) }
        return nil
    }
}

/// The names `OutcomeVariables` holds, recognised once when a path is parsed.
enum OutcomeName: String, Sendable, CaseIterable {
    case status, due, done, days, subject
}

/// What a finding's message and remedy can name besides the record: `status`, `due`, `done`,
/// `days` and `subject`.
final class OutcomeVariables: Sendable {
    let status: Value
    let due: Value
    let done: Value
    let days: Value
    let subject: Value

    init(status: Value, due: Value, done: Value, days: Value, subject: Value) {
        self.status = status
        self.due = due
        self.done = done
        self.days = days
        self.subject = subject
    }

    func value(of name: OutcomeName) -> Value {
        switch name {
        case .status: status
        case .due: due
        case .done: done
        case .days: days
        case .subject: subject
        }
    }
}

/// A pack's named expressions for one record: each is evaluated at most once, on first use.
public final class LetTable {
    let slots: LetSlots
    public var definitions: [String: Expression] { slots.definitions }
    /// Each let's value and the evidence it read, by position (see `LetSlots`).
    /// (No run-time exclusivity check: the table belongs to one evaluation of one record.)
    @exclusivity(unchecked) private var cache: [LetValue?]

    /// The record the cached values were read from.
    private var root: RecordNode?

    public convenience init(definitions: [String: Expression]) {
        self.init(slots: LetSlots(definitions))
    }

    init(slots: LetSlots) {
        self.slots = slots
        cache = Array(repeating: nil, count: slots.count)
    }

    /// Forgets the cached values when the table is used for another record.
    func use(root value: Value) {
        guard case .map(let node) = value.kind else { return }
        if let root, root === node { return }
        if root != nil {
            for position in cache.indices { cache[position] = nil }
        }
        root = node
    }

    /// The value of `name` (nil when no such let), logging its evidence into `scope.evidence`.
    /// Cycles are rejected when the pack loads, so recursion here terminates.
    public func value(of name: String, in scope: EvaluationScope) throws(EvaluationError) -> Value? {
        try cursor(of: name, in: scope)?.value
    }

    /// `value(of:in:)` as a cursor, so that a let holding a record mapping finds its node once.
    func cursor(of name: String, in scope: EvaluationScope) throws(EvaluationError) -> Cursor? {
        guard let position = slots.position(of: name) else { return nil }
        return try cursor(at: position, in: scope)
    }

    /// The let a bare name in an expression names, if any: by the position the pack marked on it
    /// when it loaded, or by its text for an expression these lets did not mark.
    func cursor(for key: PathKey, in scope: EvaluationScope) throws(EvaluationError) -> Cursor? {
        guard key.letSlots == slots.id else { return try cursor(of: key.name, in: scope) }
        guard key.letPosition >= 0 else { return nil }
        return try cursor(at: key.letPosition, in: scope)
    }

    private func cursor(at position: Int, in scope: EvaluationScope) throws(EvaluationError) -> Cursor? {
        let value = cache[position] ?? {
            // A pack's let sees the record alone: no item, no rule's names.
            var inner = scope
            inner.bindings = .empty
            let made = LetValue(slots.expressions[position], in: inner)
            cache[position] = made
            return made
        }()
        return try value.read(into: scope)
    }
}

/// A let's value, worked out once, with the evidence it read, which is logged again into every
/// scope that reads the let (a pack's `LetTable` and a rule's `RuleLetTable` both keep these).
struct LetValue {
    let result: Result<Cursor, EvaluationError>
    let evidence: EvidenceLog

    /// Evaluates `expression` in `scope` with an evidence log of its own.
    init(_ expression: Expression, in scope: EvaluationScope) {
        var inner = scope
        inner.evidence = EvidenceLog()
        do {
            result = .success(scope.context.cursor(for: try expression.evaluate(in: inner)))
        } catch {
            result = .failure(error)
        }
        evidence = inner.evidence
    }

    /// The value, its evidence logged into `scope`'s.
    func read(into scope: EvaluationScope) throws(EvaluationError) -> Cursor {
        scope.evidence.record(contentsOf: evidence)
        return try result.get()
    }
}
