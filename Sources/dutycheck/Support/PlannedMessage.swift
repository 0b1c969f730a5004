import Reporters
import RuleEngine
import StateStore

/// A message whose audience and items are decided (against the state database, one at a time) but
/// which is not yet written. Writing it is the costly part, so a batch of them is built on every core.
struct PlannedMessage: Sendable {
    var settings: NotificationSettings
    var audience: NotificationAudience
    var asOf: CivilDate
    var entries: [NotificationEntry]
    var resolved: [ResolvedEntry]
    var recordFile: String
    var date: MailDate
    var token: String
    /// What the audience will have been told once the message is sent.
    var plan: NotificationPlan

    /// The message and its bytes, with lines ending in `lineEnding`.
    func built(lineEnding: MIMEMessage.LineEnding) -> (message: MIMEMessage, bytes: [UInt8]) {
        let content = NotificationEmail.content(settings: settings, audience: audience, asOf: asOf, entries: entries,
                                                resolved: resolved, recordFile: recordFile, toolVersion: ToolInfo.version)
        let message = NotificationEmail.message(settings: settings, audience: audience, asOf: asOf, content: content,
                                                date: date, token: token)
        return (message, message.bytes(lineEnding: lineEnding))
    }
}
