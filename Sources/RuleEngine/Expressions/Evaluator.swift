/// Evaluates a parsed expression against one record (DESIGN.md §4 "Precise semantics").
///
/// Null is "not recorded": it propagates through arithmetic and comparisons (`==` and `!=`
/// included), and a null result keeps the origin of the null operand that caused it, so a check
/// can say which path was not recorded. `and`, `or` and `not` are three-valued and short-circuit.
/// Values of different types are unequal; ordering them, or any other operator on a type it does
/// not take, is an `EvaluationError` carrying the origin of the record value at fault.
struct Evaluator {
    var scope: EvaluationScope
    /// The element a filter condition is being evaluated for.
    var item: Cursor?
    /// False inside filter conditions: their reads are not evidence (what a filter selects is).
    var logsEvidence = true

    init(scope: EvaluationScope) {
        self.scope = scope
    }

    /// A cursor on a value; a record mapping goes back to its node in the index.
    func cursor(for value: Value) -> Cursor {
        scope.context.cursor(for: value)
    }

    /// A cursor on the record root.
    var rootCursor: Cursor { scope.context.rootCursor }

    /// Most element origins a single projection adds to the evidence.
    static let evidencePerPath = 5

    func evaluate(_ node: Node) throws(EvaluationError) -> Value {
        try scope.context.budget.spend()
        switch node.kind {
        case .literal(let value):
            return value
        case .today:
            return Value(.date(scope.today))
        case .list(let nodes):
            var items: [Value] = []
            items.reserveCapacity(nodes.count)
            for element in nodes { items.append(try evaluate(element)) }
            try ValueLimits.checkList(items, text: node.text)
            return Value(.list(items))
        case .path(let path):
            return try evaluatePath(path, text: node.text)
        case .not(let operand):
            let value = try evaluate(operand)
            switch value.kind {
            case .null: return value
            case .bool(let flag): return Value(.bool(!flag))
            default: throw value.typeError(expected: "a boolean (true or false)", subject: operand.text)
            }
        case .negate(let operand):
            let value = try evaluate(operand)
            switch value.kind {
            case .null: return value
            case .int(let number):
                let (negated, overflow) = (0).subtractingReportingOverflow(number)
                if overflow { throw EvaluationError("`\(node.text)` is too large a number", origin: value.origin) }
                return Value(.int(negated))
            case .double(let number): return Value(.double(-number))
            // As `1 day - 2 days` gives `-1 day`, so does `-(1 day)`: `today + -1 month` reads naturally.
            case .duration(let duration): return Value(.duration(duration.negated))
            default: throw value.typeError(expected: "a number or a duration", subject: operand.text)
            }
        case .and(let left, let right):
            return try logical(left, right, isAnd: true)
        case .or(let left, let right):
            return try logical(left, right, isAnd: false)
        case .coalesce(let left, let right):
            let value = try evaluate(left)
            return value.isNull ? try evaluate(right) : value
        case .binary(let op, let left, let right):
            let lhs = try evaluate(left)
            let rhs = try evaluate(right)
            // Each item compared is a step (`==` on lists compares item by item).
            if op == .in || op == .notIn { try spend(on: rhs) } else if op == .equal || op == .notEqual { try spend(on: lhs) }
            return try Operators.apply(op, lhs, rhs, left: left.text, right: right.text)
        case .call(let function, let arguments):
            return try call(function, arguments)
        }
    }

    /// Three-valued `and`/`or`: the deciding value (`false` for and, `true` for or) wins even over
    /// null, and stops evaluation; otherwise null if either side is null.
    private func logical(_ left: Node, _ right: Node, isAnd: Bool) throws(EvaluationError) -> Value {
        let decisive = !isAnd
        let lhs = try evaluate(left)
        switch lhs.kind {
        case .bool(let flag) where flag == decisive: return Value(.bool(flag))
        case .bool, .null: break
        default: throw lhs.typeError(expected: "a boolean (true or false)", subject: left.text)
        }
        let rhs = try evaluate(right)
        switch rhs.kind {
        case .bool(let flag):
            if flag == decisive { return Value(.bool(flag)) }
            return lhs.isNull ? lhs : Value(.bool(flag))
        case .null:
            return lhs.isNull ? lhs : rhs
        default:
            throw rhs.typeError(expected: "a boolean (true or false)", subject: right.text)
        }
    }

    // MARK: - Names

    /// Resolves a bare name (DESIGN.md §4 Names): inside a filter the item's key first; then, in
    /// a message or remedy only and outside a filter, the outcome names (`status`, `due`, ...);
    /// then the `for_each` variable, then the rule's own `let`, then the pack's; then, outside a
    /// filter, a record key (inside one, a key the item lacks is null). In a filter an outcome name
    /// is the item's key: `plans[? status == "draft"]` read the finding's status for a plan with no
    /// status, so the same filter kept other plans in a message than in the check.
    /// `isLet` says the name is a let, whose reads are already in the evidence.
    func resolve(_ name: PathKey) throws(EvaluationError) -> (cursor: Cursor, isLet: Bool) {
        if let item, case .record(let node) = item, let child = node.child(name) { return (.record(child), false) }
        if item == nil, let outcome = scope.outcome, let slot = name.outcome { return (.value(outcome.value(of: slot)), false) }
        if let variable = scope.variable(name.name) { return (variable, false) }
        if let ruleLets = scope.ruleLets, let value = try ruleLets.cursor(for: name.name, in: scope) { return (value, true) }
        if let value = try scope.lets.cursor(for: name, in: scope) { return (value, true) }
        return (try Paths.member(item ?? rootCursor, name, subject: name.name), false)
    }

    // MARK: - Paths

    private func evaluatePath(_ path: Path, text: String) throws(EvaluationError) -> Value {
        let start: Cursor
        var isLet = false
        switch path.head {
        case .name(let name): (start, isLet) = try resolve(name)
        case .root: start = rootCursor
        case .item: start = item ?? .value(.null)
        case .value(let base): start = cursor(for: try evaluate(base))
        }
        let result = try walk(start, path.steps[...], text: text)
        // A let read as it is adds nothing: the let's own reads were logged as it was read, just as
        // if its expression were written here (for a filter, the items it kept, not the list).
        guard logsEvidence, !(isLet && path.steps.isEmpty) else { return result }
        // Evidence: the value read, or for a projection the elements it produced.
        if path.projects, case .list(let items) = result.kind {
            for element in items.prefix(Evaluator.evidencePerPath) {
                if let origin = element.origin { scope.evidence.record(origin) }
            }
            if items.isEmpty, let origin = result.origin { scope.evidence.record(origin) }
        } else if let origin = result.origin {
            scope.evidence.record(origin)
        }
        return result
    }

    /// Applies `steps` to `start`; at a projection or filter, the rest of the path applies to
    /// each element, nulls are dropped, and the lists from nested projections are concatenated.
    private func walk(_ start: Cursor, _ steps: ArraySlice<Path.Step>, text: String) throws(EvaluationError) -> Value {
        var cursor = start
        var index = steps.startIndex
        while index < steps.endIndex {
            switch steps[index] {
            case .key(let key):
                cursor = try Paths.member(cursor, key, subject: text)
            case .index(let position):
                cursor = try Paths.element(cursor, position, subject: text, wrap: self.cursor(for:))
            case .project, .filter:
                return try project(cursor, step: steps[index], rest: steps[(index + 1)...], text: text)
            }
            index += 1
        }
        return cursor.value
    }

    private func project(_ cursor: Cursor, step: Path.Step, rest: ArraySlice<Path.Step>,
                         text: String) throws(EvaluationError) -> Value {
        var condition: Node?
        if case .filter(let node) = step { condition = node }
        // Conditions run on a copy that logs nothing and sees the element as `@`.
        var filter = self
        filter.logsEvidence = false
        let flattens = rest.contains { $0.isProjection }
        var results: [Value] = []

        /// Applies the filter and the rest of the path to one element.
        func visit(_ element: Cursor) throws(EvaluationError) {
            try scope.context.budget.spend()
            if let condition {
                filter.item = element
                let verdict = try filter.evaluate(condition)
                switch verdict.kind {
                case .bool(true): break
                case .bool(false), .null: return
                default: throw verdict.typeError(expected: "a boolean (true or false)", subject: condition.text)
                }
            }
            let value = try walk(element, rest, text: text)
            if flattens, case .list(let inner) = value.kind {
                results.append(contentsOf: inner)
            } else if !value.isNull {
                results.append(value)
            }
        }

        switch cursor {
        case .record(let node):
            if let condition, scope.context.indexesFilters, let keyed = KeyedFilter(condition),
               let positions = keyed.candidates(in: node, probe: filter) {
                // The index is a list, looked through once per filter.
                try scope.context.budget.spend(node.itemCount ?? 0)
                results.reserveCapacity(positions.count)
                for position in positions { try visit(.record(node.item(at: position))) }
            } else if let count = node.itemCount {
                results.reserveCapacity(count)
                for position in 0..<count { try visit(.record(node.item(at: position))) }
            } else if node.isNull {
                return cursor.value
            } else {
                throw cursor.value.typeError(expected: "a list", subject: text)
            }
        case .value(let value):
            switch value.kind {
            case .list(let items):
                results.reserveCapacity(items.count)
                for item in items { try visit(self.cursor(for: item)) }
            case .null:
                return value
            default:
                throw value.typeError(expected: "a list", subject: text)
            }
        }
        return Value(.list(results), origin: cursor.origin)
    }

    // MARK: - Functions

    /// Charges the budget a step for each item of a list an operation goes through.
    private func spend(on value: Value) throws(EvaluationError) {
        if case .list(let items) = value.kind { try scope.context.budget.spend(items.count) }
    }

    private func call(_ function: Builtin, _ arguments: [Node]) throws(EvaluationError) -> Value {
        switch function {
        case .exists:
            let value = try evaluate(arguments[0])
            return Value(.bool(Functions.exists(value)))
        case .count:
            return try Functions.count(try evaluate(arguments[0]), subject: arguments[0].text)
        case .first:
            return try Functions.end(of: try evaluate(arguments[0]), first: true, subject: arguments[0].text)
        case .last:
            return try Functions.end(of: try evaluate(arguments[0]), first: false, subject: arguments[0].text)
        case .latest, .earliest:
            var values: [Value] = []
            for argument in arguments {
                values.append(try evaluate(argument))
                try spend(on: values[values.count - 1])
            }
            return try Functions.extreme(values, latest: function == .latest, subjects: arguments.map(\.text))
        case .contains:
            let collection = try evaluate(arguments[0])
            try spend(on: collection)
            let element = try evaluate(arguments[1])
            return try Operators.apply(.in, element, collection, left: arguments[1].text, right: arguments[0].text)
        case .daysBetween:
            let from = try evaluate(arguments[0])
            let to = try evaluate(arguments[1])
            return try Functions.daysBetween(from, to, subjects: (arguments[0].text, arguments[1].text))
        case .endOfMonth:
            let value = try evaluate(arguments[0])
            switch value.kind {
            case .null: return value
            case .date(let date): return Value(.date(date.endOfMonth))
            default: throw value.typeError(expected: "a date", subject: arguments[0].text)
            }
        case .isDate:
            if case .date = try evaluate(arguments[0]).kind { return Value(.bool(true)) }
            return Value(.bool(false))
        case .label:
            let value = try evaluate(arguments[0])
            try spend(on: value)
            return scope.context.labels.apply(to: value)
        case .duplicates:
            let list = try evaluate(arguments[0])
            try spend(on: list)
            return try Functions.duplicates(list, subject: arguments[0].text)
        }
    }
}
