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
        ("^\\([a-z(]+(\\)+)+$", "(\\)+)+"),
        // A character of the group that a quantified part of it may match is no separator: the same
        // character, a class or escape holding it, `.`, a negated or unread class, another case.
        ("^(a+a)+$", "(a+a)+"), ("^(\\d+0)+$", "(\\d+0)+"), ("^([a-z.]+\\.)+$", "([a-z.]+\\.)+"),
        ("^(.+-)+$", "(.+-)+"), ("^([^x]+-)+$", "([^x]+-)+"), ("^([[:alpha:]-]+-)+$", "([[:alpha:]-]+-)+"),
        ("^(\\w+_)+$", "(\\w+_)+"), ("^(\\s+ )+$", "(\\s+ )+"), ("^([A-Z]+a)+$", "([A-Z]+a)+"),
        ("^(\\p{L}+-)+$", "(\\p{L}+-)+"), ("^([+--]+,)+$", "([+--]+,)+"),
        // ... or one that is optional, quantified itself, in an alternative or in a group of its own.
        ("^(a+-?)+$", "(a+-?)+"), ("^(a+-+)+$", "(a+-+)+"), ("^(a+-{0,1})+$", "(a+-{0,1})+"),
        ("^(a+|-)+$", "(a+|-)+"), ("^(a+(?:-))+$", "(a+(?:-))+"), ("^(a+\\b)+$", "(a+\\b)+"),
        // A separated group repeated inside another repeated group.
        ("^((\\.\\d+)*)+$", "((\\.\\d+)*)+"),
        // In extended mode whitespace is not an atom: `(a+) +` is `(a+)+`.
        ("(?x)(a+) +$", "(a+) +"), ("(?ix)^(a+) # comment\n +$", "(a+) # comment\n +"),
    ])
    func nestedRepetitionIsFound(pattern: String, group: String) {
        #expect(PatternRepetition.nested(in: pattern) == group)
    }

    /// Patterns the scanner does not report. That is not a promise that they match in linear time:
    /// it looks only for unbounded repetition inside unbounded repetition. Overlapping bounded
    /// parts (`(a{2,5})+`, `(aa?)+`) or a large bounded count (`(a+){12}`) can still backtrack for
    /// a long time; `validate` has a watchdog for those.
    @Test(arguments: [
        // The shipped record schema's patterns.
        "^[a-z0-9][a-z0-9_-]*$", "^https?://", "^[1-9]\\d* (day|days|week|weeks)$", "^\\d{4}-04-01$",
        // One level of unbounded repetition, or a bounded outer one.
        "^a+b*$", "^(ab)+$", "^(a+){3}$", "^(a+)?$", "(?:ab|cd)*",
        // Only bounded repetition inside: not what the scanner looks for.
        "^(a{2,5})+$", "^(aa?)+$",
        // Each repeat holds a separator that its unbounded repetition cannot match.
        "^\\d+(\\.\\d+)*$", "^[a-z0-9]+(-[a-z0-9]+)*$", "^([a-z]+\\.)+[a-z]{2,}$", "^[\\w.+-]+@([\\w-]+\\.)+[\\w-]{2,}$",
        "^(a+b)+$", "^(?<part>-[a-z]+)*$", "^(?:\\.\\d+)*$", "^(\\s*,\\s*\\d+)*$", "^([0-9a-f]+:)+$", "^(\\w+ )+$", "^([a-z]+\\.?[a-z]*@)+$",
        // Not extended mode: the space is a separator.
        "^(a+) +$", "(?-x)(a+ )+",
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
