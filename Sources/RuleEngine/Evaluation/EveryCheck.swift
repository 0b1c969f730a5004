/// `every: {last, done, interval, first_due, warn}`: a recurring duty, next due one interval after the last.
enum EveryCheck {
    static func evaluate(last lastExpression: Expression, done doneExpression: Expression?, interval: CalendarDuration,
                         firstDue: Expression?, warn: CalendarDuration, in scope: EvaluationScope) -> CheckOutcome {
        let lastReading: DateReading
        do { lastReading = DateReading(try lastExpression.evaluate(in: scope), role: "date last done") } catch {
            return .failed(error)
        }
        switch lastReading {
        case .wrongType(let error):
            return .failed(error)
        case .date(let last):
            // Next due after 31 December 9999 (the last date there is): not yet due.
            var outcome = last.addingExactly(interval).map { DeadlineCheck.classify(due: $0, done: nil, warn: warn, today: scope.today) }
                ?? CheckOutcome(status: .met)
            guard let doneExpression else {
                outcome.done = last
                return outcome
            }
            // The finding shows when the duty was done, not the end of the period it counts from.
            do {
                switch DateReading(try doneExpression.evaluate(in: scope), role: "date done") {
                case .date(let done): outcome.done = done
                case .unrecorded: outcome.done = nil
                // The due date is known from the last date, so the finding keeps it.
                case .wrongType(let error): return .failed(error, due: outcome.due)
                }
            } catch { return .failed(error, due: outcome.due) }
            return outcome
        case .unrecorded(let lastOrigin):
            guard let firstDue else {
                return .missing(DateReading.unrecordedProblem("date it was last done", lastOrigin), culprit: lastOrigin)
            }
            do {
                switch DateReading(try firstDue.evaluate(in: scope), role: "first due date") {
                case .date(let due):
                    return DeadlineCheck.classify(due: due, done: nil, warn: warn, today: scope.today)
                case .unrecorded(let origin):
                    return .missing("it has never been recorded as done (\(lastOrigin?.path ?? "no date")), and no first due date is recorded", culprit: origin ?? lastOrigin)
                case .wrongType(let error):
                    return .failed(error)
                }
            } catch { return .failed(error) }
        }
    }
}
