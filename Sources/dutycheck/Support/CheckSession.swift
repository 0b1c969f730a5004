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

    /// Checks every record; if any is bad input, throws all their diagnostics together.
    func run(_ recordPaths: [String]) throws(InputFailure) -> Report {
        let files = try InputFiles.expand(recordPaths)
        let results = ResultSlots<Result<RecordResult, InputFailure>>(count: files.count)
        let evaluator = RecordEvaluator(rules: rules)
        let rules = self.rules, asOf = self.asOf, sources = self.sources
        DispatchQueue.concurrentPerform(iterations: files.count) { index in
            results[index] = Self.check(files[index], rules: rules, evaluator: evaluator, asOf: asOf, sources: sources)
        }
        var records: [RecordResult] = []
        var problems: [Diagnostic] = []
        for result in results.values {
            switch result {
            case .success(let record): records.append(record)
            case .failure(let failure): problems += failure.diagnostics
            case nil: break
            }
        }
        guard problems.isEmpty else { throw InputFailure(problems) }
        return Report(toolName: ToolInfo.name, toolVersion: ToolInfo.version, asOf: asOf,
                      packs: rules.packs.map(\.info), records: records)
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
