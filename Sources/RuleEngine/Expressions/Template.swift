import YAMLTree

/// A message or remedy template: literal text with `{EXPR}` holes; `{{` and `}}` are literal braces.
public struct Template: Sendable {
    public let source: String

    public static func parse(_ source: String, at location: SourceLocation, file: String) throws(Diagnostic) -> Template {
        fatalError("not written yet")
    }

    /// Dates print as `31 March 2024`, lists joined with `, `, null as `not recorded`.
    public func render(in scope: EvaluationScope) throws(EvaluationError) -> String { fatalError("not written yet") }
}
