import YAMLTree

/// Runs rule tests and checks that every rule is shown both passing and failing.
public struct RuleTestRunner: Sendable {
    /// A failed expectation or a rule without coverage, positioned in the test or pack file.
    public struct Failure: Sendable, CustomStringConvertible {
        public var file: String
        public var location: SourceLocation?
        /// One line: what a test's record, name or subject holds, and what a finding's message
        /// quotes from it, shows its control characters escaped (`\u{1B}`), so it cannot break the
        /// line or drive the terminal.
        public let message: String

        init(file: String, location: SourceLocation?, message: String) {
            self.file = file
            self.location = location
            self.message = MessageText.escaped(message)
        }

        public var description: String { Diagnostic(file: file, location: location, message: message).description }
    }

    public struct Summary: Sendable {
        public var cases: Int
        public var expectations: Int
        /// Expected findings that matched.
        public var passed: Int
        /// Unmatched expectations, then rules lacking a passing or a failing example.
        public var failures: [Failure]
    }

    public let rules: RuleSet

    public init(rules: RuleSet) {
        self.rules = rules
    }

    public func run(_ suites: [RuleTestSuite]) -> Summary {
        let evaluator = RecordEvaluator(rules: rules)
        var failures: [Failure] = []
        var expectations = 0
        var passed = 0
        var passing: Set<String> = []
        var failing: Set<String> = []
        for suite in suites {
            for testCase in suite.cases {
                let result = evaluator.evaluate(testCase.record, asOf: testCase.asOf)
                if let stopped = result.stopped {
                    expectations += testCase.expectations.count
                    failures.append(Failure(file: suite.file, location: testCase.location,
                                            message: "\(testCase.name): " + stopped.testFailure))
                    continue
                }
                let findings = result.findings
                for expected in testCase.expectations {
                    expectations += 1
                    if let problem = check(expected, against: findings) {
                        failures.append(Failure(file: suite.file, location: expected.location,
                                                message: "\(testCase.name): \(problem)"))
                    } else {
                        passed += 1
                        // Only a check that ran counts: `not-applicable` and `waived` show neither
                        // that the rule can pass nor that it can fail.
                        switch expected.status {
                        case .met: passing.insert(expected.rule)
                        case .missing, .overdue, .dueSoon, .late: failing.insert(expected.rule)
                        case .notApplicable, .waived: break
                        }
                    }
                }
            }
        }
        for pack in rules.packs {
            for rule in pack.rules {
                var lacking: [String] = []
                if !passing.contains(rule.id) { lacking.append("a passing example (met)") }
                if !failing.contains(rule.id) { lacking.append("a failing example (missing, overdue, due-soon or late)") }
                if !lacking.isEmpty {
                    failures.append(Failure(file: pack.file, location: rule.location,
                                            message: "rule \"\(rule.id)\" has no test with \(lacking.joined(separator: " and "))"))
                }
            }
        }
        return Summary(cases: suites.reduce(0) { $0 + $1.cases.count }, expectations: expectations, passed: passed, failures: failures)
    }

    /// How many of a rule's subjects, or of its findings, a failure names when none is the one expected.
    static let subjectsShown = 10

    /// The first `subjectsShown` subjects, and how many more: they say what the subjects look like,
    /// where all of them, for each of thousands of expectations, made the report quadratic in size.
    static func shown(_ subjects: [String]) -> String {
        subjects.prefix(subjectsShown).joined(separator: ", ")
            + (subjects.count > subjectsShown ? " and \(subjects.count - subjectsShown) more" : "")
    }

    /// Nil when a finding matches; otherwise what was found instead.
    private func check(_ expected: RuleTestSuite.Expectation, against findings: [Finding]) -> String? {
        let candidates = findings.filter { $0.rule == expected.rule && (expected.subject == nil || $0.subject == expected.subject) }
        let label = expected.rule + (expected.subject.map { " [\($0)]" } ?? "")
        guard !candidates.isEmpty else {
            let subjects = findings.filter { $0.rule == expected.rule }.compactMap(\.subject)
            return "no finding for \(label)" + (subjects.isEmpty ? "" : " (subjects found: \(Self.shown(subjects)))")
        }
        if candidates.contains(where: { matches(expected, $0) }) { return nil }
        let found = candidates.prefix(Self.subjectsShown).map { finding in
            var text = finding.status.rawValue
            if let due = finding.due { text += " due \(due.iso)" }
            if let done = finding.done { text += " done \(done.iso)" }
            if let days = finding.days { text += " days \(days)" }
            if expected.label != nil { text += " labelled \"\(finding.shownSubject ?? "")\"" }
            if expected.owners != nil { text += " owned by [\(finding.owners.joined(separator: ", "))]" }
            text += " — " + finding.message
            if !expected.remedyContains.isEmpty { text += " (remedy: \(finding.remedy ?? "none"))" }
            return text
        }
        var wanted = expected.status.rawValue
        if let due = expected.due { wanted += " due \(due.iso)" }
        if let done = expected.done { wanted += " done \(done.iso)" }
        if let days = expected.days { wanted += " days \(days)" }
        if let label = expected.label { wanted += " labelled \"\(label)\"" }
        if let owners = expected.owners { wanted += " owned by [\(owners.joined(separator: ", "))]" }
        for text in expected.messageContains { wanted += " saying \"\(text)\"" }
        for text in expected.remedyContains { wanted += " with a remedy saying \"\(text)\"" }
        let more = candidates.count > Self.subjectsShown ? " and \(candidates.count - Self.subjectsShown) more" : ""
        return "\(label): expected \(wanted), found \(found.joined(separator: "; "))\(more)"
    }

    private func matches(_ expected: RuleTestSuite.Expectation, _ finding: Finding) -> Bool {
        finding.status == expected.status
            && (expected.due == nil || finding.due == expected.due)
            && (expected.done == nil || finding.done == expected.done)
            && (expected.days == nil || finding.days == expected.days)
            // Against what a reader sees: a label equal to the subject is not kept apart from it.
            && (expected.label == nil || finding.shownSubject == expected.label)
            && (expected.owners == nil || finding.owners == expected.owners)
            && expected.messageContains.allSatisfy { finding.message.contains($0) }
            && expected.remedyContains.allSatisfy { finding.remedy?.contains($0) == true }
    }
}
