/// Everything an expression can see: the record, the as-of date, the pack's `let`s and the
/// current `for_each` variable. Reads of record values are logged as evidence.
public struct EvaluationScope {
    /// What stays the same for a whole record and pack, shared by every copy of the scope so
    /// that copying one (each evaluation does) costs one reference.
    final class Context {
        let root: Value
        let today: CivilDate
        let lets: LetTable
        /// The record's nodes (see `RecordIndex`), looked up once for the scope.
        let index: RecordIndex?

        init(root: Value, today: CivilDate, lets: LetTable) {
            self.root = root
            self.today = today
            self.lets = lets
            self.index = lets.recordIndex(for: root)
        }
    }

    var context: Context

    public var root: Value {
        get { context.root }
        set { context = Context(root: newValue, today: context.today, lets: context.lets) }
    }

    public var today: CivilDate {
        get { context.today }
        set { context = Context(root: context.root, today: newValue, lets: context.lets) }
    }

    public var lets: LetTable {
        get { context.lets }
        set { context = Context(root: context.root, today: context.today, lets: newValue) }
    }

    /// The `for_each` variable (and nothing else, today), by name.
    public var variables: [String: Value]
    public var evidence: EvidenceLog
    /// The names a message template can use besides the record (`status`, `due`, ...); they
    /// come before the `for_each` variable. Nil outside messages.
    var outcome: OutcomeVariables?

    public init(root: Value, today: CivilDate, lets: LetTable, variables: [String: Value] = [:], evidence: EvidenceLog = EvidenceLog()) {
        self.context = Context(root: root, today: today, lets: lets)
        self.variables = variables
        self.evidence = evidence
    }
}

/// What a finding's message and remedy can name besides the record: `status`, `due`, `done`,
/// `days` and `subject`.
final class OutcomeVariables {
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

    func value(named name: String) -> Value? {
        switch name {
        case "status": status
        case "due": due
        case "done": done
        case "days": days
        case "subject": subject
        default: nil
        }
    }
}

/// The record locations an evaluation read, in first-read order without repeats.
///
/// At most `limit` are kept: a finding that points at more places than a reader can follow helps
/// nobody, and the cap keeps evidence cheap on the hot path (a linear scan of a short list beats
/// hashing path strings).
public final class EvidenceLog {
    public static let limit = 12
    public private(set) var origins: [Origin] = []
    /// A log nobody will read (a message's, an owner's): it keeps nothing.
    let discards: Bool

    public init() {
        discards = false
    }

    init(discarding: Bool) {
        discards = discarding
    }

    public func record(_ origin: Origin) {
        guard !discards, origins.count < Self.limit else { return }
        for seen in origins where seen.location == origin.location && seen.path == origin.path { return }
        origins.append(origin)
    }

    public func record(contentsOf other: EvidenceLog) {
        guard !discards else { return }
        // `other` already holds no repeats and no more than the limit.
        if origins.isEmpty {
            origins = other.origins
            return
        }
        for origin in other.origins { record(origin) }
    }
}

/// A pack's named expressions for one record: each is evaluated at most once, on first use.
public final class LetTable {
    public let definitions: [String: Expression]
    private var cache: [String: (result: Result<Value, EvaluationError>, evidence: EvidenceLog)] = [:]

    /// The record's nodes as evaluation has converted them (see `RecordIndex`).
    private var index: RecordIndex?

    public init(definitions: [String: Expression]) {
        self.definitions = definitions
    }

    /// A table for another pack's lets over the same record: the record's nodes, already
    /// converted for `other`, are shared rather than converted again.
    init(definitions: [String: Expression], sharingRecordWith other: LetTable?) {
        self.definitions = definitions
        self.index = other?.index
    }

    /// The index of `root`'s nodes, kept for as long as the same record is evaluated.
    func recordIndex(for root: Value) -> RecordIndex? {
        guard case .map(let node) = root.kind, root.origin?.path == "" else { return nil }
        if let index, index.isIndex(of: node) { return index }
        let made = RecordIndex(root: node)
        index = made
        return made
    }

    /// The value of `name` (nil when no such let), logging its evidence into `scope.evidence`.
    /// Cycles are rejected when the pack loads, so recursion here terminates.
    public func value(of name: String, in scope: EvaluationScope) throws(EvaluationError) -> Value? {
        guard let expression = definitions[name] else { return nil }
        if let cached = cache[name] {
            scope.evidence.record(contentsOf: cached.evidence)
            return try cached.result.get()
        }
        var inner = scope
        inner.variables = [:]
        inner.outcome = nil
        inner.evidence = EvidenceLog()
        let result: Result<Value, EvaluationError>
        do { result = .success(try expression.evaluate(in: inner)) } catch { result = .failure(error) }
        cache[name] = (result, inner.evidence)
        scope.evidence.record(contentsOf: inner.evidence)
        return try result.get()
    }
}
