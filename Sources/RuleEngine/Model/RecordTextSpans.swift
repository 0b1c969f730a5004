/// The parts of a message or remedy that the record wrote: the UTF-8 byte ranges of the text that
/// are string values read from the record (a plan's title, a partner's id, a waiver's reason), in
/// order, apart and never empty. A reader that rewords the rules' own text (the board report's plain
/// words) leaves these as the partnership wrote them.
///
/// Not part of any output. Each range covers at least one byte of a finding's text, which the
/// record's text budget bounds (`EvaluationBudget.textBytes`), so the ranges are bounded with it.
public struct RecordTextSpans: Sendable, Equatable {
    /// The first range, held inline (empty when there is none): most texts quote the record once
    /// or not at all, and an array for that one range cost an allocation for every finding.
    /// 32-bit bounds: a message is at most a few MiB (`ValueLimits.maxShownBytes`, and a waiver's
    /// opening of record scalars).
    private var first: Range<UInt32> = 0..<0
    /// The ranges after the first.
    private var rest: [Range<UInt32>] = []

    public init() {}

    public static var none: RecordTextSpans { RecordTextSpans() }

    public var isEmpty: Bool { first.isEmpty }

    /// The ranges, as byte offsets into the text.
    public var ranges: [Range<Int>] {
        guard !first.isEmpty else { return [] }
        return ([first] + rest).map { Int($0.lowerBound)..<Int($0.upperBound) }
    }

    /// Adds `range`, which starts at or after the end of the last one; an empty range adds nothing.
    mutating func append(_ range: Range<Int>) {
        guard !range.isEmpty else { return }
        let bounds = UInt32(range.lowerBound)..<UInt32(range.upperBound)
        if first.isEmpty { first = bounds } else { rest.append(bounds) }
    }

    /// Adds `other`'s ranges, for a text that begins `offset` bytes into this one's.
    mutating func append(_ other: RecordTextSpans, at offset: Int) {
        guard !other.isEmpty else { return }
        append(Int(other.first.lowerBound) + offset..<Int(other.first.upperBound) + offset)
        for range in other.rest { append(Int(range.lowerBound) + offset..<Int(range.upperBound) + offset) }
    }

    /// Appends the record's `text` to `target`, noting where it went.
    mutating func write(_ text: String, into target: inout String) {
        let start = target.utf8.count
        target += text
        append(start..<target.utf8.count)
    }
}

/// The record's text in a finding's message and in its remedy (see `RecordTextSpans`).
public struct FindingRecordText: Sendable, Equatable {
    public var message = RecordTextSpans()
    public var remedy = RecordTextSpans()

    public init(message: RecordTextSpans = RecordTextSpans(), remedy: RecordTextSpans = RecordTextSpans()) {
        self.message = message
        self.remedy = remedy
    }
}
