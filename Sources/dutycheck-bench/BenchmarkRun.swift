import Dispatch
import Foundation
import RuleEngine

/// One measured size: generate, then time checking against timing libyaml alone, in one process.
struct BenchmarkRun {
    var count: Int
    var checkSeconds: Double
    var parseSeconds: Double
    /// Processor seconds (user and system time of all threads) of the best run of each pass:
    /// unlike wall time, they leave out time spent waiting for a processor.
    var checkCPUSeconds: Double
    var parseCPUSeconds: Double
    var peakMiB: Double
    var findings: Int
    /// `dutycheck check --format json`, `validate`, `calendar` and `notify` over the folder of
    /// records, output included: seconds and peak memory of each.
    var commands: [DutyCheckTool.Timing?]

    var line: String {
        let rate = Double(count) / checkSeconds
        var line = String(format: "%7d  %7.3f  %9.0f  %9.3f  %5.2f  %9.2f  %8.1f", count, checkSeconds, rate, parseSeconds,
                          checkSeconds / parseSeconds, checkCPUSeconds / parseCPUSeconds, peakMiB)
        guard DutyCheckTool.url != nil else { return line }
        for (name, timing) in zip(BenchmarkRun.commandNames, commands) {
            if let timing {
                line += String(format: "  %9.3f  %6.1f", timing.seconds, timing.peakMiB)
            } else {
                line += "  (dutycheck \(name) did not finish)"
            }
        }
        return line
    }

    static func measure(count: Int) -> BenchmarkRun {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("dutycheck-bench-\(getpid())")
        try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let paths = (0..<count).map { directory.appendingPathComponent(String(format: "record-%05d.yaml", $0)).path }
        for (index, path) in paths.enumerated() {
            _ = FileManager.default.createFile(atPath: path, contents: Data(SyntheticRecords.record(index).utf8))
        }
        let rules = SyntheticRecords.shippedRules()
        SyntheticRecords.requireValid(paths.prefix(100), rules: rules)
        let evaluator = RecordEvaluator(rules: rules)
        let asOf = SyntheticRecords.asOf

        // Both passes read the files, so the ratio compares parsing and checking, not disk. Each
        // pass runs three times, alternating, and the best time counts: on a shared machine the
        // best run is the one least disturbed by others.
        let findings = Counter()
        let parsePass = {
            measured {
                DispatchQueue.concurrentPerform(iterations: count) { index in
                    let bytes = [UInt8](FileManager.default.contents(atPath: paths[index]) ?? Data())
                    _ = LibYAMLBaseline.eventCount(bytes)
                }
            }
        }
        let checkPass = {
            measured {
                DispatchQueue.concurrentPerform(iterations: count) { index in
                    let bytes = [UInt8](FileManager.default.contents(atPath: paths[index]) ?? Data())
                    guard let record = try? RecordDecoder.decode(bytes: bytes, file: paths[index], rules: rules) else {
                        fatalError("synthetic record \(index) does not load")
                    }
                    let result = evaluator.evaluate(record, asOf: asOf)
                    guard result.stopped == nil else { fatalError("synthetic record \(index) ran out of evaluation steps") }
                    findings.add(result.findings.count)
                }
            }
        }
        var parse = Measurement.worst
        var check = Measurement.worst
        for _ in 0..<3 {
            parse = parse.better(parsePass())
            findings.reset()
            check = check.better(checkPass())
        }
        let peak = peakResidentMiB()
        // Beside the folder, not in it, so no command reads it as input.
        let calendar = directory.path + ".ics"
        let state = directory.path + ".sqlite"
        defer {
            for file in [calendar, state, state + "-journal", state + "-wal", state + "-shm", state + ".lock"] {
                try? FileManager.default.removeItem(atPath: file)
            }
        }
        let commands = [
            DutyCheckTool.measure(["check", "--as-of", asOf.iso, "--format", "json", directory.path]),
            DutyCheckTool.measure(["validate", directory.path]),
            DutyCheckTool.measure(["calendar", "--as-of", asOf.iso, "-o", calendar, directory.path]),
            // A first run against a new state database: every partnership gets a message, each
            // recorded in the database and written to stdout as an mbox.
            DutyCheckTool.measure(["notify", "--as-of", asOf.iso, "--state", state, directory.path]),
        ]
        return BenchmarkRun(count: count, checkSeconds: check.wall, parseSeconds: parse.wall,
                            checkCPUSeconds: check.cpu, parseCPUSeconds: parse.cpu, peakMiB: peak,
                            findings: findings.value, commands: commands)
    }

    /// The commands timed over the folder, in the order of their columns.
    static let commandNames = ["check", "validate", "calendar", "notify"]

    static func time(_ body: () -> Void) -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        body()
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }

    /// Wall and processor seconds of `body`.
    static func measured(_ body: () -> Void) -> Measurement {
        let cpuStart = processorSeconds()
        let wall = time(body)
        return Measurement(wall: wall, cpu: processorSeconds() - cpuStart)
    }

    /// User and system time of this process so far, every thread included.
    static func processorSeconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        func seconds(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) / 1e6 }
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }

    /// Peak resident set size of this process (Linux reports ru_maxrss in KiB).
    static func peakResidentMiB() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_maxrss) / 1024
    }
}

/// One run of a pass: wall and processor seconds. Of several runs, each figure's best counts (the
/// run least disturbed by other work on the machine).
struct Measurement {
    var wall: Double
    var cpu: Double

    static let worst = Measurement(wall: .infinity, cpu: .infinity)

    func better(_ other: Measurement) -> Measurement {
        Measurement(wall: min(wall, other.wall), cpu: min(cpu, other.cpu))
    }
}

/// A total that parallel workers add to.
final class Counter: @unchecked Sendable {
    private var total = 0
    private let lock = NSLock()

    func add(_ amount: Int) {
        lock.lock()
        total += amount
        lock.unlock()
    }

    func reset() {
        lock.lock()
        total = 0
        lock.unlock()
    }

    var value: Int {
        lock.lock()
        defer { lock.unlock() }
        return total
    }
}
