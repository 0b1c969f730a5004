import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Reporters
import RuleEngine
import Testing

@Suite("check reporters: JSON structure")
struct CheckJSONStructureTests {
    static let findingKeys: Set<String> = [
        "rule", "pack", "title", "status", "severity", "level", "confidence", "subject", "label", "due", "done", "days", "owners",
        "message", "remedy", "basis", "evidence",
    ]

    func parse(_ report: Report) throws -> [String: Any] {
        let text = JSONReporter().render(report)
        let object = try JSONSerialization.jsonObject(with: Data(text.utf8))
        return try #require(object as? [String: Any])
    }

    func records(_ root: [String: Any]) throws -> [[String: Any]] {
        try #require(root["records"] as? [[String: Any]])
    }

    @Test("the envelope has exactly the contract's keys")
    func envelope() throws {
        let root = try parse(CheckFixture.report)
        #expect(Set(root.keys) == ["schemaVersion", "tool", "asOf", "packs", "records"])
        #expect(root["schemaVersion"] as? Int == 1)
        #expect(root["asOf"] as? String == "2024-04-02")
        let tool = try #require(root["tool"] as? [String: Any])
        #expect(tool["name"] as? String == "dutycheck")
        #expect(tool["version"] as? String == "0.1.0")
        let packs = try #require(root["packs"] as? [[String: Any]])
        #expect(packs.map { Set($0.keys) } == [["id", "version", "sha256"], ["id", "version", "sha256"]])
        for record in try records(root) {
            #expect(Set(record.keys) == ["file", "sha256", "name", "summary", "findings", "waivers"])
        }
    }

    @Test("every finding has every key, with null where it does not apply")
    func everyKeyOnEveryFinding() throws {
        let records = try records(try parse(CheckFixture.report))
        let findings = records.flatMap { ($0["findings"] as? [[String: Any]]) ?? [] }
        #expect(findings.count == CheckFixture.findings.count + 1)
        for finding in findings {
            #expect(Set(finding.keys) == Self.findingKeys)
        }
        let missing = try #require(findings.first { $0["rule"] as? String == "serious-violence-strategy" })
        for key in ["subject", "due", "done", "days", "remedy"] {
            #expect(missing[key] is NSNull, "\(key) should be null")
        }
        #expect(missing["level"] as? String == "error")
        #expect((missing["evidence"] as? [Any])?.isEmpty == true)
        #expect((missing["owners"] as? [Any])?.isEmpty == true)

        let notApplicable = try #require(findings.first { $0["status"] as? String == "not-applicable" })
        #expect(notApplicable["level"] is NSNull)

        let overdue = try #require(findings.first { $0["status"] as? String == "overdue" })
        #expect(overdue["subject"] as? String == "met-police")
        #expect(overdue["due"] as? String == "2024-03-31")
        #expect(overdue["days"] as? Int == 2)
        let evidence = try #require((overdue["evidence"] as? [[String: Any]])?.first)
        #expect(Set(evidence.keys) == ["path", "file", "line", "column"])
        #expect(evidence["line"] as? Int == 40)
        let basis = try #require((overdue["basis"] as? [[String: Any]])?.first)
        #expect(Set(basis.keys) == ["id", "title", "url"])
    }

    @Test("findings keep their order and hostile text survives a round trip")
    func orderAndText() throws {
        let record = try #require(try records(try parse(CheckFixture.report)).first)
        let findings = try #require(record["findings"] as? [[String: Any]])
        #expect(findings.map { $0["rule"] as? String } == CheckFixture.findings.map(\.rule))
        #expect(findings.map { $0["message"] as? String } == CheckFixture.findings.map(\.message))
        #expect(record["name"] as? String == CheckFixture.bromley.name)
        let url = (findings[2]["basis"] as? [[String: Any]])?.first?["url"] as? String
        #expect(url == CheckFixture.pcsc.url)
    }

    @Test("the summary counts every status, zero included, and waivers carry their state")
    func summaryAndWaivers() throws {
        let records = try records(try parse(CheckFixture.report))
        let summary = try #require(records[0]["summary"] as? [String: Int])
        #expect(summary == ["met": 1, "due-soon": 1, "overdue": 1, "missing": 2, "late": 1,
                            "not-applicable": 1, "waived": 1])
        let quiet = try #require(records[1]["summary"] as? [String: Int])
        #expect(quiet.count == 7)
        #expect(quiet["met"] == 1 && quiet["overdue"] == 0)
        #expect(records[1]["name"] is NSNull)

        let waivers = try #require(records[0]["waivers"] as? [[String: Any]])
        #expect(waivers.map { $0["status"] as? String } == ["active", "expired", "unused"])
        #expect(waivers.map { $0["until"] as? String } == ["2024-06-30", "2024-01-31", "2024-12-31"])
        #expect(waivers[1]["subject"] is NSNull)
        for waiver in waivers { #expect(Set(waiver.keys) == ["rule", "subject", "until", "status"]) }
    }

    @Test("the bytes: sorted keys, two-space indent, slashes unescaped, trailing newline")
    func bytes() {
        let text = JSONReporter().render(CheckFixture.report)
        #expect(text.hasPrefix("{\n  \"asOf\": \"2024-04-02\",\n  \"packs\": [\n    {\n      \"id\": "))
        #expect(text.hasSuffix("\n}\n"))
        #expect(!text.contains("\\/"))
        #expect(text.contains("\"url\": \"https://www.legislation.gov.uk/ukpga/1998/37/section/6\""))
        #expect(text.contains("\\u001b[2J\\u0000"))
        #expect(text.contains("– chase them.\\nThe board"))
    }

    @Test("strings: quotes, backslashes, controls, U+2028, U+2029 and U+FEFF escaped; other text as UTF-8")
    func stringEscapes() {
        let name = "a\"b\\c\u{1}d\te\u{2028}f\u{2029}g\u{FEFF}h ’ – … € é ﾟ \u{1F600}"
        let record = RecordResult(file: "r.yaml", sha256: "", name: name, findings: [], waivers: [],
                                  record: CheckFixture.emptyRecord)
        let report = Report(toolVersion: "0.1.0", asOf: CheckFixture.day(2024, 4, 2), packs: [], records: [record])
        let text = JSONReporter().render(report)
        #expect(text.contains(#""name": "a\"b\\c\u0001d\te\u2028f\u2029g\ufeffh ’ – … € é ﾟ "# + "\u{1F600}\","))
    }

    /// The writer looks at eight bytes at a time: a character to escape must be found at every
    /// offset within a word and across the boundary between two words.
    @Test("escaping is found at every offset, and the text reads back the same",
          arguments: ["\"", "\\", "\u{1}", "\u{1F}", "\u{2028}", "\u{2029}", "\u{FEFF}", "’", "ﾟ", "\u{7F}", "é"])
    func escapesAtEveryOffset(special: String) throws {
        for offset in 0...18 {
            let name = String(repeating: "a", count: offset) + special + String(repeating: "b", count: 18 - offset)
            let record = RecordResult(file: "r.yaml", sha256: "", name: name, findings: [], waivers: [],
                                      record: CheckFixture.emptyRecord)
            let report = Report(toolVersion: "0.1.0", asOf: CheckFixture.day(2024, 4, 2), packs: [], records: [record])
            let text = JSONReporter().render(report)
            let root = try parse(report)
            #expect(try records(root).first?["name"] as? String == name, "offset \(offset)")
            let escaped = special.unicodeScalars.allSatisfy { $0.value < 0x20 || [0x22, 0x5C, 0x2028, 0x2029, 0xFEFF].contains($0.value) }
            #expect(text.contains("\"name\": \"\(name)\",") == !escaped, "offset \(offset): written raw only when no escape is needed")
        }
    }

    /// Foundation's parser, which `report --since` reads this output with, drops a raw U+FEFF at
    /// the start of a string or right after an escape; escaped, it is kept, so a name or subject
    /// reads back whole.
    @Test("U+FEFF after an escape reads back through Foundation's JSON parser")
    func byteOrderMarkAfterAnEscapeReadsBack() throws {
        let name = "Safer \"East\"\u{FEFF} Partnership\n\u{FEFF}"
        let record = RecordResult(file: "r.yaml", sha256: "", name: name, findings: [], waivers: [],
                                  record: CheckFixture.emptyRecord)
        let report = Report(toolVersion: "0.1.0", asOf: CheckFixture.day(2024, 4, 2), packs: [], records: [record])
        let read = try #require(try records(try parse(report)).first?["name"] as? String)
        #expect(Array(read.unicodeScalars) == Array(name.unicodeScalars))
    }

    @Test("a report with no records is still a complete document")
    func emptyReport() throws {
        let report = Report(toolVersion: "0.1.0", asOf: CheckFixture.day(2024, 4, 2), packs: [], records: [])
        let text = JSONReporter().render(report)
        #expect(text.contains("\"packs\": [],"))
        #expect(text.contains("\"records\": [],"))
        let root = try parse(report)
        #expect(try records(root).isEmpty)
    }
}

@Suite("check reporters: text")
struct CheckTextTests {
    @Test("no colour unless asked, and no control characters from the record")
    func noControls() {
        for reporter in [TextReporter(), TextReporter(includeAll: true)] {
            let text = reporter.render(CheckFixture.report)
            #expect(!text.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
            #expect(!text.unicodeScalars.contains { (0x7F...0x9F).contains($0.value) })
        }
    }

    @Test("colour only on request, and every escape is reset")
    func colour() {
        let text = TextReporter(colour: true).render(CheckFixture.report)
        #expect(text.contains("\u{1B}[1;31m[OVERDUE]\u{1B}[0m"))
        #expect(text.contains("\u{1B}[33m[DUE SOON]\u{1B}[0m"))
        let opened = text.components(separatedBy: "\u{1B}[").count - 1
        let reset = text.components(separatedBy: "\u{1B}[0m").count - 1
        #expect(opened == 2 * reset)
    }

    @Test("groups come in urgency order, met and not applicable only with --all")
    func grouping() throws {
        let text = TextReporter().render(CheckFixture.report)
        let headings = ["Overdue (1)", "Missing (2)", "Due soon (1)", "Late (1)", "Waived (1)", "Expired waivers (1)"]
        let positions = try headings.map { heading in
            try #require(text.range(of: "\n\(heading)\n")).lowerBound
        }
        #expect(positions == positions.sorted())
        #expect(!text.contains("[MET]"))
        #expect(!text.contains("[NOT APPLICABLE]"))
        #expect(!text.contains("Unused waivers"))

        let all = TextReporter(includeAll: true).render(CheckFixture.report)
        #expect(all.contains("\n[MET] A strategic assessment is made every year\n"))
        #expect(all.contains("\n[NOT APPLICABLE] Scrutiny in Wales\n"))
        #expect(all.contains("\nUnused waivers (1)\n"))
    }

    @Test("a check of the record says what it checks and what that bears on, not a duty and why")
    func recordCheckLabels() {
        func text(pack: String) -> String {
            var finding = BoardAuditTests.recordCheck("waiver-span", status: .missing)
            finding.pack = pack
            let record = RecordResult(file: "r.yaml", sha256: String(repeating: "0f", count: 32), name: nil, findings: [finding],
                                      waivers: [], record: CheckFixture.emptyRecord)
            return TextReporter().render(Report(toolVersion: "0.1.0", asOf: CheckFixture.day(2024, 4, 2), packs: [], records: [record]))
        }
        let check = text(pack: "record-quality")
        #expect(check.contains("\n  Checks:        ") && check.contains("\n  Bears on:      "))
        #expect(!check.contains("\n  Duty:") && !check.contains("\n  Why:"))
        let duty = text(pack: "csp-england")
        #expect(duty.contains("\n  Duty:          ") && duty.contains("\n  Why:           "))
    }

    @Test("a finding says what, why, who, by when, what to do and where")
    func findingDetails() {
        let text = TextReporter().render(CheckFixture.report)
        #expect(text.contains("""
            [OVERDUE] Every responsible authority approves the plan — met-police
              What is wrong: Partner "Met Police" <MPS> & co has not approved the plan – chase them.
                             The board asked for approval by 31 March 2024.
            """))
        #expect(text.contains("  By when:       31 March 2024 (overdue by 2 days)\n"))
        #expect(text.contains("  Who must act:  met-police\n"))
        #expect(text.contains("  Where:         records/bromley.yaml:40:7 (plans[0].approvals.by[1].approved)\n"))
        #expect(text.contains("  By when:       10 April 2024 (due in 8 days)\n"))
        #expect(text.contains("  By when:       31 January 2024 (12 days late)\n"))
        #expect(text.contains("[MISSING] A domestic abuse needs assessment is shared (unconfirmed)\n"))
        #expect(text.contains("As of: 2 April 2024\n"))
    }

    @Test("a record with nothing to act on says so")
    func nothingToDo() {
        let text = TextReporter().render(CheckFixture.report)
        let quiet = text.components(separatedBy: "records/quiet.yaml").last ?? ""
        #expect(quiet.contains("\nNo findings need action.\n"))
        #expect(text.components(separatedBy: "No findings need action.").count == 2)

        let empty = Report(toolVersion: "0.1.0", asOf: CheckFixture.day(2024, 4, 2), packs: [], records: [])
        #expect(TextReporter().render(empty) == "No records were checked.\n\nChecked by dutycheck 0.1.0 with no rule packs.\n")
    }
}

@Suite("check reporters: JUnit structure")
struct CheckJUnitStructureTests {
    func parse(_ text: String) throws -> XMLElement {
        let document = try XMLDocument(xmlString: text, options: [])
        return try #require(document.rootElement())
    }

    func int(_ element: XMLElement, _ name: String) -> Int? {
        element.attribute(forName: name)?.stringValue.flatMap { Int($0) }
    }

    func elements(_ element: XMLElement, _ name: String) -> [XMLElement] {
        (try? element.nodes(forXPath: ".//\(name)"))?.compactMap { $0 as? XMLElement } ?? []
    }

    @Test("counts match the children, at every threshold", arguments: [
        (Severity?.some(.error), 2), (.some(.warning), 4), (.some(.info), 5), (nil, 0),
    ])
    func counts(failOn: Severity?, expectedFailures: Int) throws {
        let root = try parse(JUnitReporter(failOn: failOn).render(CheckFixture.report))
        #expect(root.name == "testsuites")
        #expect(root.attribute(forName: "skipped") == nil)
        #expect(int(root, "failures") == expectedFailures)
        #expect(elements(root, "failure").count == expectedFailures)
        #expect(int(root, "tests") == elements(root, "testcase").count)
        #expect(int(root, "tests") == CheckFixture.findings.count + 1)
        #expect(int(root, "errors") == 0)

        let suites = root.elements(forName: "testsuite")
        #expect(suites.count == 2)
        for suite in suites {
            #expect(int(suite, "tests") == suite.elements(forName: "testcase").count)
            #expect(int(suite, "failures") == elements(suite, "failure").count)
            #expect(int(suite, "skipped") == elements(suite, "skipped").count)
            #expect(int(suite, "errors") == 0)
        }
        #expect(int(suites[0], "skipped") == 2)
    }

    @Test("hostile text is escaped, controls stripped, and reads back intact")
    func hostileText() throws {
        let text = JUnitReporter().render(CheckFixture.report)
        #expect(!text.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
        let root = try parse(text)
        let cases = elements(root, "testcase")
        let names = cases.compactMap { $0.attribute(forName: "name")?.stringValue }
        #expect(names.contains("dhr-started (DHR \"Anna\" <2023> & co)"))
        #expect(names.contains("plan-approvals (met-police)"))
        #expect(cases.first?.attribute(forName: "classname")?.stringValue == "csp-england")

        let suite = try #require(root.elements(forName: "testsuite").first)
        #expect(suite.attribute(forName: "name")?.stringValue
                == "Safer Bromley Partnership – “Bromley & Co” <test> (records/bromley.yaml)")

        let failure = try #require(elements(root, "failure").first)
        #expect(failure.attribute(forName: "type")?.stringValue == "overdue")
        #expect(failure.attribute(forName: "message")?.stringValue
                == "Overdue (error): Partner \"Met Police\" <MPS> & co has not approved the plan – chase them. The board asked for approval by 31 March 2024.")
        #expect(failure.stringValue?.contains("<MPS> & co") == true)
        #expect(failure.stringValue?.contains("\n  Where:         records/bromley.yaml:40:7") == true)

        let skipped = elements(root, "skipped").compactMap { $0.attribute(forName: "message")?.stringValue }
        #expect(skipped.contains("Waived until 30 June 2024: The review has not started."))
    }

    /// Escaping copies ordinary runs whole and looks only at special bytes: each special character
    /// must be handled wherever it falls, and an XML parser must read the value back exactly (less
    /// the characters XML 1.0 cannot carry).
    @Test("attribute values read back exactly, whatever the character and wherever it falls",
          arguments: ["\t", "\n", "\r", "\"", "'", "&", "<", ">", "\u{1}", "\u{FFFE}", "\u{FFFF}", "\u{FFFD}", "\u{EFFF}", "é", "\u{1F600}"])
    func attributeRoundTrip(special: String) throws {
        for offset in [0, 1, 7, 8, 15] {
            let name = String(repeating: "a", count: offset) + special + special + String(repeating: "b", count: 3)
            let record = RecordResult(file: "r.yaml", sha256: "", name: name, findings: [], waivers: [],
                                      record: CheckFixture.emptyRecord)
            let report = Report(toolVersion: "0.1.0", asOf: CheckFixture.day(2024, 4, 2), packs: [], records: [record])
            let root = try parse(JUnitReporter().render(report))
            let property = elements(root, "property").first { $0.attribute(forName: "name")?.stringValue == "partnership" }
            let dropped: Set<UInt32> = [0x1, 0xFFFE, 0xFFFF]
            let expected = String(String.UnicodeScalarView(name.unicodeScalars.filter { !dropped.contains($0.value) }))
            #expect(property?.attribute(forName: "value")?.stringValue == expected, "offset \(offset)")
        }
    }

    @Test("a report with no records is still valid")
    func emptyReport() throws {
        let report = Report(toolVersion: "0.1.0", asOf: CheckFixture.day(2024, 4, 2), packs: [], records: [])
        let root = try parse(JUnitReporter().render(report))
        #expect(int(root, "tests") == 0)
        #expect(root.elements(forName: "testsuite").isEmpty)
    }
}
