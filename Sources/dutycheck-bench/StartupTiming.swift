import Foundation

/// Times `dutycheck check` on one record, process start included, when the binary is built
/// beside the benchmark.
enum StartupTiming {
    static func report(runs: Int = 10) {
        guard DutyCheckTool.url != nil else {
            say("one record: dutycheck is not built beside the benchmark; skipped")
            return
        }
        let record = FileManager.default.temporaryDirectory.appendingPathComponent("dutycheck-bench-one-\(getpid()).yaml")
        _ = FileManager.default.createFile(atPath: record.path, contents: Data(SyntheticRecords.record(1).utf8))
        defer { try? FileManager.default.removeItem(at: record) }
        var times: [Double] = []
        for _ in 0..<runs {
            guard let timing = DutyCheckTool.measure(["check", "--as-of", SyntheticRecords.asOf.iso, "--format", "json", record.path]) else {
                say("one record: dutycheck check did not finish; skipped")
                return
            }
            times.append(timing.seconds)
        }
        times.sort()
        say(String(format: "one record, process start included: median %.1f ms, best %.1f ms (%d runs)",
                     times[runs / 2] * 1000, times[0] * 1000, runs))
    }
}
