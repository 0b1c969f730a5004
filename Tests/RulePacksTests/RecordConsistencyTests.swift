import RuleEngine
import Testing

/// The shipped packs read a record the same way whatever order its lists are in, and the
/// record-quality pack reports the slips that would otherwise change findings without a word:
/// names that match nothing or twice, acts dated after the date checked, waivers with no real end.
@Suite struct RecordConsistencyTests {
    static let partners = """
        partners:
          - {id: lbb, name: Test Borough Council, role: local_authority, responsible_authority: true}
          - {id: met-police, name: Test Police, role: police, responsible_authority: true}

        """
    static let newPlan = """
          - title: Test Plan 2024-27
            period: {start: 2024-04-01, end: 2027-03-31}
            status: consulted
            covers: [crime_and_disorder, serious_violence]
            approvals: {due: 2024-03-31, by: [{partner: lbb, approved: null}]}

        """
    static let oldPlan = """
          - title: Test Plan 2021-24
            period: {start: 2021-04-01, end: 2024-03-31}
            status: published
            covers: [crime_and_disorder, anti_social_behaviour, substance_misuse, reoffending, domestic_abuse]
            police_and_crime_plan: Test Police and Crime Plan
            approvals: {due: 2021-03-31, by: [{partner: lbb, approved: 2021-03-01}, {partner: met-police, approved: 2021-03-01}]}

        """

    static func record(_ body: String) -> String {
        "dutycheck: 1\npartnership: {name: Test CSP, nation: england, area_type: london_borough}\n" + body
    }

    static func evaluate(_ body: String, asOf: String = "2024-04-02") throws -> RecordResult {
        try ShippedPackTests.evaluate(record(body), file: "r.yaml", asOf: asOf, rules: try ShippedPackTests.loadRules())
    }

    static func only(_ rule: String, in result: RecordResult) throws -> Finding {
        let found = result.findings.filter { $0.rule == rule }
        #expect(found.count == 1, "\(rule): \(found.map(\.status))")
        return try #require(found.first)
    }

    /// Every finding's status and message, keyed by rule and subject; `cda-plan-in-force` by its
    /// status alone, as its message lists the plans' titles in the order they are recorded.
    static func outcomes(_ result: RecordResult) -> [String: String] {
        var outcomes: [String: String] = [:]
        for finding in result.findings {
            let message = finding.rule == "cda-plan-in-force" ? "" : finding.message
            outcomes["\(finding.rule) \(finding.subject ?? "-")"] = "\(finding.status.rawValue): \(message)"
        }
        return outcomes
    }

    @Test func plansListedNewestFirstReadAsOldestFirst() throws {
        let oldestFirst = try Self.evaluate(Self.partners + "plans:\n" + Self.oldPlan + Self.newPlan)
        let newestFirst = try Self.evaluate(Self.partners + "plans:\n" + Self.newPlan + Self.oldPlan)
        #expect(Self.outcomes(oldestFirst) == Self.outcomes(newestFirst))
        let strand = try #require(newestFirst.findings.first { $0.rule == "cda-plan-covers-strands" && $0.subject == "reoffending" })
        #expect(strand.status == .missing)
        #expect(strand.message.hasPrefix("Not recorded as covered by Test Plan 2024-27: re-offending,"))
        let approval = try #require(newestFirst.findings.first { $0.rule == "partner-approval" && $0.subject == "lbb" })
        #expect(approval.status == .overdue)
        #expect(approval.days == 2)
        let listed = try #require(newestFirst.findings.first { $0.rule == "partner-approval-listed" && $0.subject == "met-police" })
        #expect(listed.status == .missing)
        #expect(listed.message == "Test Police is a responsible authority but is not in the approval list for Test Plan 2024-27.")
    }

    @Test func aRepeatedPartnerIDIsOneFindingListingThePartners() throws {
        let result = try Self.evaluate(Self.partners + "  - {id: lbb, name: Test Youth Offending Team, role: other}\n")
        let finding = try Self.only("partner-ids-unique", in: result)
        #expect(finding.status == .missing)
        #expect(finding.subject == "lbb")
        #expect(finding.message == "2 partners have the id lbb: Test Borough Council, Test Youth Offending Team. Approvals, owners and waivers that name lbb cannot tell them apart.")
        #expect(finding.evidence.map { "\($0.path) \($0.line)" } == ["partners[0] 4", "partners[2] 6"])
        let unique = try Self.only("partner-ids-unique", in: try Self.evaluate(Self.partners))
        #expect(unique.status == .met)
        #expect(unique.message == "No two partners share an id.")
    }

    /// An unquoted `id: 1` is a number: repeated, it is still found, and the message reads as for text.
    @Test func aRepeatedNumericPartnerIDIsFlagged() throws {
        let body = """
            partners:
              - {id: 1, name: A, role: other}
              - {id: 1, name: B, role: other}

            """
        let finding = try Self.only("partner-ids-unique", in: try Self.evaluate(body))
        #expect(finding.status == .missing)
        #expect(finding.subject == "1")
        #expect(finding.message == "2 partners have the id 1: A, B. Approvals, owners and waivers that name 1 cannot tell them apart.")
    }

    @Test func aPlanWithoutAStartIsFlaggedWhereThereAreTwo() throws {
        let body = "plans:\n" + Self.oldPlan + "  - {title: Test Draft, status: draft}\n"
        let finding = try Self.only("plan-starts-recorded", in: try Self.evaluate(body, asOf: "2024-05-01"))
        #expect(finding.status == .missing)
        #expect(finding.level == .error)
        #expect(finding.subject == "Test Draft")
        #expect(finding.message == "Test Draft records no date for the start of its period (period.start is not recorded), so DutyCheck cannot tell whether it is the latest of the 2 plans recorded. Until then, where no agreed plan is in force, the rules check the last plan listed without a start (Test Draft) as the latest.")
    }

    @Test func aPlanStartThatIsNotADateIsFlaggedAsLeavingThePlanUnknown() throws {
        let body = "plans:\n" + Self.oldPlan + "  - {title: Test Draft, period: {start: TBC}, status: draft}\n"
        let finding = try Self.only("plan-starts-recorded", in: try Self.evaluate(body, asOf: "2024-05-01"))
        #expect(finding.status == .missing)
        #expect(finding.message == "Test Draft records no date for the start of its period (period.start is TBC), so DutyCheck cannot tell whether it is the latest of the 2 plans recorded. Until then, the rules that must compare it with the other plans' starts report the plan to check as unknown, pointing at this value.")
    }

    @Test func aRevisionNamingNoPlanIsFlagged() throws {
        let body = "plans:\n" + Self.newPlan + """
            plan_revisions:
              - {year: {start: 2024-04-01, end: 2025-03-31}, plan: Test Plan 2024-72, revised: null}

            """
        let finding = try Self.only("plan-revision-plan-listed", in: try Self.evaluate(body))
        #expect(finding.status == .missing)
        #expect(finding.level == .warning)
        #expect(finding.subject == "1 April 2024")
        #expect(finding.message == "The revision for the year starting 1 April 2024 names the plan Test Plan 2024-72, but no recorded plan has that title (it must match exactly). Plans recorded: Test Plan 2024-27.")
    }

    @Test func anActDatedAfterTheDateCheckedIsFlaggedThoughItCounts() throws {
        let body = """
            strategic_assessments:
              - {title: Strategic Assessment 2023, period: {start: 2023-04-01, end: 2024-03-31}, completed: 2204-08-24}

            """
        let result = try Self.evaluate(body)
        let finding = try Self.only("assessment-not-after-date-checked", in: result)
        #expect(finding.status == .missing)
        #expect(finding.message == "Strategic Assessment 2023 is recorded as completed (dated 24 August 2204, in that order) after 2 April 2024, the date checked, and DutyCheck counts it as done. A date still to come is most likely a mistyped year; if this check is of an earlier date than the record was kept to, it is expected.")
        #expect(finding.evidence.first.map { "\($0.path) \($0.line)" } == "strategic_assessments[0].completed 4")
        // Checked on the day itself, the same record is in order.
        let onTheDay = try Self.only("assessment-not-after-date-checked", in: try Self.evaluate(body, asOf: "2204-08-24"))
        #expect(onTheDay.status == .met)
    }

    /// Acts outside plans and assessments are flagged one field at a time: the subject is the field's
    /// path, the label says it in words.
    @Test func anotherActDatedAfterTheDateCheckedIsNamedByItsField() throws {
        let body = """
            scrutiny_reviews: [{date: 2023-11-01}, {date: 2204-11-01}, {date: 2204-10-01}]
            data_sharing: {protocol: {agreed: 2024-04-02}}

            """
        let found = try Self.evaluate(body).findings.filter { $0.rule == "recorded-acts-not-after-date-checked" }
        #expect(found.map(\.subject) == ["scrutiny_reviews[*].date"])
        #expect(found.map(\.label) == ["the dates of scrutiny reviews"])
        #expect(found.map(\.status) == [.missing])
        #expect(found.first?.message == "Among the dates of scrutiny reviews, these are after 2 April 2024, the date checked: 1 November 2204, 1 October 2204; and these are not dates: none. DutyCheck counts an act recorded with a date as done whatever the date, so a date still to come is most likely a mistyped year (if this check is of an earlier date than the record was kept to, it is expected); an act recorded with a value that is not a date cannot be placed.")
        #expect(found.first?.evidence.first.map { "\($0.path) \($0.line)" } == "scrutiny_reviews[1].date 3")
    }

    /// One value that is not a date (TBC) is reported in its own field, and the date mistyped in
    /// another field is still found; the plan and assessment rules leave it to the rules that read it.
    @Test func aValueThatIsNotADateIsReportedInItsOwnField() throws {
        let body = Self.partners + """
            reviews: [{id: DHR-1, notified: TBC}]
            scrutiny_reviews: [{date: 2204-11-01}]
            plans:
              - {title: Test Plan 2024-27, status: agreed, agreed: TBC, published: 2204-04-01, approvals: {due: 2024-03-31, by: [{partner: lbb, approved: TBC}, {partner: met-police, approved: 2027-03-01}]}}

            """
        let result = try Self.evaluate(body, asOf: "2024-05-01")
        let acts = result.findings.filter { $0.rule == "recorded-acts-not-after-date-checked" }
        #expect(acts.map(\.subject) == ["scrutiny_reviews[*].date", "reviews[*].notified"])
        #expect(acts.map(\.status) == [.missing, .missing])
        #expect(acts.last?.message == "Among the dates domestic homicide reviews were notified, these are after 1 May 2024, the date checked: none; and these are not dates: TBC. DutyCheck counts an act recorded with a date as done whatever the date, so a date still to come is most likely a mistyped year (if this check is of an earlier date than the record was kept to, it is expected); an act recorded with a value that is not a date cannot be placed.")
        #expect(acts.last?.evidence.map { "\($0.path) \($0.line)" } == ["reviews 6", "reviews[0].notified 6"])
        let plan = try Self.only("plan-acts-not-after-date-checked", in: result)
        #expect(plan.status == .missing)
        // A plan's act recorded as TBC is named too: a duty rule may read it as done.
        #expect(plan.message == "Test Plan 2024-27 records acts dated after 1 May 2024, the date checked: published; their dates, in that order: 1 April 2204. Acts recorded with a value that is not a date: agreed. DutyCheck counts what a plan records as done, so a date still to come is most likely a mistyped year (if this check is of an earlier date than the record was kept to, it is expected), and a value that is not a date cannot be placed.")
        let approval = try Self.only("plan-approvals-not-after-date-checked", in: result)
        #expect(approval.status == .missing)
        #expect(approval.subject == "Test Plan 2024-27")
        #expect(approval.message == "Test Plan 2024-27 records approvals dated after 1 May 2024, the date checked, by met-police (dated 1 March 2027, in that order), and DutyCheck counts an approval as given whatever its date. A date still to come is most likely a mistyped year; if this check is of an earlier date than the record was kept to, it is expected.")
    }

    /// Approvals recorded alike in two plans are each reported with their own plan.
    @Test func approvalsRecordedAlikeInTwoPlansAreToldApart() throws {
        let body = Self.partners + """
            plans:
              - {title: Plan A, status: agreed, approvals: {due: 2024-03-31, by: [{partner: lbb, approved: 2204-03-01}]}}
              - {title: Plan B, status: draft, approvals: {due: 2025-03-31, by: [{partner: lbb, approved: 2204-03-01}]}}

            """
        let findings = try Self.evaluate(body, asOf: "2024-05-01").findings.filter { $0.rule == "plan-approvals-not-after-date-checked" }
        #expect(findings.map(\.subject) == ["Plan A", "Plan B"])
        #expect(findings.map { $0.evidence.first?.path } == ["plans[0].approvals.by[0]", "plans[1].approvals.by[0]"])
    }

    /// A consultation is an act done too: one recorded as opening or closing after the date checked
    /// is flagged with the plan's other acts.
    @Test func aConsultationDatedAfterTheDateCheckedIsFlagged() throws {
        let body = """
            plans:
              - {title: Test Plan 2024-27, status: consulted, consultation: {opened: 2024-01-05, closed: 2204-02-12}, published: 2204-03-01}

            """
        let plan = try Self.only("plan-acts-not-after-date-checked", in: try Self.evaluate(body))
        #expect(plan.status == .missing)
        #expect(plan.message.hasPrefix("Test Plan 2024-27 records acts dated after 2 April 2024, the date checked: consultation closed, published; their dates, in that order: 12 February 2204, 1 March 2204. Acts recorded with a value that is not a date: none."))
    }

    /// On 1 March before a leap year, three years on is 1 March, not 29 February.
    @Test(arguments: [("2028-03-01", Status.met), ("2028-03-02", Status.missing)])
    func aWaiverCheckedOnFirstMarchMayRunToFirstMarch(until: String, expected: Status) throws {
        let body = Self.partners + """
            waivers:
              - {rule: partner-approval, subject: lbb, reason: Cabinet approval, approved_by: Board, until: \(until)}

            """
        let finding = try Self.only("waiver-within-three-years", in: try Self.evaluate(body, asOf: "2025-03-01"))
        #expect(finding.status == expected)
    }

    /// Checked on 29 February, three years on is 1 March (adding years to 29 February would give 28 February).
    @Test(arguments: [("2027-02-28", Status.met), ("2027-03-01", Status.met), ("2027-03-02", Status.missing)])
    func aWaiverCheckedOnALeapDayMayRunToFirstMarch(until: String, expected: Status) throws {
        let body = Self.partners + """
            waivers:
              - {rule: partner-approval, subject: lbb, reason: Cabinet approval, approved_by: Board, until: \(until)}

            """
        let finding = try Self.only("waiver-within-three-years", in: try Self.evaluate(body, asOf: "2024-02-29"))
        #expect(finding.status == expected)
        if expected == .met {
            #expect(finding.message == "No waiver runs beyond 1 March 2027.")
        } else {
            #expect(finding.message == "The waiver of partner-approval (lbb) runs until 2 March 2027, more than three years after 29 February 2024; a waiver is meant to be looked at again, and one this long is a permanent exemption in all but name (or a mistyped year).")
            #expect(finding.remedy == "Set the waiver to end by 1 March 2027, when the board can look at the gap again, and renew it then if it is still justified.")
        }
    }

    @Test(arguments: [("2027-04-02", Status.met), ("2027-04-03", Status.missing), ("2999-01-01", Status.missing)])
    func aWaiverRunningBeyondThreeYearsIsFlagged(until: String, expected: Status) throws {
        let body = Self.partners + """
            waivers:
              - {rule: partner-approval, subject: lbb, reason: Cabinet approval, approved_by: Board, until: \(until)}

            """
        let finding = try Self.only("waiver-within-three-years", in: try Self.evaluate(body))
        #expect(finding.status == expected)
        if expected == .missing {
            #expect(finding.subject == "partner-approval, lbb")
            #expect(finding.message.hasPrefix("The waiver of partner-approval (lbb) runs until "))
            #expect(finding.message.hasSuffix(", more than three years after 2 April 2024; a waiver is meant to be looked at again, and one this long is a permanent exemption in all but name (or a mistyped year)."))
        } else {
            #expect(finding.message == "No waiver runs beyond 2 April 2027.")
        }
    }

    /// The schema checks a year's days; the pack relates its end to its start, so a revision recorded
    /// for two years is not read as the revision of both.
    @Test func aYearThatIsNotTwelveMonthsIsFlagged() throws {
        let body = """
            plan_revisions:
              - {year: {start: 2024-04-01, end: 2026-03-31}, plan: Test Plan 2024-27, revised: 2024-03-01}
            public_meetings:
              - {year: {start: 2024-04-01, end: 2025-03-31}, date: 2024-06-01}

            """
        let finding = try Self.only("years-span-twelve-months", in: try Self.evaluate(body, asOf: "2025-06-02"))
        #expect(finding.status == .missing)
        #expect(finding.subject == "plan_revisions[0].year")
        #expect(finding.message == "plan_revisions[0].year runs from 1 April 2024 to 31 March 2026; "
                + "a year that starts on 1 April 2024 ends on 31 March 2025.")
        // The finding points at the year at fault, not at the first list the rule reads.
        #expect(finding.evidence.first?.path == "plan_revisions[0].year.end")
        #expect(finding.evidence.first?.line == 4)
    }
}
