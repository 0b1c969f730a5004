import Foundation
import Testing
import TestSupport

/// `dutycheck check` as a user and cron run it: exit codes, --quiet, JSON, folders, -o (DESIGN.md §6).
@Suite struct CheckCommandTests {
    static let asOf = "2024-04-02"

    @Test(arguments: [
        // record, --fail-on (nil: the default, error), exit status
        ("clean", nil, 0), ("clean", "info", 0),
        ("error", nil, 1), ("error", "error", 1), ("error", "warning", 1), ("error", "info", 1), ("error", "never", 0),
        ("warning", nil, 0), ("warning", "warning", 1), ("warning", "info", 1), ("warning", "never", 0),
        ("info", nil, 0), ("info", "warning", 0), ("info", "info", 1),
    ] as [(String, String?, Int32)])
    func exitStatusFollowsFailOn(record: String, failOn: String?, status: Int32) throws {
        let workspace = try Workspace.withRules()
        let text = switch record {
        case "clean": CLIPack.cleanRecord
        case "error": CLIPack.errorRecord
        case "warning": CLIPack.warningRecord
        default: CLIPack.infoRecord
        }
        try workspace.write("r.yaml", text)
        var arguments = ["check", "--rules", "rules", "--as-of", Self.asOf]
        if let failOn { arguments += ["--fail-on", failOn] }
        let outcome = try workspace.run(arguments + ["r.yaml"])
        #expect(outcome.status == status, "\(outcome.stderr)")
        #expect(outcome.stderr == "")
        #expect(!outcome.stdout.isEmpty)
    }

    @Test func checkIsTheDefaultSubcommand() throws {
        let workspace = try Workspace.withRules()
        try workspace.write("r.yaml", CLIPack.errorRecord)
        let outcome = try workspace.run("--rules", "rules", "--as-of", Self.asOf, "r.yaml")
        #expect(outcome.status == 1)
    }

    @Test(arguments: [
        (CLIPack.cleanRecord, [String](), Int32(0), true),
        (CLIPack.warningRecord, [], 0, true),
        (CLIPack.infoRecord, [], 0, true),
        (CLIPack.warningRecord, ["--fail-on", "warning"], 1, false),
        (CLIPack.errorRecord, [], 1, false),
        (CLIPack.errorRecord, ["--fail-on", "never"], 0, true),
    ])
    func quietPrintsNothingUnlessSomethingReachesTheThreshold(record: String, extra: [String], status: Int32, silent: Bool) throws {
        let workspace = try Workspace.withRules()
        try workspace.write("r.yaml", record)
        let outcome = try workspace.run(["check", "--quiet", "--rules", "rules", "--as-of", Self.asOf] + extra + ["r.yaml"])
        #expect(outcome.status == status)
        #expect(outcome.stderr == "")
        #expect(outcome.stdout.isEmpty == silent, "\(outcome.stdout)")
    }

    /// --quiet is about stdout: an output file is still written, so it never keeps a stale report.
    @Test func quietStillWritesTheOutputFile() throws {
        let workspace = try Workspace.withRules()
        try workspace.write("r.yaml", CLIPack.cleanRecord)
        let loud = try workspace.run("check", "--format", "json", "--rules", "rules", "--as-of", Self.asOf, "r.yaml")
        try workspace.write("out.json", "yesterday's report\n")
        let outcome = try workspace.run("check", "--quiet", "--format", "json", "--rules", "rules", "--as-of", Self.asOf, "-o", "out.json", "r.yaml")
        #expect(outcome.status == 0)
        #expect(outcome.stdout == "")
        #expect(workspace.read("out.json") == loud.stdout)
    }

    @Test func outputFileGetsWhatStdoutWouldHave() throws {
        let workspace = try Workspace.withRules()
        try workspace.write("r.yaml", CLIPack.errorRecord)
        let direct = try workspace.run("check", "--format", "json", "--rules", "rules", "--as-of", Self.asOf, "r.yaml")
        try workspace.write("out.json", "previous contents\n")
        let written = try workspace.run("check", "--format", "json", "--rules", "rules", "--as-of", Self.asOf, "-o", "out.json", "r.yaml")
        #expect(written.status == 1)
        #expect(written.stdout == "")
        #expect(workspace.read("out.json") == direct.stdout)
        #expect(workspace.listing() == ["out.json", "r.yaml", "rules"], "no temporary file is left behind")
    }

    /// A private output stays private when a run replaces it, and one with wider modes keeps them
    /// (the umask does not narrow them).
    @Test(arguments: [0o600, 0o640, 0o664] as [Int])
    func replacingAnOutputKeepsItsPermissions(mode: Int) throws {
        let workspace = try Workspace.withRules()
        try workspace.write("r.yaml", CLIPack.cleanRecord)
        try workspace.write("out.txt", "yesterday's report\n")
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: workspace.path("out.txt"))
        let outcome = try workspace.run("check", "--rules", "rules", "--as-of", Self.asOf, "-o", "out.txt", "r.yaml")
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(workspace.read("out.txt") != "yesterday's report\n")
        let attributes = try FileManager.default.attributesOfItem(atPath: workspace.path("out.txt"))
        #expect((attributes[.posixPermissions] as? Int) == mode)
    }

    /// `-o` naming a symbolic link writes the link's target (through a chain of links, relative to each
    /// link's folder), which is replaced in its own folder; the links stay links.
    @Test func anOutputThatIsALinkIsWrittenThroughToItsTarget() throws {
        let workspace = try Workspace.withRules()
        try workspace.write("r.yaml", CLIPack.cleanRecord)
        let direct = try workspace.run("check", "--rules", "rules", "--as-of", Self.asOf, "r.yaml")
        try workspace.write("reports/latest.txt", "yesterday's report\n")
        try FileManager.default.createSymbolicLink(atPath: workspace.path("reports/current.txt"), withDestinationPath: "latest.txt")
        try FileManager.default.createSymbolicLink(atPath: workspace.path("out.txt"), withDestinationPath: "reports/current.txt")
        let outcome = try workspace.run("check", "--rules", "rules", "--as-of", Self.asOf, "-o", "out.txt", "r.yaml")
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: workspace.path("out.txt")) == "reports/current.txt")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: workspace.path("reports/current.txt")) == "latest.txt")
        #expect(workspace.read("reports/latest.txt") == direct.stdout)
        #expect(workspace.listing() == ["out.txt", "r.yaml", "reports", "rules"])
        #expect(workspace.listing("reports") == ["current.txt", "latest.txt"], "no temporary file is left behind")

        // A link to a file not made yet makes it there, as a shell's `>` would.
        try FileManager.default.createSymbolicLink(atPath: workspace.path("new.txt"), withDestinationPath: "reports/new-target.txt")
        let fresh = try workspace.run("check", "--rules", "rules", "--as-of", Self.asOf, "-o", "new.txt", "r.yaml")
        #expect(fresh.status == 0, "\(fresh.stderr)")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: workspace.path("new.txt")) == "reports/new-target.txt")
        #expect(workspace.read("reports/new-target.txt") == direct.stdout)
    }

    /// Links that lead round in a loop are refused, and left as they were.
    @Test func anOutputLinkLoopIsRefused() throws {
        let workspace = try Workspace.withRules()
        try workspace.write("r.yaml", CLIPack.cleanRecord)
        try FileManager.default.createSymbolicLink(atPath: workspace.path("a.txt"), withDestinationPath: "b.txt")
        try FileManager.default.createSymbolicLink(atPath: workspace.path("b.txt"), withDestinationPath: "a.txt")
        let outcome = try workspace.run("check", "--rules", "rules", "--as-of", Self.asOf, "-o", "a.txt", "r.yaml")
        #expect(outcome.status == 2)
        #expect(outcome.stderr == "a.txt: error: cannot be written: Too many levels of symbolic links\n")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: workspace.path("a.txt")) == "b.txt")
        #expect(workspace.listing() == ["a.txt", "b.txt", "r.yaml", "rules"])
    }

    // MARK: ArgumentParser's own errors and bad flags exit 2

    @Test(arguments: [
        ["check", "--bogus", "r.yaml"],
        [],
        ["check"],
        ["check", "--rules", "rules"],
        ["check", "--format", "xml", "r.yaml"],
        ["check", "--fail-on", "fatal", "r.yaml"],
        ["check", "--as-of"],
        ["check", "-x", "r.yaml"],
        ["rules", "frobnicate"],
        ["rules"],
        ["rules", "show"],
        ["validate"],
    ])
    func usageErrorsExitTwo(arguments: [String]) throws {
        let workspace = try Workspace.withRules()
        try workspace.write("r.yaml", CLIPack.cleanRecord)
        let outcome = try workspace.run(arguments)
        #expect(outcome.status == 2, "\(outcome.stderr)")
        #expect(outcome.stderr.hasPrefix("error: "), "\(outcome.stderr)")
        #expect(!outcome.stderr.hasPrefix("error: Error:"), "\(outcome.stderr)")
        #expect(outcome.stdout == "")
    }

    @Test(arguments: [
        (["check", "--bogus", "r.yaml"], "error: Unknown option '--bogus'\n"),
        (["check", "--format", "xml", "r.yaml"], "error: The value 'xml' is invalid for '--format <format>'. Please provide one of 'text', 'json' or 'junit'.\n"),
        (["check", "--fail-on", "fatal", "r.yaml"], "error: The value 'fatal' is invalid for '--fail-on <fail-on>'. Please provide one of 'error', 'warning', 'info' or 'never'.\n"),
        ([], "error: Missing expected argument '<RECORD> ...'\n"),
    ])
    func usageErrorsSayWhatIsWrongFirst(arguments: [String], firstLine: String) throws {
        let workspace = try Workspace.withRules()
        try workspace.write("r.yaml", CLIPack.cleanRecord)
        let outcome = try workspace.run(arguments)
        #expect(outcome.status == 2)
        #expect(outcome.stderr.hasPrefix(firstLine), "\(outcome.stderr)")
    }

    /// Text in the YYYY-MM-DD form that names no day is told so, not told the form it already has.
    @Test(arguments: [
        ("2024-02-30", "2024-02-30 is not a real day"),
        ("2023-02-29", "2023-02-29 is not a real day"),
        ("2024-13-01", "2024-13-01 is not a real day"),
        ("31/03/2024", "\"31/03/2024\" is not a date: write it as YYYY-MM-DD"),
        ("tomorrow", "\"tomorrow\" is not a date: write it as YYYY-MM-DD"),
        ("2024-4-1", "\"2024-4-1\" is not a date: write it as YYYY-MM-DD"),
    ])
    func anAsOfThatIsNotADateExitsTwo(asOf: String, message: String) throws {
        let workspace = try Workspace.withRules()
        try workspace.write("r.yaml", CLIPack.cleanRecord)
        try workspace.write("out.txt", "previous\n")
        let outcome = try workspace.run("check", "--rules", "rules", "--as-of", asOf, "-o", "out.txt", "r.yaml")
        #expect(outcome.status == 2)
        #expect(outcome.stderr == "--as-of: error: \(message)\n")
        #expect(outcome.stdout == "")
        #expect(workspace.read("out.txt") == "previous\n")
    }

    @Test func helpAndVersionExitZero() throws {
        let workspace = try Workspace()
        let help = try workspace.run("check", "--help")
        #expect(help.status == 0)
        #expect(help.stdout.contains("--fail-on"))
        let version = try workspace.run("--version")
        #expect(version.status == 0)
        #expect(!version.stdout.isEmpty)
    }

    @Test func aMissingRecordFileExitsTwo() throws {
        let workspace = try Workspace.withRules()
        let outcome = try workspace.run("check", "--rules", "rules", "--as-of", Self.asOf, "nowhere.yaml")
        #expect(outcome.status == 2)
        #expect(outcome.stderr == "nowhere.yaml: error: no such file or directory\n")
    }

    // MARK: JSON

    static let findingKeys: Set<String> = ["rule", "pack", "title", "status", "severity", "level", "confidence", "subject", "label", "due",
                                           "done", "days", "owners", "message", "remedy", "basis", "evidence"]

    @Test func jsonHasSchemaVersionOneAndEveryFindingKey() throws {
        let workspace = try Workspace.withRules()
        try workspace.write("r.yaml", CLIPack.record(plan: "{due: 2024-03-31}", lastMet: "2024-01-10", notes: "~"))
        let outcome = try workspace.run("check", "--format", "json", "--rules", "rules", "--as-of", Self.asOf, "r.yaml")
        #expect(outcome.status == 1)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any])
        #expect(json["schemaVersion"] as? Int == 1)
        #expect(json["asOf"] as? String == Self.asOf)
        let tool = try #require(json["tool"] as? [String: Any])
        #expect(tool["name"] as? String == "dutycheck")
        let packs = try #require(json["packs"] as? [[String: Any]])
        #expect(packs.count == 1)
        #expect(packs.first?["id"] as? String == "cli-pack")
        #expect(packs.first?["version"] as? String == "1")
        #expect((packs.first?["sha256"] as? String)?.count == 64)

        let records = try #require(json["records"] as? [[String: Any]])
        try #require(records.count == 1)
        let record = records[0]
        #expect(record["file"] as? String == "r.yaml")
        #expect(record["name"] as? String == "Test Partnership")
        #expect((record["sha256"] as? String)?.count == 64)
        let summary = try #require(record["summary"] as? [String: Int])
        #expect(summary == ["met": 1, "due-soon": 1, "overdue": 1, "missing": 1, "late": 0, "not-applicable": 0, "waived": 0])
        #expect((record["waivers"] as? [Any])?.isEmpty == true)

        let findings = try #require(record["findings"] as? [[String: Any]])
        #expect(findings.count == 4)
        for finding in findings {
            #expect(Set(finding.keys) == Self.findingKeys, "\(finding.keys.sorted())")
        }
        let byRule = Dictionary(findings.map { ($0["rule"] as? String ?? "", $0) }, uniquingKeysWith: { first, _ in first })

        let plan = try #require(byRule["plan-due"])
        #expect(plan["status"] as? String == "overdue")
        #expect(plan["level"] as? String == "error")
        #expect(plan["severity"] as? String == "error")
        #expect(plan["due"] as? String == "2024-03-31")
        #expect(plan["done"] is NSNull)
        #expect(plan["days"] as? Int == 2)
        #expect(plan["subject"] is NSNull)
        #expect(plan["remedy"] is NSNull)
        #expect(plan["pack"] as? String == "cli-pack")
        #expect(plan["owners"] as? [String] == ["board"])
        #expect(plan["message"] as? String == "Overdue by 2 days: it fell due on 31 March 2024.")
        let basis = try #require(plan["basis"] as? [[String: String]])
        #expect(basis == [["id": "act", "title": "Test Act 2024, section 1", "url": "https://example.org/act"]])
        let evidence = try #require(plan["evidence"] as? [[String: Any]])
        #expect(evidence.first?["path"] as? String == "plan.due")
        #expect(evidence.first?["file"] as? String == "r.yaml")
        #expect(evidence.first?["line"] as? Int == 3)
        #expect(evidence.first?["column"] as? Int == 13)

        let board = try #require(byRule["board-meets"])
        #expect(board["status"] as? String == "due-soon")
        #expect(board["level"] as? String == "warning")
        #expect(board["severity"] as? String == "warning")
        #expect(board["due"] as? String == "2024-04-10")
        #expect(board["done"] as? String == "2024-01-10")
        #expect(board["days"] as? Int == 8)

        let notes = try #require(byRule["notes-kept"])
        #expect(notes["status"] as? String == "missing")
        #expect(notes["level"] as? String == "info")
        #expect(notes["days"] is NSNull)
        #expect(notes["due"] is NSNull)

        let partner = try #require(byRule["partner-approvals"])
        #expect(partner["status"] as? String == "met")
        #expect(partner["level"] is NSNull)
        #expect(partner["subject"] as? String == "lbb")
        #expect(partner["owners"] as? [String] == ["lbb"])
    }

    @Test func jsonListsWaiversWithTheirStatus() throws {
        let workspace = try Workspace.withRules()
        let waivers = """
              - {rule: plan-due, reason: Awaiting the election., approved_by: Board, until: 2024-06-30}
              - {rule: notes-kept, reason: Old., approved_by: Board, until: 2024-01-31}
              - {rule: board-meets, subject: nobody, reason: None., approved_by: Board, until: 2024-12-31}
            """
        try workspace.write("r.yaml", CLIPack.record(plan: "{due: 2024-03-31}", notes: "~", waivers: waivers))
        let outcome = try workspace.run("check", "--format", "json", "--fail-on", "info", "--rules", "rules", "--as-of", Self.asOf, "r.yaml")
        // The waived plan no longer fails; the expired waiver leaves the missing notes (info).
        #expect(outcome.status == 1)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any])
        let record = try #require((json["records"] as? [[String: Any]])?.first)
        let listed = try #require(record["waivers"] as? [[String: Any]])
        #expect(listed.map { $0["rule"] as? String } == ["plan-due", "notes-kept", "board-meets"])
        #expect(listed.map { $0["status"] as? String } == ["active", "expired", "unused"])
        #expect(listed.map { $0["until"] as? String } == ["2024-06-30", "2024-01-31", "2024-12-31"])
        #expect(listed[0]["subject"] is NSNull)
        #expect(listed[2]["subject"] as? String == "nobody")
        let findings = try #require(record["findings"] as? [[String: Any]])
        let plan = try #require(findings.first { $0["rule"] as? String == "plan-due" })
        #expect(plan["status"] as? String == "waived")
        #expect(plan["level"] is NSNull)
        #expect(plan["days"] is NSNull)
        #expect(plan["due"] as? String == "2024-03-31")

        let defaultThreshold = try workspace.run("check", "--rules", "rules", "--as-of", Self.asOf, "r.yaml")
        #expect(defaultThreshold.status == 0)
        // The expired waiver is shown in text output too.
        let expiredLines = defaultThreshold.stdout.split(separator: "\n").filter { $0.contains("notes-kept") && $0.uppercased().contains("EXPIRED") }
        #expect(expiredLines.count == 1, "\(defaultThreshold.stdout)")
        // A waiver naming a subject its rule does not have is a slip in the record: shown without --all.
        #expect(defaultThreshold.stdout.contains("""

            Unused waivers (1)
            ------------------

            [UNUSED WAIVER] board-meets — nobody
              Unused:        Waived until 31 December 2024, but it matched no finding: no finding of rule board-meets has the subject \u{201C}nobody\u{201D}; its findings have no subjects, so a waiver for it names none.
            """), "\(defaultThreshold.stdout)")
    }

    @Test func aFolderOfRecordsIsCheckedInNameOrder() throws {
        let workspace = try Workspace.withRules()
        try workspace.write("records/b.yaml", CLIPack.record(name: "Second"))
        try workspace.write("records/a.yml", CLIPack.record(plan: "{due: 2024-03-31}", name: "First"))
        try workspace.write("records/notes.txt", "not a record\n")
        try workspace.write("records/.hidden.yaml", "::: not yaml\n")
        try workspace.write("records/sub/c.yaml", "::: not yaml\n")
        let outcome = try workspace.run("check", "--format", "json", "--rules", "rules", "--as-of", Self.asOf, "records")
        #expect(outcome.status == 1, "\(outcome.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any])
        let records = try #require(json["records"] as? [[String: Any]])
        #expect(records.map { $0["file"] as? String } == ["records/a.yml", "records/b.yaml"])
        #expect(records.map { $0["name"] as? String } == ["First", "Second"])

        let clean = try workspace.run("check", "--rules", "rules", "--as-of", Self.asOf, "records/b.yaml", "records/b.yaml")
        #expect(clean.status == 0)
    }

    /// `check` writes records out a batch at a time (64 records); these folders span several batches.
    @Test(arguments: ["text", "json", "junit"])
    func manyRecordsKeepTheirOrderAcrossBatches(format: String) throws {
        let workspace = try Workspace.withRules()
        let count = 150
        for index in 0..<count {
            try workspace.write(String(format: "records/r%03d.yaml", index),
                                CLIPack.record(name: "Partnership \(index)"))
        }
        let outcome = try workspace.run("check", "--format", format, "--rules", "rules", "--as-of", Self.asOf, "records")
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let names = (0..<count).map { "Partnership \($0)" }
        var positions: [String.Index] = []
        for name in names {
            // Each name followed by what ends it in that format, so "Partnership 1" is not found in "Partnership 10".
            let marker = format == "json" ? "\"\(name)\"" : format == "junit" ? "\(name) (" : "\(name)\n"
            let found = try #require(outcome.stdout.range(of: marker), "\(name) is missing")
            positions.append(found.lowerBound)
        }
        #expect(positions == positions.sorted())
        if format == "json" {
            let json = try #require(try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any])
            #expect((json["records"] as? [[String: Any]])?.count == count)
        }
    }

    /// A bad record after the first batch has already been checked: no partial report reaches
    /// stdout, and an existing output file is left as it was.
    @Test func aLateBadRecordWritesNothing() throws {
        let workspace = try Workspace.withRules()
        for index in 0..<100 {
            try workspace.write(String(format: "records/r%03d.yaml", index), CLIPack.record(name: "Partnership \(index)"))
        }
        try workspace.write("records/z-bad.yaml", "dutycheck: 1\npartnership: [\n")
        let toStdout = try workspace.run("check", "--rules", "rules", "--as-of", Self.asOf, "records")
        #expect(toStdout.status == 2)
        #expect(toStdout.stdout == "")
        #expect(toStdout.stderr.hasPrefix("records/z-bad.yaml:3:1: error:"), "\(toStdout.stderr)")

        try workspace.write("previous.json", "the previous report\n")
        let toFile = try workspace.run("check", "--format", "json", "-o", "previous.json", "--rules", "rules",
                                       "--as-of", Self.asOf, "records")
        #expect(toFile.status == 2)
        #expect(workspace.read("previous.json") == "the previous report\n")
        #expect(!workspace.listing().contains { $0.hasSuffix(".tmp") })
    }

    /// Output is staged in a temporary file; without a usable temporary folder it is kept in
    /// memory, and the bytes and exit status are the same.
    /// Each format gives the same bytes on stdout and in an `-o` file, whether staged in a
    /// temporary file or (with no temporary folder) in memory; JUnit's root element, written last
    /// but placed first, appears once, with totals that match its test cases.
    /// Who must act is named as in the text output and the report, not by id alone.
    @Test(arguments: ["text", "junit"])
    func ownersAreNamedByTheirPartnerName(format: String) throws {
        let workspace = try Workspace.withRules()
        let record = CLIPack.cleanRecord.replacingOccurrences(of: "{id: lbb, approved: true}",
                                                              with: "{id: lbb, name: London Borough of Bromley, approved: false}")
        try workspace.write("r.yaml", record)
        let outcome = try workspace.run("check", "--format", format, "--rules", "rules", "--as-of", Self.asOf, "r.yaml")
        #expect(outcome.status == 1, "\(outcome.stderr)")
        #expect(outcome.stdout.contains("  Who must act:  London Borough of Bromley (lbb)\n"), "\(outcome.stdout)")
    }

    @Test(arguments: ["text", "json", "junit"])
    func outputIsTheSameWithoutATemporaryFolder(format: String) throws {
        let workspace = try Workspace.withRules()
        for index in 0..<70 {
            try workspace.write(String(format: "records/r%03d.yaml", index), CLIPack.record(name: "Partnership \(index)"))
        }
        let arguments = ["check", "--format", format, "--rules", "rules", "--as-of", Self.asOf]
        let noTemporaryFolder = ["NO_COLOR": "1", "TMPDIR": workspace.path("no-such-folder")]
        let staged = try workspace.run(arguments + ["records"])
        let inMemory = try CommandRunner.run(arguments + ["records"], in: workspace.url, environment: noTemporaryFolder)
        let toFile = try workspace.run(arguments + ["-o", "staged.out", "records"])
        let toFileInMemory = try CommandRunner.run(arguments + ["-o", "memory.out", "records"], in: workspace.url,
                                                   environment: noTemporaryFolder)
        for outcome in [staged, inMemory, toFile, toFileInMemory] {
            #expect(outcome.status == 0, "\(outcome.stderr)")
            #expect(outcome.stderr == "")
        }
        #expect(inMemory.stdout == staged.stdout)
        #expect(try String(contentsOfFile: workspace.path("staged.out"), encoding: .utf8) == staged.stdout)
        #expect(try String(contentsOfFile: workspace.path("memory.out"), encoding: .utf8) == staged.stdout)
        #expect(staged.stdout.contains("Partnership 69"))
        if format == "junit" {
            #expect(staged.stdout.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites "))
            #expect(staged.stdout.components(separatedBy: "<testsuites").count == 2)
            #expect(staged.stdout.components(separatedBy: "<testsuite ").count == 71)
            let cases = staged.stdout.components(separatedBy: "<testcase ").count - 1
            #expect(staged.stdout.contains("<testsuites name=\"dutycheck\" tests=\"\(cases)\" "))
            #expect(staged.stdout.hasSuffix("</testsuite>\n</testsuites>\n"))
        }
    }

    /// The output is written only after every record is checked, so a bad record is reported
    /// first, and an output folder that is missing after it.
    @Test func recordErrorsComeBeforeAnUnwritableOutput() throws {
        let workspace = try Workspace.withRules()
        try workspace.write("bad.yaml", "dutycheck: 1\npartnership: [\n")
        let bad = try workspace.run("check", "-o", "missing/out.json", "--rules", "rules", "--as-of", Self.asOf, "bad.yaml")
        #expect(bad.status == 2)
        #expect(bad.stderr.hasPrefix("bad.yaml:3:1: error:"), "\(bad.stderr)")
        try workspace.write("good.yaml", CLIPack.cleanRecord)
        let good = try workspace.run("check", "-o", "missing/out.json", "--rules", "rules", "--as-of", Self.asOf, "good.yaml")
        #expect(good.status == 2)
        #expect(good.stderr.hasPrefix("missing/out.json: error: cannot write to "), "\(good.stderr)")
        #expect(good.stderr.hasSuffix("/missing (missing folder or permission denied)\n"), "\(good.stderr)")
    }

    @Test func anEmptyFolderOfRecordsIsBadInput() throws {
        let workspace = try Workspace.withRules()
        try workspace.write("records/readme.txt", "nothing here\n")
        let outcome = try workspace.run("check", "--rules", "rules", "--as-of", Self.asOf, "records")
        #expect(outcome.status == 2)
        #expect(outcome.stderr == "records: error: the directory holds no .yaml records\n")
    }

    @Test func junitIsXML() throws {
        let workspace = try Workspace.withRules()
        try workspace.write("r.yaml", CLIPack.errorRecord)
        let outcome = try workspace.run("check", "--format", "junit", "--rules", "rules", "--as-of", Self.asOf, "r.yaml")
        #expect(outcome.status == 1)
        #expect(outcome.stdout.hasPrefix("<?xml"))
        #expect(outcome.stdout.contains("plan-due"))
    }
}
