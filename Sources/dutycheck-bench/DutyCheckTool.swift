import Foundation

/// The `dutycheck` binary built beside the benchmark, for timing the real commands.
enum DutyCheckTool {
    /// Seconds and peak resident memory of one run.
    typealias Timing = (seconds: Double, peakMiB: Double)

    static var url: URL? {
        let folder = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        let tool = folder.appendingPathComponent("dutycheck")
        return FileManager.default.isExecutableFile(atPath: tool.path) ? tool : nil
    }

    /// Runs `dutycheck` with `arguments`, output discarded; returns the seconds it took and its
    /// own peak resident memory (from `wait4`, so each run of several is measured apart), or nil
    /// when it did not run to a verdict (exit 0 or 1).
    static func measure(_ arguments: [String]) -> Timing? {
        guard let url else { return nil }
        var actions: posix_spawn_file_actions_t = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let argv = ([url.path] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        var status: Int32 = 0
        var usage = rusage()
        var started = true
        let seconds = BenchmarkRun.time {
            guard posix_spawn(&pid, url.path, &actions, nil, argv, environ) == 0 else {
                started = false
                return
            }
            while wait4(pid, &status, 0, &usage) == -1 && errno == EINTR {}
        }
        // Exited normally (no signal) with 0 or 1.
        guard started, status & 0x7f == 0, [0, 1].contains((status >> 8) & 0xff) else { return nil }
        return (seconds, Double(usage.ru_maxrss) / 1024)
    }
}
