/// What a template hole wrote, and which of it the record wrote (see `RecordTextSpans`).
///
/// Only a string value read from the record is the record's text: a string the rule computes
/// (`"Plan " + plan.title`) has no origin and is the rule's own words, as are literals, numbers,
/// dates and `not recorded` (a null may name the path it lacks, which is still to be worded).
struct HoleText {
    enum RecordText {
        case none
        /// The whole text, the usual case (`{plan.title}`), kept without allocating ranges.
        case whole
        /// Some of it: the items of a list (`{partners[*].id}`), each its own range.
        case parts(RecordTextSpans)
    }

    var text: String
    var record: RecordText

    /// Adds the record's ranges to `spans`, for this text written `offset` bytes into theirs.
    func addRecordText(to spans: inout RecordTextSpans, at offset: Int) {
        switch record {
        case .none: break
        case .whole: spans.append(offset..<offset + text.utf8.count)
        case .parts(let parts): spans.append(parts, at: offset)
        }
    }
}

extension Value {
    /// Whether this is a string value read from the record, as the record holds it.
    var isRecordString: Bool {
        if case .string = kind { return origin != nil }
        return false
    }
}
