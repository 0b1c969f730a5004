import Reporters
import Testing

/// The previous calendar must be one whole calendar: a file cut short or not a calendar at all is
/// refused at the place it goes wrong, since reading it as far as it goes would start every event
/// past the cut at SEQUENCE 0, and calendar clients then ignore the updates.
@Suite("Previous calendar reader")
struct PreviousCalendarTests {
    static func calendar(_ lines: [String]) -> String {
        lines.map { $0 + "\r\n" }.joined()
    }

    /// UIDs in the one form dutycheck writes (`DeadlineCalendar.uid`), which is all a previous calendar may hold.
    static let uid = "5d41402a-bc4b-8a76-b971-9d911017c592"
    static let otherUID = "7d793037-a076-8c2a-9bde-3f40ecb3a1c0"

    static let event = ["BEGIN:VEVENT", "UID:\(uid)", "SEQUENCE:3", "DTSTART;VALUE=DATE:20240301", "SUMMARY:A", "END:VEVENT"]
    static let whole = calendar(["BEGIN:VCALENDAR", "VERSION:2.0"] + event + ["END:VCALENDAR"])

    static func refusal(_ text: String) -> PreviousCalendar.ParseError? {
        do {
            _ = try PreviousCalendar(parsing: text)
            return nil
        } catch {
            return error
        }
    }

    /// The calendar's own NAME is kept as written, with its line; a second one is not it.
    @Test func theCalendarNameIsReadFromTheCalendarItself() throws {
        let text = Self.calendar(["BEGIN:VCALENDAR", "VERSION:2.0", "NAME:Safer A\\, B\\; C: dates"]
            + Self.event + ["NAME:a second one", "END:VCALENDAR"])
        let calendar = try PreviousCalendar(parsing: text)
        #expect(calendar.name == "Safer A\\, B\\; C: dates")
        #expect(calendar.nameLine == 3)
        #expect(ICalendarText.unescape(calendar.name ?? "") == "Safer A, B; C: dates")
        #expect(try PreviousCalendar(parsing: Self.whole).name == nil)
        // Whose calendar a NAME says it is, when not one of these partnerships'.
        #expect(DeadlineCalendar.otherPartnership(inCalendarName: "Safer A\\, B\\; C: statutory due dates", besides: ["X"]) == "Safer A, B; C")
        #expect(DeadlineCalendar.otherPartnership(inCalendarName: "Safer A\\, B\\; C: statutory due dates", besides: ["Safer A, B; C"]) == nil)
        #expect(DeadlineCalendar.otherPartnership(inCalendarName: "DutyCheck: statutory due dates", besides: ["X"]) == nil)
        #expect(DeadlineCalendar.otherPartnership(inCalendarName: "Safer A B: statutory due dates", besides: ["Safer A\tB"]) == nil)
        #expect(DeadlineCalendar.otherPartnership(inCalendarName: ": statutory due dates", besides: ["X"]) == nil)
        #expect(DeadlineCalendar.otherPartnership(inCalendarName: "Team diary", besides: ["X"]) == nil)
    }

    /// Unescaping undoes escaping, line breaks included; a lone backslash at the end stays.
    @Test(arguments: ["plain", "a, b; c\\d", "two\nlines", "tab\tand \u{2028}", "é, ü; 😀", ""])
    func unescapeUndoesEscape(_ text: String) {
        let escaped = ICalendarText.escape(text)
        let expected = text.replacingOccurrences(of: "\t", with: " ").replacingOccurrences(of: "\u{2028}", with: "\n")
        #expect(ICalendarText.unescape(escaped) == expected)
        #expect(ICalendarText.unescape("end\\") == "end\\")
        #expect(ICalendarText.unescape("\\N") == "\n")
    }

    @Test func aCalendarCutShortIsRefusedAtItsEnd() {
        // Cut after an event: what follows it, END:VCALENDAR included, is gone.
        let afterEvent = Self.calendar(["BEGIN:VCALENDAR", "VERSION:2.0"] + Self.event)
        #expect(Self.refusal(afterEvent) == .init(line: 9, column: 1,
            message: "the file ends before END:VCALENDAR (BEGIN:VCALENDAR is on line 1): it may have been cut short"))
        // Cut inside an event, in the middle of a line.
        let insideEvent = "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:\(Self.uid)\r\nSUMMARY:A"
        #expect(Self.refusal(insideEvent) == .init(line: 4, column: 10,
            message: "the file ends inside the event begun on line 2, before its END:VEVENT: it may have been cut short"))
    }

    @Test(arguments: [
        // Not content lines at all.
        ("<html>junk</html>", 1, "expected a property name (letters, digits and '-'), found \u{201C}<\u{201D}"),
        (":no name", 1, "expected a property name (letters, digits and '-'), found \u{201C}:\u{201D}"),
        ("NAME", 5, "expected ';' or ':' after the name \u{201C}NAME\u{201D}, found the end of the line"),
        // Parameters.
        ("X;=a:b", 3, "expected a parameter name (letters, digits and '-'), found \u{201C}=\u{201D}"),
        ("X;P:b", 4, "expected '=' after the parameter name \u{201C}P\u{201D}, found \u{201C}:\u{201D}"),
        ("X;P=\"a:b", 5, "a quoted parameter value has no closing '\"'"),
        ("X;P=a\"b\":c", 6, "a '\"' inside a parameter value that is not quoted"),
        ("X;P=\"a\"b:c", 8, "expected ',', ';' or ':' after a parameter value, found \u{201C}b\u{201D}"),
        // Structure.
        ("BEGIN:", 7, "BEGIN must name a component (letters, digits and '-')"),
        ("BEGIN:VCALENDAR", 1, "BEGIN:VCALENDAR inside the calendar"),
        ("END:VEVENT", 1, "END:VEVENT has no matching BEGIN:VEVENT"),
    ])
    func everyLineOutsideEventsIsChecked(_ line: String, _ column: Int, _ message: String) {
        let text = Self.calendar(["BEGIN:VCALENDAR", line] + Self.event + ["END:VCALENDAR"])
        #expect(Self.refusal(text) == .init(line: 2, column: column, message: message))
    }

    /// An event gone since is written back from its lines, so lines that could not be written back are refused.
    @Test(arguments: [
        ("SUMMARY:a\rb", 10, "a content line may not hold the control character U+000D"),
        ("SUMMARY:a\u{2028}b", 10, "a content line may not hold the control character U+2028"),
        ("SUMMARY:a\u{0}b", 10, "a content line may not hold the control character U+0000"),
        ("NOT A PROPERTY", 4, "expected ';' or ':' after the name \u{201C}NOT\u{201D}, found U+0020"),
        ("END:VALARM", 1, "END:VALARM has no matching BEGIN:VALARM"),
        ("BEGIN:VEVENT", 1, "BEGIN:VEVENT inside an event"),
    ])
    func everyLineInsideEventsIsChecked(_ line: String, _ column: Int, _ message: String) {
        let text = Self.calendar(["BEGIN:VCALENDAR", "BEGIN:VEVENT", line, "UID:\(Self.uid)", "END:VEVENT", "END:VCALENDAR"])
        #expect(Self.refusal(text) == .init(line: 3, column: column, message: message))
    }

    @Test func wellFormedParametersAndValuesAreAccepted() throws {
        let text = Self.calendar(["BEGIN:VCALENDAR", "X-A;P=\"q;:,\",plain;Q=:value: with ; and , and \"quotes\"",
                                  "X-B;P=:", "X-C:"] + Self.event + ["END:VCALENDAR"])
        #expect(try PreviousCalendar(parsing: text).events[Self.uid]?.sequence == 3)
    }

    @Test func oneCalendarAndNothingAfterIt() {
        let twice = Self.whole + Self.whole
        #expect(Self.refusal(twice) == .init(line: 10, message: "more follows END:VCALENDAR: the file must hold one calendar"))
        let endInsideEvent = Self.calendar(["BEGIN:VCALENDAR", "BEGIN:VEVENT", "UID:\(Self.uid)", "END:VCALENDAR"])
        #expect(Self.refusal(endInsideEvent) == .init(line: 4, message: "END:VCALENDAR before END:VEVENT"))
        let blankInside = Self.calendar(["BEGIN:VCALENDAR", ""] + Self.event + ["END:VCALENDAR"])
        #expect(Self.refusal(blankInside) == .init(line: 2, message: "a blank line inside the calendar"))
    }

    @Test func trailingBlankLinesAByteOrderMarkAndLFAreAccepted() throws {
        for text in [Self.whole + "\r\n\r\n", "\u{FEFF}" + Self.whole, Self.whole.replacing("\r\n", with: "\n"),
                     String(Self.whole.dropLast())] {
            #expect(try PreviousCalendar(parsing: text).events[Self.uid]?.sequence == 3)
        }
        // A mark anywhere but the start is not one.
        #expect(Self.refusal("BEGIN:VCALENDAR\r\n\u{FEFF}" + Self.whole.dropFirst(16))?.line == 2)
    }

    /// A SEQUENCE that is a number, but negative or beyond iCalendar's integers, is named as such;
    /// only what is no number at all is called "not a whole number". `-0` and `+5` are whole numbers.
    @Test(arguments: [
        ("-3", "SEQUENCE is negative: -3 (it counts revisions from 0)"),
        ("-99999999999999999999999", "SEQUENCE is negative: -99999999999999999999999 (it counts revisions from 0)"),
        ("99999999999999999999999", "SEQUENCE is larger than iCalendar allows (2147483647): 99999999999999999999999"),
        ("2147483648", "SEQUENCE is larger than iCalendar allows (2147483647): 2147483648"),
        // At the largest, it could not be raised: a change or cancellation would be ignored.
        ("2147483647", "SEQUENCE is the largest iCalendar allows (2147483647): a change to this event, or its cancellation, "
            + "could not be numbered above it, so diaries holding it would ignore the update"),
        ("3.5", "SEQUENCE is not a whole number: 3.5"),
        ("-", "SEQUENCE is not a whole number: -"),
        ("\u{0663}", "SEQUENCE is not a whole number: \u{0663}"),
    ] as [(String, String)])
    func aSequenceOutOfRangeSaysWhichWay(_ value: String, _ message: String) {
        let text = Self.calendar(["BEGIN:VCALENDAR", "BEGIN:VEVENT", "UID:\(Self.uid)", "SEQUENCE:\(value)", "END:VEVENT", "END:VCALENDAR"])
        #expect(Self.refusal(text) == .init(line: 4, column: 10, message: message))
    }

    @Test(arguments: [("-0", 0), ("+5", 5), ("007", 7), ("2147483646", 2147483646)] as [(String, Int)])
    func aSequenceWrittenWithASignOrLeadingZerosIsRead(_ value: String, _ sequence: Int) throws {
        let text = Self.calendar(["BEGIN:VCALENDAR", "BEGIN:VEVENT", "UID:\(Self.uid)", "SEQUENCE:\(value)", "DTSTART;VALUE=DATE:20240301",
                                  "END:VEVENT", "END:VCALENDAR"])
        #expect(try PreviousCalendar(parsing: text).events[Self.uid]?.sequence == sequence)
    }

    /// An event's lines go into its cancelled copy, so an event must be as dutycheck writes them:
    /// anything else would be published unchecked, and an event with no day would be dropped
    /// without its cancellation. Each is refused at its line (the event's 4th, after UID and SEQUENCE).
    @Test(arguments: [
        ("DTSTART;VALUE=DATE:20240230", 4, 1, "DTSTART must be an all-day date written DTSTART;VALUE=DATE:YYYYMMDD naming a real day, as dutycheck writes it"),
        ("DTSTART;VALUE=DATE:hello", 4, 1, "DTSTART must be an all-day date written DTSTART;VALUE=DATE:YYYYMMDD naming a real day, as dutycheck writes it"),
        ("DTSTART:20240329T120000", 4, 1, "DTSTART must be an all-day date written DTSTART;VALUE=DATE:YYYYMMDD naming a real day, as dutycheck writes it"),
        ("DTEND;VALUE=DATE:garbage;X=<script>", 5, 1, "DTEND must be an all-day date written DTEND;VALUE=DATE:YYYYMMDD naming a real day, as dutycheck writes it"),
        ("DTEND;VALUE=DATE:100000101", 5, 1, "DTEND must be an all-day date written DTEND;VALUE=DATE:YYYYMMDD naming a real day, as dutycheck writes it"),
        ("DTEND;VALUE=DATE:20240301", 5, 18, "DTEND 2024-03-01 is not after DTSTART 2024-03-01"),
        ("ATTENDEE:mailto:someone@example.org", 5, 1, "ATTENDEE is not a property dutycheck writes in an event: the event would be published again with it, unchecked"),
        ("RRULE:FREQ=DAILY", 5, 1, "RRULE is not a property dutycheck writes in an event: the event would be published again with it, unchecked"),
        ("SUMMARY:B", 6, 1, "a second SUMMARY in one event"),  // the event's own SUMMARY is the second
        ("STATUS:TENTATIVE", 5, 8, "STATUS is TENTATIVE, where dutycheck writes CANCELLED or CONFIRMED"),
        ("TRANSP:OPAQUE", 5, 8, "TRANSP is OPAQUE, where dutycheck writes TRANSPARENT"),
        ("BEGIN:VTODO", 5, 1, "BEGIN:VTODO inside an event"),
    ] as [(String, Int, Int, String)])
    func anEventNotAsDutyCheckWritesItIsRefused(_ line: String, _ number: Int, _ column: Int, _ message: String) {
        // DTSTART lines replace the event's own; others go after it (before its SUMMARY).
        var event = ["BEGIN:VEVENT", "UID:\(Self.uid)", "SEQUENCE:3", "DTSTART;VALUE=DATE:20240301", "SUMMARY:A", "END:VEVENT"]
        if line.hasPrefix("DTSTART") { event[3] = line } else { event.insert(line, at: 4) }
        let text = Self.calendar(["BEGIN:VCALENDAR"] + event + ["END:VCALENDAR"])
        #expect(Self.refusal(text) == .init(line: number + 1, column: column, message: message))
    }

    /// dutycheck writes each UID once. Two events with one UID were both read, the first kept, and
    /// the other's cancellation lost; the second is refused at its UID.
    @Test func twoEventsWithOneUIDAreRefusedAtTheSecondUID() {
        let text = Self.calendar(["BEGIN:VCALENDAR", "VERSION:2.0"] + Self.event + ["BEGIN:VEVENT", "UID:\(Self.otherUID)", "DTSTART;VALUE=DATE:20240302",
                                  "END:VEVENT"] + Self.event + ["END:VCALENDAR"])
        #expect(Self.refusal(text) == .init(line: 14, column: 5, message: "the event begun on line 3 has this UID too: dutycheck "
            + "writes each UID once, and of two events with one UID only one could be published again"))
    }

    /// An event is known by its UID, so one that is empty, or not in the one form dutycheck writes
    /// (a version-8 UUID in lower-case hex), is refused at the first character that is wrong. A UID
    /// that differs from a live one only by case, a space or an invisible character was read as
    /// another event, and published as cancelled under a UID a diary might take for the live one's.
    @Test(arguments: [
        ("UID:", 5, "the UID is empty: dutycheck writes a UID in every event, by which the next run knows it"),
        ("UID;X-P=\"q\":", 13, "the UID is empty: dutycheck writes a UID in every event, by which the next run knows it"),
        ("UID:" + PreviousCalendarTests.uid.uppercased(), 6, "\u{201C}D\u{201D} is upper case"),
        ("UID:5d41402a-bc4b-8a76-b971-9d911017c59F", 40, "\u{201C}F\u{201D} is upper case"),
        ("UID:" + PreviousCalendarTests.uid + " ", 41, "it holds U+0020 (SPACE)"),
        ("UID:5d41 402a-bc4b-8a76-b971-9d911017c592", 9, "it holds U+0020 (SPACE)"),
        ("UID:" + PreviousCalendarTests.uid + "\u{200B}", 41, "it holds U+200B (ZERO WIDTH SPACE)"),
        ("UID:\u{200E}" + uid, 5, "it holds U+200E (LEFT-TO-RIGHT MARK)"),
        ("UID:5d41402a-bc4b-8a76-b971-9d91\u{200F}1017c592", 33, "it holds U+200F (RIGHT-TO-LEFT MARK)"),
        ("UID:" + PreviousCalendarTests.uid + "\u{061C}", 41, "it holds U+061C (ARABIC LETTER MARK)"),
        ("UID:5d41402a-bc4b-8a76-b971-9d911017c592\t", 41, "it holds U+0009"),
        ("UID:a\u{202A}b", 6, "it holds U+202A (LEFT-TO-RIGHT EMBEDDING), an invisible control that reorders the text shown "
            + "around it"),
        ("UID:\u{2066}" + uid, 5, "it holds U+2066 (LEFT-TO-RIGHT ISOLATE), an invisible control that reorders the text shown "
            + "around it"),
        ("UID:5d41402a", 13, "it ends after 8 characters, where a UUID has 36"),
        ("UID:a", 6, "it ends after 1 character, where a UUID has 36"),
        ("UID:" + PreviousCalendarTests.uid + "0", 41, "it goes on after the 36 characters of a UUID"),
        ("UID:" + PreviousCalendarTests.uid + "-2", 41, "it goes on after the 36 characters of a UUID"),
        ("UID:gd41402a-bc4b-8a76-b971-9d911017c592", 5, "found \u{201C}g\u{201D} where dutycheck writes a hex digit"),
        ("UID:5d41402abc4b-8a76-b971-9d911017c592", 13, "found \u{201C}b\u{201D} where dutycheck writes \u{201C}-\u{201D}"),
        ("UID:5d41402a-bc4b-4a76-b971-9d911017c592", 19, "found \u{201C}4\u{201D} where dutycheck writes \u{201C}8\u{201D}, "
            + "the UUID version"),
        ("UID:5d41402a-bc4b-8a76-c971-9d911017c592", 24, "found \u{201C}c\u{201D} where dutycheck writes 8, 9, a or b, "
            + "the UUID variant"),
        ("UID:5d41402a-bc4b-8a76-B971-9d911017c592", 24, "\u{201C}B\u{201D} is upper case"),
    ] as [(String, Int, String)])
    func aUIDNotAsDutyCheckWritesItIsRefused(_ line: String, _ column: Int, _ problem: String) {
        let text = Self.calendar(["BEGIN:VCALENDAR", "BEGIN:VEVENT", line, "DTSTART;VALUE=DATE:20240301", "END:VEVENT", "END:VCALENDAR"])
        let message = problem.hasPrefix("the UID is empty") ? problem
            : "the UID is not one dutycheck writes, a UUID in lower-case hex (8-4-4-4-12 digits, version 8): " + problem
        #expect(Self.refusal(text) == .init(line: 3, column: column, message: message))
    }

    /// Every UID dutycheck writes is read back, namesake events' included.
    @Test func theUIDsDutyCheckWritesAreRead() throws {
        let uids = [DeadlineCalendar.uid(partnership: "A", rule: "r", subject: nil),
                    DeadlineCalendar.uid(partnership: "A", rule: "r", subject: "s\u{0}1"),
                    DeadlineCalendar.uid(partnership: "\u{1B}\u{202E}", rule: "", subject: "\u{200B}")]
        for uid in uids {
            let text = Self.calendar(["BEGIN:VCALENDAR", "BEGIN:VEVENT", "UID:\(uid)", "DTSTART;VALUE=DATE:20240301", "END:VEVENT",
                                      "END:VCALENDAR"])
            #expect(try PreviousCalendar(parsing: text).events[uid] != nil)
        }
    }

    /// A file whose lines end in a bare CR reads as one line, which starts with BEGIN:VCALENDAR:
    /// it is said to end its lines wrongly, not to start wrongly. Junk with CRs is still junk.
    @Test func aCalendarWithBareCRLineEndsIsNamedAsSuch() {
        let crOnly = Self.whole.replacing("\r\n", with: "\r")
        #expect(Self.refusal(crOnly) == .init(line: 1, column: 16,
            message: "its lines end in bare CRs, where iCalendar lines end in CRLF (LF alone is read too)"))
        #expect(Self.refusal("begin:vcalendar\rVERSION:2.0\r")?.column == 16)
        #expect(Self.refusal("hello\rBEGIN:VCALENDAR\r") == .init(line: 1, column: 1,
            message: "not an iCalendar file: it must start with BEGIN:VCALENDAR"))
    }

    /// dutycheck writes one VERSION:2.0, without parameters, and a NAME that is not empty in every
    /// calendar: anything else is refused, a missing one at line 1, any other at its line.
    @Test func theHeaderDutyCheckWritesIsRequired() {
        let header = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//DutyCheck//dutycheck 0.1.0//EN", "NAME:A: statutory due dates"]
        func check(_ lines: [String]) -> PreviousCalendar.ParseError? {
            do { try PreviousCalendar(parsing: Self.calendar(lines + Self.event + ["END:VCALENDAR"])).checkWrittenHeader() } catch {
                return error
            }
            return nil
        }
        #expect(check(header) == nil)
        #expect(check(header.filter { $0 != "VERSION:2.0" }) == .init(line: 1, column: 1,
            message: "the calendar has no VERSION, where dutycheck writes VERSION:2.0 in every calendar"))
        #expect(check(header.map { $0 == "VERSION:2.0" ? "VERSION:3.0" : $0 }) == .init(line: 2, column: 1,
            message: "VERSION is \"3.0\", where dutycheck writes 2.0"))
        // The value is quoted, so that an empty one reads as one, and escaped.
        #expect(check(header.map { $0 == "VERSION:2.0" ? "VERSION:" : $0 }) == .init(line: 2, column: 1,
            message: "VERSION is \"\", where dutycheck writes 2.0"))
        #expect(check(header.map { $0 == "VERSION:2.0" ? "VERSION:2.0\u{202E}\\" : $0 }) == .init(line: 2, column: 1,
            message: "VERSION is \"2.0\\u{202E}\\\\\", where dutycheck writes 2.0"))
        #expect(check(header.map { $0 == "VERSION:2.0" ? "VERSION;X=1:2.0" : $0 }) == .init(line: 2, column: 1,
            message: "VERSION has parameters, where dutycheck writes VERSION:2.0 with none"))
        #expect(check(header + ["VERSION:2.0"]) == .init(line: 5, column: 1,
            message: "a second VERSION in the calendar (the first is on line 2), where dutycheck writes one"))
        #expect(check(header.map { $0.hasPrefix("NAME:") ? "NAME:" : $0 }) == .init(line: 4, column: 1,
            message: "the calendar's NAME is empty, where dutycheck writes one in every calendar to say whose due dates it holds"))
        #expect(check(header.map { $0.hasPrefix("NAME:") ? "NAME;LANGUAGE=en:" + $0.dropFirst(5) : $0 }) == .init(line: 4, column: 1,
            message: "NAME has parameters, where dutycheck writes NAME with none"))
        #expect(check(header.filter { !$0.hasPrefix("NAME:") }) == .init(line: 1, column: 1,
            message: "the calendar has no NAME, which dutycheck writes in every calendar to say whose due dates it holds"))
        // A second NAME was passed over, the first taken: it is refused as a second VERSION is.
        #expect(check(header + ["NAME:Another Partnership"]) == .init(line: 5, column: 1,
            message: "a second NAME in the calendar (the first is on line 4), where dutycheck writes one"))
        // A VERSION inside another component is not the calendar's.
        #expect(check(header.filter { $0 != "VERSION:2.0" } + ["BEGIN:VTIMEZONE", "VERSION:2.0", "END:VTIMEZONE"])?.line == 1)
    }

    @Test func anEventWithoutADayIsRefusedAtItsEnd() {
        let text = Self.calendar(["BEGIN:VCALENDAR", "BEGIN:VEVENT", "UID:\(Self.uid)", "SUMMARY:A", "END:VEVENT", "END:VCALENDAR"])
        #expect(Self.refusal(text) == .init(line: 5, column: 1,
            message: "the event begun on line 2 has no DTSTART, so it has no date to be published again on"))
    }

    /// Positions are the file's physical lines, so a folded line moves every line after it down.
    @Test func positionsCountPhysicalLines() {
        let text = Self.calendar(["BEGIN:VCALENDAR", "BEGIN:VEVENT", "UID:\(Self.uid)", "DESCRIPTION:one", " two", " three",
                                  "SEQUENCE:x", "END:VEVENT", "END:VCALENDAR"])
        #expect(Self.refusal(text) == .init(line: 7, column: 10, message: "SEQUENCE is not a whole number: x"))
        // A value that starts on a continuation line is pointed at there (the fold's space is column 1).
        let foldedValue = Self.calendar(["BEGIN:VCALENDAR", "BEGIN:VEVENT", "UID:\(Self.uid)", "SEQUENCE:", " 1x", "END:VEVENT", "END:VCALENDAR"])
        #expect(Self.refusal(foldedValue) == .init(line: 5, column: 2, message: "SEQUENCE is not a whole number: 1x"))
        // A problem after a fold, in the continuation, is on its own physical line.
        let foldedJunk = Self.calendar(["BEGIN:VCALENDAR", "X-A;P=", " a\"b:c"] + Self.event + ["END:VCALENDAR"])
        #expect(Self.refusal(foldedJunk) == .init(line: 3, column: 3, message: "a '\"' inside a parameter value that is not quoted"))
        // A continuation with nothing to continue is a line of its own, and not a content line.
        let strayContinuation = Self.calendar(["BEGIN:VCALENDAR", "VERSION:2.0", "", " X:y"])
        #expect(Self.refusal(strayContinuation) == .init(line: 3, message: "a blank line inside the calendar"))
    }
}
