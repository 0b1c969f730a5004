import RuleEngine
import YAMLTree

/// The record's own text that a rule's message or remedy may quote: plan titles, partner names,
/// waiver reasons. The report's plain wording turns record paths into words and drops the asides
/// that name them, but what the partnership wrote must reach the board as written, even where it
/// looks like a path ("Strategy 2024-27 (ref sbp_strategy)").
///
/// Only free text is kept: a value with a space or a capital in it. A code (`local_authority`,
/// `sbp_strategy`) reads like the paths the rules name, and is worded as they are, whether the rule
/// or the record wrote it. A value is found only as a whole word, never inside a longer one.
///
/// A report's messages are searched for every such value, so the search is indexed by each value's
/// first four bytes, and bounded: a record of thousands of look-alike values must not make the
/// report take hours. Past the bound, what is left is worded as if the record had no such text.
final class BoardRecordTexts {
    /// Values by their first four UTF-8 bytes, longest first within each (so that where one holds
    /// another, the longer is found). A value shorter than four bytes is not kept.
    private let byPrefix: [UInt32: [[UInt8]]]
    /// Bytes compared so far, across every message of the report, and the most that may be.
    private var compared = 0
    private let comparisonBudget: Int

    /// Most bytes compared for one report: some 6,000 times what the Bromley report needs (8,400),
    /// and a fraction of a second.
    static let comparisonBudget = 50_000_000

    static var none: BoardRecordTexts { BoardRecordTexts(byPrefix: [:], comparisonBudget: 0) }

    private init(byPrefix: [UInt32: [[UInt8]]], comparisonBudget: Int) {
        self.byPrefix = byPrefix
        self.comparisonBudget = comparisonBudget
    }

    /// The string values of `record` (not its keys, which are the paths rules name).
    convenience init(record: YAMLNode, comparisonBudget: Int = BoardRecordTexts.comparisonBudget) {
        var found = Set<String>()
        Self.collect(record, into: &found)
        var byPrefix: [UInt32: [[UInt8]]] = [:]
        for text in found {
            let bytes = Array(text.utf8)
            guard let key = Self.prefix(bytes, at: 0) else { continue }
            byPrefix[key, default: []].append(bytes)
        }
        for key in byPrefix.keys {
            byPrefix[key] = byPrefix[key]!.sorted { $0.count != $1.count ? $0.count > $1.count : $0.lexicographicallyPrecedes($1) }
        }
        self.init(byPrefix: byPrefix, comparisonBudget: comparisonBudget)
    }

    private static func collect(_ node: YAMLNode, into found: inout Set<String>) {
        switch node.kind {
        case .scalar(let scalar):
            if case .string(let text) = scalar.value, couldBeAltered(text) { found.insert(text) }
        case .sequence(let items):
            for item in items { collect(item, into: &found) }
        case .mapping(let entries):
            for entry in entries { collect(entry.value, into: &found) }
        }
    }

    /// Whether `text` is free text that plain wording could change: it has a character a path or an
    /// aside is made of, and a space or a capital, which no code or path has.
    private static func couldBeAltered(_ text: String) -> Bool {
        text.contains { "_.[]*()".contains($0) } && text.contains { $0 == " " || $0.isUppercase }
    }

    private static func prefix(_ bytes: [UInt8], at start: Int) -> UInt32? {
        guard start + 4 <= bytes.count else { return nil }
        return UInt32(bytes[start]) << 24 | UInt32(bytes[start + 1]) << 16 | UInt32(bytes[start + 2]) << 8 | UInt32(bytes[start + 3])
    }

    /// The ranges of `message` that quote the record, none overlapping another, found from the
    /// left (the longest value at each place).
    func ranges(in message: String) -> [Range<String.Index>] {
        guard !byPrefix.isEmpty else { return [] }
        let bytes = Array(message.utf8)
        var found: [Range<String.Index>] = []
        var start = 0
        while start < bytes.count, compared < comparisonBudget {
            // A value starts on a character's first byte, never on a continuation byte.
            guard !Self.isWordByte(start > 0 ? bytes[start - 1] : nil), let key = Self.prefix(bytes, at: start),
                  let candidates = byPrefix[key],
                  let range = candidates.lazy.compactMap({ self.match($0, in: bytes, at: start, of: message) }).first else {
                start += 1
                continue
            }
            found.append(range)
            start = message.utf8.distance(from: message.utf8.startIndex, to: range.upperBound)
        }
        return found
    }

    /// `text` at byte `start` of `message` as a whole word, its ends on character boundaries; nil
    /// when it is not there.
    private func match(_ text: [UInt8], in bytes: [UInt8], at start: Int, of message: String) -> Range<String.Index>? {
        let end = start + text.count
        guard end <= bytes.count else { return nil }
        var offset = 0
        while offset < text.count, bytes[start + offset] == text[offset] { offset += 1 }
        compared += offset + 1
        guard offset == text.count, !Self.isWordByte(end < bytes.count ? bytes[end] : nil) else { return nil }
        let utf8 = message.utf8
        let lower = utf8.index(utf8.startIndex, offsetBy: start), upper = utf8.index(utf8.startIndex, offsetBy: end)
        // A combining mark after the value makes its last letter another character.
        guard lower.samePosition(in: message) != nil, upper.samePosition(in: message) != nil else { return nil }
        return lower..<upper
    }

    /// Whether a byte next to a value would make it part of a longer word: a letter, a digit, `_`, or
    /// any byte of a character outside ASCII (a letter, most likely). Nil is the text's end.
    private static func isWordByte(_ byte: UInt8?) -> Bool {
        guard let byte else { return false }
        return byte >= 0x80 || byte == 0x5F || (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
    }
}
