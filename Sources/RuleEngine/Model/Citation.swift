/// A provision a rule rests on, with a link to its text.
public struct Citation: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        case statute, regulation
        case statutoryGuidance = "statutory_guidance"
        case guidance
    }

    public var id: String
    public var title: String
    public var url: String
    public var kind: Kind

    public init(id: String, title: String, url: String, kind: Kind) {
        self.id = id
        self.title = title
        self.url = url
        self.kind = kind
    }
}
