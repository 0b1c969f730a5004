import YAMLTree

/// Every loaded pack, with rule ids unique across them.
public struct RuleSet: Sendable {
    public let packs: [RulePack]
    private let index: [String: (pack: Int, rule: Int)]

    /// Decodes each file (in the order given) and checks ids across packs, those that did not
    /// decode included, and the rules' own `examples:`; throws every problem. `checkingExamples:
    /// false` leaves the examples to a caller that reads them itself (`rules test`, which reports
    /// them together with its test files' problems).
    public static func load(files: [(name: String, bytes: [UInt8])],
                            checkingExamples: Bool = true) throws(DiagnosticList) -> RuleSet {
        var packs: [RulePack] = []
        var ids: [PackIDs] = []
        // Each file's problems together, its clashes with the packs before it after its own.
        var byFile: [[Diagnostic]] = []
        for file in files {
            do {
                let pack = try PackDecoder.decode(bytes: file.bytes, file: file.name)
                packs.append(pack)
                ids.append(PackIDs(pack))
                byFile.append([])
            } catch {
                byFile.append(error.diagnostics)
                if let read = PackIDs.read(bytes: file.bytes, file: file.name) { ids.append(read) }
            }
        }
        for clash in clashes(among: ids) {
            if let position = files.firstIndex(where: { $0.name == clash.file }) { byFile[position].append(clash) }
        }
        var problems = byFile.flatMap { $0 }
        if files.isEmpty { problems.append(Diagnostic(file: "rules", location: nil, message: "no rule packs were found")) }
        guard problems.isEmpty else { throw DiagnosticList(problems) }
        var index: [String: (pack: Int, rule: Int)] = [:]
        for (packIndex, pack) in packs.enumerated() {
            for (ruleIndex, rule) in pack.rules.enumerated() where index[rule.id] == nil { index[rule.id] = (packIndex, ruleIndex) }
        }
        let rules = RuleSet(packs: packs, index: index)
        if checkingExamples { try rules.checkExamples() }
        return rules
    }

    /// A rule's own `examples:` are part of its pack, so a malformed one (an unknown key, a rule or
    /// status misspelt) is a problem of the pack wherever it loads, not only when `rules test` runs
    /// it. They are read once all packs are in, since an example may expect another pack's rule.
    private func checkExamples() throws(DiagnosticList) {
        var problems: [Diagnostic] = []
        for pack in packs {
            do { _ = try RuleTestSuite.examples(of: pack, rules: self) } catch { problems += error.diagnostics }
        }
        guard problems.isEmpty else { throw DiagnosticList(problems) }
    }

    /// A pack id used twice, and a rule id defined in two packs (twice in one pack is the pack's
    /// own problem, reported as it decodes).
    private static func clashes(among packs: [PackIDs]) -> [Diagnostic] {
        var problems: [Diagnostic] = []
        var seenPacks: [String: PackIDs] = [:]
        var firstRule: [String: (pack: Int, location: SourceLocation)] = [:]
        for (packIndex, pack) in packs.enumerated() {
            if let (id, location) = pack.pack {
                if let other = seenPacks[id] {
                    let firstLine = other.pack?.location.map { " at line \($0.line)" } ?? ""
                    problems.append(Diagnostic(file: pack.file, location: location,
                                               message: "pack id \"\(id)\" is also used by \(MessageText.escaped(other.file))\(firstLine)"))
                } else {
                    seenPacks[id] = pack
                }
            }
            // An id repeated within the pack is the pack's own problem: its clash is reported once.
            var seenHere: Set<String> = []
            for (id, location) in pack.rules where seenHere.insert(id).inserted {
                if let first = firstRule[id], first.pack != packIndex {
                    problems.append(Diagnostic(
                        file: pack.file, location: location,
                        message: "duplicate rule id \"\(id)\" (also defined in \(MessageText.escaped(packs[first.pack].file)) at line \(first.location.line))"))
                } else if firstRule[id] == nil {
                    firstRule[id] = (packIndex, location)
                }
            }
        }
        return problems
    }

    public func rule(withID id: String) -> Rule? {
        index[id].map { packs[$0.pack].rules[$0.rule] }
    }

    public var ruleIDs: [String] { packs.flatMap { $0.rules.map(\.id) } }

    /// The rule id closest to `id`, when it is near enough to be a likely misspelling.
    public func closestRuleID(to id: String) -> String? {
        Suggestion.closest(to: id, among: ruleIDs)
    }
}
