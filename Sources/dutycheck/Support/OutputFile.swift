import Foundation

/// Writes command output: to stdout, or to a file by way of a temporary file renamed into
/// place, so a reader never sees half a report and a failed write leaves the old file intact.
enum OutputFile {
    static func write(_ text: String, to path: String?) throws(InputFailure) {
        guard let path else {
            FileHandle.standardOutput.write(Data(text.utf8))
            return
        }
        try writeAtomically(Data(text.utf8), to: path)
    }

    static func writeAtomically(_ data: Data, to path: String) throws(InputFailure) {
        var info = stat()
        if stat(path, &info) == 0, info.st_mode & S_IFMT != S_IFREG, info.st_mode & S_IFMT != S_IFDIR {
            // A device, pipe or socket (/dev/stdout, /dev/null, a FIFO): there is no file to replace, and
            // renaming over it would put a regular file where the device was. Write straight to it.
            try writeDirectly(data, to: path)
            return
        }
        let url = URL(fileURLWithPath: path)
        let directory = url.deletingLastPathComponent()
        let temporary = directory.appendingPathComponent(".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).tmp")
        do {
            guard FileManager.default.createFile(atPath: temporary.path, contents: nil) else {
                throw InputFailure(file: path, "cannot write to \(directory.path) (missing folder or permission denied)")
            }
            let handle = try FileHandle(forWritingTo: temporary)
            do {
                try handle.write(contentsOf: data)
                try handle.synchronize()
                try handle.close()
            } catch {
                try? handle.close()
                throw error
            }
            if rename(temporary.path, url.path) != 0 {
                throw InputFailure(file: path, "cannot replace the file: \(String(cString: strerror(errno)))")
            }
        } catch let failure as InputFailure {
            try? FileManager.default.removeItem(at: temporary)
            throw failure
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw InputFailure(file: path, "cannot be written: \(InputFiles.describe(error))")
        }
    }

    private static func writeDirectly(_ data: Data, to path: String) throws(InputFailure) {
        guard let handle = FileHandle(forWritingAtPath: path) else {
            throw InputFailure(file: path, "cannot be opened for writing: \(String(cString: strerror(errno)))")
        }
        do {
            try handle.write(contentsOf: data)
            try handle.close()
        } catch {
            try? handle.close()
            throw InputFailure(file: path, "cannot be written: \(InputFiles.describe(error))")
        }
    }
}
