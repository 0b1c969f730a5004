import Foundation
import Testing
import TestSupport
@testable import dutycheck

/// `notify` over more records than one parallel batch holds: messages are planned and built a batch at
/// a time and held in a spool until every record has been admitted, then handed over in input order.
@Suite struct NotifyManyRecordsTests {
    /// A record for partnership `name` whose plan is overdue (so it has a message to send).
    static func record(_ name: String) -> String {
        CLIPack.record(plan: "{due: 2024-03-31}", name: name)
            + "notifications:\n  from: {email: dutycheck@example.org}\n  to: [board@example.org]\n"
    }

    static func name(_ index: Int) -> String { String(format: "Partnership %03d", index) }

    /// A workspace with `count` records, `records/r000.yaml` onwards, for partnerships named by index.
    static func workspace(count: Int) throws -> Workspace {
        let workspace = try Workspace.withRules()
        for index in 0..<count {
            try workspace.write(String(format: "records/r%03d.yaml", index), record(name(index)))
        }
        return workspace
    }

    static func notify(_ workspace: Workspace, _ extra: [String] = []) throws -> CommandRunner.Outcome {
        try CommandRunner.run(["notify", "--rules", "rules", "--as-of", "2024-04-02", "--state", "state.sqlite"] + extra + ["records"],
                              in: workspace.url, environment: ["SOURCE_DATE_EPOCH": "1712037600"])
    }

    /// Where each partnership's name first appears in `text`, in index order (nil where it is missing).
    static func positions(of count: Int, in text: String) -> [Int?] {
        (0..<count).map { index in text.range(of: name(index)).map { text.distance(from: text.startIndex, to: $0.lowerBound) } }
    }

    @Test func messagesAcrossBatchesGoOutOnceEachInInputOrder() throws {
        let count = 2 * ParallelBatches.size + 3
        let workspace = try Self.workspace(count: count)
        let first = try Self.notify(workspace)
        #expect(first.status == 1, "\(first.stderr)")
        // An mbox: one "From " line before each message.
        let separators = first.stdout.components(separatedBy: "\n").filter { $0.hasPrefix("From dutycheck ") }
        #expect(separators.count == count)
        // SOURCE_DATE_EPOCH, in C's asctime form (a one-digit day padded with a space).
        #expect(Set(separators) == ["From dutycheck Tue Apr  2 06:00:00 2024"])
        let positions = Self.positions(of: count, in: first.stdout)
        #expect(positions.allSatisfy { $0 != nil })
        #expect(positions.compactMap { $0 } == positions.compactMap { $0 }.sorted())

        // Every message was recorded as sent: the same date again sends nothing.
        let again = try Self.notify(workspace)
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stdout == "")
    }

    @Test(arguments: [
        (1_712_037_600.0, "Tue Apr  2 06:00:00 2024"),
        (1_735_689_599.9, "Tue Dec 31 23:59:59 2024"),
        (0.0, "Thu Jan  1 00:00:00 1970"),
        // asctime cannot write a five-digit year: the line gets the ISO 8601 form.
        (253_402_300_800.0, "10000-01-01T00:00:00Z"),
    ])
    func mboxSeparatorDates(seconds: Double, expected: String) {
        #expect(NotifyRun.asctime(Date(timeIntervalSince1970: seconds)) == expected)
    }

    @Test func aBadRecordIsReportedEvenWhileAnotherRunHoldsTheState() throws {
        // Another run holds the state lock (notify would wait up to a minute for it): a bad record is
        // still reported at once, since records are read before the database is opened.
        let workspace = try Self.workspace(count: 3)
        try workspace.write("records/r002.yaml", "dutycheck: 1\npartnership: {name: \"\"}\n")
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/flock") else {
            if ExternalTools.isCI { Issue.record("flock (util-linux) is missing") }
            return
        }
        let holder = Process()
        holder.executableURL = URL(fileURLWithPath: "/usr/bin/flock")
        holder.arguments = [workspace.path("state.sqlite.lock"), "sleep", "30"]
        try holder.run()
        defer { holder.terminate() }
        // Held once a second taker fails at once (`flock -n` exits 1).
        let held = Polling.until(seconds: 10) {
            let probe = Process()
            probe.executableURL = holder.executableURL
            probe.arguments = ["-n", workspace.path("state.sqlite.lock"), "true"]
            guard (try? probe.run()) != nil else { return false }
            probe.waitUntilExit()
            return probe.terminationStatus == 1
        }
        try #require(held, "flock never took the lock")
        let started = Date()
        let failed = try Self.notify(workspace)
        #expect(failed.status == 2)
        #expect(failed.stderr.hasPrefix("records/r002.yaml:2:21: error: partnership.name is empty"), "\(failed.stderr)")
        #expect(Date().timeIntervalSince(started) < 30)
    }

    @Test func aBadRecordInTheLastBatchMeansNothingIsSent() throws {
        // The last record repeats the first one's partnership: by then whole batches of messages have
        // been planned and built, and none of them may go out or be recorded.
        let count = ParallelBatches.size + 2
        let workspace = try Self.workspace(count: count)
        let last = String(format: "records/r%03d.yaml", count - 1)
        try workspace.write(last, Self.record(Self.name(0)))
        try FileManager.default.createDirectory(atPath: workspace.path("out"), withIntermediateDirectories: true)
        let failed = try Self.notify(workspace, ["--out-dir", "out"])
        #expect(failed.status == 2)
        #expect(failed.stderr.contains("\(last):2:"), "\(failed.stderr)")
        #expect(failed.stderr.contains("records/r000.yaml already names the partnership '\(Self.name(0))'"), "\(failed.stderr)")
        #expect(workspace.listing("out").isEmpty)
        // Bad input is found before the state database is touched: none was made.
        #expect(!FileManager.default.fileExists(atPath: workspace.path("state.sqlite")))

        // Nothing was recorded either: with the bad record gone, every other partnership is told.
        try FileManager.default.removeItem(atPath: workspace.path(last))
        let fixed = try Self.notify(workspace, ["--out-dir", "out"])
        #expect(fixed.status == 1, "\(fixed.stderr)")
        #expect(workspace.listing("out").filter { $0.hasSuffix(".eml") }.count == count - 1)
    }
}

/// A write to stdout that fails part way: the messages written in full before it are recorded as sent,
/// and only the rest are planned again, so no message is written twice.
@Suite struct NotifyStdoutCutShortTests {
    /// Linux's `F_SETPIPE_SZ` and `F_GETPIPE_SZ` (not exported to Swift): set and read a pipe's capacity.
    static let setPipeSize: Int32 = 1031
    static let getPipeSize: Int32 = 1032

    @Test func messagesWrittenInFullBeforeAFailedWriteAreNotWrittenAgain() throws {
        let workspace = try NotifyManyRecordsTests.workspace(count: 3)
        // The mbox a real run writes (SOURCE_DATE_EPOCH fixes its dates and Message-IDs): its first
        // message is everything before the second "From " line.
        let preview = try NotifyManyRecordsTests.notify(workspace, ["--dry-run"])
        #expect(preview.status == 1, "\(preview.stderr)")
        let mbox = Array(preview.stdout.utf8)
        let starts = preview.stdout.components(separatedBy: "\nFrom dutycheck ").dropLast().reduce(into: [Int]()) {
            $0.append(($0.last.map { $0 + 1 } ?? 0) + $1.utf8.count)
        }
        try #require(starts.count == 2, "expected an mbox of three messages")
        let firstLength = starts[0] + 1
        // The second message does not fit in the pipe, so its write is still waiting when the reader
        // goes away after the first: it fails (EPIPE), deterministically.
        let pipeCapacity = 4096
        try #require(starts[1] - starts[0] > pipeCapacity, "the second message must be larger than the pipe")

        let output = Pipe()
        #if os(Linux)
        let descriptor = output.fileHandleForWriting.fileDescriptor
        _ = fcntl(descriptor, Self.setPipeSize, Int32(pipeCapacity))
        // Kernels with larger pages cannot make a pipe this small; then the outcome would depend on timing.
        guard fcntl(descriptor, Self.getPipeSize) == Int32(pipeCapacity) else {
            if ExternalTools.isCI { Issue.record("could not make a pipe of \(pipeCapacity) bytes") }
            return
        }
        #else
        return
        #endif
        let process = Process()
        process.executableURL = CommandRunner.executable
        process.arguments = ["notify", "--rules", "rules", "--as-of", "2024-04-02", "--state", "state.sqlite", "records"]
        process.currentDirectoryURL = workspace.url
        process.environment = ProcessInfo.processInfo.environment.merging(["SOURCE_DATE_EPOCH": "1712037600"]) { $1 }
        process.standardOutput = output
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        let received = try output.fileHandleForReading.read(upToCount: firstLength) ?? Data()
        try output.fileHandleForReading.close()
        process.waitUntilExit()
        #expect(process.terminationStatus == 2)
        #expect(Array(received) == Array(mbox[0..<firstLength]))
        #expect(String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            .contains("1 of 3 messages were handed to stdout in full and recorded as sent"))

        // The first message was recorded as sent; the other two go out on the next run, and only they.
        let again = try NotifyManyRecordsTests.notify(workspace)
        #expect(again.status == 1, "\(again.stderr)")
        #expect(NotifyManyRecordsTests.positions(of: 3, in: again.stdout).map { $0 != nil } == [false, true, true])
        let last = try NotifyManyRecordsTests.notify(workspace)
        #expect(last.status == 0, "\(last.stderr)")
        #expect(last.stdout == "")
    }
}

/// The spool holds each message's bytes apart, and gives back exactly what it was given.
@Suite struct MessageSpoolTests {
    @Test func messagesComeBackAsTheyWentIn() throws {
        let spool = MessageSpool()
        let messages: [[UInt8]] = [Array("first\n".utf8), [], Array(repeating: 0xE2, count: 3 << 20), Array("last".utf8)]
        let entries = try messages.map { try spool.append($0) }
        #expect(entries.map(\.offset) == [0, 6, 6, 6 + (3 << 20)])
        for (entry, message) in zip(entries, messages).reversed() {
            #expect(try spool.bytes(of: entry) == message)
        }
    }
}
