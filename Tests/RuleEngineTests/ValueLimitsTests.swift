import Testing
@testable import RuleEngine

/// A pack cannot make a value, or a message, larger than a record could hold: lets that each join
/// the one before to itself grew 2ⁿ times and exhausted memory (`l24` of 1,000 characters doubled is
/// 16 GB) or took minutes to print. Each is now an evaluation error at the expression that crosses
/// the limit, and the rule's finding says so.
@Suite struct ValueLimitsTests {
    static let record = "dutycheck: 1\npartnership: {name: A}\norders: [{id: park}, {id: square}]\n"

    /// `l0` and then `l1` to `l<count>`, each made from the one before by `step` (`$` for it).
    static func doubling(_ first: String, _ step: String, count: Int) -> [String] {
        ["l0: '\(first)'"] + (1...count).map { "l\($0): '\(step.replacingOccurrences(of: "$", with: "l\($0 - 1)"))'" }
    }

    static let thousand = "\"" + String(repeating: "x", count: 1_000) + "\""

    static func onlyFinding(_ rule: String, lets: [String]) throws -> Finding {
        try TestPack.onlyFinding(record, asOf: "2024-04-02", rules: try TestPack.ruleSet(rules: rule, lets: lets))
    }

    @Test func textDoubledPastEightMiBIsAnErrorWhereItCrossesTheLimit() throws {
        // l13 is 8,192,000 bytes, just under 8 MiB (8,388,608); l14 would be twice that.
        let finding = try Self.onlyFinding(TestPack.rule("r", "require: 'l24 == \"y\"'", "owner: '\"board\"'"),
                                           lets: Self.doubling(Self.thousand, "$ + $", count: 24))
        #expect(finding.status == .missing)
        #expect(finding.message.contains("`l13 + l13` would be more than 8 MiB of text: more than an expression may make"), "\(finding.message)")
    }

    @Test func listsNestedPastTheItemLimitAreAnErrorWhereTheyCrossIt() throws {
        // Counting every level, l<n> holds 3 × 2ⁿ − 2 items: l16 holds 196,606, l17 would hold 393,214.
        let finding = try Self.onlyFinding(TestPack.rule("r", "require: 'count(l30) == 0'", "owner: '\"board\"'"),
                                           lets: Self.doubling("[1]", "[$, $]", count: 30))
        #expect(finding.status == .missing)
        #expect(finding.message.contains("`[l16, l16]` would hold more than 200000 items or 8 MiB of text, counting the lists inside it"),
                "\(finding.message)")
    }

    @Test func aListJustUnderTheLimitIsMade() throws {
        let finding = try Self.onlyFinding(TestPack.rule("r", "require: 'count(l16) == 2'", "owner: '\"board\"'"),
                                           lets: Self.doubling("[1]", "[$, $]", count: 16))
        #expect(finding.status == .met)
    }

    /// 512,000 characters: under the 1 MiB a message may hold once, over it three times.
    static let halfMegabyte = doubling(thousand, "$ + $", count: 9)

    @Test func aMessageHoleThatWouldPrintPastOneMiBFallsBackToTheDefaultMessage() throws {
        let finding = try Self.onlyFinding(
            TestPack.rule("r", "require: 'false'", "owner: '\"board\"'", "message: {missing: 'long: {[l9, l9, l9]}'}"),
            lets: Self.halfMegabyte)
        #expect(finding.status == .missing)
        #expect(finding.message.hasSuffix("(The rule's message could not be written: `[l9, l9, l9]` would print as more than 1 MiB "
                                          + "of text, more than a message may hold.)"), "\(finding.message.suffix(300))")
        #expect(finding.message.utf8.count < 1_000)
    }

    @Test func holesEachUnderTheLimitThatTogetherPassItFallBackToo() throws {
        let finding = try Self.onlyFinding(
            TestPack.rule("r", "require: 'false'", "owner: '\"board\"'", "message: {missing: '{l9} and {l9} and {l9}'}"),
            lets: Self.halfMegabyte)
        #expect(finding.message.hasSuffix("(The rule's message could not be written: the text would be more than 1 MiB long, "
                                          + "more than a message may hold.)"), "\(finding.message.suffix(300))")
    }

    @Test func aSubjectThatWouldPrintPastOneMiBFallsBackToTheItemsPath() throws {
        let findings = try TestPack.evaluate(Self.record, asOf: "2024-04-02", rules: try TestPack.ruleSet(
            rules: TestPack.rule("r", "for_each: orders", "as: order", "subject: '[order.id, l9, l9, l9]'", "require: 'true'",
                                 "owner: '\"board\"'"),
            lets: Self.halfMegabyte)).findings
        #expect(findings.map(\.subject) == ["orders[0]", "orders[1]"])
    }

    @Test func ownersThatWouldPrintPastOneMiBAreAProblemTheFindingNames() throws {
        let finding = try Self.onlyFinding(TestPack.rule("r", "require: 'false'", "owner: '[l9, l9, l9]'"), lets: Self.halfMegabyte)
        #expect(finding.owners == [])
        #expect(finding.message.contains("`[l9, l9, l9]` would print as more than 1 MiB of text"), "\(finding.message.suffix(300))")
    }
}
