/// The parts of a message or remedy that the record wrote: the UTF-8 byte ranges of the text that
/// are string values read from the record (a plan's title, a partner's id, a waiver's reason), in
/// order, apart and never empty. A reader that rewords the rules' own text (the board report's plain
/// words) leaves these as the partnership wrote them.
///
/// Not part of any output. Each range covers at least one byte of a finding's text, which the
/// record's text budget bounds (`EvaluationBudget.textBytes`), so the ranges are bounded with it.
public struct RecordTextSpans: Sendable, Equatable {
    /// 32-bit bounds, half the memory: a message is at most a few MiB (`ValueLimits.maxShownBytes`,
    /// and a waiver's opening of record scalars).
    private var bounds: [Range<UInt32>] = []

    public init() {}

    public static let none = RecordTextSpans()

    public var isEmpty: Bool { bounds.isEmpty }

    /// The ranges, as byte offsets into the text.
    public var ranges: [Range<Int>] {
        bounds.map { Int($0.lowerBound)..<Int($0.upperBound) }
    }

    /// Adds `range`, which starts at or after the end of the last one; an empty range adds nothing.
    mutating func append(_ range: Range<Int>) {
        guard !range.isEmpty else { return }
        bounds.append(UInt32(range.lowerBound)..<UInt32(range.upperBound))
    }

    /// Adds `other`'s ranges, for a text that begins `offset` bytes into this one's.
    mutating func append(_ other: RecordTextSpans, at offset: Int) {
        guard !other.bounds.isEmpty else { return }
        let shift = UInt32(offset)
        bounds.reserveCapacity(bounds.count + other.bounds.count)
        for range in other.bounds { bounds.append(range.lowerBound + shift..<range.upperBound + shift) }
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
    public var message = RecordTextSpans.none
    public var remedy = RecordTextSpans.none

    public init(message: RecordTextSpans = .none, remedy: RecordTextSpans = .none) {
        self.message = message
        self.remedy = remedy
    }
}
