import Testing
@testable import RuleEngine

/// Decimals print in positional notation: Swift's own form put `1e-06` and `1e+21` into messages.
@Suite("Decimal display text")
struct DecimalTextTests {
    static let smallest = "0." + String(repeating: "0", count: 323) + "5"
    static let largest = "17976931348623157" + String(repeating: "0", count: 292)

    @Test(arguments: [
        (0.000001, "0.000001"), (-0.000001, "-0.000001"), (0.00000015, "0.00000015"),
        (2.5, "2.5"), (-2.5, "-2.5"), (0.1, "0.1"), (1.0 / 3.0, "0.3333333333333333"), (123.456, "123.456"),
        // Whole numbers have no fraction, however large.
        (3.0, "3"), (-3.0, "-3"), (1e15, "1000000000000000"),
        (1e21, "1000000000000000000000"), (-1e21, "-1000000000000000000000"),
        // Around 2^53, where whole doubles stop being every integer.
        (9_007_199_254_740_992.0, "9007199254740992"), (-9_007_199_254_740_992.0, "-9007199254740992"),
        (9_007_199_254_740_994.0, "9007199254740994"), (4_503_599_627_370_495.5, "4503599627370495.5"),
        (Double.leastNonzeroMagnitude, smallest), (Double.greatestFiniteMagnitude, largest),
    ])
    func finiteDecimalsArePositionalAndRoundTrip(number: Double, expected: String) {
        #expect(Value.plainText(number) == expected)
        #expect(Double(expected) == number)
    }

    /// Non-finite values and negative zero print as before.
    @Test(arguments: [(Double.infinity, "inf"), (-Double.infinity, "-inf"), (Double.nan, "nan"), (-0.0, "0"), (0.0, "0")])
    func othersPrintAsBefore(number: Double, expected: String) {
        #expect(Value.plainText(number) == expected)
    }

    @Test func valuesShowTheSameText() {
        #expect(Value(.double(0.000001)).displayText == "0.000001")
        #expect(Value(.double(-1e21)).descriptionForMessage == "the number -1000000000000000000000")
        #expect(Value(.list([Value(.double(1e-7)), Value(.int(2))])).displayText == "0.0000001, 2")
    }

    /// A decimal an expression writes in a pack is named as it reads in a syntax error.
    @Test func aSyntaxErrorNamesADecimalPositionally() {
        #expect(Token(kind: .double(0.000001), offset: 0, length: 8).display == "`0.000001`")
    }
}
