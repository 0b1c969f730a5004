import Foundation
import Testing
import TestSupport

/// Runs the built `dutycheck` binary against a small rule pack and record in a scratch folder, for the
/// process-level notify tests (state across runs, a killed run, overlapping runs).
///
/// The binary is found next to the test bundle (SwiftPM's products folder), or at `$DUTYCHECK_BINARY`.
/// When it is missing the tests skip, or fail when `CI=true`.
struct NotifyHarness {
    static var isCI: Bool { ExternalTools.isCI }

    static let binary: String? = {
        if let chosen = ProcessInfo.processInfo.environment["DUTYCHECK_BINARY"], !chosen.isEmpty { return chosen }
        let built = CommandRunner.executable.path
        return FileManager.default.isExecutableFile(atPath: built) ? built : nil
    }()

    /// A harness in a fresh folder, or nil (after failing the test in CI) when the binary is missing.
    static func make(_ name: String = #function, sourceLocation: SourceLocation = #_sourceLocation) throws -> NotifyHarness? {
        guard let binary else {
            if isCI { Issue.record("the dutycheck binary was not found next to the tests (CI=true)", sourceLocation: sourceLocation) }
            return nil
        }
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("dutycheck-notify-\(name.filter { $0.isLetter })-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("rules"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("out"), withIntermediateDirectories: true)
        let harness = NotifyHarness(binary: binary, folder: folder, sourceDateEpoch: nil)
        try Data(Self.pack.utf8).write(to: folder.appendingPathComponent("rules/notify-test.yaml"))
        try harness.writeRecord(policeApproved: nil)
        return harness
    }

    let binary: String
    let folder: URL

    var record: String { folder.appendingPathComponent("record.yaml").path }
    var state: String { folder.appendingPathComponent("state/state.sqlite").path }
    var outDir: String { folder.appendingPathComponent("out").path }

    /// Rewrites the record; `policeApproved` is the police's approval date (nil: not yet).
    func writeRecord(policeApproved: String?, extraNotifications: String = "") throws {
        let text = Self.record
            .replacingOccurrences(of: "POLICE_APPROVED", with: policeApproved ?? "null")
            .replacingOccurrences(of: "EXTRA_NOTIFICATIONS", with: extraNotifications)
        try Data(text.utf8).write(to: URL(fileURLWithPath: record))
    }

    /// Rewrites the record with `partnerLines` (list items, each line ending in a newline) as its partners.
    func writeRecord(partnerLines: String) throws {
        guard let start = Self.record.range(of: "partners:\n")?.upperBound,
              let end = Self.record.range(of: "notifications:")?.lowerBound else {
            preconditionFailure("the record template no longer lists partners before notifications")
        }
        let text = Self.record.replacingCharacters(in: start..<end, with: partnerLines)
            .replacingOccurrences(of: "EXTRA_NOTIFICATIONS", with: "")
        try Data(text.utf8).write(to: URL(fileURLWithPath: record))
    }

    /// Rewrites the record with the police no longer among the partners.
    func writeRecordWithoutPolice() throws {
        let police = """
              - id: police
                name: Testshire Police
                role: police
                contact: {name: Chief Inspector, email: police@example.org}
                approved: POLICE_APPROVED

            """
        precondition(Self.record.contains(police), "the record template no longer lists the police as expected")
        let text = Self.record.replacingOccurrences(of: police, with: "").replacingOccurrences(of: "EXTRA_NOTIFICATIONS", with: "")
        try Data(text.utf8).write(to: URL(fileURLWithPath: record))
    }

    /// `dutycheck notify --rules … --as-of DATE --state … ARGS… RECORD`
    func arguments(_ asOf: String, _ extra: [String]) -> [String] {
        ["notify", "--rules", folder.appendingPathComponent("rules").path, "--as-of", asOf, "--state", state] + extra + [record]
    }

    /// For the child: HOME is the scratch folder, and SOURCE_DATE_EPOCH is `sourceDateEpoch` (unset when nil).
    var sourceDateEpoch: String?
    /// More variables for the child (`DUTYCHECK_SENDMAIL_TIMEOUT`, say).
    var extraEnvironment: [String: String] = [:]

    var environment: [String: String] {
        var environment = ProcessInfo.processInfo.environment
        environment["HOME"] = folder.path
        environment.removeValue(forKey: "XDG_STATE_HOME")
        environment["SOURCE_DATE_EPOCH"] = sourceDateEpoch
        environment.merge(extraEnvironment) { $1 }
        return environment
    }

    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs `dutycheck` to completion.
    func run(_ asOf: String, _ extra: [String] = [], in directory: URL? = nil) throws -> Run {
        let started = try start(asOf, extra, in: directory)
        started.process.waitUntilExit()
        return started.result()
    }

    /// A running `dutycheck`, with its output going to files.
    struct Started {
        var process: Process
        var stdoutFile: URL
        var stderrFile: URL

        func result() -> Run {
            Run(status: process.terminationStatus,
                stdout: (try? String(contentsOf: stdoutFile, encoding: .utf8)) ?? "",
                stderr: (try? String(contentsOf: stderrFile, encoding: .utf8)) ?? "")
        }
    }

    /// `directory` is the working directory the run starts in (by default, the tests').
    func start(_ asOf: String, _ extra: [String] = [], in directory: URL? = nil) throws -> Started {
        let id = UUID().uuidString
        let stdoutFile = folder.appendingPathComponent("stdout-\(id)")
        let stderrFile = folder.appendingPathComponent("stderr-\(id)")
        _ = FileManager.default.createFile(atPath: stdoutFile.path, contents: nil)
        _ = FileManager.default.createFile(atPath: stderrFile.path, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments(asOf, extra)
        process.environment = environment
        if let directory { process.currentDirectoryURL = directory }
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = try FileHandle(forWritingTo: stdoutFile)
        process.standardError = try FileHandle(forWritingTo: stderrFile)
        try process.run()
        return Started(process: process, stdoutFile: stdoutFile, stderrFile: stderrFile)
    }

    /// A stand-in for sendmail: a shell script that stores each message it is given as `N.eml` in `mailbox`,
    /// writes its own process id to `N.pid` and a `N.done` marker, then waits `sleepSeconds` (in short sleeps,
    /// so killing it by its id stops it promptly) and exits with `status`. Returns the `--sendmail` command.
    /// With `refusing`, a message holding that text is stored as `N.refused`, not `N.eml`, and gets
    /// status 75 (as an MTA refusing one recipient would); other messages get `status`.
    func fakeSendmail(mailbox: String, sleepSeconds: Int = 0, status: Int = 0, refusing: String? = nil) throws -> String {
        try FileManager.default.createDirectory(atPath: mailbox, withIntermediateDirectories: true)
        let script = folder.appendingPathComponent("sendmail-\(UUID().uuidString).sh")
        let text = """
            #!/bin/sh
            # fake sendmail for tests: $1 is the mailbox folder
            n=1
            while [ -e "$1/$n.eml" ] || [ -e "$1/$n.tmp" ] || [ -e "$1/$n.refused" ]; do n=$((n + 1)); done
            echo $$ > "$1/$n.pid"
            cat > "$1/$n.tmp"
            if [ -n "\(refusing ?? "")" ] && grep -qF "\(refusing ?? "")" "$1/$n.tmp"; then mv "$1/$n.tmp" "$1/$n.refused"; exit 75; fi
            mv "$1/$n.tmp" "$1/$n.eml"
            : > "$1/$n.done"
            i=0
            while [ $i -lt \(sleepSeconds * 10) ]; do sleep 0.1; i=$((i + 1)); done
            exit \(status)

            """
        try Data(text.utf8).write(to: script)
        return "/bin/sh \(script.path) \(mailbox)"
    }

    /// The messages a fake sendmail or sink stored, in order.
    static func messages(in mailbox: String) -> [String] {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: mailbox)) ?? [])
            .filter { $0.hasSuffix(".eml") }
            .sorted { (Int($0.dropLast(4)) ?? 0, $0) < (Int($1.dropLast(4)) ?? 0, $1) }
        return names.compactMap { try? String(contentsOfFile: mailbox + "/" + $0, encoding: .utf8) }
    }

    /// Waits (up to `seconds`) until `path` exists.
    static func waitFor(_ path: String, seconds: Double = 20) -> Bool {
        Polling.until(seconds: seconds) { FileManager.default.fileExists(atPath: path) }
    }

    /// How the record's messages' subjects start: the prefix and the partnership's name, whose en dash
    /// is an RFC 2047 encoded-word.
    static let named = "[STE] Safer Testshire =?UTF-8?Q?=E2=80=93?= East:"

    /// The `Subject` header of a message, unfolded, as written (encoded-words are not decoded).
    static func subject(of message: String) -> String? {
        // Split on the LF scalar: "\r\n" is one Character, which a Character-level split would not break.
        var lines = message.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false).map { scalars in
            String(String.UnicodeScalarView(scalars.last == "\r" ? scalars.dropLast() : scalars[...]))
        }
        guard let start = lines.firstIndex(where: { $0.hasPrefix("Subject: ") }) else { return nil }
        var subject = String(lines[start].dropFirst("Subject: ".count))
        lines = Array(lines[(start + 1)...])
        for line in lines {
            guard line.hasPrefix(" ") else { break }
            subject += line
        }
        return subject
    }

    static let pack = """
        dutycheck: 1
        pack: notify-test
        title: Notification test pack
        version: "1"
        citations:
          cda-1998-s6:
            title: Crime and Disorder Act 1998, section 6
            url: https://www.legislation.gov.uk/ukpga/1998/37/section/6
            kind: statute
        rules:
          - id: partner-approval
            title: Partner approval of the strategy
            duty: Each responsible authority approves the partnership strategy.
            basis: [cda-1998-s6]
            confidence: confirmed
            for_each: partners
            as: partner
            subject: partner.id
            label: partner.name
            owner: partner.id
            deadline: {due: approvals_due, done: partner.approved, warn: 14 days}
            remedy: "Approve the strategy and record the date: {partner.name}."
          - id: assessment
            title: Strategic assessment – this year
            duty: The partnership prepares a strategic assessment every year.
            basis: [cda-1998-s6]
            confidence: confirmed
            owner: '"board"'
            require: exists(assessment)

        """

    static let record = """
        dutycheck: 1
        partnership:
          name: Safer Testshire – East
          contact: {name: Community Safety Team, email: cst@example.org}
        approvals_due: 2024-03-31
        partners:
          - id: council
            name: Testshire Council
            role: local_authority
            contact: {email: council@example.org}
            approved: 2024-03-20
          - id: police
            name: Testshire Police
            role: police
            contact: {name: Chief Inspector, email: police@example.org}
            approved: POLICE_APPROVED
        notifications:
          from: {name: Safer Testshire (DutyCheck), email: dutycheck@example.org}
          to: [cst@example.org]
          subject_prefix: "[STE]"
          reminder_interval: 7 days
        EXTRA_NOTIFICATIONS
        """
}
