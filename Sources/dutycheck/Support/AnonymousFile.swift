import Foundation

/// A temporary file with no name: made by `mkstemp` in `$TMPDIR` and unlinked at once, so nothing is
/// left behind however the process ends.
enum AnonymousFile {
    /// A new one, open for reading and writing; nil when the temporary folder cannot take one.
    static func make(prefix: String) -> FileHandle? {
        let folder = FileManager.default.temporaryDirectory.path
        var template = Array("\(folder)/\(prefix)-XXXXXX".utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard descriptor >= 0 else { return nil }
        template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
        return FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
    }
}

