import Foundation

/// The `dutycheck` binary built beside the benchmark, for timing the real command.
enum DutyCheckTool {
    static var url: URL? {
        let folder = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        let tool = folder.appendingPathComponent("dutycheck")
        return FileManager.default.isExecutableFile(atPath: tool.path) ? tool : nil
    }

    /// Runs `dutycheck` with `arguments`, output discarded; returns the seconds it took and its
    /// peak resident memory, or nil when it did not run to a verdict (exit 0 or 1). The
    /// benchmark's child process starts no other process, so the children's peak is this run's.
    static func measure(_ arguments: [String]) -> (seconds: Double, peakMiB: Double)? {
        guard let url else { return nil }
        let process = Process()
        process.executableURL = url
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        var started = true
        let seconds = BenchmarkRun.time {
            do { try process.run() } catch { started = false }
            if started { process.waitUntilExit() }
        }
        guard started, [0, 1].contains(process.terminationStatus) else { return nil }
        var usage = rusage()
        getrusage(RUSAGE_CHILDREN.rawValue, &usage)
        return (seconds, Double(usage.ru_maxrss) / 1024)
    }
}
