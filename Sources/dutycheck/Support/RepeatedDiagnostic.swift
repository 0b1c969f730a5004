import YAMLTree

/// What makes two diagnostics one problem, so that a file given twice has its problems printed
/// once: the same text about the same file, the file known by its device and inode (`FileIdentity`)
/// rather than by how it was spelt, so `r.yaml` and `./r.yaml` (or a link to it) are one. A path
/// that cannot be looked up stands for itself.
struct RepeatedDiagnostic {
    /// Each path's file identity, looked up once: a file can have thousands of problems.
    private var keys: [String: String] = [:]

    mutating func identity(of diagnostic: Diagnostic) -> String {
        let key = keys[diagnostic.file] ?? {
            // The NUL keeps an identity from reading as a path.
            let made = FileIdentity(path: diagnostic.file).map { "\u{0}\($0.device):\($0.inode)" } ?? diagnostic.file
            keys[diagnostic.file] = made
            return made
        }()
        var named = diagnostic
        named.file = key
        return named.description
    }
}
