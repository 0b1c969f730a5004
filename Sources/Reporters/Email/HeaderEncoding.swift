/// RFC 2047 encoded-words and RFC 5322 folding for header fields.
public enum HeaderEncoding {
    /// The longest encoded-word (RFC 2047 §2).
    public static let maxEncodedWordLength = 75
    /// The line length folding aims for. RFC 2047 §2 limits a line holding encoded-words to 76 characters,
    /// which is within RFC 5322's recommended 78.
    public static let foldWidth = 76

    /// The length encoded-words are cut to: short enough that the first one fits on a line after the longest
    /// field name that carries them (`Reply-To: `), so folding never leaves a line over `foldWidth`.
    static let preferredEncodedWordLength = 66

    private static let prefix = "=?UTF-8?Q?"
    private static let suffix = "?="

    /// The words of an unstructured field's text (such as `Subject`), ready for `fold(name:words:)`.
    ///
    /// The text is first reduced to one safe line (`MIMEText.headerLine(_:maxLength:)`). Words of printable
    /// ASCII stay as they are; every run of words that holds anything else (or that could be mistaken for an
    /// encoded-word) becomes one or more `=?UTF-8?Q?…?=` words. Spaces inside a run are encoded, because the
    /// white space between two adjacent encoded-words is dropped when they are decoded.
    public static func unstructuredWords(_ text: String, maxLength: Int = 200) -> [String] {
        words(MIMEText.headerLine(text, maxLength: maxLength), keepsPlain: isPlainUnstructuredWord)
    }

    /// The words of a display name (an RFC 5322 `phrase`).
    ///
    /// Atoms stay as they are; an ASCII word with specials (`.`, `,`, `(`, `"`, …) becomes a quoted-string;
    /// each run of words holding non-ASCII text (or `=?`) becomes encoded-words, which are valid whole words of
    /// a phrase (RFC 2047 §5(3)) but never go inside quotes. Keeping ASCII words out of the runs keeps the runs
    /// short: decoders disagree about the space between two adjacent encoded-words in a phrase.
    public static func phraseWords(_ text: String, maxLength: Int = 100) -> [String] {
        var result: [String] = []
        var run: [Substring] = []
        func flushRun() {
            if !run.isEmpty { result.append(contentsOf: encodedWords(run.joined(separator: " "))) }
            run.removeAll()
        }
        for word in MIMEText.headerLine(text, maxLength: maxLength).split(separator: " ") {
            if isAtom(word) {
                flushRun()
                result.append(String(word))
            } else if isPlainUnstructuredWord(word) {
                flushRun()
                result.append(quoted(word))
            } else {
                run.append(word)
            }
        }
        flushRun()
        return result
    }

    /// An RFC 5322 quoted-string of printable ASCII, with `"` and `\` escaped.
    private static func quoted(_ word: Substring) -> String {
        var out = "\""
        for scalar in word.unicodeScalars {
            if scalar == "\"" || scalar == "\\" { out.append("\\") }
            out.unicodeScalars.append(scalar)
        }
        return out + "\""
    }

    /// Encodes `text` as one or more Q encoded-words, each at most 66 characters (RFC 2047 allows 75), never splitting a UTF-8
    /// sequence (and splitting between characters rather than inside one wherever a character fits).
    ///
    /// Only ASCII letters, digits and `! * + - /` stay literal, which RFC 2047 §5(3) allows even in a
    /// phrase; a space is `_`; every other byte is `=XX`.
    public static func encodedWords(_ text: String) -> [String] {
        let budget = preferredEncodedWordLength - prefix.utf8.count - suffix.utf8.count
        var result: [String] = []
        var current = ""
        func flush() {
            if !current.isEmpty { result.append(prefix + current + suffix) }
            current = ""
        }
        for character in text {
            let encoded = qEncode(String(character))
            if encoded.utf8.count <= budget {
                if current.utf8.count + encoded.utf8.count > budget { flush() }
                current += encoded
            } else {
                // A character too big for one word (a long combining sequence): split between its scalars.
                for scalar in character.unicodeScalars {
                    let piece = qEncode(String(scalar))
                    if current.utf8.count + piece.utf8.count > budget { flush() }
                    current += piece
                }
            }
        }
        flush()
        return result
    }

    /// A complete header field, `Name: words…`, folded at the spaces between words so lines stay within
    /// `foldWidth` wherever a word allows it; continuation lines start with one space. Lines are joined with
    /// `lineEnding`, and the result has no line ending at its end.
    public static func fold(name: String, words: [String], lineEnding: String = "\n") -> String {
        var lines: [String] = []
        var line = name + ":"
        var lineHasWord = false
        for word in words where !word.isEmpty {
            if lineHasWord && line.utf8.count + 1 + word.utf8.count > foldWidth {
                lines.append(line)
                line = " " + word
            } else {
                line += " " + word
            }
            lineHasWord = true
        }
        lines.append(line)
        return lines.joined(separator: lineEnding)
    }

    // MARK: - Internals

    private static func words(_ line: String, keepsPlain: (Substring) -> Bool) -> [String] {
        var result: [String] = []
        var run: [Substring] = []
        func flushRun() {
            if !run.isEmpty { result.append(contentsOf: encodedWords(run.joined(separator: " "))) }
            run.removeAll()
        }
        for word in line.split(separator: " ", omittingEmptySubsequences: true) {
            if keepsPlain(word) {
                flushRun()
                result.append(String(word))
            } else {
                run.append(word)
            }
        }
        flushRun()
        return result
    }

    private static func isPlainUnstructuredWord(_ word: Substring) -> Bool {
        word.unicodeScalars.allSatisfy { (0x21...0x7E).contains($0.value) } && !looksEncoded(word)
    }

    /// RFC 5322 `atext`: ASCII letters, digits and ``! # $ % & ' * + - / = ? ^ _ ` { | } ~``.
    private static func isAtom(_ word: Substring) -> Bool {
        word.unicodeScalars.allSatisfy { scalar in
            isASCIIAlphanumeric(scalar) || "!#$%&'*+-/=?^_`{|}~".unicodeScalars.contains(scalar)
        } && !looksEncoded(word)
    }

    /// A word containing `=?` could be read as an encoded-word by a decoder, so it is encoded itself.
    private static func looksEncoded(_ word: Substring) -> Bool {
        var previous: Unicode.Scalar?
        for scalar in word.unicodeScalars {
            if previous == "=" && scalar == "?" { return true }
            previous = scalar
        }
        return false
    }

    static func isASCIIAlphanumeric(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A: return true
        default: return false
        }
    }

    private static func qEncode(_ text: String) -> String {
        let hex: [Character] = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "A", "B", "C", "D", "E", "F"]
        var out = ""
        for byte in text.utf8 {
            switch byte {
            case 0x30...0x39, 0x41...0x5A, 0x61...0x7A, 0x21, 0x2A, 0x2B, 0x2D, 0x2F:
                out.append(Character(UnicodeScalar(byte)))
            case 0x20:
                out.append("_")
            default:
                out.append("=")
                out.append(hex[Int(byte >> 4)])
                out.append(hex[Int(byte & 0x0F)])
            }
        }
        return out
    }
}
