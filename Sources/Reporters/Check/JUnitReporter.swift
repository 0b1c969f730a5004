import RuleEngine

/// Renders a ``Report`` as JUnit XML for CI dashboards (output-conventions.md §4.2).
///
/// One `<testsuite>` per record and one `<testcase>` per finding, named by rule id and subject, with the
/// pack as `classname`. A finding whose level is at or above ``failOn`` is a `<failure>`; not-applicable
/// and waived findings are `<skipped>`; every other finding passes, with its details in `<system-out>`
/// unless it is met. The counts on each element match its children, and the root carries only
/// `name tests failures errors time` (the attributes every consumer's schema accepts).
/// The output depends only on the report and the options. The root's counts come first but are
/// known only at the end: they are the stream's ``prologue(_:count:)``, written before the suites
/// once every record has been placed, so no suite is held back.
public struct JUnitReporter: CheckStream, Sendable {
    /// The lowest level that fails a test case; nil never fails one (`--fail-on never`).
    public var failOn: Severity?
    /// Totals over the suites placed so far, for the root element.
    private var total = 0
    private var failures = 0

    public init(failOn: Severity? = .error) {
        self.failOn = failOn
    }

    /// Whether `finding` is reported as a failure under ``failOn``.
    public func fails(_ finding: Finding) -> Bool {
        guard let failOn, let level = finding.level else { return false }
        return level >= failOn
    }

    // The XML document: a declaration, the root element with the totals, one suite per record,
    // and a trailing newline.

    public mutating func opening(_ report: Report) -> String {
        total = 0
        failures = 0
        return ""
    }

    public func body(_ record: RecordResult, of report: Report) -> String {
        suite(record, report: report).joined(separator: "\n")
    }

    public mutating func place(_ body: String, of record: RecordResult, position: Int) -> String {
        total += record.findings.count
        failures += record.findings.filter(fails).count
        return body + "\n"
    }

    public mutating func closing(_ report: Report, count: Int) -> String {
        "</testsuites>\n"
    }

    public func prologue(_ report: Report, count: Int) -> String {
        #"<?xml version="1.0" encoding="UTF-8"?>"# + "\n<testsuites" + attributes([
            ("name", report.toolName), ("tests", "\(total)"), ("failures", "\(failures)"),
            ("errors", "0"), ("time", "0"),
        ]) + ">\n"
    }

    // MARK: Parts

    private func suite(_ record: RecordResult, report: Report) -> [String] {
        let skipped = record.findings.filter { Self.isSkipped($0.status) }.count
        let name = record.name.map { "\(CheckWording.singleLine($0)) (\(record.file))" } ?? record.file
        var lines = [
            "  <testsuite" + attributes([
                ("name", name), ("tests", "\(record.findings.count)"),
                ("failures", "\(record.findings.filter(fails).count)"), ("errors", "0"),
                ("skipped", "\(skipped)"), ("time", "0"), ("file", record.file),
            ]) + ">",
            "    <properties>",
        ]
        var properties: [(String, String)] = [("as-of", report.asOf.iso), ("file", record.file), ("sha256", record.sha256)]
        if let partnership = record.name { properties.append(("partnership", partnership)) }
        properties.append(("tool", "\(report.toolName) \(report.toolVersion)"))
        properties += report.packs.map { ("pack", "\($0.id) \($0.version)") }
        properties.append(("fail-on", failOn?.rawValue ?? "never"))
        lines += properties.map { "      <property" + attributes([("name", $0.0), ("value", $0.1)]) + "/>" }
        lines.append("    </properties>")

        let covering = record.coveringWaivers
        // Owners by name, as the text output and the report give them.
        let partnerNames = RecordLookup.ownerNames(record.record)
        for finding in record.findings {
            lines += testcase(finding, waiver: covering.waiver(covering: finding), partnerNames: partnerNames)
        }

        let expired = record.waivers.filter { $0.state == .expired }
        if !expired.isEmpty {
            var text = ["Expired waivers:"]
            for waiver in expired {
                text.append("[EXPIRED WAIVER] " + CheckWording.titleLine(waiver))
                text += CheckWording.render(CheckWording.fields(of: waiver, file: record.file), indent: "  ")
            }
            lines.append("    <system-out>" + CheckXML.text(text.joined(separator: "\n")) + "</system-out>")
        }
        lines.append("  </testsuite>")
        return lines
    }

    private func testcase(_ finding: Finding, waiver: WaiverOutcome?, partnerNames: [String: String]) -> [String] {
        var name = CheckWording.singleLine(finding.rule)
        if let subject = finding.subject { name += " (\(CheckWording.singleLine(subject)))" }
        var attributes: [(String, String)] = [("name", name), ("classname", finding.pack)]
        if let evidence = finding.evidence.first {
            attributes += [("file", evidence.file), ("line", "\(evidence.line)")]
        }
        attributes.append(("time", "0"))
        let open = "    <testcase" + self.attributes(attributes)

        let details = ["[\(CheckWording.tag(finding.status))] " + CheckWording.titleLine(finding)]
            + CheckWording.render(CheckWording.fields(of: finding, waiver: waiver, partnerNames: partnerNames), indent: "  ")
        let body = CheckXML.text(details.joined(separator: "\n"))
        let message = CheckWording.singleLine(finding.message)

        let child: String
        if fails(finding) {
            let level = finding.level.map { " (\($0.rawValue))" } ?? ""
            let summary = "\(CheckWording.heading(finding.status))\(level)" + (message.isEmpty ? "" : ": \(message)")
            child = "<failure" + self.attributes([("type", finding.status.rawValue), ("message", summary)]) + ">"
                + body + "</failure>"
        } else if Self.isSkipped(finding.status) {
            var summary = CheckWording.heading(finding.status)
            if let waiver { summary += " until \(waiver.until.longForm)" }
            if !message.isEmpty { summary += ": \(message)" }
            child = "<skipped" + self.attributes([("message", summary)]) + "/>"
        } else if finding.status != .met {
            child = "<system-out>" + body + "</system-out>"
        } else {
            return [open + "/>"]
        }
        return [open + ">", "      " + child, "    </testcase>"]
    }

    private static func isSkipped(_ status: Status) -> Bool {
        status == .notApplicable || status == .waived
    }

    private func attributes(_ pairs: [(String, String)]) -> String {
        pairs.map { " \($0.0)=\"\(CheckXML.attribute($0.1))\"" }.joined()
    }
}
