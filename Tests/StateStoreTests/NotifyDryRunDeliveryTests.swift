import Foundation
import Testing
import TestSupport

/// `--dry-run` stands in for a delivery: where the real run could not hand its messages over (an
/// `--out-dir` it cannot write in, a sendmail it cannot start) the dry run fails too, with the same exit
/// status and message, and prints nothing.
@Suite("StateStore: notify dry run of a delivery", .serialized)
struct NotifyDryRunDeliveryTests {
    /// A folder this process cannot make a file in: mode 0555 for a user; for root, who passes every
    /// permission bit, /proc, where no file can be made. Nil (the test is skipped) when there is none.
    static func unwritableFolder(in harness: NotifyHarness) throws -> String? {
        if getuid() != 0 {
            let folder = harness.folder.appendingPathComponent("read-only").path
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            #expect(chmod(folder, 0o555) == 0)
            return folder
        }
        let probe = "/proc/dutycheck-probe-\(getpid())"
        let descriptor = open(probe, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard descriptor < 0 else {
            close(descriptor)
            unlink(probe)
            print("NotifyDryRunDeliveryTests: skipped: as root, with no folder here that root cannot write in")
            return nil
        }
        return "/proc"
    }

    /// Runs the dry run and then the real run with `extra`, with a fixed SOURCE_DATE_EPOCH so that both
    /// name the same Message-IDs and files.
    func dryThenReal(_ harness: NotifyHarness, _ extra: [String]) throws -> (dry: NotifyHarness.Run, real: NotifyHarness.Run) {
        var harness = harness
        harness.sourceDateEpoch = "1712037600"  // 2024-04-02T06:00:00Z
        let dry = try harness.run("2024-04-02", ["--dry-run"] + extra)
        #expect(!FileManager.default.fileExists(atPath: harness.state), "the dry run made the state database")
        return (dry, try harness.run("2024-04-02", extra))
    }

    @Test func aDryRunFailsWhereTheOutDirCannotBeWritten() throws {
        guard let harness = try NotifyHarness.make(), let folder = try Self.unwritableFolder(in: harness) else { return }
        defer { if folder != "/proc" { chmod(folder, 0o755) } }
        // /proc lists the processes of the moment, so only a folder of the test's own is compared.
        func listing() throws -> [String] { folder == "/proc" ? [] : try FileManager.default.contentsOfDirectory(atPath: folder).sorted() }
        let before = try listing()
        let (dry, real) = try dryThenReal(harness, ["--out-dir", folder])
        #expect(real.status == 2, "\(real.stderr)")
        #expect(real.stderr.hasPrefix("\(folder)/20240402T060000Z-") && real.stderr.filter { $0 == "\n" }.count == 1
                    && real.stderr.hasSuffix(".eml: error: cannot write to \(folder) (missing folder or permission denied)\n"),
                "\(real.stderr)")
        #expect(dry.status == 2, "\(dry.stderr)")
        #expect(dry.stderr == real.stderr)
        #expect(dry.stdout.isEmpty, "\(dry.stdout.prefix(200))")
        #expect(try listing() == before)
    }

    /// A writable `--out-dir` is left as the dry run found it: the file it makes to be sure of the folder
    /// is removed at once.
    @Test func aDryRunLeavesAWritableOutDirEmpty() throws {
        guard let harness = try NotifyHarness.make() else { return }
        let run = try harness.run("2024-04-02", ["--dry-run", "--out-dir", harness.outDir])
        #expect(run.status == 1, "\(run.stderr)")
        #expect(run.stdout.hasPrefix("Date: "))
        #expect(try FileManager.default.contentsOfDirectory(atPath: harness.outDir).isEmpty)
    }

    /// Whether this machine's binfmt_misc is on with a handler registered (see `ExecCheck`).
    static var binfmtHandlersRegistered: Bool {
        let folder = "/proc/sys/fs/binfmt_misc"
        guard let handle = FileHandle(forReadingAtPath: folder + "/status"),
              let status = try? handle.read(upToCount: 16), String(decoding: status, as: UTF8.self).hasPrefix("enabled")
        else { return false }
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return entries.contains { $0 != "register" && $0 != "status" }
    }

    /// A sendmail that is not there, or not a program, fails every message of the real run; the dry run
    /// says the same. An executable file is not enough: exec also refuses a script whose `#!`
    /// interpreter is missing or is not a program, and a file that is neither a script nor a binary.
    @Test(arguments: [("missing", "No such file or directory"), ("not executable", "Permission denied"),
                      ("#!/no/such/interpreter -t\n", "No such file or directory"),
                      ("#! FOLDER/NOTES\nexit 0\n", "Permission denied"),
                      ("#!/bin/sh", ""), ("exit 0\n", "Exec format error"), ("", "Exec format error"),
                      ("#!\nexit 0\n", "Exec format error")])
    func aDryRunFailsWhereSendmailCannotStart(_ kind: String, _ reason: String) throws {
        guard let harness = try NotifyHarness.make() else { return }
        var program = kind == "missing" ? harness.folder.appendingPathComponent("no-sendmail").path : harness.record
        if !["missing", "not executable"].contains(kind) {
            // An executable file holding `kind`; FOLDER/NOTES is a folder, which exec cannot run.
            try FileManager.default.createDirectory(atPath: harness.folder.appendingPathComponent("NOTES").path,
                                                    withIntermediateDirectories: true)
            program = harness.folder.appendingPathComponent("sendmail.sh").path
            try Data(kind.replacingOccurrences(of: "FOLDER", with: harness.folder.path).utf8).write(to: URL(fileURLWithPath: program))
            #expect(chmod(program, 0o755) == 0)
        }
        let (dry, real) = try dryThenReal(harness, ["--per-owner", "--send", "--sendmail", "\(program) -t"])
        if reason.isEmpty {  // runnable: `#!/bin/sh` with no line end runs an empty script, which succeeds
            #expect(dry.status == 1 && real.status == 1, "\(dry.stderr)\n\(real.stderr)")
            return
        }
        #expect(real.status == 2, "\(real.stderr)")
        if reason == "Exec format error", !kind.hasPrefix("#!"), Self.binfmtHandlersRegistered {
            // A binfmt_misc handler might run such a file, so the dry run gives no verdict on it here.
            #expect(dry.status == 1, "\(dry.stderr)")
            return
        }
        let lines = real.stderr.split(separator: "\n")
        #expect(lines.count == 2, "\(real.stderr)")
        #expect(lines.allSatisfy { $0.hasPrefix("\(program): error: could not send <") && $0.hasSuffix(">: cannot run \(program): \(reason)") },
                "\(real.stderr)")
        #expect(dry.status == 2, "\(dry.stderr)")
        #expect(dry.stderr == real.stderr)
        #expect(dry.stdout.isEmpty)
    }
}
