import Foundation

/// The file an output path finally names, and what a replacement must keep of it.
///
/// Renaming a new file onto a symbolic link would replace the link itself, breaking it; the output
/// goes to the end of the chain of links instead, as a shell's `>` would write it.
enum OutputTarget {
    /// As many links as the system itself follows before it gives up with ELOOP.
    private static let maxLinks = 40

    /// `path` with every symbolic link at its end followed (a link's relative target is read from the
    /// link's own folder). A link to nothing yields the path it points to, which the output creates.
    static func resolve(_ path: String) throws(InputFailure) -> String {
        var current = path
        for _ in 0...maxLinks {
            var info = stat()
            guard lstat(current, &info) == 0, info.st_mode & S_IFMT == S_IFLNK else { return current }
            guard let target = try? FileManager.default.destinationOfSymbolicLink(atPath: current) else {
                throw InputFailure(file: path, "cannot read the link \(current): \(String(cString: strerror(errno)))")
            }
            current = target.hasPrefix("/") ? target
                : ((current as NSString).deletingLastPathComponent as NSString).appendingPathComponent(target)
        }
        throw InputFailure(file: path, "cannot be written: \(String(cString: strerror(ELOOP)))")
    }

    /// The read, write and execute bits of the regular file at `path`, to give its replacement (a
    /// report kept mode 600 stays private); nil when there is no file there yet.
    static func permissions(of path: String) -> mode_t? {
        var info = stat()
        guard stat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return nil }
        return info.st_mode & 0o777
    }
}
