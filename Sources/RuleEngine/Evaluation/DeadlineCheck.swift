/// `deadline: {due, done, warn}`: a one-off duty with a due date.
enum DeadlineCheck {
    static func evaluate(due dueExpression: Expression, done doneExpression: Expression?, warn: CalendarDuration,
                         in scope: EvaluationScope) -> CheckOutcome {
        let due: CivilDate
        do {
            switch DateReading(try dueExpression.evaluate(in: scope), role: "due date") {
            case .date(let date): due = date
            case .unrecorded(let origin): return .missing(DateReading.unrecordedProblem("due date", origin), culprit: origin)
            case .wrongType(let error): return .failed(error)
            }
        } catch { return .failed(error) }

        var done: CivilDate?
        if let doneExpression {
            do {
                switch DateReading(try doneExpression.evaluate(in: scope), role: "completion date") {
                case .date(let date): done = date
                case .unrecorded: done = nil
                case .wrongType(let error): return .failed(error, due: due)
                }
            } catch { return .failed(error, due: due) }
        }
        return classify(due: due, done: done, warn: warn, today: scope.today)
    }

    /// The status of a due date given what was done, as of `today` (shared with `every`).
    static func classify(due: CivilDate, done: CivilDate?, warn: CalendarDuration, today: CivilDate) -> CheckOutcome {
        if let done {
            if done <= due { return CheckOutcome(status: .met, due: due, done: done) }
            return CheckOutcome(status: .late, due: due, done: done, days: due.days(until: done))
        }
        if today > due { return CheckOutcome(status: .overdue, due: due, days: due.days(until: today)) }
        if today >= due.subtracting(warn) { return CheckOutcome(status: .dueSoon, due: due, days: today.days(until: due)) }
        return CheckOutcome(status: .met, due: due)
    }
}
