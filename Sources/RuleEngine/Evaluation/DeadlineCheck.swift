/// `deadline: {due, done, not_before, warn}`: a one-off duty with a due date.
enum DeadlineCheck {
    static func evaluate(due dueExpression: Expression, done doneExpression: Expression?, notBefore: Expression?,
                         warn: CalendarDuration, in scope: EvaluationScope) -> CheckOutcome {
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
                let value = try doneExpression.evaluate(in: scope)
                switch DateReading(value, role: "completion date") {
                case .date(let date):
                    done = date
                    if let notBefore, let early = try tooEarly(date, value.origin, notBefore: notBefore, due: due, in: scope) {
                        return early
                    }
                case .unrecorded: done = nil
                case .wrongType(let error): return .failed(error, due: due)
                }
            } catch {
                // An earliest date that is not a date leaves the completion date as recorded, as an
                // early completion does: only the bound is in doubt.
                var outcome = CheckOutcome.failed(error, due: due)
                outcome.done = done
                return outcome
            }
        }
        return classify(due: due, done: done, warn: warn, today: scope.today)
    }

    /// A completion dated before `notBefore` (a response before the report it answers): the
    /// record is wrong, so the finding is `missing` with the two dates, not `met`. Nil when the
    /// completion is in order or `notBefore` is not recorded.
    private static func tooEarly(_ done: CivilDate, _ doneOrigin: Origin?, notBefore: Expression, due: CivilDate,
                                 in scope: EvaluationScope) throws(EvaluationError) -> CheckOutcome? {
        let value = try notBefore.evaluate(in: scope)
        switch DateReading(value, role: "earliest completion date") {
        case .date(let earliest) where done < earliest:
            func dated(_ date: CivilDate, _ origin: Origin?) -> String {
                date.longForm + (origin.map { " (\($0.path))" } ?? "")
            }
            var outcome = CheckOutcome.missing("the date recorded as done, \(dated(done, doneOrigin)), is before "
                                               + "\(dated(earliest, value.origin)), the earliest it can be: check both dates",
                                               culprit: doneOrigin, due: due)
            outcome.done = done
            outcome.isWrongValue = true
            return outcome
        case .date, .unrecorded: return nil
        case .wrongType(let error): throw error
        }
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
