import YAMLTree

/// How many errors, and separately how many warnings, are printed for one file. A record with
/// 90,000 unknown keys has 90,000 problems of which the first few say all a reader can act on;
/// the rest would bury them and anything else the run printed. What is left out is counted, file
/// by file, so nothing is dropped without a word.
struct DiagnosticLimit: Sendable {
    static let variable = "DUTYCHECK_MAX_DIAGNOSTICS"
    static let defaultPerFile = 50

    /// Nil: every diagnostic is printed (`DUTYCHECK_MAX_DIAGNOSTICS=0`).
    let perFile: Int?

    static let standard = DiagnosticLimit(perFile: defaultPerFile)

    /// The limit set in the environment: unset or empty is 50, 0 is none; anything but a whole
    /// number from 0 up is bad input, named by its variable.
    static func read(environment: [String: String]) throws(InputFailure) -> DiagnosticLimit {
        guard let text = environment[variable], !text.isEmpty else { return .standard }
        guard let count = Int(text), count >= 0 else {
            throw InputFailure(file: variable, "\"\(MessageText.escaped(text))\" is not a whole number from 0 up (0 prints every diagnostic)")
        }
        return DiagnosticLimit(perFile: count == 0 ? nil : count)
    }

    /// The first `perFile` of each file's items, in their order, and how many of each file's were
    /// left out, in the order the files first appear.
    func apply<Item>(_ items: [Item], file: (Item) -> String) -> (shown: [Item], left: [(file: String, count: Int)]) {
        guard let perFile else { return (items, []) }
        var seen: [String: Int] = [:]
        var order: [String] = []
        var shown: [Item] = []
        for item in items {
            let name = file(item)
            let count = seen[name, default: 0]
            if count == 0 { order.append(name) }
            seen[name] = count + 1
            if count < perFile { shown.append(item) }
        }
        let left = order.compactMap { name in seen[name].flatMap { $0 > perFile ? (name, $0 - perFile) : nil } }
        return (shown, left)
    }

    /// The line that says what was left out of `file`: `kind` is "error" or "warning".
    func note(file: String, count: Int, kind: String) -> String {
        let noun = count == 1 ? kind : kind + "s"
        return "\(MessageText.escaped(file)): \(count) more \(noun) not shown (\(Self.variable) shows at most \(perFile ?? 0) "
            + "per file, \(Self.defaultPerFile) unless set; set it to 0 to show them all)"
    }

    /// `items` rendered by `text`, one per line, with a note after them for each file cut short.
    func rendered<Item>(_ items: [Item], kind: String, file: (Item) -> String, text: (Item) -> String) -> String {
        let (shown, left) = apply(items, file: file)
        return (shown.map(text) + left.map { note(file: $0.file, count: $0.count, kind: kind) }).joined(separator: "\n")
    }
}
