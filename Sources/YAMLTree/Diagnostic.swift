/// A problem in an input file, pointing at the line and column where it is.
///
/// The same type serves the YAML loader, the rule-pack decoder and the record checks, so every
/// bad input is reported as `file:line:col: error: message`.
public struct Diagnostic: Error, Sendable, Hashable, CustomStringConvertible {
    /// A secondary position, such as where a duplicated key was first defined.
    public struct Note: Sendable, Hashable {
        public var message: String
        public var location: SourceLocation?

        public init(_ message: String, at location: SourceLocation? = nil) {
            self.message = message
            self.location = location
        }
    }

    /// An error stops the run (exit 2); a warning is reported and the run goes on.
    public enum Severity: String, Sendable, Hashable {
        case error, warning
    }

    public var file: String
    /// Nil only for a problem with no position (an unreadable file).
    public var location: SourceLocation?
    public var message: String
    public var notes: [Note]
    public var severity: Severity

    public init(file: String, location: SourceLocation?, message: String, notes: [Note] = [], severity: Severity = .error) {
        self.file = file
        self.location = location
        self.message = message
        self.notes = notes
        self.severity = severity
    }

    /// `file:line:col: error: message` (or `warning:`) without a snippet.
    /// `file:line:col: severity: message`. The file's name is shown escaped (`MessageText`): it may
    /// come from a folder listing, and a control character in it must not reach the terminal raw.
    public var description: String {
        let file = MessageText.escaped(file)
        guard let location else { return "\(file): \(severity.rawValue): \(message)" }
        return "\(file):\(location.line):\(location.column): \(severity.rawValue): \(message)"
    }
}

extension Array where Element == Diagnostic {
    /// In the order of their places in the file (line, then column); those with no place first.
    public func sortedByPlace() -> [Diagnostic] {
        func place(_ problem: Diagnostic) -> (Int, Int) { (problem.location?.line ?? 0, problem.location?.column ?? 0) }
        return sorted { place($0) < place($1) }
    }
}

/// A list of diagnostics thrown together, so a decoder can report every problem at once.
public struct DiagnosticList: Error, Sendable, CustomStringConvertible {
    public var diagnostics: [Diagnostic]

    public init(_ diagnostics: [Diagnostic]) {
        self.diagnostics = diagnostics
    }

    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}
