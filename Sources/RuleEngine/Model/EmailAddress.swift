/// A mail address in a deliberately strict subset of RFC 5322's `addr-spec`: `local@domain`, ASCII only,
/// no quoted local parts, no comments, no IP literals. It lives in the engine so that `validate` (the
/// record schema's `format: email`) and `notify` accept exactly the same addresses.
///
/// The local part is a dot-atom (letters, digits and ``! # $ % & ' * + - / = ? ^ _ ` { | } ~``, with single
/// dots between atoms, at most 64 characters). The domain has at least two labels of letters, digits and
/// inner hyphens, each at most 63 characters, and the whole address is at most 254 characters.
public struct EmailAddress: Sendable, Hashable, CustomStringConvertible {
    /// `local@domain`, exactly as given.
    public let addrSpec: String

    /// Why an address was refused.
    public struct Problem: Error, Sendable, Hashable, CustomStringConvertible {
        public var reason: String
        public var description: String { reason }
    }

    /// Checks `text` and keeps it, or throws the reason it is not an address this tool will send to.
    public init(validating text: String) throws(Problem) {
        if let reason = Self.problem(in: text) { throw Problem(reason: reason) }
        addrSpec = text
    }

    public init?(_ text: String) {
        guard Self.problem(in: text) == nil else { return nil }
        addrSpec = text
    }

    /// The part before the `@`.
    public var localPart: Substring { addrSpec.prefix { $0 != "@" } }
    /// The part after the `@`.
    public var domain: Substring { addrSpec.drop { $0 != "@" }.dropFirst() }
    public var description: String { addrSpec }

    private static func problem(in text: String) -> String? {
        let scalars = Array(text.unicodeScalars)
        if scalars.isEmpty { return "the address is empty" }
        if let reason = displayNameProblem(in: text) { return reason }
        if let bad = scalars.first(where: { !(0x21...0x7E).contains($0.value) }) {
            if bad.properties.isWhitespace || bad.properties.generalCategory == .control
                || bad.properties.generalCategory == .format {
                return "it contains white space or a control character"
            }
            return "it contains a non-ASCII character (\(bad))"
        }
        if scalars.count > 254 { return "it is longer than 254 characters" }
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2 else { return "it must have exactly one @" }
        let local = parts[0], domain = parts[1]
        if local.isEmpty { return "nothing comes before the @" }
        if local.count > 64 { return "the part before the @ is longer than 64 characters" }
        for atom in local.split(separator: ".", omittingEmptySubsequences: false) {
            if atom.isEmpty { return "the part before the @ has an empty piece between dots" }
            if !atom.unicodeScalars.allSatisfy(isLocalCharacter) {
                return "the part before the @ may hold only letters, digits, dots and ! # $ % & ' * + - / = ? ^ _ ` { | } ~"
            }
        }
        if domain.isEmpty { return "nothing comes after the @" }
        let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
        if labels.count < 2 { return "the domain needs at least one dot (\(domain) is not a full domain name)" }
        for label in labels {
            if label.isEmpty { return "the domain has an empty label between dots" }
            if label.count > 63 { return "a domain label is longer than 63 characters" }
            if label.first == "-" || label.last == "-" { return "a domain label starts or ends with a hyphen" }
            if !label.unicodeScalars.allSatisfy({ isASCIIAlphanumeric($0) || $0 == "-" }) {
                return "the domain may hold only letters, digits, hyphens and dots"
            }
        }
        if let top = labels.last, top.unicodeScalars.allSatisfy({ (0x30...0x39).contains($0.value) }) {
            return "the domain must be a name, not a number"
        }
        return nil
    }

    /// `Community Safety <cs@example.org>`, as a mail client shows an address, is the usual slip:
    /// say what to write rather than point at the space in the name.
    private static func displayNameProblem(in text: String) -> String? {
        guard text.hasSuffix(">"), let open = text.lastIndex(of: "<") else { return nil }
        let inner = String(text[text.index(after: open)..<text.index(before: text.endIndex)])
        let named = !text[..<open].allSatisfy(\.isWhitespace)
        let advice = named ? "a display name is not taken here; write only the address" : "write the address without the angle brackets"
        return problem(in: inner) == nil ? "\(advice), \(inner)" : advice
    }

    private static func isASCIIAlphanumeric(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A: true
        default: false
        }
    }

    private static func isLocalCharacter(_ scalar: Unicode.Scalar) -> Bool {
        isASCIIAlphanumeric(scalar) || "!#$%&'*+-/=?^_`{|}~".unicodeScalars.contains(scalar)
    }
}
