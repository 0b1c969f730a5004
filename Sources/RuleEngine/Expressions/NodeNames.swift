extension Node {
    /// The bare names this tree reads, leaving out filter conditions (where a name reads the
    /// element's key first).
    var namesOutsideFilters: [String] {
        switch kind {
        case .literal, .today: return []
        case .list(let items), .call(_, let items): return items.flatMap(\.namesOutsideFilters)
        case .not(let operand), .negate(let operand): return operand.namesOutsideFilters
        case .and(let left, let right), .or(let left, let right), .coalesce(let left, let right),
             .binary(_, let left, let right):
            return left.namesOutsideFilters + right.namesOutsideFilters
        case .path(let path):
            switch path.head {
            case .name(let key): return [key.name]
            case .value(let base): return base.namesOutsideFilters
            case .root, .item: return []
            }
        }
    }
}
