/// A provision a rule rests on, with a link to its text.
public struct Citation: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        case statute, regulation
        case statutoryGuidance = "statutory_guidance"
        case guidance
    }

    /// The nation whose partnerships a provision binds (`SI 2007/1830` England's, `SI 2007/3076`
    /// Wales'); nil for one that binds both.
    public enum Nation: String, Sendable, Hashable, CaseIterable {
        case england, wales
    }

    public var id: String
    public var title: String
    public var url: String
    public var kind: Kind
    public var nation: Nation?

    public init(id: String, title: String, url: String, kind: Kind, nation: Nation? = nil) {
        self.id = id
        self.title = title
        self.url = url
        self.kind = kind
        self.nation = nation
    }
}

extension [Citation] {
    /// The citations that bind a partnership in `nation`: the other nation's are left out, so a
    /// finding cites only the law its partnership is held to. All of them when the nation is not
    /// known (unrecorded, or not `england` or `wales`): which apply cannot be told. A rule resting
    /// on the other nation's law alone (one that does not apply here) keeps its citations, so that
    /// what it would rest on is still shown.
    func binding(in nation: Citation.Nation?) -> [Citation] {
        guard let nation, contains(where: { $0.nation != nil && $0.nation != nation }) else { return self }
        let binding = filter { $0.nation == nil || $0.nation == nation }
        return binding.isEmpty ? self : binding
    }
}
