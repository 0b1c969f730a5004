import RuleEngine
import YAMLTree

/// Small, total readers over the loaded record for the parts reports show directly (partners,
/// meetings, contact, approvals). Anything unexpected reads as "not recorded".
enum RecordLookup {
    /// The value under `key` when `node` is a mapping whose key is that plain string.
    static func child(_ node: YAMLNode?, _ key: String) -> YAMLNode? {
        node?[key]
    }

    /// Follows a path of mapping keys.
    static func path(_ node: YAMLNode?, _ keys: String...) -> YAMLNode? {
        var current = node
        for key in keys { current = child(current, key) }
        return current
    }

    /// The elements of a sequence; empty for anything else.
    static func list(_ node: YAMLNode?) -> [YAMLNode] {
        guard let node, case .sequence(let items) = node.kind else { return [] }
        return items
    }

    /// A scalar's text, or nil when absent, null or a collection.
    static func text(_ node: YAMLNode?) -> String? {
        guard let node, case .scalar(let scalar) = node.kind else { return nil }
        if case .null = scalar.value { return nil }
        return scalar.text
    }

    /// A scalar that is exactly `YYYY-MM-DD` naming a real day.
    static func date(_ node: YAMLNode?) -> CivilDate? {
        text(node).flatMap { CivilDate(iso: $0) }
    }

    /// `partnership.name`.
    static func partnershipName(_ record: YAMLNode) -> String? {
        text(path(record, "partnership", "name"))
    }

    /// `partnership.contact.name`.
    static func contactName(_ record: YAMLNode) -> String? {
        text(path(record, "partnership", "contact", "name"))
    }

    /// Partner ids mapped to their names, from `partners`.
    static func partnerNames(_ record: YAMLNode) -> [String: String] {
        var names: [String: String] = [:]
        for partner in list(child(record, "partners")) {
            guard let id = text(child(partner, "id")) else { continue }
            if names[id] == nil { names[id] = text(child(partner, "name")) ?? id }
        }
        return names
    }

    /// Owners as a reader should see them (`OwnerNames`): "who must act: local_authority" named
    /// nobody a reader could recognise.
    static func ownerNames(_ record: YAMLNode) -> [String: String] {
        OwnerNames.names(list(child(record, "partners")).compactMap { partner in
            guard let id = text(child(partner, "id")) else { return nil }
            return (id, text(child(partner, "name")) ?? id, text(child(partner, "role")))
        })
    }

    /// Dates of board meetings in `meetings` (entries with no `body`, or `body: board`), sorted.
    static func boardMeetings(_ record: YAMLNode) -> [CivilDate] {
        var dates: [CivilDate] = []
        for meeting in list(child(record, "meetings")) {
            let body = text(child(meeting, "body"))?.lowercased()
            guard body == nil || body == "board", let date = date(child(meeting, "date")) else { continue }
            dates.append(date)
        }
        return dates.sorted()
    }
}
