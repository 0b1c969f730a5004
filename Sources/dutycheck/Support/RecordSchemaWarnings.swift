import Foundation
import RuleEngine
import YAMLTree

/// The shipped record schema, checked by every command that evaluates records with the shipped
/// packs. Without it a misspelt key (`aproved:`) or a value of the wrong shape is read as "not recorded"
/// and the findings change without a word. Its problems are warnings on stderr, not errors: the
/// record is still checked (DESIGN.md §3: checking never fails on keys no rule reads), and
/// `dutycheck validate` is the command that refuses such a record.
struct RecordSchemaWarnings: Sendable {
    let validator: SchemaValidator
    /// Only the warnings that will be printed get their snippet (a record with 90,000 unknown keys
    /// would otherwise have 90,000 built); a bad setting is reported when the run ends.
    let limit = (try? DiagnosticLimit.read(environment: ProcessInfo.processInfo.environment)) ?? .standard

    /// The warnings for records checked against `rules`: nil unless every pack is a shipped one
    /// (built in, or by id from `--rules`), since the schema describes the record the shipped
    /// packs read and other packs may read keys it does not know.
    static func forRules(_ rules: RuleSet, builtIn: Bool) -> RecordSchemaWarnings? {
        guard builtIn || rules.packs.allSatisfy({ shippedPackIDs.contains($0.info.id) }),
              let validator = try? SchemaValidator(schema: Array(EmbeddedRules.recordSchema.utf8), file: "record.schema.json")
        else { return nil }
        return RecordSchemaWarnings(validator: validator)
    }

    /// The ids of the packs built into dutycheck.
    static let shippedPackIDs: Set<String> = {
        let files = EmbeddedRules.packs.map { ($0.name, Array($0.text.utf8)) }
        return Set(((try? RuleSet.load(files: files))?.packs ?? []).map(\.info.id))
    }()

    /// The record's schema problems as warnings, each with its source line and caret. `bytes` are
    /// the record's, for the snippets.
    func warnings(for record: Record, bytes: [UInt8]) -> [WarningLog.Entry] {
        let problems = validator.validate(record.root, file: record.file)
        guard !problems.isEmpty else { return [] }
        let source = SourceText(bytes: bytes)
        return problems.sortedByPlace().enumerated().map { index, problem in
            var warning = problem
            warning.severity = .warning
            let printed = limit.perFile.map { index < $0 } ?? true
            return WarningLog.Entry(diagnostic: warning, text: printed ? warning.rendered(in: source) : warning.description)
        }
    }
}
