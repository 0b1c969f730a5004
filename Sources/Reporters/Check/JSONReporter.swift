import RuleEngine

/// Renders a ``Report`` as the versioned JSON document of DESIGN.md §6.
///
/// The output is stable: keys sorted, every finding key present (`null` where it does not apply), dates
/// as ISO `YYYY-MM-DD` strings, findings and waivers in the order the report holds them, and a trailing
/// newline. A pure function of the report.
public struct JSONReporter: CheckStream, Sendable {
    /// The `schemaVersion` written at the top of every document.
    public static let schemaVersion = 1

    public init() {}

    // The document is one object whose keys, sorted, are asOf, packs, records, schemaVersion and
    // tool; the records are written one at a time between the members before and after them.

    public func opening(_ report: Report) -> String {
        var out = JSONText()
        out.append("{\n")
        Self.member("asOf", .string(report.asOf.iso), to: &out)
        Self.member("packs", .array(report.packs.map { pack in
            .object(["id": .string(pack.id), "version": .string(pack.version), "sha256": .string(pack.sha256)])
        }), to: &out)
        out.indent(1)
        out.appendQuoted("records")
        out.append(": ")
        return out.string
    }

    public func body(_ record: RecordResult, of report: Report) -> String {
        var out = JSONText()
        out.indent(2)
        Self.record(record).write(to: &out, indent: 2)
        return out.string
    }

    public func place(_ body: String, of record: RecordResult, position: Int) -> String {
        (position == 0 ? "[\n" : ",\n") + body
    }

    public func closing(_ report: Report, count: Int) -> String {
        var out = JSONText()
        if count == 0 {
            out.append("[],\n")
        } else {
            out.append("\n")
            out.indent(1)
            out.append("],\n")
        }
        Self.member("schemaVersion", .int(Self.schemaVersion), to: &out)
        Self.member("tool", .object(["name": .string(report.toolName), "version": .string(report.toolVersion)]),
                    to: &out, last: true)
        out.append("}\n")
        return out.string
    }

    /// One member of the top-level object, on its own line.
    private static func member(_ key: String, _ value: CheckJSON, to out: inout JSONText, last: Bool = false) {
        out.indent(1)
        out.appendQuoted(key)
        out.append(": ")
        value.write(to: &out, indent: 1)
        out.append(last ? "\n" : ",\n")
    }

    // Members are listed in key order, which the writer then need not sort (it would if they were not).

    static func record(_ record: RecordResult) -> CheckJSON {
        let counts = record.summary
        return .object([
            "file": .string(record.file),
            "findings": .array(record.findings.map(finding)),
            "name": .nullable(record.name),
            "sha256": .string(record.sha256),
            "summary": .object(JSONMembers(Status.allCases.map {
                ($0.rawValue, CheckJSON.int(counts[$0, default: 0]))
            })),
            "waivers": .array(record.waivers.map(waiver)),
        ])
    }

    static func finding(_ finding: Finding) -> CheckJSON {
        .object([
            "basis": .array(finding.basis.map { citation in
                .object(["id": .string(citation.id), "title": .string(citation.title), "url": .string(citation.url)])
            }),
            "days": .nullable(finding.days),
            "done": .nullable(finding.done?.iso),
            "due": .nullable(finding.due?.iso),
            "evidence": .array(finding.evidence.map { evidence in
                .object([
                    "column": .int(evidence.column),
                    "file": .string(evidence.file),
                    "line": .int(evidence.line),
                    "path": .string(evidence.path),
                ])
            }),
            "level": .nullable(finding.level?.rawValue),
            "message": .string(finding.message),
            "owners": .array(finding.owners.map { .string($0) }),
            "pack": .string(finding.pack),
            "remedy": .nullable(finding.remedy),
            "rule": .string(finding.rule),
            "severity": .string(finding.severity.rawValue),
            "status": .string(finding.status.rawValue),
            "subject": .nullable(finding.subject),
            "title": .string(finding.title),
        ])
    }

    static func waiver(_ waiver: WaiverOutcome) -> CheckJSON {
        .object([
            "rule": .string(waiver.rule),
            "status": .string(waiver.state.rawValue),
            "subject": .nullable(waiver.subject),
            "until": .string(waiver.until.iso),
        ])
    }
}
