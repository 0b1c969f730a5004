import RuleEngine

/// Identifies one finding across runs: the rule id (unique across packs) and the `for_each` subject
/// (empty when the rule has none).
public struct ItemKey: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var rule: String
    public var subject: String

    public init(rule: String, subject: String?) {
        self.rule = rule
        self.subject = subject ?? ""
    }

    public static func < (lhs: ItemKey, rhs: ItemKey) -> Bool { (lhs.rule, lhs.subject) < (rhs.rule, rhs.subject) }

    public var description: String { subject.isEmpty ? rule : "\(rule) [\(subject)]" }
}

/// A notifiable finding as it stands on the as-of date.
public struct CurrentItem: Sendable, Hashable {
    public var key: ItemKey
    public var title: String
    /// What a reader sees for the subject (`Finding.label`); display only, never part of the key.
    public var label: String?
    public var status: Status
    public var due: CivilDate?

    public init(key: ItemKey, title: String, label: String? = nil, status: Status, due: CivilDate?) {
        self.key = key
        self.title = title
        self.label = label
        self.status = status
        self.due = due
    }
}

/// What an audience was last told about one item.
public struct TrackedItem: Sendable, Hashable {
    public var key: ItemKey
    public var title: String
    /// The subject's label when the audience was told, so an item that has since left the record can
    /// still be named as they knew it.
    public var label: String?
    public var status: Status
    public var due: CivilDate?
    /// The first message of the current unbroken run in which the item was reported.
    public var firstNotified: CivilDate
    /// The last message that mentioned it.
    public var lastNotified: CivilDate

    public init(key: ItemKey, title: String, label: String? = nil, status: Status, due: CivilDate?,
                firstNotified: CivilDate, lastNotified: CivilDate) {
        self.key = key
        self.title = title
        self.label = label
        self.status = status
        self.due = due
        self.firstNotified = firstNotified
        self.lastNotified = lastNotified
    }
}

/// Everything remembered for one audience of one partnership.
public struct AudienceState: Sendable, Hashable {
    /// The as-of date of the last message sent (or being sent).
    public var lastSentOn: CivilDate?
    public var items: [TrackedItem]

    public init(lastSentOn: CivilDate? = nil, items: [TrackedItem] = []) {
        self.lastSentOn = lastSentOn
        self.items = items
    }
}

/// How an item compares with what the audience was last told (shared with the email content).
public typealias ItemChange = NotificationChange

/// A current item and its change.
public struct PlannedItem: Sendable, Hashable {
    public var item: CurrentItem
    public var change: ItemChange

    public init(item: CurrentItem, change: ItemChange) {
        self.item = item
        self.change = change
    }
}

/// The decision for one audience on one as-of date, and the state to keep if the message goes out.
public struct NotificationPlan: Sendable, Hashable {
    public enum Decision: Sendable, Hashable {
        /// Something is new, changed, due a reminder or resolved.
        case send
        /// A message was already sent for this as-of date or a later one.
        case alreadySent(on: CivilDate)
        /// Nothing has changed since the last message and no reminder is due.
        case nothingNew
    }

    public var asOf: CivilDate
    public var decision: Decision
    /// Every current item, in the order given, each with its change.
    public var items: [PlannedItem]
    /// Items the audience was told about that no longer need action, in key order.
    public var resolved: [TrackedItem]
    /// Items the audience was told about that still need action but now go to other audiences (an
    /// owner gained a contact address, or the owners changed), in key order: the message says so once.
    public var handedOver: [TrackedItem] = []
    /// What to remember once the message has been delivered.
    public var nextItems: [TrackedItem]
    /// Items remembered as last mentioned after the audience's last message (or, with no last message,
    /// after the as-of date), as stored: see `NotificationPolicy`. The caller says so on stderr.
    public var misdated: [TrackedItem] = []

    public var shouldSend: Bool { decision == .send }
}

/// The notification state machine: pure, a function of what was remembered, what is true now, and the date.
///
/// - An item is **new** when the audience has not been told about it (or it was resolved since).
/// - It has **changed** when its status differs from the one last told (`due-soon` to `overdue` is an
///   escalation), or when its status is the same but its due date moved (a new period or deadline).
/// - It is due a **reminder** when it is still in a reminded status (`overdue` or `missing`) and was last
///   mentioned at least `reminderDays` ago. The test is "at least", never "exactly": after missed runs the
///   reminder goes out on the first run inside the window, and the next window starts from that message.
/// - It is **resolved** when it was told and is no longer notifiable (met, waived, done late, no longer
///   applicable, or gone). An item still notifiable that now goes to another audience (its owner gained a
///   contact address, or its owners changed) is not resolved but **handed over**: this audience is told so
///   once, and then stops hearing of it.
///
/// A message is due when any item is new, changed or due a reminder, or any is resolved or handed over, and no message has
/// gone out for this as-of date or a later one: never twice on one date, and a run with an older as-of date
/// than the last message sends nothing. A message lists every current item, so when it goes out every item's
/// `lastNotified` becomes the as-of date. Missed runs need no replay: the next run compares the state with
/// today's findings and sends one message covering the whole gap.
///
/// So no item is ever last mentioned after its audience's last message. One remembered so (a state database
/// changed by hand, or damaged) is `misdated`, and read as mentioned in that last message: taken as it
/// stands, a date after the as-of date would hold back its reminders without a word until the run's date
/// passed it. With no last message on record, one dated after the as-of date is read as never mentioned (new).
/// Either way its reminders keep to what the audience was in fact sent, and the next message stores a true date.
public struct NotificationPolicy: Sendable, Hashable {
    public var reminderDays: Int
    public var remindedStatuses: Set<Status>

    public init(reminderDays: Int = 7, remindedStatuses: Set<Status> = [.overdue, .missing]) {
        self.reminderDays = max(1, reminderDays)
        self.remindedStatuses = remindedStatuses
    }

    /// `elsewhere`: the items still notifiable in the record but routed to other audiences.
    public func plan(state: AudienceState, current: [CurrentItem], asOf: CivilDate,
                     elsewhere: Set<ItemKey> = []) -> NotificationPlan {
        var told: [ItemKey: TrackedItem] = [:]
        var misdated: [TrackedItem] = []
        for item in state.items {
            guard item.lastNotified > (state.lastSentOn ?? asOf) else {
                told[item.key] = item
                continue
            }
            misdated.append(item)
            guard let lastMessage = state.lastSentOn else { continue }
            var read = item
            read.lastNotified = lastMessage
            read.firstNotified = min(item.firstNotified, lastMessage)
            told[item.key] = read
        }

        var seen = Set<ItemKey>()
        var planned: [PlannedItem] = []
        var next: [TrackedItem] = []
        for item in current where seen.insert(item.key).inserted {
            let previous = told[item.key]
            let change: ItemChange
            if let previous {
                if previous.status != item.status {
                    change = .statusChanged(from: previous.status)
                } else if previous.due != item.due {
                    change = .dueChanged(from: previous.due)
                } else if remindedStatuses.contains(item.status), previous.lastNotified.days(until: asOf) >= reminderDays {
                    change = .reminder(lastNotified: previous.lastNotified)
                } else {
                    change = .unchanged(lastNotified: previous.lastNotified)
                }
            } else {
                change = .new
            }
            planned.append(PlannedItem(item: item, change: change))
            next.append(TrackedItem(key: item.key, title: item.title, label: item.label, status: item.status, due: item.due,
                                    firstNotified: previous?.firstNotified ?? asOf, lastNotified: asOf))
        }
        let resolved = state.items.filter { !seen.contains($0.key) && !elsewhere.contains($0.key) }.sorted { $0.key < $1.key }
        let handedOver = state.items.filter { !seen.contains($0.key) && elsewhere.contains($0.key) }.sorted { $0.key < $1.key }

        let decision: NotificationPlan.Decision
        if let last = state.lastSentOn, last >= asOf {
            decision = .alreadySent(on: last)
        } else if planned.contains(where: { $0.change.isNews }) || !resolved.isEmpty || !handedOver.isEmpty {
            decision = .send
        } else {
            decision = .nothingNew
        }
        return NotificationPlan(asOf: asOf, decision: decision, items: planned, resolved: resolved, handedOver: handedOver,
                                nextItems: next.sorted { $0.key < $1.key }, misdated: misdated)
    }
}
