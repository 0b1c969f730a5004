import Foundation
import RuleEngine
import YAMLTree

/// Loads the rules and the records named on the command line and checks them, using every core
/// for a directory of records. Results keep the order of the inputs.
struct CheckSession {
    let rules: RuleSet
    let asOf: CivilDate
    /// Every file read, so diagnostics can quote the offending line.
    let sources: SourceCache
    /// The record schema's problems, reported as warnings; nil for packs it does not describe.
    let schemaWarnings: RecordSchemaWarnings?

    init(options: RuleOptions, sources: SourceCache = .shared) throws(InputFailure) {
        self.sources = sources
        self.rules = try options.loadRules(sources: sources)
        self.asOf = try options.asOfDate()
        self.schemaWarnings = RecordSchemaWarnings.forRules(rules, builtIn: options.ruleDirectories.isEmpty)
    }

    /// The run's header: tool, date and packs, with no records.
    var header: Report {
        Report(toolName: ToolInfo.name, toolVersion: ToolInfo.version, asOf: asOf, packs: rules.packs.map(\.info),
               records: [])
    }

    /// Checks every record; if any is bad input, throws all their diagnostics together.
    func run(_ recordPaths: [String]) throws(InputFailure) -> Report {
        var report = header
        try run(recordPaths, prepare: { _ in () }) { record, _ in report.records.append(record) }
        return report
    }

    /// Checks every record and runs `prepare` on its result (both in parallel, on every core),
    /// then hands each result and what `prepare` made of it to `take`, in input order, a batch
    /// at a time, so only a batch of results is held at once. After the first bad record nothing
    /// more is handed on, but every record is still read, so that all the diagnostics are thrown
    /// together. `warns` adds each record's schema problems to the run's warnings (off for a second
    /// pass over records whose warnings were already added).
    func run<Prepared: Sendable>(_ recordPaths: [String], warns: Bool = true, prepare: @escaping @Sendable (RecordResult) -> Prepared,
                       each take: (RecordResult, Prepared) throws(InputFailure) -> Void) throws(InputFailure) {
        let evaluator = RecordEvaluator(rules: rules)
        let asOf = self.asOf
        try read(recordPaths, warns: warns, make: { record throws(InputFailure) in
            let result = evaluator.evaluate(record, asOf: asOf)
            if let stopped = result.stopped { throw InputFailure([stopped.diagnostic(record: record.file)]) }
            return result
        }, prepare: prepare, each: take)
    }

    /// `run`, with each record only read and decoded, not checked: for a pass that looks for bad
    /// input before anything is done with the records.
    func decode<Prepared: Sendable>(_ recordPaths: [String], prepare: @escaping @Sendable (Record) -> Prepared,
                          each take: (Record, Prepared) throws(InputFailure) -> Void) throws(InputFailure) {
        try read(recordPaths, warns: true, make: { $0 }, prepare: prepare, each: take)
    }

    /// Reads and decodes each record, makes something of it and prepares that (in parallel), and
    /// hands both on in input order (see `run`).
    private func read<Made: Sendable, Prepared: Sendable>(
        _ recordPaths: [String], warns: Bool, make: @escaping @Sendable (Record) throws(InputFailure) -> Made,
        prepare: @escaping @Sendable (Made) -> Prepared, each take: (Made, Prepared) throws(InputFailure) -> Void
    ) throws(InputFailure) {
        let files = try InputFiles.expand(recordPaths)
        let rules = self.rules, sources = self.sources
        let schema = warns ? schemaWarnings : nil
        var problems: [Diagnostic] = []
        try ParallelBatches.run(files, work: { file in
            Self.decode(file, rules: rules, sources: sources).flatMap { (record, bytes) in
                let made: Made
                do throws(InputFailure) { made = try make(record) } catch { return .failure(error) }
                return .success((made, prepare(made), schema?.warnings(for: record, bytes: bytes) ?? []))
            }
        }, take: { (result: Result<(Made, Prepared, [WarningLog.Entry]), InputFailure>) throws(InputFailure) in
            switch result {
            case .success(let (made, prepared, warnings)):
                WarningLog.shared.add(warnings)
                if problems.isEmpty { try take(made, prepared) }
            case .failure(let failure): problems += failure.diagnostics
            }
        })
        guard problems.isEmpty else { throw InputFailure(problems) }
    }
}

extension CheckSession {
    /// The record and its bytes (kept only while the record is worked on, for the snippets under
    /// its warnings).
    private static func decode(_ file: String, rules: RuleSet, sources: SourceCache) -> Result<(Record, [UInt8]), InputFailure> {
        do {
            let bytes = try InputFiles.read(file)
            do {
                return .success((try RecordDecoder.decode(bytes: bytes, file: file, rules: rules), bytes))
            } catch {
                // Only a bad record's bytes are kept, for the snippet under its diagnostics.
                sources.store(bytes, for: file)
                return .failure(InputFailure(error.diagnostics))
            }
        } catch {
            return .failure(error)
        }
    }
}
