import RuleEngine
import YAMLTree

/// The record's own text that a rule's message or remedy may quote: plan titles, partner names,
/// waiver reasons. The report's plain wording turns record paths into words and drops the asides
/// that name them, but what the partnership wrote must reach the board as written, even where it
/// looks like a path ("Strategy 2024-27 (ref sbp_strategy)").
struct BoardRecordTexts {
    /// The string values the plain wording could alter, longest first (so that where one holds
    /// another, the longer is found).
    private let texts: [String]

    static let none = BoardRecordTexts(texts: [])

    private init(texts: [String]) {
        self.texts = texts
    }

    /// The string values of `record` (not its keys, which are the paths rules name).
    init(record: YAMLNode) {
        var found = Set<String>()
        Self.collect(record, into: &found)
        texts = found.sorted { ($0.count, $0) > ($1.count, $1) }
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
    /// of, or spacing the wording would tidy.
    private static func couldBeAltered(_ text: String) -> Bool {
        text.contains { "_.[]*()".contains($0) } || text.contains("  ") || text.hasPrefix(" ") || text.hasSuffix(" ")
            || [" .", " ,", " ;", " :"].contains { text.contains($0) }
    }

    /// The ranges of `message` that quote the record, none overlapping another.
    func ranges(in message: String) -> [Range<String.Index>] {
        var found: [Range<String.Index>] = []
        for text in texts {
            for range in message.ranges(of: text) where !found.contains(where: { $0.overlaps(range) }) {
                found.append(range)
            }
        }
        return found
    }
}
