/// How deep evaluating an expression can nest on the stack, counting the lets it reads: reading a
/// let evaluates the let's expression a level further down.
///
/// The parser bounds one expression (`Node.maxDepth`); a pack bounds each let's depth here when it
/// loads, so that a chain of lets, however long, is refused instead of exhausting the stack.
enum EvaluationDepth {
    /// The deepest a let may reach: far more than a real pack needs (its lets nest a few levels),
    /// and small enough that the deepest rule expression (`Node.maxDepth`) over the deepest let
    /// needs about a third of a megabyte of stack in a release build, within the 512 KiB that a
    /// worker thread gets on macOS (records are checked in parallel), and well within Linux's.
    static let limit = 64
}

extension Node {
    /// The depth of this tree, where a bare name that `letDepth` knows is that let's depth deeper.
    /// (Names in filter conditions count too: they may resolve to a let.)
    func depth(through letDepth: (String) -> Int?) -> Int {
        let named = kind.headName.flatMap { letDepth($0.name) } ?? 0
        return 1 + kind.subtrees(filters: true).reduce(named) { max($0, $1.depth(through: letDepth)) }
    }
}
