import Foundation
import Testing
import TestSupport

/// A deadline whose rule stops reporting it once it passes must not read as resolved. The Bromley
/// plan's revision for the year from 1 April 2024 is due soon on 27 March; on 3 April, with no
/// revision recorded, the coming-year rule no longer applies (the year has begun). The message named
/// it "Resolved since the last message", and a board reading it would think the plan revised.
@Suite struct NotifyLapsedDeadlineTests {
    @Test func aDeadlinePassedUndoneIsNotResolved() throws {
        let workspace = try Workspace.with(["record.yaml": try Fixtures.bromley()])
        let first = try workspace.run("notify", "--as-of", "2024-03-27", "--state", "state.sqlite", "record.yaml")
        #expect(first.status == 1, "\(first.stderr)")
        #expect(Self.body(of: first.stdout).contains("The plan is revised before each coming year starts – 1 April 2024"))
        let second = try workspace.run("notify", "--as-of", "2024-04-03", "--state", "state.sqlite", "record.yaml")
        #expect(second.status == 1, "\(second.stderr)")
        let body = Self.body(of: second.stdout)
        #expect(body.contains("Resolved since the last message: none."), "\(body)")
        #expect(body.contains("No longer reported, but not shown as met (the rule no longer applies to the record, or the "
            + "item has left it): The plan is revised before each coming year starts (1 April 2024) [was due soon, due "
            + "31 March 2024; that date has passed: check it was done]."), "\(body)")
        let subject = second.stdout.split(separator: "\n").first { $0.hasPrefix("Subject: ") }.map(String.init) ?? ""
        #expect(!subject.contains("resolved"), "\(subject)")
    }

    /// The plain-text part, quoted-printable undone and lines joined, so phrases can be looked for
    /// whatever the wrapping.
    static func body(of message: String) -> String {
        let text = message.replacingOccurrences(of: "=\n", with: "").replacingOccurrences(of: "=E2=80=93", with: "–")
        return text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
    }
}
