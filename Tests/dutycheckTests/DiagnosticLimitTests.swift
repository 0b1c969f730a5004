import Foundation
import Testing
import TestSupport
@testable import dutycheck

/// A file with thousands of problems prints the first 50 of its errors and of its warnings, then
/// one line counting the rest; `DUTYCHECK_MAX_DIAGNOSTICS` changes the number, and 0 lifts it.
/// (A record with 90,000 unknown keys had printed 270,000 lines.)
@Suite struct DiagnosticLimitTests {
    static let asOf = ["--as-of", "2024-04-02"]
    static let extraKeys = 120

    /// The line of the first key added after the Bromley record's last line (0, failing every
    /// expectation, if the record cannot be read).
    static let firstAddedLine = ((try? Fixtures.bromley()) ?? "").split(separator: "\n", omittingEmptySubsequences: false).count

    /// The Bromley record with `extraKeys` unknown top-level keys after its last line.
    static func crowdedRecord(in workspace: Workspace) throws -> String {
        let text = try Fixtures.bromley()
        #expect(text.hasSuffix("\n"))
        try workspace.write("record.yaml", text + (0..<extraKeys).map { "zz_\($0): 1\n" }.joined())
        return workspace.path("record.yaml")
    }

    static func problem(_ record: String, key: Int, severity: String) -> String {
        "\(record):\(firstAddedLine + key):1: \(severity): unknown key \"zz_\(key)\"\nzz_\(key): 1\n^"
    }

    static func note(_ record: String, count: Int, noun: String, limit: Int) -> String {
        "\(record): \(count) more \(noun) not shown (at most \(limit) \(limit == 1 ? "is" : "are") shown per file; "
            + "set DUTYCHECK_MAX_DIAGNOSTICS to another number, or to 0 to show them all)"
    }

    static func run(_ workspace: Workspace, _ arguments: [String], limit: String? = nil) throws -> CommandRunner.Outcome {
        // An empty value removes the variable, so a limit set where the tests run does not leak in.
        try CommandRunner.run(arguments, in: workspace.url, environment: ["DUTYCHECK_MAX_DIAGNOSTICS": limit ?? ""])
    }

    /// `validate` refuses the record (its problems are errors); `check` checks it and warns.
    @Test(arguments: [
        (["validate"], Int32(2), "error", "errors"),
        (["check", "--quiet"] + asOf, Int32(1), "warning", "warnings"),
    ])
    func fiftyOfAFilesProblemsArePrintedAndTheRestCounted(command: [String], status: Int32, severity: String, noun: String) throws {
        let workspace = try Workspace()
        let record = try Self.crowdedRecord(in: workspace)
        let outcome = try Self.run(workspace, command + [record])
        #expect(outcome.status == status)
        let expected = (0..<50).map { Self.problem(record, key: $0, severity: severity) }
            + [Self.note(record, count: Self.extraKeys - 50, noun: noun, limit: 50)]
        #expect(outcome.stderr == expected.joined(separator: "\n") + "\n")
    }

    @Test func theLimitIsPerFileAndSetInTheEnvironment() throws {
        let workspace = try Workspace()
        let record = try Self.crowdedRecord(in: workspace)
        // Three unknown keys and the missing sections: several errors, each with a snippet.
        try workspace.write("second.yaml", "dutycheck: 1\nstray: 1\nother: 2\nthird: 3\n")
        let second = workspace.path("second.yaml")
        let whole = try Self.run(workspace, ["validate", second], limit: "0")
        let secondErrors = whole.stderr.split(separator: "\n").filter { $0.hasPrefix(second + ":") && $0.contains(": error: ") }
        #expect(secondErrors.count >= 3)
        let firstOfSecond = whole.stderr.split(separator: "\n").prefix(3).joined(separator: "\n")

        let outcome = try Self.run(workspace, ["validate", record, second], limit: "1")
        #expect(outcome.status == 2)
        // Each file's first error with its snippet, then the notes, in the order the files came.
        let expected = [
            Self.problem(record, key: 0, severity: "error"),
            firstOfSecond,
            Self.note(record, count: Self.extraKeys - 1, noun: "errors", limit: 1),
            Self.note(second, count: secondErrors.count - 1, noun: secondErrors.count == 2 ? "error" : "errors", limit: 1),
        ]
        #expect(outcome.stderr == expected.joined(separator: "\n") + "\n")
    }

    @Test func zeroShowsEveryDiagnostic() throws {
        let workspace = try Workspace()
        let record = try Self.crowdedRecord(in: workspace)
        let outcome = try Self.run(workspace, ["validate", record], limit: "0")
        #expect(outcome.status == 2)
        let expected = (0..<Self.extraKeys).map { Self.problem(record, key: $0, severity: "error") }
        #expect(outcome.stderr == expected.joined(separator: "\n") + "\n")
    }

    @Test(arguments: ["-1", "ten", "1.5", " 3", "+3"])
    func aBadLimitIsRefusedBeforeAnythingRuns(value: String) throws {
        let workspace = try Workspace()
        let outcome = try Self.run(workspace, ["calendar", "-o", "out.ics"] + Self.asOf
                                   + [Fixtures.path("Examples/bromley/record.yaml").path], limit: value)
        #expect(outcome.status == 2)
        #expect(outcome.stderr == "DUTYCHECK_MAX_DIAGNOSTICS: error: \"\(value)\" is not a whole number from 0 up (0 prints every diagnostic)\n")
        // --help and --version are not refused for it.
        #expect(try Self.run(workspace, ["--version"], limit: value).status == 0)
        #expect(workspace.listing() == [])
    }
}

/// `DiagnosticLimit` itself: where the count starts, repeats, and reading the variable.
@Suite struct DiagnosticLimitCountTests {
    static func lines(_ count: Int, file: String = "a.yaml") -> [String] { (0..<count).map { "\(file):\($0 + 1):1: x" } }

    static func render(_ items: [String], perFile: Int? = 50) -> [String] {
        DiagnosticLimit(perFile: perFile).rendered(items, kind: "error", file: { String($0.prefix { $0 != ":" }) },
                                                   identity: { $0 }, text: { $0 })
            .split(separator: "\n").map(String.init)
    }

    @Test func fiftyAreAllShownAndTheFiftyFirstIsCounted() {
        #expect(Self.render(Self.lines(50)) == Self.lines(50))
        #expect(Self.render(Self.lines(51)) == Self.lines(50) + [
            "a.yaml: 1 more error not shown (at most 50 are shown per file; set DUTYCHECK_MAX_DIAGNOSTICS to another number, or to 0 to show them all)",
        ])
        #expect(Self.render(Self.lines(3), perFile: 1) == ["a.yaml:1:1: x",
            "a.yaml: 2 more errors not shown (at most 1 is shown per file; set DUTYCHECK_MAX_DIAGNOSTICS to another number, or to 0 to show them all)"])
        #expect(Self.render(Self.lines(80), perFile: nil) == Self.lines(80))
    }

    /// A file given twice has each problem twice: printed once, and its repeats are not counted.
    @Test func repeatsArePrintedOnceAndNotCounted() {
        #expect(Self.render(Self.lines(30) + Self.lines(30)) == Self.lines(30))
        #expect(Self.render(Self.lines(2) + Self.lines(2, file: "b.yaml") + Self.lines(2), perFile: 1) == [
            "a.yaml:1:1: x", "b.yaml:1:1: x",
            "a.yaml: 1 more error not shown (at most 1 is shown per file; set DUTYCHECK_MAX_DIAGNOSTICS to another number, or to 0 to show them all)",
            "b.yaml: 1 more error not shown (at most 1 is shown per file; set DUTYCHECK_MAX_DIAGNOSTICS to another number, or to 0 to show them all)",
        ])
    }

    /// One file named two ways (`./r.yaml`, a link to it) is one file given twice: its problems
    /// are printed once, under the first name, by `validate` (errors) and `check` (warnings).
    @Test func aFileNamedTwoWaysHasItsProblemsPrintedOnce() throws {
        let workspace = try Workspace()
        try workspace.write("r.yaml", "dutycheck: 1\npartnership: {name: P, nation: england, area_type: unitary}\nzz: 1\n")
        try FileManager.default.createSymbolicLink(atPath: workspace.path("link.yaml"), withDestinationPath: "r.yaml")
        let problem = "unknown key \"zz\"\nzz: 1\n^\n"
        let validate = try DiagnosticLimitTests.run(workspace, ["validate", "r.yaml", "./r.yaml", "link.yaml"])
        #expect(validate.status == 2)
        #expect(validate.stderr == "r.yaml:3:1: error: " + problem)
        let check = try DiagnosticLimitTests.run(workspace, ["check"] + DiagnosticLimitTests.asOf + ["r.yaml", "./r.yaml"])
        #expect(check.stderr == "r.yaml:3:1: warning: " + problem)
        // Two files with the same text are two files.
        try workspace.write("s.yaml", "dutycheck: 1\npartnership: {name: P, nation: england, area_type: unitary}\nzz: 1\n")
        #expect(try DiagnosticLimitTests.run(workspace, ["validate", "r.yaml", "s.yaml"]).stderr == "r.yaml:3:1: error: " + problem + "s.yaml:3:1: error: " + problem)
    }

    @Test(arguments: [
        ("", 50), ("7", 7), ("0", nil), ("000", nil), ("99999999999999999999999", nil),
    ] as [(String, Int?)])
    func theVariableIsReadAsDigits(text: String, perFile: Int?) throws {
        #expect(try DiagnosticLimit.read(environment: ["DUTYCHECK_MAX_DIAGNOSTICS": text]).perFile == perFile)
    }
}
