import Testing
@testable import RuleEngine

/// `PatternRepetition`: the nested repetition that makes a schema pattern take exponential time.
@Suite struct PatternRepetitionTests {
    @Test(arguments: [
        ("^(a+)+$", "(a+)+"),
        ("^(a*)*$", "(a*)*"),
        ("(a|b+)*", "(a|b+)*"),
        ("^((ab)+)+$", "((ab)+)+"),
        ("^(a+){2,}$", "(a+){2,}"),
        ("^(?:\\d+)+$", "(?:\\d+)+"),
        ("^(?<word>[a-z]{1,}\\s?)*$", "(?<word>[a-z]{1,}\\s?)*"),
        ("x(y(a+)?)+", "(y(a+)?)+"),
        // Bounded outside, unbounded around it again.
        ("^((a+){2})+$", "((a+){2})+"),
        // Lazy repetition backtracks just the same.
        ("^(a+?)+?$", "(a+?)+?"),
        // Escapes and classes before the group do not hide it.
        ("^\\([a-z(]+(x\\)+)+$", "(x\\)+)+"),
    ])
    func nestedRepetitionIsFound(pattern: String, group: String) {
        #expect(PatternRepetition.nested(in: pattern) == group)
    }

    @Test(arguments: [
        // The shipped record schema's patterns.
        "^[a-z0-9][a-z0-9_-]*$", "^https?://", "^[1-9]\\d* (day|days|week|weeks)$", "^\\d{4}-04-01$",
        // One level of repetition, or a bounded outer one.
        "^a+b*$", "^(ab)+$", "^(a+){3}$", "^(a+)?$", "^(a{2,5})+$", "(?:ab|cd)*",
        // Parentheses and quantifiers that are literal: escaped, in a class, quoted, in a comment.
        "^\\(a+\\)+$", "^[(a+)]+$", "^[]a+(]+$", "^[^]+()]*$", "^[[:alpha:](+]+$", "^\\Q(a+)+\\E$", "(?#(a+)+)a",
        // A `{` that is not a quantifier, and escapes with braces.
        "^(a{x})+$", "^(\\p{L})+$", "^(\\x{41})+$",
        // An inner repetition that never gives back what it matched.
        "^(a++)+$", "^(?>a+)+$", "^((?>a+)b)*$",
    ])
    func otherPatternsPass(pattern: String) {
        #expect(PatternRepetition.nested(in: pattern) == nil)
    }
}
