import RuleEngine
import YAMLTree

/// How many errors, and separately how many warnings, about one input file are printed. A record
/// with 90,000 unknown keys has 90,000 problems of which the first few say all a reader can act on;
/// the rest would bury them and anything else the run printed. What is left out is counted, file
/// by file, so nothing is dropped without a word.
struct DiagnosticLimit: Sendable {
    static let variable = "DUTYCHECK_MAX_DIAGNOSTICS"
    static let defaultPerFile = 50

    /// Nil: every diagnostic is printed (`DUTYCHECK_MAX_DIAGNOSTICS=0`).
    let perFile: Int?

    static let standard = DiagnosticLimit(perFile: defaultPerFile)

    /// The limit set in the environment: unset or empty is 50, 0 is none, and a number too large to
    /// count is as good as none; anything but decimal digits is bad input, named by its variable.
    static func read(environment: [String: String]) throws(InputFailure) -> DiagnosticLimit {
        guard let text = environment[variable], !text.isEmpty else { return .standard }
        guard text.utf8.allSatisfy({ (0x30...0x39).contains($0) }) else {
            throw InputFailure(file: variable, "\(Suggestion.quoted(text, limit: 40)) is not a whole number from 0 up "
                + "(0 prints every diagnostic)")
        }
        guard let count = Int(text), count > 0 else { return DiagnosticLimit(perFile: nil) }
        return DiagnosticLimit(perFile: count)
    }

    /// The first `perFile` of each file's items, in their order, and how many of each file's were
    /// left out, in the order the files first appear. An item whose `identity` repeats one before it
    /// (a file given twice has each of its problems twice) is left out and not counted: it says
    /// nothing new.
    func apply<Item>(_ items: [Item], file: (Item) -> String,
                     identity: (Item) -> String) -> (shown: [Item], left: [(file: String, count: Int)]) {
        var seen: Set<String> = []
        var counts: [String: Int] = [:]
        var order: [String] = []
        var shown: [Item] = []
        for item in items where seen.insert(identity(item)).inserted {
            let name = file(item)
            let count = counts[name, default: 0]
            if count == 0 { order.append(name) }
            counts[name] = count + 1
            if perFile.map({ count < $0 }) ?? true { shown.append(item) }
        }
        guard let perFile else { return (shown, []) }
        let left = order.compactMap { name in counts[name].flatMap { $0 > perFile ? (name, $0 - perFile) : nil } }
        return (shown, left)
    }

    /// The line that says what was left out of `file`: `kind` is "error" or "warning".
    func note(file: String, count: Int, kind: String) -> String {
        let limit = perFile ?? Self.defaultPerFile
        return "\(MessageText.escaped(file)): \(count) more \(count == 1 ? kind : kind + "s") not shown (at most \(limit) "
            + "\(limit == 1 ? "is" : "are") shown per file; set \(Self.variable) to another number, or to 0 to show them all)"
    }

    /// `rendered` for items that are diagnostics: counted by their file, and a repeat being the same
    /// problem in the same file however the file was named (`RepeatedDiagnostic`).
    func rendered<Item>(_ items: [Item], kind: String, diagnostic: (Item) -> Diagnostic, text: (Item) -> String) -> String {
        var repeated = RepeatedDiagnostic()
        return rendered(items, kind: kind, file: { diagnostic($0).file }, identity: { repeated.identity(of: diagnostic($0)) },
                        text: text)
    }

    /// `items` rendered by `text`, one per line, with a note after them for each file cut short.
    func rendered<Item>(_ items: [Item], kind: String, file: (Item) -> String, identity: (Item) -> String,
                        text: (Item) -> String) -> String {
        let (shown, left) = apply(items, file: file, identity: identity)
        return (shown.map(text) + left.map { note(file: $0.file, count: $0.count, kind: kind) }).joined(separator: "\n")
    }
}
