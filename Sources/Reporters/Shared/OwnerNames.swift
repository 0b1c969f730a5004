/// Who an owner is, in words, from a record's partners: a partner id names that partner (the first
/// listed with it), and a role that is no partner's id names the partners holding it, in record
/// order (a rule gives `local_authority` when it cannot tell which council acts). One rule for every
/// output: the check text, JUnit, calendar and board report (`RecordLookup.ownerNames`) and the
/// emails (`NotificationSettings.ownerName`).
enum OwnerNames {
    /// Each owner a partner list can name, with its words.
    static func names(_ partners: [(id: String, name: String, role: String?)]) -> [String: String] {
        var names: [String: String] = [:]
        for partner in partners where names[partner.id] == nil { names[partner.id] = partner.name }
        var holders: [(role: String, names: [String])] = []
        for partner in partners {
            guard let role = partner.role, names[role] == nil else { continue }
            if let index = holders.firstIndex(where: { $0.role == role }) {
                holders[index].names.append(partner.name)
            } else {
                holders.append((role, [partner.name]))
            }
        }
        for (role, held) in holders { names[role] = held.joined(separator: ", ") }
        return names
    }
}
