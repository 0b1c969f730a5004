import RuleEngine
import YAMLTree

/// A hand-made ``Report`` for the `check` reporters: every status, a subject, null fields, an
/// unconfirmed rule, waivers in all three states, a record without a name and without any finding that
/// needs action, and hostile text (quotes, `<`, `&`, a newline, an escape sequence and a NUL, an en dash
/// and curly quotes).
enum CheckFixture {
    static func day(_ year: Int, _ month: Int, _ day: Int) -> CivilDate {
        guard let date = CivilDate(year: year, month: month, day: day) else {
            preconditionFailure("not a date: \(year)-\(month)-\(day)")
        }
        return date
    }

    static let file = "records/bromley.yaml"

    static let cda = Citation(id: "cda-1998-s6", title: "Crime and Disorder Act 1998, section 6",
                              url: "https://www.legislation.gov.uk/ukpga/1998/37/section/6", kind: .statute)
    static let regs = Citation(id: "si-2007-1830",
                               title: "Crime and Disorder (Formulation and Implementation of Strategy) Regulations 2007",
                               url: "https://www.legislation.gov.uk/uksi/2007/1830/contents/made", kind: .regulation)
    static let pcsc = Citation(id: "pcsc-2022-s13",
                               title: "Police, Crime, Sentencing and Courts Act 2022, section 13 – “strategy”",
                               url: "https://www.legislation.gov.uk/ukpga/2022/32/section/13?view=plain&x=<1>",
                               kind: .statute)
    static let dhr = Citation(id: "dhr-guidance", title: "Domestic Homicide Review statutory guidance",
                              url: "", kind: .statutoryGuidance)

    static func evidence(_ path: String, _ line: Int, _ column: Int) -> Evidence {
        Evidence(path: path, file: file, line: line, column: column)
    }

    static let findings: [Finding] = [
        Finding(rule: "strategic-assessment", pack: "csp-england", title: "A strategic assessment is made every year",
                duty: "The partnership must prepare a strategic assessment each year.", status: .met,
                severity: .error, level: nil, confidence: .confirmed, subject: nil,
                due: day(2024, 8, 24), done: day(2023, 8, 24), days: nil, owners: ["board"],
                message: "The last strategic assessment was completed on 24 August 2023.",
                remedy: "Prepare the next strategic assessment.", basis: [cda, regs],
                evidence: [evidence("strategic_assessments[0].completed", 24, 18)]),
        Finding(rule: "plan-approvals", pack: "csp-england", title: "Every responsible authority approves the plan",
                duty: "Each responsible authority must approve the partnership plan before it takes effect.",
                status: .overdue, severity: .error, level: .error, confidence: .confirmed, subject: "met-police",
                due: day(2024, 3, 31), done: nil, days: 2, owners: ["met-police"],
                message: "Partner \"Met Police\" <MPS> & co has not approved the plan – chase them.\nThe board asked for approval by 31 March 2024.",
                remedy: "Ask Met Police to record its approval, with the date.", basis: [cda, regs],
                evidence: [evidence("plans[0].approvals.by[1].approved", 40, 7),
                           evidence("plans[0].approvals.due", 37, 12)]),
        Finding(rule: "serious-violence-strategy", pack: "csp-england",
                title: "The serious violence strategy is recorded",
                duty: "", status: .missing, severity: .error, level: .error, confidence: .confirmed, subject: nil,
                due: nil, done: nil, days: nil, owners: [],
                message: "serious_violence.strategy is not recorded.\u{1B}[2J\u{0}", remedy: nil, basis: [pcsc], evidence: []),
        Finding(rule: "da-needs-assessment", pack: "csp-england", title: "A domestic abuse needs assessment is shared",
                duty: "The partnership should share its domestic abuse needs assessment with the tier one authority.",
                status: .missing, severity: .error, level: .warning, confidence: .unconfirmed, subject: nil,
                due: nil, done: nil, days: nil, owners: ["lbb", "health"],
                message: "domestic_abuse.needs_assessment is not recorded.",
                remedy: "Record when the needs assessment was shared.", basis: [pcsc],
                evidence: [evidence("domestic_abuse", 61, 1)]),
        Finding(rule: "plan-in-force", pack: "csp-england", title: "A partnership plan is in force",
                duty: "The responsible authorities must have a strategy in force for the area.", status: .dueSoon,
                severity: .error, level: .warning, confidence: .confirmed, subject: nil,
                due: day(2024, 4, 10), done: nil, days: 8, owners: ["board"],
                message: "The plan for 2021–24 ends on 10 April 2024 and no later plan is agreed.",
                remedy: "Agree and publish the next plan before the current one ends.", basis: [cda],
                evidence: [evidence("plans[1].period.end", 52, 22)]),
        Finding(rule: "da-strategy-published", pack: "csp-england", title: "The domestic abuse strategy is published",
                duty: "The strategy must be published.", status: .late, severity: .warning, level: .info,
                confidence: .confirmed, subject: nil, due: day(2024, 1, 31), done: day(2024, 2, 12), days: 12,
                owners: ["lbb"], message: "Published on 12 February 2024, 12 days after it was due.",
                remedy: nil, basis: [pcsc], evidence: [evidence("domestic_abuse.published", 63, 14)]),
        Finding(rule: "dhr-started", pack: "csp-england", title: "A domestic homicide review starts within a month",
                duty: "A review must start within one month of the decision to hold it.", status: .waived,
                severity: .error, level: nil, confidence: .confirmed, subject: "DHR \"Anna\" <2023> & co",
                due: day(2024, 3, 1), done: nil, days: nil, owners: ["board"],
                message: "The review has not started.", remedy: "Appoint an independent chair.", basis: [dhr],
                evidence: [evidence("reviews[0].started", 70, 14)]),
        Finding(rule: "wales-scrutiny", pack: "csp-wales", title: "Scrutiny in Wales", duty: "",
                status: .notApplicable, severity: .error, level: nil, confidence: .confirmed, subject: nil,
                due: nil, done: nil, days: nil, owners: [], message: "", remedy: nil, basis: [cda], evidence: []),
    ]

    static let waivers: [WaiverOutcome] = [
        WaiverOutcome(rule: "dhr-started", subject: "DHR \"Anna\" <2023> & co",
                      reason: "Criminal proceedings are under way; the review waits for them.",
                      approvedBy: "Chair of the board", reference: "SBP/2024/07", until: day(2024, 6, 30),
                      state: .active, location: SourceLocation(line: 90, column: 5)),
        WaiverOutcome(rule: "plan-in-force", subject: nil, reason: "Agreed at board <minute 4> & noted\nsecond line",
                      approvedBy: "Board", reference: nil, until: day(2024, 1, 31), state: .expired,
                      location: SourceLocation(line: 96, column: 5)),
        WaiverOutcome(rule: "plan-approvals", subject: "probation", reason: "Probation approval expected late.",
                      approvedBy: "Community Safety Manager", reference: nil, until: day(2024, 12, 31),
                      state: .unused, location: SourceLocation(line: 101, column: 5)),
    ]

    static let emptyRecord = YAMLNode(kind: .mapping([]), location: SourceLocation(line: 1, column: 1))

    static let bromley = RecordResult(
        file: file, sha256: String(repeating: "ab", count: 32),
        name: "Safer Bromley Partnership – “Bromley & Co” <test>", findings: findings, waivers: waivers,
        record: emptyRecord)

    static let quiet = RecordResult(
        file: "records/quiet.yaml", sha256: String(repeating: "0f", count: 32), name: nil,
        findings: [
            Finding(rule: "plan-in-force", pack: "csp-england", title: "A partnership plan is in force",
                    duty: "The responsible authorities must have a strategy in force for the area.", status: .met,
                    severity: .error, level: nil, confidence: .confirmed, subject: nil, due: day(2027, 3, 31),
                    done: nil, days: nil, owners: ["board"], message: "The plan for 2024–27 is in force.",
                    remedy: nil, basis: [cda], evidence: [Evidence(path: "plans[0].period", file: "records/quiet.yaml", line: 9, column: 13)]),
        ],
        waivers: [], record: emptyRecord)

    static let report = Report(
        toolVersion: "0.1.0", asOf: day(2024, 4, 2),
        packs: [
            PackInfo(id: "csp-england", title: "Community Safety Partnerships in England", version: "2026.11",
                     sha256: String(repeating: "1", count: 64)),
            PackInfo(id: "csp-wales", title: "Community Safety Partnerships in Wales", version: "2026.11",
                     sha256: String(repeating: "2", count: 64)),
        ],
        records: [bromley, quiet])
}
