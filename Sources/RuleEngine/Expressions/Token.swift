/// One token of an expression, positioned by its offset in Unicode scalars from the start.
struct Token: Sendable {
    enum Kind: Sendable, Equatable {
        case int(Int)
        case double(Double)
        case date(CivilDate)
        case string(String)
        /// A name or a keyword (`and`, `today`, …); the parser tells them apart.
        case identifier(String)
        case dollar, at, dot, comma, leftParen, rightParen, leftBracket, rightBracket, star, question
        case plus, minus
        case equal, notEqual, less, lessEqual, greater, greaterEqual
        case coalesce
        case end
    }

    var kind: Kind
    var offset: Int
    var length: Int

    /// How the token reads in an error message.
    var display: String {
        switch kind {
        case .int(let number): "`\(number)`"
        case .double(let number): "`\(Value.plainText(number))`"
        case .date(let date): "`\(date.iso)`"
        case .string: "a string"
        case .identifier(let name): "`\(name)`"
        case .dollar: "`$`"
        case .at: "`@`"
        case .dot: "`.`"
        case .comma: "`,`"
        case .leftParen: "`(`"
        case .rightParen: "`)`"
        case .leftBracket: "`[`"
        case .rightBracket: "`]`"
        case .star: "`*`"
        case .question: "`?`"
        case .plus: "`+`"
        case .minus: "`-`"
        case .equal: "`==`"
        case .notEqual: "`!=`"
        case .less: "`<`"
        case .lessEqual: "`<=`"
        case .greater: "`>`"
        case .greaterEqual: "`>=`"
        case .coalesce: "`??`"
        case .end: "the end of the expression"
        }
    }

    func isIdentifier(_ word: String) -> Bool {
        if case .identifier(let name) = kind { return name == word }
        return false
    }
}

/// A syntax error at an offset (in Unicode scalars) into the expression's source.
struct SyntaxError: Error, Sendable {
    var message: String
    var offset: Int
}

/// Words with a meaning of their own; a record key spelled like one is reached as `$["in"]`.
let reservedWords: Set<String> = ["and", "or", "not", "in", "true", "false", "null", "today"]
