import Foundation

/// Why exec would refuse to run a file, found without running it, so that a dry run fails where the
/// real run's exec would. The execute bit is not enough: a script whose `#!` interpreter is missing
/// fails with ENOENT, and on Linux a file that is neither a script nor an ELF binary with ENOEXEC,
/// unless binfmt_misc has handlers (see `otherFormatFailure`).
enum ExecCheck {
    /// The bytes of a file's start that Linux reads to choose how to run it (BINPRM_BUF_SIZE).
    static let headerSize = 256
    /// How deep interpreters may name interpreters before the check stops and trusts the rest: the
    /// kernel allows a few levels, and real chains are one deep.
    static let maximumDepth = 4

    /// The `errno` exec would fail with for the file at `path`, or nil when it would start it (or the
    /// check cannot tell). Mirrors the kernel: a file that is missing, not a regular file (EACCES, as for
    /// a folder) or not executable; then, by its first bytes, an ELF binary runs; a `#!` script needs its
    /// interpreter to pass the same check; anything else is `otherFormatFailure`. `access` is what the kernel checks
    /// at exec, root included.
    static func failure(of path: String, depth: Int = 0) -> Int32? {
        var info = stat()
        if stat(path, &info) != 0 { return errno }
        if info.st_mode & S_IFMT != S_IFREG { return EACCES }
        if access(path, X_OK) != 0 { return errno }
        // A file we cannot read may still be a binary the kernel can load (mode 0711): no verdict.
        guard depth < maximumDepth, let header = header(of: path) else { return nil }
        if header.starts(with: [0x7F, 0x45, 0x4C, 0x46]) { return nil }  // "\x7fELF"
        guard header.starts(with: [0x23, 0x21]) else { return otherFormatFailure }  // "#!"
        guard let interpreter = interpreter(in: header) else { return ENOEXEC }
        return failure(of: interpreter, depth: depth + 1)
    }

    /// What exec does with a file that is neither ELF nor `#!`: ENOEXEC on a Linux kernel with no
    /// binfmt_misc handlers. Otherwise no verdict: a handler (qemu, wine) may run it, and other systems
    /// have their own binary formats (Mach-O), which a dry run must not refuse where the real run works.
    static var otherFormatFailure: Int32? {
        #if os(Linux)
        return hasBinfmtHandlers ? nil : ENOEXEC
        #else
        return nil
        #endif
    }

    /// Whether binfmt_misc may run a file the kernel itself would not: it is switched on (`status`) and
    /// has a handler registered. (Not mounted, as in many containers, reads as none.)
    static var hasBinfmtHandlers: Bool {
        let folder = "/proc/sys/fs/binfmt_misc"
        // Read with read(2): a /proc file gives its size as 0, which a whole-file read may take at its word.
        let descriptor = open(folder + "/status", O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return false }
        var bytes = [UInt8](repeating: 0, count: 16)
        let count = bytes.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
        close(descriptor)
        guard count > 0, String(decoding: bytes[..<count], as: UTF8.self).hasPrefix("enabled") else { return false }
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return entries.contains { $0 != "register" && $0 != "status" }
    }

    /// The interpreter a `#!` line names: after the `#!` and any blanks, up to a blank or the end of
    /// the line (a zero byte past the file's end ends it too). Nil (exec gives ENOEXEC) when the line
    /// names none, or runs past what the kernel reads without an end, so the name may be cut off.
    static func interpreter(in header: [UInt8]) -> String? {
        let blanks: Set<UInt8> = [0x20, 0x09]
        let line = header.dropFirst(2)
        guard let start = line.firstIndex(where: { !blanks.contains($0) }) else { return nil }
        let name = line[start...].prefix { !blanks.contains($0) && $0 != 0x0A && $0 != 0x00 }
        if name.isEmpty || name.endIndex == line.endIndex { return nil }
        return String(decoding: name, as: UTF8.self)
    }

    /// The file's first `headerSize` bytes, zero-filled past its end as the kernel's buffer is (so a
    /// short `#!` line with no line end still ends), or nil when it cannot be read.
    private static func header(of path: String) -> [UInt8]? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var bytes = [UInt8](repeating: 0, count: headerSize)
        var filled = 0
        while filled < headerSize {
            let count = bytes.withUnsafeMutableBytes { read(descriptor, $0.baseAddress! + filled, headerSize - filled) }
            if count < 0 && errno == EINTR { continue }
            if count < 0 { return nil }
            if count == 0 { break }
            filled += count
        }
        return bytes
    }
}
