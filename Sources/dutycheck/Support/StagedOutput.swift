import Foundation

/// Command output built up piece by piece and delivered only when complete, so a long report need
/// not sit in memory and a run that fails part way writes nothing.
///
/// The pieces go to an unlinked temporary file (in `$TMPDIR`, made by `mkstemp`), so a run that is
/// killed leaves nothing behind; if none can be made they are kept in memory. `commit(prologue:)`
/// then delivers them, after a prologue if any, as `OutputFile` writes any output: to stdout, or to a
/// file by way of a temporary file renamed into place.
final class StagedOutput {
    private enum State { case open, delivered, discarded }

    /// Where the output goes: a path, or stdout when nil.
    private let destination: String?
    private var state = State.open
    private var staging: FileHandle?
    private var pending = Data()
    /// Pending bytes are written to the staging file once they reach this size.
    private static let chunkSize = 1 << 20

    init(path: String?) {
        destination = path
        staging = AnonymousFile.make(prefix: "dutycheck-output")
    }

    deinit {
        discard()
    }

    func append(_ text: String) throws(InputFailure) {
        precondition(state == .open, "output appended after it was delivered or discarded")
        pending.append(contentsOf: text.utf8)
        if pending.count >= StagedOutput.chunkSize { try flush() }
    }

    /// Delivers the output to its destination, after `prologue` (text that could be written only
    /// once everything else was known; empty for most outputs); the staged copy is then dropped.
    func commit(prologue: String) throws(InputFailure) {
        precondition(state == .open, "output delivered twice, or after it was discarded")
        defer { discard() }
        try flush()
        state = .delivered
        try OutputFile.deliver(to: destination) { try copyStaged(to: $0, after: prologue) }
    }

    /// Drops whatever was staged; the destination is left as it was.
    func discard() {
        if state == .open { state = .discarded }
        try? staging?.close()
        staging = nil
        pending = Data()
    }

    private func flush() throws(InputFailure) {
        guard let staging, !pending.isEmpty else { return }
        do {
            try staging.write(contentsOf: pending)
        } catch {
            discard()
            throw InputFailure(file: FileManager.default.temporaryDirectory.path,
                               "cannot hold the output until it is complete: \(InputFiles.describe(error))")
        }
        pending.removeAll(keepingCapacity: true)
    }

    /// Writes `prologue`, then the staged bytes (from the staging file, or from memory), to `output`.
    private func copyStaged(to output: FileHandle, after prologue: String) throws {
        if !prologue.isEmpty { try output.write(contentsOf: Data(prologue.utf8)) }
        guard let staging else {
            try output.write(contentsOf: pending)
            return
        }
        try staging.seek(toOffset: 0)
        while let chunk = try staging.read(upToCount: StagedOutput.chunkSize), !chunk.isEmpty {
            try output.write(contentsOf: chunk)
        }
    }
}
