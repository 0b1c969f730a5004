import YAMLTree

/// Evaluates one rule against one record: applicability, items, the check, owners and messages.
/// Waivers are applied afterwards, across all of a record's findings.
struct RuleEvaluator {
    let rule: Rule
    /// The rule's pack, and the record's file and root: only what a finding needs of them (the
    /// pack and the record themselves are large to copy for every rule).
    let packID: String
    let file: String
    let recordRoot: YAMLNode
    /// The record's nation, for the provisions a finding cites (nil when not known).
    let nation: Citation.Nation?
    /// The record root, the as-of date and the pack's lets, built once per record and pack.
    let base: EvaluationScope
    /// The owners the pack's rules name on this record, shared by its findings.
    let ownerMemo: OwnerMemo
    /// What the pack's record-only template holes write on this record, shared by its findings.
    let recordHoles: RecordHoleTexts

    /// Appends the rule's findings to `found` (appending in place, since a finding is large to copy).
    func findings(into found: inout [Finding]) {
        if let applies = rule.applies {
            let scope = freshScope()
            do {
                let value = try applies.evaluate(in: scope)
                switch value.kind {
                case .bool(false):
                    found.append(finding(CheckOutcome(status: .notApplicable), subject: nil, scope: scope))
                    return
                case .bool(true), .null:
                    break  // null applies: an unrecorded fact must not switch a duty off
                default:
                    found.append(finding(.missing("\"applies\" gave \(value.descriptionForMessage), not true or false", culprit: value.origin), subject: nil, scope: scope))
                    return
                }
            } catch {
                found.append(finding(.failed(error), subject: nil, scope: scope))
                return
            }
        }

        guard let forEach = rule.forEach else {
            let scope = freshScope()
            found.append(finding(runCheck(in: scope), subject: nil, scope: scope))
            return
        }
        let scope = freshScope()
        let collection: Value
        do { collection = try forEach.collection.evaluate(in: scope) } catch {
            found.append(finding(.failed(error), subject: nil, scope: scope))
            return
        }
        switch collection.kind {
        case .list(let items) where !items.isEmpty:
            for (index, item) in items.enumerated() {
                found.append(itemFinding(item, index: index, forEach: forEach, base: base))
            }
        case .list, .null:
            if forEach.allowEmpty {
                found.append(finding(CheckOutcome(status: .met), subject: nil, scope: scope))
                return
            }
            let place = collection.origin?.path ?? forEach.collection.source
            found.append(finding(.missing("no items are recorded in \(place)", culprit: collection.origin), subject: nil, scope: scope))
            return
        default:
            found.append(finding(.missing("\(collection.origin?.path ?? forEach.collection.source) is \(collection.descriptionForMessage), not a list", culprit: collection.origin), subject: nil, scope: scope))
        }
    }

    private func itemFinding(_ item: Value, index: Int, forEach: ForEach, base: EvaluationScope) -> Finding {
        var scope = base.withFreshEvidence()
        scope.bind(forEach.variable, to: item)
        // A let table of the item's own: the rule's lets may read the item.
        scope.ruleLets = rule.lets.map(RuleLetTable.init)
        let path = item.origin?.path ?? "item \(index + 1)"
        // An unrecorded subject, or an empty list of parts, falls back to the item's path. A subject
        // that fails (a type error) makes the finding missing, pointing at the value at fault (DESIGN.md
        // §4 Types): a subject quietly replaced by the path would no longer match the waiver naming it.
        var subject = path
        // Where the record wrote the subject, when it is one string of the record's (`partner.name`):
        // `{subject}` in a message is then the record's text, which a report leaves as written.
        var subjectOrigin: Origin?
        if let expression = forEach.subject {
            do {
                if let shown = try Self.text(of: expression, in: scope) { (subject, subjectOrigin) = shown }
            } catch {
                let problem = "the subject `\(expression.source)` could not be worked out: \(error.message)"
                return finding(.failed(EvaluationError(problem, origin: error.origin)), subject: path, scope: scope)
            }
        }
        // A label that says no more than the subject is left out, so outputs do not repeat it; one
        // that fails is left out too (the subject is shown).
        let label = (try? Self.text(of: forEach.label, in: scope)).flatMap { $0.text == subject ? nil : $0.text }
        return finding(runCheck(in: scope), subject: subject, subjectOrigin: subjectOrigin, label: label, scope: scope)
    }

    /// What `expression` (a subject or a label) gives for the item, as display text, with the
    /// value's origin when it is a string read from the record (`Value.isRecordString`); nil when
    /// it is unrecorded, an empty list, or too long to show (ValueLimits). An evaluation error is
    /// thrown.
    private static func text(of expression: Expression?,
                             in scope: EvaluationScope) throws(EvaluationError) -> (text: String, recordOrigin: Origin?)? {
        guard let expression else { return nil }
        let value = try expression.evaluate(in: scope.withDiscardedEvidence())
        guard !value.isNull, value.asList?.isEmpty != true,
              let text = try? value.shownText(subject: expression.source, budget: scope.context.budget) else { return nil }
        return (text, value.isRecordString ? value.origin : nil)
    }

    /// The record scope with its own evidence log and, for a rule with lets, its own let table.
    private func freshScope() -> EvaluationScope {
        var scope = base.withFreshEvidence()
        if let lets = rule.lets { scope.ruleLets = RuleLetTable(lets) }
        return scope
    }

    private func runCheck(in scope: EvaluationScope) -> CheckOutcome {
        switch rule.check {
        case .require(let expression):
            let value: Value
            do { value = try expression.evaluate(in: scope) } catch { return .failed(error) }
            switch value.kind {
            case .bool(true): return CheckOutcome(status: .met)
            case .bool(false): return CheckOutcome(status: .missing)
            case .null:
                let unrecorded = scope.evidence.origins.filter { RecordPath.isUnrecorded($0.path, in: recordRoot) }
                let names = unrecorded.map(\.path)
                let problem = names.isEmpty ? "a value this duty depends on is not recorded" : "not recorded: \(names.joined(separator: ", "))"
                return .missing(problem, culprit: unrecorded.first)
            default:
                return .missing("the requirement gave \(value.descriptionForMessage), not true or false", culprit: value.origin)
            }
        case .inForce(let periods, let warn):
            return InForceCheck.evaluate(periods: periods, warn: warn, in: scope)
        case .every(let last, let done, let interval, let firstDue, let warn):
            return EveryCheck.evaluate(last: last, done: done, interval: interval, firstDue: firstDue, warn: warn, in: scope)
        case .deadline(let due, let done, let notBefore, let warn):
            return DeadlineCheck.evaluate(due: due, done: done, notBefore: notBefore, warn: warn, in: scope)
        }
    }

    private func finding(_ outcome: CheckOutcome, subject: String?, subjectOrigin: Origin? = nil, label: String? = nil,
                         scope: EvaluationScope) -> Finding {
        let owners = owners(in: scope)
        // What a message or remedy reads is not evidence: the finding lists what the check read.
        var messageScope = scope.withDiscardedEvidence()
        if rule.templatesReadOutcome { messageScope.outcome = outcomeVariables(outcome, subject: subject, origin: subjectOrigin) }
        // One memo for the message and the remedy: both are written in `messageScope`.
        var holes: HoleMemo? = rule.repeatsHoles ? HoleMemo() : nil
        // Past the record's budget of text, only what identifies the finding is written in full.
        let budget = scope.context.budget
        var message: String
        var remedy: String?
        var recordText = FindingRecordText()
        var label = label
        if budget.textIsSpent {
            message = DefaultMessage.text(for: outcome, title: rule.title) + " " + EvaluationBudget.textSpentNote
            label = nil
        } else {
            (message, recordText.message) = self.message(for: outcome, in: messageScope, memo: &holes)
            if let rendered = rule.remedy.flatMap({ try? $0.render(in: messageScope, memo: &holes, recordTexts: recordHoles) }) {
                (remedy, recordText.remedy) = (rendered.text, rendered.recordText)
            }
        }
        // No owner is shown then, so the finding says why rather than leaving "who must act" blank.
        // (Added at the end, it moves none of the message's record text.)
        if let problem = owners.problem { message += " (\(Owners.problemOpening): \(problem).)" }
        budget.spendText(message.utf8.count + (remedy?.utf8.count ?? 0) + (label?.utf8.count ?? 0) + (subject?.utf8.count ?? 0)
                         + owners.names.reduce(0) { $0 + $1.utf8.count })
        var origins = scope.evidence.origins
        if let culprit = outcome.culprit {
            origins.removeAll { $0 == culprit }
            origins.insert(culprit, at: 0)
        }
        // The memberwise initializer (see `Finding`'s public one).
        return Finding(
            rule: rule.id, pack: packID, title: rule.title, duty: rule.duty, status: outcome.status,
            severity: rule.severity,
            level: Levels.level(for: outcome.status, severity: rule.severity, confidence: rule.confidence),
            confidence: rule.confidence, subject: subject, label: label, due: outcome.due, done: outcome.done,
            days: outcome.status == .missing ? nil : outcome.days, owners: owners.names, message: message, remedy: remedy,
            basis: rule.basis.binding(in: nation),
            evidence: origins.map { Evidence(path: $0.path, file: file, line: $0.location.line, column: $0.location.column) },
            warn: rule.check.warn, isRecurring: rule.check.isRecurring, isDeadline: rule.check.isDeadline, recordText: recordText)
    }

    private func owners(in scope: EvaluationScope) -> Owners {
        guard let owner = rule.owner else { return Owners(names: []) }
        if let fixed = rule.fixedOwners { return Owners(names: fixed) }
        if rule.ownerIsPerFinding { return Self.owners(of: owner, in: scope) }
        return ownerMemo.owners(owner) { Self.owners(of: owner, in: scope) }
    }

    private static func owners(of owner: Expression, in scope: EvaluationScope) -> Owners {
        do {
            return Owners(names: try Rule.owners(named: try owner.evaluate(in: scope.withDiscardedEvidence()), subject: owner.source,
                                                 budget: scope.context.budget))
        } catch {
            return Owners(names: [], problem: error.message)
        }
    }

    /// Names a message template can use besides the record: `status`, `due`, `done`, `days`, `subject`.
    /// The subject keeps `origin`, where the record wrote it, so that a hole printing it is the
    /// record's text (`HoleText`); a subject the rule made (the item's path, a computed string) has none.
    private func outcomeVariables(_ outcome: CheckOutcome, subject: String?, origin: Origin?) -> OutcomeVariables {
        OutcomeVariables(
            status: Value(.string(outcome.status.rawValue)),
            due: outcome.due.map { Value(.date($0)) } ?? .null,
            done: outcome.done.map { Value(.date($0)) } ?? .null,
            days: outcome.days.map { Value(.int($0)) } ?? .null,
            subject: subject.map { Value(.string($0), origin: origin) } ?? .null)
    }

    private func message(for outcome: CheckOutcome, in scope: EvaluationScope,
                         memo: inout HoleMemo?) -> (text: String, recordText: RecordTextSpans) {
        guard let template = rule.message?.template(for: outcome.status) else {
            return (DefaultMessage.text(for: outcome, title: rule.title), .none)
        }
        let rendered: (text: String, recordText: RecordTextSpans)
        do { rendered = try template.render(in: scope, memo: &memo, recordTexts: recordHoles) } catch {
            return ("\(DefaultMessage.text(for: outcome, title: rule.title)) (The rule's message could not be written: \(error.message).)", .none)
        }
        // A sentence of its own, not an aside: the board report leaves out asides that name record
        // paths, and this one says what is wrong.
        if outcome.isWrongValue, let problem = outcome.problem { return ("\(rendered.text) In this case, \(problem).", rendered.recordText) }
        return rendered
    }
}

extension EvaluationScope {
    /// The same scope with its own evidence log, so each finding lists only what it read.
    func withFreshEvidence() -> EvaluationScope {
        var scope = self
        scope.evidence = EvidenceLog()
        return scope
    }

    /// The same scope logging no evidence, for evaluations whose reads are not listed.
    func withDiscardedEvidence() -> EvaluationScope {
        var scope = self
        scope.evidence = .discarding
        return scope
    }
}
