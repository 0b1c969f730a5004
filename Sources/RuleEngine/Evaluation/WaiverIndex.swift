/// Waivers by the rule they name and, within it, by subject, so that a finding finds the waivers
/// naming it without reading every waiver: a record with thousands of waivers costs thousands, not
/// millions, of comparisons.
struct WaiverIndex: Sendable {
    /// Positions of the waivers for a whole rule, and of those for one subject, each in list order.
    private var wholeRule: [String: [Int]] = [:]
    private var bySubject: [String: [String: [Int]]] = [:]

    /// Indexes the waivers at `positions` of a list whose rule and subject `naming` gives.
    init(positions: some Sequence<Int>, naming: (Int) -> (rule: String, subject: String?)) {
        for position in positions {
            let (rule, subject) = naming(position)
            if let subject {
                bySubject[rule, default: [:]][subject, default: []].append(position)
            } else {
                wholeRule[rule, default: []].append(position)
            }
        }
    }

    /// The positions, in list order, of the indexed waivers that name `finding`: those for its rule
    /// that name no subject, and those that name its subject.
    func positions(naming finding: Finding) -> [Int] {
        positions(rule: finding.rule, subject: finding.subject)
    }

    /// The positions, in list order, of the indexed waivers for `rule` that name no subject or `subject`.
    func positions(rule: String, subject: String?) -> [Int] {
        let whole = wholeRule[rule] ?? []
        guard let subject, let item = bySubject[rule]?[subject] else { return whole }
        guard !whole.isEmpty else { return item }
        // Both are in list order; merged, so the first listed still wins a tie.
        return (whole + item).sorted()
    }
}

/// A record's waivers in one state, found by the findings they name through one index rather than
/// by reading them all for each finding.
struct WaiversInState: Sendable {
    private let waivers: [WaiverOutcome]
    private let index: WaiverIndex

    init(_ waivers: [WaiverOutcome], state: WaiverOutcome.State) {
        self.waivers = waivers
        index = WaiverIndex(positions: waivers.indices.filter { waivers[$0].state == state }) {
            (waivers[$0].rule, waivers[$0].subject)
        }
    }

    /// Those naming `finding`, in list order.
    func naming(_ finding: Finding) -> [WaiverOutcome] {
        index.positions(naming: finding).map { waivers[$0] }
    }
}

/// The active waiver that waived each waived finding of one record.
public struct CoveringWaivers: Sendable {
    private let active: WaiversInState

    public init(_ waivers: [WaiverOutcome]) {
        active = WaiversInState(waivers, state: .active)
    }

    /// The waiver that waived `finding` (nil unless it is waived): see `WaiverOutcome.chosen`.
    public func waiver(covering finding: Finding) -> WaiverOutcome? {
        guard finding.status == .waived else { return nil }
        return WaiverOutcome.chosen(from: active.naming(finding), until: \.until)
    }
}

/// The expired waivers of one record: an item that comes back when its waiver runs out is news of a
/// different kind from one that has just appeared.
public struct ExpiredWaivers: Sendable {
    private let expired: WaiversInState

    public init(_ waivers: [WaiverOutcome]) {
        expired = WaiversInState(waivers, state: .expired)
    }

    /// The last day of the latest expired waiver naming `finding`, when it ran out after `since` (the
    /// audience's last message: one that had run out before then is not why the item is new now);
    /// nil when there is none.
    public func lastDay(covering finding: Finding, since: CivilDate? = nil) -> CivilDate? {
        guard let last = expired.naming(finding).map(\.until).max() else { return nil }
        if let since, last < since { return nil }
        return last
    }
}
