import ArgumentParser
import Foundation
import Reporters
import RuleEngine
import StateStore
import YAMLTree

/// `dutycheck notify`: email-ready warnings for cron, sent only when something is new, has changed, or is
/// still overdue at the reminder interval.
struct Notify: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write or send email about duties that are new, changed or still overdue.",
        discussion: """
            Builds one message per partnership (or, with --per-owner, one per partner that owns something), only \
            when something is new, has changed status, is still overdue or missing after the record's reminder \
            interval (default 7 days), or has left the message (resolved, not due yet, no longer reported by its rule, or with --per-owner now sent to others); \
            never twice for one as-of date. What was sent is kept \
            in a SQLite state database: --state FILE, default $XDG_STATE_HOME/dutycheck/state.sqlite or \
            ~/.local/state/dutycheck/state.sqlite.

            Without --send or --out-dir the message goes to stdout (several messages as an mbox). --send pipes each \
            to sendmail; --out-dir writes each as a .eml file with CRLF line endings. --dry-run prints what would go \
            out, records nothing, and exits as the real run would (see the README for the two exceptions). SOURCE_DATE_EPOCH (whole seconds since 1970, \
            from 0 to 253402300799) fixes the Date header and the Message-ID, for reproducible output.

            Exit status: 0 nothing to send, 1 a message was produced or sent, 2 bad input or a failure (including \
            sendmail's). A sendmail that has not finished after 60 seconds (or DUTYCHECK_SENDMAIL_TIMEOUT seconds) is \
            killed, and the message counts as not sent.
            """
    )

    @OptionGroup var ruleOptions: RuleOptions

    @Option(help: ArgumentHelp("The state database. Default: $XDG_STATE_HOME/dutycheck/state.sqlite, else ~/.local/state/dutycheck/state.sqlite.", valueName: "FILE"))
    var state: String?

    @Flag(help: "Send each message through sendmail instead of printing it.")
    var send = false

    @Option(help: ArgumentHelp("The sendmail command for --send, split into words (no shell). Default: /usr/sbin/sendmail -t -oi.", valueName: "CMD"))
    var sendmail: String?

    @Option(name: .customLong("out-dir"), help: ArgumentHelp("Write each message to a .eml file (CRLF) in this folder.", valueName: "DIR"))
    var outDir: String?

    @Flag(name: .customLong("per-owner"), help: "One message per owning partner, to that partner's contact.")
    var perOwner = false

    @Flag(name: .customLong("dry-run"), help: "Print what would be sent; send nothing and record nothing.")
    var dryRun = false

    @Argument(help: ArgumentHelp("Record files, or folders of records.", valueName: "RECORD"))
    var records: [String]

    static let defaultSendmail = ["/usr/sbin/sendmail", "-t", "-oi"]
    /// How long a run waits for another run to finish with the state database.
    static let lockTimeoutSeconds = 60.0

    func validate() throws {
        // An empty path would otherwise mean no file at all to a dry run, and fail only the real run.
        if state?.isEmpty == true { throw ValidationError("--state is empty: give the state database's path.") }
        if outDir?.isEmpty == true { throw ValidationError("--out-dir is empty: give a folder.") }
        if send && outDir != nil { throw ValidationError("--send and --out-dir cannot be used together.") }
        if sendmail != nil && !send { throw ValidationError("--sendmail needs --send.") }
        if let sendmail {
            do {
                if try CommandWords.split(sendmail).isEmpty { throw ValidationError("--sendmail is empty.") }
            } catch let error as CommandWords.Problem {
                throw ValidationError("--sendmail: \(error.reason)")
            }
        }
    }

    func run() throws {
        signal(SIGPIPE, SIG_IGN)  // a sendmail or reader that goes away is an error to report, not a silent death
        let session = try CheckSession(options: ruleOptions)
        // First every record is read and checked and its settings loaded, keeping nothing: bad input
        // anywhere, a record whose check runs out of steps included, is reported before the state
        // database is touched. (Checking twice costs at most the step budget per record.)
        var gate = PartnershipGate()
        try session.run(records, prepare: { PartnershipGate.settings(root: $0.record, file: $0.file) }) {
            (record: RecordResult, settings: Result<NotificationSettings, Diagnostic>) in
            _ = gate.admit(file: record.file, root: record.record, settings)
        }
        try gate.close()

        let environment = ProcessInfo.processInfo.environment
        guard let statePath = state ?? StatePaths.defaultDatabase(environment: environment) else {
            throw InputFailure(file: "--state", "neither XDG_STATE_HOME nor HOME is set: give the state database with --state FILE")
        }
        // A message recorded as of the last day there is leaves no later run to follow it: its audience
        // would never be mailed again (see `SentOnTheLastDay`). A dry run records nothing.
        if session.asOf == CivilDate.latest && !dryRun {
            throw InputFailure(file: "--as-of", "\(CivilDate.latest.iso) is the last day a date can name: a message recorded "
                + "as of it would leave no later run to follow, and its audience would never be mailed again; "
                + "use --dry-run to see what would be sent")
        }
        if let outDir {  // checked for a dry run too, which fails where the real run would
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: outDir, isDirectory: &isDirectory), isDirectory.boolValue else {
                throw InputFailure(file: outDir, "--out-dir must be an existing folder")
            }
        }
        let clock = NotifyClock(fixedEpoch: try SourceDateEpoch.seconds(in: environment))
        let timeout = try Sendmail.timeout(environment: environment)
        let delivery: Delivery = send ? .sendmail(try sendmail.map(CommandWords.split) ?? Self.defaultSendmail, timeoutSeconds: timeout)
            : outDir.map { .directory($0) } ?? .stdout
        let channel = dryRun ? .dryRun(instead: delivery) : delivery

        var run = try NotifyRun(statePath: statePath, readOnly: dryRun, clock: clock, lineEnding: channel.lineEnding)
        defer { run.finish() }
        try run.recover()
        // Then each record is checked, and its messages planned and built, a batch at a time; they
        // wait in a spool until the last record is done (a record changed since the first pass is
        // still bad input, and then nothing goes out), so memory stays flat however many there are.
        var admitted = PartnershipGate()
        try session.run(records, warns: false, prepare: { PartnershipGate.settings(root: $0.record, file: $0.file) }) {
            (record: RecordResult, settings: Result<NotificationSettings, Diagnostic>) throws(InputFailure) in
            guard let settings = admitted.admit(file: record.file, root: record.record, settings) else { return }
            try run.plan(record: record, settings: settings, perOwner: perOwner, asOf: session.asOf)
        }
        try admitted.close()
        try run.deliver(via: channel)
        throw ExitCode(run.produced > 0 ? ExitStatus.findings : ExitStatus.clean)
    }
}

/// Where messages go.
indirect enum Delivery {
    case stdout
    /// Printed on stdout in place of the delivery given, which is checked as far as it can be without
    /// handing anything over.
    case dryRun(instead: Delivery)
    /// The command, and how long to wait for it before killing it.
    case sendmail([String], timeoutSeconds: Double)
    case directory(String)

    /// How the messages' lines end: CRLF in `.eml` files, LF for sendmail and stdout.
    var lineEnding: MIMEMessage.LineEnding {
        if case .directory = self { return .crlf }
        return .lf
    }
}

/// The run's clock: the real time, or `SOURCE_DATE_EPOCH` for reproducible messages.
struct NotifyClock {
    /// Seconds since 1970, within `SourceDateEpoch.range`; nil for the real time.
    var fixedEpoch: Int64?

    var now: Date { fixedEpoch.map { Date(timeIntervalSince1970: TimeInterval($0)) } ?? Date() }

    /// The message date, shown in London time (GMT or BST).
    func mailDate() -> MailDate {
        let now = self.now
        let offset = TimeZone(identifier: "Europe/London")?.secondsFromGMT(for: now) ?? 0
        return MailDate(secondsSince1970: Int64(now.timeIntervalSince1970.rounded(.down)), utcOffsetSeconds: offset)
    }

    /// `2024-04-02T06:00:00Z`, for the state database's timestamps (always the real time). A value
    /// format style, not a formatter object: making one of those for every message cost more than
    /// building the message.
    func instant() -> String {
        Date().formatted(.iso8601)
    }

    /// Letters and digits unique to a message: random, or with a fixed epoch derived from the message's
    /// identity so that reruns give the same bytes.
    func token(identity: String) -> String {
        guard let fixedEpoch else {
            var generator = SystemRandomNumberGenerator()
            return String(generator.next() as UInt64, radix: 16)
        }
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in (identity + "\u{0}\(fixedEpoch)").utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        return String(hash, radix: 16)
    }
}

/// One notify run: the state database (locked for the run), and the messages produced.
struct NotifyRun {
    let statePath: String
    let readOnly: Bool
    let clock: NotifyClock
    /// How the messages are written, which depends on where they go.
    let lineEnding: MIMEMessage.LineEnding
    private let store: NotificationStateStore?
    private let lock: StateLock?
    /// Messages produced (written, sent, or for a dry run printed) so far.
    private(set) var produced = 0
    /// Messages planned but not yet built: at most a batch.
    private var planned: [PlannedMessage] = []
    /// Messages planned and built, not yet handed over; their bytes wait in `spool`.
    private var outgoing: [Outgoing] = []
    private let spool = MessageSpool()

    struct Outgoing {
        var messageID: MessageID
        var date: MailDate
        var bytes: MessageSpool.Entry
        var plan: NotificationPlan
        var partnership: String
        var audience: String
        var asOf: CivilDate
    }

    /// Opens the state database: read-only for a dry run (where a missing one is empty), otherwise
    /// made if need be and locked. Where it is (its folders, its lock file) is checked first, for a
    /// dry run as for the real run, so that a place the real run cannot use fails both alike, before
    /// anything is made.
    init(statePath: String, readOnly: Bool, clock: NotifyClock, lineEnding: MIMEMessage.LineEnding) throws(InputFailure) {
        self.statePath = statePath
        self.readOnly = readOnly
        self.clock = clock
        self.lineEnding = lineEnding
        do {
            try StatePaths.checkLocation(forDatabase: statePath)
            if readOnly {
                store = try NotificationStateStore(readingExisting: statePath)
                lock = nil
            } else {
                // Locked before the database is migrated: two runs that start together must not
                // both change its schema. A database that is refused gets no lock file beside it.
                var held: StateLock?
                store = try NotificationStateStore(path: statePath) {
                    held = try StateLock(path: StatePaths.lockFile(forDatabase: statePath), timeoutSeconds: Notify.lockTimeoutSeconds)
                }
                lock = held
            }
        } catch is NotificationStateStore.NotADatabase {
            throw InputFailure(file: statePath, "is not a dutycheck state database (not a database at all); "
                               + "--state must name the state database or a new file")
        } catch {
            throw InputFailure(file: statePath, "state database: \(error)")
        }
    }

    /// Releases the run lock.
    func finish() { lock?.release() }

    /// Settles deliveries that a killed run left pending, and says so on stderr. A dry run settles
    /// nothing, but is refused where the real run's recovery would be (a damaged delivery row).
    func recover() throws(InputFailure) {
        guard let store else { return }
        let settled: [DeliveryRecord]
        do {
            let fileExists = { (path: String) in FileManager.default.fileExists(atPath: path) }
            if readOnly {
                _ = try store.interruptedDeliveries(fileExists: fileExists)
                return
            }
            settled = try store.recoverInterrupted(at: clock.instant(), fileExists: fileExists)
        } catch {
            throw InputFailure(file: statePath, "state database: \(error)")
        }
        for record in settled {
            // The names come from the database, the path from a folder listing: shown escaped.
            let what = "message \(record.messageID) (\(DamagedState.audienceRow(partnership: record.partnership, audience: record.audience)), "
                + "as of \(record.asOf.iso))"
            let note: String
            switch record.state {
            case .assumedSent:
                note = "a previous run stopped while handing \(what) to \(record.channel.rawValue); it counts as sent and will not be sent again (at most once). Its text is kept in \(statePath), table delivery, id \(record.id)."
            case .sent:
                note = "a previous run stopped after writing \(what) to \(record.destination.map(MessageText.escaped) ?? "its file"); it is recorded as sent."
            default:
                note = "a previous run stopped before \(what) was written; it will be planned again."
                // Its half-written temporary file, if the run got that far: this run holds the lock,
                // so no other is writing it.
                if let destination = record.destination { OutputFile.removeLeftovers(of: destination) }
            }
            FileHandle.standardError.write(Data("dutycheck: warning: \(note)\n".utf8))
        }
    }

    /// Plans the messages for one record and builds them into the spool; `deliver(via:)` hands them over.
    mutating func plan(record: RecordResult, settings: NotificationSettings, perOwner: Bool, asOf: CivilDate) throws(InputFailure) {
        let policy = NotificationPolicy(reminderDays: settings.reminderDays)
        var everyFinding: [ItemKey: Finding] = [:]
        for finding in record.findings where everyFinding[key(finding)] == nil { everyFinding[key(finding)] = finding }
        let notifiable = Set(record.findings.filter { NotificationRouting.notifiableStatuses.contains($0.status) }.map(key))
        let lapsed = ExpiredWaivers(record.waivers)

        // The audiences already sent a message for a date after this run's, and the latest such date:
        // notify never sends for the same or an earlier date, and cron should hear why they hear
        // nothing (a run dated ahead by mistake, a clock set back).
        var sentAhead: (audiences: Int, latest: CivilDate)?
        let routes = NotificationRouting.audiences(for: record.findings, settings: settings, perOwner: perOwner)
        // Who hears of each item now, for the audiences that no longer do.
        var hearers: [ItemKey: [String]] = [:]
        for route in routes {
            for finding in route.findings where hearers[key(finding)]?.last != route.audience.shownName {
                hearers[key(finding), default: []].append(route.audience.shownName)
            }
        }
        for route in routes {
            let audienceState: AudienceState
            do {
                audienceState = try store?.state(partnership: settings.partnershipName, audience: route.audience.key) ?? AudienceState()
                if SentOnTheLastDay.refuses(lastSentOn: audienceState.lastSentOn, asOf: asOf) {
                    throw SentOnTheLastDay(partnership: settings.partnershipName, audience: route.audience.key)
                }
            } catch {
                throw InputFailure(file: statePath, "state database: \(error)")
            }
            var findingByKey: [ItemKey: Finding] = [:]
            for finding in route.findings where findingByKey[key(finding)] == nil { findingByKey[key(finding)] = finding }
            let current = route.findings.map {
                CurrentItem(key: key($0), title: $0.title, label: $0.label, status: $0.status, due: $0.due)
            }
            // An item this audience no longer gets but another does was handed over, not resolved.
            let plan = policy.plan(state: audienceState, current: current, asOf: asOf,
                                   elsewhere: notifiable.subtracting(current.map(\.key)))
            for item in plan.misdated {
                FileHandle.standardError.write(Data(MisdatedItemWarning.text(
                    item, lastMessage: audienceState.lastSentOn, asOf: asOf, partnership: settings.partnershipName,
                    audience: route.audience.key, database: statePath).utf8))
            }
            if case .alreadySent(let last) = plan.decision, last > asOf {
                sentAhead = ((sentAhead?.audiences ?? 0) + 1, max(sentAhead?.latest ?? last, last))
            }
            guard plan.shouldSend else { continue }

            let entries = plan.items.compactMap { planned in
                findingByKey[planned.item.key].map { finding in
                    NotificationEntry(finding: finding, change: planned.change,
                                      waiverEnded: planned.change == .new
                                          ? lapsed.lastDay(covering: finding, since: audienceState.lastSentOn) : nil)
                }
            }
            // What left the message: shown as the item's finding labels it today, where the rule still
            // reports it; otherwise as the audience was last told.
            func left(_ told: TrackedItem, handedOver: Bool) -> ResolvedEntry {
                let now = everyFinding[told.key]
                let subject = now.map(\.shownSubject) ?? told.label ?? (told.key.subject.isEmpty ? nil : told.key.subject)
                return ResolvedEntry(title: told.title, subject: subject, previousStatus: told.status,
                                     currentStatus: now?.status, previousDue: told.due, notYetDueBy: now?.notYetDueBy,
                                     nowSentTo: handedOver ? hearers[told.key] ?? [] : nil)
            }
            let resolvedAndHandedOver = plan.resolved.map { left($0, handedOver: false) }
                + plan.handedOver.map { left($0, handedOver: true) }
            let token = clock.token(identity: "\(settings.partnershipName)\u{0}\(route.audience.key)\u{0}\(asOf.iso)")
            planned.append(PlannedMessage(settings: settings, audience: route.audience, asOf: asOf, entries: entries,
                                          resolved: resolvedAndHandedOver, recordFile: record.file, date: clock.mailDate(),
                                          token: token, plan: plan))
        }
        if let sentAhead {
            let who = sentAhead.audiences == 1 ? "one of its audiences" : "\(sentAhead.audiences) of its audiences"
            FileHandle.standardError.write(Data(("dutycheck: warning: \(MessageText.escaped(record.file)): \(who) already had a message as of "
                + "\(sentAhead.latest.longForm), after this run's date of \(asOf.longForm); notify never sends for the same "
                + "or an earlier date, so \(sentAhead.audiences == 1 ? "it hears" : "they hear") nothing until a run dated "
                + "after \(sentAhead.latest.longForm)\n").utf8))
        }
        if planned.count >= ParallelBatches.size { try buildPlanned() }
    }

    /// Builds the planned messages on every core, and spools them in order.
    private mutating func buildPlanned() throws(InputFailure) {
        let batch = planned
        planned.removeAll()
        let lineEnding = self.lineEnding
        try ParallelBatches.run(batch, work: { planned in
            (planned, planned.built(lineEnding: lineEnding))
        }, take: { (made: (planned: PlannedMessage, built: (message: MIMEMessage, bytes: [UInt8]))) throws(InputFailure) in
            outgoing.append(Outgoing(messageID: made.built.message.messageID, date: made.built.message.date,
                                     bytes: try spool.append(made.built.bytes), plan: made.planned.plan,
                                     partnership: made.planned.settings.partnershipName,
                                     audience: made.planned.audience.key, asOf: made.planned.asOf))
        })
    }

    /// Hands every planned message over, each claimed in the database first and recorded as sent after.
    ///
    /// Messages for stdout are written together at the end (one bare message, or an mbox when there are
    /// several), so they are claimed together just before the write.
    mutating func deliver(via delivery: Delivery) throws(InputFailure) {
        try buildPlanned()
        let planned = outgoing
        outgoing.removeAll()
        switch delivery {
        case .dryRun(let real):
            // Checked before anything is printed: a dry run fails (exit 2, nothing on stdout) where the
            // real run would, with the real run's message.
            switch real {
            case .directory(let directory):
                try DryRunChecks.directory(destinations: planned.map { destination(of: $0, in: directory) })
            case .sendmail(let command, _):
                try DryRunChecks.sendmail(command, messageIDs: planned.map(\.messageID.description))
            case .stdout, .dryRun:
                break
            }
            var written = 0
            try write(planned.map(\.bytes), written: &written)
            produced += planned.count
        case .stdout:
            var claimed: [(id: Int64?, bytes: MessageSpool.Entry)] = []
            for item in planned {
                if store == nil {
                    claimed.append((nil, item.bytes))
                } else if let id = try claim(item, channel: .stdout, destination: nil, bytes: try spool.bytes(of: item.bytes)) {
                    claimed.append((id, item.bytes))
                }
            }
            var written = 0
            do {
                try write(claimed.map(\.bytes), written: &written)
            } catch {
                // What was handed to stdout in full is recorded as sent, so no later run writes it twice;
                // the rest, a message cut short included, is marked failed and planned again.
                var recorded = 0
                for (position, entry) in claimed.enumerated() {
                    guard let id = entry.id else { continue }
                    let done: Void? = position < written
                        ? try? store?.complete(id, at: clock.instant())
                        : try? store?.fail(id, at: clock.instant(), error: "writing to stdout failed")
                    if done != nil { recorded += 1 }
                }
                // Without a state database nothing was recorded, so there is nothing to say about it.
                guard claimed.contains(where: { $0.id != nil }) else { throw error }
                var failure = error
                var note = "\(written) of \(claimed.count) messages were handed to stdout in full and recorded as sent "
                    + "(a reader that stopped early may not have read the last of them); the rest will be planned "
                    + "again on the next run"
                if recorded < claimed.count { note += ", though the state database could not record every one of them" }
                failure.diagnostics.append(Diagnostic(file: "<stdout>", location: nil, message: note))
                throw failure
            }
            for case let (id?, _) in claimed { try complete(id) }
            produced += claimed.count
        case .sendmail(let command, let timeoutSeconds):
            // A message sendmail refuses (one partner's bad address) must not hold back the others:
            // each is tried, and every failure is reported at the end. After a sendmail that hung, the
            // rest wait for the next run, since each would cost the whole timeout.
            var failures: [Diagnostic] = []
            for (position, item) in planned.enumerated() {
                let bytes = try spool.bytes(of: item.bytes)
                guard let id = try claim(item, channel: .sendmail, destination: nil, bytes: bytes) else { continue }
                do {
                    try Sendmail.send(bytes, to: command, timeoutSeconds: timeoutSeconds)
                } catch {
                    try? store?.fail(id, at: clock.instant(), error: error.description)
                    failures.append(Diagnostic(file: command[0], location: nil,
                                               message: "could not send \(item.messageID): \(error.description)"))
                    let untried = planned.count - position - 1
                    if error.timedOut, untried > 0 {
                        failures.append(Diagnostic(file: command[0], location: nil, message: "\(untried) more "
                            + (untried == 1 ? "message was" : "messages were") + " not tried after it; the next run plans them again"))
                        break
                    }
                    continue
                }
                try complete(id)
                produced += 1
            }
            if !failures.isEmpty { throw InputFailure(failures) }
        case .directory(let directory):
            for item in planned {
                let bytes = try spool.bytes(of: item.bytes)
                let destination = destination(of: item, in: directory)
                guard let id = try claim(item, channel: .file, destination: destination, bytes: bytes) else { continue }
                do {
                    try OutputFile.writeAtomically(Data(bytes), to: destination)
                } catch {
                    try? store?.fail(id, at: clock.instant(), error: error.diagnostics.map(\.message).joined(separator: "; "))
                    throw error
                }
                try complete(id)
                produced += 1
            }
        }
    }

    /// Where `--out-dir` puts a message: named by its date, to the second, and its Message-ID.
    /// The path is made absolute: it is stored with the delivery, and a later run recovering that delivery
    /// may start in another folder, where a relative one would name a file that is not there.
    private func destination(of item: Outgoing, in directory: String) -> String {
        let folder = directory.hasPrefix("/") ? directory
            : (FileManager.default.currentDirectoryPath as NSString).appendingPathComponent(directory)
        return (folder as NSString).appendingPathComponent("\(item.date.compactUTC)-\(item.messageID.left).eml")
    }

    /// Records a message as pending; nil when another run already has the audience's message for the date.
    private func claim(_ item: Outgoing, channel: DeliveryChannel, destination: String?, bytes: [UInt8]) throws(InputFailure) -> Int64? {
        guard let store else { return nil }
        do {
            return try store.claim(DeliveryClaim(
                partnership: item.partnership, audience: item.audience, asOf: item.asOf,
                messageID: item.messageID.description, channel: channel, destination: destination,
                message: bytes, nextItems: item.plan.nextItems, createdAt: clock.instant()))
        } catch {
            throw InputFailure(file: statePath, "state database: \(error)")
        }
    }

    /// Writes spooled messages to stdout, one at a time: one as it is, several as an mbox (bodies are
    /// quoted-printable, so no body line starts with "From "). `written` counts the messages written in
    /// full, so that after a failed write the ones before it can still be recorded as sent.
    private func write(_ messages: [MessageSpool.Entry], written: inout Int) throws(InputFailure) {
        guard !messages.isEmpty else { return }
        let separator = messages.count > 1 ? Array("From dutycheck \(Self.asctime(clock.now))\n".utf8) : []
        for entry in messages {
            var output = separator
            output += try spool.bytes(of: entry)
            if messages.count > 1 { output.append(0x0A) }
            do {
                try FileHandle.standardOutput.write(contentsOf: Data(output))
            } catch {
                throw InputFailure(file: "<stdout>", "cannot write the message: \(InputFiles.describe(error))")
            }
            written += 1
        }
    }

    private func complete(_ id: Int64) throws(InputFailure) {
        do {
            try store?.complete(id, at: clock.instant())
        } catch {
            throw InputFailure(file: statePath, "state database: \(error)")
        }
    }

    private func key(_ finding: Finding) -> ItemKey { ItemKey(rule: finding.rule, subject: finding.subject) }

    /// `Tue Apr  2 06:00:00 2024`, the date form of an mbox `From ` line: C's own `asctime`, in UTC.
    /// A year it cannot write (past 9999) gets the ISO 8601 form instead.
    static func asctime(_ date: Date) -> String {
        var seconds = time_t(date.timeIntervalSince1970.rounded(.down))
        var parts = tm()
        var buffer = [CChar](repeating: 0, count: 64)
        guard gmtime_r(&seconds, &parts) != nil, asctime_r(&parts, &buffer) != nil else { return date.formatted(.iso8601) }
        let text = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return text.hasSuffix("\n") ? String(text.dropLast()) : text
    }
}

/// Splits a `--sendmail` command into words, as a shell would split plain words and quotes, without
/// expanding anything: the result is run directly, never through a shell.
enum CommandWords {
    struct Problem: Error {
        var reason: String
    }

    static func split(_ text: String) throws(Problem) -> [String] {
        var words: [String] = []
        var word = ""
        var inWord = false
        var quote: Character?
        var escaped = false
        for character in text {
            if escaped {
                word.append(character)
                escaped = false
                continue
            }
            if let open = quote {
                if character == open {
                    quote = nil
                } else if character == "\\" && open == "\"" {
                    escaped = true
                } else {
                    word.append(character)
                }
                continue
            }
            switch character {
            case " ", "\t":
                if inWord { words.append(word); word = ""; inWord = false }
            case "\"", "'":
                quote = character
                inWord = true
            case "\\":
                escaped = true
                inWord = true
            default:
                if character.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) {
                    throw Problem(reason: "control characters are not allowed")
                }
                word.append(character)
                inWord = true
            }
        }
        if quote != nil { throw Problem(reason: "a quote is not closed") }
        if escaped { throw Problem(reason: "it ends with a backslash") }
        if inWord { words.append(word) }
        return words
    }
}

/// Runs sendmail with an argument array (never a shell) and feeds it one message.
enum Sendmail {
    struct Failure: Error, CustomStringConvertible {
        var description: String
        /// Killed at the deadline: sendmail hung, and the next message would most likely hang too.
        var timedOut = false
    }

    /// How long sendmail may take before it is killed: 60 seconds, or `DUTYCHECK_SENDMAIL_TIMEOUT`.
    static let defaultTimeoutSeconds = 60.0

    static func timeout(environment: [String: String]) throws(InputFailure) -> Double {
        try EnvironmentSeconds.read("DUTYCHECK_SENDMAIL_TIMEOUT", default: defaultTimeoutSeconds, environment: environment)
    }

    /// Hands `message` to sendmail on its stdin: a temporary file holding the whole message, so that a
    /// run killed while sendmail reads it cannot leave sendmail a cut-off message to send (`-t -oi`
    /// sends what it has at end of input). Only where no temporary file can be made is it piped, and
    /// SIGPIPE must then be ignored (`run()` does), so a sendmail that stops reading fails the write
    /// instead of killing us.
    static func send(_ message: [UInt8], to command: [String], timeoutSeconds: Double = defaultTimeoutSeconds) throws(Failure) {
        guard let program = command.first else { throw Failure(description: "no sendmail command") }
        let deadline = DispatchTime.now() + timeoutSeconds
        let path = resolve(program)
        let file = MessageFile.holding(message)
        // Nothing goes to our stdout in --send mode: sendmail's chatter joins our stderr, made safe to
        // show there by `ProgramOutput`.
        var ends: [Int32] = [-1, -1]
        guard pipe(&ends) == 0 else { throw Failure(description: "cannot run \(program): \(ProcessGroup.SystemError(code: errno))") }
        for end in ends { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }
        let sendmail: ProcessGroup
        do {
            sendmail = try ProcessGroup(launching: path, arguments: [path] + command.dropFirst(),
                                        input: file.map { .file($0.fileDescriptor) } ?? .pipe, output: ends[1])
        } catch {
            close(ends[0])
            close(ends[1])
            throw Failure(description: "cannot run \(program): \(error)")
        }
        close(ends[1])  // the pipe ends when sendmail and all it started have closed theirs
        let output = ProgramOutput(reading: ends[0])
        // A sendmail that hangs (not reading, or never exiting) is killed at the deadline with all it
        // started: a wrapper script's children would otherwise hold its stdin open and our write blocked.
        let timer = DispatchWorkItem { sendmail.killGroup() }
        DispatchQueue.global().asyncAfter(deadline: deadline, execute: timer)
        let writeError = file == nil ? sendmail.writeInput(message, before: deadline) : nil
        if writeError?.code == ETIMEDOUT { sendmail.killGroup() }  // the deadline has passed: no need to wait for the timer
        sendmail.closeInput()
        let termination = sendmail.waitForExit()
        timer.cancel()
        // A second for the last of its output, which a child it left running may still be writing.
        let shown = output.finish(waitingUntil: .now() + 1)
        if !shown.isEmpty { FileHandle.standardError.write(Data(shown.utf8)) }
        // Killed only if the kill is what ended it: a sendmail that finished as the deadline came succeeded.
        if sendmail.wasKilled, termination == .signalled(SIGKILL) {
            throw Failure(description: "\(program) did not finish within \(timeoutSeconds == timeoutSeconds.rounded() ? String(Int(timeoutSeconds)) : String(timeoutSeconds)) seconds and was killed",
                          timedOut: true)
        }
        switch termination {
        case .signalled(let signal): throw Failure(description: "\(program) was killed by signal \(signal)")
        case .exited(let status) where status != 0: throw Failure(description: "\(program) exited with status \(status)")
        case .exited: break
        }
        if let writeError { throw Failure(description: "writing to \(program) failed: \(writeError)") }
    }

    /// Why `program` cannot be started, worded as `send` words it when the start fails; nil when exec
    /// would start it (see `ExecCheck`).
    static func launchProblem(_ program: String) -> String? {
        guard let code = ExecCheck.failure(of: resolve(program)) else { return nil }
        return "cannot run \(program): \(ProcessGroup.SystemError(code: code))"
    }

    /// A bare program name is looked up on PATH, as a shell would.
    private static func resolve(_ program: String) -> String {
        if program.contains("/") { return program }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/sbin:/usr/bin:/sbin:/bin"
        for directory in path.split(separator: ":") {
            let candidate = "\(directory)/\(program)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return program
    }
}
