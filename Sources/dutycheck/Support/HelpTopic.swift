import ArgumentParser

/// The subcommand names after `dutycheck help`, checked before ArgumentParser sees them.
///
/// ArgumentParser's own `help` stops at the first name it does not know and prints the help of the
/// command before it, exiting 0: `dutycheck help chek` printed the top-level help and passed, so a
/// script with a mistyped name never heard of it. ArgumentParser offers no hook into its `help`.
enum HelpTopic {
    /// Throws a usage error (`ValidationError`) naming the first name after `help` that is not a
    /// subcommand of the command before it, with the names that are. `-h` and `--help` are passed
    /// over; at any other option the check stops.
    static func check(_ arguments: [String]) throws {
        guard arguments.first == "help" else { return }
        var path = [DutyCheck._commandName]
        var subcommands = DutyCheck.configuration.subcommands
        for name in arguments.dropFirst() {
            if name == "-h" || name == "--help" { continue }
            // Past any other option, a name may be that option's value (`--as-of 2024-01-01`), not a
            // subcommand: ArgumentParser judges the rest.
            if name.hasPrefix("-") { return }
            // `dutycheck help help` describes ArgumentParser's own help command, which has none below it.
            if path.count == 1, name == "help" {
                path.append(name)
                subcommands = []
                continue
            }
            guard let next = subcommands.first(where: { $0._commandName == name || $0.configuration.aliases.contains(name) }) else {
                // A closure, not `\._commandName`: a key path to a static member of an existential
                // metatype crashes the Swift 6.3 compiler.
                let names = subcommands.map { $0._commandName }
                let command = path.joined(separator: " ")
                let known = names.isEmpty ? "\(command) has no subcommands"
                    : "the subcommands of \(command) are " + names.joined(separator: ", ")
                throw ValidationError("Unknown subcommand '\(name)' (\(known))")
            }
            path.append(next._commandName)
            subcommands = next.configuration.subcommands
        }
    }
}
