import Reporters
import YAMLTree

/// Admits each record's notification settings, in input order, collecting every bad one so
/// that they are reported together, and refusing a second record for a partnership already seen
/// (two records would share one notification state).
struct PartnershipGate {
    private var problems: [Diagnostic] = []
    private var names = PartnershipNames()

    /// Whether every record so far was admitted: once one is not, nothing will be sent.
    var isOpen: Bool { problems.isEmpty }

    /// The settings, when they loaded and name a partnership not seen before; nil after noting why not.
    mutating func admit(file: String, root: YAMLNode, _ settings: Result<NotificationSettings, Diagnostic>) -> NotificationSettings? {
        switch settings {
        case .failure(let problem):
            problems.append(problem)
            return nil
        case .success(let settings):
            if let problem = names.claim(settings.partnershipName, file: file, root: root,
                                         reason: "each partnership needs its own name, which keys its notification state") {
                problems.append(problem)
                return nil
            }
            return isOpen ? settings : nil
        }
    }

    /// The settings of the record whose root is `root`, or why they are bad.
    static func settings(root: YAMLNode, file: String) -> Result<NotificationSettings, Diagnostic> {
        Result { () throws(Diagnostic) in try NotificationSettings.load(record: root, file: file) }
    }

    /// Throws every problem noted, if there were any.
    func close() throws(InputFailure) {
        if !problems.isEmpty { throw InputFailure(problems) }
    }
}
