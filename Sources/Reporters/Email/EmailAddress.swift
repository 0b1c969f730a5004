import RuleEngine

/// An address with an optional display name, as it appears in `From`, `To`, `Cc` and `Reply-To`.
public struct Mailbox: Sendable, Hashable {
    /// The display name as given; it is sanitised and encoded when the header is written.
    public var displayName: String?
    public var address: EmailAddress

    public init(displayName: String? = nil, address: EmailAddress) {
        self.displayName = displayName
        self.address = address
    }

    /// The header words for this mailbox: the encoded display name and `<addr>`, or the bare address when
    /// there is no name (or it sanitises to nothing).
    func headerWords() -> [String] {
        let name = displayName.map { HeaderEncoding.phraseWords($0) } ?? []
        return name.isEmpty ? [address.addrSpec] : name + ["<" + address.addrSpec + ">"]
    }
}

/// A `Message-ID` (RFC 5322 §3.6.4): `<left@domain>`, with a dot-atom left part.
public struct MessageID: Sendable, Hashable, CustomStringConvertible {
    public let left: String
    public let domain: String

    /// Nil unless `left` is a dot-atom and `domain` a domain name as `EmailAddress` accepts them.
    public init?(left: String, domain: String) {
        guard EmailAddress(left + "@" + domain) != nil else { return nil }
        self.left = left
        self.domain = domain
    }

    /// For parts already known to be valid.
    init(trusted left: String, domain: String) {
        self.left = left
        self.domain = domain
    }

    /// `<left@domain>`
    public var description: String { "<" + left + "@" + domain + ">" }
}
