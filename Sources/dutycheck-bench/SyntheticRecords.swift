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

    static func record(_ index: Int) -> String {
        let year = 2021 + index % 4
        let month = 1 + index % 12
        let day = 1 + index % 28
        // A month from April to December, so that an assessment's completion falls inside its
        // April to March year.
        let inYear = 4 + index % 9
        let decisions = ["hold", "pending", "not_held"]
        let pad = { (value: Int) in value < 10 ? "0\(value)" : "\(value)" }
        let areaTypes = ["district", "unitary", "london_borough", "metropolitan_borough", "county"]
        let approved = index % 3 == 0 ? "~" : "\(year)-03-\(pad(1 + index % 28))"
        var text = """
        dutycheck: 1
        partnership:
          name: Synthetic Community Safety Partnership \(index)
          area: Synthetic Borough \(index)
          nation: \(index % 10 == 9 ? "wales" : "england")
          area_type: \(areaTypes[index % areaTypes.count])
          tier_one_authority: Synthetic County Council
          contact: {name: Community Safety Team, email: csp\(index)@example.org}
        partners:

        """
        let roles = ["local_authority", "police", "fire_and_rescue", "probation", "health"]
        for (position, role) in roles.enumerated() {
            text += """
              - id: p\(position)
                name: Partner \(position) of \(index)
                role: \(role)
                responsible_authority: true
                contact: {email: partner\(position).\(index)@example.org}

            """
        }
        text += """
        strategic_assessments:
          - title: Strategic Assessment \(year - 1)
            period: {start: \(year - 1)-04-01, end: \(year)-03-31}
            completed: \(year - 1)-\(pad(inYear))-\(pad(day))
            status: final
          - title: Strategic Assessment \(year)
            period: {start: \(year)-04-01, end: \(year + 1)-03-31}
            completed: \(year)-\(pad(inYear))-\(pad(day))
            status: \(index % 2 == 0 ? "final" : "draft")
        plans:
          - title: Partnership Plan \(year)-\(year + 3)
            period: {start: \(year)-04-01, end: \(year + 3)-03-31}
            status: \(index % 4 == 0 ? "draft" : "agreed")
            covers: [crime_and_disorder, anti_social_behaviour, substance_misuse, reoffending, serious_violence, domestic_abuse]
            consultation: {opened: \(year)-01-05, closed: \(year)-02-12, respondents: \(20 + index % 80)}
            approvals:
              due: \(year)-03-31
              by:
                - {partner: p0, approved: \(approved)}
                - {partner: p1, approved: \(approved)}
                - {partner: p2, approved: ~}
                - {partner: p3, approved: \(year)-03-10}
                - {partner: p4, approved: \(year)-04-10}
        meetings:
          - {date: \(year)-02-\(pad(day)), body: board}
          - {date: \(year)-06-\(pad(day)), body: board}
        scrutiny_reviews:
          - {date: \(year - 1)-11-\(pad(day)), committee: Safer Communities Committee}
        reviews:
          - id: dhr-\(index)
            notified: \(year)-\(pad(month))-\(pad(day))
            decision: \(decisions[index % decisions.count])
            decided: \(index % decisions.count == 1 ? "~" : "\(year)-\(pad(month))-28")

        """
        return text
    }
}
