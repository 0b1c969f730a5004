import Testing
@testable import RuleEngine

/// `CivilDate(iso:)` for tests, failing the test when the text is not a date.
func day(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> CivilDate {
    try #require(CivilDate(iso: text), sourceLocation: sourceLocation)
}

@Suite struct CivilDateTests {
    @Test(arguments: [
        (2024, 2, 29, true), (2023, 2, 29, false), (1900, 2, 29, false), (2000, 2, 29, true), (2100, 2, 29, false),
        (2024, 4, 30, true), (2024, 4, 31, false), (2024, 12, 31, true), (2024, 13, 1, false), (2024, 0, 1, false),
        (2024, 1, 0, false), (1, 1, 1, true), (0, 12, 31, false), (9999, 12, 31, true), (10000, 1, 1, false),
        (-5, 1, 1, false),
    ])
    func validTriples(year: Int, month: Int, day: Int, valid: Bool) {
        #expect((CivilDate(year: year, month: month, day: day) != nil) == valid)
    }

    @Test(arguments: [1900, 2100, 2023, 2019])
    func nonLeapYears(year: Int) {
        #expect(!CivilDate.isLeapYear(year))
        #expect(CivilDate.daysIn(month: 2, year: year) == 28)
    }

    @Test(arguments: [2000, 2024, 2400, 4])
    func leapYears(year: Int) {
        #expect(CivilDate.isLeapYear(year))
        #expect(CivilDate.daysIn(month: 2, year: year) == 29)
    }

    @Test(arguments: ["2024-01-31", "2024-02-29", "0001-01-01", "9999-12-31", "2000-02-29"])
    func isoRoundTrips(text: String) throws {
        #expect(try day(text).iso == text)
    }

    @Test(arguments: ["2024-1-31", "2024-02-30", "2023-02-29", "31/03/2024", " 2024-01-31", "2024-01-31 ", "",
                      "0000-01-01", "+024-01-01", "2024-01-3a", "２０２４-01-31", "2024/01/31", "20240131", "2024-001-31",
                      "TBC", "2024-13-01", "2024-00-10"])
    func isoRejects(text: String) {
        #expect(CivilDate(iso: text) == nil)
    }

    @Test(arguments: [
        ("2024-03-31", "31 March 2024"), ("2024-01-01", "1 January 2024"), ("2027-12-09", "9 December 2027"),
        ("0001-01-01", "1 January 1"), ("0099-09-30", "30 September 99"), ("0100-05-10", "10 May 100"),
        ("9999-12-31", "31 December 9999"),
    ])
    func longForm(text: String, expected: String) throws {
        #expect(try day(text).longForm == expected)
        #expect(try day(text).description == text)
    }

    @Test func longFormAndISOMatchTheirParts() {
        // Every day of a leap year and a common one, and days spread over the whole range.
        let days = Array(738_885..<739_616) + Array(stride(from: 0, to: 3_652_059, by: 997)) + [3_652_058]
        func padded(_ number: Int, _ width: Int) -> String {
            String(repeating: "0", count: max(0, width - String(number).count)) + String(number)
        }
        for number in days {
            let date = CivilDate(dayNumber: number)
            #expect(date.longForm == "\(date.day) \(CivilDate.monthNames[date.month - 1]) \(date.year)")
            #expect(date.iso == "\(padded(date.year, 4))-\(padded(date.month, 2))-\(padded(date.day, 2))")
            #expect(CivilDate(iso: date.iso) == date)
        }
    }

    @Test(arguments: [
        ("2024-01-31", 0, 1, "2024-02-29"),
        ("2023-01-31", 0, 1, "2023-02-28"),
        ("2024-02-29", 0, 12, "2025-02-28"),
        ("2024-02-29", 0, 48, "2028-02-29"),
        ("2024-03-31", 0, -1, "2024-02-29"),
        ("2023-03-31", 0, -1, "2023-02-28"),
        ("2024-05-31", 0, 1, "2024-06-30"),
        ("2024-12-15", 0, 1, "2025-01-15"),
        ("2024-01-15", 0, -1, "2023-12-15"),
        ("2024-01-31", 1, 1, "2024-03-01"),
        ("2024-12-31", 1, 0, "2025-01-01"),
        ("2024-02-28", 1, 0, "2024-02-29"),
        ("2023-02-28", 1, 0, "2023-03-01"),
        ("1900-02-28", 1, 0, "1900-03-01"),
        ("2000-02-28", 1, 0, "2000-02-29"),
        ("2024-03-01", -1, 0, "2024-02-29"),
        ("2024-01-01", 366, 0, "2025-01-01"),
        ("2024-03-31", 0, 0, "2024-03-31"),
    ])
    func adding(start: String, days: Int, months: Int, expected: String) throws {
        let result = try day(start).adding(CalendarDuration(days: days, months: months))
        #expect(result.iso == expected)
    }

    @Test(arguments: [
        ("2024-03-31", CalendarDuration(months: 1), "2024-02-29"),
        ("2023-03-31", CalendarDuration(months: 1), "2023-02-28"),
        ("2025-02-28", CalendarDuration(months: 12), "2024-02-28"),
        ("2024-03-31", CalendarDuration(days: 30), "2024-03-01"),
        ("2024-01-01", CalendarDuration(days: 1), "2023-12-31"),
        ("2024-03-31", CalendarDuration(days: 1, months: 1), "2024-02-28"),
        ("2024-06-30", CalendarDuration(months: 36), "2021-06-30"),
    ])
    func subtracting(start: String, duration: CalendarDuration, expected: String) throws {
        #expect(try day(start).subtracting(duration).iso == expected)
    }

    @Test(arguments: [
        ("2023-12-31", "2024-01-01", 1), ("2024-01-01", "2025-01-01", 366), ("2023-01-01", "2024-01-01", 365),
        ("1900-01-01", "1901-01-01", 365), ("2000-01-01", "2001-01-01", 366), ("2024-03-31", "2024-02-29", -31),
        ("2024-02-28", "2024-03-01", 2), ("2023-02-28", "2023-03-01", 1), ("2024-04-02", "2024-04-02", 0),
        ("0001-01-01", "9999-12-31", 3_652_058), ("2024-03-31", "2027-03-31", 1095),
    ])
    func daysUntil(from: String, to: String, expected: Int) throws {
        #expect(try day(from).days(until: try day(to)) == expected)
        #expect(try day(from).adding(days: expected) == (try day(to)))
    }

    @Test func dayNumbersRoundTripAcrossTheWholeRange() throws {
        #expect(CivilDate.earliest.dayNumber == 0)
        #expect(try day("1970-01-01").dayNumber == 719_162)
        var previous = CivilDate(dayNumber: 0)
        for number in stride(from: 1, through: CivilDate.latest.dayNumber, by: 1) where number % 97 == 0 || number < 1000 {
            let date = CivilDate(dayNumber: number)
            #expect(date.dayNumber == number)
            #expect(previous < date)
            #expect(CivilDate(year: date.year, month: date.month, day: date.day) == date)
            previous = date
        }
    }

    @Test func everyDayOfALeapCenturyFollowsTheLastOne() throws {
        var date = try day("1999-12-31")
        var count = 0
        while date < (try day("2001-01-01")) {
            let next = date.adding(days: 1)
            #expect(date.days(until: next) == 1)
            if next.day == 1 { #expect(date == date.endOfMonth) }
            date = next
            count += 1
        }
        #expect(count == 367)
    }

    @Test func arithmeticClampsToTheSupportedYears() throws {
        #expect(CivilDate.latest.adding(days: 1) == CivilDate.latest)
        #expect(CivilDate.earliest.adding(days: -1) == CivilDate.earliest)
        #expect(try day("2024-01-01").adding(days: Int.max) == CivilDate.latest)
        #expect(try day("2024-01-01").adding(days: Int.min) == CivilDate.earliest)
        #expect(try day("2024-01-01").adding(months: Int.max) == CivilDate.latest)
        #expect(try day("2024-01-01").adding(months: Int.min) == CivilDate.earliest)
        #expect(try day("9999-12-01").adding(CalendarDuration(months: 1)) == CivilDate.latest)
        #expect(try day("0001-01-31").subtracting(CalendarDuration(months: 1)) == CivilDate.earliest)
        #expect(try day("2024-01-01").subtracting(CalendarDuration(days: Int.min, months: Int.min)) == CivilDate.latest)
        #expect(CivilDate(dayNumber: -5) == CivilDate.earliest)
        #expect(CivilDate(dayNumber: Int.max) == CivilDate.latest)
    }

    /// The exact forms give nil where the clamping ones clamp, and the same date elsewhere.
    @Test func exactArithmeticRefusesToClamp() throws {
        #expect(CivilDate.latest.addingExactly(CalendarDuration(days: 1)) == nil)
        #expect(try day("9999-12-01").addingExactly(CalendarDuration(months: 1)) == nil)
        #expect(try day("9999-11-30").addingExactly(CalendarDuration(months: 1)) == (try day("9999-12-30")))
        #expect(try day("0001-01-31").subtractingExactly(CalendarDuration(months: 1)) == nil)
        #expect(try day("2024-01-01").subtractingExactly(CalendarDuration(days: Int.min, months: 0)) == nil)
        #expect(try day("2024-01-01").addingExactly(CalendarDuration(days: Int.max, months: 0)) == nil)
        #expect(try day("2024-01-31").addingExactly(CalendarDuration(days: 1, months: 1)) == (try day("2024-03-01")))
        #expect(try day("2024-03-31").subtractingExactly(CalendarDuration(months: 1)) == (try day("2024-02-29")))
        #expect(CivilDate.earliest.subtractingExactly(CalendarDuration(days: 0)) == CivilDate.earliest)
    }

    @Test(arguments: [
        ("2024-02-10", "2024-02-29"), ("2023-02-01", "2023-02-28"), ("2024-04-30", "2024-04-30"),
        ("2024-12-01", "2024-12-31"), ("1900-02-14", "1900-02-28"),
    ])
    func endOfMonth(date: String, expected: String) throws {
        #expect(try day(date).endOfMonth.iso == expected)
    }

    @Test func ordering() throws {
        #expect(try day("2023-12-31") < (try day("2024-01-01")))
        #expect(try day("2024-02-01") > (try day("2024-01-31")))
        #expect([try day("2024-03-01"), try day("2023-05-09")].max() == (try day("2024-03-01")))
    }
}
