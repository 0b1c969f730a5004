import YAMLTree

/// A parsed expression of the rule language (DESIGN.md §4), ready to evaluate many times.
public struct Expression: Sendable {
    /// The text as written in the pack.
    public let source: String
    /// Where the first character of `source` sits in the pack file.
    public let location: SourceLocation

    /// Parses `source`; a syntax error is a diagnostic at the column inside the pack file.
    public static func parse(_ source: String, at location: SourceLocation, file: String) throws(Diagnostic) -> Expression {
        fatalError("not written yet")
    }

    /// Every bare name the expression reads outside filters and inside them, for `let` cycle checks.
    public var referencedNames: Set<String> { fatalError("not written yet") }

    /// Evaluates against a record. Type errors are thrown with the record value that caused them.
    public func evaluate(in scope: EvaluationScope) throws(EvaluationError) -> Value { fatalError("not written yet") }
}

/// A type error or other failure while evaluating, pointing at the record value that caused it.
public struct EvaluationError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public var origin: Origin?

    public init(_ message: String, origin: Origin? = nil) {
        self.message = message
        self.origin = origin
    }

    public var description: String { message }
}
