/// Holes that a rule's message and remedy both write, evaluated once per finding.
///
/// A remedy often names what its message names (`{first(partners[? id == approval.partner].name)}`
/// in both), and such a hole can filter a whole list for each item. A rule's templates therefore
/// share one `Expression` per hole text, and a finding's renders keep what each shared hole wrote.
extension Template {
    /// The same template with each hole's expression taken from `shared` when one with the same
    /// text is already there, and added to it otherwise.
    func sharingHoles(with shared: inout [String: Expression]) -> Template {
        let parts = parts.map { part -> Part in
            guard case .hole(let expression) = part else { return part }
            if let existing = shared[expression.source] { return .hole(existing) }
            shared[expression.source] = expression
            return .hole(expression)
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
    func sharingHoles(with shared: inout [String: Expression]) -> MessageSpec {
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

/// What one finding's shared holes wrote, looked up by expression identity (a finding renders
/// at most a message and a remedy, so a short list beats hashing).
struct HoleMemo {
    private var written: [(expression: Expression, text: String)] = []

    func text(for expression: Expression) -> String? {
        for entry in written where entry.expression === expression { return entry.text }
        return nil
    }

    mutating func store(_ text: String, for expression: Expression) {
        written.append((expression, text))
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
