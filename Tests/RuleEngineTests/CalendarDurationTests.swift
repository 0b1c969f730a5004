import Testing
@testable import RuleEngine

@Suite struct CalendarDurationTests {
    @Test(arguments: [
        ("30 days", 30, 0), ("1 day", 1, 0), ("2 days", 2, 0), ("1 days", 1, 0), ("2 day", 2, 0),
        ("1 week", 7, 0), ("2 weeks", 14, 0), ("12 months", 0, 12), ("1 month", 0, 1), ("3 years", 0, 36),
        ("1 year", 0, 12), ("0 days", 0, 0), ("0 years", 0, 0), ("  5 days  ", 5, 0), ("5\tdays", 5, 0),
        ("7   weeks", 49, 0), ("007 days", 7, 0),
    ])
    func parses(text: String, days: Int, months: Int) throws {
        let duration = try #require(CalendarDuration(parsing: text))
        #expect(duration == CalendarDuration(days: days, months: months))
    }

    @Test(arguments: [
        "-1 days", "days", "30", "30 fortnights", "30 Days", "thirty days", "30 days extra", "1.5 days", "",
        "+3 days", "30days", "99999999999999999999 days", "9223372036854775807 years", "2000000000000000000 weeks",
        "3 years ago", "1 month 2 days", "s", "30 s", "30 dayss", "٣ days",
    ])
    func rejects(text: String) {
        #expect(CalendarDuration(parsing: text) == nil)
    }

    /// A count and unit written right but longer than any two dates can be apart are told apart from
    /// text that is no duration, so a pack's `warn` or interval gets the right message.
    @Test(arguments: [
        ("9998 years", CalendarDuration.Reading.duration(CalendarDuration(months: 119_976))), ("9999 years", .tooLong(.year)),
        ("119987 months", .duration(CalendarDuration(months: 119_987))), ("119988 months", .tooLong(.month)),
        ("3652058 days", .duration(CalendarDuration(days: 3_652_058))), ("3652059 days", .tooLong(.day)),
        ("521722 weeks", .duration(CalendarDuration(days: 3_652_054))), ("521723 weeks", .tooLong(.week)),
        ("9223372036854775807 days", .tooLong(.day)), ("9223372036854775807 years", .tooLong(.year)),
        ("99999999999999999999 days", .tooLong(.day)), ("2000000000000000000 weeks", .tooLong(.week)),
        ("30 dayz", .malformed), ("-1 days", .malformed), ("99999999999999999999", .malformed),
    ])
    func readsTooLongApartFromMalformed(text: String, expected: CalendarDuration.Reading) {
        #expect(CalendarDuration.read(text) == expected)
    }

    @Test(arguments: [
        (CalendarDuration(days: 30), "30 days"), (CalendarDuration(days: 1), "1 day"), (CalendarDuration(), "0 days"),
        (CalendarDuration(days: 14), "14 days"), (CalendarDuration(months: 1), "1 month"),
        (CalendarDuration(months: 12), "1 year"), (CalendarDuration(months: 24), "2 years"),
        (CalendarDuration(months: 14), "14 months"), (CalendarDuration(days: 3, months: 1), "1 month and 3 days"),
        (CalendarDuration(days: 1, months: 36), "3 years and 1 day"), (CalendarDuration(days: -3), "-3 days"),
    ])
    func describes(duration: CalendarDuration, expected: String) {
        #expect(duration.description == expected)
    }

    @Test(arguments: ["30 days", "1 day", "1 month", "5 months", "1 year", "3 years", "0 days"])
    func descriptionsParseBack(text: String) throws {
        let duration = try #require(CalendarDuration(parsing: text))
        #expect(duration.description == text)
        #expect(CalendarDuration(parsing: duration.description) == duration)
    }

    @Test func unitsKnowTheirWords() {
        #expect(CalendarDuration.Unit(word: "weeks") == .week)
        #expect(CalendarDuration.Unit(word: "year") == .year)
        #expect(CalendarDuration.Unit(word: "fortnight") == nil)
        #expect(CalendarDuration.Unit.year.duration(count: 2) == CalendarDuration(months: 24))
        #expect(CalendarDuration.Unit.week.duration(count: Int.max) == nil)
    }

    @Test func negatedReversesBothParts() {
        #expect(CalendarDuration(days: 3, months: 2).negated == CalendarDuration(days: -3, months: -2))
        #expect(CalendarDuration(days: Int.min).negated.days == Int.max)
    }
}
