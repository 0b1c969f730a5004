import Foundation

/// Writes command output: to stdout, or to a file by way of a temporary file renamed into
/// place, so a reader never sees half a report and a failed write leaves the old file intact.
enum OutputFile {
    static func write(_ text: String, to path: String?) throws(InputFailure) {
        try deliver(to: path) { try $0.write(contentsOf: Data(text.utf8)) }
    }

    static func writeAtomically(_ data: Data, to path: String) throws(InputFailure) {
        try deliver(to: path) { try $0.write(contentsOf: data) }
    }

    /// Puts what `fill` writes at `path`, or on stdout when it is nil. A regular file (or a new
    /// one) is written as a temporary file beside it, synced and renamed into place, keeping the
    /// permission bits of the file it replaces; a symbolic link is followed to its target, which is
    /// replaced in the target's folder so the link still leads to the output. A device, pipe or
    /// socket (/dev/stdout, /dev/null, a FIFO) is written to directly, since renaming over it would
    /// put a regular file where it was.
    static func deliver(to path: String?, _ fill: (FileHandle) throws -> Void) throws(InputFailure) {
        guard let path else {
            do { try fill(FileHandle.standardOutput) } catch {
                throw InputFailure(file: "stdout", "cannot be written: \(InputFiles.describe(error))")
            }
            return
        }
        // Otherwise the folder "" stands for would be the thing refused, as "Is a directory".
        guard !path.isEmpty else {
            throw InputFailure(file: path, "the output path is empty: name a file, or leave out -o to write to stdout")
        }
        if isSpecialFile(path) {
            guard let handle = FileHandle(forWritingAtPath: path) else {
                throw InputFailure(file: path, "cannot be opened for writing: \(String(cString: strerror(errno)))")
            }
            do {
                try fill(handle)
                try handle.close()
            } catch {
                try? handle.close()
                throw InputFailure(file: path, "cannot be written: \(InputFiles.describe(error))")
            }
            return
        }
        let (url, directory, temporary) = try placement(of: path)
        let kept = OutputTarget.permissions(of: url.path)
        do {
            // Made afresh with the kept mode from the start, so a private report is never readable by
            // others while it is being written; a leftover of the same name is removed first.
            unlink(temporary.path)
            let descriptor = open(temporary.path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, kept ?? 0o666)
            guard descriptor >= 0 else { throw cannotWrite(path, in: directory) }
            let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
            do {
                // The umask applied at creation may have taken bits the replaced file had. Best effort:
                // a file system without modes (a FAT stick) refuses, and its files have none to keep.
                if let kept { _ = fchmod(descriptor, kept) }
                try fill(handle)
                try handle.synchronize()
                try handle.close()
            } catch {
                try? handle.close()
                throw error
            }
            if rename(temporary.path, url.path) != 0 {
                throw InputFailure(file: path, "cannot replace the file: \(String(cString: strerror(errno)))")
            }
        } catch let failure as InputFailure {
            try? FileManager.default.removeItem(at: temporary)
            throw failure
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw InputFailure(file: path, "cannot be written: \(InputFiles.describe(error))")
        }
    }

    /// Fails as `deliver(to: path)` would fail to start its temporary file, writing nothing: for a
    /// dry run, which must fail wherever the real run would. The folder is tried by making the very
    /// file the real run would make, and removing it at once, since the permission bits do not tell
    /// (root passes `access()` on a read-only file system's folder, or on /proc, where it cannot
    /// create anything). A special file, written in place, only needs to be writable.
    static func checkWritable(_ path: String) throws(InputFailure) {
        if isSpecialFile(path) {
            if access(path, W_OK) != 0 {
                throw InputFailure(file: path, "cannot be opened for writing: \(String(cString: strerror(errno)))")
            }
            return
        }
        let (_, directory, temporary) = try placement(of: path)
        let descriptor = open(temporary.path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        if descriptor >= 0 {
            close(descriptor)
            unlink(temporary.path)
        } else if errno != EEXIST {  // a leftover the real run would remove first: the folder took it
            throw cannotWrite(path, in: directory)
        }
    }

    /// The file `path` finally names, its folder, and the temporary file this process writes it through.
    private static func placement(of path: String) throws(InputFailure) -> (url: URL, directory: URL, temporary: URL) {
        let url = URL(fileURLWithPath: try OutputTarget.resolve(path))
        let directory = url.deletingLastPathComponent()
        return (url, directory, directory.appendingPathComponent(temporaryName(for: url, process: ProcessInfo.processInfo.processIdentifier)))
    }

    private static func cannotWrite(_ path: String, in directory: URL) -> InputFailure {
        InputFailure(file: path, "cannot write to \(directory.path) (missing folder or permission denied)")
    }

    static func isSpecialFile(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && info.st_mode & S_IFMT != S_IFREG && info.st_mode & S_IFMT != S_IFDIR
    }

    /// The temporary file a process writes `url` through, beside it: `.NAME.PID.tmp`.
    private static func temporaryName(for url: URL, process: Int32) -> String {
        ".\(url.lastPathComponent).\(process).tmp"
    }

    /// Whether `name` is `temporaryName(for: url, process:)` for some process.
    private static func isTemporaryName(_ name: String, for url: URL) -> Bool {
        let prefix = ".\(url.lastPathComponent).", suffix = ".tmp"
        guard name.hasPrefix(prefix), name.hasSuffix(suffix), name.count > prefix.count + suffix.count,
              let process = Int32(name.dropFirst(prefix.count).dropLast(suffix.count)) else { return false }
        return name == temporaryName(for: url, process: process)
    }

    /// Removes the temporary files a killed process left while writing `path` (any process: the
    /// caller knows that none is writing it now).
    static func removeLeftovers(of path: String) {
        // Written through a link, the temporary file sat beside the link's target.
        let url = URL(fileURLWithPath: (try? OutputTarget.resolve(path)) ?? path)
        let directory = url.deletingLastPathComponent()
        for name in (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        where isTemporaryName(name, for: url) {
            try? FileManager.default.removeItem(at: directory.appendingPathComponent(name))
        }
    }
}
