/// How a whole number and a decimal compare, exactly.
///
/// Converting the whole number to a decimal loses digits above 2^53 (9007199254740993 becomes
/// 9007199254740992.0), so `==` called two different numbers equal while `duplicates`, which keeps
/// whole numbers exact, did not list them: one comparison must serve both.
enum MixedNumberOrder {
    /// Negative, zero or positive as `whole` is below, equal to or above `decimal` (not NaN).
    static func sign(_ whole: Int, _ decimal: Double) -> Int {
        // 2^63 is exactly representable; every decimal at or past it is beyond any Int.
        if decimal >= 9_223_372_036_854_775_808.0 { return -1 }
        if decimal < -9_223_372_036_854_775_808.0 { return 1 }
        let truncated = decimal.rounded(.towardZero)
        let decimalWhole = Int(truncated)
        if whole != decimalWhole { return whole < decimalWhole ? -1 : 1 }
        // The whole parts agree: the decimal's fraction decides.
        return decimal > truncated ? -1 : (decimal < truncated ? 1 : 0)
    }
}
