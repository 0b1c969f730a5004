import Testing
import YAMLTree
@testable import Reporters

/// Owners as outputs show them: a partner id by the partner's name, and a role by the partners
/// holding it (a rule names `local_authority` when it cannot tell which council acts).
@Suite struct OwnerNamesTests {
    static let record = """
        dutycheck: 1
        partners:
          - {id: sdc, name: Sevenoaks District Council, role: local_authority}
          - {id: kcc, name: Kent County Council, role: local_authority}
          - {id: police, name: Kent Police, role: police}
          - {id: probation, role: probation}

        """

    @Test func aRoleIsNamedByThePartnersHoldingIt() throws {
        let names = RecordLookup.ownerNames(try YAMLLoader.load(bytes: Array(Self.record.utf8), file: "r.yaml"))
        #expect(names["local_authority"] == "Sevenoaks District Council, Kent County Council")
        #expect(names["sdc"] == "Sevenoaks District Council")
        // A partner id that is also a role is the partner, not the role's holders.
        #expect(names["police"] == "Kent Police")
        #expect(names["probation"] == "probation")
        #expect(names["fire_and_rescue"] == nil)
    }

    @Test func theCheckOutputNamesThem() throws {
        let names = RecordLookup.ownerNames(try YAMLLoader.load(bytes: Array(Self.record.utf8), file: "r.yaml"))
        var finding = CheckFixture.findings[1]
        finding.owners = ["local_authority"]
        let fields = CheckWording.fields(of: finding, waiver: nil, partnerNames: names)
        #expect(fields.contains { $0.label == "Who must act" && $0.lines == ["Sevenoaks District Council, Kent County Council (local_authority)"] })
    }
}
