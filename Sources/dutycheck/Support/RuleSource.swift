import ArgumentParser
import Foundation
import RuleEngine
import YAMLTree

/// `--rules DIR` (repeatable) and `--as-of DATE`, shared by every command that evaluates records.
struct RuleOptions: ParsableArguments {
    @Option(name: .customLong("rules"), help: ArgumentHelp("A folder of rule packs (repeatable). Default: the packs built into dutycheck.", valueName: "DIR"))
    var ruleDirectories: [String] = []

    @Option(name: .customLong("as-of"), help: ArgumentHelp("Check as of this date (YYYY-MM-DD). Default: today in Europe/London.", valueName: "DATE"))
    var asOf: String?

    /// The as-of date, or today's date in Europe/London.
    func asOfDate() throws(InputFailure) -> CivilDate {
        guard let asOf else { return Today.inLondon() }
        do { return try CivilDate.reading(asOf) } catch { throw InputFailure(file: "--as-of", "\(error)") }
    }

    func loadRules(sources: SourceCache) throws(InputFailure) -> RuleSet {
        try RuleFiles.load(from: ruleDirectories, sources: sources)
    }
}

/// Where rule packs and rule tests sit inside a rules folder.
enum RuleFiles {
    /// The packs from `--rules` folders, or the shipped packs built into the binary (see
    /// `RuleSet.load` for `checkingExamples`).
    static func load(from ruleDirectories: [String], sources: SourceCache,
                     checkingExamples: Bool = true) throws(InputFailure) -> RuleSet {
        var files: [(name: String, bytes: [UInt8])] = []
        if ruleDirectories.isEmpty {
            files = EmbeddedRules.packs.map { ($0.name, Array($0.text.utf8)) }
        } else {
            // A folder named twice (`--rules r --rules ./r`) is read once: its packs would
            // otherwise clash with themselves.
            var seen: Set<FileIdentity> = []
            for directory in ruleDirectories where FileIdentity(path: directory).map({ seen.insert($0).inserted }) ?? true {
                let packs = try RuleFiles.packs(in: directory)
                if packs.isEmpty { throw InputFailure(file: directory, "holds no rule packs (.yaml files)") }
                for path in packs {
                    files.append((path, try InputFiles.read(path)))
                }
            }
        }
        for file in files { sources.store(file.bytes, for: file.name) }
        do { return try RuleSet.load(files: files, checkingExamples: checkingExamples) } catch { throw InputFailure(error.diagnostics) }
    }

    /// The YAML files directly inside `directory` (not in subfolders), sorted; `holding` says
    /// what the folder is for, in the error when it is something other than a folder.
    static func packs(in directory: String, holding: String = "rule packs") throws(InputFailure) -> [String] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory) else {
            // A mistyped name is told apart from a file given in the folder's place.
            throw InputFailure(file: directory, InputFiles.unreachable("there is no such folder", directory))
        }
        guard isDirectory.boolValue else { throw InputFailure(file: directory, "is not a folder of \(holding)") }
        // A folder that cannot be listed is not one that holds no packs.
        return InputFiles.yamlFiles(among: try InputFiles.listing(of: directory), in: directory)
            .map { (directory as NSString).appendingPathComponent($0) }
    }
}

/// Today's civil date where the partnerships are: deadlines fall on London days.
enum Today {
    static func inLondon(now: Date = Date()) -> CivilDate {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Europe/London") ?? TimeZone(secondsFromGMT: 0)!
        let parts = calendar.dateComponents([.year, .month, .day], from: now)
        return CivilDate(year: parts.year ?? 1970, month: parts.month ?? 1, day: parts.day ?? 1)!
    }
}
