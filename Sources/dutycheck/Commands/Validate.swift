import ArgumentParser
import Foundation
import RuleEngine
import YAMLTree

/// `dutycheck validate`: checks records against the published record schema and the rules'
/// own requirements (format version, waivers), without evaluating any duty.
struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check that records are well formed: YAML, the record schema, and waivers.",
        discussion: """
            Exit status: 0 when every record is valid, 2 otherwise (the problems are listed, at most 50 per file unless \
            DUTYCHECK_MAX_DIAGNOSTICS sets another number; 0 lists them all). A record that takes \
            longer than 10 seconds (or DUTYCHECK_VALIDATE_TIMEOUT seconds) to check, most likely because a schema \
            pattern backtracks without end, stops validate with status 2.
            """
    )

    @Option(name: .customLong("rules"), help: ArgumentHelp("A folder of rule packs (repeatable), for checking waivers.", valueName: "DIR"))
    var ruleDirectories: [String] = []

    @Option(help: ArgumentHelp("A JSON Schema to validate against instead of the shipped record schema.", valueName: "FILE"))
    var schema: String?

    @Argument(help: ArgumentHelp("Record files, or folders of records.", valueName: "RECORD"))
    var records: [String]

    func run() throws {
        let limit = try ValidationWatchdog.limit(environment: ProcessInfo.processInfo.environment)
        let sources = SourceCache.shared
        let rules = try RuleFiles.load(from: ruleDirectories, sources: sources)
        let validator = try loadValidator(sources: sources)
        var problems: [Diagnostic] = []
        let files = try InputFiles.expand(records)
        let watchdog = ValidationWatchdog(limitSeconds: limit)
        // On every core, in input order; only a bad record's bytes are kept, for the snippets
        // under its diagnostics, so memory stays flat however many records are valid.
        try ParallelBatches.run(files, work: { file in
            watchdog.watch(file) { Self.validate(file, rules: rules, validator: validator, sources: sources) }
        }, take: { (found: Result<[Diagnostic], InputFailure>) throws(InputFailure) in
            problems += try found.get()
        })
        // Before anything is written: a record past the limit ends the run with nothing written.
        watchdog.stop()
        guard problems.isEmpty else { throw InputFailure(problems) }
        try OutputFile.write(files.map { "\($0): valid" }.joined(separator: "\n") + "\n", to: nil)
    }

    /// The problems in one record; an unreadable file fails the whole run, as it did before.
    private static func validate(_ file: String, rules: RuleSet, validator: SchemaValidator,
                                 sources: SourceCache) -> Result<[Diagnostic], InputFailure> {
        let bytes: [UInt8]
        do { bytes = try InputFiles.read(file) } catch { return .failure(error) }
        let root: YAMLNode
        do { root = try YAMLLoader.load(bytes: bytes, file: file) } catch {
            sources.store(bytes, for: file)
            return .success([error])
        }
        // The waivers' own checks and the schema both run, so that one bad waiver does not hide
        // the record's other problems; where both speak of one place, the waiver check's message
        // (which names the rule or value at fault) is the one kept.
        var problems: [Diagnostic] = []
        do { _ = try RecordDecoder.decode(root: root, file: file, sha256: "", rules: rules) } catch {
            problems = error.diagnostics
        }
        let reported = Set(problems.map(\.location))
        problems += validator.validate(root, file: file).filter { !reported.contains($0.location) }
        problems = problems.sortedByPlace()
        if !problems.isEmpty { sources.store(bytes, for: file) }
        return .success(problems)
    }

    private func loadValidator(sources: SourceCache) throws(InputFailure) -> SchemaValidator {
        let name = schema ?? "record.schema.json (built in)"
        let bytes = try schema.map { path throws(InputFailure) in try InputFiles.read(path) } ?? Array(EmbeddedRules.recordSchema.utf8)
        sources.store(bytes, for: name)
        do { return try SchemaValidator(schema: bytes, file: name) } catch { throw InputFailure(error.diagnostics) }
    }
}
