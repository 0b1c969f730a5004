import RuleEngine

/// Rule messages and remedies name record fields as paths (`strategic_assessments[0].completed`,
/// `plan_revisions`), which help whoever keeps the record but not a board member. The body of the
/// report shows them in plain words; the appendix keeps the paths. Addresses and file names are
/// never record paths (see `BoardAddresses`): they are left whole, and so is an aside holding one.
/// So is the record's own text that a message quotes (a plan's title, a partner's id, a waiver's
/// reason: `RecordTextSpans`), however much it looks like a path.
enum BoardPlainWords {
    /// `text` without the parenthesised asides that point at record paths, and with any other path
    /// written as words ("plan_revisions" becomes "plan revisions"). The note that says why no one
    /// is shown as having to act keeps its reason, in words. What the record wrote (`recordText`,
    /// ranges of `text`) is left as written.
    ///
    /// One pass over the text, with the addresses, the tokens and the brackets each found once: a
    /// message of thousands of brackets costs its length, not its square.
    static func plain(_ text: String, recordText: RecordTextSpans = .none) -> String {
        let quoted = ranges(of: recordText, in: text)
        let addresses = BoardAddresses.ranges(in: text)
        let kept = KeptText(addresses + quoted)
        let tokens = tokens(text)
        let closes = matchingCloses(in: text, skipping: quoted)
        var out = ""
        var next = 0  // the first token not yet passed
        var keptAside: String.Index?  // the end of an aside being kept: none inside it goes
        var index = text.startIndex
        while index < text.endIndex {
            if let end = keptAside, index > end { keptAside = nil }
            while next < tokens.count, tokens[next].range.lowerBound < index { next += 1 }
            if next < tokens.count, tokens[next].range.lowerBound == index {
                let token = tokens[next]
                out += isPath(token.text, strict: true) && !kept.overlaps(token.range) ? words(for: token.text) : token.text
                index = token.range.upperBound
                continue
            }
            if keptAside == nil, let close = closes[index] {
                guard dropsAside(text, index..<close, tokens: tokens, from: next, addresses: addresses, kept: kept) else {
                    keptAside = close
                    out.append("(")
                    index = text.index(after: index)
                    continue
                }
                // The space before it goes too, and at the start of the text the space after it.
                while out.last == " " { out.removeLast() }
                index = text.index(after: close)
                if out.isEmpty { while index < text.endIndex, text[index] == " " { index = text.index(after: index) } }
                continue
            }
            out.append(text[index])
            index = text.index(after: index)
        }
        return out
    }

    /// The record's text as ranges of `text`, each widened to whole characters: a combining mark the
    /// rule writes after a title makes its last letter part of the rule's character. A range past the
    /// text's end (a finding whose message was changed without its ranges) is passed over.
    private static func ranges(of recordText: RecordTextSpans, in text: String) -> [Range<String.Index>] {
        let utf8 = text.utf8
        let length = utf8.count
        return recordText.ranges.filter { $0.upperBound <= length }.map { bytes in
            var lower = utf8.index(utf8.startIndex, offsetBy: bytes.lowerBound)
            var upper = utf8.index(utf8.startIndex, offsetBy: bytes.upperBound)
            while lower.samePosition(in: text) == nil { lower = utf8.index(before: lower) }
            while upper.samePosition(in: text) == nil { upper = utf8.index(after: upper) }
            return lower..<upper
        }
    }

    /// How the rule engine opens the aside it adds when a rule's owner could not be worked out.
    static let ownerProblem = Owners.problemOpening

    // MARK: Asides

    /// Whether the aside in `brackets` (from its "(" to its ")") goes: it names a record path, and
    /// holds no address and is not the reason no owner is shown (those stay, paths in words).
    private static func dropsAside(_ text: String, _ brackets: Range<String.Index>, tokens: [Token], from first: Int,
                                   addresses: [Range<String.Index>], kept: KeptText) -> Bool {
        let inside = text[text.index(after: brackets.lowerBound)..<brackets.upperBound]
        if inside.hasPrefix(ownerProblem) || addresses.contains(where: { brackets.contains($0.lowerBound) }) { return false }
        return tokens[first...].prefix { $0.range.lowerBound < brackets.upperBound }
            .contains { isPath($0.text, strict: false) && !kept.overlaps($0.range) }
    }

    /// For each "(" that opens an aside, its ")": found with one stack in one pass, counting no
    /// bracket inside the record's own text.
    private static func matchingCloses(in text: String, skipping quoted: [Range<String.Index>]) -> [String.Index: String.Index] {
        var closes: [String.Index: String.Index] = [:]
        var open: [String.Index] = []
        var index = text.startIndex
        var nextQuoted = quoted.sorted { $0.lowerBound < $1.lowerBound }[...]
        while index < text.endIndex {
            if let range = nextQuoted.first, range.lowerBound <= index {
                nextQuoted = nextQuoted.dropFirst()
                if range.upperBound > index {
                    index = range.upperBound
                    continue
                }
            }
            if text[index] == "(" { open.append(index) }
            if text[index] == ")", let opening = open.popLast() { closes[opening] = index }
            index = text.index(after: index)
        }
        return closes
    }

    /// The parts of a text left as written (addresses, the record's text), merged and in order, so
    /// that each token is looked up in them by halving rather than against each.
    private struct KeptText {
        private var ranges: [Range<String.Index>] = []

        init(_ unordered: [Range<String.Index>]) {
            for range in unordered.sorted(by: { $0.lowerBound < $1.lowerBound }) {
                if let last = ranges.last, range.lowerBound <= last.upperBound {
                    ranges[ranges.count - 1] = last.lowerBound..<max(last.upperBound, range.upperBound)
                } else {
                    ranges.append(range)
                }
            }
        }

        func overlaps(_ range: Range<String.Index>) -> Bool {
            // The first kept range ending after `range` starts; it overlaps if it starts before `range` ends.
            var low = 0, high = ranges.count
            while low < high {
                let middle = (low + high) / 2
                if ranges[middle].upperBound <= range.lowerBound { low = middle + 1 } else { high = middle }
            }
            return low < ranges.count && ranges[low].lowerBound < range.upperBound
        }
    }

    // MARK: Paths left in the text

    /// "asb_case_reviews.reporting_periods[0]" -> "asb case reviews reporting periods".
    private static func words(for path: String) -> String {
        var out = "", depth = 0
        for character in path {
            if character == "[" { depth += 1 } else if character == "]" { depth -= 1 } else if depth == 0 {
                out.append(character == "_" || character == "." ? " " : character)
            }
        }
        return out.split(separator: " ").joined(separator: " ")
    }

    // MARK: Tokens

    private struct Token {
        var text: String
        var range: Range<String.Index>
    }

    private static func isTokenCharacter(_ character: Character) -> Bool {
        character.isLetter || character.isNumber || "_.[]*".contains(character)
    }

    /// Runs of letters, digits and `_.[]*`, without a trailing full stop (the end of a sentence).
    private static func tokens(_ text: String) -> [Token] {
        var found: [Token] = []
        var index = text.startIndex
        while index < text.endIndex {
            guard isTokenCharacter(text[index]) else {
                index = text.index(after: index)
                continue
            }
            let start = index
            while index < text.endIndex, isTokenCharacter(text[index]) { index = text.index(after: index) }
            var end = index
            while end > start, text[text.index(before: end)] == "." { end = text.index(before: end) }
            if start < end { found.append(Token(text: String(text[start..<end]), range: start..<end)) }
        }
        return found
    }

    /// A record path: lower-case names joined by `_`, with `[...]` indices or `.` between names.
    /// Strictly, only a name with `_` or an index counts ("plan_revisions", "plans[0]"); otherwise a
    /// dotted name counts too ("approvals.due"), but not an abbreviation ("e.g").
    private static func isPath(_ token: String, strict: Bool) -> Bool {
        guard let first = token.first, first.isLetter, first.isLowercase else { return false }
        if token.contains("_") || token.contains("[") { return true }
        if strict { return false }
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count >= 2 && parts.allSatisfy { $0.count >= 2 && $0.allSatisfy { $0.isLowercase } }
    }
}
