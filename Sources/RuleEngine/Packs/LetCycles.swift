/// Finds `let` definitions that depend on themselves, directly or through others.
enum LetCycles {
    /// Each cycle once, as the list of names around it, starting from its smallest name.
    static func find(in lets: [String: Expression]) -> [[String]] {
        let edges = lets.mapValues { $0.referencedNames.filter { lets[$0] != nil }.sorted() }
        var cycles: Set<[String]> = []
        var state: [String: Bool] = [:]  // false: on the current path; true: finished
        var path: [String] = []

        func visit(_ name: String) {
            state[name] = false
            path.append(name)
            for next in edges[name] ?? [] {
                if state[next] == false, let start = path.firstIndex(of: next) {
                    cycles.insert(canonical(Array(path[start...])))
                } else if state[next] == nil {
                    visit(next)
                }
            }
            path.removeLast()
            state[name] = true
        }

        for name in lets.keys.sorted() where state[name] == nil { visit(name) }
        return cycles.sorted { $0.joined(separator: ",") < $1.joined(separator: ",") }
    }

    /// Rotates a cycle so it starts at its smallest name, so each is reported once.
    private static func canonical(_ cycle: [String]) -> [String] {
        guard let smallest = cycle.indices.min(by: { cycle[$0] < cycle[$1] }) else { return cycle }
        return Array(cycle[smallest...] + cycle[..<smallest])
    }
}
