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
        #expect(outcome.stderr.contains("not an iCalendar file"))
        #expect(outcome.stdout.isEmpty)
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
