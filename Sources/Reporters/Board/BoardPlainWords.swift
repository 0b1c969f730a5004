import RuleEngine

/// Rule messages and remedies name record fields as paths (`strategic_assessments[0].completed`,
/// `plan_revisions`), which help whoever keeps the record but not a board member. The body of the
/// report shows them in plain words; the appendix keeps the paths. Addresses and file names are
/// never record paths (see `BoardAddresses`): they are left whole, and so is an aside holding one.
enum BoardPlainWords {
    /// `text` without the parenthesised asides that point at record paths, and with any other path
    /// written as words ("plan_revisions" becomes "plan revisions"). The note that says why no one
    /// is shown as having to act keeps its reason, in words.
    static func plain(_ text: String) -> String {
        let words = wordsForPaths(withoutPathAsides(text))
        return words == text ? text : tidy(words)
    }

    /// Whether `text` names a record path, so that the appendix should show it as written.
    static func namesPaths(_ text: String) -> Bool {
        let addresses = BoardAddresses.ranges(in: text)
        return tokens(text).contains { isPath($0.text, strict: false) && !BoardAddresses.covers(addresses, $0.range) }
    }

    /// How the rule engine opens the aside it adds when a rule's owner could not be worked out.
    static let ownerProblem = Owners.problemOpening

    // MARK: Asides

    /// Drops each outermost "( ... )" that names a record path, with the space before it, unless it
    /// holds an address or says why no owner is shown (its paths are then written as words).
    private static func withoutPathAsides(_ text: String) -> String {
        var out = ""
        var index = text.startIndex
        while index < text.endIndex {
            guard text[index] == "(", let close = matchingClose(in: text, from: index) else {
                out.append(text[index])
                index = text.index(after: index)
                continue
            }
            let aside = text[text.index(after: index)..<close]
            let keep = aside.hasPrefix(ownerProblem) || !BoardAddresses.ranges(in: String(aside)).isEmpty
            if !keep && namesPaths(String(aside)) {
                while out.last == " " { out.removeLast() }
            } else {
                out += text[index...close]
            }
            index = text.index(after: close)
        }
        return out
    }

    private static func matchingClose(in text: String, from open: String.Index) -> String.Index? {
        var depth = 0
        var index = open
        while index < text.endIndex {
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

    private static func wordsForPaths(_ text: String) -> String {
        var out = ""
        var last = text.startIndex
        let addresses = BoardAddresses.ranges(in: text)
        for token in tokens(text) where isPath(token.text, strict: true) && !BoardAddresses.covers(addresses, token.range) {
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

    /// Collapses the double spaces, and the space before a stop, that removing an aside leaves.
    private static func tidy(_ text: String) -> String {
        var out = ""
        for character in text {
            if character == " " && (out.isEmpty || out.last == " ") { continue }
            if ".,;:".contains(character) && out.last == " " { out.removeLast() }
            out.append(character)
        }
        while out.last == " " { out.removeLast() }
        return out
    }
}
