/// What one pack's rules wrote for one record that does not depend on the finding: template holes
/// and owners that read neither the `for_each` item nor an outcome name (`status`, `due`, ...).
///
/// Such an expression sees only the record, the as-of date and the pack's lets, so within one
/// pack and record equal texts give equal results: `{current_plan.title}` in ten messages, or an
/// owner `council` on seven rules, is evaluated once. Keyed by source text so that the rules of a
/// pack share entries. (Belongs to one evaluation of one record, like `LetTable`.)
final class RecordMemo {
    private var holes: [String: Result<String, EvaluationError>] = [:]
    private var owners: [String: [String]] = [:]

    /// The text `expression` writes, evaluated by `write` on first use; an error is kept too, so
    /// every message that shares the hole falls back alike.
    func hole(_ expression: Expression, write: () throws(EvaluationError) -> String) throws(EvaluationError) -> String {
        if let known = holes[expression.source] { return try known.get() }
        let result: Result<String, EvaluationError>
        do { result = .success(try write()) } catch { result = .failure(error) }
        holes[expression.source] = result
        return try result.get()
    }

    /// The owners `expression` names, worked out by `read` on first use.
    func owners(_ expression: Expression, read: () -> [String]) -> [String] {
        if let known = owners[expression.source] { return known }
        let names = read()
        owners[expression.source] = names
        return names
    }
}
