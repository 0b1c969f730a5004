import RuleEngine

/// Renders a ``Report`` as the versioned JSON document of DESIGN.md §6.
///
/// The output is stable: keys sorted, every finding key present (`null` where it does not apply), dates
/// as ISO `YYYY-MM-DD` strings, findings and waivers in the order the report holds them, and a trailing
/// newline. A pure function of the report.
public struct JSONReporter: Sendable {
    /// The `schemaVersion` written at the top of every document.
    public static let schemaVersion = 1

    public init() {}

    /// The JSON document for `report`.
    public func render(_ report: Report) -> String {
        Self.document(report).document
    }

    static func document(_ report: Report) -> CheckJSON {
        .object([
            "schemaVersion": .int(schemaVersion),
            "tool": .object(["name": .string(report.toolName), "version": .string(report.toolVersion)]),
            "asOf": .string(report.asOf.iso),
            "packs": .array(report.packs.map { pack in
                .object(["id": .string(pack.id), "version": .string(pack.version), "sha256": .string(pack.sha256)])
            }),
            "records": .array(report.records.map(record)),
        ])
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
