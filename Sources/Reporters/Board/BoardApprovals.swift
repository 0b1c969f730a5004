import RuleEngine
import YAMLTree

/// Section 5: each partner's approval of the plan, as the `partner-approval` rule found it.
///
/// Built from the findings, not from the record, so that each row has the rating, label and timing
/// the summary, section 3 and the appendix give the same finding.
struct ApprovalRound {
    /// The rule whose findings the section shows (Rules/partner-approvals.yaml).
    static let rule = "partner-approval"

    /// One finding of the rule: normally one partner.
    struct Row {
        /// The partner's name; the finding's subject when the record does not name it.
        var partner: String
        var item: BoardReportContent.Item
        /// What is wrong with the value the rule could not read, for a finding that is `missing`.
        var problem: String?
    }

    /// The title of the plan the rule read, when the record gives one.
    var plan: String?
    var due: CivilDate?
    var rows: [Row]

    /// Nil when the rule did not run or does not apply (no plan has an approval round).
    init?(items: [BoardReportContent.Item], record: YAMLNode, partners: [String: String]) {
        let shown = items.filter { $0.finding.rule == Self.rule && $0.finding.status != .notApplicable }
        guard !shown.isEmpty else { return nil }
        rows = shown.map { item in
            let finding = item.finding
            return Row(partner: finding.label ?? finding.subject.map { partners[$0] ?? $0 } ?? "No partner named", item: item,
                       problem: finding.status == .missing ? ApprovalProblem(finding, in: record)?.sentence : nil)
        }
        due = shown.lazy.compactMap(\.finding.due).first
        plan = shown.lazy.compactMap { Self.planTitle(read: $0.finding, in: record) }.first
    }

    /// The title of the plan in the finding's evidence (`plans[1]`, `plans[1].approvals.due`, ...).
    private static func planTitle(read finding: Finding, in record: YAMLNode) -> String? {
        for evidence in finding.evidence where evidence.path.hasPrefix("plans[") {
            guard let close = evidence.path.firstIndex(of: "]") else { continue }
            let plan = RecordPath.node(at: String(evidence.path[...close]), in: record)
            if let title = RecordLookup.text(RecordLookup.child(plan, "title")) { return title }
        }
        return nil
    }
}

/// Why an approval finding is `missing`, read from the value the engine names first in its
/// evidence (the value at fault), in words a board member can act on.
struct ApprovalProblem {
    enum Field {
        case approvalDate, dueDate, partnerList

        /// The field an evidence path ends in; nil for anything the rule does not read as one.
        init?(path: String) {
            if path.hasSuffix(".approved") { self = .approvalDate }
            else if path.hasSuffix(".approvals.due") { self = .dueDate }
            else if path.hasSuffix(".approvals.by") { self = .partnerList }
            else { return nil }
        }

        var name: String {
            switch self {
            case .approvalDate: "the approval date"
            case .dueDate: "the due date"
            case .partnerList: "the list of partners"
            }
        }
    }

    var sentence: String

    init?(_ finding: Finding, in record: YAMLNode) {
        guard let path = finding.evidence.first?.path, let field = Field(path: path) else { return nil }
        if RecordPath.isUnrecorded(path, in: record) {
            sentence = field == .partnerList ? "no partners are listed" : "\(field.name) is not recorded"
            return
        }
        guard let node = RecordPath.node(at: path, in: record) else { return nil }
        switch (field, node.kind) {
        case (.partnerList, .sequence(let items)) where items.isEmpty:
            sentence = "no partners are listed"
        case (.partnerList, _):
            sentence = "\(field.name) is not a list"
        case (_, .scalar):
            guard let text = RecordLookup.text(node), CivilDate(iso: text) == nil else { return nil }
            sentence = CivilDate.isWrittenISO(text)
                ? "\(field.name) \u{201C}\(text)\u{201D} is not a real day"
                : "\(field.name) \u{201C}\(text)\u{201D} is not a date written YYYY-MM-DD"
        case (_, .sequence), (_, .mapping):
            sentence = "\(field.name) is not a date"
        }
    }
}
