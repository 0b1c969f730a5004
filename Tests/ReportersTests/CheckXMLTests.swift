import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
@testable import Reporters
import Testing

/// XML escaping copies ordinary runs whole and looks only at special bytes, so every special
/// character is tried at several offsets, and an XML parser must read the text back exactly, less
/// the characters XML 1.0 cannot carry.
@Suite("check reporters: XML escaping")
struct CheckXMLTests {
    static let specials = ["\t", "\n", "\r", "\"", "'", "&", "<", ">", "\u{1}", "\u{1F}", "\u{7F}", "\u{85}",
                           "\u{FFFE}", "\u{FFFF}", "\u{FFFD}", "\u{EFFF}", "é", "\u{1F600}"]
    static let dropped: Set<UInt32> = [0x1, 0x1F, 0xFFFE, 0xFFFF]

    func texts(around special: String) -> [String] {
        [0, 1, 7, 8, 15].map { String(repeating: "a", count: $0) + special + special + "bbb" }
    }

    func expected(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.filter { !Self.dropped.contains($0.value) }))
    }

    func parse(_ document: String) throws -> XMLElement {
        try #require(try XMLDocument(xmlString: document, options: [.nodePreserveWhitespace]).rootElement())
    }

    @Test("element content reads back exactly", arguments: specials)
    func elementContent(special: String) throws {
        for text in texts(around: special) {
            let escaped = CheckXML.text(text)
            #expect(!escaped.unicodeScalars.contains { $0 == "<" || $0 == "\r" || Self.dropped.contains($0.value) })
            let root = try parse("<a>" + escaped + "</a>")
            #expect(root.stringValue == expected(text), "\(text.debugDescription)")
        }
    }

    @Test("attribute values read back exactly", arguments: specials)
    func attributeValues(special: String) throws {
        for text in texts(around: special) {
            let escaped = CheckXML.attribute(text)
            #expect(!escaped.unicodeScalars.contains { "\"'<\t\n\r".unicodeScalars.contains($0) })
            let root = try parse("<a b=\"" + escaped + "\"/>")
            #expect(root.attribute(forName: "b")?.stringValue == expected(text), "\(text.debugDescription)")
        }
    }

    @Test("text that needs nothing is returned as it is")
    func plainText() {
        let text = "Partner ’Met’ – 31 March 2024: https://www.legislation.gov.uk/ukpga/1998/37/section/6"
        #expect(CheckXML.text(text) == text)
        #expect(CheckXML.attribute(text) == text)
        #expect(CheckXML.text("a\tb\nc") == "a\tb\nc")
        #expect(CheckXML.attribute("a\tb\nc") == "a&#9;b&#10;c")
        #expect(CheckXML.text("a\r\nb") == "a&#13;\nb")
    }
}
