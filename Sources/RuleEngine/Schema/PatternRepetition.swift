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
    ///
    /// A group whose body has a mandatory separator is not reported: a single character, outside
    /// any class and not quantified, that nothing quantified in the body can match (the `.` of
    /// `(\.\d+)*`, the `-` of `(-[a-z0-9]+)*`). Each repeat then holds its own separator, so the
    /// repeats cannot share the inner repetition's characters in more than one way. When unsure
    /// whether a quantified part can match the separator, it is assumed to.
    ///
    /// In extended mode (`(?x)`, anywhere in the pattern) whitespace and `#` comments outside
    /// classes are skipped, so `(a+) +` is read as `(a+)+`.
    static func nested(in pattern: String) -> String? {
        let text = Array(pattern.unicodeScalars)
        let extended = Self.isExtended(text)
        var open = [Group(start: 0, atomic: false)]   // the whole pattern, then each open group
        var last: Atom = .none
        var index = 0
        while index < text.count {
            switch text[index] {
            case let character where extended && character.properties.isWhitespace:
                index += 1   // insignificant: what comes next still applies to `last`
            case "#" where extended:
                index = text[index...].firstIndex(of: "\n").map { $0 + 1 } ?? text.count
            case "\\":
                let end = Self.afterEscape(text, at: index)
                let escape = CharacterSet.escape(Array(text[index..<end]))
                if let literal = escape.literal { open[open.count - 1].separators.append(literal) }
                last = .single(escape.set, literal: escape.literal != nil)
                index = end
            case "[":
                let end = Self.afterClass(text, at: index)
                last = .single(CharacterSet.characterClass(Array(text[index..<end])), literal: false)
                index = end
            case "(" where Self.opens(text, at: index, with: "?#"):   // a comment, literal up to its `)`
                index = text[index...].firstIndex(of: ")").map { $0 + 1 } ?? text.count
            case "(":
                open.append(Group(start: index, atomic: Self.opens(text, at: index, with: "?>")))
                index = Self.afterOpener(text, at: index)
                last = .none
            case ")" where open.count > 1:
                let group = open.removeLast()
                index += 1
                // What an atomic group matched is never given back, so its repeats are not
                // ambiguous from outside.
                let repeats = group.repeats && !group.atomic
                open[open.count - 1].repeats = open[open.count - 1].repeats || repeats
                open[open.count - 1].quantified += group.quantified
                last = .group(start: group.start, repeats: repeats, separated: group.isSeparated)
            case "|":
                open[open.count - 1].alternatives = true
                index += 1
                last = .none
            default:
                guard let quantifier = Self.quantifier(text, at: index) else {
                    let character = text[index]
                    let literal = !".^$)".unicodeScalars.contains(character)
                    if literal { open[open.count - 1].separators.append(character) }
                    last = .single(character == "." ? .any : literal ? .literal(character) : .none, literal: literal)
                    index += 1
                    continue
                }
                index = quantifier.end
                switch last {
                case .single(let set, let literal):
                    // A quantified character is not a separator, and may match one.
                    if literal { open[open.count - 1].separators.removeLast() }
                    open[open.count - 1].quantified.append(set)
                case .group:
                    open[open.count - 1].quantified.append(.any)
                case .none:
                    break
                }
                if quantifier.unbounded && !quantifier.possessive {
                    if case .group(let start, true, false) = last { return String(String.UnicodeScalarView(text[start..<index])) }
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
        /// Whether it has a `|` of its own (its characters are then not all mandatory).
        var alternatives = false
        /// The single characters of its own, outside classes, that are not quantified.
        var separators: [Unicode.Scalar] = []
        /// What each quantified part in it, at any depth, may match.
        var quantified: [CharacterSet] = []

        /// Whether a mandatory character of its own is one no quantified part of it can match.
        var isSeparated: Bool {
            !alternatives && separators.contains { separator in !quantified.contains { $0.mayMatch(separator) } }
        }
    }

    /// What a quantifier that came next would repeat.
    private enum Atom {
        case none
        case single(CharacterSet, literal: Bool)
        case group(start: Int, repeats: Bool, separated: Bool)
    }

    /// Whether an option setting turns on extended mode somewhere: `(?x)`, `(?ix:`, but not `(?-x)`.
    private static func isExtended(_ text: [Unicode.Scalar]) -> Bool {
        for index in text.indices where text[index] == "(" && Self.opens(text, at: index, with: "?") {
            let flags = text[(index + 2)...].prefix { ("a"..."z").contains($0) || ("A"..."Z").contains($0) || $0 == "-" || $0 == "^" }
            if let x = flags.firstIndex(of: "x"), !flags[..<x].contains("-") { return true }
        }
        return false
    }

    /// The characters a part of a pattern may match, as far as the scanner can tell.
    enum CharacterSet: Sendable {
        /// Anything, or something the scanner does not read.
        case any
        /// Nothing (an anchor).
        case none
        case literal(Unicode.Scalar)
        /// `\d`, `\w`, `\s`.
        case digit, word, space
        case union([CharacterSet])
        case range(ClosedRange<Unicode.Scalar>)

        /// Whether it may match `character`, or the same letter in the other case (in case an
        /// option makes the match case-insensitive).
        func mayMatch(_ character: Unicode.Scalar) -> Bool {
            let cases = Set([character] + String(character).lowercased().unicodeScalars + String(character).uppercased().unicodeScalars)
            return cases.contains { matches($0) }
        }

        private func matches(_ character: Unicode.Scalar) -> Bool {
            switch self {
            case .any: return true
            case .none: return false
            case .literal(let literal): return literal == character
            // Unicode digits and letters as well as ASCII ones, whatever the options say.
            case .digit: return character.properties.numericType != nil
            case .word:
                return character == "_" || character.properties.isAlphabetic || character.properties.numericType != nil
                    || [.nonspacingMark, .spacingMark, .enclosingMark, .connectorPunctuation].contains(character.properties.generalCategory)
            case .space: return character.properties.isWhitespace
            case .union(let sets): return sets.contains { $0.matches(character) }
            case .range(let range): return range.contains(character)
            }
        }

        /// An escape outside a class: `\.` (a character that is literal when escaped), `\d`, `\w`,
        /// `\s`; anything else (`\b`, `\p{L}`, `\1`, `\Q...\E`) is not read.
        static func escape(_ escape: [Unicode.Scalar]) -> (set: CharacterSet, literal: Unicode.Scalar?) {
            guard escape.count == 2 else { return (.any, nil) }
            let character = escape[1]
            switch character {
            case "d": return (.digit, nil)
            case "w": return (.word, nil)
            case "s": return (.space, nil)
            default:
                let punctuation = character.isASCII && !character.properties.isAlphabetic && !("0"..."9").contains(character)
                    && !character.properties.isWhitespace
                return punctuation ? (.literal(character), character) : (.any, nil)
            }
        }

        /// A class `[...]` (with its brackets) of characters, ranges and `\d`, `\w`, `\s`; a negated
        /// class, or one with anything else in it (a nested class, POSIX names, set operations,
        /// other escapes), may match anything.
        static func characterClass(_ text: [Unicode.Scalar]) -> CharacterSet {
            guard text.count >= 3, text.last == "]", text[1] != "^" else { return .any }
            var items: [CharacterSet] = []
            var singles: [Unicode.Scalar?] = []   // each item's character, when it is one
            var index = 1
            let end = text.count - 1
            while index < end {
                let character = text[index]
                let next = index + 1 < end ? text[index + 1] : nil
                if character == "[" || ("&~-".unicodeScalars.contains(character) && next == character) {
                    return .any   // a nested class, a POSIX name, or a set operation (`&&`, `~~`, `--`)
                }
                if character == "\\" {
                    guard let next else { return .any }
                    let read = escape([character, next])
                    if case .any = read.set { return .any }
                    items.append(read.set)
                    singles.append(read.literal)
                    index += 2
                } else if character == "-", !items.isEmpty, let high = next {
                    // A range between two characters; a `-` first or last is literal.
                    guard let low = singles.last ?? nil, high != "\\", high != "[", low <= high else { return .any }
                    items[items.count - 1] = .range(low...high)
                    singles[singles.count - 1] = nil
                    index += 2
                } else {
                    items.append(.literal(character))
                    singles.append(character)
                    index += 1
                }
            }
            return .union(items)
        }
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

    /// Past the opener of the group at `index`: `(`, `(?:`, `(?=`, `(?<=`, `(?<name>`, `(?'name'`,
    /// `(?P<name>`, `(?i:`; an option setting such as `(?i)` is read up to its `)`, which closes it.
    /// Its characters are neither quantifiers nor separators.
    private static func afterOpener(_ text: [Unicode.Scalar], at index: Int) -> Int {
        var end = index + 1
        guard end < text.count, text[end] == "?" else { return end }
        end += 1
        guard end < text.count else { return end }
        let next = end + 1 < text.count ? text[end + 1] : nil
        if text[end] == "<", next == "=" || next == "!" { return end + 2 }
        if text[end] == "<" || text[end] == "'" || (text[end] == "P" && next == "<") {
            let close: Unicode.Scalar = text[end] == "'" ? "'" : ">"
            return text[(end + 1)...].firstIndex(of: close).map { $0 + 1 } ?? text.count
        }
        if ":=!>|".unicodeScalars.contains(text[end]) { return end + 1 }
        while end < text.count, ("a"..."z").contains(text[end]) || ("A"..."Z").contains(text[end]) || text[end] == "-" || text[end] == "^" {
            end += 1
        }
        return end < text.count && text[end] == ":" ? end + 1 : end
    }

    /// Whether the `(` at `index` is followed by `marker`.
    private static func opens(_ text: [Unicode.Scalar], at index: Int, with marker: String) -> Bool {
        text[(index + 1)...].starts(with: marker.unicodeScalars)
    }
}
