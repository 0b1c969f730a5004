import Foundation
import RuleEngine
import YAMLTree

/// The record fields that `report` and `calendar` show as they find them: the board meetings (which
/// set the report's "due before the next meeting" window), the partnership's name and contact name,
/// partners' ids and names, and plans' titles.
///
/// Those readers take anything unexpected as not recorded, so a malformed field would quietly change
/// what the board is shown. They are checked first, against the record schema's own definitions of
/// them, so that a malformed one is an error at its place, worded as `validate` words it. Only they
/// are: `meetings` is kept for reports alone and is checked whole, but the other sections are the rule
/// packs' to judge (a plan or partner list they cannot read is a finding, not bad input), so there
/// only a field that is present, in an entry that is a mapping, is checked. A field that is absent is
/// simply not recorded.
enum ReportedFields {
    /// Every place the fields of `record` break the record schema.
    static func problems(in record: YAMLNode, file: String) -> [Diagnostic] {
        validator.validate(record, file: file)
    }

    /// The shipped record schema cut down to those fields.
    private static let validator: SchemaValidator = {
        guard let schema = try? JSONSerialization.jsonObject(with: Data(EmbeddedRules.recordSchema.utf8)) as? [String: Any],
              let projection = projection(of: schema),
              let bytes = try? JSONSerialization.data(withJSONObject: projection),
              let validator = try? SchemaValidator(schema: Array(bytes), file: "record.schema.json (built in)") else {
            // The schema is built into the tool, so this is a fault in the tool, which the tests
            // catch, not in anything a user gave it.
            fatalError("the built-in record schema does not define the fields reports show")
        }
        return validator
    }()

    /// A schema with `schema`'s definitions of the fields, and above them only "if this is a mapping
    /// (or list), its field (or entries)": no `type`, `required` or `additionalProperties`. Nil when
    /// `schema` does not define one of the fields.
    static func projection(of schema: [String: Any]) -> [String: Any]? {
        func at(_ keys: String...) -> Any? {
            keys.reduce(schema as Any?) { ($0 as? [String: Any])?[$1] }
        }
        guard let definitions = at("$defs"), let meetings = at("properties", "meetings"),
              let partnershipName = at("properties", "partnership", "properties", "name"),
              let contactName = at("$defs", "contact", "properties", "name"),
              let partnerID = at("properties", "partners", "items", "properties", "id"),
              let partnerName = at("properties", "partners", "items", "properties", "name"),
              let planTitle = at("properties", "plans", "items", "properties", "title") else { return nil }
        func fields(_ properties: [String: Any]) -> [String: Any] { ["properties": properties] }
        return [
            "$defs": definitions,
            "properties": [
                "meetings": meetings,
                "partnership": fields(["name": partnershipName, "contact": fields(["name": contactName])]),
                "partners": ["items": fields(["id": partnerID, "name": partnerName])],
                "plans": ["items": fields(["title": planTitle])],
            ],
        ]
    }
}
