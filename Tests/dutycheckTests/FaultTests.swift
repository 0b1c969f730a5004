import Foundation
import Testing
import TestSupport

/// Faults (issue 6 §3), against the built binary: notify killed at random points, a disk that fills while
/// a report is written, and a sendmail that fails or hangs.
///
/// Two notify runs at once are covered by `NotifyCommandTests.overlappingRunsSendOnce` (StateStoreTests),
/// and a sendmail that exits non-zero (exit 2, nothing marked sent, the next run sends) by
/// `NotifyCommandTests.aSendmailFailureIsExitTwoAndTheNextRunRetries`; they are not repeated here.
///
/// The delivery policy these tests assert (NotifyCommand.swift, StateStore's `RecoveryPolicy`): each
/// message is claimed as `pending` in the state database before it is handed over and marked sent after.
/// A run killed in between leaves it pending, and the next run settles it:
/// - to a file (`--out-dir`): sent if the .eml file is in place, otherwise abandoned and planned again,
///   so every as-of date's message is delivered exactly once;
/// - to sendmail (or stdout): counted as sent without knowing (at most once), with a warning on stderr,
///   so a message can be lost, never duplicated.
@Suite(.serialized) struct FaultTests {
    static let record = CLIPack.errorRecord + """
        notifications:
          from: {email: dutycheck@example.org}
          to: [board@example.org]
          reminder_interval: 1 day

        """

    /// 20 as-of dates, one a day: the overdue plan is reminded of on each.
    static let dates: [String] = (2...21).map { String(format: "2024-04-%02d", $0) }

    /// Starts `dutycheck` with output to files (so a killed run cannot block on a pipe).
    static func start(_ arguments: [String], in workspace: Workspace, environment: [String: String] = [:]) throws -> (Process, URL) {
        let process = Process()
        process.executableURL = CommandRunner.executable
        process.arguments = arguments
        process.currentDirectoryURL = workspace.url
        var merged = ProcessInfo.processInfo.environment
        for (key, value) in environment { merged[key] = value }
        process.environment = merged
        let log = workspace.url.appendingPathComponent("stderr-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = try FileHandle(forWritingTo: log)
        try process.run()
        return (process, log)
    }

    static func notify(_ asOf: String, _ extra: [String]) -> [String] {
        ["notify", "--rules", "rules", "--as-of", asOf, "--state", "state/state.sqlite"] + extra + ["r.yaml"]
    }

    /// The as-of dates named by the messages in `folder` (`Message-ID: <dutycheck.YYYYMMDD.…>`), counted.
    static func asOfCounts(inMessagesIn folder: String, suffix: String) -> [String: Int] {
        var counts: [String: Int] = [:]
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.hasSuffix(suffix) && !$0.hasPrefix(".") }
        for name in names {
            guard let text = try? String(contentsOfFile: folder + "/" + name, encoding: .utf8),
                  let range = text.range(of: "Message-ID: <dutycheck.") else { continue }
            let digits = text[range.upperBound...].prefix(8)
            let date = "\(digits.prefix(4))-\(digits.dropFirst(4).prefix(2))-\(digits.suffix(2))"
            counts[date, default: 0] += 1
        }
        return counts
    }

    /// Checks the state database through the sqlite3 shell (an independent reader): it passes
    /// `PRAGMA integrity_check` and no delivery is left pending. Without the shell this records a
    /// failure under CI and checks nothing elsewhere (see `ExternalTools`).
    static func expectConsistentDatabase(_ path: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        guard let sqlite3 = ExternalTools.require(ExternalTools.which("sqlite3"), "the sqlite3 shell",
                                                  sourceLocation: sourceLocation) else { return }
        func query(_ sql: String) throws -> String {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: sqlite3)
            process.arguments = [path, sql]
            let output = Pipe()
            process.standardOutput = output
            try process.run()
            let data = output.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        }
        #expect(try query("PRAGMA integrity_check") == "ok", sourceLocation: sourceLocation)
        #expect(try query("SELECT count(*) FROM delivery WHERE state = 'pending'") == "0", sourceLocation: sourceLocation)
    }

    /// Runs notify for each date, killed with SIGKILL after a seeded random delay, then again normally
    /// for the same date (as cron would the next time). Returns the stderr of every follow-up run.
    static func killAndResume(_ workspace: Workspace, channel: [String], calibrationChannel: [String], seed: UInt64) throws -> [String: String] {
        // The typical run time of a real delivery, measured on a scratch state database (for a date
        // outside `dates`); delays run to half as long again, so a few runs finish before the kill.
        let calibrationStart = Date()
        let calibration = try CommandRunner.run(["notify", "--rules", "rules", "--as-of", "2024-03-01", "--state", "calibration.sqlite"]
                                                    + calibrationChannel + ["r.yaml"], in: workspace.url)
        #expect(calibration.status == 1, "\(calibration.stderr)")
        var window = max(Date().timeIntervalSince(calibrationStart), 0.05) * 1.5

        var generator = SplitMix64(state: seed)
        var followUps: [String: String] = [:]
        var killedMidRun = 0
        for date in dates {
            let delay = Double.random(in: 0...window, using: &generator)
            let (process, _) = try start(notify(date, channel), in: workspace)
            Thread.sleep(forTimeInterval: delay)
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            if process.terminationReason == .uncaughtSignal {
                killedMidRun += 1
            } else {
                #expect([0, 1].contains(process.terminationStatus), "\(date): a run that was not killed exits 0 or 1")
            }

            let resumedStart = Date()
            let resumed = try CommandRunner.run(notify(date, channel), in: workspace.url)
            // Follow the machine's current speed (other tests may be running): the window tracks how long
            // a run takes now.
            window = max(0.5 * window + 0.5 * 1.5 * Date().timeIntervalSince(resumedStart), 0.05)
            #expect([0, 1].contains(resumed.status), "\(date) after a kill at \(delay)s: \(resumed.stderr)")
            followUps[date] = resumed.stderr
        }
        // The delays span the run, so most runs die somewhere inside it, and some finish first.
        #expect(killedMidRun >= 1, "no run was killed before it finished")
        print("FaultTests: \(killedMidRun) of \(dates.count) notify runs killed mid-run (\(channel[0]))")
        return followUps
    }

    @Test func killedNotifyToFilesDeliversEveryDateExactlyOnce() throws {
        let workspace = try Workspace.withRules()
        try workspace.write("r.yaml", Self.record)
        try FileManager.default.createDirectory(atPath: workspace.path("out"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: workspace.path("calibration-out"), withIntermediateDirectories: true)
        _ = try Self.killAndResume(workspace, channel: ["--out-dir", "out"], calibrationChannel: ["--out-dir", "calibration-out"], seed: 0x6475_7479)

        // A final normal run succeeds, with nothing left to send for the last date.
        let final = try CommandRunner.run(Self.notify(Self.dates.last!, ["--out-dir", "out"]), in: workspace.url)
        #expect(final.status == 0, "\(final.stderr)")
        let counts = Self.asOfCounts(inMessagesIn: workspace.path("out"), suffix: ".eml")
        for date in Self.dates {
            #expect(counts[date] == 1, "\(date): \(counts[date] ?? 0) messages (none lost, none twice)")
        }
        #expect(counts.keys.sorted() == Self.dates)
        try Self.expectConsistentDatabase(workspace.path("state/state.sqlite"))
    }

    @Test func killedNotifyToSendmailNeverSendsTwice() throws {
        let workspace = try Workspace.withRules()
        try workspace.write("r.yaml", Self.record)
        try FileManager.default.createDirectory(atPath: workspace.path("mailbox"), withIntermediateDirectories: true)
        // Each message is stored in its own file, so an orphaned sendmail cannot interleave with the next.
        try workspace.write("sendmail.sh", """
            #!/bin/sh
            cat > "$1/.$$.tmp" && mv "$1/.$$.tmp" "$1/$$.msg"

            """)
        let channel = ["--send", "--sendmail", "/bin/sh \(workspace.path("sendmail.sh")) \(workspace.path("mailbox"))"]
        let followUps = try Self.killAndResume(workspace, channel: channel, calibrationChannel: channel, seed: 0x6E6F_7469)

        let final = try CommandRunner.run(Self.notify(Self.dates.last!, channel), in: workspace.url)
        #expect(final.status == 0, "\(final.stderr)")
        Thread.sleep(forTimeInterval: 0.5)  // an orphaned sendmail from the last kill finishes its copy
        let counts = Self.asOfCounts(inMessagesIn: workspace.path("mailbox"), suffix: ".msg")
        let lost = Self.dates.filter { counts[$0] == nil }
        print("FaultTests: \(lost.count) of \(Self.dates.count) messages lost to a kill and counted as sent (at most once)")
        for date in Self.dates {
            let count = counts[date] ?? 0
            #expect(count <= 1, "\(date) was sent \(count) times")
            if count == 0 {
                // At most once: a message lost to the kill is one the next run said it counts as sent.
                let compact = date.replacingOccurrences(of: "-", with: "")
                #expect(followUps[date]?.contains("counts as sent and will not be sent again") == true
                        && followUps[date]?.contains("dutycheck.\(compact).") == true,
                        "\(date) has no message and no at-most-once warning: \(followUps[date] ?? "")")
            }
        }
        try Self.expectConsistentDatabase(workspace.path("state/state.sqlite"))
    }

    @Test func aSendmailThatHangsIsKilledAndTheNextRunSends() throws {
        let workspace = try Workspace.withRules()
        try workspace.write("r.yaml", Self.record)
        try FileManager.default.createDirectory(atPath: workspace.path("mailbox"), withIntermediateDirectories: true)
        // Reads the message, then hangs; `exec` makes the sleep the process notify kills.
        try workspace.write("hang.sh", "#!/bin/sh\ncat > /dev/null\nexec sleep 600\n")
        // Never reads the message at all.
        try workspace.write("deaf.sh", "#!/bin/sh\nexec sleep 600\n")
        try workspace.write("sendmail.sh", "#!/bin/sh\ncat > \"$1/$$.msg\"\n")

        for script in ["hang.sh", "deaf.sh"] {
            try Self.expectKilledAtDeadline(seconds: 2, messageDate: "20240402", within: 30) {
                try CommandRunner.run(Self.notify("2024-04-02", ["--send", "--sendmail", "/bin/sh \(workspace.path(script))"]),
                                      in: workspace.url, environment: ["DUTYCHECK_SENDMAIL_TIMEOUT": "2"])
            }
        }

        // Nothing was marked sent: a working sendmail sends the message for the same date.
        let sent = try CommandRunner.run(Self.notify("2024-04-02", ["--send", "--sendmail", "/bin/sh \(workspace.path("sendmail.sh")) \(workspace.path("mailbox"))"]),
                                         in: workspace.url)
        #expect(sent.status == 1, "\(sent.stderr)")
        #expect(Self.asOfCounts(inMessagesIn: workspace.path("mailbox"), suffix: ".msg") == ["2024-04-02": 1])
    }

    /// Runs `notify` with a sendmail (`/bin/sh` and a script) that outlives its `seconds`: the run
    /// must say the message for `messageDate` (YYYYMMDD) was not sent because sendmail was killed,
    /// exit 2, and end within `within` seconds.
    static func expectKilledAtDeadline(seconds: Int, messageDate: String, within: TimeInterval,
                                       sourceLocation: Testing.SourceLocation = #_sourceLocation,
                                       _ run: () throws -> CommandRunner.Outcome) throws {
        let started = Date()
        let hung = try run()
        let elapsed = Date().timeIntervalSince(started)
        #expect(hung.status == 2, "\(hung.stderr)", sourceLocation: sourceLocation)
        #expect(hung.stderr.hasPrefix("/bin/sh: error: could not send <dutycheck.\(messageDate)."), "\(hung.stderr)",
                sourceLocation: sourceLocation)
        #expect(hung.stderr.contains("/bin/sh did not finish within \(seconds) seconds and was killed"), "\(hung.stderr)",
                sourceLocation: sourceLocation)
        #expect(elapsed < within, "the run took \(elapsed)s", sourceLocation: sourceLocation)
    }

    /// Whether process `pid` has ended: no such process, or a zombie its new parent has yet to reap
    /// (an orphan's parent is init, which may be slow to).
    static func hasEnded(_ pid: pid_t) -> Bool {
        if kill(pid, 0) == -1 && errno == ESRCH { return true }
        let stat = (try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8)) ?? ""
        // The state letter follows the command name, which is in parentheses.
        return stat.range(of: ") ", options: .backwards).map { stat[$0.upperBound...].hasPrefix("Z") } ?? false
    }

    /// A wrapper script that does not exec, given a message bigger than a pipe holds: the write blocks,
    /// and the shell's child keeps the pipe open. At the deadline the whole tree is killed, the run
    /// ends at once with exit 2, and nothing is marked sent.
    @Test func aWrapperScriptThatHangsIsKilledWithItsChildren() throws {
        let workspace = try Workspace()
        try workspace.write("record.yaml", bytes: Array(try Data(contentsOf: Fixtures.path(BromleyExampleTests.record))))
        let arguments = ["notify", "--as-of", "2024-02-29", "--state", "state.sqlite"]
        let measured = try CommandRunner.run(["notify", "--as-of", "2024-02-29", "--state", "measure.sqlite", "record.yaml"], in: workspace.url)
        #expect(measured.status == 1, "\(measured.stderr)")
        #expect(measured.stdout.utf8.count > 65_536, "the message fills a pipe buffer")
        // The shell waits for a child that has its stdin and never reads it (the child records its pid).
        try workspace.write("hang.sh", "#!/bin/sh\nsh -c 'echo $$ > \"$1\"; exec sleep 30' child \"$1\"\n")
        try workspace.write("sendmail.sh", "#!/bin/sh\ncat > \"$1/$$.msg\"\n")
        try FileManager.default.createDirectory(atPath: workspace.path("mailbox"), withIntermediateDirectories: true)

        try Self.expectKilledAtDeadline(seconds: 1, messageDate: "20240229", within: 10) {
            try CommandRunner.run(arguments + ["--send", "--sendmail", "/bin/sh \(workspace.path("hang.sh")) \(workspace.path("sleep.pid"))", "record.yaml"],
                                  in: workspace.url, environment: ["DUTYCHECK_SENDMAIL_TIMEOUT": "1"])
        }
        let child = try #require(workspace.read("sleep.pid").flatMap { pid_t($0.trimmingCharacters(in: .whitespacesAndNewlines)) })
        defer { if !Self.hasEnded(child) { kill(child, SIGKILL) } }
        #expect(Polling.until(seconds: 2) { Self.hasEnded(child) }, "the script's child \(child) is still running")

        // Nothing was marked sent: the next run sends the message for the same date.
        let sent = try CommandRunner.run(arguments + ["--send", "--sendmail", "/bin/sh \(workspace.path("sendmail.sh")) \(workspace.path("mailbox"))", "record.yaml"],
                                         in: workspace.url)
        #expect(sent.status == 1, "\(sent.stderr)")
        #expect(Self.asOfCounts(inMessagesIn: workspace.path("mailbox"), suffix: ".msg") == ["2024-02-29": 1])
    }

    /// Only a sendmail that is late is killed: one that reads its message and exits 0 in time succeeds,
    /// and a process it leaves behind is left alone.
    @Test func aSendmailThatLeavesAProcessBehindSucceeds() throws {
        let workspace = try Workspace.withRules()
        try workspace.write("r.yaml", Self.record)
        try FileManager.default.createDirectory(atPath: workspace.path("mailbox"), withIntermediateDirectories: true)
        try workspace.write("sendmail.sh", """
            #!/bin/sh
            sleep 30 </dev/null >/dev/null 2>&1 &
            echo $! > "$1/daemon.pid"
            cat > "$1/$$.msg"

            """)
        let started = Date()
        let sent = try CommandRunner.run(Self.notify("2024-04-02", ["--send", "--sendmail", "/bin/sh \(workspace.path("sendmail.sh")) \(workspace.path("mailbox"))"]),
                                         in: workspace.url, environment: ["DUTYCHECK_SENDMAIL_TIMEOUT": "5"])
        #expect(sent.status == 1, "\(sent.stderr)")
        #expect(Date().timeIntervalSince(started) < 5, "the run waited for the deadline")
        let daemon = try #require(workspace.read("mailbox/daemon.pid").flatMap { pid_t($0.trimmingCharacters(in: .whitespacesAndNewlines)) })
        defer { kill(daemon, SIGKILL) }
        #expect(!Self.hasEnded(daemon), "the process sendmail left behind was killed")
        #expect(Self.asOfCounts(inMessagesIn: workspace.path("mailbox"), suffix: ".msg") == ["2024-04-02": 1])
    }

    @Test func aSendmailTimeoutThatIsNotANumberIsBadInput() throws {
        let workspace = try Workspace.withRules()
        try workspace.write("r.yaml", Self.record)
        let outcome = try CommandRunner.run(Self.notify("2024-04-02", ["--send", "--sendmail", "/bin/cat"]), in: workspace.url,
                                            environment: ["DUTYCHECK_SENDMAIL_TIMEOUT": "0"])
        #expect(outcome.status == 2)
        #expect(outcome.stderr == "DUTYCHECK_SENDMAIL_TIMEOUT: error: \"0\" is not a number of seconds greater than 0\n")
    }

    /// A 64 KB tmpfs holding last time's report, filled to the last byte: writing the new report fails
    /// with exit 2 and a clear message, the old report is intact byte for byte, and no temporary file is
    /// left. Needs root (to mount); skipped, saying why, when the mount is refused.
    @Test func aFullDiskLeavesThePreviousReportIntact() throws {
        let workspace = try Workspace.withRules()
        try workspace.write("r.yaml", CLIPack.errorRecord)
        let disk = workspace.path("disk")
        try FileManager.default.createDirectory(atPath: disk, withIntermediateDirectories: true)
        let mount = Process()
        mount.executableURL = URL(fileURLWithPath: "/bin/mount")
        mount.arguments = ["-t", "tmpfs", "-o", "size=64k", "tmpfs", disk]
        mount.standardError = FileHandle.nullDevice
        guard (try? mount.run()) != nil, ({ mount.waitUntilExit(); return mount.terminationStatus == 0 })() else {
            print("FaultTests: skipped aFullDiskLeavesThePreviousReportIntact: cannot mount a tmpfs at \(disk) (needs root and CAP_SYS_ADMIN)")
            return
        }
        defer {
            let umount = Process()
            umount.executableURL = URL(fileURLWithPath: "/bin/umount")
            umount.arguments = [disk]
            if (try? umount.run()) != nil { umount.waitUntilExit() }
        }

        let report = disk + "/report.html"
        let arguments = ["report", "--rules", "rules", "--as-of", "2024-04-02", "--meeting", "2024-04-10", "-o", report, "r.yaml"]
        let first = try CommandRunner.run(arguments, in: workspace.url)
        #expect(first.status == 0, "\(first.stderr)")
        let previous = try #require(FileManager.default.contents(atPath: report))
        #expect(previous.count > 4096, "the report is bigger than the space left below")

        // Fill the disk to the last byte.
        let filler = try #require(FileHandle(forWritingAtPath: { _ = FileManager.default.createFile(atPath: disk + "/filler", contents: nil); return disk + "/filler" }()))
        let block = Data(repeating: 0x78, count: 4096)
        while (try? filler.write(contentsOf: block)) != nil {}
        let byte = Data([0x78])
        while (try? filler.write(contentsOf: byte)) != nil {}
        try? filler.close()

        let outcome = try CommandRunner.run(arguments, in: workspace.url)
        print("FaultTests: filled the tmpfs; writing the report again")
        #expect(outcome.status == 2)
        #expect(outcome.stdout.isEmpty)
        #expect(outcome.stderr == "\(report): error: cannot be written: No space left on device\n", "\(outcome.stderr)")
        #expect(FileManager.default.contents(atPath: report) == previous, "the previous report is intact")
        #expect(((try? FileManager.default.contentsOfDirectory(atPath: disk)) ?? []).sorted() == ["filler", "report.html"], "no temporary file is left")
    }
}
