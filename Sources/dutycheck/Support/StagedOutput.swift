import Foundation

/// Command output built up piece by piece and delivered only when complete, so a long report need
/// not sit in memory and a run that fails part way writes nothing.
///
/// For a regular file (or a new one) the pieces go to a temporary file beside it, renamed into
/// place by `commit()`: a reader never sees half a report, and a failure leaves the old file
/// intact. For stdout, or a device, pipe or socket (there is no file to replace), the pieces go to
/// an unlinked temporary file that `commit()` copies out; if no temporary file can be made they are
/// kept in memory instead.
final class StagedOutput {
    /// Where the output goes: a path, or stdout when nil.
    private let destination: String?
    /// Whether `commit()` renames the staging file over `destination` (rather than copying it out).
    private let replaces: Bool
    private var staging: URL?
    private var handle: FileHandle?
    private var pending = Data()
    /// Pending bytes are written to the staging file once they reach this size.
    private static let flushSize = 1 << 20

    init(path: String?) throws(InputFailure) {
        destination = path
        if let path, !StagedOutput.isSpecialFile(path) {
            replaces = true
            let url = URL(fileURLWithPath: path)
            let directory = url.deletingLastPathComponent()
            let temporary = directory.appendingPathComponent(".\(url.lastPathComponent).\(getpid()).tmp")
            guard FileManager.default.createFile(atPath: temporary.path, contents: nil),
                  let opened = try? FileHandle(forWritingTo: temporary)
            else {
                try? FileManager.default.removeItem(at: temporary)
                throw InputFailure(file: path, "cannot write to \(directory.path) (missing folder or permission denied)")
            }
            staging = temporary
            handle = opened
        } else {
            replaces = false
            let temporary = FileManager.default.temporaryDirectory.appendingPathComponent("dutycheck-output-\(getpid()).tmp")
            if FileManager.default.createFile(atPath: temporary.path, contents: nil),
               let opened = try? FileHandle(forUpdating: temporary) {
                // Unlinked at once: the open handle keeps the bytes, and a killed run leaves nothing behind.
                unlink(temporary.path)
                handle = opened
            }
        }
    }

    deinit {
        discard()
    }

    func append(_ text: String) throws(InputFailure) {
        pending.append(contentsOf: text.utf8)
        if pending.count >= StagedOutput.flushSize { try flush() }
    }

    func append(_ data: Data) throws(InputFailure) {
        pending.append(data)
        if pending.count >= StagedOutput.flushSize { try flush() }
    }

    /// Delivers the output: renames the staging file into place, or copies it to stdout or the device.
    func commit() throws(InputFailure) {
        try flush()
        do {
            if replaces, let staging, let handle, let destination {
                try handle.synchronize()
                try handle.close()
                self.handle = nil
                if rename(staging.path, destination) != 0 {
                    throw InputFailure(file: destination, "cannot replace the file: \(String(cString: strerror(errno)))")
                }
                self.staging = nil
            } else {
                try deliverCopy()
            }
        } catch let failure as InputFailure {
            discard()
            throw failure
        } catch {
            discard()
            throw InputFailure(file: destination ?? "stdout", "cannot be written: \(InputFiles.describe(error))")
        }
        discard()
    }

    /// Drops whatever was staged; the destination is left as it was.
    func discard() {
        try? handle?.close()
        handle = nil
        if let staging { try? FileManager.default.removeItem(at: staging) }
        staging = nil
        pending = Data()
    }

    private func flush() throws(InputFailure) {
        guard let handle, !pending.isEmpty else { return }
        do {
            try handle.write(contentsOf: pending)
        } catch {
            let target = destination ?? "stdout"
            discard()
            throw InputFailure(file: target, "cannot be written: \(InputFiles.describe(error))")
        }
        pending.removeAll(keepingCapacity: true)
    }

    /// Copies the staged bytes (or the pending ones, when nothing could be staged) to stdout or the device.
    private func deliverCopy() throws {
        let output: FileHandle
        if let destination {
            guard let opened = FileHandle(forWritingAtPath: destination) else {
                throw InputFailure(file: destination, "cannot be opened for writing: \(String(cString: strerror(errno)))")
            }
            output = opened
        } else {
            output = FileHandle.standardOutput
        }
        defer { if destination != nil { try? output.close() } }
        if let handle {
            try handle.seek(toOffset: 0)
            while let chunk = try handle.read(upToCount: StagedOutput.flushSize), !chunk.isEmpty {
                try output.write(contentsOf: chunk)
            }
        } else {
            try output.write(contentsOf: pending)
        }
    }

    /// A device, pipe or socket (/dev/stdout, /dev/null, a FIFO): renaming over it would put a
    /// regular file where it was, so it is written to instead.
    static func isSpecialFile(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && info.st_mode & S_IFMT != S_IFREG && info.st_mode & S_IFMT != S_IFDIR
    }
}
