import Foundation
import Testing
import TestSupport

/// A temporary folder holding a rules folder and records, in which the built `dutycheck` runs.
final class Workspace {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("dutycheck-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(at: url)
    }

    /// A workspace with the test pack in `rules/`.
    static func withRules() throws -> Workspace {
        let workspace = try Workspace()
        try workspace.write("rules/pack.yaml", CLIPack.text)
        return workspace
    }

    /// A workspace holding `files`, by path within it.
    static func with(_ files: [String: String]) throws -> Workspace {
        let workspace = try Workspace()
        for (path, text) in files { try workspace.write(path, text) }
        return workspace
    }

    func path(_ relative: String) -> String { url.appendingPathComponent(relative).path }

    func write(_ relative: String, _ text: String) throws {
        try write(relative, bytes: Array(text.utf8))
    }

    func write(_ relative: String, bytes: [UInt8]) throws {
        let file = url.appendingPathComponent(relative)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: file)
    }

    func read(_ relative: String) -> String? {
        FileManager.default.contents(atPath: path(relative)).map { String(decoding: $0, as: UTF8.self) }
    }

    /// The names in a folder of the workspace, sorted (hidden files included).
    func listing(_ relative: String = ".") -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: path(relative))) ?? []).sorted()
    }

    /// Runs `dutycheck` with `arguments` in this folder. NO_COLOR keeps text output plain.
    func run(_ arguments: String...) throws -> CommandRunner.Outcome {
        try CommandRunner.run(arguments, in: url, environment: ["NO_COLOR": "1"])
    }

    func run(_ arguments: [String]) throws -> CommandRunner.Outcome {
        try CommandRunner.run(arguments, in: url, environment: ["NO_COLOR": "1"])
    }
}

/// The rule pack the command-line tests check records against: one rule per level.
enum CLIPack {
    static let text = """
        dutycheck: 1
        pack: cli-pack
        title: Command-line test pack
        version: "1"
        citations:
          act: {title: "Test Act 2024, section 1", url: https://example.org/act, kind: statute}
        rules:
          - id: plan-due
            title: The plan is agreed on time
            duty: The plan must be agreed by its due date.
            basis: [act]
            confidence: confirmed
            owner: '"board"'
            deadline: {due: plan.due, done: plan.agreed, warn: 30 days}
          - id: board-meets
            title: The board meets every quarter
            duty: The board must meet at least every three months.
            basis: [act]
            confidence: confirmed
            severity: warning
            every: {last: board.last_met, interval: 3 months, warn: 14 days}
          - id: notes-kept
            title: Notes are kept
            duty: Notes of each meeting should be kept.
            basis: [act]
            confidence: confirmed
            severity: info
            require: exists(notes)
          - id: partner-approvals
            title: Each partner approves the plan
            duty: Each responsible authority must approve the plan.
            basis: [act]
            confidence: confirmed
            waivable: false
            for_each: partners
            subject: item.id
            owner: item.id
            require: item.approved

        """

    /// A record; each argument replaces one part of an all-met record as of 2024-04-02.
    static func record(plan: String = "{due: 2024-03-31, agreed: 2024-03-20}", lastMet: String = "2024-03-01",
                       notes: String = "yes", waivers: String? = nil, name: String = "Test Partnership") -> String {
        var text = """
            dutycheck: 1
            partnership: {name: \(name)}
            plan: \(plan)
            board: {last_met: \(lastMet)}
            notes: \(notes)
            partners:
              - {id: lbb, approved: true}

            """
        if let waivers { text += "waivers:\n\(waivers)\n" }
        return text
    }

    /// Something at error level: the plan is overdue.
    static let errorRecord = record(plan: "{due: 2024-03-31}")
    /// Only a warning: the board is due to meet within 14 days (on 2024-04-10).
    static let warningRecord = record(lastMet: "2024-01-10")
    /// Only info: the notes are missing.
    static let infoRecord = record(notes: "~")
    /// Everything met.
    static let cleanRecord = record()
}
