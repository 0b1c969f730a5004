import YAMLTree

/// Collects every problem found while decoding one file, so all of them are reported at once.
final class DiagnosticSink {
    let file: String
    private(set) var diagnostics: [Diagnostic] = []

    init(file: String) {
        self.file = file
    }

    func error(_ message: String, at location: SourceLocation?, notes: [Diagnostic.Note] = []) {
        diagnostics.append(Diagnostic(file: file, location: location, message: message, notes: notes))
    }

    func append(_ diagnostic: Diagnostic) {
        diagnostics.append(diagnostic)
    }

    var isEmpty: Bool { diagnostics.isEmpty }
}
