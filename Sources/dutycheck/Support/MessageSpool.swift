import Foundation

/// Messages built before any is delivered, held in an unnamed temporary file rather than in memory:
/// `notify` plans every record's messages before it hands any over (bad input anywhere means none
/// goes out), and over thousands of records the messages would otherwise all sit in memory at once.
/// When no temporary file can be made they are kept in memory.
final class MessageSpool {
    /// Where one message's bytes are.
    struct Entry: Sendable {
        let offset: Int
        let count: Int
    }

    private let file: FileHandle?
    private var memory: [UInt8] = []
    private var end = 0

    init() {
        file = AnonymousFile.make(prefix: "dutycheck-messages")
    }

    func append(_ bytes: [UInt8]) throws(InputFailure) -> Entry {
        let entry = Entry(offset: end, count: bytes.count)
        if let file {
            let error = bytes.withUnsafeBytes { buffer in
                Self.writeAll(buffer, to: file.fileDescriptor, at: entry.offset)
            }
            guard error == 0 else { throw failure("cannot hold the messages while records are checked", error) }
        } else {
            memory += bytes
        }
        end += bytes.count
        return entry
    }

    func bytes(of entry: Entry) throws(InputFailure) -> [UInt8] {
        guard let file else { return Array(memory[entry.offset..<(entry.offset + entry.count)]) }
        var bytes = [UInt8](repeating: 0, count: entry.count)
        let error = bytes.withUnsafeMutableBytes { buffer in
            Self.readAll(into: buffer, from: file.fileDescriptor, at: entry.offset)
        }
        guard error == 0 else { throw failure("cannot read back a message it held", error) }
        return bytes
    }

    private func failure(_ what: String, _ error: Int32) -> InputFailure {
        InputFailure(file: FileManager.default.temporaryDirectory.path, "\(what): \(String(cString: strerror(error)))")
    }

    /// `pwrite` until every byte is written (it may write fewer than asked, or be interrupted);
    /// 0, or the error that stopped it.
    static func writeAll(_ buffer: UnsafeRawBufferPointer, to descriptor: Int32, at offset: Int) -> Int32 {
        transferAll(buffer.count) { done in
            pwrite(descriptor, buffer.baseAddress! + done, buffer.count - done, off_t(offset + done))
        }
    }

    /// `pread` until the buffer is full; 0, or the error that stopped it (EIO for an early end of file).
    private static func readAll(into buffer: UnsafeMutableRawBufferPointer, from descriptor: Int32, at offset: Int) -> Int32 {
        transferAll(buffer.count) { done in
            pread(descriptor, buffer.baseAddress! + done, buffer.count - done, off_t(offset + done))
        }
    }

    /// Runs `transfer` (given how many bytes are done, it moves some of the rest and says how many)
    /// until `count` are done; retries an interrupted call. 0, or the error that stopped it, EIO when
    /// nothing more moves.
    private static func transferAll(_ count: Int, _ transfer: (_ done: Int) -> Int) -> Int32 {
        var done = 0
        while done < count {
            let moved = transfer(done)
            if moved < 0 && errno == EINTR { continue }
            if moved < 0 { return errno }
            if moved == 0 { return EIO }
            done += moved
        }
        return 0
    }
}
