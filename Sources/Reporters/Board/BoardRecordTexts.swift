import RuleEngine
import YAMLTree

/// The record's own text that a rule's message or remedy may quote: plan titles, partner names,
/// waiver reasons. The report's plain wording turns record paths into words and drops the asides
/// that name them, but what the partnership wrote must reach the board as written, even where it
/// looks like a path ("Strategy 2024-27 (ref sbp_strategy)").
///
/// A report's messages are searched for every such value, so the search is indexed by each value's
/// first four bytes, and bounded: a record of thousands of look-alike values must not make the
/// report take hours. Past the bound, what is left is worded as if the record had no such text.
final class BoardRecordTexts {
    /// Values by their first four UTF-8 bytes, longest first within each (so that where one holds
    /// another, the longer is found).
    private let byPrefix: [UInt32: [[UInt8]]]
    /// Bytes compared so far, across every message of the report, and the most that may be.
    private var compared = 0
    private let comparisonBudget: Int

    /// Most values looked at for one prefix, longest first.
    static let candidatesPerPrefix = 16
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
            byPrefix[key] = Array(byPrefix[key]!.sorted { $0.count != $1.count ? $0.count > $1.count : $0.lexicographicallyPrecedes($1) }
                .prefix(Self.candidatesPerPrefix))
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

    /// Whether plain wording could change `text`: it has a character a path or an aside is made
    /// of, or spacing an aside's removal would tidy.
    private static func couldBeAltered(_ text: String) -> Bool {
        text.contains { "_.[]*()".contains($0) } || text.hasPrefix(" ") || text.hasSuffix(" ")
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
            guard bytes[start] & 0xC0 != 0x80, let key = Self.prefix(bytes, at: start), let candidates = byPrefix[key],
                  let match = candidates.first(where: { matches($0, in: bytes, at: start) }) else {
                start += 1
                continue
            }
            let utf8 = message.utf8
            found.append(utf8.index(utf8.startIndex, offsetBy: start)..<utf8.index(utf8.startIndex, offsetBy: start + match.count))
            start += match.count
        }
        return found
    }

    private func matches(_ text: [UInt8], in bytes: [UInt8], at start: Int) -> Bool {
        guard start + text.count <= bytes.count else { return false }
        var offset = 0
        while offset < text.count, bytes[start + offset] == text[offset] { offset += 1 }
        compared += offset + 1
        return offset == text.count
    }
}
