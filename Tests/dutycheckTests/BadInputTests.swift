import Foundation
import Testing
import TestSupport

/// Each kind of bad input of DESIGN.md §8: exit 2, `file:line:col: error: message`, the offending
/// line and a caret under the column, and nothing written to the -o file.
@Suite struct BadInputTests {
    struct BadInput: Sendable, CustomTestStringConvertible {
        var label: String
        /// `r.yaml` (the record) or `rules/pack.yaml` (the pack).
        var file: String
        var bytes: [UInt8]
        var line: Int
        var column: Int
        var message: String
        /// False when the diagnostic has no source line to show (a file too large to read).
        var hasSnippet = true

        var testDescription: String { label }

        init(_ label: String, _ file: String, _ text: String, _ line: Int, _ column: Int, _ message: String) {
            self.init(label, file, bytes: Array(text.utf8), line, column, message)
        }

        init(_ label: String, _ file: String, bytes: [UInt8], _ line: Int, _ column: Int, _ message: String) {
            self.label = label
            self.file = file
            self.bytes = bytes
            self.line = line
            self.column = column
            self.message = message
        }

        /// The pack with `original` replaced by `replacement`; the error is expected where `marker`
        /// first occurs in the broken pack.
        static func pack(_ label: String, _ original: String, _ replacement: String, marker: String, _ message: String) -> BadInput {
            let text = CLIPack.text.replacingOccurrences(of: original, with: replacement)
            precondition(text != CLIPack.text, "\(original) is not in the pack")
            let (line, column) = position(of: marker, in: text)
            return BadInput(label, "rules/pack.yaml", text, line, column, message)
        }

        /// The clean record followed by a `waivers:` list; the error is expected where `marker`
        /// first occurs in it.
        static func waiver(_ label: String, _ waivers: String, marker: String, _ message: String) -> BadInput {
            let text = CLIPack.record(waivers: waivers)
            let (line, column) = position(of: marker, in: text)
            return BadInput(label, "r.yaml", text, line, column, message)
        }

        /// 1-based line and column (in Unicode scalars) of the first occurrence of `marker`.
        static func position(of marker: String, in text: String) -> (Int, Int) {
            guard let range = text.range(of: marker) else { preconditionFailure("\(marker) is not in the text") }
            let before = text[..<range.lowerBound]
            let line = before.split(separator: "\n", omittingEmptySubsequences: false).count
            let column = (before.split(separator: "\n", omittingEmptySubsequences: false).last?.unicodeScalars.count ?? 0) + 1
            return (line, column)
        }

        /// The line the diagnostic should quote, as the renderer shows it.
        var sourceLine: String {
            let lines = String(decoding: bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
            return line <= lines.count ? String(lines[line - 1]) : ""
        }
    }

    static let billionLaughs: String = {
        var lines = ["l0: &l0 [lol]"]
        for level in 1...9 {
            lines.append("l\(level): &l\(level) [\(Array(repeating: "*l\(level - 1)", count: 9).joined(separator: ", "))]")
        }
        return lines.joined(separator: "\n") + "\n"
    }()

    static let cases: [BadInput] = {
        var cases = [
            BadInput("malformed YAML", "r.yaml", "dutycheck: 1\npartnership: {name: X\nplan: {due: 2024-03-31}\n", 3, 5,
                     "did not find expected ',' or '}' (while parsing a flow mapping that started at line 2, column 14)"),
            BadInput("duplicate key", "r.yaml", "dutycheck: 1\nnotes: yes\nnotes: no\n", 3, 1, "duplicate key \"notes\" (first defined at line 2)"),
            BadInput("alias bomb", "r.yaml", billionLaughs, 7, 10, "alias *l5 expands the document beyond the limit of 200000 nodes"),
            // The closing brackets on a line of their own keep the snippet's line under the width at
            // which it would be cut.
            BadInput("nesting too deep", "r.yaml", "dutycheck: 1\nnotes: " + String(repeating: "[", count: 70) + "\n" + String(repeating: "]", count: 70) + "\n",
                     2, 71, "nesting is deeper than the limit of 64 levels"),
            BadInput("invalid UTF-8", "r.yaml", bytes: Array("dutycheck: 1\nnotes: caf".utf8) + [0xFF] + Array("\n".utf8), 2, 11,
                     "invalid UTF-8 (invalid leading UTF-8 octet 0xFF)"),
            BadInput("a second document", "r.yaml", "dutycheck: 1\n---\nnotes: yes\n", 2, 1,
                     "a second YAML document starts here; a file holds exactly one document"),
            BadInput("an empty file", "r.yaml", "", 1, 1, "the file is empty; it must hold one YAML document"),
            BadInput("only comments", "r.yaml", "# nothing yet\n", 1, 1, "the file holds no YAML document, only comments or blank lines"),
            BadInput("a record that is not a mapping", "r.yaml", "- dutycheck: 1\n", 1, 1, "a record must be a mapping, not a list"),
            BadInput("a record format version", "r.yaml", "dutycheck: 2\n", 1, 12, "format version 2 is not supported"),
            .pack("an unknown key in a pack", "    severity: warning", "    severty: warning", marker: "severty",
                  "unknown key \"severty\"; did you mean \"severity\"?"),
            .pack("a bad expression", "require: exists(notes)", "require: exists(notes", marker: "(notes", "this `(` is never closed"),
            .pack("an unknown function", "require: exists(notes)", "require: exist(notes)", marker: "exist(", "unknown function `exist`; did you mean `exists`?"),
            .pack("an unknown citation", "    basis: [act]\n    confidence: confirmed\n    severity: info",
                  "    basis: [akt]\n    confidence: confirmed\n    severity: info", marker: "akt",
                  "unknown citation key \"akt\"; did you mean \"act\"?"),
            .pack("a date in a pack that is not a date", "due: plan.due,", "due: plan.due ?? 2024-02-30,", marker: "2024-02-30", "2024-02-30"),
            .pack("a bad duration", "warn: 14 days", "warn: 14 dayz", marker: "14 dayz", "\"warn\" must be a duration"),
            .pack("a duplicate rule id", "  - id: notes-kept", "  - id: plan-due", marker: "id: plan-due\n    title: Notes",
                  "duplicate rule id \"plan-due\" (first defined at line 8)"),
            .pack("a duplicate key in a pack", "    severity: info", "    severity: info\n    severity: error", marker: "severity: error",
                  "duplicate key \"severity\""),
            .pack("a pack with a second document", "rules:\n", "---\nrules:\n", marker: "---", "a second YAML document starts here"),
            .waiver("a waiver whose until is not a date", "  - {rule: plan-due, reason: r, approved_by: b, until: 30/06/2024}",
                    marker: "30/06/2024", "\"until\" must be a date, not \"30/06/2024\" (dates are written YYYY-MM-DD: 2024-06-30)"),
            .waiver("a waiver without a reason", "  - {rule: plan-due, approved_by: b, until: 2024-06-30}", marker: "{rule",
                    "missing required key \"reason\""),
            .waiver("a waiver without an approver", "  - {rule: plan-due, reason: r, until: 2024-06-30}", marker: "{rule",
                    "missing required key \"approved_by\""),
            .waiver("a waiver without an expiry", "  - {rule: plan-due, reason: r, approved_by: b}", marker: "{rule",
                    "missing required key \"until\""),
            .waiver("a waiver for an unknown rule", "  - {rule: plan-dew, reason: r, approved_by: b, until: 2024-06-30}", marker: "plan-dew",
                    "a waiver names unknown rule \"plan-dew\"; did you mean \"plan-due\"?"),
            .waiver("a waiver for a rule that cannot be waived", "  - {rule: partner-approvals, reason: r, approved_by: b, until: 2024-06-30}",
                    marker: "partner-approvals", "rule \"partner-approvals\" cannot be waived"),
        ]
        var tooLarge = BadInput("a file over the size limit", "r.yaml", "notes: " + String(repeating: "x", count: 4 << 20) + "\n", 1, 1,
                                "the file is larger than the limit of 4194304 bytes")
        tooLarge.hasSnippet = false
        cases.append(tooLarge)
        return cases
    }()

    @Test(arguments: cases)
    func badInputExitsTwoWithPositionAndSnippetAndWritesNothing(bad: BadInput) throws {
        let workspace = try Workspace.withRules()
        try workspace.write("r.yaml", CLIPack.cleanRecord)
        try workspace.write(bad.file, bytes: bad.bytes)
        try workspace.write("out.txt", "previous report\n")
        let before = workspace.listing()

        let outcome = try workspace.run("check", "--rules", "rules", "--as-of", "2024-04-02", "-o", "out.txt", "r.yaml")

        #expect(outcome.status == 2)
        #expect(outcome.stdout == "")
        let header = "\(bad.file):\(bad.line):\(bad.column): error: \(bad.message)"
        #expect(outcome.stderr.hasPrefix(header), "\(outcome.stderr.prefix(600))")
        if bad.hasSnippet {
            let snippet = "\n" + bad.sourceLine.replacingInvalidUTF8 + "\n" + String(repeating: " ", count: bad.column - 1) + "^"
            #expect(outcome.stderr.contains(snippet), "\(outcome.stderr.prefix(600))")
        } else {
            #expect(outcome.stderr == header + "\n")
        }
        #expect(workspace.read("out.txt") == "previous report\n")
        #expect(workspace.listing() == before, "nothing is left beside the output")
    }

    @Test func everyBadRecordIsReportedInOneRun() throws {
        let workspace = try Workspace.withRules()
        try workspace.write("records/a.yaml", "dutycheck: 1\nnotes: yes\nnotes: no\n")
        try workspace.write("records/b.yaml", CLIPack.cleanRecord)
        try workspace.write("records/c.yaml", CLIPack.record(waivers: "  - {rule: plan-due, reason: r, approved_by: b, until: soon}"))
        let outcome = try workspace.run("check", "--rules", "rules", "--as-of", "2024-04-02", "records")
        #expect(outcome.status == 2)
        #expect(outcome.stdout == "")
        let headers = outcome.stderr.split(separator: "\n").filter { $0.contains(": error: ") }
        #expect(headers.count == 2, "\(outcome.stderr)")
        #expect(headers.first?.hasPrefix("records/a.yaml:3:1: error: duplicate key") == true)
        #expect(headers.last?.hasPrefix("records/c.yaml:9:56: error: \"until\" must be a date, not \"soon\"") == true)
    }

    @Test func everyProblemInAPackIsReportedInOneRun() throws {
        let workspace = try Workspace()
        let broken = CLIPack.text
            .replacingOccurrences(of: "    severity: warning", with: "    severty: warning")
            .replacingOccurrences(of: "require: exists(notes)", with: "require: exists(notes")
            .replacingOccurrences(of: "interval: 3 months", with: "interval: quarterly")
        try workspace.write("rules/pack.yaml", broken)
        try workspace.write("r.yaml", CLIPack.cleanRecord)
        let outcome = try workspace.run("check", "--rules", "rules", "--as-of", "2024-04-02", "r.yaml")
        #expect(outcome.status == 2)
        let headers = outcome.stderr.split(separator: "\n").filter { $0.contains(": error: ") }.map(String.init)
        #expect(headers.count == 3, "\(outcome.stderr)")
        #expect(headers.contains { $0.hasPrefix("rules/pack.yaml:20:5: error: unknown key \"severty\"") })
        #expect(headers.contains { $0.hasPrefix("rules/pack.yaml:21:45: error: \"interval\" must be a duration") })
        #expect(headers.contains { $0.hasPrefix("rules/pack.yaml:28:20: error: this `(` is never closed") })
    }

    /// A `--rules` folder that is not there, or is a file, is told which (for `rules test` too).
    @Test(arguments: [("no-such-rules", "there is no such folder"), ("r.yaml", "is not a folder of rule packs")])
    func aRulesFolderThatIsNoFolderIsBadInput(folder: String, problem: String) throws {
        let workspace = try Workspace()
        try workspace.write("r.yaml", CLIPack.cleanRecord)
        let outcome = try workspace.run("check", "--rules", folder, "--as-of", "2024-04-02", "r.yaml")
        #expect(outcome.status == 2)
        #expect(outcome.stderr == "\(folder): error: \(problem)\n")
        let tests = try workspace.run("rules", "test", folder)
        #expect(tests.status == 2)
        #expect(tests.stderr == "\(folder): error: \(problem)\n")
    }

    @Test func anUnwritableOutputIsBadInput() throws {
        let workspace = try Workspace.withRules()
        try workspace.write("r.yaml", CLIPack.errorRecord)
        let outcome = try workspace.run("check", "--rules", "rules", "--as-of", "2024-04-02", "-o", "missing-folder/out.txt", "r.yaml")
        #expect(outcome.status == 2)
        #expect(outcome.stderr.hasPrefix("missing-folder/out.txt: error: cannot write to"), "\(outcome.stderr)")
    }
}

private extension String {
    /// As the diagnostic renderer shows a source line: U+FFFD for what it cannot show.
    var replacingInvalidUTF8: String {
        String(decoding: Array(utf8), as: UTF8.self)
    }
}
