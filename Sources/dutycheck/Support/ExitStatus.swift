import ArgumentParser
import Foundation

/// The exit codes of DESIGN.md §6: 0 nothing at or above the threshold, 1 findings (or a message
/// sent), 2 bad input or a failure to read or write.
enum ExitStatus {
    static let clean: Int32 = 0
    static let findings: Int32 = 1
    static let badInput: Int32 = 2

    /// Runs the command line and exits, mapping ArgumentParser's own codes (64 for usage errors,
    /// 1 for other thrown errors) onto 2, and printing our diagnostics with their snippets, after
    /// the run's warnings (at most `DiagnosticLimit`'s number of each per file).
    static func runAndExit(sources: SourceCache = .shared, warnings: WarningLog = .shared) -> Never {
        var limit = DiagnosticLimit.standard
        do {
            try HelpTopic.check(Array(CommandLine.arguments.dropFirst()))
            var command = try DutyCheck.parseAsRoot()
            // After parsing, so that --help and --version work whatever the environment holds.
            limit = try DiagnosticLimit.read(environment: ProcessInfo.processInfo.environment)
            try command.run()
            warnings.flush(limit: limit)
            exit(clean)
        } catch let failure as InputFailure {
            warnings.flush(besides: failure.diagnostics, limit: limit)
            FileHandle.standardError.write(Data((failure.rendered(sources: sources, limit: limit) + "\n").utf8))
            exit(badInput)
        } catch let code as ExitCode {
            warnings.flush(limit: limit)
            exit(code.rawValue)
        } catch {
            warnings.flush(limit: limit)
            let parserCode = DutyCheck.exitCode(for: error).rawValue
            let message = DutyCheck.fullMessage(for: error)
            if parserCode == 0 {
                if !message.isEmpty { print(message) }
                exit(clean)
            }
            // ArgumentParser's message already starts "Error: "; print it once, in our lower case.
            let text = message.hasPrefix("Error: ") ? String(message.dropFirst("Error: ".count)) : message
            FileHandle.standardError.write(Data(("error: " + text + "\n").utf8))
            exit(badInput)
        }
    }
}
