import Foundation
import Testing
import TestSupport

/// What sendmail prints reaches notify's stderr made safe, as any text from an input is shown: control
/// and direction characters escaped, invalid UTF-8 as U+FFFD, and no more than 4096 bytes of it.
@Suite("StateStore: notify shows sendmail's output safely", .serialized)
struct NotifySendmailOutputTests {
    /// A stand-in sendmail that reads the message and then runs `body` (shell).
    func sendmail(_ harness: NotifyHarness, _ body: String) throws -> String {
        let script = harness.folder.appendingPathComponent("sendmail-\(UUID().uuidString).sh")
        try Data("#!/bin/sh\ncat > /dev/null\n\(body)\n".utf8).write(to: script)
        return "/bin/sh \(script.path)"
    }

    @Test func terminalControlsFromSendmailAreEscaped() throws {
        guard let harness = try NotifyHarness.make() else { return }
        let run = try harness.run("2024-04-02", ["--send", "--sendmail", "sh -c 'cat >/dev/null; printf \"\\033[31mX\\007\"; exit 75'"])
        #expect(run.status == 2)
        #expect(run.stderr.hasPrefix("\\u{1B}[31mX\\u{7}\nsh: error: could not send <"), "\(run.stderr)")
        #expect(run.stderr.hasSuffix(">: sh exited with status 75\n"), "\(run.stderr)")
        #expect(!run.stderr.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 })
    }

    /// Invalid UTF-8 is shown as U+FFFD, a CR before a line's end is dropped, a tab and a right-to-left
    /// override are escaped, and line breaks are kept.
    @Test func bytesThatAreNotTextAreShownSafely() throws {
        guard let harness = try NotifyHarness.make() else { return }
        let command = try sendmail(harness, #"printf 'bad \377 byte\r\nqueued\tas \342\200\256txt\n'"#)
        let run = try harness.run("2024-04-02", ["--send", "--sendmail", command])
        #expect(run.status == 1, "\(run.stderr)")
        #expect(run.stderr == "bad \u{FFFD} byte\nqueued\\u{9}as \\u{202E}txt\n")
    }

    /// Past 4096 bytes the rest is counted, not shown; a character the limit cuts in two is counted whole.
    @Test(arguments: [
        (#"printf '%10000s' '' | tr ' ' a"#, String(repeating: "a", count: 4096) + "\n… (5904 more bytes)\n"),
        (#"printf '%4095s' '' | tr ' ' a; printf '\303\251\303\251'"#, String(repeating: "a", count: 4095) + "\n… (4 more bytes)\n"),
    ])
    func aFloodFromSendmailIsCut(_ body: String, _ shown: String) throws {
        guard let harness = try NotifyHarness.make() else { return }
        let run = try harness.run("2024-04-02", ["--send", "--sendmail", try sendmail(harness, body)])
        #expect(run.status == 1, "\(run.stderr.prefix(300))")
        #expect(run.stderr == shown, "\(run.stderr.suffix(300))")
    }

    /// A sendmail that leaves a child holding its output open (a wrapper that backgrounds the delivery)
    /// does not hold the run: what it printed before exiting is shown, and the run goes on without
    /// waiting for the child.
    @Test func aChildLeftHoldingTheOutputDoesNotHoldTheRun() throws {
        guard let harness = try NotifyHarness.make() else { return }
        let started = Date()
        let run = try harness.run("2024-04-02", ["--send", "--sendmail", try sendmail(harness, "echo queued; (sleep 60; echo later) & exit 0")])
        #expect(run.status == 1, "\(run.stderr)")
        #expect(run.stderr == "queued\n", "\(run.stderr)")
        // Not a timing test: a run that waited for the child would take its full minute.
        #expect(Date().timeIntervalSince(started) < 30)
    }
}
