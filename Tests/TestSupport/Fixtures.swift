import Foundation
import Testing

/// Paths into the package, found from this file's location so tests run from any directory.
public enum Fixtures {
    /// The package root (the folder holding Package.swift).
    public static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    public static func path(_ relative: String) -> URL {
        packageRoot.appendingPathComponent(relative)
    }

    /// The bytes of a file under the package root.
    public static func bytes(_ relative: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: path(relative)))
    }

    /// The Bromley example's text.
    public static func bromley() throws -> String {
        try String(contentsOf: path("Examples/bromley/record.yaml"), encoding: .utf8)
    }

    /// The line (from 1) of the Bromley example where `fragment` first appears; 0, which no
    /// expected position holds, when the example cannot be read or does not hold it. Tests name
    /// places in the example this way, so that editing its comments moves no expectation.
    public static func bromleyLine(of fragment: String) -> Int {
        let lines = ((try? bromley()) ?? "").split(separator: "\n", omittingEmptySubsequences: false)
        return (lines.firstIndex { $0.contains(fragment) } ?? -1) + 1
    }

    /// The Bromley example with `old` replaced by `new`, written as `record.yaml` in `directory`;
    /// an `old` the example does not hold is a failed expectation, so no test checks the example
    /// unchanged by mistake.
    public static func editedBromley(replacing old: String, with new: String, in directory: URL,
                                     sourceLocation: SourceLocation = #_sourceLocation) throws -> URL {
        let text = try bromley()
        let edited = text.replacingOccurrences(of: old, with: new)
        #expect(edited != text, "the example does not hold \(old)", sourceLocation: sourceLocation)
        let url = directory.appendingPathComponent("record.yaml")
        try Data(edited.utf8).write(to: url)
        return url
    }
}
