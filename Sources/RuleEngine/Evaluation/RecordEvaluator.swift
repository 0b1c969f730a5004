/// Checks records against a rule set as of a date. Pure: the same inputs give the same result.
public struct RecordEvaluator: Sendable {
    public let rules: RuleSet
    /// Off only to check that indexed filters give what a full scan gives (see `KeyedFilter`).
    let indexesFilters: Bool

    public init(rules: RuleSet) {
        self.init(rules: rules, indexesFilters: true)
    }

    init(rules: RuleSet, indexesFilters: Bool) {
        self.rules = rules
        self.indexesFilters = indexesFilters
    }

    public func evaluate(_ record: Record, asOf today: CivilDate) -> RecordResult {
        evaluate(record, asOf: today, budget: EvaluationBudget())
    }

    /// `evaluate(_:asOf:)` within `budget`, which the tests read to see what a record spends.
    func evaluate(_ record: Record, asOf today: CivilDate, budget: EvaluationBudget) -> RecordResult {
        var findings: [Finding] = []
        let root = Value.fromRecord(record.root, path: "")
        // The nation whose provisions the findings cite (the packs read it as `partnership.nation`).
        let nation = record.root["partnership"]?["nation"]?.stringValue.flatMap(Citation.Nation.init(rawValue:))
        var stopped: StoppedCheck?
        packs: for pack in rules.packs {
            // One let table per pack and record: each let is evaluated at most once. The record's
            // converted nodes are shared by all the packs, through the root value.
            let lets = LetTable(slots: pack.letSlots)
            let base = EvaluationScope(root: root, today: today, lets: lets, labels: pack.labels, indexesFilters: indexesFilters,
                                       budget: budget)
            let owners = OwnerMemo()
            let holes = RecordHoleTexts(count: pack.recordHoleCount, pack: pack.letSlots.id)
            for rule in pack.rules {
                RuleEvaluator(rule: rule, packID: pack.id, file: record.file, recordRoot: record.root, nation: nation,
                              base: base, ownerMemo: owners, recordHoles: holes)
                    .findings(into: &findings)
                if budget.isExhausted {
                    stopped = StoppedCheck(rule: rule.id, pack: pack.id, packFile: pack.file, location: rule.location)
                    break packs
                }
            }
        }
        let waivers = Waivers.apply(record.waivers, to: &findings, today: today, text: budget,
                                    perItem: { rules.rule(withID: $0)?.forEach != nil })
        var result = RecordResult(file: record.file, sha256: record.sha256, name: record.name,
                                  findings: findings, waivers: waivers, record: record.root)
        result.stopped = stopped
        return result
    }
}

/// Applies a record's waivers to its findings (DESIGN.md §4 "Waivers").
///
/// Where several unexpired waivers cover one finding (a renewal recorded before the old waiver
/// runs out, or one for the whole rule beside one for the item), each is active, and the finding
/// is waived by the one that runs longest, so its message gives the date it is really waived to.
enum Waivers {
    /// `perItem` tells a rule with `for_each`, whose findings have subjects only when it has items.
    static func apply(_ waivers: [Waiver], to findings: inout [Finding], today: CivilDate, text budget: EvaluationBudget,
                      perItem: (String) -> Bool) -> [WaiverOutcome] {
        let unexpired = WaiverIndex(positions: waivers.indices.filter { waivers[$0].until >= today }) {
            (waivers[$0].rule, waivers[$0].subject)
        }
        var covers = Array(repeating: false, count: waivers.count)
        // Only findings a waiver can change, read before any is waived.
        // (Fields are read in place: copying a finding costs a reference count for each of its strings.)
        for index in findings.indices where !waivers.isEmpty && findings[index].status.isWaivable {
            let naming = unexpired.positions(rule: findings[index].rule, subject: findings[index].subject)
            for position in naming { covers[position] = true }
            if let position = WaiverOutcome.chosen(from: naming, until: { waivers[$0].until }) {
                waive(&findings[index], by: waivers[position], text: budget)
            }
        }
        let subjects = SubjectsByRule(findings, rules: Set(waivers.compactMap { $0.subject == nil ? nil : $0.rule }))
        return waivers.enumerated().map { position, waiver in
            // Active only while it covers something: a waiver whose findings are all met (or
            // not applicable) is reported unused, so the partnership knows it can be retired.
            let state: WaiverOutcome.State = waiver.until < today ? .expired : (covers[position] ? .active : .unused)
            var found: [String]?
            if state == .unused, let subject = waiver.subject, !subjects.has(subject, rule: waiver.rule) {
                // A per-item rule with no items now (not applicable, or an empty list) says nothing
                // about which subjects it can have.
                let known = subjects.of(rule: waiver.rule)
                if !known.isEmpty || !perItem(waiver.rule) { found = known }
            }
            return WaiverOutcome(rule: waiver.rule, subject: waiver.subject, reason: waiver.reason,
                                 approvedBy: waiver.approvedBy, reference: waiver.reference, until: waiver.until,
                                 state: state, location: waiver.location, subjectsFound: found)
        }
    }

    /// Past the record's budget of text (`EvaluationBudget`), the waiver is named by its line rather
    /// than quoted: one long reason repeated for each of thousands of items would be output without end.
    /// The approver, reference and reason quoted are the record's text, as the message's own is.
    private static func waive(_ finding: inout Finding, by waiver: Waiver, text budget: EvaluationBudget) {
        var opening: String
        var recordText = RecordTextSpans()
        if budget.textIsSpent {
            opening = "Waived until \(waiver.until.longForm) by the waiver on line \(waiver.location.line) of the record "
                + "(its reason and approver are there)."
        } else {
            opening = "Waived until \(waiver.until.longForm) (approved by "
            recordText.write(waiver.approvedBy, into: &opening)
            if let reference = waiver.reference {
                opening += ", "
                recordText.write(reference, into: &opening)
            }
            opening += "): "
            // A reason written without a full stop still ends its sentence before the finding's own.
            var reason = waiver.reason
            while reason.last?.isWhitespace == true { reason.removeLast() }  // a block scalar ends in a newline
            recordText.write(reason, into: &opening)
            if reason.last.map({ ".!?".contains($0) }) != true { opening += "." }
            budget.spendText(opening.utf8.count)
        }
        opening += " Without the waiver: "
        recordText.append(finding.recordText.message, at: opening.utf8.count)
        finding.message = opening + finding.message
        finding.recordText.message = recordText
        finding.status = .waived
        finding.days = nil
        finding.level = nil
    }
}

/// The subjects of each rule's findings, in finding order without repeats, for the rules `rules`
/// names: what a waiver's subject is compared with.
private struct SubjectsByRule {
    private var ordered: [String: [String]] = [:]
    private var sets: [String: Set<String>] = [:]

    init(_ findings: [Finding], rules: Set<String>) {
        guard !rules.isEmpty else { return }
        for finding in findings where rules.contains(finding.rule) {
            guard let subject = finding.subject, sets[finding.rule, default: []].insert(subject).inserted else { continue }
            ordered[finding.rule, default: []].append(subject)
        }
    }

    func has(_ subject: String, rule: String) -> Bool { sets[rule]?.contains(subject) ?? false }

    func of(rule: String) -> [String] { ordered[rule] ?? [] }
}
