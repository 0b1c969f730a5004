import ArgumentParser
import Foundation
import Reporters
import RuleEngine
import YAMLTree

/// `dutycheck rules list|show|test`: for whoever maintains the rule packs.
struct Rules: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List, show and test the rule packs.",
        subcommands: [List.self, Show.self, Test.self]
    )

    /// `dutycheck rules` alone is a usage error, as `rules show` without an id is: a script that
    /// meant `rules test` must not pass on printed help.
    func run() throws {
        let usage = "error: name what to do with the rule packs: list, show ID or test [DIR]\n"
            + "Usage: dutycheck \(Rules.usageString())\n  See 'dutycheck rules --help' for more information.\n"
        FileHandle.standardError.write(Data(usage.utf8))
        throw ExitCode(ExitStatus.badInput)
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List every rule with its confidence and severity.")

        enum Format: String, ExpressibleByArgument, CaseIterable { case text, markdown }

        @Option(name: .customLong("rules"), help: ArgumentHelp("A folder of rule packs (repeatable).", valueName: "DIR"))
        var ruleDirectories: [String] = []

        @Option(help: "text, or markdown (the catalogue in Rules/README.md).")
        var format: Format = .text

        func run() throws {
            let rules = try RuleFiles.load(from: ruleDirectories, sources: .shared)
            let text = format == .text ? RuleCatalogue.text(rules) : RuleCatalogue.markdown(rules)
            try OutputFile.write(text.hasSuffix("\n") ? text : text + "\n", to: nil)
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show one rule in full.")

        @Option(name: .customLong("rules"), help: ArgumentHelp("A folder of rule packs (repeatable).", valueName: "DIR"))
        var ruleDirectories: [String] = []

        @Argument(help: "The rule id.")
        var id: String

        func run() throws {
            let rules = try RuleFiles.load(from: ruleDirectories, sources: .shared)
            guard let pack = rules.packs.first(where: { $0.rules.contains { $0.id == id } }),
                  let rule = rules.rule(withID: id) else {
                throw InputFailure(file: "rules", "no rule has the id \(Suggestion.quoted(id))"
                                   + (rules.closestRuleID(to: id).map { "; did you mean \"\($0)\"?" } ?? ""))
            }
            try OutputFile.write(RuleDescription.text(rule, in: pack), to: nil)
        }
    }

    struct Test: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run the rule tests (DIR/tests/*.yaml and the rules' own examples against the packs in DIR; default: the shipped ones).",
            discussion: "Exit status: 0 when every test passes and every rule has a passing and a failing example, 1 otherwise, 2 for bad input."
        )

        @Argument(help: ArgumentHelp("A rules folder holding packs and a tests/ subfolder.", valueName: "DIR"))
        var directory: String?

        func run() throws {
            let sources = SourceCache.shared
            // The examples are read below, so that their problems come with the test files'.
            let rules = try RuleFiles.load(from: directory.map { [$0] } ?? [], sources: sources, checkingExamples: false)
            var files: [(name: String, bytes: [UInt8])] = []
            if let directory {
                let testsFolder = (directory as NSString).appendingPathComponent("tests")
                if FileManager.default.fileExists(atPath: testsFolder) {
                    files = try RuleFiles.packs(in: testsFolder, holding: "rule tests").map { ($0, try InputFiles.read($0)) }
                }
            } else {
                files = EmbeddedRules.tests.map { ($0.name, Array($0.text.utf8)) }
            }
            var suites: [RuleTestSuite] = []
            var problems: [Diagnostic] = []
            for file in files {
                sources.store(file.bytes, for: file.name)
                do { suites.append(try RuleTestSuite.decode(bytes: file.bytes, file: file.name, rules: rules)) } catch {
                    problems += error.diagnostics
                }
            }
            // Cases written in the rules themselves (`examples:`), after the test files'.
            for pack in rules.packs {
                do { if let suite = try RuleTestSuite.examples(of: pack, rules: rules) { suites.append(suite) } } catch {
                    problems += error.diagnostics
                }
            }
            guard problems.isEmpty else { throw InputFailure(problems) }
            let summary = RuleTestRunner(rules: rules).run(suites)
            var lines = summary.failures.map { failure in
                Diagnostic(file: failure.file, location: failure.location, message: failure.message)
                    .rendered(in: sources.text(of: failure.file))
            }
            let failed = summary.failures.count
            lines.append("\(summary.cases) test cases, \(summary.expectations) expected findings")
            lines.append("\(summary.passed) passed, \(failed) failed")
            try OutputFile.write(lines.joined(separator: "\n") + "\n", to: nil)
            throw ExitCode(failed == 0 ? ExitStatus.clean : ExitStatus.findings)
        }
    }
}
