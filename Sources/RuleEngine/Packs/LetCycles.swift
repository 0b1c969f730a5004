/// Orders `let` definitions by how they depend on one another, and finds the groups of lets that
/// depend on themselves.
///
/// Tarjan's strongly connected components, with a stack of its own: linear in the lets and the
/// names they use, so 100,000 chained lets cannot overflow the real stack, and lets whose cycles
/// overlap in every way cannot make the search quadratic.
enum LetCycles {
    struct Analysis {
        /// For each group of lets that depend on one another (or a let naming itself), one cycle
        /// through its smallest name, starting there; in order of that name.
        var cycles: [[String]]
        /// The lets on no cycle, each after every let it names.
        var order: [String]
    }

    static func analyse(_ lets: [String: Expression]) -> Analysis {
        let names = lets.keys.sorted()
        var number: [String: Int] = [:]
        for (position, name) in names.enumerated() { number[name] = position }
        let edges: [[Int]] = names.map { name in lets[name]!.referencedNames.compactMap { number[$0] }.sorted() }

        var index = Array(repeating: -1, count: names.count)
        var lowLink = Array(repeating: 0, count: names.count)
        var onStack = Array(repeating: false, count: names.count)
        var stack: [Int] = []
        var nextIndex = 0
        var components: [[Int]] = []
        // The search's own call stack: a let and how many of its edges have been followed.
        var calls: [(node: Int, edge: Int)] = []

        for root in names.indices where index[root] < 0 {
            calls.append((root, 0))
            index[root] = nextIndex; lowLink[root] = nextIndex; nextIndex += 1
            stack.append(root); onStack[root] = true
            while let (node, edge) = calls.last {
                if edge < edges[node].count {
                    calls[calls.count - 1].edge += 1
                    let next = edges[node][edge]
                    if index[next] < 0 {
                        index[next] = nextIndex; lowLink[next] = nextIndex; nextIndex += 1
                        stack.append(next); onStack[next] = true
                        calls.append((next, 0))
                    } else if onStack[next] {
                        lowLink[node] = min(lowLink[node], index[next])
                    }
                    continue
                }
                calls.removeLast()
                if let caller = calls.last?.node { lowLink[caller] = min(lowLink[caller], lowLink[node]) }
                guard lowLink[node] == index[node] else { continue }
                var component: [Int] = []
                while let member = stack.popLast() {
                    onStack[member] = false
                    component.append(member)
                    if member == node { break }
                }
                components.append(component)
            }
        }

        // Components come out after every component they reach: lets after the lets they name.
        var cycles: [[String]] = []
        var order: [String] = []
        for component in components {
            if component.count == 1, !edges[component[0]].contains(component[0]) {
                order.append(names[component[0]])
            } else {
                cycles.append(cycle(through: component.min()!, within: Set(component), edges: edges).map { names[$0] })
            }
        }
        return Analysis(cycles: cycles.sorted { $0[0] < $1[0] }, order: order)
    }

    /// A shortest cycle from `start` back to itself inside its component (breadth first).
    private static func cycle(through start: Int, within component: Set<Int>, edges: [[Int]]) -> [Int] {
        var cameFrom: [Int: Int] = [:]
        var queue = [start]
        var head = 0
        while head < queue.count {
            let node = queue[head]
            head += 1
            for next in edges[node] where component.contains(next) {
                if next == start {
                    var path = [node]
                    while let previous = cameFrom[path[path.count - 1]] { path.append(previous) }
                    return Array(path.reversed())
                }
                if cameFrom[next] == nil, next != start {
                    cameFrom[next] = node
                    queue.append(next)
                }
            }
        }
        return [start]
    }

    /// `a -> b -> c -> a`, with a long cycle shortened to its first and last few names.
    static func describe(_ cycle: [String]) -> String {
        let around = cycle + [cycle[0]]
        guard around.count > 10 else { return around.joined(separator: " -> ") }
        return (around.prefix(5) + ["... (\(cycle.count) lets in all) ..."] + around.suffix(3)).joined(separator: " -> ")
    }
}
