/// Holes that a finding writes more than once, evaluated once.
///
/// A remedy often names what its message names (`{first(partners[? id == approval.partner].name)}`
/// in both), and such a hole can filter a whole list for each item. A rule's templates therefore
/// share one parsed tree per hole text (each hole keeps its own `Expression`, with its own place
/// in the pack), and a finding's renders keep what each tree wrote.
extension Template {
    /// The same template with each hole's tree taken from `shared` when a hole with the same text
    /// is already there, and added to it otherwise.
    ///
    /// A hole naming none of `findingNames` reads only the record, and gets a slot of its own in
    /// the pack's `RecordHoleTexts`.
    func sharingHoles(with shared: inout [String: Node], findingNames: Set<String>) -> Template {
        let parts = parts.map { part -> Part in
            guard case .hole(let expression, _) = part else { return part }
            let slot = expression.referencedNames.isDisjoint(with: findingNames) ? RecordHoleSlot() : nil
            guard let root = shared[expression.source] else {
                shared[expression.source] = expression.root
                return .hole(expression, shared: slot)
            }
            return .hole(Expression(source: expression.source, location: expression.location, file: expression.file,
                                    referencedNames: expression.referencedNames, root: root),
                         shared: slot)
        }
        return Template(source: source, parts: parts)
    }

    /// The holes that read only the record, each with its text.
    var recordHoles: [(source: String, slot: RecordHoleSlot)] {
        parts.compactMap { part in
            guard case .hole(let expression, let slot?) = part else { return nil }
            return (expression.source, slot)
        }
    }

    /// The texts of the holes, once each.
    var holeSources: Set<String> {
        Set(expressions.map(\.source))
    }

    /// Whether some hole text appears twice in this template.
    var repeatsAHole: Bool {
        expressions.count > holeSources.count
    }
}

extension MessageSpec {
    func sharingHoles(with shared: inout [String: Node], findingNames: Set<String>) -> MessageSpec {
        switch self {
        case .single(let template): return .single(template.sharingHoles(with: &shared, findingNames: findingNames))
        case .perStatus(let templates):
            var result: [Status: Template] = [:]
            // In a fixed order, so the shared expressions do not depend on dictionary order.
            for status in Status.allCases {
                if let template = templates[status] {
                    result[status] = template.sharingHoles(with: &shared, findingNames: findingNames)
                }
            }
            return .perStatus(result)
        }
    }

    var templates: [Template] {
        switch self {
        case .single(let template): [template]
        case .perStatus(let templates): Status.allCases.compactMap { templates[$0] }
        }
    }
}

/// What one finding's holes wrote, looked up by their shared tree (a finding renders at most a
/// message and a remedy, so a short list beats hashing). Valid for one scope only: the message
/// and the remedy of one finding.
struct HoleMemo {
    private var written: [(root: Node, text: HoleText)] = []

    func text(for expression: Expression) -> HoleText? {
        for entry in written where entry.root === expression.root { return entry.text }
        return nil
    }

    mutating func store(_ text: HoleText, for expression: Expression) {
        written.append((expression.root, text))
    }
}

/// A record-only hole's place in its pack's `RecordHoleTexts`: one number per hole text in the
/// pack, given while the pack loads (`RulePack.init`), before any evaluation reads it.
final class RecordHoleSlot: Sendable {
    /// The pack that numbered the hole, by its `LetSlots.id` (0 until numbered), so that a rule
    /// moved to another pack is not read from a slot of that pack's numbering.
    nonisolated(unsafe) private(set) var pack: UInt64 = 0
    /// -1 until the pack numbers the hole.
    nonisolated(unsafe) private(set) var position = -1

    func number(_ position: Int, inPack pack: UInt64) {
        precondition(self.pack == 0 || (self.pack == pack && self.position == position),
                     "a hole is numbered by its own pack only, while it loads")
        self.pack = pack
        self.position = position
    }
}

/// What the holes that read only the record (those with a `RecordHoleSlot`) wrote, for one pack
/// and record, by slot.
///
/// Such a hole names neither the `for_each` variable, nor a rule's lets, nor the outcome names, so
/// it sees only the record, the as-of date and the pack's lets and labels: within one pack and
/// record the same text writes the same, and `{current_plan.title}` in many rules' messages, or on
/// every item of one rule, is worked out once. A hole that fails is not kept, and fails again
/// where it is used. (Belongs to one evaluation of one record, like `OwnerMemo`.)
final class RecordHoleTexts {
    /// (No run-time exclusivity check: the texts belong to one evaluation of one record.)
    @exclusivity(unchecked) private var written: [HoleText?]
    /// The pack whose numbering the slots follow (its `LetSlots.id`).
    private let pack: UInt64

    init(count: Int, pack: UInt64) {
        written = Array(repeating: nil, count: count)
        self.pack = pack
    }

    func text(of expression: Expression, at slot: RecordHoleSlot, in scope: EvaluationScope) throws(EvaluationError) -> HoleText {
        let position = slot.position
        // A hole another pack numbered (or none did) is simply evaluated.
        guard slot.pack == pack, written.indices.contains(position) else {
            return try expression.evaluate(in: scope).holeText(subject: expression.source, budget: scope.context.budget)
        }
        if let known = written[position] { return known }
        let text = try expression.evaluate(in: scope).holeText(subject: expression.source, budget: scope.context.budget)
        written[position] = text
        return text
    }
}

extension Rule {
    /// Whether a finding's message and remedy can write the same hole: the remedy shares a hole
    /// text with a message template, or one template repeats a hole.
    static func templatesRepeatHoles(message: MessageSpec?, remedy: Template?) -> Bool {
        let messages = message?.templates ?? []
        if messages.contains(where: \.repeatsAHole) || remedy?.repeatsAHole == true { return true }
        guard let remedy else { return false }
        let remedyHoles = remedy.holeSources
        return messages.contains { !$0.holeSources.isDisjoint(with: remedyHoles) }
    }
}
