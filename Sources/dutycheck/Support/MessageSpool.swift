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
            let written = bytes.withUnsafeBytes { buffer in
                Self.writeAll(buffer, to: file.fileDescriptor, at: entry.offset)
            }
            guard written else { throw failure("cannot hold the messages while records are checked") }
        } else {
            memory += bytes
        }
        end += bytes.count
        return entry
    }

    func bytes(of entry: Entry) throws(InputFailure) -> [UInt8] {
        guard let file else { return Array(memory[entry.offset..<(entry.offset + entry.count)]) }
        var bytes = [UInt8](repeating: 0, count: entry.count)
        let read = bytes.withUnsafeMutableBytes { buffer in
            Self.readAll(into: buffer, from: file.fileDescriptor, at: entry.offset)
        }
        guard read else { throw failure("cannot read back a message it held") }
        return bytes
    }

    private func failure(_ what: String) -> InputFailure {
        InputFailure(file: FileManager.default.temporaryDirectory.path,
                     "\(what): \(String(cString: strerror(errno)))")
    }

    /// `pwrite` until every byte is written (it may write fewer than asked, or be interrupted).
    private static func writeAll(_ buffer: UnsafeRawBufferPointer, to descriptor: Int32, at offset: Int) -> Bool {
        var done = 0
        while done < buffer.count {
            let count = pwrite(descriptor, buffer.baseAddress! + done, buffer.count - done, off_t(offset + done))
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { return false }
            done += count
        }
        return true
    }

    /// `pread` until the buffer is full; false at an error or an unexpected end of file.
    private static func readAll(into buffer: UnsafeMutableRawBufferPointer, from descriptor: Int32, at offset: Int) -> Bool {
        var done = 0
        while done < buffer.count {
            let count = pread(descriptor, buffer.baseAddress! + done, buffer.count - done, off_t(offset + done))
            if count < 0, errno == EINTR { continue }
            guard count > 0 else {
                if count == 0 { errno = EIO }
                return false
            }
            done += count
        }
        return true
    }
}
