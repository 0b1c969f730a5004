import RuleEngine

/// One set of recipients that gets its own messages and its own memory of what it was told.
public struct NotificationAudience: Sendable, Hashable {
    /// Stable within a partnership: `digest`, `partnership` (per-owner items with no partner contact) or
    /// `owner:<partner id>`. The state database keys its records on it.
    public var key: String
    /// The partner's name, for per-owner messages.
    public var label: String?
    public var to: [Mailbox]
    public var cc: [Mailbox]

    public init(key: String, label: String?, to: [Mailbox], cc: [Mailbox]) {
        self.key = key
        self.label = label
        self.to = to
        self.cc = cc
    }

    /// The audience in words, for another audience's message: the partner's name, else the list.
    public var shownName: String { label ?? "the partnership's list" }
}

/// Decides which findings are worth a message and who receives them.
public enum NotificationRouting {
    /// Statuses that call for someone to act (see `Status.notifiable`).
    public static let notifiableStatuses = Status.notifiable

    /// The audiences for one record and the notifiable findings each should hear about, in a stable order.
    ///
    /// Without `perOwner` there is one audience, `digest`, sent to `notifications.to` and `cc`, with every
    /// notifiable finding. With `perOwner` there is one audience per partner with a contact address (even
    /// when it has nothing now, so that what was resolved can be reported), holding the findings it owns,
    /// found by partner id or else by role. A finding goes to `partnership`, addressed like the digest,
    /// whenever one of its owners cannot be written to: a partner with no contact, a role held by
    /// such a partner (or by none), or a name that is no partner's (`board`). Otherwise a duty shared
    /// by a partner with an address and one without would reach only the first.
    public static func audiences(for findings: [Finding], settings: NotificationSettings,
                                 perOwner: Bool) -> [(audience: NotificationAudience, findings: [Finding])] {
        let notifiable = findings.filter { notifiableStatuses.contains($0.status) }
        guard perOwner else {
            return [(NotificationAudience(key: "digest", label: nil, to: settings.to, cc: settings.cc), notifiable)]
        }
        var partnerAudiences: [(NotificationAudience, [Finding])] = []
        var indexByPartner: [String: Int] = [:]
        for partner in settings.partners {
            guard let contact = partner.contact, indexByPartner[partner.id] == nil else { continue }
            indexByPartner[partner.id] = partnerAudiences.count
            partnerAudiences.append((NotificationAudience(key: "owner:" + partner.id, label: partner.name,
                                                          to: [contact], cc: settings.cc), []))
        }
        var unrouted: [Finding] = []
        for finding in notifiable {
            var targets: [Int] = []
            var someoneUnreachable = finding.owners.isEmpty
            for owner in finding.owners {
                if let index = indexByPartner[owner] {
                    targets.append(index)
                } else if settings.partner(id: owner) != nil {
                    someoneUnreachable = true
                } else {
                    let holders = settings.partners(withRole: owner)
                    let reachable = holders.compactMap { indexByPartner[$0.id] }
                    targets += reachable
                    if reachable.count < holders.count || holders.isEmpty { someoneUnreachable = true }
                }
            }
            var seen = Set<Int>()
            targets = targets.filter { seen.insert($0).inserted }
            if someoneUnreachable { unrouted.append(finding) }
            for index in targets { partnerAudiences[index].1.append(finding) }
        }
        let partnership = NotificationAudience(key: "partnership", label: nil, to: settings.to, cc: settings.cc)
        return partnerAudiences.map { (audience: $0.0, findings: $0.1) } + [(audience: partnership, findings: unrouted)]
    }
}
