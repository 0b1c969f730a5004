/// A span of calendar time: whole days plus whole months (a week is 7 days, a year 12 months).
///
/// Days and months are kept apart because a month has no fixed length: `1 month` and `30 days`
/// are different durations, and adding them to a date uses calendar arithmetic (see
/// `CivilDate.adding(_:)`).
public struct CalendarDuration: Sendable, Hashable, CustomStringConvertible {
    public var days: Int
    public var months: Int

    public init(days: Int = 0, months: Int = 0) {
        self.days = days
        self.months = months
    }

    /// The units a duration may be written in, singular or plural, lowercase.
    public enum Unit: String, Sendable, CaseIterable {
        case day, week, month, year

        /// `days`, `week`, … to a unit; nil for anything else.
        public init?(word: some StringProtocol) {
            var word = Substring(word)
            if word.hasSuffix("s") { word = word.dropLast() }
            guard let unit = Unit(rawValue: String(word)) else { return nil }
            self = unit
        }

        /// `count` of this unit as a duration, or nil when it is longer than any two dates can be
        /// apart (see `longestDays`): such a duration could never be added to a date, and a `warn`
        /// or interval that long means nothing.
        public func boundedDuration(count: Int) -> CalendarDuration? {
            guard let duration = duration(count: count),
                  duration.days <= CalendarDuration.longestDays, duration.months <= CalendarDuration.longestMonths
            else { return nil }
            return duration
        }

        /// `count` of this unit as a duration, or nil if it overflows.
        public func duration(count: Int) -> CalendarDuration? {
            switch self {
            case .day: return CalendarDuration(days: count)
            case .week:
                let (days, overflow) = count.multipliedReportingOverflow(by: 7)
                return overflow ? nil : CalendarDuration(days: days)
            case .month: return CalendarDuration(months: count)
            case .year:
                let (months, overflow) = count.multipliedReportingOverflow(by: 12)
                return overflow ? nil : CalendarDuration(months: months)
            }
        }
    }

    /// Parses `30 days`, `1 day`, `2 weeks`, `12 months`, `3 years` (singular or plural, zero allowed).
    ///
    /// The count is a non-negative decimal integer, the unit a lowercase word separated from it by
    /// spaces or tabs; surrounding spaces are ignored. Signs, fractions, missing or unknown units and
    /// anything else are rejected, as is a duration too long to mean anything (`read(_:)`).
    public init?(parsing text: String) {
        guard case .duration(let duration) = Self.read(text) else { return nil }
        self = duration
    }

    /// What a text reads as: a duration, a count and unit written right but too long, or neither.
    public enum Reading: Sendable, Equatable {
        case duration(CalendarDuration)
        /// Longer than the calendar's whole span (years 1 to 9999), or too large to count at all:
        /// no date could be that far from another, so such a `warn` or interval means nothing.
        case tooLong(Unit)
        case malformed
    }

    /// The longest span between two dates of the calendar: 0001-01-01 to 9999-12-31.
    public static let longestDays = 3_652_058
    public static let longestMonths = 9_999 * 12 - 1

    /// Why a duration `Reading.tooLong` is refused, as messages put it.
    public static let tooLongReason = "no two dates DutyCheck counts (years 1 to 9999) are that far apart"

    /// Reads `text` as `init?(parsing:)` describes, telling a duration too long apart from text that
    /// is no duration.
    public static func read(_ text: String) -> Reading {
        let scalars = text.unicodeScalars
        var index = scalars.startIndex
        func skipBlanks() { while index < scalars.endIndex, scalars[index] == " " || scalars[index] == "\t" { index = scalars.index(after: index) } }
        skipBlanks()
        var count = 0
        var overflowed = false
        var sawDigit = false
        while index < scalars.endIndex, let digit = scalars[index].asciiDigit {
            let (times10, overflow1) = count.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times10.addingReportingOverflow(digit)
            if overflow1 || overflow2 { overflowed = true } else { count = sum }
            sawDigit = true
            index = scalars.index(after: index)
        }
        let afterDigits = index
        skipBlanks()
        guard sawDigit, index > afterDigits else { return .malformed }
        let unitStart = index
        while index < scalars.endIndex, scalars[index] != " ", scalars[index] != "\t" { index = scalars.index(after: index) }
        let word = String(scalars[unitStart..<index])
        skipBlanks()
        guard index == scalars.endIndex, let unit = Unit(word: word) else { return .malformed }
        guard !overflowed, let duration = unit.boundedDuration(count: count) else { return .tooLong(unit) }
        return .duration(duration)
    }

    /// `30 days`, `1 month`, `3 years` where exact, else `N months and M days`.
    ///
    /// Whole years of months print as years (`24 months` is `2 years`); days never turn into weeks.
    public var description: String {
        if months == 0 { return Self.counted(days, "day") }
        let monthPart = months % 12 == 0 ? Self.counted(months / 12, "year") : Self.counted(months, "month")
        return days == 0 ? monthPart : "\(monthPart) and \(Self.counted(days, "day"))"
    }

    /// The same span in the opposite direction.
    public var negated: CalendarDuration {
        CalendarDuration(days: days == Int.min ? Int.max : -days, months: months == Int.min ? Int.max : -months)
    }

    private static func counted(_ count: Int, _ unit: String) -> String {
        count == 1 || count == -1 ? "\(count) \(unit)" : "\(count) \(unit)s"
    }
}

extension Unicode.Scalar {
    /// The value of an ASCII decimal digit, else nil.
    var asciiDigit: Int? {
        value >= 0x30 && value <= 0x39 ? Int(value - 0x30) : nil
    }
}
