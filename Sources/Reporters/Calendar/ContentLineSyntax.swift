/// The grammar every content line of a calendar must follow (RFC 5545 §3.1), checked on the lines
/// of a previous calendar so that a file that is not one (an HTML page, a cut-off download) is
/// refused rather than passed over:
///
///     contentline = name *(";" param) ":" value
///     name, param-name = 1*(ALPHA / DIGIT / "-")
///     param = param-name "=" param-value *("," param-value)
///     param-value = *SAFE-CHAR / DQUOTE *QSAFE-CHAR DQUOTE
///
/// with no control character anywhere in the line.
enum ContentLineSyntax {
    struct Problem: Error {
        var message: String
        /// Where in the line the problem is.
        var index: String.Index
    }

    /// Where the value of `line` begins, or the first place the line breaks the grammar.
    static func valueStart(of line: String) throws(Problem) -> String.Index {
        if let control = controlCharacter(in: line) {
            throw Problem(message: "a content line may not hold the control character \(shown(line.unicodeScalars[control]))", index: control)
        }
        let scalars = line.unicodeScalars
        var index = scalars.startIndex
        func advance() { index = scalars.index(after: index) }
        func at(_ scalar: Unicode.Scalar) -> Bool { index < scalars.endIndex && scalars[index] == scalar }
        /// What is at `index`, for a message: the character, or the end of the line.
        func found() -> String { index < scalars.endIndex ? shown(scalars[index]) : "the end of the line" }
        func name(_ what: String) throws(Problem) -> Substring {
            let start = index
            while index < scalars.endIndex, isNameCharacter(scalars[index]) { advance() }
            guard index > start else {
                throw Problem(message: "expected \(what) (letters, digits and '-'), found \(found())", index: index)
            }
            return line[start..<index]
        }

        let property = try name("a property name")
        while at(";") {
            advance()
            let parameter = try name("a parameter name")
            guard at("=") else { throw Problem(message: "expected '=' after the parameter name \(quoted(parameter)), found \(found())", index: index) }
            repeat {
                advance()
                if at("\"") {
                    let opening = index
                    advance()
                    while index < scalars.endIndex, scalars[index] != "\"" { advance() }
                    guard index < scalars.endIndex else { throw Problem(message: "a quoted parameter value has no closing '\"'", index: opening) }
                    advance()
                } else {
                    while index < scalars.endIndex, !";:,\"".unicodeScalars.contains(scalars[index]) { advance() }
                    if at("\"") { throw Problem(message: "a '\"' inside a parameter value that is not quoted", index: index) }
                }
            } while at(",")
        }
        guard at(":") else {
            let expected = index == property.endIndex
                ? "';' or ':' after the name \(quoted(property))" : "',', ';' or ':' after a parameter value"
            throw Problem(message: "expected \(expected), found \(found())", index: index)
        }
        return scalars.index(after: index)
    }

    /// The first control character in `line` (C0 other than TAB, DEL, or C1) or Unicode line or
    /// paragraph separator: RFC 5545 allows no control character, this tool never writes any of
    /// them, and written back they would break the line.
    static func controlCharacter(in line: String) -> String.Index? {
        // Most lines are printable ASCII: checked by byte, without decoding.
        if line.allUTF8({ (0x20...0x7E).contains($0) || $0 == 0x09 }) { return nil }
        let scalars = line.unicodeScalars
        return scalars.indices.first { index in
            switch scalars[index].value {
            case 0x09: false
            case 0x00..<0x20, 0x7F...0x9F, 0x2028, 0x2029: true
            default: false
            }
        }
    }

    static func isNameCharacter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "A"..."Z", "a"..."z", "0"..."9", "-": true
        default: false
        }
    }

    /// A name for a message, in quotes, cut short if it is long (a line of junk can be one long name).
    static func quoted(_ name: Substring) -> String {
        "\u{201C}" + (name.count > 40 ? name.prefix(40) + "\u{2026}" : name) + "\u{201D}"
    }

    /// A character for a message: quoted when it can be seen, its code point otherwise.
    static func shown(_ scalar: Unicode.Scalar) -> String {
        switch scalar.value {
        case 0x00...0x20, 0x7F...0xA0, 0x2028, 0x2029, 0xFEFF:
            let hex = String(scalar.value, radix: 16, uppercase: true)
            return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
        default:
            return "\u{201C}\(scalar)\u{201D}"
        }
    }
}
