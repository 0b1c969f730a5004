extension Value {
    /// A decimal as every message, subject and label shows it: in positional notation with the
    /// fewest digits that read back as the same number (`0.000001`, `-2.5`), and a whole number
    /// without a fraction, however large (`3`, `1000000000000000000000`). Swift's own form writes
    /// an exponent (`1e-06`, `1e+21`), which reads as a typo in a sentence. Infinities and NaN
    /// print as Swift prints them (`inf`, `-inf`, `nan`); negative zero prints as `0`.
    public static func plainText(_ number: Double) -> String {
        guard number.isFinite else { return String(number) }
        guard number != 0 else { return "0" }
        // Swift's description has the shortest digits that round-trip (`2.5`, `1e-06`,
        // `9.007199254740992e+15`); only where the point goes changes.
        let shortest = String(number.magnitude).split(separator: "e")
        let whole = shortest[0].prefix { $0 != "." }
        let fraction = shortest[0].dropFirst(whole.count + 1)
        var digits = Substring(whole + fraction)
        // The point's place, in digits from the first: negative when zeros follow the point.
        var point = whole.count + (shortest.count > 1 ? Int(shortest[1]) ?? 0 : 0)
        while digits.first == "0" {
            digits.removeFirst()
            point -= 1
        }
        while digits.last == "0" { digits.removeLast() }
        let sign = number < 0 ? "-" : ""
        if point <= 0 { return sign + "0." + String(repeating: "0", count: -point) + digits }
        if point >= digits.count { return sign + digits + String(repeating: "0", count: point - digits.count) }
        return sign + digits.prefix(point) + "." + digits.dropFirst(point)
    }
}
