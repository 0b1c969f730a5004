extension Node {
    /// The bare names this tree reads, leaving out filter conditions (where a name reads the
    /// element's key first).
    var namesOutsideFilters: [String] {
        (kind.headName.map { [$0.name] } ?? []) + kind.subtrees(filters: false).flatMap(\.namesOutsideFilters)
    }
}
