import YAMLTree

/// Bad input or a failure to read or write: exit 2, with the diagnostics printed to stderr (at most
/// `DiagnosticLimit`'s number per file) as `file:line:col: error: message`, the source line and a caret.
struct InputFailure: Error {
    var diagnostics: [Diagnostic]

    init(_ diagnostics: [Diagnostic]) {
        self.diagnostics = diagnostics
    }

    /// A problem with a whole file or option. An empty path (`-o ""`) is named as such, so the
    /// message does not start with a bare colon.
    init(file: String, _ message: String) {
        self.diagnostics = [Diagnostic(file: file.isEmpty ? "(empty path)" : file, location: nil, message: message)]
    }

    /// The diagnostics with snippets from the files they point into, at most `limit`'s number
    /// per file.
    func rendered(sources: SourceCache, limit: DiagnosticLimit = .standard) -> String {
        limit.rendered(diagnostics, kind: "error", diagnostic: { $0 }) { diagnostic in
            // A problem found after its record was read without fault (its notification settings)
            // points into a file whose bytes were not kept: they are read again for the snippet.
            if diagnostic.location != nil, sources.text(of: diagnostic.file) == nil,
               let bytes = try? InputFiles.read(diagnostic.file) {
                sources.store(bytes, for: diagnostic.file)
            }
            return diagnostic.rendered(in: sources.text(of: diagnostic.file))
        }
    }
}

/// The bytes of every input read in this run, so an error can show the offending line.
final class SourceCache: @unchecked Sendable {
    /// The one cache of this process, read by the exit handler when it prints diagnostics.
    static let shared = SourceCache()

    private var files: [String: [UInt8]] = [:]
    /// Line tables, each built the first time a diagnostic in its file is shown: building one
    /// per diagnostic would make many diagnostics in one large file cost its size each.
    private var texts: [String: SourceText] = [:]
    private let lock = NSLockLike()

    func store(_ bytes: [UInt8], for file: String) {
        lock.withLock {
            files[file] = bytes
            texts[file] = nil
        }
    }

    /// The text of `file` with its line table, or nil when it was never stored.
    func text(of file: String) -> SourceText? {
        lock.withLock {
            if let text = texts[file] { return text }
            guard let bytes = files[file] else { return nil }
            let text = SourceText(bytes: bytes)
            texts[file] = text
            return text
        }
    }
}
