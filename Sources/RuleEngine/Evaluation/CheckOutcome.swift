/// What a check concluded before waivers, levels and messages are applied.
struct CheckOutcome {
    var status: Status
    var due: CivilDate?
    var done: CivilDate?
    var days: Int?
    /// Why the finding is `missing`: what was not recorded, or which value had the wrong type.
    var problem: String?
    /// The record value at fault, listed first in the evidence.
    var culprit: Origin?
    /// The problem is a value of the wrong type (a date field holding `TBC`), not an absence,
    /// so a rule's own "missing" message must be followed by it.
    var isWrongValue = false

    static func missing(_ problem: String, culprit: Origin? = nil, due: CivilDate? = nil) -> CheckOutcome {
        CheckOutcome(status: .missing, due: due, problem: problem, culprit: culprit)
    }

    static func failed(_ error: EvaluationError, due: CivilDate? = nil) -> CheckOutcome {
        var outcome = CheckOutcome.missing(error.message, culprit: error.origin, due: due)
        outcome.isWrongValue = true
        return outcome
    }
}
