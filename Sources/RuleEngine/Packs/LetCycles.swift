/// Orders `let` definitions by how they depend on one another, and finds the ones that depend on
/// themselves.
///
/// The walk keeps its own stack, so a pack of 100,000 chained lets cannot overflow the real one.
enum LetCycles {
    struct Analysis {
        /// Each cycle once, as the list of names around it, starting from its smallest name.
        var cycles: [[String]]
        /// The lets not on a cycle, each after every let it names.
        var order: [String]
    }

    static func analyse(_ lets: [String: Expression]) -> Analysis {
        let edges = lets.mapValues { $0.referencedNames.filter { lets[$0] != nil }.sorted() }
        var cycles: Set<[String]> = []
        var order: [String] = []
        var finished: Set<String> = []
        var path: [String] = []
        var onPath: Set<String> = []
        var nextEdge: [Int] = []

        func enter(_ name: String) {
            path.append(name)
            onPath.insert(name)
            nextEdge.append(0)
        }

        for root in lets.keys.sorted() where !finished.contains(root) {
            enter(root)
            while let name = path.last {
                let targets = edges[name] ?? []
                let position = nextEdge[nextEdge.count - 1]
                if position < targets.count {
                    nextEdge[nextEdge.count - 1] += 1
                    let next = targets[position]
                    if onPath.contains(next), let start = path.firstIndex(of: next) {
                        cycles.insert(canonical(Array(path[start...])))
                    } else if !finished.contains(next) {
                        enter(next)
                    }
                    continue
                }
                // Every let this one names is done (or on a cycle, which is reported instead).
                order.append(name)
                finished.insert(name)
                onPath.remove(name)
                path.removeLast()
                nextEdge.removeLast()
            }
        }
        let onCycles = Set(cycles.joined())
        return Analysis(cycles: cycles.sorted { $0.joined(separator: ",") < $1.joined(separator: ",") },
                        order: order.filter { !onCycles.contains($0) })
    }

    /// `a -> b -> c -> a`, with a long cycle shortened to its first and last few names.
    static func describe(_ cycle: [String]) -> String {
        let around = cycle + [cycle[0]]
        guard around.count > 10 else { return around.joined(separator: " -> ") }
        return (around.prefix(5) + ["... (\(cycle.count) lets in all) ..."] + around.suffix(3)).joined(separator: " -> ")
    }

    /// Rotates a cycle so it starts at its smallest name, so each is reported once.
    private static func canonical(_ cycle: [String]) -> [String] {
        guard let smallest = cycle.indices.min(by: { cycle[$0] < cycle[$1] }) else { return cycle }
        return Array(cycle[smallest...] + cycle[..<smallest])
    }
}
