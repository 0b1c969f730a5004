import Foundation
import Testing
import TestSupport

/// `dutycheck report` end to end: the real engine, rule packs and Bromley example.
@Suite("Report command")
struct BoardCommandTests {
    static let record = "Examples/bromley/record.yaml"
    static let asOf = ["--as-of", "2024-02-29"]

    /// The Bromley record with its first partner's name replaced by `name`, in a scratch folder.
    static func recordWithPartner(named name: String, in directory: URL) throws -> URL {
        let quoted = "\"" + name.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
        return try Fixtures.editedBromley(replacing: "    name: London Borough of Bromley\n", with: "    name: \(quoted)\n", in: directory)
    }

    /// The Bromley record with its `meetings` section replaced by `meetings`, in a scratch folder,
    /// and the line that section starts on.
    static func recordWithMeetings(_ meetings: String, in directory: URL) throws -> (url: URL, line: Int) {
        let text = try String(contentsOf: Fixtures.path(record), encoding: .utf8)
        let start = text.index(after: try #require(text.range(of: "\nmeetings:\n")).lowerBound)
        let end = try #require(text.range(of: "\n# Public meetings", range: start..<text.endIndex)).lowerBound
        let url = directory.appendingPathComponent("record.yaml")
        try Data((text[..<start] + meetings + text[end...]).utf8).write(to: url)
        return (url, text[..<start].count { $0 == "\n" } + 1)
    }

    /// A malformed `meetings` section was read as "no meeting recorded", or lost the entries at
    /// fault, which moved the "due before the next meeting" window: it is an error at its place,
    /// worded as `validate` words it.
    @Test(arguments: [
        ("meetings: soon\n", 0, 11, "meetings must be a list, not text"),
        ("meetings:\n  - {date: 2024-02-30, body: board}\n", 1, 12, "meetings[0].date \"2024-02-30\" is not a date"),
        ("meetings:\n  - {date: [1], body: {a: 1}}\n", 1, 12, "meetings[0].date must be text, not a list"),
        ("meetings:\n  - {date: 2024-05-01, body: board}\n  - 7\n", 2, 5, "meetings[1] must be a mapping, not a whole number"),
        ("meetings:\n  - {date: 2024-05-01, bdy: workshop}\n", 1, 24, "meetings[0]: unknown key \"bdy\""),
    ])
    func malformedMeetingsAreAnError(_ meetings: String, _ lineOffset: Int, _ column: Int, _ message: String) throws {
        // A folder of its own: the cases run at once.
        let directory = try BoardExternalTools.scratchDirectory("report-meetings-\(UUID().uuidString)")
        let (record, line) = try Self.recordWithMeetings(meetings, in: directory)
        let outcome = try CommandRunner.run(["report"] + Self.asOf + ["--meeting", "2024-02-29", record.path])
        #expect(outcome.status == 2)
        #expect(outcome.stdout.isEmpty)
        let error = "\(record.path):\(line + lineOffset):\(column): error: \(message)"
        #expect(outcome.stderr.hasPrefix(error), "\(outcome.stderr)")
        let validate = try CommandRunner.run(["validate", record.path])
        #expect(validate.status == 2)
        #expect(validate.stderr.contains(error), "\(validate.stderr)")
    }

    /// The other fields the report shows as it finds them: a malformed one is an error too, while
    /// the sections the rule packs judge (a partner list that is not a list) are left to them.
    @Test func malformedNamesAndTitlesAreAnError() throws {
        let directory = try BoardExternalTools.scratchDirectory("report-names")
        let text = try String(contentsOf: Fixtures.path(Self.record), encoding: .utf8)
        for (from, to, message) in [
            ("  name: Safer Bromley Partnership\n", "  name: [Safer]\n", "partnership.name must be text, not a list"),
            ("    name: London Borough of Bromley\n", "    name: {a: 1}\n", "partners[0].name must be text, not a mapping"),
            ("  contact: {name: Community Safety Team,", "  contact: {name: [x],", "partnership.contact.name must be text or empty, not a list"),
            ("  - title: Safer Bromley Partnership Strategy 2024-27\n", "  - title: 2024\n", "plans[0].title must be text, not a whole number"),
        ] {
            let edited = text.replacingOccurrences(of: from, with: to)
            #expect(edited != text)
            let record = directory.appendingPathComponent("record.yaml")
            try Data(edited.utf8).write(to: record)
            let outcome = try CommandRunner.run(["report"] + Self.asOf + ["--meeting", "2024-02-29", record.path])
            #expect(outcome.status == 2)
            #expect(outcome.stderr.contains(": error: \(message)\n"), "\(outcome.stderr)")
        }
    }

    @Test(arguments: [("html", "html"), ("markdown", "md")])
    func bromleyReportMatchesGolden(format: String, suffix: String) throws {
        let outcome = try CommandRunner.run(["report"] + Self.asOf + ["--meeting", "2024-02-29", "--format", format, Self.record],
                                            environment: ["SOURCE_DATE_EPOCH": ""])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(outcome.stderr.isEmpty)
        #expect(Golden.mismatch(outcome.stdout, golden: "Tests/ReportersTests/Golden/report.\(suffix)") == nil)
    }

    @Test func writesTheFileGivenWithOutputAndNothingElse() throws {
        let directory = try BoardExternalTools.scratchDirectory("report-output")
        let file = directory.appendingPathComponent("report.html")
        let outcome = try CommandRunner.run(["report"] + Self.asOf + ["--meeting", "2024-02-29", "-o", file.path, Self.record])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(outcome.stdout.isEmpty)
        let written = try String(contentsOf: file, encoding: .utf8)
        #expect(written.hasPrefix("<!DOCTYPE html>\n<html lang=\"en-GB\">"))
        #expect(written.contains("<dt>Prepared by</dt><dd>Community Safety Team</dd>"))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        #expect(leftovers == ["report.html"], "no temporary file left behind")
    }

    @Test func generationTimeComesFromSourceDateEpoch() throws {
        let outcome = try CommandRunner.run(["report"] + Self.asOf + ["--meeting", "2024-02-29", Self.record],
                                            environment: ["SOURCE_DATE_EPOCH": "1709193600"])
        #expect(outcome.stdout.contains("<dt>Generated</dt><dd>2024-02-29T08:00:00Z</dd>"))
    }

    @Test func badInputExitsTwoAndWritesNothing() throws {
        let directory = try BoardExternalTools.scratchDirectory("report-bad")
        let file = directory.appendingPathComponent("report.html")
        let badMeeting = try CommandRunner.run(["report"] + Self.asOf + ["--meeting", "29/02/2024", "-o", file.path, Self.record])
        #expect(badMeeting.status == 2)
        #expect(badMeeting.stderr.contains("--meeting"))
        #expect(badMeeting.stderr.contains("YYYY-MM-DD"))
        let noMeeting = try CommandRunner.run(["report"] + Self.asOf + [Self.record])
        #expect(noMeeting.status == 2)
        let twoRecords = directory.appendingPathComponent("records")
        try FileManager.default.createDirectory(at: twoRecords, withIntermediateDirectories: true)
        for name in ["a.yaml", "b.yaml"] {
            try FileManager.default.copyItem(at: Fixtures.path(Self.record), to: twoRecords.appendingPathComponent(name))
        }
        let many = try CommandRunner.run(["report"] + Self.asOf + ["--meeting", "2024-02-29", "-o", file.path, twoRecords.path])
        #expect(many.status == 2)
        #expect(many.stderr.contains("holds 2 records"))
        #expect(!FileManager.default.fileExists(atPath: file.path))
    }

    /// A meeting before the as-of date printed a window that ran backwards ("between 2 April 2024
    /// and 19 September 2023"); a meeting on the as-of date is the usual case.
    @Test func aMeetingBeforeTheAsOfDateIsAnError() throws {
        let before = try CommandRunner.run(["report", "--as-of", "2024-04-02", "--meeting", "2020-01-01", Self.record])
        #expect(before.status == 2)
        #expect(before.stdout.isEmpty)
        #expect(before.stderr == "--meeting: error: 2020-01-01 is before the as-of date 2024-04-02: "
            + "a report is prepared for a meeting on or after the date it is as of\n")
        let sameDay = try CommandRunner.run(["report", "--as-of", "2024-04-02", "--meeting", "2024-04-02", Self.record])
        #expect(sameDay.status == 0, "\(sameDay.stderr)")
    }

    @Test func changesSinceComeFromAPreviousCheckJSON() throws {
        let directory = try BoardExternalTools.scratchDirectory("report-since")
        let previous = try CommandRunner.run(["check", "--as-of", "2023-12-06", "--format", "json", Self.record])
        #expect(previous.status == 0 || previous.status == 1, "\(previous.stderr)")
        let since = directory.appendingPathComponent("previous.json")
        try Data(previous.stdout.utf8).write(to: since)
        let outcome = try CommandRunner.run(["report"] + Self.asOf + ["--meeting", "2024-02-29", "--since", since.path, Self.record])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(outcome.stdout.contains("Compared with the report as at 6 December 2023."))
        #expect(outcome.stdout.contains("</th><td>Now needs attention</td>"))

        let broken = directory.appendingPathComponent("broken.json")
        try Data("{\"schemaVersion\": 1, \"tool\": {\"name\": \"dutycheck\"}, \"asOf\": \"2023-12-06\", \"records\": 3}".utf8).write(to: broken)
        let bad = try CommandRunner.run(["report"] + Self.asOf + ["--meeting", "2024-02-29", "--since", broken.path, Self.record])
        #expect(bad.status == 2)
        #expect(bad.stderr.hasPrefix("\(broken.path):1:86: error: is not the JSON output of `dutycheck check --format json`: "
            + "records must be a list, not a number\n"), "\(bad.stderr)")
    }

    /// An approval not yet due at the last report, then missed and given late, is a change the
    /// board sees in section 7, read from the earlier check's JSON (which had nothing done).
    @Test func aDeadlineMissedAndDoneLateSinceTheLastReportIsListed() throws {
        let directory = try BoardExternalTools.scratchDirectory("report-since-late")
        let previous = try CommandRunner.run(["check", "--as-of", "2024-01-01", "--format", "json", Self.record])
        let since = directory.appendingPathComponent("previous.json")
        try Data(previous.stdout.utf8).write(to: since)
        let record = try Fixtures.editedBromley(replacing: "{partner: lbb, approved: null}", with: "{partner: lbb, approved: 2024-04-05}",
                                                in: directory)
        let outcome = try CommandRunner.run(["report", "--as-of", "2024-04-10", "--meeting", "2024-04-10", "--since", since.path, record.path])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(outcome.stdout.contains("<tr><th scope=\"row\">Each responsible authority has confirmed its acceptance of the plan: London Borough of Bromley</th>"
                                        + "<td>Done late</td><td>Green: not yet due, due 31 March 2024</td><td>Green: done late, due 31 March 2024</td></tr>"))
    }

    /// `text` with the value on the first line that is `key` at `indent` spaces replaced by `value`.
    static func replacingFirst(_ key: String, indent: Int, in text: String, with value: String) -> String {
        var lines = text.components(separatedBy: "\n")
        let prefix = String(repeating: " ", count: indent) + "\"\(key)\": "
        guard let index = lines.firstIndex(where: { $0.hasPrefix(prefix) }) else { return text }
        lines[index] = prefix + value + (lines[index].hasSuffix(",") ? "," : "")
        return lines.joined(separator: "\n")
    }

    /// A previous check's finding whose subject or title had the wrong type was passed over, one as
    /// of a later date was compared with as if it came first, and one of another partnership's record
    /// was compared with as if it were this one's: each is an error naming the file and the field,
    /// and a file that does not parse is pointed at where it stops.
    @Test func aSinceFileThatIsNotAnEarlierCheckIsAnError() throws {
        let directory = try BoardExternalTools.scratchDirectory("report-since-wrong")
        let previous = try CommandRunner.run(["check", "--as-of", "2023-12-06", "--format", "json", Self.record])
        let notCheck = "is not the JSON output of `dutycheck check --format json`: "
        // Findings' own fields are at 10 spaces (a citation's title is deeper).
        for (key, indent, value, error) in [
            ("subject", 10, "17", notCheck + "records[0].findings[0].subject must be text or null, not a number"),
            ("title", 10, "[1]", notCheck + "records[0].findings[0].title must be text or null, not a list"),
            ("confidence", 10, "true", notCheck + "records[0].findings[0].confidence must be text or null, not true or false"),
            ("due", 10, "\"soon\"", notCheck + "records[0].findings[0].due \"soon\" is not a date written YYYY-MM-DD"),
            ("status", 10, "null", notCheck + "records[0].findings[0].status is null, where the check writes one"),
            ("asOf", 2, "\"yesterday\"", notCheck + "asOf \"yesterday\" is not a date written YYYY-MM-DD"),
            ("asOf", 2, "null", notCheck + "asOf is null, where the check writes one"),
            ("rule", 10, "null", notCheck + "records[0].findings[0].rule is null, where the check writes one"),
            // Another tool's JSON, or a later version of this one's, is not read as if it were this one's.
            ("schemaVersion", 2, "2", notCheck + "its schemaVersion 2 is newer than this dutycheck reads (1); use a newer dutycheck"),
            ("schemaVersion", 2, "0", notCheck + "its schemaVersion 0 is not one this dutycheck reads (1)"),
            ("schemaVersion", 2, "\"1\"", notCheck + "schemaVersion must be a whole number, not text"),
            ("schemaVersion", 2, "true", notCheck + "schemaVersion must be a whole number, not true or false"),
            ("schemaVersion", 2, "null", notCheck + "schemaVersion is null, where the check writes one"),
            ("schemaVersion", 2, "1.5", notCheck + "schemaVersion must be a whole number, not 1.5"),
            // A decimal is shown as written, not with an exponent (`1e-06`).
            ("schemaVersion", 2, "0.000001", notCheck + "schemaVersion must be a whole number, not 0.000001"),
            ("name", 4, "\"othertool\"", notCheck + "tool.name is \"othertool\", not \"dutycheck\""),
            // Control characters from the file are shown escaped, never sent to the terminal.
            ("name", 4, "\"\\u001b[31mRED\\u0007\"", notCheck + "tool.name is \"\\u{1B}[31mRED\\u{7}\", not \"dutycheck\""),
            ("due", 10, "\"\\u001b]0;x\"", notCheck + "records[0].findings[0].due \"\\u{1B}]0;x\" is not a date written YYYY-MM-DD"),
            ("asOf", 2, "\"2030-01-01\"", "is the check as of 2030-01-01, after this report's as-of date 2024-02-29: "
                + "--since takes the output of an earlier check"),
            // One record, of another partnership: its findings are not this partnership's last report.
            ("name", 6, "\"Safer Croydon Partnership\"", "its one record is for Safer Croydon Partnership, not Safer Bromley "
                + "Partnership: --since takes an earlier check of this partnership's record"),
            ("name", 6, "\"Safer\\u0007 Croydon\"", "its one record is for Safer\\u{7} Croydon, not Safer Bromley "
                + "Partnership: --since takes an earlier check of this partnership's record"),
        ] {
            let edited = Self.replacingFirst(key, indent: indent, in: previous.stdout, with: value)
            #expect(edited != previous.stdout)
            let since = directory.appendingPathComponent("previous.json")
            try Data(edited.utf8).write(to: since)
            let outcome = try CommandRunner.run(["report"] + Self.asOf + ["--meeting", "2024-02-29", "--since", since.path, Self.record])
            #expect(outcome.status == 2)
            #expect(outcome.stdout.isEmpty)
            // Pointed at the value: its line, and the column after `"key": `; then the line and a caret.
            let lines = edited.components(separatedBy: "\n")
            let line = try #require(lines.firstIndex { $0.hasPrefix(String(repeating: " ", count: indent) + "\"\(key)\": ") })
            let column = indent + key.count + 5
            #expect(outcome.stderr == "\(since.path):\(line + 1):\(column): error: \(error)\n\(lines[line])\n"
                + String(repeating: " ", count: column - 1) + "^\n", "\(outcome.stderr)")
        }
        // JSON that parses but is no object is called that.
        for fragment in ["null", "1", "\"text\"", "[]"] {
            let since = directory.appendingPathComponent("fragment.json")
            try Data(fragment.utf8).write(to: since)
            let outcome = try CommandRunner.run(["report"] + Self.asOf + ["--meeting", "2024-02-29", "--since", since.path, Self.record])
            #expect(outcome.status == 2)
            #expect(outcome.stderr == "\(since.path): error: \(notCheck)it is not a JSON object\n", "\(outcome.stderr)")
        }
        // A byte that is not UTF-8 is pointed at, where Foundation says only that the file does not parse.
        let notUTF8 = directory.appendingPathComponent("latin1.json")
        var bytes = Array(Self.replacingFirst("asOf", indent: 2, in: previous.stdout, with: "\"2023-12-06\"").utf8)
        let asOfLine = try #require(previous.stdout.components(separatedBy: "\n").firstIndex { $0.hasPrefix("  \"asOf\": ") })
        let lineStart = previous.stdout.components(separatedBy: "\n").prefix(asOfLine).reduce(0) { $0 + $1.utf8.count + 1 }
        bytes.insert(0xFF, at: lineStart + 10)
        try Data(bytes).write(to: notUTF8)
        let latin1 = try CommandRunner.run(["report"] + Self.asOf + ["--meeting", "2024-02-29", "--since", notUTF8.path, Self.record])
        #expect(latin1.status == 2)
        #expect(latin1.stderr.hasPrefix("\(notUTF8.path):\(asOfLine + 1):11: error: \(notCheck)it is not UTF-8 text (the byte here is not valid UTF-8)\n"),
                "\(latin1.stderr)")
        // UTF-16 without a byte-order mark is named by its NULs, at the first one (after the `{`).
        let utf16 = directory.appendingPathComponent("utf16.json")
        try Data(previous.stdout.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }).write(to: utf16)
        let wide = try CommandRunner.run(["report"] + Self.asOf + ["--meeting", "2024-02-29", "--since", utf16.path, Self.record])
        #expect(wide.status == 2)
        #expect(wide.stderr.hasPrefix("\(utf16.path):1:2: error: \(notCheck)it holds NUL bytes, as text saved as UTF-16 or UTF-32 does; "
            + "the check writes UTF-8\n"), "\(wide.stderr.prefix(300))")
        // A lone surrogate escape is pointed at; Foundation names no place, for one kind as if the file ended.
        for (escape, name) in [("\\ud800", "high"), ("\\udc00", "low")] {
            let lone = directory.appendingPathComponent("lone-\(name).json")
            let edited = Self.replacingFirst("asOf", indent: 2, in: previous.stdout, with: "\"2023-12-06\(escape)\"")
            try Data(edited.utf8).write(to: lone)
            let line = try #require(edited.components(separatedBy: "\n").firstIndex { $0.hasPrefix("  \"asOf\": ") })
            let outcome = try CommandRunner.run(["report"] + Self.asOf + ["--meeting", "2024-02-29", "--since", lone.path, Self.record])
            #expect(outcome.status == 2)
            #expect(outcome.stderr.hasPrefix("\(lone.path):\(line + 1):22: error: \(notCheck)it does not parse as JSON\n"),
                    "\(name): \(outcome.stderr)")
        }
        let junk = directory.appendingPathComponent("junk.json")
        try Data(Self.replacingFirst("asOf", indent: 2, in: previous.stdout, with: "x").utf8).write(to: junk)
        let outcome = try CommandRunner.run(["report"] + Self.asOf + ["--meeting", "2024-02-29", "--since", junk.path, Self.record])
        #expect(outcome.status == 2)
        #expect(outcome.stderr.hasPrefix("\(junk.path):2:11: error: \(notCheck)it does not parse as JSON\n  \"asOf\": x,\n"),
                "\(outcome.stderr)")
    }

    /// The previous JSON gives each finding's confidence, so a gap under an unconfirmed rule is Amber,
    /// and labelled as the report labels it, in the "before" column too: the council's approval, overdue on 2 April, done late by 10 April.
    @Test func changesSinceRateThePreviousFindingsAsTheReportDoes() throws {
        let directory = try BoardExternalTools.scratchDirectory("report-since-confidence")
        let previous = try CommandRunner.run(["check", "--as-of", "2024-04-02", "--format", "json", Self.record])
        #expect(previous.stdout.contains("\"confidence\": \"unconfirmed\""))
        let since = directory.appendingPathComponent("previous.json")
        try Data(previous.stdout.utf8).write(to: since)
        let text = try String(contentsOf: Fixtures.path(Self.record), encoding: .utf8)
        // The council approves late; the ICB leaves the approval list, so its item is no longer checked.
        let approved = text.replacingOccurrences(of: "{partner: lbb, approved: null}", with: "{partner: lbb, approved: 2024-04-05}")
            .replacingOccurrences(of: "        - {partner: sel-icb, approved: null}\n", with: "")
        #expect(approved.count == text.count - 39)
        let record = directory.appendingPathComponent("record.yaml")
        try Data(approved.utf8).write(to: record)
        let outcome = try CommandRunner.run(["report", "--as-of", "2024-04-10", "--meeting", "2024-04-10", "--format", "markdown",
                                             "--since", since.path, record.path])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(outcome.stdout.contains("| **Each responsible authority has confirmed its acceptance of the plan: London Borough of Bromley** | Done late | Amber: overdue (unconfirmed rule), due 31 March 2024 | Green: done late, due 31 March 2024 |"),
                "\(outcome.stdout)")
        // An item no longer checked keeps the label the previous JSON gave it.
        #expect(outcome.stdout.contains("| **Each responsible authority has confirmed its acceptance of the plan: NHS South East London Integrated Care Board** | No longer checked | Amber: overdue (unconfirmed rule), due 31 March 2024 | Not checked |"),
                "\(outcome.stdout)")
    }

    @Test func hostilePartnerNameIsInertInBothFormats() throws {
        let directory = try BoardExternalTools.scratchDirectory("report-hostile")
        let record = try Self.recordWithPartner(named: BoardFixtures.hostileName, in: directory)
        let html = try CommandRunner.run(["report"] + Self.asOf + ["--meeting", "2024-02-29", record.path])
        #expect(html.status == 0, "\(html.stderr)")
        #expect(!html.stdout.contains("<script"))
        #expect(html.stdout.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quoted&quot;"))
        let markdown = try CommandRunner.run(["report"] + Self.asOf + ["--meeting", "2024-02-29", "--format", "markdown", record.path])
        #expect(markdown.status == 0, "\(markdown.stderr)")
        #expect(markdown.stdout.contains("\\<script\\>alert(1)\\</script\\> \\& \"quoted\""))
        #expect(!markdown.stdout.replacingOccurrences(of: "\\<", with: "").contains("<script"))
    }
}
