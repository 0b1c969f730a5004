import Foundation
import Reporters
import RuleEngine
import Testing
import YAMLTree

/// A record with every notification feature, and findings to go with it.
enum EmailFixtures {
    static let recordText = """
        dutycheck: 1
        partnership:
          name: Safer Bromley – East
          contact: {name: Community Safety Team, email: community.safety@example.org}
        partners:
          - id: lbb
            name: London Borough of Bromley
            role: local_authority
            contact: {email: csp.lbb@example.org}
          - id: met-police
            name: Metropolitan Police
            role: police
            contact: {name: Bromley BCU, email: bromley.bcu@police.example}
          - id: lfb
            name: London Fire Brigade
            role: fire_and_rescue
        notifications:
          from: {name: Safer Bromley Partnership, email: csp-alerts@example.org}
          to: [community.safety@example.org]
          cc: chair@example.org
          subject_prefix: "[SBP]"
          reminder_interval: 2 weeks

        """

    static func record(_ text: String = recordText) throws -> YAMLNode {
        try YAMLLoader.load(text: text, file: "east.yaml")
    }

    static func settings() throws -> NotificationSettings {
        try NotificationSettings.load(record: try record(), file: "east.yaml")
    }

    static func date(_ year: Int, _ month: Int, _ day: Int) -> CivilDate {
        CivilDate(year: year, month: month, day: day)!
    }

    static let asOf = date(2024, 4, 2)

    static let cda = Citation(id: "cda-1998-s6", title: "Crime and Disorder Act 1998, section 6",
                              url: "https://www.legislation.gov.uk/ukpga/1998/37/section/6", kind: .statute)

    static func finding(_ rule: String, _ status: Status, due: CivilDate? = nil, days: Int? = nil,
                        owners: [String] = ["board"], subject: String? = nil, title: String? = nil,
                        message: String = "The record says nothing yet.", remedy: String? = "Do the thing.") -> Finding {
        Finding(rule: rule, pack: "csp-england", title: title ?? "Rule \(rule)", duty: "The partnership must \(rule).",
                status: status, severity: .error, level: status == .dueSoon ? .warning : .error, confidence: .confirmed,
                subject: subject, due: due, done: nil, days: days, owners: owners, message: message, remedy: remedy,
                basis: [cda], evidence: [])
    }

    /// Two overdue (one per partner), one missing, one due soon, one met.
    static func findings() -> [Finding] {
        [
            finding("approve-strategy", .overdue, due: date(2024, 3, 31), days: 2, owners: ["met-police"],
                    subject: "met-police", title: "Partner approval of the strategy"),
            finding("strategic-assessment", .overdue, due: date(2024, 3, 1), days: 32, owners: ["local_authority"],
                    title: "Annual strategic assessment"),
            finding("publish-plan", .dueSoon, due: date(2024, 4, 16), days: 14, owners: ["board"], title: "Publish the plan"),
            finding("da-board", .missing, owners: ["lfb"], title: "Domestic abuse board membership"),
            finding("meetings", .met, owners: ["board"], title: "Board meetings"),
        ]
    }
}

@Suite("Email: notification settings")
struct EmailSettingsTests {
    @Test func readsTheSection() throws {
        let settings = try EmailFixtures.settings()
        #expect(settings.partnershipName == "Safer Bromley – East")
        #expect(settings.from == Mailbox(displayName: "Safer Bromley Partnership", address: EmailAddress("csp-alerts@example.org")!))
        #expect(settings.to.map(\.address.addrSpec) == ["community.safety@example.org"])
        #expect(settings.cc.map(\.address.addrSpec) == ["chair@example.org"])
        #expect(settings.replyTo == [Mailbox(displayName: "Community Safety Team", address: EmailAddress("community.safety@example.org")!)])
        #expect(settings.subjectPrefix == "[SBP]")
        #expect(settings.reminderDays == 14)
        #expect(settings.partners.map(\.id) == ["lbb", "met-police", "lfb"])
        #expect(settings.partner(id: "lfb")?.contact == nil)
        #expect(settings.ownerName("met-police") == "Metropolitan Police")
        #expect(settings.ownerName("board") == "The board")  // as the board report names it
        #expect(settings.ownerName("police") == "Metropolitan Police")
        #expect(settings.ownerName("fire_service") == "fire service")
    }

    @Test func defaults() throws {
        let text = """
            partnership: {name: P}
            notifications: {from: a@example.org, to: b@example.org}
            """
        let settings = try NotificationSettings.load(record: try EmailFixtures.record(text), file: "p.yaml")
        #expect(settings.subjectPrefix == "[dutycheck]")
        #expect(settings.reminderDays == 7)
        #expect(settings.replyTo.isEmpty)
        #expect(settings.to == [Mailbox(address: EmailAddress("b@example.org")!)])
    }

    /// Each bad input (after a first line naming the partnership), and the line and column its diagnostic must point at.
    @Test(arguments: [
        ("notifications:\n  from: a@example.org\n  to: [ok@example.org, \"not an address\"]\n", 4, 24, "not a valid email address"),
        ("notifications:\n  from: a@example.org\n  to: \"x@example.org\\r\\nBcc: y@example.org\"\n", 4, 7, "white space or a control"),
        ("notifications:\n  from: {name: A, email: a@@example.org}\n  to: b@example.org\n", 3, 26, "exactly one @"),
        ("notifications:\n  from: a@example.org\n  to: b@example.org\n  reply-to: c@example.org\n", 5, 3, "did you mean 'reply_to'"),
        ("notifications:\n  from: a@example.org\n  to: b@example.org\n  reminder_interval: 1 month\n", 5, 22, "days or weeks"),
        ("notifications:\n  from: a@example.org\n  to: b@example.org\n  reminder_interval: soon\n", 5, 22, "number of days"),
        ("notifications:\n  from: a@example.org\n  to: b@example.org\n  reminder_interval: 1317624576693539402 weeks\n", 5, 22,
         "notifications.reminder_interval is too long: no two dates DutyCheck counts (years 1 to 9999) are that far apart"),
        // Past the calendar's span, in days or as a bare number; a long span in years is in the wrong unit first.
        ("notifications:\n  from: a@example.org\n  to: b@example.org\n  reminder_interval: 4000000 days\n", 5, 22,
         "notifications.reminder_interval is too long: no two dates"),
        ("notifications:\n  from: a@example.org\n  to: b@example.org\n  reminder_interval: 4000000\n", 5, 22,
         "notifications.reminder_interval is too long: no two dates"),
        ("notifications:\n  from: a@example.org\n  to: b@example.org\n  reminder_interval: 10000 years\n", 5, 22, "days or weeks, not months or years"),
        ("notifications:\n  from: a@example.org\n  to: []\n", 4, 7, "at least one address"),
        ("notifications:\n  to: b@example.org\n", 3, 3, "notifications.from is required"),
        ("notifications: yes\n", 2, 16, "must be a mapping"),
        ("other: 1\n", 1, 1, "needs a notifications section"),
        ("partners:\n  - id: x\n    contact: {email: \"x@localhost\"}\nnotifications: {from: a@example.org, to: b@example.org}\n", 4, 22, "at least one dot"),
    ] as [(String, Int, Int, String)])
    func badInputIsAPositionedError(_ tail: String, _ line: Int, _ column: Int, _ words: String) throws {
        let text = "partnership: {name: P}\n" + tail
        let record = try EmailFixtures.record(text)
        do {
            _ = try NotificationSettings.load(record: record, file: "p.yaml")
            Issue.record("expected an error for \(tail)")
        } catch {
            #expect(error.file == "p.yaml")
            #expect(error.location == YAMLTree.SourceLocation(line: line, column: column), "\(error)")
            #expect(error.message.contains(words), "\(error.message)")
        }
    }

    /// An address written as a mail client shows it, with a display name (or in angle brackets), is
    /// told what to write instead of being told it holds a space.
    @Test(arguments: [
        ("\"Community Safety <cs@example.org>\"", "notifications.to[0]: 'Community Safety <cs@example.org>' is not a valid email address: "
            + "a display name is not taken here; write only the address, cs@example.org"),
        ("\"<cs@example.org>\"", "notifications.to[0]: '<cs@example.org>' is not a valid email address: "
            + "write the address without the angle brackets, cs@example.org"),
        ("\"Community Safety <cs at example.org>\"", "notifications.to[0]: 'Community Safety <cs at example.org>' is not a valid email address: "
            + "a display name is not taken here; write only the address"),
    ] as [(String, String)])
    func anAddressWithADisplayNameIsExplained(_ written: String, _ message: String) throws {
        let record = try EmailFixtures.record("partnership: {name: P}\nnotifications:\n  from: a@example.org\n  to: [\(written)]\n")
        do {
            _ = try NotificationSettings.load(record: record, file: "p.yaml")
            Issue.record("expected an error for \(written)")
        } catch {
            #expect(error.location == YAMLTree.SourceLocation(line: 4, column: 8), "\(error)")
            #expect(error.message == message)
        }
    }

    @Test func partnershipNameIsRequired() throws {
        let record = try EmailFixtures.record("notifications: {from: a@example.org, to: b@example.org}\n")
        #expect(throws: Diagnostic.self) { try NotificationSettings.load(record: record, file: "p.yaml") }
    }
}

@Suite("Email: routing and content")
struct EmailContentTests {
    @Test func digestHoldsEveryNotifiableFinding() throws {
        let routes = NotificationRouting.audiences(for: EmailFixtures.findings(), settings: try EmailFixtures.settings(), perOwner: false)
        #expect(routes.count == 1)
        #expect(routes[0].audience.key == "digest")
        #expect(routes[0].findings.map(\.rule) == ["approve-strategy", "strategic-assessment", "publish-plan", "da-board"])
    }

    @Test func perOwnerRoutesByIdThenRoleThenToThePartnership() throws {
        let routes = NotificationRouting.audiences(for: EmailFixtures.findings(), settings: try EmailFixtures.settings(), perOwner: true)
        #expect(routes.map(\.audience.key) == ["owner:lbb", "owner:met-police", "partnership"])
        #expect(routes[0].findings.map(\.rule) == ["strategic-assessment"])  // role local_authority
        #expect(routes[0].audience.to.map(\.address.addrSpec) == ["csp.lbb@example.org"])
        #expect(routes[1].findings.map(\.rule) == ["approve-strategy"])
        #expect(routes[1].audience.label == "Metropolitan Police")
        #expect(routes[2].findings.map(\.rule) == ["publish-plan", "da-board"])  // board; lfb has no contact
        #expect(routes[2].audience.to.map(\.address.addrSpec) == ["community.safety@example.org"])
    }

    /// A duty shared by a partner with an address and one without (by id or through a role) goes to
    /// the partner that can be written to and to the list, for the one that cannot; it reached only
    /// the first, so the partner without an address was never told.
    @Test func aSharedDutyReachesTheListForAnOwnerWithNoContact() throws {
        let findings = [
            EmailFixtures.finding("data-sharing", .overdue, owners: ["lbb", "met-police", "lfb"]),
            EmailFixtures.finding("tasking", .overdue, owners: ["police", "fire_and_rescue"]),
            EmailFixtures.finding("council-only", .overdue, owners: ["lbb"]),
            EmailFixtures.finding("probation-role", .missing, owners: ["probation"]),
        ]
        let routes = NotificationRouting.audiences(for: findings, settings: try EmailFixtures.settings(), perOwner: true)
        #expect(routes.map(\.audience.key) == ["owner:lbb", "owner:met-police", "partnership"])
        #expect(routes[0].findings.map(\.rule) == ["data-sharing", "council-only"])
        #expect(routes[1].findings.map(\.rule) == ["data-sharing", "tasking"])
        // lfb (no contact) shares the first two; no partner holds the role probation.
        #expect(routes[2].findings.map(\.rule) == ["data-sharing", "tasking", "probation-role"])
    }

    static func entries() -> [NotificationEntry] {
        let findings = EmailFixtures.findings()
        return [
            NotificationEntry(finding: findings[2], change: .new),
            NotificationEntry(finding: findings[3], change: .reminder(lastNotified: EmailFixtures.date(2024, 3, 19))),
            NotificationEntry(finding: findings[0], change: .statusChanged(from: .dueSoon)),
            NotificationEntry(finding: findings[1], change: .unchanged(lastNotified: EmailFixtures.date(2024, 3, 26))),
        ]
    }

    @Test func subjectCountsWhatNeedsAction() throws {
        let settings = try EmailFixtures.settings()
        let digest = NotificationAudience(key: "digest", label: nil, to: settings.to, cc: [])
        #expect(NotificationEmail.subject(settings: settings, audience: digest, entries: Self.entries(), resolved: [])
            == "[SBP] Safer Bromley – East: 2 overdue, 1 missing, 1 due within 14 days")
        let resolved = [ResolvedEntry(title: "Board meetings", subject: nil, previousStatus: .overdue, currentStatus: .met)]
        #expect(NotificationEmail.subject(settings: settings, audience: digest, entries: [], resolved: resolved)
            == "[SBP] Safer Bromley – East: 1 resolved, nothing outstanding")
        let police = NotificationAudience(key: "owner:met-police", label: "Metropolitan Police", to: settings.to, cc: [])
        #expect(NotificationEmail.subject(settings: settings, audience: police, entries: [Self.entries()[2]], resolved: [])
            == "[SBP] Safer Bromley – East, Metropolitan Police: 1 overdue")
    }

    /// An item now sent to other audiences is counted as such, not as resolved.
    @Test func anItemHandedOverIsCountedAsSentToOthers() throws {
        let settings = try EmailFixtures.settings()
        let digest = NotificationAudience(key: "partnership", label: nil, to: settings.to, cc: [])
        let handed = ResolvedEntry(title: "Data sharing", subject: nil, previousStatus: .overdue, currentStatus: .overdue,
                                   nowSentTo: ["Metropolitan Police"])
        #expect(handed.kind == .handedOver(["Metropolitan Police"]))
        #expect(NotificationEmail.subject(settings: settings, audience: digest, entries: [], resolved: [handed])
            == "[SBP] Safer Bromley – East: 1 now sent to others, nothing outstanding")
    }

    /// Only what was met, done late or waived is resolved. An item met only because its due date, now
    /// further off, has not come (a deadline moved) and one its rule stopped reporting (a year that has
    /// begun) are each named as such, not counted as resolved.
    @Test func onlyWhatWasDoneOrWaivedIsResolved() throws {
        let settings = try EmailFixtures.settings()
        let digest = NotificationAudience(key: "digest", label: nil, to: settings.to, cc: [])
        let resolved = [
            ResolvedEntry(title: "Board meetings", subject: nil, previousStatus: .overdue, currentStatus: .met),
            ResolvedEntry(title: "Acceptance of the plan", subject: "London Borough of Bromley", previousStatus: .dueSoon,
                          currentStatus: .met, previousDue: CivilDate(iso: "2024-03-20"), notYetDueBy: CivilDate(iso: "2024-06-30")),
            ResolvedEntry(title: "Plan revised for the coming year", subject: "1 April 2024", previousStatus: .dueSoon,
                          currentStatus: .notApplicable, previousDue: CivilDate(iso: "2024-03-31")),
            ResolvedEntry(title: "A partner's approval", subject: "old-partner", previousStatus: .missing, currentStatus: nil),
        ]
        #expect(resolved.map(\.kind) == [.resolved, .dueLater(CivilDate(iso: "2024-06-30")!), .noLongerReported, .noLongerReported])
        #expect(NotificationEmail.subject(settings: settings, audience: digest, entries: [], resolved: resolved)
            == "[SBP] Safer Bromley – East: 1 resolved, 1 not due yet, 2 no longer reported, nothing outstanding")
        let text = NotificationEmail.content(settings: settings, audience: digest, asOf: EmailFixtures.asOf, entries: [],
                                             resolved: resolved, recordFile: "east.yaml", toolVersion: "0.1.0").text
        let joined = text.replacingOccurrences(of: "\n", with: " ")
        #expect(joined.contains("Resolved since the last message: Board meetings [was overdue, now met]."))
        #expect(joined.contains("No longer listed because not due yet: Acceptance of the plan "
            + "(London Borough of Bromley) [was due soon, due 20 March 2024; now due 30 June 2024]."))
        // Due on 31 March, two days before the message: the one to check.
        #expect(joined.contains("No longer reported, but not shown as met (the rule no longer applies to the record, or the "
            + "item has left it): Plan revised for the coming year (1 April 2024) [was due soon, due 31 March 2024; that date "
            + "has passed: check it was done]; A partner's approval (old-partner) [was missing]."))
    }

    /// Without `subject_prefix`, the default prefix comes before the name.
    @Test func theDefaultPrefixComesBeforeThePartnership() throws {
        var settings = try EmailFixtures.settings()
        settings.subjectPrefix = NotificationSettings.defaultSubjectPrefix
        settings.partnershipName = "Safer Croydon Partnership"
        let digest = NotificationAudience(key: "digest", label: nil, to: settings.to, cc: [])
        #expect(NotificationEmail.subject(settings: settings, audience: digest, entries: [Self.entries()[2]], resolved: [])
            == "[dutycheck] Safer Croydon Partnership: 1 overdue")
    }

    /// Each name is cut to 60 characters with "…".
    @Test func longNamesAreCut() throws {
        var settings = try EmailFixtures.settings()
        settings.partnershipName = "Community Safety Partnership of the Royal Borough of Kensington and Chelsea"
        let owner = NotificationAudience(key: "owner:icb", label: String(repeating: "Integrated Care Board ", count: 9),
                                         to: settings.to, cc: [])
        #expect(NotificationEmail.subject(settings: settings, audience: owner, entries: [Self.entries()[2]], resolved: [])
            == "[SBP] Community Safety Partnership of the Royal Borough of Kensin…,"
            + " Integrated Care Board Integrated Care Board Integrated Care…: 1 overdue")
    }

    /// Where a subject would run past what `MIMEMessage` keeps of it, the names are cut further so
    /// that the counts are whole.
    @Test func theCountsAreKeptAfterTheLongestPrefix() throws {
        var settings = try EmailFixtures.settings()
        settings.subjectPrefix = String(repeating: "P", count: 40)
        settings.partnershipName = "Community Safety Partnership of the Royal Borough of Kensington and Chelsea"
        let owner = NotificationAudience(key: "owner:icb", label: String(repeating: "Integrated Care Board ", count: 9),
                                         to: settings.to, cc: [])
        let subject = NotificationEmail.subject(settings: settings, audience: owner, entries: Self.entries(), resolved: [
            ResolvedEntry(title: "Board meetings", subject: nil, previousStatus: .overdue, currentStatus: .met),
        ])
        #expect(subject == String(repeating: "P", count: 40)
            + " Community Safety Partnership of the Royal Borough…, Integrated Care Board Integrated Care Board Integ…:"
            + " 2 overdue, 1 missing, 1 due within 14 days, 1 resolved")
        #expect(subject.count <= MIMEMessage.maxSubjectLength)
        #expect(MIMEText.headerLine(subject, maxLength: MIMEMessage.maxSubjectLength) == subject)
    }

    /// A prefix longer than the record's reader allows, set in code, pushed the counts off the end
    /// of the subject: it is cut to the same 40 characters.
    @Test func aLongPrefixSetInCodeIsCutToo() throws {
        var settings = try EmailFixtures.settings()
        settings.subjectPrefix = String(repeating: "P", count: 150)
        #expect(settings.subjectPrefix == String(repeating: "P", count: 39) + "…")
        let digest = NotificationAudience(key: "digest", label: nil, to: settings.to, cc: [])
        let subject = NotificationEmail.subject(settings: settings, audience: digest, entries: Self.entries(), resolved: [])
        #expect(subject.hasSuffix(": 2 overdue, 1 missing, 1 due within 14 days"), "\(subject)")
        #expect(subject.count <= MIMEMessage.maxSubjectLength)
    }

    @Test func bodyListsOverdueFirstWithWhatWhyWhoWhenAndToDo() throws {
        let settings = try EmailFixtures.settings()
        let resolved = [ResolvedEntry(title: "Board meetings", subject: nil, previousStatus: .overdue, currentStatus: .met)]
        let content = NotificationEmail.content(
            settings: settings, audience: NotificationAudience(key: "digest", label: nil, to: settings.to, cc: []),
            asOf: EmailFixtures.asOf, entries: Self.entries(), resolved: resolved, recordFile: "east.yaml", toolVersion: "0.1.0")
        let text = content.text
        let order = ["OVERDUE (2)", "Annual strategic assessment", "Partner approval of the strategy", "MISSING (1)",
                     "DUE SOON (1)", "Publish the plan"].map { text.range(of: $0)?.lowerBound }
        #expect(!order.contains(nil))
        #expect(order.compactMap { $0 } == order.compactMap { $0 }.sorted())
        #expect(text.hasPrefix("Safer Bromley – East: statutory duties as of 2 April 2024\n"))
        #expect(text.contains("Resolved since the last message: Board meetings [was overdue, now met]."))
        #expect(text.contains("Since the last message: 1 new, 1 changed, 1 still missing, 1 unchanged.\n"))
        #expect(text.contains("   What:    The record says nothing yet."))
        #expect(text.contains("   Why:     The partnership must approve-strategy. (Crime and Disorder Act\n"))
        #expect(text.contains("https://www.legislation.gov.uk/ukpga/1998/37/section/6"))
        #expect(text.contains("   Who:     Metropolitan Police\n"))
        #expect(text.contains("   By when: 31 March 2024, 2 days ago: act now\n"))
        #expect(text.contains("   By when: 16 April 2024 (in 14 days)\n"))
        #expect(text.contains("   By when: Now: the record does not show it met\n"))
        #expect(text.contains("   To do:   Do the thing.\n"))
        #expect(text.contains("Status:  OVERDUE. Changed: now overdue, was due soon."))
        #expect(text.contains("Status:  MISSING. Reminder: still missing; last mentioned 19 March 2024."))
        #expect(text.contains("Status:  DUE SOON. New since the last message."))
        #expect(text.contains("and a reminder every\n14 days while one stays overdue or missing."))
        for line in text.split(separator: "\n") where !line.contains("https://") {
            #expect(line.count <= 76, "\(line)")
        }
        #expect(content.html.contains("<a href=\"https://www.legislation.gov.uk/ukpga/1998/37/section/6\""))
        #expect(content.html.contains("<html lang=\"en-GB\">"))
        #expect(content.html.contains(">OVERDUE</span>"))
    }

    /// A partner mailed about a rule whose reading of the law is not yet verified is told so, in both
    /// parts, beside the duty; a confirmed rule carries no such note.
    @Test func anUnconfirmedRuleIsMarkedAsSuch() throws {
        let settings = try EmailFixtures.settings()
        var unconfirmed = EmailFixtures.finding("approve-strategy", .overdue, due: EmailFixtures.date(2024, 3, 31), days: 2)
        unconfirmed.confidence = .unconfirmed
        let confirmed = EmailFixtures.finding("strategic-assessment", .overdue, due: EmailFixtures.date(2024, 3, 1), days: 32)
        let content = NotificationEmail.content(
            settings: settings, audience: NotificationAudience(key: "digest", label: nil, to: settings.to, cc: []),
            asOf: EmailFixtures.asOf, entries: [NotificationEntry(finding: unconfirmed, change: .new),
                                                NotificationEntry(finding: confirmed, change: .new)],
            resolved: [], recordFile: "east.yaml", toolVersion: "0.1.0")
        #expect(content.text.components(separatedBy: "   Note:    Unconfirmed rule: it rests on a reading of the law not yet").count == 2)
        let noteAt = try #require(content.text.range(of: "   Note:"))
        #expect(content.text[..<noteAt.lowerBound].contains("Rule approve-strategy"))
        #expect(!content.text[noteAt.upperBound...].contains("Rule approve-strategy"))
        #expect(content.html.components(separatedBy: ">Note</th>").count == 2)
        #expect(content.html.contains("Unconfirmed rule: it rests on a reading of the law not yet verified, or on practice rather than the law (its duty says which), so it is reported as a warning at most."))
    }

    @Test func recordTextIsEscapedAndFlattened() throws {
        var settings = try EmailFixtures.settings()
        settings.partnershipName = "<script>alert(1)</script> & \"Co\"\r\nBcc: x@example.org"
        var finding = EmailFixtures.finding("x", .overdue, due: EmailFixtures.asOf, days: 0,
                                            message: "<img src=x onerror=alert(1)>\u{2028}line")
        finding.basis = [Citation(id: "evil", title: "Evil", url: "javascript:alert(1)", kind: .guidance)]
        let content = NotificationEmail.content(
            settings: settings, audience: NotificationAudience(key: "digest", label: nil, to: settings.to, cc: []),
            asOf: EmailFixtures.asOf, entries: [NotificationEntry(finding: finding, change: .new)], resolved: [],
            recordFile: "east.yaml", toolVersion: "0.1.0")
        #expect(!content.html.contains("<script>"))
        #expect(!content.html.contains("<img"))
        #expect(!content.html.contains("javascript:"))
        #expect(content.html.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Co&quot; Bcc: x@example.org"))
        #expect(content.text.contains("<img src=x onerror=alert(1)> line"))
        #expect(!content.text.unicodeScalars.contains { $0.value == 0x2028 || $0 == "\r" })
    }

    @Test func threadIsStableAndMessageIDsDiffer() throws {
        let settings = try EmailFixtures.settings()
        let thread = NotificationEmail.threadID(settings: settings)
        #expect(thread.description.hasPrefix("<dutycheck.thread."))
        #expect(thread.description.count == "<dutycheck.thread.0123456789abcdef@example.org>".count)
        #expect(thread.description.hasSuffix("@example.org>"))
        #expect(NotificationEmail.threadID(settings: settings) == thread)
        let first = NotificationEmail.messageID(settings: settings, asOf: EmailFixtures.asOf, token: "aa11")
        let second = NotificationEmail.messageID(settings: settings, asOf: EmailFixtures.asOf, token: "bb22")
        #expect(first.description == "<dutycheck.20240402.aa11@example.org>")
        #expect(first != second)
        #expect(NotificationEmail.messageID(settings: settings, asOf: EmailFixtures.asOf, token: String(repeating: "ab", count: 30)).left.count == 39)
        var renamed = settings
        renamed.partnershipName += " "
        #expect(NotificationEmail.threadID(settings: renamed) != thread)
    }
}
