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
        var out = "{\n"
        Self.member("asOf", .string(report.asOf.iso), to: &out)
        Self.member("packs", .array(report.packs.map { pack in
            .object(["id": .string(pack.id), "version": .string(pack.version), "sha256": .string(pack.sha256)])
        }), to: &out)
        out += CheckJSON.spaces(1)
        CheckJSON.writeString("records", to: &out)
        out += ": "
        return out
    }

    public func record(_ record: RecordResult, position: Int, of report: Report) -> String {
        var out = position == 0 ? "[\n" : ",\n"
        out += CheckJSON.spaces(2)
        Self.record(record).write(to: &out, indent: 2)
        return out
    }

    public func closing(_ report: Report, count: Int) -> String {
        var out = count == 0 ? "[],\n" : "\n" + CheckJSON.spaces(1) + "],\n"
        Self.member("schemaVersion", .int(Self.schemaVersion), to: &out)
        Self.member("tool", .object(["name": .string(report.toolName), "version": .string(report.toolVersion)]),
                    to: &out, last: true)
        out += "}\n"
        return out
    }

    /// One member of the top-level object, on its own line.
    private static func member(_ key: String, _ value: CheckJSON, to out: inout String, last: Bool = false) {
        out += CheckJSON.spaces(1)
        CheckJSON.writeString(key, to: &out)
        out += ": "
        value.write(to: &out, indent: 1)
        out += last ? "\n" : ",\n"
    }

    static func record(_ record: RecordResult) -> CheckJSON {
        let counts = record.summary
        return .object([
            "file": .string(record.file),
            "sha256": .string(record.sha256),
            "name": .nullable(record.name),
            "summary": .object(Dictionary(uniqueKeysWithValues: Status.allCases.map {
                ($0.rawValue, CheckJSON.int(counts[$0, default: 0]))
            })),
            "findings": .array(record.findings.map(finding)),
            "waivers": .array(record.waivers.map(waiver)),
        ])
    }

    static func finding(_ finding: Finding) -> CheckJSON {
        .object([
            "rule": .string(finding.rule),
            "pack": .string(finding.pack),
            "title": .string(finding.title),
            "status": .string(finding.status.rawValue),
            "severity": .string(finding.severity.rawValue),
            "level": .nullable(finding.level?.rawValue),
            "subject": .nullable(finding.subject),
            "due": .nullable(finding.due?.iso),
            "done": .nullable(finding.done?.iso),
            "days": .nullable(finding.days),
            "owners": .array(finding.owners.map { .string($0) }),
            "message": .string(finding.message),
            "remedy": .nullable(finding.remedy),
            "basis": .array(finding.basis.map { citation in
                .object(["id": .string(citation.id), "title": .string(citation.title), "url": .string(citation.url)])
            }),
            "evidence": .array(finding.evidence.map { evidence in
                .object([
                    "path": .string(evidence.path),
                    "file": .string(evidence.file),
                    "line": .int(evidence.line),
                    "column": .int(evidence.column),
                ])
            }),
        ])
    }

    static func waiver(_ waiver: WaiverOutcome) -> CheckJSON {
        .object([
            "rule": .string(waiver.rule),
            "subject": .nullable(waiver.subject),
            "until": .string(waiver.until.iso),
            "status": .string(waiver.state.rawValue),
        ])
    }
}
