import RuleEngine

/// Rule messages and remedies name record fields as paths (`strategic_assessments[0].completed`,
/// `plan_revisions`), which help whoever keeps the record but not a board member. The body of the
/// report shows them in plain words; the appendix keeps the paths. Addresses and file names are
/// never record paths (see `BoardAddresses`): they are left whole, and so is an aside holding one.
/// So is the record's own text quoted in a message (`BoardRecordTexts`).
enum BoardPlainWords {
    /// `text` without the parenthesised asides that point at record paths, and with any other path
    /// written as words ("plan_revisions" becomes "plan revisions"). The note that says why no one
    /// is shown as having to act keeps its reason, in words. What `record` wrote is left as written.
    static func plain(_ text: String, record: BoardRecordTexts = .none) -> String {
        wordsForPaths(withoutPathAsides(text, record: record), record: record)
    }

    /// Whether `text` names a record path outside an address or the record's own text, so that the
    /// appendix should show it as written.
    static func namesPaths(_ text: String, record: BoardRecordTexts = .none) -> Bool {
        let kept = BoardAddresses.ranges(in: text) + record.ranges(in: text)
        return tokens(text).contains { isPath($0.text, strict: false) && !BoardAddresses.covers(kept, $0.range) }
    }

    /// How the rule engine opens the aside it adds when a rule's owner could not be worked out.
    static let ownerProblem = Owners.problemOpening

    // MARK: Asides

    /// Drops each outermost "( ... )" that names a record path, with the space before it, unless it
    /// holds an address or says why no owner is shown (its paths are then written as words). A
    /// bracket the record wrote is not an aside's.
    private static func withoutPathAsides(_ text: String, record: BoardRecordTexts) -> String {
        let quoted = record.ranges(in: text)
        var out = ""
        var index = text.startIndex
        while index < text.endIndex {
            guard text[index] == "(", !quoted.contains(where: { $0.contains(index) }),
                  let close = matchingClose(in: text, from: index, skipping: quoted) else {
                out.append(text[index])
                index = text.index(after: index)
                continue
            }
            let aside = String(text[text.index(after: index)..<close])
            let keep = aside.hasPrefix(ownerProblem) || !BoardAddresses.ranges(in: aside).isEmpty
            if !keep && namesPaths(aside, record: record) {
                // The space before it goes too, and at the start of the text the space after it.
                while out.last == " " { out.removeLast() }
                index = text.index(after: close)
                if out.isEmpty { while index < text.endIndex, text[index] == " " { index = text.index(after: index) } }
                continue
            }
            out += text[index...close]
            index = text.index(after: close)
        }
        return out
    }

    /// The ")" that closes the "(" at `open`, counting no bracket inside the record's own text.
    private static func matchingClose(in text: String, from open: String.Index,
                                      skipping quoted: [Range<String.Index>]) -> String.Index? {
        var depth = 0
        var index = open
        while index < text.endIndex {
            if let range = quoted.first(where: { $0.contains(index) }) {
                index = range.upperBound
                continue
            }
            if text[index] == "(" { depth += 1 }
            if text[index] == ")" {
                depth -= 1
                if depth == 0 { return index }
            }
            index = text.index(after: index)
        }
        return nil
    }

    // MARK: Paths left in the text

    private static func wordsForPaths(_ text: String, record: BoardRecordTexts) -> String {
        var out = ""
        var last = text.startIndex
        let kept = BoardAddresses.ranges(in: text) + record.ranges(in: text)
        for token in tokens(text) where isPath(token.text, strict: true) && !kept.contains(where: { $0.overlaps(token.range) }) {
            out += text[last..<token.range.lowerBound]
            out += words(for: token.text)
            last = token.range.upperBound
        }
        return out + text[last...]
    }

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
