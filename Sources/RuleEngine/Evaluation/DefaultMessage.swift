/// The message a finding gets when its rule gives no template for its status.
enum DefaultMessage {
    static func text(for outcome: CheckOutcome, title: String) -> String {
        switch outcome.status {
        case .met:
            if let done = outcome.done, let due = outcome.due, done <= due { return "Done on \(done.longForm)." }
            if let due = outcome.due { return "In order; next due \(due.longForm)." }
            return "In order."
        case .dueSoon:
            guard let due = outcome.due, let days = outcome.days else { return "Due soon." }
            return days == 0 ? "Due today, \(due.longForm)." : "Due in \(days) day\(days == 1 ? "" : "s"), on \(due.longForm)."
        case .overdue:
            guard let due = outcome.due, let days = outcome.days else { return "Overdue." }
            return "Overdue by \(days) day\(days == 1 ? "" : "s"): it fell due on \(due.longForm)."
        case .missing:
            return "Not in the record: \(outcome.problem ?? title)."
        case .late:
            guard let due = outcome.due, let done = outcome.done, let days = outcome.days else { return "Done late." }
            return "Done on \(done.longForm), \(days) day\(days == 1 ? "" : "s") after it fell due on \(due.longForm)."
        case .notApplicable:
            return "Does not apply to this partnership."
        case .waived:
            return "Waived."
        }
    }
}
