import YAMLTree

/// The UID of an event of a calendar this tool wrote. A previous event is known by its UID alone:
/// it decides which event of this run it was, and the cancelled copy of one that has gone is
/// published under it. So each event has one, never empty, and none holds a direction control,
/// which dutycheck never writes (a record may not hold one) and which would reorder the text shown
/// around it.
enum WrittenUID {
    /// The UID on `line`, whose value begins at `valueStart`, or why it is not one dutycheck writes.
    static func read(_ line: ContentLine, valueStart: String.Index) throws(PreviousCalendar.ParseError) -> String {
        let scalars = line.text.unicodeScalars
        guard valueStart < scalars.endIndex else {
            throw PreviousCalendar.ParseError(at: line.location(of: valueStart), "the UID is empty: dutycheck writes a UID "
                + "in every event, by which the next run knows it")
        }
        if let control = scalars[valueStart...].firstIndex(where: BidiControls.contains) {
            throw PreviousCalendar.ParseError(at: line.location(of: control), "the UID holds \(MessageText.codePoint(scalars[control])), "
                + "an invisible control that reorders the text shown around it, which dutycheck never writes")
        }
        return String(line.text[valueStart...])
    }
}
