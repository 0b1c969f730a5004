import RuleEngine

/// An audience whose last message is recorded as of 31 December 9999, the last day a date can name, met
/// by a run dated before it. notify sends only for a date after an audience's last message, and no run
/// can be dated after this one, so the "sent ahead" warning would repeat every morning while the
/// audience was never mailed again: the run is refused instead (exit 2), as for damaged state.
///
/// Only a run dated 9999-12-31 (`--as-of`) writes that date, so it is almost surely a slip or a hand
/// edit; a run dated that day itself is not refused, since for it the message is simply already sent.
public struct SentOnTheLastDay: Error, Sendable, CustomStringConvertible {
    /// The audience's row, as `DamagedState` names it: partnership, audience.
    public var row: String

    public init(partnership: String, audience: String) {
        row = "\(Suggestion.escapingControls(partnership)), \(Suggestion.escapingControls(audience))"
    }

    /// Whether a run dated `asOf` is refused for an audience last sent a message as of `lastSentOn`.
    public static func refuses(lastSentOn: CivilDate?, asOf: CivilDate) -> Bool {
        lastSentOn == CivilDate.latest && asOf < CivilDate.latest
    }

    public var description: String {
        "damaged: audience.last_sent_on of \(row) holds \"\(CivilDate.latest.iso)\", the last day a date can name: notify "
            + "sends only for a date after an audience's last message and no run can be dated after that one, so this "
            + "audience will never be mailed again until that row is corrected (to the as-of date of its last real "
            + "message, in table delivery); only a run dated \(CivilDate.latest.iso) writes it, so most likely it was "
            + "given that --as-of by mistake, or the file was changed by something else"
    }
}
