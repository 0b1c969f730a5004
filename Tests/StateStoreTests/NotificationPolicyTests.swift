import RuleEngine
import StateStore
import Testing

func day(_ year: Int, _ month: Int, _ day: Int) -> CivilDate {
    CivilDate(year: year, month: month, day: day)!
}

func item(_ rule: String, _ status: Status, due: CivilDate? = nil, subject: String? = nil) -> CurrentItem {
    CurrentItem(key: ItemKey(rule: rule, subject: subject), title: "Title of \(rule)", status: status, due: due)
}

/// Runs the policy over a sequence of as-of dates, keeping the state as a real run would after each
/// message goes out.
struct PolicyRun {
    var policy = NotificationPolicy(reminderDays: 7)
    var state = AudienceState()
    var sent: [CivilDate] = []

    mutating func run(_ asOf: CivilDate, _ current: [CurrentItem], elsewhere: Set<ItemKey> = []) -> NotificationPlan {
        let plan = policy.plan(state: state, current: current, asOf: asOf, elsewhere: elsewhere)
        if plan.shouldSend {
            state = AudienceState(lastSentOn: asOf, items: plan.nextItems)
            sent.append(asOf)
        }
        return plan
    }
}

@Suite("StateStore: notification policy")
struct NotificationPolicyTests {
    let assessmentDue = day(2024, 3, 31)
    let planDue = day(2024, 3, 10)

    /// An item that moves to another audience (its owner gained an address) is not resolved for this
    /// one but handed over: a message says so once (an item leaves a message only with a line saying
    /// why; it had vanished from the list's without a word), and the messages after it leave it out.
    @Test func anItemHandedToAnotherAudienceIsNotResolved() {
        var run = PolicyRun()
        let approval = item("approval", .overdue, due: planDue, subject: "probation")
        let assessment = item("assessment", .overdue, due: assessmentDue)
        #expect(run.run(day(2024, 3, 20), [approval, assessment]).shouldSend)

        let handedOver = run.run(day(2024, 3, 21), [assessment], elsewhere: [approval.key])
        #expect(handedOver.decision == .send)
        #expect(handedOver.resolved.isEmpty)
        #expect(handedOver.handedOver.map(\.key) == [approval.key])
        #expect(handedOver.nextItems.map(\.key) == [assessment.key])

        // A week on, the reminder lists only what is still this audience's, and says nothing more of
        // the item handed over.
        let reminder = run.run(day(2024, 3, 28), [assessment], elsewhere: [approval.key])
        #expect(reminder.shouldSend)
        #expect(reminder.resolved.isEmpty && reminder.handedOver.isEmpty)
        #expect(reminder.nextItems.map(\.key) == [assessment.key])

        // Without the other audience it would have been reported resolved.
        var plain = PolicyRun()
        _ = plain.run(day(2024, 3, 20), [approval, assessment])
        #expect(plain.run(day(2024, 3, 21), [assessment]).resolved.map(\.key) == [approval.key])
    }

    @Test func newThenUnchangedThenEscalatedThenReminderThenResolved() {
        var run = PolicyRun()
        let dueSoon = item("plan", .dueSoon, due: planDue)
        let overdue = item("assessment", .overdue, due: day(2024, 2, 28))

        // 1 March: both are new.
        var plan = run.run(day(2024, 3, 1), [overdue, dueSoon])
        #expect(plan.decision == .send)
        #expect(plan.items.map(\.change) == [.new, .new])
        #expect(plan.nextItems.allSatisfy { $0.firstNotified == day(2024, 3, 1) && $0.lastNotified == day(2024, 3, 1) })

        // The same date again: never twice in one day, even with news.
        plan = run.run(day(2024, 3, 1), [overdue, dueSoon, item("new-one", .missing)])
        #expect(plan.decision == .alreadySent(on: day(2024, 3, 1)))

        // An older as-of date sends nothing either.
        plan = run.run(day(2024, 2, 20), [overdue])
        #expect(plan.decision == .alreadySent(on: day(2024, 3, 1)))

        // 2 March: nothing changed.
        plan = run.run(day(2024, 3, 2), [overdue, dueSoon])
        #expect(plan.decision == .nothingNew)
        #expect(plan.items.map(\.change) == [.unchanged(lastNotified: day(2024, 3, 1)), .unchanged(lastNotified: day(2024, 3, 1))])

        // 11 March: the plan is now overdue (escalated); the assessment is due a reminder (10 days).
        let escalated = item("plan", .overdue, due: planDue)
        plan = run.run(day(2024, 3, 11), [overdue, escalated])
        #expect(plan.decision == .send)
        #expect(plan.items.map(\.change) == [.reminder(lastNotified: day(2024, 3, 1)), .statusChanged(from: .dueSoon)])
        #expect(plan.nextItems.first { $0.key.rule == "plan" }?.firstNotified == day(2024, 3, 1))

        // 17 March: six days since the last message, no reminder yet.
        plan = run.run(day(2024, 3, 17), [overdue, escalated])
        #expect(plan.decision == .nothingNew)

        // 18 March: seven days, both reminded.
        plan = run.run(day(2024, 3, 18), [overdue, escalated])
        #expect(plan.decision == .send)
        #expect(plan.items.map(\.change) == [.reminder(lastNotified: day(2024, 3, 11)), .reminder(lastNotified: day(2024, 3, 11))])

        // 19 March: the assessment is done: resolved, and that is worth a message.
        plan = run.run(day(2024, 3, 19), [escalated])
        #expect(plan.decision == .send)
        #expect(plan.resolved.map(\.key.rule) == ["assessment"])
        #expect(plan.resolved.first?.status == .overdue)
        #expect(plan.items.map(\.change) == [.unchanged(lastNotified: day(2024, 3, 18))])

        // 20 March: nothing left to say.
        plan = run.run(day(2024, 3, 20), [escalated])
        #expect(plan.decision == .nothingNew)
        #expect(plan.resolved.isEmpty)
        #expect(run.sent == [day(2024, 3, 1), day(2024, 3, 11), day(2024, 3, 18), day(2024, 3, 19)])
    }

    @Test func aMissedWeekCatchesUpInOneMessage() {
        var run = PolicyRun()
        let overdue = item("assessment", .overdue, due: day(2024, 2, 28))
        _ = run.run(day(2024, 3, 1), [overdue])

        // No runs from 2 to 14 March. Meanwhile an item appeared and went again (never told), and another
        // went from due soon to overdue without anyone hearing about the due-soon stage.
        let plan = run.run(day(2024, 3, 15), [overdue, item("approval", .overdue, due: day(2024, 3, 12))])
        #expect(plan.decision == .send)
        #expect(plan.items.map(\.change) == [.reminder(lastNotified: day(2024, 3, 1)), .new])
        #expect(plan.resolved.isEmpty)

        // The next reminder counts from the catch-up message (15 March), not from the missed 8 March slot.
        #expect(run.run(day(2024, 3, 21), [overdue]).decision == .send)  // approval resolved
        #expect(run.run(day(2024, 3, 22), [overdue]).decision == .nothingNew)
        let reminder = run.run(day(2024, 3, 28), [overdue])
        #expect(reminder.decision == .send)
        #expect(reminder.items.map(\.change) == [.reminder(lastNotified: day(2024, 3, 21))])
        #expect(run.sent == [day(2024, 3, 1), day(2024, 3, 15), day(2024, 3, 21), day(2024, 3, 28)])
    }

    @Test func dueSoonIsNotRemindedButMissingIs() {
        var run = PolicyRun(policy: NotificationPolicy(reminderDays: 3))
        _ = run.run(day(2024, 3, 1), [item("a", .dueSoon, due: day(2024, 3, 30)), item("b", .missing)])
        let plan = run.run(day(2024, 3, 4), [item("a", .dueSoon, due: day(2024, 3, 30)), item("b", .missing)])
        #expect(plan.items.map(\.change) == [.unchanged(lastNotified: day(2024, 3, 1)), .reminder(lastNotified: day(2024, 3, 1))])
    }

    @Test func aMovedDueDateIsAChange() {
        var run = PolicyRun()
        _ = run.run(day(2024, 3, 1), [item("a", .dueSoon, due: day(2024, 3, 20))])
        let plan = run.run(day(2024, 3, 2), [item("a", .dueSoon, due: day(2025, 3, 20))])
        #expect(plan.items.map(\.change) == [.dueChanged(from: day(2024, 3, 20))])
        #expect(plan.decision == .send)
    }

    @Test func subjectsAreSeparateItemsAndDuplicatesCountOnce() {
        var run = PolicyRun()
        let police = item("approval", .overdue, due: assessmentDue, subject: "met-police")
        let council = item("approval", .overdue, due: assessmentDue, subject: "lbb")
        let plan = run.run(day(2024, 4, 2), [police, council, police])
        #expect(plan.items.count == 2)
        #expect(plan.nextItems.map(\.key) == [ItemKey(rule: "approval", subject: "lbb"), ItemKey(rule: "approval", subject: "met-police")])
        let next = run.run(day(2024, 4, 3), [police])
        #expect(next.resolved.map(\.key) == [ItemKey(rule: "approval", subject: "lbb")])
    }

    @Test func resolvedAndBackIsNewAgain() {
        var run = PolicyRun()
        _ = run.run(day(2024, 3, 1), [item("a", .overdue, due: day(2024, 2, 1))])
        _ = run.run(day(2024, 3, 2), [])
        let plan = run.run(day(2024, 3, 3), [item("a", .overdue, due: day(2024, 2, 1))])
        #expect(plan.items.map(\.change) == [.new])
        #expect(plan.nextItems.first?.firstNotified == day(2024, 3, 3))
    }

    @Test func nothingEverToldAndNothingNowSendsNothing() {
        let plan = NotificationPolicy().plan(state: AudienceState(), current: [], asOf: day(2024, 3, 1))
        #expect(plan.decision == .nothingNew)
    }

    /// The label is remembered for naming an item that later leaves the record; it is display only,
    /// so a label that changes is not news.
    @Test func labelsAreRememberedButAreNotNews() {
        var run = PolicyRun()
        var approval = item("approval", .overdue, due: planDue, subject: "probation")
        approval.label = "Probation Service"
        #expect(run.run(day(2024, 4, 2), [approval]).nextItems.map(\.label) == ["Probation Service"])
        approval.label = "Probation Service (London)"
        let plan = run.run(day(2024, 4, 3), [approval])
        #expect(plan.decision == .nothingNew)
        #expect(plan.items.map(\.change) == [.unchanged(lastNotified: day(2024, 4, 2))])
        #expect(plan.nextItems.map(\.label) == ["Probation Service (London)"])
    }
}
