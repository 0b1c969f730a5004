/// Why text given where a date belongs is not one, worded for whoever wrote it: the options that
/// take a date and the rule-test files all read dates through `CivilDate.reading(_:)`, so they say alike.
public struct DateProblem: Error, Sendable, Hashable, CustomStringConvertible {
    public var text: String

    /// `2024-02-30` already has the form, so what is wrong is the day; asking for YYYY-MM-DD would
    /// send its writer looking for a mistake in the form.
    public var description: String {
        CivilDate.isWrittenISO(text) ? "\(text) is not a real day" : "\"\(text)\" is not a date: write it as YYYY-MM-DD"
    }
}

extension CivilDate {
    /// The day `text` names, written exactly `YYYY-MM-DD`, or why it names none.
    public static func reading(_ text: String) throws(DateProblem) -> CivilDate {
        guard let date = CivilDate(iso: text) else { throw DateProblem(text: text) }
        return date
    }
}
