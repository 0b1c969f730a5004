import RuleEngine
import StateStore

/// What a run says on stderr of an item the state database remembers as mentioned after its audience's
/// last message (`NotificationPlan.misdated`): no run writes that, so the database was changed by hand or
/// damaged, and cron's mail should say how the date was read rather than let a reminder go quiet.
enum MisdatedItemWarning {
    static func text(_ item: TrackedItem, lastMessage: CivilDate?, asOf: CivilDate, partnership: String, audience: String,
                     database: String) -> String {
        let which = "\(Suggestion.escapingControls(item.key.description)) "
            + "(\(DamagedState.audienceRow(partnership: partnership, audience: audience)))"
        let head = "dutycheck: warning: \(database): item.last_notified_on of \(which) is \(item.lastNotified.iso), "
        guard let lastMessage else {
            return head + "after this run's date of \(asOf.iso), and audience.last_sent_on records no message: "
                + "it is read as never mentioned, so the item counts as new\n"
        }
        return head + "after the audience's last message, as of \(lastMessage.iso) (audience.last_sent_on), which "
            + "mentioned every item it then had: it is read as \(lastMessage.iso), so the item's reminders are not held back\n"
    }
}
