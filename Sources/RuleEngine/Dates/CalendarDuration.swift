/// A span of calendar time: whole days plus whole months (a week is 7 days, a year 12 months).
public struct CalendarDuration: Sendable, Hashable, CustomStringConvertible {
    public var days: Int
    public var months: Int

    public init(days: Int = 0, months: Int = 0) {
        self.days = days
        self.months = months
    }

    /// Parses `30 days`, `1 day`, `2 weeks`, `12 months`, `3 years` (singular or plural, zero allowed).
    public init?(parsing text: String) { fatalError("not written yet") }

    /// `30 days`, `1 month`, `3 years` where exact, else `N months and M days`.
    public var description: String { fatalError("not written yet") }
}
