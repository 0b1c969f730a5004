import Foundation
import YAMLTree

/// What a program we run (sendmail) prints, on its way to our stderr. Its bytes are not ours to pass on
/// raw: an MTA, or a wrapper script, may print escape sequences, bells, binary or a flood, which would
/// reach the terminal or cron's mail as they are. So it is read from a pipe while the program runs, kept
/// up to `limit` bytes and only counted past that, and shown as messages show text from an input:
/// control and direction characters escaped (`MessageText`), invalid UTF-8 as U+FFFD.
final class ProgramOutput: @unchecked Sendable {
    /// How many bytes are shown; the rest are counted.
    static let limit = 4096

    private let lock = NSLock()
    private var kept: [UInt8] = []
    private var total = 0
    /// Set by `finish`: what arrives later is read and dropped, not kept or counted.
    private var finished = false
    private let ended = DispatchSemaphore(value: 0)

    /// Reads `descriptor` (a pipe's read end, which it closes) on another thread, to its end.
    init(reading descriptor: Int32) {
        Thread.detachNewThread { [self] in
            drain(descriptor)
            close(descriptor)
            ended.signal()
        }
    }

    /// Waits for the end of the output until `deadline` and returns what is to be shown: empty when the
    /// program printed nothing. A process the program left behind may hold the pipe open for ever, so
    /// the wait is bounded; the pipe is still read (and what comes is dropped) while dutycheck runs, so
    /// that such a process, perhaps the one delivering the mail, is not killed by SIGPIPE.
    func finish(waitingUntil deadline: DispatchTime) -> String {
        _ = ended.wait(timeout: deadline)
        return lock.withLock {
            finished = true
            return Self.shown(kept, total: total)
        }
    }

    private func drain(_ descriptor: Int32) {
        var buffer = [UInt8](repeating: 0, count: 16_384)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count == 0 { return }
            if count < 0 {
                if errno == EINTR { continue }
                return
            }
            lock.withLock {
                guard !finished else { return }
                if kept.count < Self.limit { kept += buffer[..<min(count, Self.limit - kept.count)] }
                total += count
            }
        }
    }

    /// The first bytes of the output (`kept`, of `total`) as lines for stderr: each line escaped, a CR
    /// before its LF dropped, and `… (N more bytes)` for what is not shown. A character the limit cut
    /// in two is left out whole, and counted, rather than shown as U+FFFD.
    static func shown(_ kept: [UInt8], total: Int) -> String {
        guard total > 0 else { return "" }
        var bytes = kept[...]
        if total > kept.count { bytes = bytes.prefix(wholeCharacters(in: bytes)) }
        // Split on the LF scalar: "\r\n" is one Character, which a Character-level split would not break.
        var lines = String(decoding: bytes, as: UTF8.self).unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false)
        if lines.last?.isEmpty == true { lines.removeLast() }
        var text = lines.map { line in
            MessageText.escaped(String(String.UnicodeScalarView(line.last == "\r" ? line.dropLast() : line))) + "\n"
        }.joined()
        if total > bytes.count { text += "… (\(total - bytes.count) more bytes)\n" }
        return text
    }

    /// How many of `bytes` end on a character boundary: a UTF-8 sequence whose lead byte says it runs
    /// past the end is left out.
    static func wholeCharacters(in bytes: ArraySlice<UInt8>) -> Int {
        var start = bytes.endIndex
        // Back over at most three continuation bytes to the byte that leads them.
        while start > bytes.startIndex, bytes.endIndex - start < 4, bytes[start - 1] & 0xC0 == 0x80 { start -= 1 }
        guard start > bytes.startIndex else { return bytes.count }
        let lead = bytes[start - 1]
        let length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1
        let cut = start - 1
        return cut + length > bytes.endIndex ? cut - bytes.startIndex : bytes.count
    }
}
