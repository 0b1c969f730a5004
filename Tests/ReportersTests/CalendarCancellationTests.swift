import Foundation
import Reporters
import RuleEngine
import TestSupport
import Testing

/// Events that leave the calendar between runs: written as cancelled under their UID, numbered so
/// that a later return still outranks the copy calendar clients hold.
@Suite("Calendar cancellations")
struct CalendarCancellationTests {
    static let date = BoardFixtures.date
    static let approval = "London Borough of Bromley"

    /// The fixture's findings with the London Borough of Bromley approval changed by `change`.
    static func findings(_ change: (inout Finding) -> Void = { _ in }) -> [Finding] {
        var findings = BoardFixtures.findings
        change(&findings[1])
        return findings
    }

    /// The calendar of `findings` as of `asOf`, after the calendar `previous`.
    static func ics(_ findings: [Finding], asOf: CivilDate, previous: String?) throws -> String {
        var report = BoardFixtures.report(findings: findings)
        report.asOf = asOf
        let earlier = try previous.map { try PreviousCalendar(parsing: $0) }
        return DeadlineCalendar.render(report, options: CalendarOptions(stamp: .startOfDay(asOf), previous: earlier))
    }

    /// The fixture's calendar as of its date, after a previous calendar holding only `events`
    /// (content lines, written as a client might have kept them).
    static func ics(after events: [String]) throws -> String {
        let previous = (["BEGIN:VCALENDAR"] + events + ["END:VCALENDAR", ""]).joined(separator: "\r\n")
        return try ics(BoardFixtures.findings, asOf: BoardFixtures.asOf, previous: previous)
    }

    /// SEQUENCE and STATUS of the event whose SUMMARY names `summary`, or nil when there is none.
    static func state(_ text: String, _ summary: String = approval) -> String? {
        let lines = CalendarTests.event(text, summary)
        guard let sequence = lines.first(where: { $0.hasPrefix("SEQUENCE:") }),
              let status = lines.first(where: { $0.hasPrefix("STATUS:") }) else { return nil }
        return "\(sequence) \(status)"
    }

    /// The unfolded lines of the event with the UID `uid`.
    static func event(_ text: String, uid: String) -> [String] {
        let lines = ICalendarText.unfold(text)
        guard let at = lines.firstIndex(of: "UID:\(uid)") else { return [] }
        let start = lines[..<at].lastIndex(of: "BEGIN:VEVENT")!
        let end = lines[at...].firstIndex(of: "END:VEVENT")!
        return Array(lines[start...end])
    }

    /// The approval's due date moves to 30 April, it becomes overdue, then its deadline moves to
    /// 31 May: the returning event must number above every copy published before.
    static func threeSteps() throws -> (moved: String, overdue: String, returned: String) {
        let first = try ics(findings(), asOf: BoardFixtures.asOf, previous: nil)
        let moved = try ics(findings { $0.due = date(2024, 4, 30) }, asOf: date(2024, 3, 15), previous: first)
        let overdue = try ics(findings { $0.due = date(2024, 4, 30); $0.status = .overdue },
                              asOf: date(2024, 5, 1), previous: moved)
        let returned = try ics(findings { $0.due = date(2024, 5, 31) }, asOf: date(2024, 5, 2), previous: overdue)
        return (moved, overdue, returned)
    }

    @Test func anEventThatGoesIsCancelledAndComesBackNumberedAboveIt() throws {
        let steps = try Self.threeSteps()
        #expect(Self.state(steps.moved) == "SEQUENCE:1 STATUS:CONFIRMED")
        #expect(Self.state(steps.overdue) == "SEQUENCE:2 STATUS:CANCELLED")
        #expect(Self.state(steps.returned) == "SEQUENCE:3 STATUS:CONFIRMED")

        // Cancelled: the same UID and date, with a note and no alarm; DTSTAMP is the run's, as for any event.
        let before = CalendarTests.event(steps.moved, Self.approval)
        let cancelled = CalendarTests.event(steps.overdue, Self.approval)
        #expect(cancelled.first { $0.hasPrefix("UID:") } == before.first { $0.hasPrefix("UID:") })
        #expect(cancelled.contains("DTSTART;VALUE=DATE:20240430"))
        #expect(cancelled.contains("DTSTAMP:20240501T000000Z"))
        #expect(cancelled.contains("SUMMARY:Cancelled: Safer Bromley Partnership: Each responsible authority has confirmed its acceptance of the plan: \(Self.approval)"))
        let description = try #require(before.first { $0.hasPrefix("DESCRIPTION:Due: 30 April 2024") })
        #expect(cancelled.contains { $0.hasPrefix("DESCRIPTION:No longer applies: ") && $0.hasSuffix("\\n" + description.dropFirst(12)) })
        #expect(cancelled.filter { $0.hasPrefix("DESCRIPTION:No longer applies") }.count == 1)
        // A cancelled item reminds nobody, even in a client that shows cancelled events.
        #expect(before.contains("BEGIN:VALARM"))
        #expect(!cancelled.contains("BEGIN:VALARM"))
        #expect(cancelled.last == "END:VEVENT")

        // Back: a live event like any other, without the note.
        let back = CalendarTests.event(steps.returned, Self.approval)
        #expect(back.contains("DTSTART;VALUE=DATE:20240531"))
        #expect(!back.contains { $0.contains("No longer applies") || $0.contains("Cancelled:") })
    }

    @Test func aCancelledEventThatStaysCancelledKeepsItsSequence() throws {
        let overdue = try Self.threeSteps().overdue
        let stillOverdue = Self.findings { $0.due = Self.date(2024, 4, 30); $0.status = .overdue }
        let second = try Self.ics(stillOverdue, asOf: Self.date(2024, 5, 10), previous: overdue)
        let third = try Self.ics(stillOverdue, asOf: Self.date(2024, 6, 20), previous: second)
        for text in [second, third] {
            #expect(Self.state(text) == "SEQUENCE:2 STATUS:CANCELLED")
            #expect(CalendarTests.event(text, Self.approval).filter { $0.contains("Cancelled: ") }.count == 1, "noted once")
        }
        // Nothing but DTSTAMP differs from run to run.
        let unstamped = { (text: String) in ICalendarText.unfold(text).filter { !$0.hasPrefix("DTSTAMP:") } }
        #expect(unstamped(second) == unstamped(third))
        #expect(unstamped(overdue) == unstamped(second))
    }

    @Test func aCancelledEventIsDroppedOnceItsDateIsAYearAndADayPast() throws {
        let overdue = try Self.threeSteps().overdue
        let stillOverdue = Self.findings { $0.due = Self.date(2024, 4, 30); $0.status = .overdue }
        // 366 days after 30 April 2024: still written.
        let lastDay = Self.date(2025, 5, 1)
        let kept = try Self.ics(stillOverdue, asOf: lastDay, previous: overdue)
        #expect(Self.state(kept) == "SEQUENCE:2 STATUS:CANCELLED")
        #expect(!kept.contains("DTSTART;VALUE=DATE:20240331"), "older than that: already dropped")
        let dropped = try Self.ics(stillOverdue, asOf: lastDay.adding(days: 1), previous: kept)
        #expect(Self.state(dropped) == nil)
        #expect(Self.state(dropped, "The agreed strategy is published") == nil)
        // The assessment (24 August 2024) is gone too, but not yet for long enough.
        #expect(Self.state(dropped, "strategic assessment") == "SEQUENCE:1 STATUS:CANCELLED")
    }

    @Test func withoutAPreviousCalendarNothingIsCancelled() throws {
        let overdue = Self.findings { $0.due = Self.date(2024, 4, 30); $0.status = .overdue }
        let text = try Self.ics(overdue, asOf: Self.date(2024, 5, 1), previous: nil)
        #expect(!text.contains("CANCELLED"))
        #expect(!text.contains("Cancelled: "))
        #expect(Self.state(text) == nil)
        #expect(ICalendarText.unfold(text).filter { $0 == "BEGIN:VEVENT" }.count == 1, "the assessment alone")
    }

    @Test func cancelledEventsSortByDateAmongTheLiveOnes() throws {
        let overdue = try Self.threeSteps().overdue
        let lines = ICalendarText.unfold(overdue)
        let starts = lines.filter { $0.hasPrefix("DTSTART") }
        #expect(starts == starts.sorted())
        // The plan and three approvals due 31 March (the fourth was done, so never an event), the
        // Bromley approval and the publication due 30 April: all gone as of 1 May, so cancelled; the
        // assessment stays.
        #expect(lines.filter { $0 == "STATUS:CANCELLED" }.count == 6)
        #expect(lines.filter { $0 == "STATUS:CONFIRMED" }.count == 1)
    }

    @Test func aGoneEventOneBelowTheLargestSequenceIsRaisedToIt() throws {
        let written = try Self.ics(after: [
            "BEGIN:VEVENT", "UID:\(PreviousCalendarTests.uid)", "SEQUENCE:2147483646", "DTSTART;VALUE=DATE:20240301",
            "DTEND;VALUE=DATE:20240302", "SUMMARY:Gone", "DESCRIPTION:Was here", "STATUS:CONFIRMED", "END:VEVENT",
        ])
        let gone = CalendarTests.event(written, "Gone")
        #expect(gone.contains("SEQUENCE:2147483647"))
        #expect(gone.contains("STATUS:CANCELLED"))
        #expect(gone.contains("SUMMARY:Cancelled: Gone"))
    }

    /// A gone event with no all-day start would have been dropped, and diaries would have kept it:
    /// the previous calendar is refused instead (see `PreviousCalendarTests`).
    @Test func aGoneEventWithoutAnAllDayStartIsRefused() throws {
        #expect(throws: PreviousCalendar.ParseError(line: 5, column: 1, message: "DTSTART must be an all-day date written "
            + "DTSTART;VALUE=DATE:YYYYMMDD naming a real day, as dutycheck writes it")) {
            try Self.ics(after: ["BEGIN:VEVENT", "UID:\(PreviousCalendarTests.uid)", "SEQUENCE:1", "DTSTART:20240301T090000Z", "SUMMARY:Timed", "END:VEVENT"])
        }
        #expect(throws: PreviousCalendar.ParseError(line: 5, column: 1, message: "the event begun on line 2 has no DTSTART, "
            + "so it has no date to be published again on")) {
            try Self.ics(after: ["BEGIN:VEVENT", "UID:\(PreviousCalendarTests.uid)", "SUMMARY:No start", "END:VEVENT"])
        }
    }

    @Test func aStatusIsAddedAndTheAlarmDroppedWhenTheGoneEventHadNone() throws {
        let written = try Self.ics(after: [
            "BEGIN:VEVENT", "UID:\(PreviousCalendarTests.uid)", "DTSTART;VALUE=DATE:20240301", "SUMMARY;LANGUAGE=en-GB:Bare",
            "BEGIN:VALARM", "ACTION:DISPLAY", "DESCRIPTION:Soon", "TRIGGER:-P1D", "END:VALARM", "END:VEVENT",
        ])
        #expect(Self.event(written, uid: PreviousCalendarTests.uid) == [
            "BEGIN:VEVENT", "UID:\(PreviousCalendarTests.uid)", "DTSTAMP:20240229T000000Z", "SEQUENCE:1", "DTSTART;VALUE=DATE:20240301",
            "SUMMARY;LANGUAGE=en-GB:Cancelled: Bare", "STATUS:CANCELLED", "END:VEVENT",
        ])
    }

    @Test func everyStepPassesTheIndependentValidator() throws {
        let steps = try Self.threeSteps()
        let directory = try BoardExternalTools.scratchDirectory("ics-cancelled")
        for (name, text) in [("moved", steps.moved), ("overdue", steps.overdue), ("returned", steps.returned)] {
            let file = directory.appendingPathComponent("\(name).ics")
            try Data(text.utf8).write(to: file)
            guard let result = try BoardExternalTools.validateCalendar(file) else { return }
            #expect(result.status == 0, "\(name): \(result.output)")
        }
    }
}
