import YAMLTree

/// Every loaded pack, with rule ids unique across them.
public struct RuleSet: Sendable {
    public let packs: [RulePack]
    private let index: [String: (pack: Int, rule: Int)]

    /// Decodes each file (in the order given) and checks ids across packs; throws every problem.
    public static func load(files: [(name: String, bytes: [UInt8])]) throws(DiagnosticList) -> RuleSet {
        var packs: [RulePack] = []
        var problems: [Diagnostic] = []
        for file in files {
            do { packs.append(try PackDecoder.decode(bytes: file.bytes, file: file.name)) } catch {
                problems += error.diagnostics
            }
        }
        var seenPacks: [String: RulePack] = [:]
        var index: [String: (pack: Int, rule: Int)] = [:]
        for (packIndex, pack) in packs.enumerated() {
            if let other = seenPacks[pack.id] {
                let firstLine = other.idLocation.map { " at line \($0.line)" } ?? ""
                problems.append(Diagnostic(file: pack.file, location: pack.idLocation,
                                           message: "pack id \"\(pack.id)\" is also used by \(MessageText.escaped(other.file))\(firstLine)"))
            } else {
                seenPacks[pack.id] = pack
            }
            for (ruleIndex, rule) in pack.rules.enumerated() {
                if let first = index[rule.id], first.pack != packIndex {
                    let firstRule = packs[first.pack].rules[first.rule]
                    problems.append(Diagnostic(
                        file: pack.file, location: rule.location,
                        message: "duplicate rule id \"\(rule.id)\" (also defined in \(MessageText.escaped(packs[first.pack].file)) at line \(firstRule.location.line))"))
                } else if index[rule.id] == nil {
                    index[rule.id] = (packIndex, ruleIndex)
                }
            }
        }
        if files.isEmpty { problems.append(Diagnostic(file: "rules", location: nil, message: "no rule packs were found")) }
        guard problems.isEmpty else { throw DiagnosticList(problems) }
        return RuleSet(packs: packs, index: index)
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
