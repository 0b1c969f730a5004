import YAMLTree

/// The ids a pack file gives itself and its rules, and where. They must be unique across packs,
/// and a pack with other problems still claims them: read from its YAML alone, a clash with
/// another pack is reported with those problems, not on the run after they are fixed.
struct PackIDs {
    let file: String
    let pack: (id: String, location: SourceLocation?)?
    let rules: [(id: String, location: SourceLocation)]

    init(_ pack: RulePack) {
        file = pack.file
        self.pack = (pack.id, pack.idLocation)
        rules = pack.rules.map { ($0.id, $0.location) }
    }

    /// The ids written in `root`, a pack that did not decode; what is not text is passed over.
    init(root: YAMLNode, file: String) {
        self.file = file
        let packNode = root["pack"]
        pack = packNode.flatMap { node in node.scalar.map { ($0.text, node.location) } }
        rules = root["rules"]?.items.map(Self.ruleIDs) ?? []
    }

    /// The ids written in a pack's `rules:` items, each at its rule; an item with none is passed over.
    static func ruleIDs(in items: [YAMLNode]) -> [(id: String, location: SourceLocation)] {
        items.compactMap { item in
            guard let id = item["id"]?.scalar?.text, !id.isEmpty else { return nil }
            return (id, item.location)
        }
    }

    /// The ids of a pack that did not decode, when its YAML loads at all.
    static func read(bytes: [UInt8], file: String) -> PackIDs? {
        guard let root = try? YAMLLoader.load(bytes: bytes, file: file) else { return nil }
        return PackIDs(root: root, file: file)
    }
}
