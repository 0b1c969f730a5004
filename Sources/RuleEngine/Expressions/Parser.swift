/// Recursive-descent parser for the expression language (DESIGN.md §4).
///
/// Precedence, loosest first: `??`, `or`, `and`, `not`, comparisons (`== != < <= > >= in`,
/// `not in`; they do not chain), `+ -`, unary `-`, then postfix steps (`.key`, `[0]`, `["key"]`,
/// `[*]`, `[? condition]`) on a primary.
struct Parser {
    /// Deepest nesting accepted, so a hostile expression cannot exhaust the stack.
    static let maxDepth = 100

    private let scalars: [Unicode.Scalar]
    private let tokens: [Token]
    private var index = 0
    private var filterDepth = 0
    private var depth = 0
    /// Every bare name read, for `let` cycle checks.
    private(set) var names: Set<String> = []

    init(scalars: [Unicode.Scalar]) throws(SyntaxError) {
        self.scalars = scalars
        self.tokens = try Lexer.tokens(of: scalars)
    }

    /// Parses the whole input as one expression.
    mutating func parseExpression() throws(SyntaxError) -> Node {
        if current.kind == .end {
            throw SyntaxError(message: "the expression is empty", offset: 0)
        }
        let node = try coalesce()
        guard current.kind == .end else {
            throw SyntaxError(message: "expected an operator or the end of the expression, found \(current.display)",
                              offset: current.offset)
        }
        return node
    }

    // MARK: - Tokens

    private var current: Token { tokens[index] }
    private var following: Token { tokens[min(index + 1, tokens.count - 1)] }

    private mutating func advance() { if index < tokens.count - 1 { index += 1 } }

    private mutating func expect(_ kind: Token.Kind, _ what: String, opening: Token? = nil) throws(SyntaxError) {
        guard current.kind == kind else {
            if let opening, current.kind == .end {
                throw SyntaxError(message: "this \(opening.display) is never closed", offset: opening.offset)
            }
            throw SyntaxError(message: "expected \(what), found \(current.display)", offset: current.offset)
        }
        advance()
    }

    /// The source text from `start` to the end of the last token taken.
    private func text(from start: Int) -> String {
        let previous = tokens[max(index - 1, 0)]
        let end = max(start, previous.offset + previous.length)
        return String(scalars: scalars[start..<end])
    }

    private mutating func nested<T>(at offset: Int, _ body: (inout Parser) throws(SyntaxError) -> T) throws(SyntaxError) -> T {
        depth += 1
        defer { depth -= 1 }
        guard depth <= Parser.maxDepth else {
            throw SyntaxError(message: "the expression is nested too deeply", offset: offset)
        }
        return try body(&self)
    }

    // MARK: - Operators

    private mutating func coalesce() throws(SyntaxError) -> Node {
        let start = current.offset
        var left = try or()
        while current.kind == .coalesce {
            advance()
            let right = try or()
            left = try combine(.coalesce(left, right), from: start)
        }
        return left
    }

    private mutating func or() throws(SyntaxError) -> Node {
        let start = current.offset
        var left = try and()
        while current.isIdentifier("or") {
            advance()
            let right = try and()
            left = try combine(.or(left, right), from: start)
        }
        return left
    }

    private mutating func and() throws(SyntaxError) -> Node {
        let start = current.offset
        var left = try not()
        while current.isIdentifier("and") {
            advance()
            let right = try not()
            left = try combine(.and(left, right), from: start)
        }
        return left
    }

    private mutating func not() throws(SyntaxError) -> Node {
        let start = current.offset
        guard current.isIdentifier("not") else { return try comparison() }
        advance()
        let operand = try nested(at: start) { (parser: inout Parser) throws(SyntaxError) in try parser.not() }
        return try combine(.not(operand), from: start)
    }

    /// A node for an operator chain, refused when the tree grows too deep to evaluate safely.
    private func combine(_ kind: Node.Kind, from start: Int) throws(SyntaxError) -> Node {
        let node = Node(kind: kind, text: text(from: start))
        guard node.depth <= Node.maxDepth else {
            throw SyntaxError(message: "the expression is nested too deeply", offset: start)
        }
        return node
    }

    private mutating func comparisonOperator() -> (BinaryOperator, tokens: Int)? {
        switch current.kind {
        case .equal: return (.equal, 1)
        case .notEqual: return (.notEqual, 1)
        case .less: return (.less, 1)
        case .lessEqual: return (.lessEqual, 1)
        case .greater: return (.greater, 1)
        case .greaterEqual: return (.greaterEqual, 1)
        case .identifier("in"): return (.in, 1)
        case .identifier("not") where following.isIdentifier("in"): return (.notIn, 2)
        default: return nil
        }
    }

    private mutating func comparison() throws(SyntaxError) -> Node {
        let start = current.offset
        let left = try additive()
        guard let (op, count) = comparisonOperator() else { return left }
        for _ in 0..<count { advance() }
        let right = try additive()
        if comparisonOperator() != nil {
            throw SyntaxError(message: "comparisons do not chain; join them with `and`", offset: current.offset)
        }
        return try combine(.binary(op, left, right), from: start)
    }

    private mutating func additive() throws(SyntaxError) -> Node {
        let start = current.offset
        var left = try unary()
        while current.kind == .plus || current.kind == .minus {
            let op: BinaryOperator = current.kind == .plus ? .plus : .minus
            advance()
            let right = try unary()
            left = try combine(.binary(op, left, right), from: start)
        }
        return left
    }

    private mutating func unary() throws(SyntaxError) -> Node {
        let start = current.offset
        guard current.kind == .minus else { return try postfix() }
        advance()
        let operand = try nested(at: start) { (parser: inout Parser) throws(SyntaxError) in try parser.unary() }
        // Fold `-3` into a literal so it reads as a number everywhere, indexes included.
        if case .literal(let value) = operand.kind {
            if case .int(let number) = value.kind { return try combine(.literal(Value(.int(-number))), from: start) }
            if case .double(let number) = value.kind { return try combine(.literal(Value(.double(-number))), from: start) }
        }
        return try combine(.negate(operand), from: start)
    }

    // MARK: - Paths

    private mutating func postfix() throws(SyntaxError) -> Node {
        let start = current.offset
        let (primary, head) = try self.primary()
        var steps: [Path.Step] = []
        while current.kind == .dot || current.kind == .leftBracket {
            steps.append(try step())
            if steps.count > Parser.maxDepth {
                throw SyntaxError(message: "the path is too long", offset: current.offset)
            }
        }
        if let head {
            let path = Path(head: head, steps: steps, projects: steps.contains { $0.isProjection })
            return try combine(.path(path), from: start)
        }
        guard !steps.isEmpty else { return primary }
        let path = Path(head: .value(primary), steps: steps, projects: steps.contains { $0.isProjection })
        return try combine(.path(path), from: start)
    }

    private mutating func step() throws(SyntaxError) -> Path.Step {
        if current.kind == .dot {
            advance()
            guard case .identifier(let key) = current.kind else {
                throw SyntaxError(message: "expected a key after `.`, found \(current.display); write [\"key\"] for a key that is not a plain name",
                                  offset: current.offset)
            }
            advance()
            return .key(PathKey(key))
        }
        let opening = current
        advance()
        let step: Path.Step
        switch current.kind {
        case .int(let number):
            advance()
            step = .index(number)
        case .minus:
            advance()
            guard case .int(let number) = current.kind else {
                throw SyntaxError(message: "expected an index after `-`, found \(current.display)", offset: current.offset)
            }
            advance()
            step = .index(-number)
        case .string(let key):
            advance()
            step = .key(PathKey(key))
        case .star:
            advance()
            step = .project
        case .question:
            advance()
            filterDepth += 1
            defer { filterDepth -= 1 }
            let condition = try nested(at: opening.offset) { (parser: inout Parser) throws(SyntaxError) in try parser.coalesce() }
            step = .filter(condition)
        default:
            throw SyntaxError(message: "expected an index, a quoted key, `*` or `? condition` after `[`, found \(current.display)",
                              offset: current.offset)
        }
        try expect(.rightBracket, "`]`", opening: opening)
        return step
    }

    // MARK: - Primaries

    /// A primary expression; for a path head (name, `$`, `@`) the head is returned so steps can follow.
    private mutating func primary() throws(SyntaxError) -> (Node, Path.Head?) {
        let token = current
        let start = token.offset
        switch token.kind {
        case .int(let number):
            advance()
            if let duration = try durationUnit(count: number, numberToken: token) {
                return (try combine(.literal(Value(.duration(duration))), from: start), nil)
            }
            return (try combine(.literal(Value(.int(number))), from: start), nil)
        case .double(let number):
            advance()
            if case .identifier(let word) = current.kind, CalendarDuration.Unit(word: word) != nil {
                throw SyntaxError(message: "a duration is a whole number of \(word)", offset: token.offset)
            }
            return (try combine(.literal(Value(.double(number))), from: start), nil)
        case .date(let date):
            advance()
            return (try combine(.literal(Value(.date(date))), from: start), nil)
        case .string(let string):
            advance()
            return (try combine(.literal(Value(.string(string))), from: start), nil)
        case .dollar:
            advance()
            return (Node(kind: .path(Path(head: .root, steps: [], projects: false)), text: "$"), .root)
        case .at:
            guard filterDepth > 0 else {
                throw SyntaxError(message: "`@` (the current item) can only be used inside a filter `[? ]`", offset: start)
            }
            advance()
            return (Node(kind: .path(Path(head: .item, steps: [], projects: false)), text: "@"), .item)
        case .leftParen:
            advance()
            let inner = try nested(at: start) { (parser: inout Parser) throws(SyntaxError) in try parser.coalesce() }
            try expect(.rightParen, "`)`", opening: token)
            return (inner, nil)
        case .leftBracket:
            advance()
            var items: [Node] = []
            try nested(at: start) { (parser: inout Parser) throws(SyntaxError) in
                while parser.current.kind != .rightBracket {
                    items.append(try parser.coalesce())
                    guard parser.current.kind == .comma else { break }
                    parser.advance()
                }
            }
            try expect(.rightBracket, "`,` or `]`", opening: token)
            // A list of literals is itself a literal, built once rather than on every evaluation
            // (`status in ["agreed", "published"]` runs once per element of a filter).
            var values: [Value] = []
            for item in items {
                guard case .literal(let value) = item.kind else { return (try combine(.list(items), from: start), nil) }
                values.append(value)
            }
            return (try combine(.literal(Value(.list(values))), from: start), nil)
        case .identifier(let name):
            return try word(name, token: token)
        case .end:
            throw SyntaxError(message: index == 0 ? "the expression is empty" : "the expression ends where a value was expected",
                              offset: token.offset)
        default:
            throw SyntaxError(message: "expected a value, found \(token.display)", offset: token.offset)
        }
    }

    private mutating func word(_ name: String, token: Token) throws(SyntaxError) -> (Node, Path.Head?) {
        let start = token.offset
        switch name {
        case "true", "false":
            advance()
            return (Node(kind: .literal(Value(.bool(name == "true"))), text: name), nil)
        case "null":
            advance()
            return (Node(kind: .literal(.null), text: name), nil)
        case "today":
            advance()
            return (Node(kind: .today, text: name), nil)
        case "and", "or", "not", "in":
            throw SyntaxError(message: "expected a value, found `\(name)`", offset: start)
        default:
            break
        }
        advance()
        guard current.kind == .leftParen else {
            names.insert(name)
            return (Node(kind: .path(Path(head: .name(PathKey(name)), steps: [], projects: false)), text: name), .name(PathKey(name)))
        }
        guard let function = Builtin(rawValue: name) else {
            var message = "unknown function `\(name)`"
            if let suggestion = closestMatch(to: name, in: Builtin.allCases.map(\.rawValue)) {
                message += "; did you mean `\(suggestion)`?"
            } else {
                message += "; the functions are " + Builtin.allCases.map { "`\($0.rawValue)`" }.joined(separator: ", ")
            }
            throw SyntaxError(message: message, offset: start)
        }
        let opening = current
        advance()
        var arguments: [Node] = []
        try nested(at: start) { (parser: inout Parser) throws(SyntaxError) in
            while parser.current.kind != .rightParen {
                arguments.append(try parser.coalesce())
                guard parser.current.kind == .comma else { break }
                parser.advance()
            }
        }
        try expect(.rightParen, "`,` or `)`", opening: opening)
        guard function.arity.contains(arguments.count) else {
            let expected = function.arity.upperBound == Int.max
                ? "at least \(function.arity.lowerBound) argument"
                : function.arity.lowerBound == 1 ? "1 argument" : "\(function.arity.lowerBound) arguments"
            throw SyntaxError(message: "`\(name)` takes \(expected), not \(arguments.count)", offset: start)
        }
        return (try combine(.call(function, arguments), from: start), nil)
    }

    /// A duration unit after a whole number (`30 days`), or nil when none follows.
    private mutating func durationUnit(count: Int, numberToken: Token) throws(SyntaxError) -> CalendarDuration? {
        guard case .identifier(let word) = current.kind, !reservedWords.contains(word) else { return nil }
        guard let unit = CalendarDuration.Unit(word: word) else {
            throw SyntaxError(message: "`\(word)` is not a duration unit; write days, weeks, months or years",
                              offset: current.offset)
        }
        guard let duration = unit.boundedDuration(count: count) else {
            throw SyntaxError(message: "the duration is too long: \(CalendarDuration.tooLongReason)", offset: numberToken.offset)
        }
        advance()
        return duration
    }
}

/// The candidate nearest to `word` by edit distance, if it is close enough to be a likely typo.
func closestMatch(to word: String, in candidates: [String]) -> String? {
    let target = Array(word.unicodeScalars)
    var best: (name: String, distance: Int)?
    for candidate in candidates {
        let distance = Suggestion.editDistance(target, Array(candidate.unicodeScalars))
        if distance <= max(1, candidate.unicodeScalars.count / 3), distance < (best?.distance ?? Int.max) {
            best = (candidate, distance)
        }
    }
    return best?.name
}
