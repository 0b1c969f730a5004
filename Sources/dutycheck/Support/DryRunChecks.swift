import YAMLTree

/// What a dry run checks of the delivery it stands in for, so that it fails (exit 2, with the real
/// run's message) wherever the real run would fail to hand its messages over, without handing
/// anything over: README promises that `--dry-run` fails where the real run would.
enum DryRunChecks {
    /// The real run writes each message to its file in the folder in turn and stops at the first it
    /// cannot write; all are in one folder, so the first tells.
    static func directory(destinations: [String]) throws(InputFailure) {
        guard let first = destinations.first else { return }
        try OutputFile.checkWritable(first)
    }

    /// The real run tries every message with sendmail and reports each one it could not send: a
    /// program it cannot start fails them all alike.
    static func sendmail(_ command: [String], messageIDs: [String]) throws(InputFailure) {
        guard let program = command.first, !messageIDs.isEmpty, let problem = Sendmail.launchProblem(program) else { return }
        throw InputFailure(messageIDs.map { Diagnostic(file: program, location: nil, message: "could not send \($0): \(problem)") })
    }
}
