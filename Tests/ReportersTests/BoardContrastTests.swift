import Foundation
import Reporters
import Testing

/// WCAG 2.2 contrast (success criterion 1.4.3): every text colour on its background, computed with
/// the WCAG relative-luminance formula, must reach 4.5:1.
@Suite("Board report contrast")
struct BoardContrastTests {
    static func luminance(_ hex: String) -> Double {
        let digits = Array(hex.dropFirst())
        func channel(_ offset: Int) -> Double {
            let value = Double(Int(String(digits[offset..<offset + 2]), radix: 16)!) / 255
            return value <= 0.04045 ? value / 12.92 : pow((value + 0.055) / 1.055, 2.4)
        }
        return 0.2126 * channel(0) + 0.7152 * channel(2) + 0.0722 * channel(4)
    }

    static func ratio(_ first: String, _ second: String) -> Double {
        let (a, b) = (luminance(first), luminance(second))
        return (max(a, b) + 0.05) / (min(a, b) + 0.05)
    }

    @Test func formulaMatchesKnownValues() {
        #expect(abs(Self.ratio("#000000", "#ffffff") - 21) < 0.01)
        #expect(abs(Self.ratio("#ffffff", "#f47738") - 2.78) < 0.01)   // white on orange: the classic failure
        #expect(abs(Self.ratio("#ffffff", "#d4351c") - 4.86) < 0.01)
    }

    /// Red, Amber and Green differ in lightness, not only in hue, so a greyscale print or a reader
    /// who cannot tell the hues apart still sees three different tags.
    @Test func ratingTagsDifferInLightness() {
        let backgrounds = [BoardRating.red, .amber, .green].map(\.colours)
        for (index, first) in backgrounds.enumerated() {
            for second in backgrounds[(index + 1)...] {
                let ratio = Self.ratio(first.background, second.background)
                #expect(ratio >= 1.7, "\(first.name) and \(second.name): \(first.background) and \(second.background) are \(ratio):1")
            }
        }
    }

    @Test(arguments: BoardPalette.all)
    func paletteReachesAA(_ pair: BoardPalette.Pair) {
        let ratio = Self.ratio(pair.foreground, pair.background)
        #expect(ratio >= 4.5, "\(pair.name): \(pair.foreground) on \(pair.background) is \(ratio):1")
    }

    /// Reads the colour declarations out of the style sheet the report actually ships, so a colour
    /// added to the CSS without going through the palette is still checked.
    @Test func everyColourInTheStyleSheetReachesAA() throws {
        let report = BoardFixtures.report()
        let page = BoardReport.html(report, record: report.records[0], options: BoardFixtures.options())
        let style = try #require(page.components(separatedBy: "<style>").dropFirst().first?
            .components(separatedBy: "</style>").first)
        let block = try Regex("([^{}]*)\\{([^{}]*)\\}")
        let colour = try Regex("(?:^|[;{\\s])color:\\s*(#[0-9a-fA-F]{6})")
        let background = try Regex("background(?:-color)?:\\s*(#[0-9a-fA-F]{6})")
        var checked = 0
        var tagPairs = Set<String>()
        for match in style.matches(of: block) {
            let selector = String(match.output[1].substring ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            let declarations = " " + String(match.output[2].substring ?? "")
            guard let text = declarations.firstMatch(of: colour)?.output[1].substring.map(String.init) else { continue }
            let back = declarations.firstMatch(of: background)?.output[1].substring.map(String.init) ?? "#ffffff"
            let ratio = Self.ratio(text, back)
            #expect(ratio >= 4.5, "\(selector): \(text) on \(back) is \(ratio):1")
            if selector.hasPrefix(".tag-") { tagPairs.insert(selector) }
            checked += 1
        }
        #expect(checked >= 10)
        #expect(tagPairs == Set(BoardRating.allCases.map { ".tag-\($0.rawValue)" }))
    }
}
