/// Text from an input shown in a message, made safe for a terminal: control characters and the
/// direction controls are written as `\u{1B}`, so a message cannot move the cursor, ring the
/// terminal or reverse the text after it.
public enum MessageText {
    /// Whether `scalar` is written escaped: C0 and C1 controls, DEL, and the direction overrides,
    /// embeddings and isolates (U+202A to U+202E, U+2066 to U+2069).
    public static func isEscaped(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0..<0x20, 0x7F...0x9F: true
        default: BidiControls.contains(scalar)
        }
    }

    /// `scalar` as a message shows it: itself, or `\u{1B}`.
    public static func append(_ scalar: Unicode.Scalar, to text: inout String) {
        if isEscaped(scalar) {
            appendEscaped(scalar, to: &text)
        } else {
            text.unicodeScalars.append(scalar)
        }
    }

    /// `scalar` written as `\u{1B}`, whatever it is.
    public static func appendEscaped(_ scalar: Unicode.Scalar, to text: inout String) {
        text += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
    }

    /// How a message names a character it cannot show: `U+2028 (LINE SEPARATOR)`, with its Unicode
    /// name or, for a control, its alias (`U+0085 (NEXT LINE (NEL))`).
    public static func codePoint(_ scalar: Unicode.Scalar) -> String {
        let name = scalar.properties.name ?? scalar.properties.nameAlias
        return "U+" + hex(scalar.value) + (name.map { " (\($0))" } ?? "")
    }

    /// At least four upper-case hex digits, as code points are written.
    static func hex(_ value: UInt32) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }

    /// `text` with every character `isEscaped` names written as `\u{1B}`.
    public static func escaped(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isEscaped) else { return text }
        var shown = ""
        for scalar in text.unicodeScalars { append(scalar, to: &shown) }
        return shown
    }
}
