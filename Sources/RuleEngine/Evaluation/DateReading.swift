/// Reads a value that a check needs as a date, telling apart "not recorded" and "not a date".
enum DateReading {
    case date(CivilDate)
    case unrecorded(Origin?)
    case wrongType(EvaluationError)

    init(_ value: Value, role: String) {
        switch value.kind {
        case .date(let date):
            self = .date(date)
        case .null:
            self = .unrecorded(value.origin)
        default:
            self = .wrongType(value.typeError(expected: "a date", subject: role))
        }
    }

    /// "due date (plans[0].approvals.due) is not recorded"
    static func unrecordedProblem(_ role: String, _ origin: Origin?) -> String {
        guard let origin else { return "the \(role) is not recorded" }
        return "the \(role) (\(origin.path)) is not recorded"
    }
}
