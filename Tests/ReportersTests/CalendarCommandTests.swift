import Foundation
import Testing
import Reporters
import TestSupport

/// `dutycheck calendar` end to end: the real engine, rule packs and Bromley example.
@Suite("Calendar command")
struct CalendarCommandTests {
    static let record = BoardCommandTests.record

    static func calendar(_ extra: [String], asOf: String = "2024-02-29") throws -> CommandRunner.Outcome {
        try CommandRunner.run(["calendar", "--as-of", asOf] + extra)
    }

    static func lines(_ text: String, prefix: String) -> [String] {
        ICalendarText.unfold(text).filter { $0.hasPrefix(prefix) }
    }

    @Test func bromleyCalendarMatchesGolden() throws {
        let outcome = try Self.calendar([Self.record])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(outcome.stderr.isEmpty)
        #expect(Golden.mismatch(outcome.stdout, golden: "Tests/ReportersTests/Golden/calendar.ics") == nil)
    }

    /// Two separate runs give the same UIDs; a later as-of date changes DTSTAMP but not the UIDs.
    @Test func uidsAreStableAcrossRuns() throws {
        let first = try Self.calendar([Self.record])
        let second = try Self.calendar([Self.record])
        let later = try Self.calendar([Self.record], asOf: "2024-03-01")
        #expect(first.stdout == second.stdout)
        let uids = Self.lines(first.stdout, prefix: "UID:")
        #expect(!uids.isEmpty)
        #expect(Set(Self.lines(later.stdout, prefix: "UID:")).isSuperset(of: uids))
        #expect(Self.lines(later.stdout, prefix: "DTSTAMP:").allSatisfy { $0 == "DTSTAMP:20240301T000000Z" })
    }

    /// The Bromley calendar written to a new file in a scratch folder: the file and its text.
    static func writtenCalendar(_ folder: String) throws -> (file: URL, text: String) {
        let file = try BoardExternalTools.scratchDirectory(folder).appendingPathComponent("deadlines.ics")
        let first = try calendar(["-o", file.path, record])
        #expect(first.status == 0, "\(first.stderr)")
        return (file, try String(contentsOf: file, encoding: .utf8))
    }

    /// Publishing to the same file with --previous keeps SEQUENCE while nothing changes.
    @Test func previousCalendarKeepsSequence() throws {
        let (file, written) = try Self.writtenCalendar("calendar-previous")
        let again = try Self.calendar(["--previous", file.path, "-o", file.path, Self.record])
        #expect(again.status == 0, "\(again.stderr)")
        #expect(try String(contentsOf: file, encoding: .utf8) == written)
        #expect(Self.lines(written, prefix: "SEQUENCE:").allSatisfy { $0 == "SEQUENCE:0" })
    }

    /// A calendar over many records is larger than a record may be; it is still read back.
    @Test func aPreviousCalendarLargerThanARecordIsRead() throws {
        let (file, written) = try Self.writtenCalendar("calendar-large-previous")
        // 5 MiB of a property outside any event, which the reader passes over.
        let padded = written.replacingOccurrences(
            of: "END:VCALENDAR\r\n", with: "X-PADDING:" + String(repeating: "x", count: 5 << 20) + "\r\nEND:VCALENDAR\r\n")
        #expect(padded.utf8.count > 5 << 20)
        try Data(padded.utf8).write(to: file)
        let again = try Self.calendar(["--previous", file.path, "-o", file.path, Self.record])
        #expect(again.status == 0, "\(again.stderr)")
        #expect(try String(contentsOf: file, encoding: .utf8) == written)
    }

    /// After 31 March 2024 the five approvals and the revision of the plan for 2024-25 leave the
    /// calendar: with --previous they are
    /// published again as cancelled, a step up in SEQUENCE, under the same UIDs; without it they are
    /// simply absent. The file still passes the independent validator.
    @Test func goneEventsAreCancelledOnlyWithPrevious() throws {
        let (file, written) = try Self.writtenCalendar("calendar-cancelled")
        let later = try Self.calendar(["--previous", file.path, "-o", file.path, Self.record], asOf: "2024-04-02")
        #expect(later.status == 0, "\(later.stderr)")
        let text = try String(contentsOf: file, encoding: .utf8)
        #expect(Self.lines(text, prefix: "STATUS:") == Array(repeating: "STATUS:CANCELLED", count: 6) + ["STATUS:CONFIRMED"])
        #expect(Self.lines(text, prefix: "SEQUENCE:") == Array(repeating: "SEQUENCE:1", count: 6) + ["SEQUENCE:0"])
        #expect(Set(Self.lines(text, prefix: "UID:")) == Set(Self.lines(written, prefix: "UID:")))

        let plain = try Self.calendar([Self.record], asOf: "2024-04-02")
        #expect(Self.lines(plain.stdout, prefix: "STATUS:") == ["STATUS:CONFIRMED"])

        guard let result = try BoardExternalTools.validateCalendar(file) else { return }
        #expect(result.status == 0, "\(result.output)")
    }

    @Test func badPreviousCalendarExitsTwo() throws {
        let directory = try BoardExternalTools.scratchDirectory("calendar-bad")
        let file = directory.appendingPathComponent("not.ics")
        try Data("hello\n".utf8).write(to: file)
        let outcome = try Self.calendar(["--previous", file.path, Self.record])
        #expect(outcome.status == 2)
        #expect(outcome.stderr.hasPrefix("\(file.path):1:1: error: cannot be read as the previous calendar: not an iCalendar file"))
        #expect(outcome.stdout.isEmpty)
    }

    /// A calendar cut short after its second event was read as far as it went, and the events past
    /// the cut started again at SEQUENCE 0; it is refused where the file ends.
    @Test func aPreviousCalendarCutShortIsRefused() throws {
        let (file, written) = try Self.writtenCalendar("calendar-cut-short")
        let lines = written.components(separatedBy: "\r\n")
        let secondEnd = try #require(lines.indices.filter { lines[$0] == "END:VEVENT" }.dropFirst().first)
        try Data(lines[...secondEnd].map { $0 + "\r\n" }.joined().utf8).write(to: file)
        let outcome = try Self.calendar(["--previous", file.path, Self.record])
        #expect(outcome.status == 2)
        #expect(outcome.stdout.isEmpty)
        #expect(outcome.stderr.hasPrefix("\(file.path):\(secondEnd + 2):1: error: cannot be read as the previous calendar: "
            + "the file ends before END:VCALENDAR (BEGIN:VCALENDAR is on line 1): it may have been cut short"), "\(outcome.stderr)")
    }

    /// Errors in a previous calendar are positioned like every other input error: the file's
    /// physical line (folded lines counted) and the column, with the line quoted under them.
    @Test func aPreviousCalendarErrorNamesItsLineAndColumn() throws {
        let (file, written) = try Self.writtenCalendar("calendar-bad-sequence")
        let lines = written.components(separatedBy: "\r\n")
        let first = try #require(lines.firstIndex(of: "SEQUENCE:0"))
        try Data(written.replacingOccurrences(of: "SEQUENCE:0", with: "SEQUENCE:abc").utf8).write(to: file)
        let outcome = try Self.calendar(["--previous", file.path, Self.record])
        #expect(outcome.status == 2)
        #expect(outcome.stderr == "\(file.path):\(first + 1):10: error: cannot be read as the previous calendar: "
            + "SEQUENCE is not a whole number: abc\nSEQUENCE:abc\n         ^\n")

        try Data(written.replacingOccurrences(of: "SEQUENCE:0", with: "SEQUENCE:-3").utf8).write(to: file)
        let negative = try Self.calendar(["--previous", file.path, Self.record])
        #expect(negative.status == 2)
        #expect(negative.stderr == "\(file.path):\(first + 1):10: error: cannot be read as the previous calendar: "
            + "SEQUENCE is negative: -3 (it counts revisions from 0)\nSEQUENCE:-3\n         ^\n")

        let junk = file.deletingLastPathComponent().appendingPathComponent("junk.ics")
        try Data("BEGIN:VCALENDAR\r\n<html>junk</html>\r\n".utf8).write(to: junk)
        let junkOutcome = try Self.calendar(["--previous", junk.path, Self.record])
        #expect(junkOutcome.status == 2)
        #expect(junkOutcome.stderr.hasPrefix("\(junk.path):2:1: error: cannot be read as the previous calendar: expected a property name"))

        let notUTF8 = file.deletingLastPathComponent().appendingPathComponent("latin1.ics")
        try Data(Array("BEGIN:VCALENDAR\r\nX:".utf8) + [0xFF, 0x0D, 0x0A]).write(to: notUTF8)
        let notUTF8Outcome = try Self.calendar(["--previous", notUTF8.path, Self.record])
        #expect(notUTF8Outcome.status == 2)
        #expect(notUTF8Outcome.stderr.hasPrefix("\(notUTF8.path):2:3: error: invalid UTF-8"))
    }

    /// Another program's calendar given as --previous is refused where its PRODID is (or at the top,
    /// with none): its events were never this tool's, and would come back as cancelled duties. The
    /// output is left as it was.
    @Test func aPreviousCalendarWrittenByAnotherProgramIsRefused() throws {
        let (file, written) = try Self.writtenCalendar("calendar-foreign")
        let lines = written.components(separatedBy: "\r\n")
        let producer = try #require(lines.firstIndex { $0.hasPrefix("PRODID:-//DutyCheck//") })
        let foreign = written.replacingOccurrences(of: lines[producer], with: "PRODID:-//Google Inc//Google Calendar 70.9054//EN")
        try Data(foreign.utf8).write(to: file)
        let outcome = try Self.calendar(["--previous", file.path, "-o", file.path, Self.record])
        #expect(outcome.status == 2)
        #expect(outcome.stderr.hasPrefix("\(file.path):\(producer + 1):1: error: was not written by dutycheck "
            + "(its PRODID is -//Google Inc//Google Calendar 70.9054//EN): --previous takes the calendar an earlier "
            + "`dutycheck calendar` wrote\n"), "\(outcome.stderr)")
        #expect(try String(contentsOf: file, encoding: .utf8) == foreign)

        try Data(written.replacingOccurrences(of: lines[producer] + "\r\n", with: "").utf8).write(to: file)
        let none = try Self.calendar(["--previous", file.path, Self.record])
        #expect(none.status == 2)
        #expect(none.stderr.hasPrefix("\(file.path):1:1: error: was not written by dutycheck (it has no PRODID)"), "\(none.stderr)")
    }

    /// Another partnership's calendar given as --previous is read with a warning at its NAME: none of
    /// its UIDs is this partnership's, so every event comes back as cancelled here, which is right
    /// only just after a rename. Names are compared as written, so a name that escaping changes (a
    /// tab) is still its own. A partnership's calendar given to a run that checks it among others,
    /// and a calendar of several, are read without a warning.
    @Test func aPreviousCalendarOfAnotherPartnershipIsNamedInAWarning() throws {
        let (file, written) = try Self.writtenCalendar("calendar-other-partnership")
        let directory = file.deletingLastPathComponent()
        let text = try String(contentsOf: Fixtures.path(Self.record), encoding: .utf8)
        let renamed = text.replacingOccurrences(of: "  name: Safer Bromley Partnership\n", with: "  name: Safer Croydon, South Partnership\n")
        #expect(renamed != text)
        let record = directory.appendingPathComponent("croydon.yaml")
        try Data(renamed.utf8).write(to: record)
        let lines = written.components(separatedBy: "\r\n")
        let nameLine = try #require(lines.firstIndex { $0.hasPrefix("NAME:") })
        let output = directory.appendingPathComponent("croydon-after-bromley.ics")
        let outcome = try Self.calendar(["--previous", file.path, "-o", output.path, record.path])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(outcome.stderr == "\(file.path):\(nameLine + 1):1: warning: is the calendar of Safer Bromley Partnership, a "
            + "partnership this run does not check: its events are published here as cancelled, which is right only just after "
            + "the partnership was renamed; otherwise give --previous the calendar written last time for these records\n"
            + lines[nameLine] + "\n^\n", "\(outcome.stderr)")
        let cancelled = try String(contentsOf: output, encoding: .utf8)
        #expect(cancelled.contains("SUMMARY:Cancelled: Safer Bromley Partnership: "))

        // Its own calendar again, escaped comma and all, is read without a word.
        let own = directory.appendingPathComponent("croydon.ics")
        #expect(try Self.calendar(["-o", own.path, record.path]).status == 0)
        #expect(try String(contentsOf: own, encoding: .utf8).contains("NAME:Safer Croydon\\, South Partnership: statutory due dates\r\n"))
        let again = try Self.calendar(["--previous", own.path, "-o", own.path, record.path])
        #expect(again.status == 0 && again.stderr.isEmpty, "\(again.stderr)")

        // A name holding a tab, which the NAME line writes as a space, is still its own.
        let tabbed = directory.appendingPathComponent("tabbed.yaml")
        try Data(text.replacingOccurrences(of: "  name: Safer Bromley Partnership\n", with: "  name: \"Safer\\tBromley\"\n").utf8).write(to: tabbed)
        let tabbedCalendar = directory.appendingPathComponent("tabbed.ics")
        #expect(try Self.calendar(["-o", tabbedCalendar.path, tabbed.path]).status == 0)
        let tabbedAgain = try Self.calendar(["--previous", tabbedCalendar.path, "-o", tabbedCalendar.path, tabbed.path])
        #expect(tabbedAgain.status == 0 && tabbedAgain.stderr.isEmpty, "\(tabbedAgain.stderr)")

        // Bromley's calendar going on to be part of a calendar of both partnerships is read: its
        // events keep their numbers there.
        let both = directory.appendingPathComponent("both")
        try FileManager.default.createDirectory(at: both, withIntermediateDirectories: true)
        try Data(text.utf8).write(to: both.appendingPathComponent("bromley.yaml"))
        try Data(renamed.utf8).write(to: both.appendingPathComponent("croydon.yaml"))
        let joint = directory.appendingPathComponent("joint.ics")
        let together = try Self.calendar(["--previous", file.path, "-o", joint.path, both.path])
        #expect(together.status == 0 && together.stderr.isEmpty, "\(together.stderr)")
        #expect(try String(contentsOf: joint, encoding: .utf8).contains("NAME:DutyCheck: statutory due dates\r\n"))
        // ... and that calendar, naming no one partnership, may be given back for either alone.
        let alone = try Self.calendar(["--previous", joint.path, record.path])
        #expect(alone.status == 0 && alone.stderr.isEmpty, "\(alone.stderr)")

        // A record with no partnership name: its calendar is named after the path it was given by.
        let nameless = directory.appendingPathComponent("nameless.yaml")
        try Data(text.replacingOccurrences(of: "  name: Safer Bromley Partnership\n", with: "").utf8).write(to: nameless)
        let namelessCalendar = directory.appendingPathComponent("nameless.ics")
        #expect(try Self.calendar(["-o", namelessCalendar.path, nameless.path]).status == 0)
        let otherSpelling = try CommandRunner.run(["calendar", "--as-of", "2024-02-29", "--previous", namelessCalendar.path,
                                                   directory.path + "/./nameless.yaml"])
        #expect(otherSpelling.status == 0)
        #expect(otherSpelling.stderr.contains(": warning: is the calendar of the record \(nameless.path), which had no partnership "
            + "name, and no record of this run is given by that path"), "\(otherSpelling.stderr)")

    }

    /// A byte-order mark before the calendar is not part of it (a record may start with one too).
    @Test func aPreviousCalendarWithAByteOrderMarkIsRead() throws {
        let (file, written) = try Self.writtenCalendar("calendar-bom")
        try Data(("\u{FEFF}" + written).utf8).write(to: file)
        let again = try Self.calendar(["--previous", file.path, "-o", file.path, Self.record])
        #expect(again.status == 0, "\(again.stderr)")
        #expect(try String(contentsOf: file, encoding: .utf8) == written)
    }

    /// A partner's name that is not text was read as no name, so its events named the partner by
    /// its id: it is an error at its place, as for the report.
    @Test func aMalformedPartnerNameIsAnError() throws {
        let directory = try BoardExternalTools.scratchDirectory("calendar-partner-name")
        let record = try Fixtures.editedBromley(replacing: "    name: London Borough of Bromley\n", with: "    name: [London]\n", in: directory)
        let outcome = try Self.calendar([record.path])
        #expect(outcome.status == 2)
        #expect(outcome.stdout.isEmpty)
        #expect(outcome.stderr.hasPrefix("\(record.path):30:11: error: partners[0].name must be text, not a list"), "\(outcome.stderr)")
    }

    @Test func theRealCalendarPassesTheIndependentValidator() throws {
        let directory = try BoardExternalTools.scratchDirectory("calendar-validate")
        let file = directory.appendingPathComponent("bromley.ics")
        let outcome = try Self.calendar(["-o", file.path, Self.record])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        guard let result = try BoardExternalTools.validateCalendar(file) else { return }
        #expect(result.status == 0, "\(result.output)")
    }
}
