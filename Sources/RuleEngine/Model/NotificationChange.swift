/// Why an item appears in a message, relative to what the audience was last told.
public enum NotificationChange: Sendable, Hashable {
    /// Not mentioned before (or mentioned, resolved, and back again).
    case new
    /// Mentioned before with another status.
    case statusChanged(from: Status)
    /// Same status, but its due date moved (a new period or deadline).
    case dueChanged(from: CivilDate?)
    /// Still overdue or missing, and last mentioned at least a reminder interval ago.
    case reminder(lastNotified: CivilDate)
    /// Mentioned before and nothing has changed; listed so that the message gives the whole picture.
    case unchanged(lastNotified: CivilDate)

    /// Whether this change on its own is a reason to send a message.
    public var isNews: Bool {
        if case .unchanged = self { return false }
        return true
    }
}
