#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif
import Foundation

/// A program started as the leader of a new process group, reading its stdin from a file we give it or
/// from a pipe we write to. What it starts stays in the group, so `killGroup()` stops the whole tree:
/// killing the leader alone would leave a wrapper script's children running and holding the pipe open.
final class ProcessGroup: @unchecked Sendable {
    struct SystemError: Error, CustomStringConvertible {
        var code: Int32
        var description: String { String(cString: strerror(code)) }
    }

    enum Termination: Equatable {
        case exited(Int32)
        case signalled(Int32)
    }

    /// Where the leader's stdin comes from.
    enum Input {
        /// A file open for reading at the start of what the program is to read: the program reads it
        /// to its end whatever becomes of us.
        case file(Int32)
        /// A pipe that `writeInput` fills and `closeInput` ends.
        case pipe
    }

    let leader: pid_t
    /// Our end of the leader's stdin pipe, non-blocking (-1 when it reads a file); used by the thread
    /// that started the group only.
    private var input: Int32
    private let lock = NSLock()
    private var reaped = false
    private var killed = false

    /// Starts `path` with `arguments` (argv[0] included), its stdin from `source`, its stdout and stderr
    /// going to `output`.
    init(launching path: String, arguments: [String], input source: Input, output: Int32) throws(SystemError) {
        var ends: [Int32] = [-1, -1]
        switch source {
        case .file(let descriptor):
            ends[0] = descriptor
        case .pipe:
            guard pipe(&ends) == 0 else { throw SystemError(code: errno) }
            // Neither end may reach a program under its own number; the read end becomes the leader's stdin.
            for end in ends { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }
            _ = fcntl(ends[1], F_SETFL, O_NONBLOCK)
        }

        #if canImport(Glibc)
        var actions = posix_spawn_file_actions_t()
        var attributes = posix_spawnattr_t()
        #else
        var actions: posix_spawn_file_actions_t?
        var attributes: posix_spawnattr_t?
        #endif
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, ends[0], STDIN_FILENO)
        posix_spawn_file_actions_adddup2(&actions, output, STDOUT_FILENO)
        posix_spawn_file_actions_adddup2(&actions, output, STDERR_FILENO)
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // Our other descriptors (the message spool, the state database) are none of the program's business.
        #if canImport(Glibc)
        // (glibc's closefrom action is a GNU extension Swift does not see; a closed one is skipped.)
        for name in (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? [] {
            if let descriptor = Int32(name), descriptor > STDERR_FILENO {
                posix_spawn_file_actions_addclose(&actions, descriptor)
            }
        }
        let flags = POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF
        let environment = environ
        #else
        let flags = POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_CLOEXEC_DEFAULT
        let environment = _NSGetEnviron().pointee
        #endif
        // Group 0: a new group numbered after the leader. SIGPIPE, which we ignore, is the default again.
        posix_spawnattr_setflags(&attributes, Int16(flags))
        posix_spawnattr_setpgroup(&attributes, 0)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        sigaddset(&defaults, SIGPIPE)
        posix_spawnattr_setsigdefault(&attributes, &defaults)

        let argv = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let code = posix_spawn(&pid, path, &actions, &attributes, argv, environment)
        if case .pipe = source { close(ends[0]) }  // a file given to us stays the caller's to close
        guard code == 0 else {
            if ends[1] >= 0 { close(ends[1]) }
            throw SystemError(code: code)
        }
        leader = pid
        input = ends[1]
    }

    deinit { closeInput() }

    /// Writes all of `bytes` to the leader's stdin, waiting for room no later than `deadline`.
    /// Returns nil when all was written, ETIMEDOUT when the deadline came first, or the write's error.
    func writeInput(_ bytes: [UInt8], before deadline: DispatchTime) -> SystemError? {
        var offset = 0
        while offset < bytes.count {
            let count = bytes[offset...].withUnsafeBytes { write(input, $0.baseAddress, $0.count) }
            if count >= 0 {
                offset += count
                continue
            }
            guard errno == EAGAIN || errno == EINTR else { return SystemError(code: errno) }
            let now = DispatchTime.now()
            guard now < deadline else { return SystemError(code: ETIMEDOUT) }
            let milliseconds = (deadline.uptimeNanoseconds - now.uptimeNanoseconds + 999_999) / 1_000_000
            var room = pollfd(fd: input, events: Int16(POLLOUT), revents: 0)
            _ = poll(&room, 1, Int32(min(milliseconds, UInt64(Int32.max))))
        }
        return nil
    }

    /// Ends the leader's stdin, so a program reading it to the end can finish.
    func closeInput() {
        guard input >= 0 else { return }
        close(input)
        input = -1
    }

    /// Kills every process in the group with SIGKILL; safe from any thread, and at any time.
    func killGroup() {
        lock.withLock {
            // Once the leader is reaped its number may be reused for someone else's group.
            guard !reaped else { return }
            killed = true
            kill(-leader, SIGKILL)
        }
    }

    /// Whether `killGroup()` sent its signal.
    var wasKilled: Bool { lock.withLock { killed } }

    /// Waits for the leader (not the rest of the group) to end, and reaps it.
    func waitForExit() -> Termination {
        // Wait without reaping first, so a kill racing this one still finds the group's number ours.
        var info = siginfo_t()
        while waitid(P_PID, id_t(leader), &info, WEXITED | WNOWAIT) == -1 && errno == EINTR {}
        lock.withLock { reaped = true }
        var status: Int32 = 0
        while waitpid(leader, &status, 0) == -1 && errno == EINTR {}
        // The wait status layout (the W* macros are not imported into Swift): a signal number in the
        // low 7 bits, or 0 and the exit status in the next byte.
        return status & 0x7f == 0 ? .exited((status >> 8) & 0xff) : .signalled(status & 0x7f)
    }
}
