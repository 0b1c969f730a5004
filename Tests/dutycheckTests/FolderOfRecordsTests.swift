import Foundation
import Testing
import TestSupport

/// A folder of records is the `.yaml`/`.yml` files directly inside it: a subfolder is passed over
/// whatever its name, by every command that reads records, so the run is as for the records alone.
@Suite struct FolderOfRecordsTests {
    static let record = CLIPack.errorRecord + "notifications:\n  from: {email: d@example.org}\n  to: [a@example.org]\n"

    /// Each command on the folder; `{}` stands for the folder or the record.
    static let commands: [[String]] = [
        ["check", "--rules", "rules", "--as-of", "2024-04-02", "{}"],
        ["check", "--rules", "rules", "--as-of", "2024-04-02", "--format", "json", "{}"],
        ["validate", "{}"],
        ["calendar", "--rules", "rules", "--as-of", "2024-04-02", "{}"],
        ["report", "--rules", "rules", "--as-of", "2024-04-02", "--meeting", "2024-04-10", "{}"],
        ["notify", "--rules", "rules", "--as-of", "2024-04-02", "--state", "s.sqlite", "--dry-run", "{}"],
    ]

    /// `recs/r.yaml`, beside a folder named like a record (holding one, which must not be read), a
    /// link to a folder named like one, and a hidden folder.
    static func workspace() throws -> Workspace {
        let workspace = try Workspace.withRules()
        try workspace.write("recs/r.yaml", record)
        try workspace.write("recs/sub.yaml/inner.yaml", "dutycheck: 1\nnotes: [\n")
        try workspace.write("elsewhere/other.yaml", "dutycheck: 1\nnotes: [\n")
        try FileManager.default.createSymbolicLink(atPath: workspace.path("recs/linked.YML"), withDestinationPath: "../elsewhere")
        return workspace
    }

    func run(_ command: [String], on input: String, in workspace: Workspace) throws -> CommandRunner.Outcome {
        try CommandRunner.run(command.map { $0 == "{}" ? input : $0 }, in: workspace.url,
                              environment: ["NO_COLOR": "1", "SOURCE_DATE_EPOCH": "1709200000"])
    }

    @Test(arguments: commands)
    func aSubfolderNamedLikeARecordIsPassedOver(command: [String]) throws {
        let workspace = try Self.workspace()
        let folder = try run(command, on: "recs", in: workspace)
        let alone = try run(command, on: "recs/r.yaml", in: workspace)
        #expect(folder.status == alone.status)
        #expect(folder.stdout == alone.stdout)
        #expect(folder.stderr == alone.stderr)
        #expect(!folder.stderr.contains("sub.yaml") && !folder.stderr.contains("linked.YML"), "\(folder.stderr)")
    }

    @Test func checkFindsTheRecordsFindings() throws {
        let workspace = try Self.workspace()
        let outcome = try run(Self.commands[0], on: "recs", in: workspace)
        #expect(outcome.status == 1)
        #expect(outcome.stdout.contains("File: recs/r.yaml\n"), "\(outcome.stdout)")
        #expect(!outcome.stdout.contains("File: recs/sub.yaml"), "\(outcome.stdout)")
        #expect(outcome.stdout.contains("[OVERDUE] The plan is agreed on time"), "\(outcome.stdout)")
        #expect(outcome.stderr == "")
    }

    /// A folder holding only a subfolder named like a record holds no records.
    @Test func aFolderHoldingOnlySuchASubfolderHoldsNoRecords() throws {
        let workspace = try Workspace.withRules()
        try workspace.write("recs/sub.yaml/notes.txt", "x\n")
        let outcome = try run(Self.commands[0], on: "recs", in: workspace)
        #expect(outcome.status == 2)
        #expect(outcome.stderr == "recs: error: the directory holds no .yaml records\n")
    }

    /// Named on the command line, the subfolder is read as a folder, as any folder is.
    @Test func theSubfolderNamedOnTheCommandLineIsReadAsAFolder() throws {
        let workspace = try Self.workspace()
        let outcome = try run(Self.commands[0], on: "recs/sub.yaml", in: workspace)
        #expect(outcome.status == 2)
        #expect(outcome.stderr.hasPrefix("recs/sub.yaml/inner.yaml:3:1: error:"), "\(outcome.stderr)")
    }

    /// A dangling link named like a record is not known to be a folder: it is listed and reported.
    @Test func aDanglingLinkInTheFolderIsStillReported() throws {
        let workspace = try Workspace.withRules()
        try workspace.write("recs/r.yaml", Self.record)
        try FileManager.default.createSymbolicLink(atPath: workspace.path("recs/gone.yaml"), withDestinationPath: "nowhere.yaml")
        let outcome = try run(Self.commands[0], on: "recs", in: workspace)
        #expect(outcome.status == 2)
        #expect(outcome.stderr == "recs/gone.yaml: error: is a symbolic link to nowhere.yaml, which does not exist\n")
    }
}
