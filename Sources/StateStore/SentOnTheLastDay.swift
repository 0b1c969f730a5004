import RuleEngine

/// An audience whose last message is recorded as of 31 December 9999, the last day a date can name, met
/// by a run dated before it. notify sends only for a date after an audience's last message, and no run
/// can be dated after this one, so the "sent ahead" warning would repeat every morning while the
/// audience was never mailed again: the run is refused instead (exit 2), as for damaged state.
///
/// notify refuses to record a message as of that day, so the row was changed by hand or written by
/// an older dutycheck; a run dated that day itself (a dry run) is not refused, since for it the message
/// is simply already sent.
public struct SentOnTheLastDay: Error, Sendable, CustomStringConvertible {
    /// The audience's row, as `DamagedState` names it: partnership, audience.
    public var row: String

    public init(partnership: String, audience: String) {
        row = DamagedState.audienceRow(partnership: partnership, audience: audience)
    }

    /// Whether a run dated `asOf` is refused for an audience last sent a message as of `lastSentOn`.
    public static func refuses(lastSentOn: CivilDate?, asOf: CivilDate) -> Bool {
        lastSentOn == CivilDate.latest && asOf < CivilDate.latest
    }

    public var description: String {
        "refused: audience.last_sent_on of \(row) holds \"\(CivilDate.latest.iso)\", the last day a date can name: notify "
            + "sends only for a date after an audience's last message and no run can be dated after that one, so this "
            + "audience will never be mailed again until that row is corrected (to the as-of date of its last real "
            + "message, in table delivery); notify no longer records a message as of that day, so the row was "
            + "changed by hand or written by an older dutycheck"
    }
}
