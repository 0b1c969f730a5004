import Foundation

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
}
