/// Generates partnership records shaped like the Bromley example, varied by index, so the
/// benchmark exercises every shipped pack on realistic data.
enum SyntheticRecords {
    static func record(_ index: Int) -> String {
        let year = 2021 + index % 4
        let month = 1 + index % 12
        let day = 1 + index % 28
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
          - {year: \(year - 1), completed: \(year - 1)-\(pad(month))-\(pad(day))}
          - {year: \(year), completed: \(year)-\(pad(month))-\(pad(day))}
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
            decision: \(index % 2 == 0 ? "\(year)-\(pad(month))-28" : "~")

        """
        return text
    }
}
