import YAMLTree

/// The built-in functions (DESIGN.md §4), on evaluated arguments.
///
/// Decisions beyond the design: `count` of a mapping is its number of keys; `latest` and
/// `earliest` also take several arguments (`latest(a, b)`) or a single date; `first`/`last` of an
/// empty list is a null that keeps the list's origin.
enum Functions {
    /// False for null, `""`, `[]` and `{}`; true for anything else.
    static func exists(_ value: Value) -> Bool {
        switch value.kind {
        case .null: return false
        case .string(let text): return !text.isEmpty
        case .list(let items): return !items.isEmpty
        case .map(let mapping):
            return !mapping.entries.isEmpty
        default: return true
        }
    }

    static func count(_ value: Value, subject: String) throws(EvaluationError) -> Value {
        switch value.kind {
        case .null: return value
        case .list(let items): return Value(.int(items.count))
        case .map(let mapping):
            return Value(.int(mapping.entries.count))
        default: throw value.typeError(expected: "a list", subject: subject)
        }
    }

    /// `first(xs)` or `last(xs)`.
    static func end(of value: Value, first: Bool, subject: String) throws(EvaluationError) -> Value {
        switch value.kind {
        case .null: return value
        case .list(let items):
            if let item = first ? items.first : items.last { return item }
            return Value(.null, origin: value.origin)
        default: throw value.typeError(expected: "a list", subject: subject)
        }
    }

    /// `latest`/`earliest`: nulls are skipped, no dates at all is null, and any other element
    /// is a type error pointing at it.
    static func extreme(_ arguments: [Value], latest: Bool, subjects: [String]) throws(EvaluationError) -> Value {
        var candidates: [(Value, String)] = []
        var emptyOrigin: Origin?
        if arguments.count == 1, case .list(let items) = arguments[0].kind {
            candidates = items.map { ($0, subjects[0]) }
            emptyOrigin = arguments[0].origin
        } else {
            candidates = Array(zip(arguments, subjects))
        }
        var best: Value?
        for (candidate, subject) in candidates {
            switch candidate.kind {
            case .null:
                continue
            case .date(let date):
                if let current = best?.asDate, latest ? date <= current : date >= current { continue }
                best = candidate
            default:
                throw candidate.typeError(expected: "a date", subject: subject)
            }
        }
        return best ?? Value(.null, origin: emptyOrigin ?? arguments.first(where: { $0.origin != nil })?.origin)
    }

    /// `duplicates(xs)`: the texts, numbers and dates that occur more than once in a list, each
    /// once, in the order of their second occurrence (which is where the record repeats itself);
    /// nulls are skipped and any other element is a type error pointing at it. Ids and titles are
    /// what a record must not repeat (an unquoted `id: 1` is a number), and some dates (two periods
    /// of one order cannot start the same day); hashing them keeps a long list linear. They repeat
    /// as `==` has it: `1` and `1.0` are one number, and the number `1` and the text `"1"` differ.
    static func duplicates(_ value: Value, subject: String) throws(EvaluationError) -> Value {
        guard case .list(let items) = value.kind else {
            if value.isNull { return value }
            throw value.typeError(expected: "a list", subject: subject)
        }
        enum Key: Hashable { case text(String), whole(Int), fraction(Double), date(CivilDate) }
        var seen: Set<Key> = []
        var repeated: Set<Key> = []
        var found: [Value] = []
        for item in items {
            let key: Key
            switch item.kind {
            case .null:
                continue
            case .string(let text):
                key = .text(text)
            case .int(let number):
                key = .whole(number)
            case .double(let number) where !number.isNaN:
                key = Int(exactly: number).map(Key.whole) ?? .fraction(number)
            case .date(let date):
                key = .date(date)
            default:
                throw item.typeError(expected: "a text, a number or a date", subject: subject)
            }
            if !seen.insert(key).inserted, repeated.insert(key).inserted { found.append(item) }
        }
        return Value(.list(found), origin: value.origin)
    }

    /// `days_between(a, b)` is `b - a` in days.
    static func daysBetween(_ from: Value, _ to: Value, subjects: (String, String)) throws(EvaluationError) -> Value {
        if from.isNull { return from }
        if to.isNull { return to }
        guard case .date(let start) = from.kind else { throw from.typeError(expected: "a date", subject: subjects.0) }
        guard case .date(let end) = to.kind else { throw to.typeError(expected: "a date", subject: subjects.1) }
        return Value(.int(start.days(until: end)))
    }
}
