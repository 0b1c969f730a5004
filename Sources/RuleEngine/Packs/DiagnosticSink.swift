import YAMLTree

/// Collects every problem found while decoding one file, so all of them are reported at once.
final class DiagnosticSink {
    let file: String
    /// The file's text, when known, to place errors inside block and quoted scalars exactly.
    let source: SourceText?
    private(set) var diagnostics: [Diagnostic] = []

    init(file: String, source: SourceText? = nil) {
        self.file = file
        self.source = source
    }

    func error(_ message: String, at location: SourceLocation?, notes: [Diagnostic.Note] = []) {
        diagnostics.append(Diagnostic(file: file, location: location, message: message, notes: notes))
    }

    func append(_ diagnostic: Diagnostic) {
        diagnostics.append(diagnostic)
    }

    var isEmpty: Bool { diagnostics.isEmpty }
}
