import YAMLTree

/// A parsed expression of the rule language (DESIGN.md §4), ready to evaluate many times.
///
/// The language, briefly (the design is authoritative):
/// - literals: `2024-01-31` (must name a real day), `30 days`/`2 weeks`/`12 months`/`3 years`,
///   `"text"` or `'text'` (escapes `\\ \" \' \n \t`), `12`, `1.5`, `true`, `false`, `null`,
///   lists `[a, b]`; `today` is the as-of date;
/// - paths: `a.b`, `a[0]` (`a[-1]` is the last element), `a["key-with-dash"]`, projections
///   `a[*].b`, filters `a[? cond]`; `$` is the record root and, inside a filter, `@` is the item;
/// - operators, loosest first: `??`, `or`, `and`, `not`, comparisons `== != < <= > >= in not in`
///   (they do not chain), `+ -`, unary `-`;
/// - functions: `exists`, `count`, `first`, `last`, `latest`, `earliest`, `contains`,
///   `days_between`, `end_of_month`, `is_date`, `label`, `duplicates`.
///
/// Choices the design leaves open:
/// - Projections (`[*]`, `[? ]`) apply the rest of the path to each element and drop nulls; a
///   projection after a projection concatenates (`plans[*].approvals.by[*].partner` is one flat
///   list). A filter keeps elements whose condition is `true`; `false` and null leave them out,
///   anything else is a type error.
/// - Projecting or filtering null gives null; a missing key or an index out of range is null.
/// - Evidence: each path logs the origin of the value it read (a missing key logs the path it
///   would have had, at the mapping that lacks it); a projection logs its first 5 elements, or
///   the collection when it produced nothing. The reads a filter's condition makes are not
///   evidence: what the filter selects is.
/// - `today` and `true`, `false`, `null`, `and`, `or`, `not`, `in` are reserved; a record key
///   with such a name is read as `$["today"]`.
/// - Four or more digits followed at once by `-` and a digit are a date literal, so a malformed
///   date (`2024-1-31`) is a syntax error rather than a subtraction; write `2024 - 1` with spaces.
///   A number may not run into a word (`30days`); duration units are lowercase.
/// - `+` also joins two strings. A date minus a date is a type error that points to
///   `days_between`. `1 month` and `30 days` are unequal and cannot be ordered.
/// - Names are record keys, so a name the record lacks is simply null; only function names are
///   checked when the pack loads.
/// - The tree may be at most 128 levels deep, so evaluation cannot exhaust the stack.
///
/// A class, so that the rules, templates and checks that hold one share it: copying it is one
/// reference, not four.
public final class Expression: Sendable {
    /// The text as written in the pack.
    public let source: String
    /// Where the first character of `source` sits in the pack file.
    public let location: SourceLocation
    /// The file named in diagnostics.
    public let file: String
    /// Every bare name the expression reads outside filters and inside them, for `let` cycle checks.
    ///
    /// Function names, keys after a dot, `today` and `$` are not included.
    public let referencedNames: Set<String>

    let root: Node

    init(source: String, location: SourceLocation, file: String, referencedNames: Set<String>, root: Node) {
        self.source = source
        self.location = location
        self.file = file
        self.referencedNames = referencedNames
        self.root = root
    }

    /// Parses `source`; a syntax error is a diagnostic at the column inside the pack file.
    ///
    /// `location` is the position of `source`'s first character; columns advance by Unicode
    /// scalars, and a line break in `source` moves to column 1 of the next line.
    public static func parse(_ source: String, at location: SourceLocation, file: String) throws(Diagnostic) -> Expression {
        try parse(source, at: location, file: file, locate: nil)
    }

    /// `parse(_:at:file:)`, placing a syntax error with `locate` (an offset into `source`'s
    /// scalars to its place in the file) where the file's text of `source` is not `source` itself:
    /// a block or quoted scalar, whose indentation, folding or escapes the value no longer has.
    static func parse(_ source: String, at location: SourceLocation, file: String,
                      locate: OffsetLocator?) throws(Diagnostic) -> Expression {
        let scalars = Array(source.unicodeScalars)
        do {
            var parser = try Parser(scalars: scalars)
            let root = try parser.parseExpression()
            return Expression(source: source, location: location, file: file, referencedNames: parser.names, root: root)
        } catch {
            let place = locate?(error.offset) ?? location.advanced(over: scalars, to: error.offset)
            throw Diagnostic(file: file, location: place, message: error.message)
        }
    }

    /// The value of an expression that is a single literal (`"board"`, `30 days`), which every
    /// evaluation gives; nil for any other.
    var literalValue: Value? {
        if case .literal(let value) = root.kind { return value }
        return nil
    }

    /// Evaluates against a record. Type errors are thrown with the record value that caused them.
    public func evaluate(in scope: EvaluationScope) throws(EvaluationError) -> Value {
        if case .literal(let value) = root.kind { return value }
        return try Evaluator(scope: scope).evaluate(root)
    }
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

/// Where an offset into an expression's or template's scalars stands in its file.
typealias OffsetLocator = (Int) -> SourceLocation

extension SourceLocation {
    /// The location `offset` Unicode scalars into `scalars`, where scalar `start` is at `self`:
    /// columns advance by one per scalar, and a line break (LF, CR, CRLF, NEL, LS, PS) starts a
    /// new line.
    func advanced(over scalars: [Unicode.Scalar], from start: Int = 0, to offset: Int) -> SourceLocation {
        var line = self.line
        var column = self.column
        var index = start
        let end = min(offset, scalars.count)
        while index < end {
            let scalar = scalars[index]
            if scalar.isLineBreak {
                line += 1
                column = 1
                if scalar == "\r", index + 1 < scalars.count, scalars[index + 1] == "\n" { index += 1 }
            } else {
                column += 1
            }
            index += 1
        }
        if offset > scalars.count { column += offset - scalars.count }
        return SourceLocation(line: line, column: column)
    }
}
