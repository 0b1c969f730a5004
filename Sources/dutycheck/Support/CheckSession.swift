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

    init(options: RuleOptions, sources: SourceCache = .shared) throws(InputFailure) {
        self.sources = sources
        self.rules = try options.loadRules(sources: sources)
        self.asOf = try options.asOfDate()
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

    /// How many records are checked at once: enough to keep every core busy (a batch waits for
    /// its slowest record), few enough that memory stays flat however many records there are.
    static let batchSize = max(64, 16 * ProcessInfo.processInfo.activeProcessorCount)

    /// Checks every record and runs `prepare` on its result (both in parallel, on every core),
    /// then hands each result and what `prepare` made of it to `take`, in input order, a batch
    /// at a time, so only a batch of results is held at once. After the first bad record nothing
    /// more is handed on, but every record is still read, so that all the diagnostics are thrown
    /// together.
    func run<Prepared: Sendable>(_ recordPaths: [String], prepare: @escaping @Sendable (RecordResult) -> Prepared,
                       each take: (RecordResult, Prepared) throws(InputFailure) -> Void) throws(InputFailure) {
        let files = try InputFiles.expand(recordPaths)
        let evaluator = RecordEvaluator(rules: rules)
        let rules = self.rules, asOf = self.asOf, sources = self.sources
        var problems: [Diagnostic] = []
        var start = 0
        while start < files.count {
            let batch = Array(files[start..<min(start + Self.batchSize, files.count)])
            start += batch.count
            let results = ResultSlots<Result<(RecordResult, Prepared), InputFailure>>(count: batch.count)
            DispatchQueue.concurrentPerform(iterations: batch.count) { index in
                let checked = Self.check(batch[index], rules: rules, evaluator: evaluator, asOf: asOf, sources: sources)
                results[index] = checked.map { ($0, prepare($0)) }
            }
            for result in results.values {
                switch result {
                case .success(let (record, prepared)): if problems.isEmpty { try take(record, prepared) }
                case .failure(let failure): problems += failure.diagnostics
                case nil: break
                }
            }
        }
        guard problems.isEmpty else { throw InputFailure(problems) }
    }
}

extension CheckSession {
    private static func check(_ file: String, rules: RuleSet, evaluator: RecordEvaluator, asOf: CivilDate,
                              sources: SourceCache) -> Result<RecordResult, InputFailure> {
        do {
            let bytes = try InputFiles.read(file)
            do {
                let record = try RecordDecoder.decode(bytes: bytes, file: file, rules: rules)
                return .success(evaluator.evaluate(record, asOf: asOf))
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

/// Fixed slots that parallel workers fill by index.
final class ResultSlots<T>: @unchecked Sendable {
    private var slots: [T?]
    private let lock = NSLockLike()

    init(count: Int) {
        slots = Array(repeating: nil, count: count)
    }

    subscript(index: Int) -> T? {
        get { lock.withLock { slots[index] } }
        set { lock.withLock { slots[index] = newValue } }
    }

    var values: [T?] { lock.withLock { slots } }
}
