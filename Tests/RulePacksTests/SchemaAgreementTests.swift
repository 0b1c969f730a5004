import Foundation
import Testing
import TestSupport

/// The published JSON Schemas, checked by an independent validator (Python's jsonschema), and
/// `dutycheck validate` agreeing with it on the example and on broken copies of it.
@Suite struct SchemaAgreementTests {
    /// Runs Tests/RulePacksTests/Scripts/validate_schema.py; nil when Python or jsonschema is missing.
    static func pythonValidate(schema: String, document: URL) throws -> (ok: Bool, output: String)? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", Fixtures.path("Tests/RulePacksTests/Scripts/validate_schema.py").path,
                             Fixtures.path(schema).path, document.path]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        if process.terminationStatus == 3 { return nil }
        return (process.terminationStatus == 0, output)
    }

    static var requireTools: Bool { ExternalTools.isCI }

    @Test func bromleyRecordIsValidForBothValidators() throws {
        let record = Fixtures.path("Examples/bromley/record.yaml")
        guard let python = try Self.pythonValidate(schema: "Examples/schema/record.schema.json", document: record) else {
            #expect(!Self.requireTools, "python3 with jsonschema and pyyaml is required in CI")
            return
        }
        #expect(python.ok, "\(python.output)")
        let ours = try CommandRunner.run(["validate", "Examples/bromley/record.yaml"])
        #expect(ours.status == 0, "\(ours.stderr)")
    }

    @Test func everyShippedPackIsValidForThePackSchema() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: Fixtures.path("Rules").path).filter { $0.hasSuffix(".yaml") }
        for name in names.sorted() {
            guard let python = try Self.pythonValidate(schema: "Rules/schema/pack.schema.json", document: Fixtures.path("Rules/\(name)")) else {
                #expect(!Self.requireTools, "python3 with jsonschema and pyyaml is required in CI")
                return
            }
            #expect(python.ok, "\(name): \(python.output)")
        }
    }

    /// A pack whose rules carry their own test cases (`examples:`) is valid for the pack schema, as
    /// for `dutycheck`, and one with a misspelt status in them is invalid for both.
    @Test(arguments: [("met", true), ("mett", false)])
    func rulesOwnExamplesAreInThePackSchema(_ status: String, _ valid: Bool) throws {
        let pack = InlineExamplesPack.text.replacingOccurrences(of: "- {status: met}", with: "- {status: \(status)}")
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("dutycheck-pack-schema-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("rules"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("rules/inline.yaml")
        try Data(pack.utf8).write(to: file)
        let ours = try CommandRunner.run(["rules", "test", directory.appendingPathComponent("rules").path])
        #expect(ours.status == (valid ? 0 : 2), "\(ours.stdout)\(ours.stderr)")
        guard let python = try Self.pythonValidate(schema: "Rules/schema/pack.schema.json", document: file) else {
            #expect(!Self.requireTools, "python3 with jsonschema and pyyaml is required in CI")
            return
        }
        #expect(python.ok == valid, "\(python.output)")
    }

    /// Broken copies of the example: both validators must reject each one.
    @Test(arguments: [
        ("nation: england", "nation: engand"),
        ("area_type: london_borough", "area_type: borough"),
        ("name: Safer Bromley Partnership", "nmae: Safer Bromley Partnership"),
    ])
    func bothValidatorsRejectTheSameMistakes(_ original: String, _ broken: String) throws {
        try Self.expectBothReject(original, broken)
    }

    /// A notifications section with no recipient: notify refuses it, so validate does too.
    @Test(arguments: ["  to: []", "  to: ~"])
    func anEmptyRecipientListIsRejectedByBoth(_ broken: String) throws {
        try Self.expectBothReject("""
              to:
                - community.safety@example.org         # placeholder
                - sbp.cochairs@example.org             # placeholder: the co-chair panel (para 2.2)
            """, broken)
    }

    /// The example with `original` replaced by `broken`: both validators reject it, ours at the
    /// line where `original` began.
    static func expectBothReject(_ original: String, _ broken: String,
                                 sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("dutycheck-schema-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = try Fixtures.editedBromley(replacing: original, with: broken, in: directory, sourceLocation: sourceLocation)
        let ours = try CommandRunner.run(["validate", file.path])
        #expect(ours.status == 2, sourceLocation: sourceLocation)
        let brokenLine = Fixtures.bromleyLine(of: original.components(separatedBy: "\n")[0])
        #expect(ours.stderr.contains("record.yaml:\(brokenLine):"), "\(ours.stderr)", sourceLocation: sourceLocation)
        guard let python = try Self.pythonValidate(schema: "Examples/schema/record.schema.json", document: file) else {
            #expect(!Self.requireTools, "python3 with jsonschema and pyyaml is required in CI", sourceLocation: sourceLocation)
            return
        }
        #expect(!python.ok, sourceLocation: sourceLocation)
    }
}
