import Foundation
import RuleEngine

/// Stops `validate` when one record takes too long to check.
///
/// A schema `pattern` can backtrack for years on a short value (nested or overlapping
/// repetition, `(a+)+` or `(a|aa)+`). The schema's patterns are screened when it loads
/// (`PatternRepetition`), but no static check catches every such pattern, and Swift's regular
/// expressions cannot be cancelled once matching, so the watchdog ends the process instead: when
/// a record has been checked for longer than the limit it prints `FILE: error: ...` and exits
/// with status 2. `validate` writes its "valid" lines only after every record is checked, so
/// nothing has been written by then.
final class ValidationWatchdog: @unchecked Sendable {
    /// How long one record may take: 10 seconds, or `DUTYCHECK_VALIDATE_TIMEOUT`.
    static let defaultLimitSeconds = 10.0

    /// `DUTYCHECK_VALIDATE_TIMEOUT` (see `EnvironmentSeconds`).
    static func limit(environment: [String: String]) throws(InputFailure) -> Double {
        try EnvironmentSeconds.read("DUTYCHECK_VALIDATE_TIMEOUT", default: defaultLimitSeconds, environment: environment)
    }

    private let limit: Duration
    private let lock = NSLockLike()
    /// The records being checked now, by a number of their own (one file can be given twice).
    private var running: [Int: (file: String, since: ContinuousClock.Instant)] = [:]
    private var next = 0
    private var stopped = false

    /// Starts the monitor thread, which looks at the running records every 200 ms.
    init(limitSeconds: Double) {
        limit = .milliseconds(Int64((limitSeconds * 1000).rounded(.up)))
        let thread = Thread { [self] in
            while true {
                Thread.sleep(forTimeInterval: 0.2)
                if let file = overdue() { Self.fail(file, limitSeconds: limitSeconds) }
                if lock.withLock({ stopped }) { return }
            }
        }
        thread.name = "validate watchdog"
        thread.start()
    }

    /// Runs `body`, the checking of `file`, under the watchdog.
    func watch<T>(_ file: String, _ body: () -> T) -> T {
        let token = lock.withLock {
            next += 1
            running[next] = (file, ContinuousClock.now)
            return next
        }
        defer { lock.withLock { running[token] = nil } }
        return body()
    }

    /// Ends the monitor thread (every record has been checked).
    func stop() {
        lock.withLock { stopped = true }
    }

    /// The first record (in the order checking began) that has run past the limit.
    private func overdue() -> String? {
        let now = ContinuousClock.now
        return lock.withLock {
            guard !stopped else { return nil }
            return running.sorted { $0.key < $1.key }.first { now - $0.value.since > limit }?.value.file
        }
    }

    private static func fail(_ file: String, limitSeconds: Double) -> Never {
        let seconds = Value.plainText(limitSeconds)
        let failure = InputFailure(file: file, "validation did not finish within \(seconds) s; a pattern in the schema may "
                                   + "backtrack without end (nested or overlapping repetition such as (a+)+ or (a|aa)+); "
                                   + "set DUTYCHECK_VALIDATE_TIMEOUT to allow longer")
        FileHandle.standardError.write(Data((failure.rendered(sources: SourceCache()) + "\n").utf8))
        exit(ExitStatus.badInput)
    }
}
