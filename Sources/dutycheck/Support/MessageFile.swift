import Foundation

/// One message in an anonymous temporary file, ready to be read from its start.
enum MessageFile {
    /// Nil when no temporary file can be made or written: the caller pipes the message instead.
    static func holding(_ message: [UInt8]) -> FileHandle? {
        guard let file = AnonymousFile.make(prefix: "dutycheck-message"),
              message.withUnsafeBytes({ MessageSpool.writeAll($0, to: file.fileDescriptor, at: 0) }) == 0 else { return nil }
        // Written at an offset, so the file's own position is still its start, where sendmail reads from.
        return file
    }
}
