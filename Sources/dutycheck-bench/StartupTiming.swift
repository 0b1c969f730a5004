import Foundation

/// Times `dutycheck check` on one record, process start included, when the binary is built
/// beside the benchmark.
enum StartupTiming {
    static func report(runs: Int = 10) {
        guard let tool = DutyCheckTool.url else {
            say("one record: dutycheck is not built beside the benchmark; skipped")
            return
        }
        let record = FileManager.default.temporaryDirectory.appendingPathComponent("dutycheck-bench-one-\(getpid()).yaml")
        _ = FileManager.default.createFile(atPath: record.path, contents: Data(SyntheticRecords.record(1).utf8))
        defer { try? FileManager.default.removeItem(at: record) }
        var times: [Double] = []
        for _ in 0..<runs {
            let process = Process()
            process.executableURL = tool
            process.arguments = ["check", "--as-of", SyntheticRecords.asOf.iso, "--format", "json", record.path]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            times.append(BenchmarkRun.time {
                try? process.run()
                process.waitUntilExit()
            })
        }
        times.sort()
        say(String(format: "one record, process start included: median %.1f ms, best %.1f ms (%d runs)",
                     times[runs / 2] * 1000, times[0] * 1000, runs))
    }
}
