import YAMLTree

/// `in_force: {periods, warn}`: something (a plan, a strategy) must cover the as-of date.
enum InForceCheck {
    struct Period {
        var start: CivilDate
        /// Inclusive; nil when open-ended.
        var end: CivilDate?

        func covers(_ day: CivilDate) -> Bool { start <= day && (end.map { day <= $0 } ?? true) }
    }

    static func evaluate(periods expression: Expression, warn: CalendarDuration, in scope: EvaluationScope) -> CheckOutcome {
        let value: Value
        do { value = try expression.evaluate(in: scope) } catch { return .failed(error) }
        let elements: [Value]
        switch value.kind {
        case .list(let items): elements = items
        case .map: elements = [value]
        case .null: return .missing(DateReading.unrecordedProblem("period", value.origin), culprit: value.origin)
        default:
            return .missing("the periods are \(value.descriptionForMessage), not a list of periods with start and end", culprit: value.origin)
        }
        var periods: [Period] = []
        for element in elements where !element.isNull {
            switch period(from: element, evidence: scope.evidence) {
            case .success(let period): periods.append(period)
            case .failure(let error): return .failed(error)
            }
        }
        return classify(periods, warn: warn, today: scope.today)
    }

    static func classify(_ periods: [Period], warn: CalendarDuration, today: CivilDate) -> CheckOutcome {
        guard let covering = periods.filter({ $0.covers(today) }).max(by: { ($0.end ?? .latest) < ($1.end ?? .latest) }) else {
            let ended = periods.compactMap(\.end).filter { $0 < today }
            if let lastEnd = ended.max() {
                return CheckOutcome(status: .overdue, due: lastEnd, days: lastEnd.days(until: today))
            }
            let upcoming = periods.map(\.start).filter { $0 > today }.min()
            return .missing(upcoming.map { "no recorded period covers this date; the next starts on \($0.longForm)" }
                            ?? "no period is recorded")
        }
        guard let chainEnd = endOfChain(from: covering, through: periods) else {
            return CheckOutcome(status: .met)
        }
        if today >= chainEnd.subtracting(warn) {
            return CheckOutcome(status: .dueSoon, due: chainEnd, days: today.days(until: chainEnd))
        }
        return CheckOutcome(status: .met, due: chainEnd)
    }

    /// Follows successors that start by the day after the current end (or overlap it); nil when the
    /// chain is open-ended.
    private static func endOfChain(from covering: Period, through periods: [Period]) -> CivilDate? {
        guard var end = covering.end else { return nil }
        while true {
            let successors = periods.filter { $0.start <= end.adding(days: 1) && ($0.end.map { $0 > end } ?? true) }
            if successors.contains(where: { $0.end == nil }) { return nil }
            guard let next = successors.compactMap(\.end).max() else { return end }
            end = next
        }
    }

    /// A period from a record mapping: `start` is required; `end` may be absent.
    private static func period(from value: Value, evidence: EvidenceLog) -> Result<Period, EvaluationError> {
        guard case .map(let mapping) = value.kind, case let node = mapping.node, node.isMapping else {
            return .failure(EvaluationError("\(value.origin?.path ?? "a period") is \(value.descriptionForMessage), not a period with start and end", origin: value.origin))
        }
        let base = value.origin?.path ?? "period"
        func field(_ key: String) -> Value {
            guard let child = node[key] else {
                return Value(.null, origin: Origin(path: "\(base).\(key)", location: node.location))
            }
            let field = Value.fromRecord(child, path: "\(base).\(key)")
            if let origin = field.origin { evidence.record(origin) }
            return field
        }
        let start: CivilDate
        switch DateReading(field("start"), role: "start date") {
        case .date(let date): start = date
        case .unrecorded(let origin):
            return .failure(EvaluationError(DateReading.unrecordedProblem("start date", origin), origin: origin))
        case .wrongType(let error): return .failure(error)
        }
        let endField = field("end")
        switch DateReading(endField, role: "end date") {
        case .date(let end) where end < start:
            // A slip in the record (a year or a day and month swapped): read as it stands it would be
            // a period that ended before it began, so the plan would seem lapsed rather than wrong.
            return .failure(EvaluationError("\(base).end (\(end.longForm)) is before its start (\(start.longForm))", origin: endField.origin))
        case .date(let end): return .success(Period(start: start, end: end))
        case .unrecorded: return .success(Period(start: start, end: nil))
        case .wrongType(let error): return .failure(error)
        }
    }
}
