import Foundation
import RuleEngine

/// Generates partnership records shaped like the Bromley example, varied by index, so the
/// benchmark exercises every shipped pack on realistic data.
enum SyntheticRecords {
    /// Every shipped pack, as built into the tool.
    static func shippedRules() -> RuleSet {
        do { return try RuleSet.load(files: EmbeddedRules.packs.map { ($0.name, Array($0.text.utf8)) }) } catch {
            fatalError("the shipped packs do not load: \(error)")
        }
    }

    /// Stops the benchmark unless the records at `paths` pass the shipped record schema, as
    /// `dutycheck validate` checks it: figures from records the rules were not written for would
    /// measure the wrong paths through the packs.
    static func requireValid(_ paths: some Sequence<String>, rules: RuleSet) {
        do {
            let validator = try SchemaValidator(schema: Array(EmbeddedRules.recordSchema.utf8), file: "record.schema.json")
            for path in paths {
                let bytes = [UInt8](FileManager.default.contents(atPath: path) ?? Data())
                let record = try RecordDecoder.decode(bytes: bytes, file: path, rules: rules)
                let problems = validator.validate(record.root, file: path)
                if let first = problems.first { fatalError("a synthetic record is not valid: \(first)") }
            }
        } catch {
            fatalError("a synthetic record does not load: \(error)")
        }
    }

    /// The date the benchmark checks its records as of: after every act a record dates (the
    /// latest are in December 2024), while periods and waivers run on past it.
    static let asOf = CivilDate(year: 2025, month: 4, day: 1)!

    /// One record, shaped like the Bromley example: every section the shipped packs read, with the
    /// notes and comments a hand-kept record carries. Dates, statuses, gaps and waivers vary with
    /// `index`, so the findings span every status and some waivers are active, some expired.
    static func record(_ index: Int) -> String {
        let year = 2021 + index % 4
        let month = 1 + index % 12
        let day = 1 + index % 28
        // A month from April to December, so that an assessment's completion falls inside its
        // April to March year.
        let inYear = 4 + index % 9
        let decisions = ["hold", "pending", "not_held"]
        let pad = { (value: Int) in value < 10 ? "0\(value)" : "\(value)" }
        let wales = index % 10 == 9
        // The council's kind follows the area; a Welsh area is a principal council's.
        let areas = [("district", "district_council"), ("unitary", "unitary_council"),
                     ("london_borough", "london_borough_council"), ("metropolitan_borough", "metropolitan_borough_council"),
                     ("county", "county_council")]
        let (areaType, councilKind) = wales ? ("welsh_principal", "welsh_county_council") : areas[index % areas.count]
        let approved = index % 3 == 0 ? "~" : "\(year)-03-\(pad(1 + index % 28))"
        let sometimes = { (every: Int, date: String) in index % every == 0 ? "~" : date }
        var text = """
        # Synthetic Community Safety Partnership \(index): a generated record for the benchmark.
        #
        # Facts are recorded with the note that supports them, as a partnership keeps its record; a
        # fact the partnership has not confirmed is left unrecorded, so DutyCheck reports it missing.
        dutycheck: 1

        partnership:
          name: Synthetic Community Safety Partnership \(index)
          area: Synthetic Borough \(index)
          nation: \(wales ? "wales" : "england")
          area_type: \(areaType)
          # The tier-one authority under the Domestic Abuse Act 2021 Part 4, for a two-tier area.
          tier_one_authority: Synthetic County Council
          local_policing_body: Synthetic Police and Crime Commissioner
          contact: {name: Community Safety Team, email: csp\(index)@example.org}   # placeholder

        # Responsible authorities (Crime and Disorder Act 1998 s5), one per role.
        partners:

        """
        let roles = ["local_authority", "police", "fire_and_rescue", "probation", "health"]
        let kinds = [councilKind, "chief_officer_of_police", "fire_and_rescue_authority", "probation_service",
                     wales ? "local_health_board" : "integrated_care_board"]
        for (position, role) in roles.enumerated() {
            text += """
              - id: p\(position)
                name: Partner \(position) of \(index)
                role: \(role)
                kind: \(kinds[position])
                responsible_authority: true
                contact: {name: Partnership lead, email: partner\(position).\(index)@example.org}   # placeholder
                # The co-chair panel lists this body (board minutes).
                evidence: Board minutes \(year - 1)-\(pad(inYear))-\(pad(day)), item \(position + 1) (membership)

            """
        }
        text += """

        police_and_crime_plan:
          title: Synthetic Police and Crime Plan \(year - 1)-\(year + 2)
          issued_by: Synthetic Police and Crime Commissioner
          period: {start: \(year - 1)-04-01, end: \(year + 2)-03-31}
          evidence: Published on the commissioner's website

        strategic_assessments:
          - title: Strategic Assessment \(year - 1)
            # The April to March year in which it was completed (SI 2007/1830 reg 2).
            period: {start: \(year - 1)-04-01, end: \(year)-03-31}
            completed: \(year - 1)-\(pad(inYear))-\(pad(day))
            status: final
            presented: \(year - 1)-\(pad(inYear))-28
            evidence: Board minutes; executive summary in the board papers
          - title: Strategic Assessment \(year)
            period: {start: \(year)-04-01, end: \(year + 1)-03-31}
            completed: \(year)-\(pad(inYear))-\(pad(day))
            status: \(index % 2 == 0 ? "final" : "draft")
            evidence: Circulated to partners in draft

        plans:
          - title: Partnership Plan \(year)-\(year + 3)
            # Three years from 1 April, after the approval round below.
            period: {start: \(year)-04-01, end: \(year + 3)-03-31}
            status: \(index % 4 == 0 ? "draft" : "agreed")
            agreed: \(index % 4 == 0 ? "~" : "\(year)-03-\(pad(1 + index % 28))")
            published: \(sometimes(3, "\(year)-04-\(pad(day))"))
            summary_published: \(sometimes(5, "\(year)-04-\(pad(day))"))
            website: https://example.org/csp\(index)/plan
            covers: [crime_and_disorder, anti_social_behaviour, substance_misuse, reoffending, serious_violence, domestic_abuse]
            police_and_crime_plan: Synthetic Police and Crime Plan \(year - 1)-\(year + 2)
            sent_to_policing_body: \(sometimes(4, "\(year)-04-\(pad(day))"))
            consultation:
              opened: \(year)-01-05
              closed: \(year)-02-12
              respondents: \(20 + index % 80)
              method: Online public survey, promoted through community groups and the council website
              evidence: Consultation report to the board
            approvals:
              due: \(year)-03-31
              evidence: Board minutes (approval round)
              by:
                - {partner: p0, approved: \(approved)}
                - {partner: p1, approved: \(approved)}
                - {partner: p2, approved: ~}
                - {partner: p3, approved: \(year)-03-10}
                - {partner: p4, approved: \(year)-04-10}
            evidence: Plan as agreed; plan on a page in the board papers

        # One entry per April to March year: when the plan for that year was agreed (SI 2007/1830 reg 10).
        plan_revisions:
          - year: {start: \(year)-04-01, end: \(year + 1)-03-31}
            plan: Partnership Plan \(year)-\(year + 3)
            revised: \(sometimes(3, "\(year)-03-\(pad(day))"))
            evidence: Board minutes (annual revision)

        meetings:
          - {date: \(year)-02-\(pad(day)), body: board, title: Partnership board, evidence: Board minutes}
          - {date: \(year)-06-\(pad(day)), body: board, title: Partnership board, evidence: Board minutes}
          - {date: \(year)-09-\(pad(day)), body: workshop, title: Strategic development workshop}

        # Public meetings with senior representatives of every responsible authority (SI 2007/1830 reg 12).
        public_meetings:
          - year: {start: \(year - 1)-04-01, end: \(year)-03-31}
            date: \(year - 1)-\(pad(inYear))-\(pad(day))
            senior_representatives: \(index % 6 != 0)
            publicised: true
            title: Community safety public meeting
            evidence: Notice on the council website

        # Crime and disorder committee reviews (Police and Justice Act 2006 s19).
        scrutiny_reviews:
          - {date: \(year - 1)-11-\(pad(day)), committee: Safer Communities Committee, evidence: Committee minutes}

        # The committee's reports on local crime and disorder matters, one entry per recipient (SI 2009/942 reg 7).
        scrutiny_local_matter_reports:
          - {id: SC-\(index)-p0, date: \(year - 1)-11-\(pad(day)), to: p0, responded: \(year - 1)-12-\(pad(max(1, day - 5)))}
          - {id: SC-\(index)-p1, date: \(year - 1)-11-\(pad(day)), to: p1, responded: \(sometimes(3, "\(year)-01-\(pad(day))"))}

        data_sharing:
          protocol: {agreed: \(sometimes(7, "\(year - 2)-05-\(pad(day))")), evidence: Signed information sharing protocol}
          exchanges:
            - {period: {start: \(year - 1)-04-01, end: \(year - 1)-06-30}, shared: \(year - 1)-08-\(pad(day))}
            - {period: {start: \(year - 1)-07-01, end: \(year - 1)-09-30}, shared: \(sometimes(5, "\(year - 1)-11-\(pad(day))"))}

        serious_violence:
          local_definition:
            agreed: \(sometimes(4, "\(year - 1)-07-\(pad(day))"))
            text: Violence in a public place resulting in significant physical injury, including knife and gun crime
            evidence: Board minutes (serious violence definition)
          needs_assessment: {completed: \(sometimes(5, "\(year - 1)-10-\(pad(day))")), evidence: Strategic needs assessment}
          strategy:
            in_plan: Partnership Plan \(year)-\(year + 3)
            published: \(sometimes(3, "\(year)-04-\(pad(day))"))
            website: https://example.org/csp\(index)/serious-violence
            submitted_to_secretary_of_state: \(sometimes(4, "\(year)-05-\(pad(day))"))
            evidence: The partnership plan incorporates the serious violence strategy
          consultees:
            - {name: Synthetic Schools Forum, kind: educational, consulted: \(year - 1)-12-\(pad(day))}
            - {name: HMP Synthetic, kind: prison, consulted: \(sometimes(6, "\(year - 1)-12-\(pad(day))"))}
          none_in_area: [youth_custody]

        domestic_abuse:
          needs_assessment: {completed: \(year - 1)-\(pad(inYear))-\(pad(day)), evidence: Domestic abuse needs assessment}
          local_partnership_board: {appointed: \(year - 2)-10-\(pad(day)), evidence: Terms of reference}
          strategy:
            title: Domestic Abuse Strategy \(year - 1)-\(year + 2)
            first_published: \(year - 1)-\(pad(month))-\(pad(day))
            evidence: Published on the council website
          annual_reports:
            - {financial_year: {start: \(year - 2)-04-01, end: \(year - 1)-03-31}, sent: \(sometimes(3, "\(year - 1)-07-\(pad(day))"))}

        # Domestic homicide reviews (Domestic Violence, Crime and Victims Act 2004 s9).
        reviews:
          - id: dhr-\(index)
            notified: \(year)-\(pad(month))-\(pad(day))
            decision: \(decisions[index % decisions.count])
            decided: \(index % decisions.count == 1 ? "~" : "\(year)-\(pad(month))-28")
            evidence: Notification from the police; panel decision letter

        # Public spaces protection orders (Anti-social Behaviour, Crime and Policing Act 2014 ss59-60).
        pspos:
          - id: town-centre-\(index)
            title: Town Centre Public Spaces Protection Order
            periods:
              - {start: \(year - 3)-\(pad(month))-02, end: \(year)-\(pad(month))-01, decided: \(year - 3)-\(pad(month))-01}
              # Every fifth extension was decided after the order had expired.
              - {start: \(year)-\(pad(month))-02, end: \(year + 3)-\(pad(month))-01, decided: \(year)-\(pad(month))-\(index % 5 == 0 ? "05" : "01")}
            evidence: Order and extension notices on the council website

        # ASB case reviews (Anti-social Behaviour, Crime and Policing Act 2014 ss104-105).
        asb_case_reviews:
          procedures: {published: \(year - 2)-06-\(pad(day)), point_of_contact: asb\(index)@example.org}   # placeholder
          reporting_periods:
            - {start: \(year - 1)-04-01, end: \(year)-03-31, published: \(sometimes(4, "\(year)-06-\(pad(day))"))}
        \(index % 2 == 1 ? "    - {start: \(year)-04-01, end: \(year + 1)-03-31, published: ~}" : "")

        waivers:\(index % 7 == 0 ? "" : " []")
        \(index % 7 == 0 ? """
          - rule: cda-data-sharing-quarterly
            reason: The new information sharing platform goes live next quarter.
            approved_by: Partnership board
            reference: BRD-\(index)
            until: \(year + 1)-04-30
        """ : "")

        notifications:
          from: {name: Synthetic CSP (DutyCheck), email: dutycheck\(index)@example.org}
          to: [csp\(index)@example.org]
          subject_prefix: "[CSP \(index)]"
          reminder_interval: 7 days

        """
        return text
    }
}
