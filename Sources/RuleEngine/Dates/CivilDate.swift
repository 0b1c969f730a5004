/// A calendar day with no time zone: deadlines in the law and in records are days, not instants.
public struct CivilDate: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    /// Nil unless the triple names a real day of the proleptic Gregorian calendar (years 1–9999).
    public init?(year: Int, month: Int, day: Int) { fatalError("not written yet") }

    /// Parses exactly `YYYY-MM-DD` naming a real day; anything else is nil.
    public init?(iso text: String) { fatalError("not written yet") }

    public static func < (lhs: CivilDate, rhs: CivilDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    /// `2024-03-31`
    public var iso: String { fatalError("not written yet") }
    /// `31 March 2024`, the form board papers use.
    public var longForm: String { fatalError("not written yet") }
    public var description: String { iso }

    /// Calendar arithmetic: months clamp to the month's end (31 January + 1 month = 29 February 2024).
    public func adding(_ duration: CalendarDuration) -> CivilDate { fatalError("not written yet") }
    public func subtracting(_ duration: CalendarDuration) -> CivilDate { fatalError("not written yet") }
    public func adding(days: Int) -> CivilDate { fatalError("not written yet") }
    /// `other - self` in days.
    public func days(until other: CivilDate) -> Int { fatalError("not written yet") }
    public var endOfMonth: CivilDate { fatalError("not written yet") }
}
