import YAMLTree

/// "Did you mean" suggestions for misspelt keys and names.
public enum Suggestion {
    /// The candidate closest to `word` by edit distance, if close enough to be a likely typo.
    static func closest(to word: String, among candidates: some Sequence<String>) -> String? {
        let limit = max(2, word.count / 3)
        var best: (name: String, distance: Int)?
        // A candidate whose length differs by more than the limit cannot be close enough; skipping
        // it spares the quadratic distance for a long word (a pasted paragraph given as an id).
        for candidate in candidates where abs(candidate.count - word.count) <= limit {
            let distance = editDistance(word, candidate)
            if distance <= limit, distance < (best?.distance ?? .max) { best = (candidate, distance) }
        }
        return best?.name
    }

    /// `unknown key "x"` plus `; did you mean "y"?` when there is a close match, or, for a key,
    /// why one holding `:` and a pasted space is one key.
    static func unknown(_ what: String, _ word: String, among candidates: some Sequence<String>) -> String {
        if what == "key", let hint = PastedSpaceInKey.hint(for: word) { return "unknown \(what) \(quoted(word)); \(hint)" }
        guard let match = closest(to: word, among: candidates) else { return "unknown \(what) \(quoted(word))" }
        return "unknown \(what) \(quoted(word)); did you mean \"\(match)\"?"
    }

    /// `unknown key "x"` for a mapping entry, with the hint for unquoted text cut at a comma inside
    /// `{…}` (`CommaInFlowValue`), which needs the entry's nodes, not only its key's text.
    static func unknownKey(_ entry: YAMLEntry, among candidates: some Sequence<String>) -> String {
        let message = unknown("key", entry.key.scalar?.text ?? "", among: candidates)
        guard let hint = CommaInFlowValue.hint(key: entry.key, value: entry.value) else { return message }
        return message + "; " + hint
    }

    /// `word` in quotes for a message: control characters escaped, so a name holding a newline or
    /// an escape sequence cannot break the message, and so are spaces other than U+0020 (a pasted
    /// non-breaking space looks like an ordinary one); cut short past `limit` characters.
    public static func quoted(_ word: String, limit: Int = 80) -> String {
        var text = ""
        for (count, scalar) in word.unicodeScalars.enumerated() {
            if count == limit { return "\"\(text)…\" (\(word.unicodeScalars.count) characters)" }
            switch scalar.value {
            case 0x22: text += "\\\""
            case 0x5C: text += "\\\\"
            case _ where scalar.isPastedSpace: MessageText.appendEscaped(scalar, to: &text)
            default: MessageText.append(scalar, to: &text)
            }
        }
        return "\"\(text)\""
    }

    /// `text` with its control characters written as `\u{1B}`, for a message that shows it unquoted
    /// (a name read from a file): see `MessageText`.
    public static func escapingControls(_ text: String) -> String {
        MessageText.escaped(text)
    }

    /// Edit distance over Unicode scalars, a swap of neighbours counting as one edit: `kidn` is one
    /// edit from `kind` and two from `id`, so the suggestion is the key meant. (The optimal string
    /// alignment distance, kept in three rows rather than a whole table.)
    static func editDistance(_ lhs: String, _ rhs: String) -> Int {
        editDistance(Array(lhs.unicodeScalars), Array(rhs.unicodeScalars))
    }

    static func editDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var beforePrevious = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
                current[j] = min(previous[j] + 1, current[j - 1] + 1, substitution)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    current[j] = min(current[j], beforePrevious[j - 2] + 1)
                }
            }
            (beforePrevious, previous, current) = (previous, current, beforePrevious)
        }
        return previous[b.count]
    }
}
