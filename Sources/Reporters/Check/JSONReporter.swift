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
        var out = JSONWriter()
        out.beginObject()
        out.member("asOf", report.asOf.iso)
        out.member("packs", each: report.packs) { out, pack in
            out.object { out in
                out.member("id", pack.id)
                out.member("sha256", pack.sha256)
                out.member("version", pack.version)
            }
        }
        out.key("records")
        return out.string
    }

    public func body(_ record: RecordResult, of report: Report) -> String {
        var out = JSONWriter(level: 2)
        out.indent()
        Self.write(record, to: &out)
        return out.string
    }

    public func place(_ body: String, of record: RecordResult, position: Int) -> String {
        (position == 0 ? "[\n" : ",\n") + body
    }

    public func closing(_ report: Report, count: Int) -> String {
        // The rest of the document's object: its writer stopped after the key "records".
        var out = JSONWriter(level: 1)
        if count == 0 {
            out.raw("[],\n")
        } else {
            out.raw("\n")
            out.indent()
            out.raw("],\n")
        }
        out.indent()
        out.raw("\"schemaVersion\": \(Self.schemaVersion),\n")
        out.indent()
        out.raw("\"tool\": ")
        out.beginObject()
        out.member("name", report.toolName)
        out.member("version", report.toolVersion)
        out.endObject()
        out.raw("\n}\n")
        return out.string
    }

    // Members are written in key order (code point order), as the contract requires.

    static func write(_ record: RecordResult, to out: inout JSONWriter) {
        out.beginObject()
        out.member("file", record.file)
        out.member("findings", each: record.findings) { out, finding in write(finding, to: &out) }
        out.member("name", record.name)
        out.member("sha256", record.sha256)
        out.key("summary")
        out.beginObject()
        let counts = record.summary
        for status in sortedStatuses { out.member(named: status.rawValue, counts[status, default: 0]) }
        out.endObject()
        out.member("waivers", each: record.waivers) { out, waiver in write(waiver, to: &out) }
        out.endObject()
    }

    /// The statuses in the order their names sort, for the summary's keys.
    private static let sortedStatuses = Status.allCases.sorted { JSONText.precedes($0.rawValue, $1.rawValue) }

    static func write(_ finding: Finding, to out: inout JSONWriter) {
        out.beginObject()
        out.member("basis", each: finding.basis) { out, citation in
            out.object { out in
                out.member("id", citation.id)
                out.member("title", citation.title)
                out.member("url", citation.url)
            }
        }
        out.member("confidence", finding.confidence.rawValue)
        out.member("days", finding.days)
        out.member("done", finding.done?.iso)
        out.member("due", finding.due?.iso)
        out.member("evidence", each: finding.evidence) { out, evidence in
            out.object { out in
                out.member("column", evidence.column)
                out.member("file", evidence.file)
                out.member("line", evidence.line)
                out.member("path", evidence.path)
            }
        }
        out.member("label", finding.label)
        out.member("level", finding.level?.rawValue)
        out.member("message", finding.message)
        out.key("owners")
        out.strings(finding.owners)
        out.member("pack", finding.pack)
        out.member("remedy", finding.remedy)
        out.member("rule", finding.rule)
        out.member("severity", finding.severity.rawValue)
        out.member("status", finding.status.rawValue)
        out.member("subject", finding.subject)
        out.member("title", finding.title)
        out.endObject()
    }

    static func write(_ waiver: WaiverOutcome, to out: inout JSONWriter) {
        out.beginObject()
        out.member("rule", waiver.rule)
        out.member("status", waiver.state.rawValue)
        out.member("subject", waiver.subject)
        out.member("until", waiver.until.iso)
        out.endObject()
    }
}
