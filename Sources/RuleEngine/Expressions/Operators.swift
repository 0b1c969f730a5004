import YAMLTree

/// The binary operators on non-expression values.
///
/// Decisions beyond DESIGN.md §4: `+` also joins two strings; `1 month` and `30 days` are unequal
/// and cannot be ordered (a duration orders against another only when both are pure days or pure
/// months); strings order by Unicode scalar value (after canonical normalisation, as Swift
/// compares strings); a date minus a date is a type error that
/// points to `days_between`.
enum Operators {
    static func apply(_ op: BinaryOperator, _ lhs: Value, _ rhs: Value,
                      left: String, right: String) throws(EvaluationError) -> Value {
        // Null is "not recorded": any operator with a null operand is null, keeping its origin.
        if lhs.isNull { return lhs }
        if rhs.isNull { return rhs }
        switch op {
        case .equal: return Value(.bool(equals(lhs, rhs)))
        case .notEqual: return Value(.bool(!equals(lhs, rhs)))
        case .less: return Value(.bool(try order(lhs, rhs, left: left, right: right) < 0))
        case .lessEqual: return Value(.bool(try order(lhs, rhs, left: left, right: right) <= 0))
        case .greater: return Value(.bool(try order(lhs, rhs, left: left, right: right) > 0))
        case .greaterEqual: return Value(.bool(try order(lhs, rhs, left: left, right: right) >= 0))
        case .in: return Value(.bool(try contains(rhs, lhs, collection: right, element: left)))
        case .notIn: return Value(.bool(!(try contains(rhs, lhs, collection: right, element: left))))
        case .plus: return try add(lhs, rhs, left: left, right: right)
        case .minus: return try subtract(lhs, rhs, left: left, right: right)
        }
    }

    // MARK: - Equality

    /// Structural equality: numbers compare by exact value (`1 == 1.0`), different types are unequal,
    /// lists element by element, mappings key by key. Nulls inside lists equal each other.
    ///
    /// (Switches here take one operand at a time: a switch over a tuple of two values copies both.)
    static func equals(_ lhs: Value, _ rhs: Value) -> Bool {
        switch lhs.kind {
        case .null:
            return rhs.isNull
        case .bool(let a):
            if case .bool(let b) = rhs.kind { return a == b }
        case .int(let a):
            if case .int(let b) = rhs.kind { return a == b }
            if case .double(let b) = rhs.kind { return !b.isNaN && MixedNumberOrder.sign(a, b) == 0 }
        case .double(let a):
            if case .double(let b) = rhs.kind { return a == b }
            if case .int(let b) = rhs.kind { return !a.isNaN && MixedNumberOrder.sign(b, a) == 0 }
        case .string(let a):
            if case .string(let b) = rhs.kind { return a == b }
        case .date(let a):
            if case .date(let b) = rhs.kind { return a == b }
        case .duration(let a):
            if case .duration(let b) = rhs.kind { return a == b }
        case .list(let a):
            guard case .list(let b) = rhs.kind, a.count == b.count else { return false }
            for index in a.indices where !equals(a[index], b[index]) { return false }
            return true
        case .map(let a):
            guard case .map(let b) = rhs.kind else { return false }
            // The same node is equal without a walk: a list of `$` repeated (`[$, $]`, nested) would
            // otherwise compare the whole record once per item. (So a mapping holding `.nan` equals
            // itself, though the `.nan` does not: equality of a value with itself is the one that
            // matters here, and a record has no other use for NaN.)
            if a === b { return true }
            guard case .mapping(let first) = a.node.kind, case .mapping(let second) = b.node.kind,
                  first.count == second.count
            else { return false }
            for entry in first {
                guard case .scalar(let key) = entry.key.kind,
                      let other = Value.lookup(key.text, in: second),
                      equals(Value.fromRecordNode(entry.value, path: nil), Value.fromRecordNode(other, path: nil))
                else { return false }
            }
            return true
        }
        return false
    }

    // MARK: - Ordering

    /// Negative, zero or positive as `lhs` is before, level with or after `rhs`.
    static func order(_ lhs: Value, _ rhs: Value, left: String, right: String) throws(EvaluationError) -> Int {
        func sign<T: Comparable>(_ a: T, _ b: T) -> Int { a < b ? -1 : (a == b ? 0 : 1) }
        switch lhs.kind {
        case .int(let a):
            if case .int(let b) = rhs.kind { return sign(a, b) }
            if case .double(let b) = rhs.kind, !b.isNaN { return MixedNumberOrder.sign(a, b) }
        case .double(let a) where !a.isNaN:
            if case .double(let b) = rhs.kind, !b.isNaN { return sign(a, b) }
            if case .int(let b) = rhs.kind { return -MixedNumberOrder.sign(b, a) }
        case .date(let a):
            if case .date(let b) = rhs.kind { return sign(a, b) }
        case .string(let a):
            if case .string(let b) = rhs.kind { return sign(a, b) }
        case .duration(let a):
            if case .duration(let b) = rhs.kind {
                if a.months == 0, b.months == 0 { return sign(a.days, b.days) }
                if a.days == 0, b.days == 0 { return sign(a.months, b.months) }
                throw EvaluationError("\(a) and \(b) cannot be ordered: a month has no fixed number of days")
            }
        default:
            break
        }
        if case .double(let a) = lhs.kind, a.isNaN { throw EvaluationError("`\(left)` is not a number and cannot be ordered") }
        if case .double(let b) = rhs.kind, b.isNaN { throw EvaluationError("`\(right)` is not a number and cannot be ordered") }
        throw mismatch(lhs, rhs, left: left, right: right, expecting: "a number, a date, a string or a duration")
    }

    /// A type error for two operands that do not go together, blaming the one read from the record
    /// (or else the one that is not a date or number), and naming the type the other suggests.
    static func mismatch(_ lhs: Value, _ rhs: Value, left: String, right: String, expecting general: String) -> EvaluationError {
        func isAnchor(_ value: Value) -> Bool {
            switch value.kind {
            case .date, .int, .double, .duration: true
            default: false
            }
        }
        let blameRight: Bool
        if lhs.origin == nil, rhs.origin != nil {
            blameRight = true
        } else if lhs.origin != nil, rhs.origin == nil {
            blameRight = false
        } else {
            blameRight = isAnchor(lhs) && !isAnchor(rhs)
        }
        if sameType(lhs, rhs) {
            return lhs.typeError(expected: general, subject: left)
        }
        return blameRight
            ? rhs.typeError(expected: lhs.typeName, subject: right)
            : lhs.typeError(expected: rhs.typeName, subject: left)
    }

    private static func sameType(_ lhs: Value, _ rhs: Value) -> Bool {
        Value.typeName(of: lhs.kind) == Value.typeName(of: rhs.kind)
    }

    // MARK: - Membership

    /// `element in collection`: list membership, substring, or mapping key.
    static func contains(_ collection: Value, _ element: Value, collection collectionText: String,
                         element elementText: String) throws(EvaluationError) -> Bool {
        switch collection.kind {
        case .list(let items):
            return items.contains { equals($0, element) }
        case .string(let text):
            guard case .string(let part) = element.kind else {
                throw element.typeError(expected: "a string (to look for in the string \(collectionText))", subject: elementText)
            }
            return part.isEmpty || text.contains(part)
        case .map(let node):
            guard case .string(let key) = element.kind else {
                throw element.typeError(expected: "a string (a key of the mapping \(collectionText))", subject: elementText)
            }
            return Value.lookup(key, in: node.entries) != nil
        default:
            throw collection.typeError(expected: "a list, a string or a mapping", subject: collectionText)
        }
    }

    // MARK: - Arithmetic

    static func add(_ lhs: Value, _ rhs: Value, left: String, right: String) throws(EvaluationError) -> Value {
        switch lhs.kind {
        case .int(let a):
            if case .int(let b) = rhs.kind {
                let (sum, overflow) = a.addingReportingOverflow(b)
                if overflow { throw EvaluationError("`\(left) + \(right)` is too large a number") }
                return Value(.int(sum))
            }
            if case .double(let b) = rhs.kind { return try finite(Double(a) + b, Double(a), b, left, "+", right) }
        case .double(let a):
            if case .double(let b) = rhs.kind { return try finite(a + b, a, b, left, "+", right) }
            if case .int(let b) = rhs.kind { return try finite(a + Double(b), a, Double(b), left, "+", right) }
        case .date(let date):
            if case .duration(let duration) = rhs.kind {
                return Value(.date(try inRange(date.addingExactly(duration), left, "+", right, origin: lhs.origin)))
            }
        case .duration(let a):
            if case .date(let date) = rhs.kind {
                return Value(.date(try inRange(date.addingExactly(a), left, "+", right, origin: rhs.origin)))
            }
            if case .duration(let b) = rhs.kind { return Value(.duration(try combine(a, b, negate: false, text: "\(left) + \(right)"))) }
        case .string(let a):
            if case .string(let b) = rhs.kind {
                try ValueLimits.checkJoined(a, b, text: "\(left) + \(right)")
                return Value(.string(a + b))
            }
        default:
            break
        }
        // The operand at fault, judged by what the other one asks for.
        switch (Category(lhs), Category(rhs)) {
        case (.date, _): throw rhs.typeError(expected: "a duration", subject: right)
        case (_, .date): throw lhs.typeError(expected: "a duration", subject: left)
        case (_, .duration): throw lhs.typeError(expected: "a date", subject: left)
        case (.duration, _): throw rhs.typeError(expected: "a date", subject: right)
        case (.number, _): throw rhs.typeError(expected: "a number", subject: right)
        case (_, .number): throw lhs.typeError(expected: "a number", subject: left)
        case (.string, _): throw rhs.typeError(expected: "a string", subject: right)
        case (_, .string): throw lhs.typeError(expected: "a string", subject: left)
        default: throw lhs.typeError(expected: "a number, a date, a duration or a string", subject: left)
        }
    }

    /// A date worked out by `left op right`, which is an error when it falls outside the years dates
    /// can have: clamped, it would give a due date that is not the real one. (The operands' text is
    /// joined only for the message: dates are added on every rule.)
    private static func inRange(_ date: CivilDate?, _ left: String, _ op: String, _ right: String,
                                origin: Origin?) throws(EvaluationError) -> CivilDate {
        guard let date else {
            throw EvaluationError("`\(left) \(op) \(right)` falls outside the years 1 to 9999 that dates can have", origin: origin)
        }
        return date
    }

    /// The result of `left op right` on decimals, which is an error when finite operands give an
    /// infinite one, as a whole number that overflows is: it would compare and print as `inf`. (An
    /// operand that is already infinite, `.inf` in a record, gives what IEEE arithmetic gives.)
    private static func finite(_ result: Double, _ a: Double, _ b: Double, _ left: String, _ op: String,
                               _ right: String) throws(EvaluationError) -> Value {
        if !result.isFinite, a.isFinite, b.isFinite { throw EvaluationError("`\(left) \(op) \(right)` is too large a number") }
        return Value(.double(result))
    }

    static func subtract(_ lhs: Value, _ rhs: Value, left: String, right: String) throws(EvaluationError) -> Value {
        switch lhs.kind {
        case .int(let a):
            if case .int(let b) = rhs.kind {
                let (difference, overflow) = a.subtractingReportingOverflow(b)
                if overflow { throw EvaluationError("`\(left) - \(right)` is too large a number") }
                return Value(.int(difference))
            }
            if case .double(let b) = rhs.kind { return try finite(Double(a) - b, Double(a), b, left, "-", right) }
        case .double(let a):
            if case .double(let b) = rhs.kind { return try finite(a - b, a, b, left, "-", right) }
            if case .int(let b) = rhs.kind { return try finite(a - Double(b), a, Double(b), left, "-", right) }
        case .date(let date):
            if case .duration(let duration) = rhs.kind {
                return Value(.date(try inRange(date.subtractingExactly(duration), left, "-", right, origin: lhs.origin)))
            }
            if case .date = rhs.kind {
                throw EvaluationError("one date cannot be subtracted from another; write days_between(\(right), \(left)) for the days between them",
                                      origin: lhs.origin ?? rhs.origin)
            }
        case .duration(let a):
            if case .duration(let b) = rhs.kind { return Value(.duration(try combine(a, b, negate: true, text: "\(left) - \(right)"))) }
        default:
            break
        }
        switch (Category(lhs), Category(rhs)) {
        case (.date, _): throw rhs.typeError(expected: "a duration", subject: right)
        case (_, .duration): throw lhs.typeError(expected: "a date", subject: left)
        case (.duration, _): throw rhs.typeError(expected: "a duration", subject: right)
        case (.number, _): throw rhs.typeError(expected: "a number", subject: right)
        case (_, .number): throw lhs.typeError(expected: "a number", subject: left)
        default: throw lhs.typeError(expected: "a number or a date", subject: left)
        }
    }

    /// What kind of operand a value is, without its payload.
    private enum Category {
        case number, date, duration, string, other

        init(_ value: Value) {
            switch value.kind {
            case .int, .double: self = .number
            case .date: self = .date
            case .duration: self = .duration
            case .string: self = .string
            default: self = .other
            }
        }
    }

    private static func combine(_ a: CalendarDuration, _ b: CalendarDuration, negate: Bool,
                                text: String) throws(EvaluationError) -> CalendarDuration {
        let other = negate ? b.negated : b
        let (days, overflow1) = a.days.addingReportingOverflow(other.days)
        let (months, overflow2) = a.months.addingReportingOverflow(other.months)
        if overflow1 || overflow2 { throw EvaluationError("`\(text)` is too long a duration") }
        return CalendarDuration(days: days, months: months)
    }
}
