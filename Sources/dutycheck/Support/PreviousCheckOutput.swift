import Foundation
import RuleEngine
import Reporters
import YAMLTree

/// Reads an earlier `dutycheck check --format json` output back as the findings a previous report
/// showed, for the "changes since the last report" section.
///
/// Every field read must have the type the check writes: a finding whose subject or title is not
/// text was once passed over, and the changes then listed it as new or resolved when it was not.
enum PreviousCheckOutput {
    static func changes(from path: String, for record: RecordResult, asOf: CivilDate) throws(InputFailure) -> ChangesSinceLastReport {
        let bytes = try InputFiles.read(path, limit: InputFiles.previousCheckOutputLimit)
        /// Where in the file the value that `steps` lead to starts; for a member that is not there,
        /// the object that lacks it.
        func position(_ steps: [JSONStep]?) -> SourceLocation? {
            guard var steps else { return nil }
            while true {
                if let offset = JSONValuePosition.offset(of: steps, in: bytes) {
                    return SourceText(bytes: bytes).location(ofByteOffset: offset)
                }
                guard !steps.isEmpty else { return nil }
                steps.removeLast()
            }
        }
        func failure(_ message: String, at location: SourceLocation?) -> InputFailure {
            // Kept so that the error shows the line it points at.
            if location != nil { SourceCache.shared.store(bytes, for: path) }
            return InputFailure([Diagnostic(file: path, location: location, message: message)])
        }
        func bad(_ why: String, at location: SourceLocation? = nil) -> InputFailure {
            failure("is not the JSON output of `dutycheck check --format json`: \(why)", at: location)
        }
        // Foundation's parser says only that such a file does not parse; this says where.
        if let offset = UTF8Validation.firstInvalidOffset(bytes) {
            throw bad("it is not UTF-8 text (the byte here is not valid UTF-8)", at: SourceText(bytes: bytes).location(ofByteOffset: offset))
        }
        // NUL is valid UTF-8, but JSON text never holds it raw: here it means UTF-16 or UTF-32 without a
        // byte-order mark, which Foundation would otherwise guess its way through.
        if let offset = bytes.firstIndex(of: 0) {
            throw bad("it holds NUL bytes, as text saved as UTF-16 or UTF-32 does; the check writes UTF-8",
                      at: SourceText(bytes: bytes).location(ofByteOffset: offset))
        }
        let json: Any
        // Fragments are read, so that `null` or `1` is called what it is, not a file that does not parse.
        do { json = try JSONSerialization.jsonObject(with: Data(bytes), options: .fragmentsAllowed) } catch {
            throw bad("it does not parse as JSON", at: JSONErrorLocation.location(of: error, in: bytes))
        }
        guard let object = json as? [String: Any] else { throw bad("it is not a JSON object") }
        let document = JSONFields(object: object, steps: [])
        let previousAsOf: CivilDate, records: [JSONFields]
        var matching: [JSONFields] = []
        var names: [String?] = []
        do throws(JSONFields.Problem) {
            try identify(document)
            guard let written = try document.date("asOf") else { throw document.absent("asOf") }
            previousAsOf = written
            records = try document.objects("records")
            for candidate in records {
                let name = try candidate.text("name")
                names.append(name)
                if let current = record.name, name == current { matching.append(candidate) }
            }
        } catch {
            throw bad(error.message, at: position(error.steps))
        }
        if previousAsOf > asOf {
            throw failure("is the check as of \(previousAsOf.iso), after this report's as-of date \(asOf.iso): "
                + "--since takes the output of an earlier check", at: position([.key("asOf")]))
        }
        let chosen: JSONFields
        if matching.count == 1 {
            chosen = matching[0]
        } else if matching.isEmpty && records.count == 1 {
            // One record, with no name on one side to tell: taken as this partnership's. Named for
            // another partnership, it would compare two partnerships' findings as if they were one's.
            if let current = record.name, let other = names[0] {
                throw failure("its one record is for \(Suggestion.escapingControls(other)), not \(current): "
                    + "--since takes an earlier check of this partnership's record", at: position(records[0].steps + [.key("name")]))
            }
            chosen = records[0]
        } else {
            throw InputFailure(file: path, matching.isEmpty
                ? "none of its \(records.count) records is for \(record.name ?? "this partnership")"
                : "it holds \(matching.count) records for \(record.name ?? "this partnership"); keep one")
        }
        do {
            return ChangesSinceLastReport(previousAsOf: previousAsOf, previous: try snapshots(chosen), current: record.findings)
        } catch {
            throw bad(error.message, at: position(error.steps))
        }
    }

    /// Checks that the document says it is a check's output in the one version this tool reads: any
    /// JSON object holding `records` would otherwise be read as one, and a later version's fields
    /// could mean something else.
    private static func identify(_ document: JSONFields) throws(JSONFields.Problem) {
        let known = JSONReporter.schemaVersion
        guard let version = try document.integer("schemaVersion") else {
            throw document.absent("schemaVersion")
        }
        if version > known {
            throw JSONFields.Problem(message: "its schemaVersion \(version) is newer than this dutycheck reads (\(known)); use a newer dutycheck",
                                     at: [.key("schemaVersion")])
        }
        if version != known {
            throw JSONFields.Problem(message: "its schemaVersion \(version) is not one this dutycheck reads (\(known))", at: [.key("schemaVersion")])
        }
        guard let tool = try document.object("tool") else { throw document.absent("tool") }
        let name = try tool.requiredText("name")
        if name != ToolInfo.name {
            throw JSONFields.Problem(message: "tool.name is \(Suggestion.quoted(name)), not \"\(ToolInfo.name)\"", at: [.key("tool"), .key("name")])
        }
    }

    /// The findings of one record of the file, as the report then showed them.
    private static func snapshots(_ record: JSONFields) throws(JSONFields.Problem) -> [FindingSnapshot] {
        var snapshots: [FindingSnapshot] = []
        for finding in try record.objects("findings") {
            let rule = try finding.requiredText("rule")
            guard let status = try finding.choice("status", Status.self) else { throw finding.absent("status") }
            snapshots.append(FindingSnapshot(rule: rule, subject: try finding.text("subject"),
                                             title: try finding.text("title") ?? rule, status: status,
                                             due: try finding.date("due"),
                                             confidence: try finding.choice("confidence", Confidence.self),
                                             severity: try finding.choice("severity", Severity.self),
                                             label: try finding.text("label"), done: try finding.date("done"),
                                             pack: try finding.text("pack")))
        }
        return snapshots
    }
}
