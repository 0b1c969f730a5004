import Foundation
import Testing
import TestSupport

/// Rules/README.md ends with the catalogue that `dutycheck rules list --format markdown` prints.
@Suite struct CatalogueTests {
    static let marker = "## Catalogue\n\n"

    @Test func readmeCatalogueMatchesTheShippedPacks() throws {
        let generated = try CommandRunner.run(["rules", "list", "--rules", "Rules", "--format", "markdown"])
        #expect(generated.status == 0, "\(generated.stderr)")
        let readmeURL = Fixtures.path("Rules/README.md")
        let readme = try String(contentsOf: readmeURL, encoding: .utf8)
        let head = readme.components(separatedBy: Self.marker).first ?? readme
        let expected = head + Self.marker + generated.stdout
        if Golden.isRecording {
            try Data(expected.utf8).write(to: readmeURL, options: .atomic)
            return
        }
        #expect(Golden.firstDifference(expected: readme, actual: expected) == nil,
                "Rules/README.md is out of date: run DUTYCHECK_RECORD_GOLDEN=1 swift test --filter CatalogueTests")
    }
}
