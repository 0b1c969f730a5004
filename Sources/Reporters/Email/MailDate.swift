/// An instant for a message's `Date` field, with the UTC offset to show it in.
///
/// Formatting is plain arithmetic with English names, so it never depends on the process locale
/// (a `cy_GB` locale would otherwise give Welsh day names).
public struct MailDate: Sendable, Hashable, CustomStringConvertible {
    /// Whole seconds since 1970-01-01T00:00:00Z.
    public var secondsSince1970: Int64
    /// The offset from UTC to print, in seconds (3600 for British Summer Time).
    public var utcOffsetSeconds: Int

    public init(secondsSince1970: Int64, utcOffsetSeconds: Int = 0) {
        self.secondsSince1970 = secondsSince1970
        self.utcOffsetSeconds = utcOffsetSeconds
    }

    /// `Tue, 02 Apr 2024 07:00:00 +0100` (RFC 5322 §3.3).
    public var description: String {
        let local = secondsSince1970 + Int64(utcOffsetSeconds)
        let days = floorDivide(local, 86_400)
        let secondOfDay = Int(local - days * 86_400)
        let (year, month, day) = Self.civil(fromDaysSince1970: days)
        let weekday = Int(((days % 7) + 7 + 4) % 7)  // 1970-01-01 was a Thursday
        let weekdays = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        let sign = utcOffsetSeconds < 0 ? "-" : "+"
        let offsetMinutes = abs(utcOffsetSeconds) / 60
        return "\(weekdays[weekday]), \(pad(day)) \(months[month - 1]) \(year) "
            + "\(pad(secondOfDay / 3600)):\(pad(secondOfDay / 60 % 60)):\(pad(secondOfDay % 60)) "
            + "\(sign)\(pad(offsetMinutes / 60))\(pad(offsetMinutes % 60))"
    }

    /// `20240402T060000Z`: the instant in UTC, compact, for file names.
    public var compactUTC: String {
        let days = floorDivide(secondsSince1970, 86_400)
        let secondOfDay = Int(secondsSince1970 - days * 86_400)
        let (year, month, day) = Self.civil(fromDaysSince1970: days)
        return "\(year)\(pad(month))\(pad(day))T\(pad(secondOfDay / 3600))\(pad(secondOfDay / 60 % 60))\(pad(secondOfDay % 60))Z"
    }

    /// Proleptic Gregorian year, month and day for a count of days since 1970-01-01.
    static func civil(fromDaysSince1970 days: Int64) -> (year: Int, month: Int, day: Int) {
        let shifted = days + 719_468
        let era = floorDivide(shifted, 146_097)
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return (Int(year), Int(month), Int(day))
    }

    private func floorDivide(_ value: Int64, _ divisor: Int64) -> Int64 { Self.floorDivide(value, divisor) }

    private static func floorDivide(_ value: Int64, _ divisor: Int64) -> Int64 {
        value >= 0 ? value / divisor : -((-value + divisor - 1) / divisor)
    }

    private func pad(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
}
