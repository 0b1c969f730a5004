import RuleEngine

/// `SOURCE_DATE_EPOCH` (reproducible-builds.org): a fixed time for the outputs that would otherwise show
/// the real one (notify's `Date` header, Message-IDs and mbox separators; report's generation stamp).
///
/// Every command that reads it reads it here. The value must be a whole number of seconds written in
/// decimal digits, from 0 (1970-01-01T00:00:00Z) to 253402300799 (9999-12-31T23:59:59Z), the range GCC
/// also takes. Past the upper bound a year has five digits, which RFC 5322's `Date`, RFC 3339's
/// timestamps and C's `asctime` cannot write. The lower bound is the epoch itself: the specification
/// defines the value as a count of seconds since it (what `date +%s` prints), and a negative one, which
/// no real build or run time is, could reach years that RFC 5322 does not allow (before 1900). Set but
/// empty counts as unset, as with `DUTYCHECK_SENDMAIL_TIMEOUT`. Anything else (a sign, a space, a
/// fraction, a number out of range) is bad input, as the specification asks, reported before any
/// state is read or written.
enum SourceDateEpoch {
    static let variable = "SOURCE_DATE_EPOCH"
    static let range: ClosedRange<Int64> = 0...253_402_300_799

    /// The fixed time in seconds since 1970, or nil when the variable is unset or empty.
    static func seconds(in environment: [String: String]) throws(InputFailure) -> Int64? {
        guard let text = environment[variable], !text.isEmpty else { return nil }
        guard text.utf8.allSatisfy({ (0x30...0x39).contains($0) }), let seconds = Int64(text), range.contains(seconds) else {
            throw InputFailure(file: variable, "\(shown(text)) is not a whole number of seconds from \(range.lowerBound) "
                + "(1970-01-01T00:00:00Z) to \(range.upperBound) (9999-12-31T23:59:59Z)")
        }
        return seconds
    }

    /// The value quoted, with control characters escaped and a long one cut short.
    private static func shown(_ text: String) -> String {
        Suggestion.quoted(text, limit: 40)
    }
}
