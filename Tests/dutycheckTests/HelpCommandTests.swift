import Testing

/// `dutycheck help NAME`: ArgumentParser's own help printed the top-level help for a name it did
/// not know and exited 0, so a mistyped name passed unnoticed.
@Suite("help subcommand")
struct HelpCommandTests {
    static let usage = "Usage: dutycheck <subcommand>\n  See 'dutycheck --help' for more information.\n"

    @Test(arguments: [
        (["help", "nosuch"], "Unknown subcommand 'nosuch' (the subcommands of dutycheck are check, validate, rules, notify, report, calendar)"),
        (["help", "rules", "nosuch"], "Unknown subcommand 'nosuch' (the subcommands of dutycheck rules are list, show, test)"),
        (["help", "check", "extra"], "Unknown subcommand 'extra' (dutycheck check has no subcommands)"),
        (["help", "-h", "chek"], "Unknown subcommand 'chek' (the subcommands of dutycheck are check, validate, rules, notify, report, calendar)"),
        (["help", "help", "nosuch"], "Unknown subcommand 'nosuch' (dutycheck help has no subcommands)"),
    ])
    func anUnknownSubcommandIsAUsageError(arguments: [String], message: String) throws {
        let outcome = try Workspace().run(arguments)
        #expect(outcome.status == 2)
        #expect(outcome.stdout == "")
        #expect(outcome.stderr == "error: \(message)\n" + Self.usage)
    }

    @Test(arguments: [
        (["help"], "USAGE: dutycheck <subcommand>\n"),
        (["help", "check"], "USAGE: dutycheck check "),
        (["help", "rules", "test"], "USAGE: dutycheck rules test "),
        (["help", "rules", "test", "--help"], "USAGE: dutycheck rules test "),
        (["help", "help"], "USAGE: dutycheck help "),
    ])
    func aKnownSubcommandsHelpExitsZero(arguments: [String], usage: String) throws {
        let outcome = try Workspace().run(arguments)
        #expect(outcome.status == 0)
        #expect(outcome.stderr == "")
        #expect(outcome.stdout.hasPrefix("OVERVIEW: "), "\(outcome.stdout)")
        #expect(outcome.stdout.contains("\n" + usage), "\(outcome.stdout)")
    }

    /// After an option, a word may be the option's value: it is not taken for a subcommand name.
    @Test func anOptionsValueIsNotASubcommand() throws {
        let outcome = try Workspace().run(["help", "check", "--as-of", "2024-01-01"])
        #expect(outcome.status == 2)
        #expect(outcome.stderr.hasPrefix("error: Unknown option '--as-of'\n"), "\(outcome.stderr)")
    }
}
