import RuleEngine
import YAMLTree

extension PreviousCalendar {
    /// Checks the calendar's own properties that dutycheck writes in every calendar, one VERSION:2.0
    /// with no parameters and a NAME with none that is not empty, once its PRODID has shown it is one of this
    /// tool's. A calendar without them was not written as it stands: a file edited by hand, or pieced
    /// together, whose events cannot be trusted to be dutycheck's; and its NAME is what says whose
    /// calendar it is. A missing one is refused at line 1, any other at its line.
    public func checkWrittenHeader() throws(ParseError) {
        guard let version, let versionLine else {
            throw ParseError(line: 1, message: "the calendar has no VERSION, where dutycheck writes VERSION:2.0 in every calendar")
        }
        guard !versionHasParameters else {
            throw ParseError(line: versionLine, message: "VERSION has parameters, where dutycheck writes VERSION:2.0 with none")
        }
        guard version == "2.0" else {
            // Quoted, so that an empty value reads as one, and escaped, since it is the file's own text.
            throw ParseError(line: versionLine, message: "VERSION is \(Suggestion.quoted(version)), where dutycheck writes 2.0")
        }
        if let secondVersionLine {
            throw ParseError(line: secondVersionLine, message: "a second VERSION in the calendar (the first is on line "
                + "\(versionLine)), where dutycheck writes one")
        }
        guard let name, let nameLine else {
            throw ParseError(line: 1, message: "the calendar has no NAME, which dutycheck writes in every calendar to say "
                + "whose due dates it holds")
        }
        guard !nameHasParameters else {
            throw ParseError(line: nameLine, message: "NAME has parameters, where dutycheck writes NAME with none")
        }
        guard !name.isEmpty else {
            throw ParseError(line: nameLine, message: "the calendar's NAME is empty, where dutycheck writes one in every "
                + "calendar to say whose due dates it holds")
        }
        if let secondNameLine {
            throw ParseError(line: secondNameLine, message: "a second NAME in the calendar (the first is on line \(nameLine)), "
                + "where dutycheck writes one")
        }
    }
}
