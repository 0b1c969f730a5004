/// Splits an expression into tokens.
struct Lexer {
    private let scalars: [Unicode.Scalar]
    private var position = 0

    init(_ scalars: [Unicode.Scalar]) {
        self.scalars = scalars
    }

    /// Every token, ending with `.end`.
    static func tokens(of scalars: [Unicode.Scalar]) throws(SyntaxError) -> [Token] {
        var lexer = Lexer(scalars)
        var tokens: [Token] = []
        while true {
            let token = try lexer.next()
            tokens.append(token)
            if token.kind == .end { return tokens }
        }
    }

    private func peek(_ ahead: Int = 0) -> Unicode.Scalar? {
        position + ahead < scalars.count ? scalars[position + ahead] : nil
    }

    private mutating func next() throws(SyntaxError) -> Token {
        while let scalar = peek(), scalar.isBlankOrBreak { position += 1 }
        let start = position
        guard let scalar = peek() else { return Token(kind: .end, offset: start, length: 0) }
        func simple(_ kind: Token.Kind, length: Int = 1) -> Token {
            position += length
            return Token(kind: kind, offset: start, length: length)
        }
        switch scalar {
        case "0"..."9": return try number()
        case "\"", "'": return try string()
        case "a"..."z", "A"..."Z", "_":
            while let next = peek(), next.isIdentifierContinuation { position += 1 }
            let name = String(scalars: scalars[start..<position])
            return Token(kind: .identifier(name), offset: start, length: position - start)
        case "$": return simple(.dollar)
        case "@": return simple(.at)
        case ".": return simple(.dot)
        case ",": return simple(.comma)
        case "(": return simple(.leftParen)
        case ")": return simple(.rightParen)
        case "[": return simple(.leftBracket)
        case "]": return simple(.rightBracket)
        case "*": return simple(.star)
        case "+": return simple(.plus)
        case "-": return simple(.minus)
        case "?": return peek(1) == "?" ? simple(.coalesce, length: 2) : simple(.question)
        case "<": return peek(1) == "=" ? simple(.lessEqual, length: 2) : simple(.less)
        case ">": return peek(1) == "=" ? simple(.greaterEqual, length: 2) : simple(.greater)
        case "=":
            if peek(1) == "=" { return simple(.equal, length: 2) }
            throw SyntaxError(message: "`=` is not an operator; write `==` to compare", offset: start)
        case "!":
            if peek(1) == "=" { return simple(.notEqual, length: 2) }
            throw SyntaxError(message: "`!` is not an operator; write `not`", offset: start)
        case "&":
            throw SyntaxError(message: "`&` is not an operator; write `and`", offset: start)
        case "|":
            throw SyntaxError(message: "`|` is not an operator; write `or`", offset: start)
        default:
            throw SyntaxError(message: "unexpected character `\(scalar.escaped(asASCII: false))`", offset: start)
        }
    }

    /// An integer, a decimal, or a date (`2024-01-31`: four or more digits followed at once by
    /// `-` and a digit).
    private mutating func number() throws(SyntaxError) -> Token {
        let start = position
        while let next = peek(), next.asciiDigit != nil { position += 1 }
        if position - start >= 4, peek() == "-", peek(1)?.asciiDigit != nil {
            while let next = peek(), next.asciiDigit != nil || next == "-" { position += 1 }
            return try date(from: start)
        }
        var isDecimal = false
        if peek() == ".", peek(1)?.asciiDigit != nil {
            isDecimal = true
            position += 1
            while let next = peek(), next.asciiDigit != nil { position += 1 }
        }
        let text = String(scalars: scalars[start..<position])
        let length = position - start
        if let next = peek(), next.isIdentifierContinuation {
            var end = position
            while end < scalars.count, scalars[end].isIdentifierContinuation { end += 1 }
            let word = String(scalars: scalars[start..<end])
            // `1e308` reads as a number and a word too, but the writer meant an exponent.
            let rest = scalars[position..<end]
            let signed = rest.count == 1 && end + 1 < scalars.count && (scalars[end] == "+" || scalars[end] == "-")
                && scalars[end + 1].asciiDigit != nil
            if rest.first == "e" || rest.first == "E", signed || (rest.count > 1 && rest.dropFirst().allSatisfy({ $0.asciiDigit != nil })) {
                var exponentEnd = end
                if signed {
                    exponentEnd += 1
                    while exponentEnd < scalars.count, scalars[exponentEnd].asciiDigit != nil { exponentEnd += 1 }
                }
                throw SyntaxError(message: "`\(String(scalars: scalars[start..<exponentEnd]))` writes a number with an exponent, "
                                  + "which expressions do not have; write the number out in full", offset: start)
            }
            throw SyntaxError(message: "`\(word)` runs a number into a word; put a space between them (`30 days`)",
                              offset: start)
        }
        if isDecimal {
            guard let number = Double(text) else {
                throw SyntaxError(message: "`\(text)` is not a number", offset: start)
            }
            // Past about 1.8e308 a decimal reads as infinity, which would compare and print as `inf`.
            guard number.isFinite else { throw SyntaxError(message: "the number \(text) is too large", offset: start) }
            return Token(kind: .double(number), offset: start, length: length)
        }
        guard let number = Int(text) else {
            throw SyntaxError(message: "the number \(text) is too large", offset: start)
        }
        return Token(kind: .int(number), offset: start, length: length)
    }

    private func date(from start: Int) throws(SyntaxError) -> Token {
        let text = String(scalars: scalars[start..<position])
        if let date = CivilDate(iso: text) {
            return Token(kind: .date(date), offset: start, length: position - start)
        }
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        if parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2 {
            throw SyntaxError(message: "\(text) is not a real day", offset: start)
        }
        throw SyntaxError(message: "`\(text)` is not a date; write dates as YYYY-MM-DD", offset: start)
    }

    private mutating func string() throws(SyntaxError) -> Token {
        let start = position
        let quote = scalars[position]
        position += 1
        var text = String.UnicodeScalarView()
        while true {
            guard let scalar = peek() else {
                throw SyntaxError(message: "this string has no closing \(quote)", offset: start)
            }
            position += 1
            if scalar == quote { break }
            if scalar == "\\" {
                guard let escaped = peek() else {
                    throw SyntaxError(message: "this string has no closing \(quote)", offset: start)
                }
                switch escaped {
                case "\\", "\"", "'": text.append(escaped)
                case "n": text.append("\n")
                case "t": text.append("\t")
                default:
                    throw SyntaxError(message: "unknown escape `\\\(escaped)`; use \\\\, \\\", \\', \\n or \\t",
                                      offset: position - 1)
                }
                position += 1
                continue
            }
            text.append(scalar)
        }
        return Token(kind: .string(String(text)), offset: start, length: position - start)
    }
}

extension Unicode.Scalar {
    /// Spaces, tabs and the line breaks libyaml knows (LF, CR, NEL, LS, PS).
    var isBlankOrBreak: Bool {
        switch value {
        case 0x20, 0x09: true
        default: isLineBreak
        }
    }

    var isLineBreak: Bool {
        switch value {
        case 0x0A, 0x0D, 0x85, 0x2028, 0x2029: true
        default: false
        }
    }

    var isIdentifierContinuation: Bool {
        switch self {
        case "a"..."z", "A"..."Z", "0"..."9", "_": true
        default: false
        }
    }
}

extension String {
    /// The text of `scalars`, built from their UTF-8 in one go (appending scalar by scalar to a
    /// `String.UnicodeScalarView` is many times slower, and packs hold thousands of tokens).
    init(scalars: ArraySlice<Unicode.Scalar>) {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(scalars.count)
        for scalar in scalars {
            if scalar.isASCII { bytes.append(UInt8(truncatingIfNeeded: scalar.value)) } else { bytes.append(contentsOf: scalar.utf8) }
        }
        self = String(decoding: bytes, as: UTF8.self)
    }
}
