/// One of the calendar's own properties that dutycheck writes exactly once, with no parameters (NAME,
/// VERSION), as a parse meets it: its first value and line, whether that line had parameters, and
/// the line of a second one. Refusing them is left to `checkWrittenHeader`, so that a calendar another
/// program wrote is named as such first.
struct CalendarHeaderLine {
    private(set) var first: (text: String, line: Int)?
    private(set) var hasParameters = false
    private(set) var secondLine: Int?

    mutating func meet(_ value: String, onLine line: Int, hasParameters: Bool) {
        if first == nil {
            first = (value, line)
            self.hasParameters = hasParameters
        } else if secondLine == nil {
            secondLine = line
        }
    }
}
