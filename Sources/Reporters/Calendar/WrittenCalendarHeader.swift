import YAMLTree

extension PreviousCalendar {
    /// Checks the calendar's own properties that dutycheck writes in every calendar, VERSION:2.0 and
    /// a NAME, once its PRODID has shown it is one of this tool's. A calendar without them was not
    /// written as it stands: a file edited by hand, or pieced together, whose events cannot be
    /// trusted to be dutycheck's; and its NAME is what says whose calendar it is. A missing one is
    /// refused at line 1, a VERSION with another value at its line.
    public func checkWrittenHeader() throws(ParseError) {
        guard let version, let versionLine else {
            throw ParseError(line: 1, message: "the calendar has no VERSION, where dutycheck writes VERSION:2.0 in every calendar")
        }
        guard version == "2.0" else {
            throw ParseError(line: versionLine, message: "VERSION is \(MessageText.escaped(version)), where dutycheck writes 2.0")
        }
        guard name != nil else {
            throw ParseError(line: 1, message: "the calendar has no NAME, which dutycheck writes in every calendar to say "
                + "whose due dates it holds")
        }
    }
}
