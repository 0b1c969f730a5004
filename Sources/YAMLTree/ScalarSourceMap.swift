/// Where the characters of a scalar's value stand in its source file.
///
/// A scalar's value is not its source: a block scalar drops its header and indentation, line
/// breaks fold into spaces, and quoted scalars turn escapes into characters. What survives all
/// of these unchanged is the order of the value's characters that are not blanks or line breaks:
/// each comes from one place in the source (an escape from its backslash, `''` from its first
/// quote). So the n-th such character of the value is the n-th read from the source, and any
/// offset into the value is placed after the last of them before it.
///
/// Built only to place an error, so it scans the source lazily, as far as it is asked to.
public struct ScalarSourceMap {
    private let value: [Unicode.Scalar]
    /// The locations of the value's characters that are not blanks or line breaks, in order.
    private let marks: [SourceLocation]
    /// Where the content begins: the fallback for a value that is all blanks.
    private let start: SourceLocation

    /// Reads the source of the scalar `node` (whose value's scalars are `value`) out of `source`.
    /// Nil when `node` is not a scalar.
    public init?(node: YAMLNode, value: [Unicode.Scalar], source: SourceText) {
        guard case .scalar(let scalar) = node.kind else { return nil }
        self.value = value
        let wanted = value.reduce(0) { $0 + (Self.isBlank($1) ? 0 : 1) }
        var reader = SourceReader(source: source, at: node.location)
        reader.skipProperties()
        switch scalar.style {
        case .plain:
            break
        case .singleQuoted, .doubleQuoted:
            reader.skip()
        case .literal, .folded:
            reader.nextLine()  // past the header: indicator, indentation and chomping, comment
        }
        start = reader.location
        var marks: [SourceLocation] = []
        marks.reserveCapacity(wanted)
        while marks.count < wanted, let (character, location) = reader.next(style: scalar.style) {
            if let character, !Self.isBlank(character) { marks.append(location) }
        }
        self.marks = marks
    }

    /// The location of the character `offset` scalars into the value; past the end (or on a
    /// blank), the column after the last character before it, on that character's line.
    public func location(ofOffset offset: Int) -> SourceLocation {
        let end = min(max(offset, 0), value.count)
        var counted = 0
        var lastSeen: Int?
        for index in 0..<end where !Self.isBlank(value[index]) {
            counted += 1
            lastSeen = index
        }
        if end < value.count, !Self.isBlank(value[end]), counted < marks.count { return marks[counted] }
        guard let lastSeen, counted - 1 < marks.count else { return marks.first ?? start }
        // Blanks after it on its line count as columns; a line break ends them (a block's final one).
        var step = 1
        while lastSeen + step < end, !value[lastSeen + step].isYAMLLineBreak { step += 1 }
        return marks[counted - 1].advanced(by: step)
    }

    /// Spaces, tabs and line breaks: what folding, indentation and chomping change.
    static func isBlank(_ scalar: Unicode.Scalar) -> Bool {
        scalar == " " || scalar == "\t" || scalar.isYAMLLineBreak
    }
}

/// Reads a scalar's source one character at a time, line by line, decoding quoted escapes.
private struct SourceReader {
    let source: SourceText
    private var line: Int
    private var column: Int
    private var scalars: [Unicode.Scalar] = []

    init(source: SourceText, at location: SourceLocation) {
        self.source = source
        line = location.line
        column = location.column
        load()
    }

    var location: SourceLocation { SourceLocation(line: line, column: column) }

    private mutating func load() {
        scalars = source.scalars(ofLine: line) ?? []
    }

    private func peek(_ ahead: Int = 0) -> Unicode.Scalar? {
        let index = column - 1 + ahead
        return index < scalars.count ? scalars[index] : nil
    }

    mutating func skip(_ count: Int = 1) {
        column += count
    }

    /// Steps over a node's tag and anchor (`!!str `, `&name `), where its location begins, and
    /// on to the scalar, which may start on a later line.
    mutating func skipProperties() {
        while let first = peek(), first == "!" || first == "&" {
            while let scalar = peek(), scalar != " ", scalar != "\t" { skip() }
            skipBlanks()
        }
    }

    /// Steps over blanks, and over line ends while the rest of the line is blank or a comment.
    private mutating func skipBlanks() {
        while true {
            while let scalar = peek(), scalar == " " || scalar == "\t" { skip() }
            guard peek() == nil || peek() == "#", line < source.lineCount else { return }
            nextLine()
        }
    }

    mutating func nextLine() {
        line += 1
        column = 1
        load()
    }

    /// The next character of the value and where it stands: nil for one that adds nothing (a
    /// blank, a line break, an escaped line break); nil altogether at the end of the scalar or file.
    mutating func next(style: YAMLScalar.Style) -> (Unicode.Scalar?, SourceLocation)? {
        guard let scalar = peek() else {
            guard line < source.lineCount else { return nil }
            nextLine()
            return (nil, location)
        }
        let here = location
        switch (style, scalar) {
        case (.singleQuoted, "'"):
            guard peek(1) == "'" else { return nil }
            skip(2)
            return ("'", here)
        case (.doubleQuoted, "\""):
            return nil
        case (.doubleQuoted, "\\"):
            return (escape(), here)
        default:
            skip()
            return (scalar, here)
        }
    }

    /// Decodes the escape at the backslash under the reader (YAML 1.2, 5.7); nil for an escaped
    /// line break, which joins lines without adding a character.
    private mutating func escape() -> Unicode.Scalar? {
        guard let code = peek(1) else {
            skip()
            return nil
        }
        let digits: Int
        switch code {
        case "x": digits = 2
        case "u": digits = 4
        case "U": digits = 8
        default:
            skip(2)
            return Self.singleEscapes[code] ?? code
        }
        var number: UInt32 = 0
        for position in 0..<digits {
            guard let digit = peek(2 + position), let value = UInt32(String(digit), radix: 16) else { break }
            number = number * 16 + value
        }
        skip(2 + digits)
        return Unicode.Scalar(number)
    }

    /// The one-letter escapes whose character is not the letter itself.
    private static let singleEscapes: [Unicode.Scalar: Unicode.Scalar] = [
        "0": "\u{0}", "a": "\u{7}", "b": "\u{8}", "t": "\t", "n": "\n", "v": "\u{B}", "f": "\u{C}",
        "r": "\r", "e": "\u{1B}", "N": "\u{85}", "_": "\u{A0}", "L": "\u{2028}", "P": "\u{2029}",
    ]
}
