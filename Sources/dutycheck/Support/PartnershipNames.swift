import YAMLTree

/// The partnership names the records of a run give, in input order, so that a second record giving
/// one already seen is refused: each command that keys something by the name (notify's state, the
/// calendar's UIDs) would otherwise mix the two records up.
struct PartnershipNames {
    /// The file that gave each name first.
    private var firstFile: [String: String] = [:]

    /// Nil when `name` is new, which `file` then holds; otherwise the problem, at the record's
    /// `partnership.name` (whose root is `root`), with `reason` saying why the name must be its own.
    mutating func claim(_ name: String, file: String, root: YAMLNode, reason: String) -> Diagnostic? {
        if let first = firstFile[name] {
            // The name is the record's own text, and the first file's path may come from a folder
            // listing: both escaped, so that an ESC or BEL in them reaches the terminal as text rather
            // than as a command.
            return Diagnostic(file: file, location: root["partnership"]?["name"]?.location,
                              message: "\(MessageText.escaped(first)) already names the partnership '\(MessageText.escaped(name))'; \(reason)")
        }
        firstFile[name] = file
        return nil
    }
}
