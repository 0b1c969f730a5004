/// A calendar day with no time zone: deadlines in the law and in records are days, not instants.
///
/// Dates follow the proleptic Gregorian calendar over years 1 to 9999 (`CivilDate.earliest` to
/// `CivilDate.latest`). Arithmetic never traps: a result that would fall outside that range is
/// clamped to the nearest end of it.
public struct CivilDate: Sendable, Hashable, Comparable, CustomStringConvertible {
    // Stored small: dates sit inside every expression value, which is copied on every step.
    private let storedYear: Int16
    private let storedMonth: UInt8
    private let storedDay: UInt8

    public var year: Int { Int(storedYear) }
    public var month: Int { Int(storedMonth) }
    public var day: Int { Int(storedDay) }

    /// 1 January of year 1.
    public static let earliest = CivilDate(trusted: 1, 1, 1)
    /// 31 December 9999.
    public static let latest = CivilDate(trusted: 9999, 12, 31)

    /// Nil unless the triple names a real day of the proleptic Gregorian calendar (years 1–9999).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
              day >= 1, day <= CivilDate.daysIn(month: month, year: year)
        else { return nil }
        self.init(trusted: year, month, day)
    }

    /// Parses exactly `YYYY-MM-DD` naming a real day; anything else is nil.
    public init?(iso text: String) {
        let utf8 = text.utf8
        guard utf8.count == 10 else { return nil }
        let parsed = utf8.withContiguousStorageIfAvailable { CivilDate.parseISO($0) } ?? CivilDate.parseISO(Array(utf8))
        guard let parsed else { return nil }
        self = parsed
    }

    /// Whether `text` is written as `YYYY-MM-DD` (four, two and two ASCII digits), whether or not it
    /// names a real day: `2024-02-30` is, so what is wrong with it is the day, not the form.
    public static func isWrittenISO(_ text: some StringProtocol) -> Bool {
        let parts = text.utf8.split(separator: 0x2D, omittingEmptySubsequences: false)
        return parts.map(\.count) == [4, 2, 2] && parts.allSatisfy { $0.allSatisfy { (0x30...0x39).contains($0) } }
    }

    /// The day `dayNumber` days after 1 January of year 1 (which is day 0), clamped to years 1–9999.
    public init(dayNumber: Int) {
        let n = min(max(dayNumber, 0), CivilDate.latestDayNumber)
        // Whole 400-, 100-, 4- and 1-year cycles before the day, then the day within its year.
        let n400 = n / 146_097
        var rest = n % 146_097
        let n100 = min(rest / 36_524, 3)
        rest -= n100 * 36_524
        let n4 = rest / 1_461
        rest %= 1_461
        let n1 = min(rest / 365, 3)
        rest -= n1 * 365
        let year = n400 * 400 + n100 * 100 + n4 * 4 + n1 + 1
        var month = 1
        while month < 12, rest >= CivilDate.daysBefore(month: month + 1, year: year) { month += 1 }
        self.init(trusted: year, month, rest - CivilDate.daysBefore(month: month, year: year) + 1)
    }

    /// Days since 1 January of year 1 (day 0): the basis of all day arithmetic.
    public var dayNumber: Int {
        let y = year - 1
        return y * 365 + y / 4 - y / 100 + y / 400 + CivilDate.daysBefore(month: month, year: year) + day - 1
    }

    public static func < (lhs: CivilDate, rhs: CivilDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    /// `2024-03-31`
    public var iso: String {
        // Years run from 1 to 9999, so four digits with leading zeros always fit.
        String(unsafeUninitializedCapacity: 10) { buffer in
            CivilDate.writeDigits(of: year, count: 4, into: buffer, endingAt: 4)
            buffer[4] = 0x2D
            CivilDate.writeDigits(of: month, count: 2, into: buffer, endingAt: 7)
            buffer[7] = 0x2D
            CivilDate.writeDigits(of: day, count: 2, into: buffer, endingAt: 10)
            return 10
        }
    }

    /// `31 March 2024`, the form board papers use.
    public var longForm: String {
        // Written straight into one string of the right size: messages print many dates, and
        // interpolation grows its text piece by piece.
        let name = CivilDate.monthNamesUTF8[month - 1]
        let dayDigits = day < 10 ? 1 : 2
        let yearDigits = year < 10 ? 1 : year < 100 ? 2 : year < 1000 ? 3 : 4
        let count = dayDigits + 1 + name.count + 1 + yearDigits
        return String(unsafeUninitializedCapacity: count) { buffer in
            CivilDate.writeDigits(of: day, count: dayDigits, into: buffer, endingAt: dayDigits)
            buffer[dayDigits] = 0x20
            _ = buffer[(dayDigits + 1)...].initialize(fromContentsOf: name)
            buffer[count - yearDigits - 1] = 0x20
            CivilDate.writeDigits(of: year, count: yearDigits, into: buffer, endingAt: count)
            return count
        }
    }
    public var description: String { iso }

    /// Calendar arithmetic: months clamp to the month's end (31 January + 1 month = 29 February 2024).
    ///
    /// The months are added first, then the days: 31 January 2024 + (1 month and 1 day) is 1 March.
    public func adding(_ duration: CalendarDuration) -> CivilDate {
        adding(months: duration.months).adding(days: duration.days)
    }

    /// Takes the months away first, then the days: 31 March 2024 − 1 month is 29 February 2024.
    public func subtracting(_ duration: CalendarDuration) -> CivilDate {
        adding(months: duration.months == Int.min ? Int.max : -duration.months)
            .adding(days: duration.days == Int.min ? Int.max : -duration.days)
    }

    /// `adding(_:)`, or nil where that would clamp: the months or the days step outside years 1–9999.
    public func addingExactly(_ duration: CalendarDuration) -> CivilDate? {
        // Clamping only ever lands on the first or last day, so any other result is exact; only
        // those two are worked out again (expressions add durations to dates often).
        let shifted = adding(months: duration.months)
        if shifted != .latest, shifted != .earliest {
            let result = shifted.adding(days: duration.days)
            if result != .latest, result != .earliest { return result }
        }
        return addingExactly(months: duration.months)?.addingExactly(days: duration.days)
    }

    /// `subtracting(_:)`, or nil where that would clamp.
    public func subtractingExactly(_ duration: CalendarDuration) -> CivilDate? {
        guard duration.months != Int.min, duration.days != Int.min else { return nil }
        return addingExactly(CalendarDuration(days: -duration.days, months: -duration.months))
    }

    private func addingExactly(days: Int) -> CivilDate? {
        let (sum, overflow) = dayNumber.addingReportingOverflow(days)
        guard !overflow, sum >= 0, sum <= Self.latestDayNumber else { return nil }
        return CivilDate(dayNumber: sum)
    }

    private func addingExactly(months: Int) -> CivilDate? {
        let (target, overflow) = ((year - 1) * 12 + (month - 1)).addingReportingOverflow(months)
        guard !overflow, target >= 0, target < 9999 * 12 else { return nil }
        return adding(months: months)
    }

    /// The day `days` later (earlier when negative), clamped to years 1–9999.
    public func adding(days: Int) -> CivilDate {
        let start = dayNumber
        let (sum, overflow) = start.addingReportingOverflow(days)
        if overflow { return days > 0 ? .latest : .earliest }
        return CivilDate(dayNumber: sum)
    }

    /// Whole months later (earlier when negative), keeping the day where the month has it and
    /// otherwise taking the month's last day; clamped to years 1–9999.
    public func adding(months: Int) -> CivilDate {
        // Months since January of year 1; the date range spans fewer than 120,000 of them.
        let index = (year - 1) * 12 + (month - 1)
        let limit = 9999 * 12
        guard months > -limit - 1, months < limit + 1 else { return months > 0 ? .latest : .earliest }
        let target = index + months
        if target < 0 { return .earliest }
        if target >= limit { return .latest }
        let newYear = target / 12 + 1
        let newMonth = target % 12 + 1
        return CivilDate(trusted: newYear, newMonth, min(day, CivilDate.daysIn(month: newMonth, year: newYear)))
    }

    /// `other - self` in days.
    public func days(until other: CivilDate) -> Int { other.dayNumber - dayNumber }

    /// The last day of this date's month.
    public var endOfMonth: CivilDate {
        CivilDate(trusted: year, month, CivilDate.daysIn(month: month, year: year))
    }

    /// Whether `year` has a 29 February: every fourth year, except centuries not divisible by 400.
    public static func isLeapYear(_ year: Int) -> Bool {
        year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
    }

    /// The number of days in a month (1–12) of a year.
    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: isLeapYear(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    // MARK: - Internals

    static let monthNames = ["January", "February", "March", "April", "May", "June", "July",
                             "August", "September", "October", "November", "December"]

    private static let monthNamesUTF8 = monthNames.map { Array($0.utf8) }

    /// The last `count` decimal digits of `number` (which is not negative), ending before `end`,
    /// with leading zeros where it has fewer.
    private static func writeDigits(of number: Int, count: Int, into buffer: UnsafeMutableBufferPointer<UInt8>,
                                    endingAt end: Int) {
        var rest = number
        for position in stride(from: end - 1, through: end - count, by: -1) {
            buffer[position] = 0x30 + UInt8(rest % 10)
            rest /= 10
        }
    }

    private static let cumulativeDays = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334]

    private static let latestDayNumber = CivilDate(trusted: 9999, 12, 31).dayNumber

    /// Builds a date already known to be valid.
    init(trusted year: Int, _ month: Int, _ day: Int) {
        storedYear = Int16(year)
        storedMonth = UInt8(month)
        storedDay = UInt8(day)
    }

    private static func daysBefore(month: Int, year: Int) -> Int {
        cumulativeDays[month - 1] + (month > 2 && isLeapYear(year) ? 1 : 0)
    }

    /// Reads `YYYY-MM-DD` from exactly ten ASCII bytes.
    static func parseISO<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> CivilDate? where Bytes.Index == Int {
        guard bytes.count == 10 else { return nil }
        let base = bytes.startIndex
        func digit(_ offset: Int) -> Int? {
            let byte = bytes[base + offset]
            return byte >= 0x30 && byte <= 0x39 ? Int(byte - 0x30) : nil
        }
        guard bytes[base + 4] == 0x2D, bytes[base + 7] == 0x2D,
              let y0 = digit(0), let y1 = digit(1), let y2 = digit(2), let y3 = digit(3),
              let m0 = digit(5), let m1 = digit(6), let d0 = digit(8), let d1 = digit(9)
        else { return nil }
        return CivilDate(year: y0 * 1000 + y1 * 100 + y2 * 10 + y3, month: m0 * 10 + m1, day: d0 * 10 + d1)
    }
}
