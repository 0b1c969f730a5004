import Reporters
import RuleEngine
import YAMLTree

/// A hand-built report for the Safer Bromley Partnership as of 29 February 2024, shaped as the
/// engine would produce it for the Bromley example. Names and dates follow the board report of
/// that day; the findings (and the later meeting dates) are illustrative, not a statement about
/// Bromley's actual compliance.
enum BoardFixtures {
    static func date(_ year: Int, _ month: Int, _ day: Int) -> CivilDate {
        CivilDate(year: year, month: month, day: day)!
    }

    static let asOf = date(2024, 2, 29)
    static let meeting = date(2024, 2, 29)
    static let hostileName = "<script>alert(1)</script> & \"quoted\""

    // MARK: Record tree

    private static let here = SourceLocation(line: 1, column: 1)

    static func scalar(_ text: String) -> YAMLNode {
        YAMLNode(kind: .scalar(YAMLScalar(text: text, style: .plain, value: .string(text))), location: here)
    }

    static var null: YAMLNode {
        YAMLNode(kind: .scalar(YAMLScalar(text: "", style: .plain, value: .null)), location: here)
    }

    static func map(_ entries: [(String, YAMLNode)]) -> YAMLNode {
        YAMLNode(kind: .mapping(entries.map { YAMLEntry(key: scalar($0.0), value: $0.1) }), location: here)
    }

    static func list(_ items: [YAMLNode]) -> YAMLNode {
        YAMLNode(kind: .sequence(items), location: here)
    }

    static func partner(_ id: String, _ name: String, _ role: String) -> YAMLNode {
        map([("id", scalar(id)), ("name", scalar(name)), ("role", scalar(role)),
             ("responsible_authority", scalar("true"))])
    }

    static func record(partnerName lbbName: String = "London Borough of Bromley",
                       partnershipName: String = "Safer Bromley Partnership",
                       meetings: [(String, String)] = [("2023-12-06", "board"), ("2024-02-29", "board"),
                                                       ("2024-03-19", "scrutiny"), ("2024-05-23", "board")]) -> YAMLNode {
        map([
            ("dutycheck", scalar("1")),
            ("partnership", map([
                ("name", scalar(partnershipName)),
                ("area", scalar("London Borough of Bromley")),
                ("nation", scalar("england")),
                ("area_type", scalar("london_borough")),
                ("tier_one_authority", scalar("Greater London Authority")),
                ("contact", map([("name", scalar("Community Safety Team")),
                                 ("email", scalar("community.safety@example.org"))])),
            ])),
            ("partners", list([
                partner("lbb", lbbName, "local_authority"),
                partner("met-police", "Metropolitan Police Service", "police"),
                partner("lfb", "London Fire Brigade", "fire_and_rescue"),
                partner("probation", "Probation Service (London)", "probation"),
                partner("sel-icb", "NHS South East London Integrated Care Board", "health"),
            ])),
            ("plans", list([
                map([("title", scalar("Safer Bromley Partnership Strategy 2020-23 (extended)")),
                     ("period", map([("start", scalar("2020-04-01")), ("end", scalar("2024-03-31"))])),
                     ("status", scalar("published"))]),
                map([("title", scalar("Safer Bromley Partnership Strategy 2024-27")),
                     ("period", map([("start", scalar("2024-04-01")), ("end", scalar("2027-03-31"))])),
                     ("status", scalar("draft")),
                     ("consultation", map([("opened", scalar("2024-01-05")), ("closed", scalar("2024-02-12")),
                                           ("respondents", scalar("61"))])),
                     ("approvals", map([
                        ("due", scalar("2024-03-31")),
                        ("by", list([
                            map([("partner", scalar("lbb")), ("approved", null)]),
                            map([("partner", scalar("met-police")), ("approved", null)]),
                            map([("partner", scalar("lfb")), ("approved", scalar("2024-02-20"))]),
                            map([("partner", scalar("probation")), ("approved", null)]),
                            map([("partner", scalar("sel-icb")), ("approved", null)]),
                        ])),
                     ]))]),
            ])),
            ("meetings", list(meetings.map { map([("date", scalar($0.0)), ("body", scalar($0.1))]) })),
        ])
    }

    // MARK: Citations and findings

    static let cda6 = Citation(id: "cda-1998-s6", title: "Crime and Disorder Act 1998, section 6",
                               url: "https://www.legislation.gov.uk/ukpga/1998/37/section/6", kind: .statute)
    static let si2007 = Citation(id: "si-2007-1830",
                                 title: "Crime and Disorder (Formulation and Implementation of Strategy) Regulations 2007",
                                 url: "https://www.legislation.gov.uk/uksi/2007/1830", kind: .regulation)
    static let cda17A = Citation(id: "cda-1998-s17a", title: "Crime and Disorder Act 1998, section 17A",
                                 url: "https://www.legislation.gov.uk/ukpga/1998/37/section/17A", kind: .statute)
    static let pja19 = Citation(id: "pja-2006-s19", title: "Police and Justice Act 2006, section 19",
                                url: "https://www.legislation.gov.uk/ukpga/2006/48/section/19", kind: .statute)
    static let pcsca8 = Citation(id: "pcsca-2022-s8", title: "Police, Crime, Sentencing and Courts Act 2022, section 8",
                                 url: "https://www.legislation.gov.uk/ukpga/2022/32/section/8", kind: .statute)
    static let daa57 = Citation(id: "daa-2021-s57", title: "Domestic Abuse Act 2021, section 57",
                                url: "https://www.legislation.gov.uk/ukpga/2021/17/section/57", kind: .statute)

    static func finding(_ rule: String, _ title: String, duty: String, status: Status, severity: Severity = .error,
                        level: Severity? = nil, confidence: Confidence = .confirmed, subject: String? = nil,
                        due: CivilDate? = nil, done: CivilDate? = nil, days: Int? = nil, owners: [String],
                        message: String, remedy: String?, basis: [Citation],
                        warn: CalendarDuration? = CalendarDuration(days: 30),
                        evidence: [String] = ["plans"], isRecurring: Bool = false) -> Finding {
        var finding = Finding(rule: rule, pack: "csp-england", title: title, duty: duty, status: status, severity: severity,
                              level: level, confidence: confidence, subject: subject, due: due, done: done, days: days,
                              owners: owners, message: message, remedy: remedy, basis: basis,
                              evidence: evidence.map { Evidence(path: $0, file: "Examples/bromley/record.yaml", line: 1, column: 1) },
                              warn: warn)
        finding.isRecurring = isRecurring
        return finding
    }

    /// The partners' names by id, as the fixture record gives them.
    static let partnerNames = ["lbb": "London Borough of Bromley", "met-police": "Metropolitan Police Service", "lfb": "London Fire Brigade",
                               "probation": "Probation Service (London)", "sel-icb": "NHS South East London Integrated Care Board"]

    /// A finding of the shipped `partner-approval` rule, which section 5 shows, for the partner at
    /// `index` in the 2024-27 plan's approval list, labelled with the partner's name as that rule labels it.
    static func approval(_ partner: String, index: Int, status: Status, done: CivilDate? = nil) -> Finding {
        // Worded as the shipped rule is: local practice, not a statutory duty, so unconfirmed.
        var made = finding("partner-approval", "Each responsible authority has confirmed its acceptance of the plan",
                duty: "Local practice, not a statutory requirement (unconfirmed): the partnership asked each responsible authority to confirm that it accepts the partnership plan, by the deadline the partnership set.",
                status: status, level: status == .dueSoon ? .warning : nil, confidence: .unconfirmed, subject: partner,
                due: date(2024, 3, 31), done: done, days: status == .dueSoon ? 31 : nil, owners: [partner],
                message: status == .met ? "Approved on 20 February 2024." : "Approval is due by 31 March 2024 and not yet recorded.",
                remedy: "Take the strategy through the organisation's approval process and tell the Co-Chair Panel by 31 March 2024.",
                basis: [cda6, si2007],
                evidence: ["plans[1]", "plans[1].approvals.due", "plans[1].approvals.by[\(index)].approved"])
        made.label = partnerNames[partner]
        return made
    }

    static var findings: [Finding] {
        [
            finding("plan-in-force", "A partnership plan is in force",
                    duty: "The responsible authorities must have a strategy (partnership plan) in force for the area.",
                    status: .dueSoon, level: .warning, due: date(2024, 3, 31), days: 31, owners: ["board"],
                    message: "The current plan ends on 31 March 2024 and no agreed plan follows it.",
                    remedy: "Agree the 2024-27 strategy, with partners' approvals, before 31 March 2024.",
                    basis: [cda6, si2007], warn: CalendarDuration(days: 90)),
            approval("lbb", index: 0, status: .dueSoon),
            approval("met-police", index: 1, status: .dueSoon),
            approval("lfb", index: 2, status: .met, done: date(2024, 2, 20)),
            approval("probation", index: 3, status: .dueSoon),
            approval("sel-icb", index: 4, status: .dueSoon),
            finding("strategic-assessment-annual", "A strategic assessment is prepared every year",
                    duty: "The strategy group must prepare a strategic assessment in each year.",
                    status: .met, due: date(2024, 8, 24), done: date(2023, 8, 24), owners: ["board"],
                    message: "The last strategic assessment was completed on 24 August 2023; the next is due by 24 August 2024.",
                    remedy: "Complete the 2024 strategic assessment by 24 August 2024.", basis: [si2007],
                    warn: CalendarDuration(months: 2), isRecurring: true),
            finding("community-consulted", "Communities are consulted on priorities",
                    duty: "The strategy group must obtain the views of people in the area on the priorities.",
                    status: .met, severity: .warning, done: date(2024, 2, 12), owners: ["lbb"],
                    message: "Consultation ran from 5 January to 12 February 2024 (61 respondents).",
                    remedy: nil, basis: [si2007]),
            finding("scrutiny-annual", "The crime and disorder committee reviews the partnership each year",
                    duty: "The council's crime and disorder committee must review or scrutinise the responsible authorities' decisions at least once a year.",
                    status: .missing, level: .error, owners: ["lbb"],
                    message: "No crime and disorder committee review is recorded (scrutiny_reviews is empty).",
                    remedy: "Record the date of the committee's last review of the partnership, with a link to its minutes.",
                    basis: [pja19]),
            finding("data-shared-quarterly", "Depersonalised information is shared every quarter",
                    duty: "Relevant authorities must share prescribed depersonalised information with each other every quarter.",
                    status: .overdue, severity: .warning, level: .warning, due: date(2024, 1, 31), days: 29,
                    owners: ["lbb", "met-police", "lfb", "probation", "sel-icb"],
                    message: "Information for the quarter to 31 December 2023 was due by 31 January 2024.",
                    remedy: "Share the quarter's depersonalised data and record the date.", basis: [cda17A]),
            finding("sv-strategy-published", "A serious violence strategy is prepared and published",
                    duty: "The specified authorities must prepare and publish a strategy to prevent and reduce serious violence.",
                    status: .waived, level: nil, confidence: .unconfirmed, due: date(2024, 1, 31), owners: ["board"],
                    message: "Waived until 30 June 2024: the strategy is being folded into the partnership strategy.",
                    remedy: "Publish the serious violence strategy, or the partnership strategy that includes it.",
                    basis: [pcsca8]),
            finding("strategy-published", "The agreed strategy is published",
                    duty: "The partnership must publish a summary of its partnership plan.",
                    status: .met, severity: .warning, due: date(2024, 4, 30), owners: ["board"],
                    message: "The 2024-27 strategy must be published by 30 April 2024.",
                    remedy: "Publish the agreed strategy on the council's website.", basis: [si2007]),
            finding("da-safe-accommodation-strategy", "A safe accommodation strategy is published (tier one)",
                    duty: "A tier one authority must assess need for and publish a strategy for safe accommodation support.",
                    status: .notApplicable, level: nil, owners: [],
                    message: "Bromley is a tier two authority; the Greater London Authority holds this duty.",
                    remedy: nil, basis: [daa57]),
        ]
    }

    static var waivers: [WaiverOutcome] {
        [
            WaiverOutcome(rule: "sv-strategy-published", subject: nil,
                          reason: "The serious violence strategy is part of the 2024-27 partnership strategy; no separate strategy will be written.",
                          approvedBy: "SBP Co-Chair Panel", reference: "SBP board, 29 February 2024, item 10",
                          until: date(2024, 6, 30), state: .active, location: SourceLocation(line: 90, column: 5)),
            WaiverOutcome(rule: "data-shared-quarterly", subject: nil,
                          reason: "Data warehouse migration; sharing resumes in January.",
                          approvedBy: "Head of Community Safety", reference: nil,
                          until: date(2024, 1, 15), state: .expired, location: SourceLocation(line: 96, column: 5)),
        ]
    }

    static let pack = PackInfo(id: "csp-england", title: "Community Safety Partnerships in England", version: "2026.11",
                               sha256: "6d1f0c3b9a4e27f5c8b1d2e3f4a5b6c7d8e9f0a1b2c3d4e5f60718293a4b5c6d")

    static func report(partnerName: String = "London Borough of Bromley",
                       partnershipName: String = "Safer Bromley Partnership",
                       findings: [Finding] = findings,
                       meetings: [(String, String)]? = nil) -> Report {
        let node = meetings.map { record(partnerName: partnerName, partnershipName: partnershipName, meetings: $0) }
            ?? record(partnerName: partnerName, partnershipName: partnershipName)
        // The partner-approval rule labels the council's finding with the name the record gives it.
        var findings = findings
        for index in findings.indices where findings[index].rule == "partner-approval" && findings[index].subject == "lbb" {
            findings[index].label = partnerName
        }
        let result = RecordResult(file: "Examples/bromley/record.yaml",
                                  sha256: "0b7e5a2c4d6f8091a3b5c7d9e1f20344a5b6c7d8e9fa0b1c2d3e4f5a6b7c8d9e",
                                  name: partnershipName, findings: findings, waivers: waivers, record: node)
        return Report(toolVersion: "0.1.0", asOf: asOf, packs: [pack], records: [result])
    }

    /// The previous report (as at the 6 December 2023 meeting) the changes section compares with.
    static var changes: ChangesSinceLastReport {
        let previous = [
            FindingSnapshot(rule: "plan-in-force", subject: nil, title: "A partnership plan is in force", status: .met, due: date(2024, 3, 31)),
            FindingSnapshot(rule: "scrutiny-annual", subject: nil, title: "The crime and disorder committee reviews the partnership each year", status: .missing, due: nil),
            FindingSnapshot(rule: "data-shared-quarterly", subject: nil, title: "Depersonalised information is shared every quarter", status: .waived, due: date(2024, 1, 31)),
            FindingSnapshot(rule: "community-consulted", subject: nil, title: "Communities are consulted on priorities", status: .dueSoon, due: date(2024, 2, 12)),
            FindingSnapshot(rule: "annual-report-to-pcc", subject: nil, title: "An annual report goes to the police and crime commissioner", status: .overdue, due: date(2023, 11, 30)),
        ]
        return ChangesSinceLastReport(previousAsOf: date(2023, 12, 6), previous: previous, current: findings)
    }

    static func options(changes: ChangesSinceLastReport? = BoardFixtures.changes) -> BoardReportOptions {
        BoardReportOptions(meeting: meeting, changes: changes)
    }
}
