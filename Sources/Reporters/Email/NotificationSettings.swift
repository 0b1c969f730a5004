import RuleEngine
import YAMLTree

/// Who notification messages come from and go to, read from a record's `notifications` section, its
/// `partnership` and its `partners`' contacts.
///
/// ```yaml
/// partnership:
///   name: Safer Bromley Partnership
///   contact: {name: Community Safety Team, email: community.safety@example.org}
/// partners:
///   - {id: met-police, name: Metropolitan Police, role: police, contact: {email: bromley.csp@met.example}}
/// notifications:
///   from: {name: Safer Bromley Partnership, email: csp-alerts@example.org}   # or just the address
///   reply_to: community.safety@example.org       # default: partnership.contact
///   to: [community.safety@example.org]           # one address or a list
///   cc: []
///   subject_prefix: "[SBP]"                      # default: [dutycheck]
///   reminder_interval: 7 days                    # days or weeks; default 7 days
/// ```
///
/// Every address is checked strictly when the record is loaded (see `EmailAddress`); a bad one is a
/// `Diagnostic` at its line and column.
public struct NotificationSettings: Sendable {
    /// A partner as far as routing mail is concerned.
    public struct Partner: Sendable, Hashable {
        public var id: String
        public var name: String
        public var role: String?
        public var contact: Mailbox?

        public init(id: String, name: String, role: String?, contact: Mailbox?) {
            self.id = id
            self.name = name
            self.role = role
            self.contact = contact
        }
    }

    public static let defaultSubjectPrefix = "[dutycheck]"
    public static let defaultReminderDays = 7

    /// `partnership.name`, which also identifies the partnership in the state database.
    public var partnershipName: String
    public var from: Mailbox
    public var replyTo: [Mailbox]
    public var to: [Mailbox]
    public var cc: [Mailbox]
    /// Kept to `subjectPrefixLength`, however set, so that the subject has room for the names and
    /// the counts.
    public var subjectPrefix: String {
        didSet { subjectPrefix = Self.kept(subjectPrefix) }
    }
    /// How many days an item may stay overdue or missing before it is mentioned again.
    public var reminderDays: Int
    public var partners: [Partner] {
        didSet { directory = PartnerDirectory(partners) }
    }
    /// The partners by id and by role, so that naming the owners of every finding in every message
    /// does not search the list each time.
    private var directory: PartnerDirectory

    /// The most of a subject prefix kept.
    public static let subjectPrefixLength = 40

    /// `prefix` on one line and cut to `subjectPrefixLength` characters.
    private static func kept(_ prefix: String) -> String {
        MIMEText.headerLine(prefix, maxLength: subjectPrefixLength)
    }

    public init(partnershipName: String, from: Mailbox, replyTo: [Mailbox] = [], to: [Mailbox], cc: [Mailbox] = [],
                subjectPrefix: String = NotificationSettings.defaultSubjectPrefix,
                reminderDays: Int = NotificationSettings.defaultReminderDays, partners: [Partner] = []) {
        self.partnershipName = partnershipName
        self.from = from
        self.replyTo = replyTo
        self.to = to
        self.cc = cc
        // However made, the prefix leaves room in the subject for the names and the counts.
        self.subjectPrefix = Self.kept(subjectPrefix)
        self.reminderDays = reminderDays
        self.partners = partners
        self.directory = PartnerDirectory(partners)
    }

    /// The keys the `notifications` section may hold.
    public static let sectionKeys = ["from", "reply_to", "to", "cc", "subject_prefix", "reminder_interval"]

    /// Reads the settings from a loaded record.
    ///
    /// - Parameters:
    ///   - record: the record's root node.
    ///   - file: the record's path, for diagnostics.
    /// - Throws: a `Diagnostic` at the offending node: no `notifications` section, `from` or `to`; an unknown
    ///   key (with a suggestion); a value of the wrong type; an address that `EmailAddress` refuses; a
    ///   reminder interval that is not a whole number of days or weeks.
    public static func load(record: YAMLNode, file: String) throws(Diagnostic) -> NotificationSettings {
        let reader = Reader(file: file)
        guard record.entries != nil else {
            throw reader.error(at: record, "a record must be a mapping, found a \(record.kindName)")
        }
        guard let partnership = record["partnership"], partnership.entries != nil,
              let nameNode = partnership["name"] else {
            throw reader.error(at: record["partnership"] ?? record,
                               "notifications need partnership.name, which names the partnership in every message")
        }
        let name = try reader.text(nameNode, "partnership.name")
        let partnershipContact = try partnership["contact"].map { node throws(Diagnostic) in
            try reader.contact(node, "partnership.contact")
        } ?? nil

        var partners: [Partner] = []
        if let list = record["partners"], !list.isNull {
            guard let items = list.items else { throw reader.error(at: list, "partners must be a list, found a \(list.kindName)") }
            for (index, item) in items.enumerated() {
                let path = "partners[\(index)]"
                guard item.entries != nil else { throw reader.error(at: item, "\(path) must be a mapping, found a \(item.kindName)") }
                guard let idNode = item["id"] else { continue }  // the record schema reports a partner without an id
                let id = try reader.text(idNode, "\(path).id")
                let partnerName = try item["name"].map { node throws(Diagnostic) in try reader.text(node, "\(path).name") } ?? id
                let role = try item["role"].map { node throws(Diagnostic) in try reader.text(node, "\(path).role") }
                let contact = try item["contact"].map { node throws(Diagnostic) in try reader.contact(node, "\(path).contact") } ?? nil
                partners.append(Partner(id: id, name: partnerName, role: role, contact: contact))
            }
        }

        guard let section = record["notifications"], let entries = section.entries else {
            let node = record["notifications"] ?? record
            throw reader.error(at: node, record["notifications"] == nil
                ? "notify needs a notifications section with at least from and to"
                : "notifications must be a mapping, found a \(node.kindName)")
        }
        for entry in entries {
            let key = entry.key.stringValue ?? entry.key.scalar?.text ?? ""
            if !sectionKeys.contains(key) {
                var message = "unknown key '\(key)' in notifications"
                if let suggestion = Suggestion.closest(to: key, among: sectionKeys) { message += "; did you mean '\(suggestion)'?" }
                throw reader.error(at: entry.key, message)
            }
        }
        guard let fromNode = section["from"] else { throw reader.error(at: section, "notifications.from is required") }
        let from = try reader.mailbox(fromNode, "notifications.from")
        guard let toNode = section["to"] else { throw reader.error(at: section, "notifications.to is required") }
        let to = try reader.mailboxes(toNode, "notifications.to")
        if to.isEmpty { throw reader.error(at: toNode, "notifications.to needs at least one address") }
        let cc = try section["cc"].map { node throws(Diagnostic) in try reader.mailboxes(node, "notifications.cc") } ?? []
        var replyTo = try section["reply_to"].map { node throws(Diagnostic) in try reader.mailboxes(node, "notifications.reply_to") } ?? []
        if replyTo.isEmpty, let partnershipContact { replyTo = [partnershipContact] }
        var prefix = defaultSubjectPrefix
        if let node = section["subject_prefix"] {
            prefix = try reader.text(node, "notifications.subject_prefix")
        }
        var reminderDays = defaultReminderDays
        if let node = section["reminder_interval"] { reminderDays = try reader.reminderDays(node) }

        return NotificationSettings(partnershipName: name, from: from, replyTo: replyTo, to: to, cc: cc,
                                    subjectPrefix: prefix, reminderDays: reminderDays, partners: partners)
    }

    /// The partner with this id, if any.
    public func partner(id: String) -> Partner? { directory.byID[id].map { partners[$0] } }

    /// The partners with `role`, in the record's order.
    public func partners(withRole role: String) -> [Partner] { (directory.byRole[role] ?? []).map { partners[$0] } }

    /// Who an owner is, in words: the partner's name for a partner id, the names of the partners with that
    /// role for a role, and otherwise the owner as written (underscores as spaces).
    public func ownerName(_ owner: String) -> String {
        if let name = directory.ownerNames[owner] { return name }
        if BoardOwner.isBoard(owner) { return BoardOwner.name }
        return String(owner.map { $0 == "_" ? " " : $0 })
    }
}

/// Positions in a partner list by id (the first partner with it) and by role, and the words for
/// each owner they can name (`OwnerNames`).
private struct PartnerDirectory: Sendable {
    var byID: [String: Int] = [:]
    var byRole: [String: [Int]] = [:]
    var ownerNames: [String: String]

    init(_ partners: [NotificationSettings.Partner]) {
        for (position, partner) in partners.enumerated() {
            if byID[partner.id] == nil { byID[partner.id] = position }
            if let role = partner.role { byRole[role, default: []].append(position) }
        }
        ownerNames = OwnerNames.names(partners.map { ($0.id, $0.name, $0.role) })
    }
}

/// Typed reads from the record, each failing with a `Diagnostic` at the node.
private struct Reader {
    var file: String

    func error(at node: YAMLNode, _ message: String) -> Diagnostic {
        Diagnostic(file: file, location: node.location, message: message)
    }

    func text(_ node: YAMLNode, _ path: String) throws(Diagnostic) -> String {
        guard let scalar = node.scalar, !node.isNull else {
            throw error(at: node, "\(path) must be text, found a \(node.kindName)")
        }
        let value = MIMEText.headerLine(scalar.text)
        if value.isEmpty { throw error(at: node, "\(path) is empty") }
        return value
    }

    func address(_ node: YAMLNode, _ path: String) throws(Diagnostic) -> EmailAddress {
        guard let text = node.stringValue else {
            throw error(at: node, "\(path) must be an email address, found a \(node.kindName)")
        }
        do {
            return try EmailAddress(validating: text)
        } catch {
            throw self.error(at: node, "\(path): '\(MIMEText.headerLine(text, maxLength: 80))' is not a valid email address: \(error.reason)")
        }
    }

    /// `addr@example.org` or `{name: …, email: addr@example.org}`.
    func mailbox(_ node: YAMLNode, _ path: String) throws(Diagnostic) -> Mailbox {
        if node.entries != nil {
            for entry in node.entries ?? [] {
                let key = entry.key.stringValue ?? ""
                if key != "name" && key != "email" {
                    var message = "unknown key '\(key)' in \(path)"
                    if let suggestion = Suggestion.closest(to: key, among: ["name", "email"]) { message += "; did you mean '\(suggestion)'?" }
                    throw error(at: entry.key, message)
                }
            }
            guard let emailNode = node["email"] else { throw error(at: node, "\(path) needs an email") }
            let address = try address(emailNode, "\(path).email")
            let name = try node["name"].map { nameNode throws(Diagnostic) in try text(nameNode, "\(path).name") }
            return Mailbox(displayName: name, address: address)
        }
        return Mailbox(address: try address(node, path))
    }

    /// One mailbox or a list of them.
    func mailboxes(_ node: YAMLNode, _ path: String) throws(Diagnostic) -> [Mailbox] {
        if node.isNull { return [] }
        guard let items = node.items else { return [try mailbox(node, path)] }
        var result: [Mailbox] = []
        for (index, item) in items.enumerated() {
            result.append(try mailbox(item, "\(path)[\(index)]"))
        }
        return result
    }

    /// A contact mapping (`{name, email, …}`); nil when it records no email. Other keys are the record
    /// schema's business.
    func contact(_ node: YAMLNode, _ path: String) throws(Diagnostic) -> Mailbox? {
        if node.isNull { return nil }
        guard node.entries != nil else { throw error(at: node, "\(path) must be a mapping, found a \(node.kindName)") }
        guard let emailNode = node["email"], !emailNode.isNull else { return nil }
        let address = try address(emailNode, "\(path).email")
        let name = try node["name"].flatMap { nameNode throws(Diagnostic) in
            nameNode.isNull ? nil : try text(nameNode, "\(path).name")
        }
        return Mailbox(displayName: name, address: address)
    }

    /// `7 days`, `2 weeks`, or a whole number of days.
    func reminderDays(_ node: YAMLNode) throws(Diagnostic) -> Int {
        let path = "notifications.reminder_interval"
        let tooLong = "\(path) is too long: \(CalendarDuration.tooLongReason)"
        if let days = node.intValue {
            guard days >= 1 else { throw error(at: node, "\(path) must be at least 1 day") }
            guard days <= CalendarDuration.longestDays else { throw error(at: node, tooLong) }
            return days
        }
        let duration: CalendarDuration
        switch node.stringValue.map(CalendarDuration.read) ?? .malformed {
        case .duration(let read) where read.months == 0: duration = read
        case .duration, .tooLong(.month), .tooLong(.year):
            throw error(at: node, "\(path) must be in days or weeks, not months or years")
        case .tooLong: throw error(at: node, tooLong)
        case .malformed:
            throw error(at: node, "\(path) must be a number of days or weeks, such as '7 days' or '2 weeks'")
        }
        guard duration.days >= 1 else { throw error(at: node, "\(path) must be at least 1 day") }
        return duration.days
    }
}

/// "Did you mean" for a mistyped key.
private enum Suggestion {
    static func closest(to word: String, among candidates: [String]) -> String? {
        let scored = candidates.map { ($0, distance(Array(word), Array($0))) }
        guard let best = scored.min(by: { $0.1 < $1.1 }), best.1 <= max(2, word.count / 3) else { return nil }
        return best.0
    }

    private static func distance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        for (i, ca) in a.enumerated() {
            var current = [i + 1] + Array(repeating: 0, count: b.count)
            for (j, cb) in b.enumerated() {
                current[j + 1] = min(previous[j + 1] + 1, current[j] + 1, previous[j] + (ca == cb ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}

