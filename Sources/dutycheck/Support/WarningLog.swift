import Foundation
import YAMLTree

/// Warnings about the inputs, written to stderr when the run ends, after its output. A warning at a
/// place where an error of the run is also reported is left out: the error says it already.
final class WarningLog: @unchecked Sendable {
    struct Entry: Sendable {
        var diagnostic: Diagnostic
        /// With its source line and caret.
        var text: String
    }

    /// The one log of this process, written out by the exit handler.
    static let shared = WarningLog()

    private var entries: [Entry] = []
    private let lock = NSLockLike()

    func add(_ warnings: [Entry]) {
        guard !warnings.isEmpty else { return }
        lock.withLock { entries += warnings }
    }

    /// Writes the warnings to stderr, at most `limit`'s number per file, but those at the place
    /// (file, line and column) of one of `errors`, and empties the log.
    func flush(besides errors: [Diagnostic] = [], limit: DiagnosticLimit = .standard) {
        let taken = lock.withLock {
            defer { entries = [] }
            return entries
        }
        let errorPlaces = Set(errors.compactMap { error in error.location.map { Place(file: error.file, location: $0) } })
        let shown = taken.filter { entry in
            guard let location = entry.diagnostic.location else { return true }
            return !errorPlaces.contains(Place(file: entry.diagnostic.file, location: location))
        }
        guard !shown.isEmpty else { return }
        let text = limit.rendered(shown, kind: "warning", diagnostic: \.diagnostic, text: \.text)
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    private struct Place: Hashable {
        var file: String
        var location: SourceLocation
    }
}
