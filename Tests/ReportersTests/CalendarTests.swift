import Foundation
import Reporters
import RuleEngine
import TestSupport
import Testing

@Suite("Deadline calendar")
struct CalendarTests {
    static let stamp = CalendarTimestamp.startOfDay(BoardFixtures.asOf)

    static func ics(_ report: Report = BoardFixtures.report(), previous: PreviousCalendar? = nil) -> String {
        DeadlineCalendar.render(report, options: CalendarOptions(stamp: stamp, previous: previous))
    }

    /// Unfolded content lines of the event whose SUMMARY contains `summary`.
    static func event(_ text: String, _ summary: String) -> [String] {
        var events: [[String]] = []
        var current: [String]?
        for line in ICalendarText.unfold(text) {
            if line == "BEGIN:VEVENT" { current = [] }
            current?.append(line)
            if line == "END:VEVENT", let done = current { events.append(done); current = nil }
        }
        return events.first { $0.contains { $0.hasPrefix("SUMMARY:") && $0.contains(summary) } } ?? []
    }

    @Test func matchesGolden() {
        #expect(Golden.mismatch(Self.ics(), golden: "Tests/ReportersTests/Golden/calendar.fixture.ics") == nil)
    }

    @Test func exportsEveryUpcomingDueDateThatIsNotDone() {
        let events = DeadlineCalendar.events(in: BoardFixtures.report())
        let keys = events.map { [$0.rule, $0.subject ?? ""].joined(separator: "/") }
        #expect(keys == [
            "partner-approval/lbb", "partner-approval/met-police",
            "partner-approval/probation", "partner-approval/sel-icb", "plan-in-force/",
            "strategy-published/", "strategic-assessment-annual/",
        ])
        // Left out: overdue or waived with a past due date, missing, met with no due date (the
        // consultation), not applicable, and a one-off deadline already done (lfb's approval). Kept:
        // a recurring duty whose last round is done, since its due date is the next round's (the
        // strategic assessment).
        #expect(!keys.contains("partner-approval/lfb"))
        #expect(!keys.contains("community-consulted/"))
        #expect(!keys.contains { $0.hasPrefix("data-shared") || $0.hasPrefix("sv-") || $0.hasPrefix("scrutiny") })
    }

    @Test func eventsAreAllDayWithSummaryDescriptionAndAlarm() {
        let lines = Self.event(Self.ics(), "A partnership plan is in force")
        #expect(lines.contains("DTSTART;VALUE=DATE:20240331"))
        #expect(lines.contains("DTEND;VALUE=DATE:20240401"))
        #expect(lines.contains("DTSTAMP:20240229T000000Z"))
        #expect(lines.contains("SUMMARY:Safer Bromley Partnership: A partnership plan is in force"))
        let description = lines.first { $0.hasPrefix("DESCRIPTION:Due:") } ?? ""
        #expect(description.contains("What to do: Agree the 2024-27 strategy\\, with partners' approvals\\, before 31 March 2024."))
        #expect(description.contains("\\nLaw: Crime and Disorder Act 1998\\, section 6 https://www.legislation.gov.uk/ukpga/1998/37/section/6"))
        #expect(lines.contains("TRIGGER:-P90D"), "the rule's 90-day window")
        #expect(lines.contains("ACTION:DISPLAY"))
        #expect(lines.contains("DESCRIPTION:Due in 90 days: Safer Bromley Partnership: A partnership plan is in force"))
        // A window in months becomes the exact number of days before the due date.
        let assessment = Self.event(Self.ics(), "strategic assessment")
        #expect(assessment.contains("TRIGGER:-P61D"))
        #expect(assessment.contains { $0.hasPrefix("DESCRIPTION:Due: 24 August 2024\\nLast done: 24 August 2023\\n") })
        // No window on the rule: 30 days.
        var findings = BoardFixtures.findings
        findings[0].warn = nil
        #expect(Self.event(Self.ics(BoardFixtures.report(findings: findings)), "A partnership plan").contains("TRIGGER:-P30D"))
    }

    @Test func partnerSubjectsAreNamed() {
        let lines = Self.event(Self.ics(), "Metropolitan Police")
        #expect(lines.contains("SUMMARY:Safer Bromley Partnership: Each responsible authority has confirmed its acceptance of the plan: Metropolitan Police Service"))
    }

    @Test func calendarHeaderIsComplete() {
        let lines = ICalendarText.unfold(Self.ics())
        #expect(Array(lines.prefix(7)) == [
            "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//DutyCheck//dutycheck 0.1.0//EN", "CALSCALE:GREGORIAN",
            "METHOD:PUBLISH", "NAME:Safer Bromley Partnership: statutory due dates",
            "X-WR-CALNAME:Safer Bromley Partnership: statutory due dates",
        ])
        #expect(lines.last == "END:VCALENDAR")
    }

    @Test func dueOnTheAsOfDateIsIncludedWithAnAlarmThatDay() {
        var findings = BoardFixtures.findings
        findings[0].due = BoardFixtures.asOf
        findings[0].warn = CalendarDuration(days: 0)
        let lines = Self.event(Self.ics(BoardFixtures.report(findings: findings)), "A partnership plan")
        #expect(lines.contains("DTSTART;VALUE=DATE:20240229"))
        #expect(lines.contains("DTEND;VALUE=DATE:20240301"))
        #expect(lines.contains("TRIGGER:PT0S"))
    }

    // MARK: Line rules

    /// 31 December 9999 has no following day for DTEND, so such a due date is left out.
    @Test func theLastRepresentableDayIsNotAnEvent() {
        var findings = BoardFixtures.findings
        findings[0].due = CivilDate.latest
        let report = BoardFixtures.report(findings: findings)
        #expect(!DeadlineCalendar.events(in: report).contains { $0.rule == findings[0].rule && $0.subject == findings[0].subject })
        #expect(!Self.ics(report).contains("99991231"))
        // Named, so that the command can warn that it is left out.
        #expect(DeadlineCalendar.leftOutOnTheLastDay(of: report.records[0], asOf: report.asOf).map(\.rule) == [findings[0].rule])
        #expect(DeadlineCalendar.leftOutOnTheLastDay(of: BoardFixtures.report().records[0], asOf: report.asOf).isEmpty)
    }

    @Test func linesEndInCRLFAndFoldWithinSeventyFiveOctets() {
        let name = "Partneriaeth Diogelwch Cymunedol – “Safer” Bromley; with, commas \\ and a very long name 😀 that must fold"
        let text = Self.ics(BoardFixtures.report(partnershipName: name))
        let octets = Array(text.utf8)
        for (index, byte) in octets.enumerated() where byte == 0x0A {
            #expect(index > 0 && octets[index - 1] == 0x0D, "bare LF at \(index)")
        }
        #expect(text.hasSuffix("\r\n"))
        var folded = 0
        for line in octets.split(separator: 0x0A) {
            let physical = line.last == 0x0D ? line.dropLast() : line
            #expect(physical.count <= 75)
            #expect(String(validating: Array(physical), as: UTF8.self) != nil, "a fold split a character")
            if physical.first == 0x20 { folded += 1 }
        }
        #expect(folded > 10)
        #expect(ICalendarText.unfold(text).contains("SUMMARY:" + ICalendarText.escape(name) + ": A partnership plan is in force"))
    }

    @Test(arguments: [0, 1, 2, 3, 74, 75, 76, 149, 150, 151, 400])
    func foldNeverSplitsACharacter(_ length: Int) {
        for unit in ["a", "é", "–", "😀"] {
            let line = "DESCRIPTION:" + String(repeating: unit, count: length)
            let octets = ICalendarText.fold(line)
            let text = String(decoding: octets, as: UTF8.self)
            let physical = text.components(separatedBy: "\r\n").dropLast()
            #expect(physical.allSatisfy { $0.utf8.count <= 75 })
            #expect(physical.dropFirst().allSatisfy { $0.hasPrefix(" ") })
            #expect(String(validating: octets, as: UTF8.self) != nil)
            #expect(ICalendarText.unfold(text) == [line])
        }
    }

    @Test func textValuesAreEscaped() {
        #expect(ICalendarText.escape("a;b,c\\d\ne\r\nf\rg\u{2028}h\ti\u{0}") == "a\\;b\\,c\\\\d\\ne\\nf\\ng\\nh i\u{FFFD}")
    }

    // MARK: Identity and SEQUENCE

    @Test func uidsAreStableAndDistinct() throws {
        #expect(Self.ics() == Self.ics())
        let uid = DeadlineCalendar.uid(partnership: "Safer Bromley Partnership", rule: "plan-in-force", subject: nil)
        #expect(uid == DeadlineCalendar.uid(partnership: "Safer Bromley Partnership", rule: "plan-in-force", subject: nil))
        #expect(uid != DeadlineCalendar.uid(partnership: "Safer Bromley Partnership", rule: "plan-in-force", subject: "x"))
        #expect(uid != DeadlineCalendar.uid(partnership: "Another Partnership", rule: "plan-in-force", subject: nil))
        #expect(uid.firstMatch(of: try Regex("^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")) != nil)
        // A moved due date keeps the event's UID.
        var findings = BoardFixtures.findings
        findings[0].due = BoardFixtures.date(2024, 4, 30)
        let moved = DeadlineCalendar.events(in: BoardFixtures.report(findings: findings))
        #expect(moved.contains { $0.uid == uid && $0.due == BoardFixtures.date(2024, 4, 30) })
        let uids = DeadlineCalendar.events(in: BoardFixtures.report()).map(\.uid)
        #expect(Set(uids).count == uids.count)
    }

    @Test func duplicateSubjectsStillGetDistinctUIDs() {
        let findings = BoardFixtures.findings + [BoardFixtures.approval("lbb", index: 0, status: .dueSoon)]
        let uids = DeadlineCalendar.events(in: BoardFixtures.report(findings: findings)).map(\.uid)
        #expect(Set(uids).count == uids.count)
    }

    /// The all-day start every event of a previous calendar has.
    static let day = "DTSTART;VALUE=DATE:20240301"

    /// SEQUENCE past iCalendar's integers is refused, and so is the largest, which could not be
    /// raised for a change; a calendar built at the largest (not read from a file) is held there.
    @Test func aSequenceBeyondICalendarsIntegersOrAtTheLargestIsRefused() throws {
        let event = { (sequence: String) in
            ["BEGIN:VCALENDAR", "BEGIN:VEVENT", "UID:\(PreviousCalendarTests.uid)", "SEQUENCE:\(sequence)", Self.day, "SUMMARY:A", "END:VEVENT", "END:VCALENDAR", ""]
                .joined(separator: "\r\n")
        }
        #expect(throws: PreviousCalendar.ParseError(line: 4, column: 10, message: "SEQUENCE is larger than iCalendar allows (2147483647): 9223372036854775807")) {
            try PreviousCalendar(parsing: event("9223372036854775807"))
        }
        #expect(throws: PreviousCalendar.ParseError(line: 4, column: 10, message: "SEQUENCE is the largest iCalendar allows (2147483647): "
            + "a change to this event, or its cancellation, could not be numbered above it, so diaries holding it would ignore the update")) {
            try PreviousCalendar(parsing: event("2147483647"))
        }
        let belowLargest = try PreviousCalendar(parsing: event("2147483646"))
        #expect(belowLargest.events[PreviousCalendarTests.uid]?.sequence == 2147483646)
        // Every event changed since a calendar whose SEQUENCEs are all at the largest: held there.
        let first = try PreviousCalendar(parsing: Self.ics())
        let atLargest = PreviousCalendar(events: first.events.mapValues { _ in .init(sequence: Int(Int32.max), content: ["changed"]) })
        let sequences = ICalendarText.unfold(Self.ics(previous: atLargest)).filter { $0.hasPrefix("SEQUENCE:") }
        #expect(sequences.count == first.events.count)
        #expect(sequences.allSatisfy { $0 == "SEQUENCE:2147483647" })
    }

    @Test func sequenceFollowsThePreviousCalendar() throws {
        let first = Self.ics()
        #expect(ICalendarText.unfold(first).filter { $0.hasPrefix("SEQUENCE:") }.allSatisfy { $0 == "SEQUENCE:0" })
        let previous = try PreviousCalendar(parsing: first)
        #expect(previous.events.count == 7)
        // Unchanged: same numbers, so the file is the same.
        #expect(Self.ics(previous: previous) == first)

        // The plan's due date moves: only that event goes up.
        var findings = BoardFixtures.findings
        findings[0].due = BoardFixtures.date(2024, 4, 30)
        let second = Self.ics(BoardFixtures.report(findings: findings), previous: previous)
        #expect(Self.event(second, "A partnership plan").contains("SEQUENCE:1"))
        #expect(Self.event(second, "Metropolitan Police").contains("SEQUENCE:0"))

        // And again from there: unchanged keeps 1, a further change makes 2.
        let again = try PreviousCalendar(parsing: second)
        #expect(Self.event(Self.ics(BoardFixtures.report(findings: findings), previous: again), "A partnership plan").contains("SEQUENCE:1"))
        findings[0].remedy = "Something else."
        #expect(Self.event(Self.ics(BoardFixtures.report(findings: findings), previous: again), "A partnership plan").contains("SEQUENCE:2"))

        // A new DTSTAMP alone is not a change.
        let later = DeadlineCalendar.render(BoardFixtures.report(), options: CalendarOptions(
            stamp: CalendarTimestamp.startOfDay(BoardFixtures.date(2024, 3, 1)), previous: previous))
        #expect(!ICalendarText.unfold(later).contains { $0.hasPrefix("SEQUENCE:") && $0 != "SEQUENCE:0" })
    }

    @Test func previousCalendarMustBeACalendar() {
        #expect(throws: PreviousCalendar.ParseError.self) { try PreviousCalendar(parsing: "hello\r\n") }
        #expect(throws: PreviousCalendar.ParseError.self) {
            try PreviousCalendar(parsing: "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:\(PreviousCalendarTests.uid)\r\nSEQUENCE:two\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")
        }
        #expect(throws: PreviousCalendar.ParseError.self) {
            try PreviousCalendar(parsing: "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nSEQUENCE:1\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")
        }
        let lenient = try? PreviousCalendar(parsing: "BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:\(PreviousCalendarTests.uid)\nSEQUENCE:4\n\(Self.day)\nSUMMARY:a\n  b\nEND:VEVENT\nEND:VCALENDAR\n")
        #expect(lenient?.events[PreviousCalendarTests.uid] == PreviousCalendar.Event(sequence: 4, content: [Self.day, "SUMMARY:a b"]))
    }

    @Test func timestampsAreUTC() {
        #expect(CalendarTimestamp(date: BoardFixtures.asOf, hour: 7, minute: 5, second: 9)?.text == "20240229T070509Z")
        #expect(CalendarTimestamp(date: BoardFixtures.asOf, hour: 24) == nil)
    }

    // MARK: Independent validators

    @Test func icalendarAndVobjectAcceptTheFile() throws {
        let hostile = BoardFixtures.report(partnerName: BoardFixtures.hostileName,
                                           partnershipName: "Safer; Bromley, \\ Partnership – “test” \n second line 😀")
        for (name, text) in [("golden", Self.ics()), ("hostile", Self.ics(hostile))] {
            let directory = try BoardExternalTools.scratchDirectory("ics-\(name)")
            let file = directory.appendingPathComponent("calendar.ics")
            try Data(text.utf8).write(to: file)
            guard let result = try BoardExternalTools.validateCalendar(file) else { return }
            #expect(result.status == 0, "\(name): \(result.output)")
        }
    }

    @Test func uidsAreStableAcrossTwoProcessRunsOfTheValidator() throws {
        // Two renders, as two runs would make them, read back by an independent parser.
        guard let tools = BoardExternalTools.require(["python3"]) else { return }
        let directory = try BoardExternalTools.scratchDirectory("ics-stable")
        var uidLists: [String] = []
        for run in 1...2 {
            let file = directory.appendingPathComponent("run\(run).ics")
            try Data(Self.ics().utf8).write(to: file)
            let result = try BoardExternalTools.run(tools["python3"]!, ["-c", """
                import sys
                try:
                    import icalendar
                except ImportError:
                    sys.exit(77)
                cal = icalendar.Calendar.from_ical(open(sys.argv[1], 'rb').read())
                print('\\n'.join(str(e['UID']) for e in cal.walk('VEVENT')))
                """, file.path])
            if result.status == BoardExternalTools.missingModule {
                BoardExternalTools.unavailable("the icalendar Python package")
                return
            }
            #expect(result.status == 0, "\(result.output)")
            uidLists.append(result.output)
        }
        #expect(uidLists[0] == uidLists[1])
        #expect(uidLists[0].split(separator: "\n").count == 7)
    }
}
