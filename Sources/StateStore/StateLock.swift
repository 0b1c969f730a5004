#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An exclusive `flock(2)` on a lock file beside the state database, held for a whole run so that two
/// overlapping runs (cron and a person, or two cron jobs) take turns.
///
/// The kernel drops the lock when the process ends, however it ends, so a killed run never leaves a stale
/// lock behind.
public final class StateLock {
    /// Why the lock could not be taken.
    public struct Failure: Error, Sendable, CustomStringConvertible {
        public var path: String
        public var reason: String
        public var description: String { "\(path): \(reason)" }
    }

    public let path: String
    private var descriptor: Int32

    /// Opens (creating, mode 0600) `path` and takes the lock, retrying every 50 ms for up to
    /// `timeoutSeconds`. A timeout of 0 tries once.
    public init(path: String, timeoutSeconds: Double) throws(Failure) {
        self.path = path
        descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        if descriptor < 0 {
            throw Failure(path: path, reason: "cannot open the lock file: \(String(cString: strerror(errno)))")
        }
        var waited = 0.0
        while flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            let code = errno
            guard code == EWOULDBLOCK || code == EINTR else {
                close(descriptor)
                throw Failure(path: path, reason: "cannot lock: \(String(cString: strerror(code)))")
            }
            if waited >= timeoutSeconds {
                close(descriptor)
                throw Failure(path: path, reason: "another dutycheck run holds the state lock (waited \(Int(timeoutSeconds)) s)")
            }
            usleep(50_000)
            waited += 0.05
        }
    }

    /// Releases the lock now (it is also released when the object goes away or the process ends).
    public func release() {
        guard descriptor >= 0 else { return }
        _ = flock(descriptor, LOCK_UN)
        close(descriptor)
        descriptor = -1
    }

    deinit { release() }
}
