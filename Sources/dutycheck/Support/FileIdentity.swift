import Foundation

/// A file as the file system knows it, by device and inode: two spellings of one path, a link and
/// its target, or a folder given twice, are one.
struct FileIdentity: Hashable {
    let device: UInt64
    let inode: UInt64
    let isRegularFile: Bool

    /// Nil when `path` cannot be looked up (the caller's own read reports why).
    init?(path: String) {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        device = UInt64(info.st_dev)
        inode = UInt64(info.st_ino)
        isRegularFile = info.st_mode & S_IFMT == S_IFREG
    }
}
