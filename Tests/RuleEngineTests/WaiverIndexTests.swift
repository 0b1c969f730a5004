import Testing
import TestSupport
@testable import RuleEngine

/// `WaiverIndex` finds the same waivers, in the same order, as reading every waiver would.
@Suite struct WaiverIndexTests {
    static func finding(rule: String, subject: String?) -> Finding {
        Finding(rule: rule, pack: "p", title: "t", duty: "d", status: .missing, severity: .error, level: .error,
                confidence: .confirmed, subject: subject, due: nil, done: nil, days: nil, owners: [], message: "m",
                remedy: nil, basis: [], evidence: [], warn: nil, label: nil)
    }

    @Test func findsWhatAFullReadFinds() {
        // Rules r0-r2, subjects s0-s3 or none, drawn from a fixed generator so a failure repeats.
        var generator = SplitMix64(state: 7)
        let waivers: [(rule: String, subject: String?)] = (0..<400).map { _ in
            let subject = Int.random(in: 0...4, using: &generator)
            return ("r\(Int.random(in: 0...2, using: &generator))", subject == 4 ? nil : "s\(subject)")
        }
        let kept = waivers.indices.filter { $0 % 3 != 0 }  // an index over some of the list only
        let index = WaiverIndex(positions: kept) { waivers[$0] }
        for rule in ["r0", "r1", "r2", "r9"] {
            for subject in ["s0", "s1", "s2", "s3", "s9", nil] as [String?] {
                let finding = Self.finding(rule: rule, subject: subject)
                let everyWaiver = kept.filter { waivers[$0].rule == rule && (waivers[$0].subject == nil || waivers[$0].subject == subject) }
                #expect(index.positions(naming: finding) == everyWaiver, "\(rule) \(subject ?? "-")")
            }
        }
    }
}
