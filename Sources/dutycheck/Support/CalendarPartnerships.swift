import Reporters
import RuleEngine
import YAMLTree

/// The partnerships of a calendar, each given by one record only. An event's UID is derived from its
/// partnership's name, so two records giving one name (or one record given twice) would write every
/// event twice, under UIDs that differ only to keep them apart.
struct CalendarPartnerships {
    /// The names admitted, in no order.
    private(set) var names: Set<String> = []
    private var claimed = PartnershipNames()
    /// Each record without a partnership name, by the file it is, with the path it was first given
    /// by: such a record is named after that path, so another spelling of it would be another name.
    private var unnamed: [FileIdentity: String] = [:]

    /// Notes the partnership of `record`; the problem when another record already gave its name.
    mutating func admit(_ record: RecordResult) -> Diagnostic? {
        let name = DeadlineCalendar.partnershipName(record)
        // Named after its path: it has no partnership name.
        if name == record.file, let identity = FileIdentity(path: record.file) {
            if let first = unnamed[identity] {
                let given = first == record.file ? "is given twice" : "is \(MessageText.escaped(first)) again, given by another path"
                return Diagnostic(file: record.file, location: nil, message: "\(given): a record with no partnership name is "
                    + "named after the path it is given by, and its events' UIDs are derived from that name, so each of its "
                    + "events would be written twice; give it once, or record partnership.name")
            }
            unnamed[identity] = record.file
        }
        if let problem = claimed.claim(name, file: record.file, root: record.record,
                                       reason: "each partnership needs its own name, from which its events' UIDs are derived, "
                                           + "so two records with one name would write each event twice") {
            return problem
        }
        names.insert(name)
        return nil
    }
}
