/// Finds nested unbounded repetition in a regular expression, such as `(a+)+`.
///
/// Swift's regular expressions backtrack: matching `^(a+)+$` against a run of `a`s and then a
/// `b` tries every way of sharing the `a`s among the repeats of the group, twice as many ways
/// for each `a` (twenty-odd `a`s take seconds, forty take years). A group repeated without bound
/// (`*`, `+`, `{n,}`) holding something itself repeated without bound is what makes the split
/// ambiguous, so a schema pattern with one is refused when it loads. An inner repetition that
/// cannot give back what it matched, possessive (`a++`) or in an atomic group (`(?>a+)`), leaves
/// one way only, and is allowed.
///
/// This reads the pattern's structure only: escapes, character classes (where parentheses and
/// quantifiers are literal), group openers such as `(?:` and `(?<name>`, and quantifiers. Whether
/// the pattern is otherwise valid is for the regular expression parser to say.
enum PatternRepetition {
    /// The first group that is repeated without bound and holds a repetition without bound, as
    /// written with its quantifier (`(a+)+`); nil when there is none.
    static func nested(in pattern: String) -> String? {
        let text = Array(pattern.unicodeScalars)
        var open = [Group(start: 0, atomic: false)]   // the whole pattern, then each open group
        var last: Atom = .none
        var index = 0
        while index < text.count {
            switch text[index] {
            case "\\":
                index = Self.afterEscape(text, at: index)
                last = .single
            case "[":
                index = Self.afterClass(text, at: index)
                last = .single
            case "(" where Self.opens(text, at: index, with: "?#"):   // a comment, literal up to its `)`
                index = text[index...].firstIndex(of: ")").map { $0 + 1 } ?? text.count
            case "(":
                open.append(Group(start: index, atomic: Self.opens(text, at: index, with: "?>")))
                // In `(?:`, `(?=`, `(?<name>` and the like, the `?` is not a quantifier.
                index += Self.opens(text, at: index, with: "?") ? 2 : 1
                last = .none
            case ")" where open.count > 1:
                let group = open.removeLast()
                index += 1
                // What an atomic group matched is never given back, so its repeats are not
                // ambiguous from outside.
                let repeats = group.repeats && !group.atomic
                open[open.count - 1].repeats = open[open.count - 1].repeats || repeats
                last = .group(start: group.start, repeats: repeats)
            case "|":
                index += 1
                last = .none
            default:
                guard let quantifier = Self.quantifier(text, at: index) else {
                    index += 1
                    last = .single
                    continue
                }
                index = quantifier.end
                if quantifier.unbounded && !quantifier.possessive {
                    if case .group(let start, true) = last { return String(String.UnicodeScalarView(text[start..<index])) }
                    open[open.count - 1].repeats = true
                }
                last = .none
            }
        }
        return nil
    }

    private struct Group {
        let start: Int
        let atomic: Bool
        /// Whether it holds a repetition without bound that can give back what it matched.
        var repeats = false
    }

    /// What a quantifier that came next would repeat.
    private enum Atom {
        case none
        case single
        case group(start: Int, repeats: Bool)
    }

    /// A quantifier starting at `index`: `*`, `+`, `?` or `{n}`, `{n,}`, `{n,m}`, `{,m}`, with a
    /// lazy `?` or possessive `+` after it; nil when there is none (a `{` that is literal).
    private static func quantifier(_ text: [Unicode.Scalar], at index: Int) -> (end: Int, unbounded: Bool, possessive: Bool)? {
        var end = index + 1
        let unbounded: Bool
        switch text[index] {
        case "*", "+": unbounded = true
        case "?": unbounded = false
        case "{":
            let digits = { (from: Int) in text[from...].prefix { ("0"..."9").contains($0) }.count }
            let lower = digits(end)
            end += lower
            var upper = 0
            let comma = end < text.count && text[end] == ","
            if comma {
                upper = digits(end + 1)
                end += 1 + upper
            }
            guard end < text.count, text[end] == "}", lower + upper > 0 else { return nil }
            end += 1
            unbounded = comma && upper == 0
        default:
            return nil
        }
        let possessive = end < text.count && text[end] == "+"
        if end < text.count, text[end] == "?" || text[end] == "+" { end += 1 }
        return (end, unbounded, possessive)
    }

    /// Past the escape at `index`: `\(`, `\d`, `\p{L}`, `\x{41}`, or a `\Q...\E` quotation.
    private static func afterEscape(_ text: [Unicode.Scalar], at index: Int) -> Int {
        let next = index + 1
        guard next < text.count else { return text.count }
        if text[next] == "Q" {
            let rest = Array(text[(next + 1)...])
            for end in rest.indices where rest[end...].starts(with: ["\\", "E"]) { return next + 1 + end + 2 }
            return text.count
        }
        if "pPxuNgko".unicodeScalars.contains(text[next]), next + 1 < text.count, text[next + 1] == "{" {
            return text[(next + 1)...].firstIndex(of: "}").map { $0 + 1 } ?? text.count
        }
        return next + 1
    }

    /// Past the character class opening at `index`, nested classes (`[a[b]]`, `[[:alpha:]]`) included.
    private static func afterClass(_ text: [Unicode.Scalar], at index: Int) -> Int {
        var end = index + 1
        if end < text.count, text[end] == "^" { end += 1 }
        if end < text.count, text[end] == "]" { end += 1 }   // a `]` first is literal
        var depth = 1
        while end < text.count, depth > 0 {
            switch text[end] {
            case "\\": end += 1
            case "[": depth += 1
            case "]": depth -= 1
            default: break
            }
            end += 1
        }
        return end
    }

    /// Whether the `(` at `index` is followed by `marker`.
    private static func opens(_ text: [Unicode.Scalar], at index: Int, with marker: String) -> Bool {
        text[(index + 1)...].starts(with: marker.unicodeScalars)
    }
}
