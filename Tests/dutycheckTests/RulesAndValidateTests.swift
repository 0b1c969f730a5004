import Foundation
import Testing
import TestSupport
@testable import dutycheck

/// `dutycheck rules test|list|show` on a tiny rules folder, and `dutycheck validate`.
@Suite struct RulesCommandTests {
    /// Every rule of the CLI pack shown met and not met: 2 cases, 8 expected findings.
    static let tests = """
        dutycheck: 1
        tests:
          - name: all in order
            as_of: 2024-04-02
            record:
              plan: {due: 2024-03-31, agreed: 2024-03-20}
              board: {last_met: 2024-03-01}
              notes: yes
              partners: [{id: lbb, approved: true}]
            expect:
              - {rule: plan-due, status: met, due: 2024-03-31}
              - {rule: board-meets, status: met, due: 2024-06-01}
              - {rule: notes-kept, status: met}
              - {rule: partner-approvals, subject: lbb, status: met}
          - name: nothing in order
            as_of: 2024-04-02
            record:
              plan: {due: 2024-03-31}
              board: {last_met: 2024-01-10}
              partners: [{id: lbb, approved: false}]
            expect:
              - {rule: plan-due, status: overdue, days: 2}
              - {rule: board-meets, status: due-soon, days: 8}
              - {rule: notes-kept, status: missing}
              - {rule: partner-approvals, subject: lbb, status: missing}

        """

    static func workspace(tests: String = tests) throws -> Workspace {
        let workspace = try Workspace.withRules()
        try workspace.write("rules/tests/t.yaml", tests)
        return workspace
    }

    @Test func passingRuleTestsExitZero() throws {
        let outcome = try Self.workspace().run("rules", "test", "rules")
        #expect(outcome.status == 0, "\(outcome.stdout)\(outcome.stderr)")
        #expect(outcome.stdout == "2 test cases, 8 expected findings\n8 passed, 0 failed\n")
        #expect(outcome.stderr == "")
    }

    @Test func aFailingRuleTestExitsOneAndSaysWhere() throws {
        let broken = Self.tests.replacingOccurrences(of: "status: overdue, days: 2", with: "status: overdue, days: 3")
        let outcome = try Self.workspace(tests: broken).run("rules", "test", "rules")
        #expect(outcome.status == 1)
        let lines = outcome.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.last == "")
        #expect(lines.dropLast().last == "7 passed, 2 failed")
        #expect(lines.contains("rules/tests/t.yaml:22:9: error: nothing in order: plan-due: expected overdue days 3, "
            + "found overdue due 2024-03-31 days 2 — Overdue by 2 days: it fell due on 31 March 2024."), "\(outcome.stdout)")
        #expect(outcome.stdout.contains("\n      - {rule: plan-due, status: overdue, days: 3}\n        ^\n"))
        // It was plan-due's only failing example.
        #expect(lines.contains("rules/pack.yaml:8:5: error: rule \"plan-due\" has no test with a failing example (missing, overdue, due-soon or late)"))
    }

    @Test func aRuleWithoutTestsFails() throws {
        let outcome = try Self.workspace(tests: "dutycheck: 1\ntests: []\n").run("rules", "test", "rules")
        #expect(outcome.status == 1)
        #expect(outcome.stdout.hasSuffix("0 test cases, 0 expected findings\n0 passed, 4 failed\n"), "\(outcome.stdout)")
    }

    @Test func aBadTestFileIsBadInput() throws {
        let broken = Self.tests.replacingOccurrences(of: "{rule: notes-kept, status: met}", with: "{rule: notes-kep, status: met}")
        let outcome = try Self.workspace(tests: broken).run("rules", "test", "rules")
        #expect(outcome.status == 2)
        #expect(outcome.stdout == "")
        #expect(outcome.stderr.hasPrefix("rules/tests/t.yaml:13:16: error: unknown rule \"notes-kep\"; did you mean \"notes-kept\"?\n"
            + "      - {rule: notes-kep, status: met}\n               ^"), "\(outcome.stderr)")
    }

    /// An `as_of:` already written YYYY-MM-DD but naming no day is told so, as `--as-of` is.
    @Test func anAsOfThatIsNoRealDayIsBadInput() throws {
        let broken = Self.tests.replacingOccurrences(of: "    as_of: 2024-04-02\n    record:\n      plan: {due: 2024-03-31, agreed",
                                                     with: "    as_of: 2024-02-30\n    record:\n      plan: {due: 2024-03-31, agreed")
        #expect(broken != Self.tests)
        let outcome = try Self.workspace(tests: broken).run("rules", "test", "rules")
        #expect(outcome.status == 2)
        #expect(outcome.stdout == "")
        #expect(outcome.stderr == "rules/tests/t.yaml:4:12: error: \"as_of\": 2024-02-30 is not a real day\n"
            + "    as_of: 2024-02-30\n           ^\n", "\(outcome.stderr)")
    }

    @Test func listAndShow() throws {
        let workspace = try Self.workspace()
        let list = try workspace.run("rules", "list", "--rules", "rules")
        #expect(list.status == 0)
        for id in ["plan-due", "board-meets", "notes-kept", "partner-approvals"] {
            #expect(list.stdout.contains(id))
        }
        let show = try workspace.run("rules", "show", "--rules", "rules", "board-meets")
        #expect(show.status == 0)
        #expect(show.stdout.hasPrefix("board-meets: The board meets every quarter\nPack:        cli-pack 1 (rules/pack.yaml:15)\n"), "\(show.stdout)")
        #expect(show.stdout.contains("Check:       every 3 months after board.last_met (warn 14 days)"))
        let missing = try workspace.run("rules", "show", "--rules", "rules", "no-such-rule")
        #expect(missing.status == 2)
        #expect(missing.stderr == "rules: error: no rule has the id \"no-such-rule\"\n")
        let misspelt = try workspace.run("rules", "show", "--rules", "rules", "board-meet")
        #expect(misspelt.status == 2)
        #expect(misspelt.stderr == "rules: error: no rule has the id \"board-meet\"; did you mean \"board-meets\"?\n")
    }

    /// A pack's text reaches the terminal with its controls made visible and its line breaks as
    /// spaces: an escape sequence in a title could clear the screen or retitle the window.
    @Test func listAndShowMakeAPacksControlCharactersVisible() throws {
        let pack = CLIPack.text
            .replacingOccurrences(of: "title: Command-line test pack", with: #"title: "Pack\u2028title""#)
            .replacingOccurrences(of: "title: The board meets every quarter", with: #"title: "\e]0;retitled\a\e[2JBoard""#)
            .replacingOccurrences(of: "duty: The board must meet at least every three months.", with: #"duty: "Meets\r\nquarterly\u0000""#)
        let workspace = try Workspace.with(["rules/pack.yaml": pack])
        let show = try workspace.run("rules", "show", "--rules", "rules", "board-meets")
        #expect(show.status == 0, "\(show.stderr)")
        #expect(show.stdout.hasPrefix("board-meets: \u{FFFD}]0;retitled\u{FFFD}\u{FFFD}[2JBoard\n"), "\(show.stdout)")
        #expect(show.stdout.contains("\nDuty:        Meets quarterly\u{FFFD}\n"), "\(show.stdout)")
        let list = try workspace.run("rules", "list", "--rules", "rules")
        #expect(list.status == 0, "\(list.stderr)")
        #expect(list.stdout.hasPrefix("cli-pack 1 — Pack title (rules/pack.yaml)\n"), "\(list.stdout)")
        #expect(list.stdout.contains("  warning  \u{FFFD}]0;retitled\u{FFFD}\u{FFFD}[2JBoard\n"), "\(list.stdout)")
        for output in [show.stdout, list.stdout] {
            #expect(!output.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" }, "\(output.debugDescription)")
        }
    }

    @Test func showListsARulesOwnLetsAndABoundedDeadline() throws {
        let workspace = try Workspace()
        let lets = try workspace.run("rules", "show", "pspo-period-length")
        #expect(lets.status == 0)
        #expect(lets.stdout.contains("\nLet:         bad_periods = order.periods[? not exists(start) or not exists(end) or end < start or"), "\(lets.stdout)")
        #expect(lets.stdout.contains("\nCheck:       require count(bad_periods) == 0\n"), "\(lets.stdout)")
        #expect(lets.stdout.contains("\nSubject:     order.id ?? order.title\nLabel:       order.title\n"), "\(lets.stdout)")
        let bounded = try workspace.run("rules", "show", "scrutiny-local-matter-response")
        #expect(bounded.stdout.contains("\nCheck:       deadline report.date + 28 days, done report.responded, not before report.date (warn 14 days)\n"),
                "\(bounded.stdout)")
    }
}

@Suite struct ValidateCommandTests {
    static let schema = """
        {
          "type": "object",
          "required": ["dutycheck", "partnership"],
          "properties": {
            "dutycheck": {"const": 1},
            "partnership": {
              "type": "object",
              "required": ["name"],
              "additionalProperties": false,
              "properties": {"name": {"type": "string", "minLength": 1}, "nation": {"enum": ["england", "wales"]}}
            },
            "plan": {"type": "object", "properties": {"due": {"type": "string", "format": "date"}}}
          }
        }
        """

    static func workspace() throws -> Workspace {
        let workspace = try Workspace.withRules()
        try workspace.write("schema.json", schema)
        return workspace
    }

    @Test func aGoodRecordIsValid() throws {
        let workspace = try Self.workspace()
        try workspace.write("good.yaml", CLIPack.cleanRecord)
        let outcome = try workspace.run("validate", "--rules", "rules", "--schema", "schema.json", "good.yaml")
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(outcome.stdout == "good.yaml: valid\n")
        #expect(outcome.stderr == "")
    }

    @Test(arguments: [
        // line replaced in the clean record, the problem
        ("partnership: {name: Test Partnership}", "partnership: {name: Test Partnership, nation: englnd}", "2:47: error: partnership.nation must be one of \"england\", \"wales\", not \"englnd\"; did you mean \"england\"?"),
        ("partnership: {name: Test Partnership}", "partnership: {nme: Test Partnership}", "2:14: error: partnership is missing the required key \"name\""),
        ("plan: {due: 2024-03-31, agreed: 2024-03-20}", "plan: {due: 31/03/2024, agreed: 2024-03-20}",
         "3:13: error: plan.due \"31/03/2024\" is not a date (dates are written YYYY-MM-DD: 2024-03-31)"),
        ("dutycheck: 1", "dutycheck: 1\nwaivers: [{rule: plan-due, reason: r, approved_by: b}]", "2:11: error: missing required key \"until\" (the last day the waiver applies, YYYY-MM-DD)"),
    ])
    func aBadRecordIsRejectedWithItsPosition(original: String, replacement: String, problem: String) throws {
        let workspace = try Self.workspace()
        let record = CLIPack.cleanRecord.replacingOccurrences(of: original, with: replacement)
        #expect(record != CLIPack.cleanRecord)
        try workspace.write("bad.yaml", record)
        let outcome = try workspace.run("validate", "--rules", "rules", "--schema", "schema.json", "bad.yaml")
        #expect(outcome.status == 2)
        #expect(outcome.stdout == "")
        #expect(outcome.stderr.hasPrefix("bad.yaml:" + problem + "\n"), "\(outcome.stderr)")
        let column = Int(problem.split(separator: ":")[1]) ?? 0
        #expect(outcome.stderr.contains("\n" + String(repeating: " ", count: column - 1) + "^"), "\(outcome.stderr)")
    }

    @Test func everyRecordsProblemsAreListed() throws {
        let workspace = try Self.workspace()
        try workspace.write("records/a.yaml", "dutycheck: 2\npartnership: {name: A}\n")
        try workspace.write("records/b.yaml", "dutycheck: 1\npartnership: {name: \"\"}\n")
        try workspace.write("records/c.yaml", "dutycheck: 1\npartnership: {name: C}\n")
        let outcome = try workspace.run("validate", "--rules", "rules", "--schema", "schema.json", "records")
        #expect(outcome.status == 2)
        let headers = outcome.stderr.split(separator: "\n").filter { $0.contains(": error: ") }
        #expect(headers == [
            "records/a.yaml:1:12: error: format version 2 is not supported by this dutycheck (it reads version 1)",
            "records/b.yaml:2:21: error: partnership.name must not be empty",
        ])
    }

    @Test func problemsAcrossManyBatchesAreListedInInputOrder() throws {
        // More records than one parallel batch holds, with bad ones in the first and the last
        // batch: each is listed in file order, with the snippet of its own line.
        let workspace = try Self.workspace()
        let count = 3 * ParallelBatches.size + 5
        let bad: Set = [0, 70, count - 1]
        for index in 0..<count {
            let name = bad.contains(index) ? "\"\"" : "R\(index)"
            try workspace.write(String(format: "records/r%03d.yaml", index), "dutycheck: 1\npartnership: {name: \(name)}\n")
        }
        let outcome = try workspace.run("validate", "--rules", "rules", "--schema", "schema.json", "records")
        #expect(outcome.status == 2)
        #expect(outcome.stdout == "")
        let headers = outcome.stderr.split(separator: "\n").filter { $0.contains(": error: ") }.map(String.init)
        #expect(headers == bad.sorted().map { String(format: "records/r%03d.yaml", $0) + ":2:21: error: partnership.name must not be empty" })
        #expect(outcome.stderr.components(separatedBy: "partnership: {name: \"\"}\n                    ^").count == 4, "\(outcome.stderr)")
    }

    @Test func theBuiltInSchemaAcceptsAMinimalRecordAndRejectsAnUnknownNation() throws {
        let workspace = try Self.workspace()
        let minimal = "dutycheck: 1\npartnership:\n  name: Test Partnership\n  nation: england\n  area_type: london_borough\n"
        try workspace.write("good.yaml", minimal)
        let good = try workspace.run("validate", "good.yaml")
        #expect(good.status == 0, "\(good.stderr)")
        #expect(good.stdout == "good.yaml: valid\n")
        try workspace.write("bad.yaml", minimal.replacingOccurrences(of: "nation: england", with: "nation: scotland"))
        let bad = try workspace.run("validate", "bad.yaml")
        #expect(bad.status == 2)
        #expect(bad.stderr.hasPrefix("bad.yaml:4:11: error: partnership.nation"), "\(bad.stderr)")
    }

    /// A schema pattern is explained in words where the shipped schema gives them: "1 month" as a
    /// reminder interval was refused with the regular expression itself.
    @Test func aReminderIntervalInMonthsIsExplainedInWords() throws {
        let workspace = try Self.workspace()
        try workspace.write("months.yaml", """
            dutycheck: 1
            partnership: {name: Test Partnership, nation: england, area_type: london_borough}
            notifications: {from: a@example.org, to: b@example.org, reminder_interval: 1 month}

            """)
        let outcome = try workspace.run("validate", "months.yaml")
        #expect(outcome.status == 2)
        #expect(outcome.stderr.hasPrefix("months.yaml:3:76: error: notifications.reminder_interval \"1 month\" does not have the expected "
                                          + "form: A whole number of days or weeks, such as 7 days or 2 weeks (not months, which differ in length)\n"),
                "\(outcome.stderr)")
    }

    /// Unquoted text with a comma inside braces loads as a value and a key with no value; the
    /// unknown key's message says why, where it said only that the key was unknown.
    @Test func aCommaInUnquotedTextInsideBracesIsExplained() throws {
        let workspace = try Self.workspace()
        try workspace.write("commas.yaml", """
            dutycheck: 1
            partnership: {name: Test Partnership, nation: england, area_type: london_borough}
            serious_violence:
              local_definition: {agreed: 2023-01-20, text: Knife crime, robbery and homicide}

            """)
        let outcome = try workspace.run("validate", "commas.yaml")
        #expect(outcome.status == 2)
        #expect(outcome.stderr.hasPrefix("commas.yaml:4:61: error: serious_violence.local_definition: unknown key \"robbery and homicide\"; "
                                          + "if this is text that followed a comma inside {…} or […], put the whole value in quotes: "
                                          + "there a comma ends a value\n"), "\(outcome.stderr)")
    }

    /// A bad waiver does not hide the record's other problems: both are listed, in file order, and a
    /// place both checks object to is reported once, in the waiver check's words.
    @Test func aBadWaiverAndASchemaProblemAreBothListed() throws {
        let workspace = try Self.workspace()
        try workspace.write("bad.yaml", """
            dutycheck: 1
            partnership: {name: Test Partnership, nation: england, area_type: london_borough}
            bogus: 1
            waivers:
              - {rule: nope, reason: r, approved_by: A, until: 30/06/2024}

            """)
        let outcome = try workspace.run("validate", "bad.yaml")
        #expect(outcome.status == 2)
        let lines = outcome.stderr.split(separator: "\n").filter { $0.hasPrefix("bad.yaml:") }
        #expect(lines.count == 3, "\(outcome.stderr)")
        #expect(lines.first?.hasPrefix("bad.yaml:3:1: error: unknown key \"bogus\"") == true, "\(outcome.stderr)")
        #expect(lines.dropFirst().first?.hasPrefix("bad.yaml:5:12: error: a waiver names unknown rule \"nope\"") == true, "\(outcome.stderr)")
        #expect(lines.last?.hasPrefix("bad.yaml:5:52: error: \"until\" must be a date") == true, "\(outcome.stderr)")
    }

    /// Inside `{…}`, `area:` and a pasted non-breaking space read as one key with the text after
    /// it: legal YAML, so the slip shows as an unknown key, whose message says why.
    @Test func aPastedSpaceAfterAColonInsideBracesIsNamedInTheUnknownKey() throws {
        let workspace = try Self.workspace()
        try workspace.write("nbsp.yaml", "dutycheck: 1\npartnership: {name: P, nation: england, area_type: london_borough, "
            + "area:\u{A0}Bromley}\n")
        let outcome = try workspace.run("validate", "nbsp.yaml")
        #expect(outcome.status == 2)
        let headers = outcome.stderr.split(separator: "\n").filter { $0.hasPrefix("nbsp.yaml:") }
        // The key shows the pasted space escaped: printed as it is, it looks like an ordinary one.
        #expect(headers == ["nbsp.yaml:2:68: error: partnership: unknown key \"area:\\u{A0}Bromley\"; the space after `area:` is "
            + "a non-breaking space, U+00A0, which YAML does not count as a space (often pasted from a word processor), so "
            + "`area:` and what follows read as one key, not a key and its value: replace it with an ordinary space"],
            "\(outcome.stderr)")
        // A rule id is no key: its "unknown" message says nothing of keys.
        try workspace.write("waiver.yaml", "dutycheck: 1\npartnership: {name: P, nation: england, area_type: london_borough}\n"
            + "waivers:\n  - {rule: \"cda-x:\u{A0}y\", reason: r, approved_by: A, until: 2024-06-30}\n")
        let waiver = try workspace.run("validate", "waiver.yaml")
        #expect(waiver.status == 2)
        #expect(waiver.stderr.contains("a waiver names unknown rule \"cda-x:\\u{A0}y\""), "\(waiver.stderr)")
        #expect(!waiver.stderr.contains("U+00A0"), "\(waiver.stderr)")
    }

    /// A non-breaking space that begins a line is part of the key after it, which is then a
    /// top-level key: legal YAML, so the slip shows as an unknown key (a warning in `check`, whose
    /// findings then lack the value), whose message says why, at the slip.
    @Test func aKeyIndentedWithAPastedSpaceIsNamedInTheUnknownKey() throws {
        let workspace = try Self.workspace()
        try workspace.write("indent.yaml", "dutycheck: 1\npartnership: {name: P, nation: england, area_type: london_borough}\n"
            + "plans:\n  - title: P\n    status: agreed\n\u{A0}\u{A0}  agreed: 2024-01-01\n")
        let hint = "unknown key \"\\u{A0}\\u{A0}  agreed\"; the key begins with a non-breaking space, U+00A0, which YAML "
            + "does not count as a space (often pasted from a word processor), so it is part of the key's name, and at the "
            + "start of a line it makes the key a top-level one however far it was meant to be indented: use ordinary spaces"
        let validate = try workspace.run("validate", "indent.yaml")
        #expect(validate.status == 2)
        #expect(validate.stderr.hasPrefix("indent.yaml:6:1: error: " + hint + "\n"), "\(validate.stderr)")
        let check = try workspace.run("check", "--as-of", "2024-04-02", "indent.yaml")
        #expect(check.stderr.hasPrefix("indent.yaml:6:1: warning: " + hint + "\n"), "\(check.stderr)")
    }

    @Test func manyProblemsOnOneLongLineEachShowABoundedSnippet() throws {
        // A record written on one line (as a program might write it) with 2,000 unknown keys: each
        // problem shows the part of the line around its key, not the whole 20 KB line.
        let workspace = try Self.workspace()
        let keys = (0..<2_000).map { "k\($0): 1" }.joined(separator: ", ")
        let line = "partnership: {name: P, nation: england, area_type: london_borough, \(keys)}"
        try workspace.write("wide.yaml", "dutycheck: 1\n" + line + "\n")
        // Every problem printed, not the first 50 (see `DiagnosticLimitTests`).
        let outcome = try CommandRunner.run(["validate", "wide.yaml"], in: workspace.url,
                                            environment: ["NO_COLOR": "1", "DUTYCHECK_MAX_DIAGNOSTICS": "0"])
        #expect(outcome.status == 2)
        let lines = outcome.stderr.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        #expect(lines.count == 3 * 2_000, "\(outcome.stderr.prefix(500))")
        let headers = lines.enumerated().filter { $0.offset % 3 == 0 }.map(\.element)
        #expect(headers.first == "wide.yaml:2:68: error: partnership: unknown key \"k0\"")
        #expect(headers.last == "wide.yaml:2:\(line.count - 8): error: partnership: unknown key \"k1999\"")
        // Each snippet is 100 characters of the line, with "..." at each end where it is cut.
        #expect(lines.allSatisfy { $0.count <= 106 })
        #expect(lines[1] == "...ship: {name: P, nation: england, area_type: london_borough, k0: 1, k1: 1, k2: 1, k3: 1, k4: 1, k5: 1...")
        #expect(lines[2] == String(repeating: " ", count: 63) + "^")
        #expect(lines[lines.count - 2] == "... k1990: 1, k1991: 1, k1992: 1, k1993: 1, k1994: 1, k1995: 1, k1996: 1, k1997: 1, k1998: 1, k1999: 1}")
        #expect(lines[lines.count - 1] == String(repeating: " ", count: 94) + "^")
    }

    @Test func aBadYAMLRecordIsRejected() throws {
        let workspace = try Self.workspace()
        try workspace.write("bad.yaml", "dutycheck: 1\ndutycheck: 1\n")
        let outcome = try workspace.run("validate", "--schema", "schema.json", "bad.yaml")
        #expect(outcome.status == 2)
        #expect(outcome.stderr.hasPrefix("bad.yaml:2:1: error: duplicate key \"dutycheck\" (first defined at line 1)\ndutycheck: 1\n^"), "\(outcome.stderr)")
    }
}
