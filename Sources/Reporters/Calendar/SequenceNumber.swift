/// A previous calendar's SEQUENCE value read back: a whole number from 0 to one below the largest
/// iCalendar INTEGER (RFC 5545 §3.3.8, a 32-bit value), so that it can always be raised.
enum SequenceNumber {
    struct Problem: Error {
        var message: String
    }

    /// The number `value` holds, or what is wrong with it: a number that is negative or too large is
    /// named as such, since calling it "not a whole number" would hide what to fix.
    static func read(_ value: String) throws(Problem) -> Int {
        let signed = value.hasPrefix("-") || value.hasPrefix("+")
        let digits = signed ? value.dropFirst() : Substring(value)
        guard !digits.isEmpty, digits.unicodeScalars.allSatisfy({ ("0"..."9").contains($0) }) else {
            throw Problem(message: "SEQUENCE is not a whole number: \(value)")
        }
        if value.hasPrefix("-"), digits.contains(where: { $0 != "0" }) {
            throw Problem(message: "SEQUENCE is negative: \(value) (it counts revisions from 0)")
        }
        guard let number = Int(digits), number <= Int(Int32.max) else {
            throw Problem(message: "SEQUENCE is larger than iCalendar allows (\(Int32.max)): \(value)")
        }
        // Held there, a change or a cancellation would keep the number diaries already hold, and
        // they would ignore it (RFC 5546 §2.1.5).
        guard number < Int(Int32.max) else {
            throw Problem(message: "SEQUENCE is the largest iCalendar allows (\(Int32.max)): a change to this event, or its "
                + "cancellation, could not be numbered above it, so diaries holding it would ignore the update")
        }
        return number
    }
}
