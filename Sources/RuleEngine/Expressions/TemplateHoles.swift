/// Holes that a finding writes more than once, evaluated once.
///
/// A remedy often names what its message names (`{first(partners[? id == approval.partner].name)}`
/// in both), and such a hole can filter a whole list for each item. A rule's templates therefore
/// share one parsed tree per hole text (each hole keeps its own `Expression`, with its own place
/// in the pack), and a finding's renders keep what each tree wrote.
extension Template {
    /// The same template with each hole's tree taken from `shared` when a hole with the same text
    /// is already there, and added to it otherwise.
    func sharingHoles(with shared: inout [String: Node]) -> Template {
        let parts = parts.map { part -> Part in
            guard case .hole(let expression) = part else { return part }
            guard let root = shared[expression.source] else {
                shared[expression.source] = expression.root
                return part
            }
            return .hole(Expression(source: expression.source, location: expression.location, file: expression.file,
                                    referencedNames: expression.referencedNames, root: root))
        }
        return Template(source: source, parts: parts)
    }

    /// The texts of the holes, once each.
    var holeSources: Set<String> {
        Set(expressions.map(\.source))
    }

    /// Whether some hole text appears twice in this template.
    var repeatsAHole: Bool {
        expressions.count > holeSources.count
    }
}

extension MessageSpec {
    func sharingHoles(with shared: inout [String: Node]) -> MessageSpec {
        switch self {
        case .single(let template): return .single(template.sharingHoles(with: &shared))
        case .perStatus(let templates):
            var result: [Status: Template] = [:]
            // In a fixed order, so the shared expressions do not depend on dictionary order.
            for status in Status.allCases {
                if let template = templates[status] { result[status] = template.sharingHoles(with: &shared) }
            }
            return .perStatus(result)
        }
    }

    var templates: [Template] {
        switch self {
        case .single(let template): [template]
        case .perStatus(let templates): Status.allCases.compactMap { templates[$0] }
        }
    }
}

/// What one finding's holes wrote, looked up by their shared tree (a finding renders at most a
/// message and a remedy, so a short list beats hashing). Valid for one scope only: the message
/// and the remedy of one finding.
struct HoleMemo {
    private var written: [(root: Node, text: String)] = []

    func text(for expression: Expression) -> String? {
        for entry in written where entry.root === expression.root { return entry.text }
        return nil
    }

    mutating func store(_ text: String, for expression: Expression) {
        written.append((expression.root, text))
    }
}

extension Rule {
    /// Whether a finding's message and remedy can write the same hole: the remedy shares a hole
    /// text with a message template, or one template repeats a hole.
    static func templatesRepeatHoles(message: MessageSpec?, remedy: Template?) -> Bool {
        let messages = message?.templates ?? []
        if messages.contains(where: \.repeatsAHole) || remedy?.repeatsAHole == true { return true }
        guard let remedy else { return false }
        let remedyHoles = remedy.holeSources
        return messages.contains { !$0.holeSources.isDisjoint(with: remedyHoles) }
    }
}
