import Foundation
import RuleEngine
import YAMLTree

/// Reads input files and expands directories, turning every I/O problem into a positioned failure.
enum InputFiles {
    /// The YAML files a RECORD argument names: the file itself, or the `.yaml`/`.yml` files
    /// directly inside a directory, sorted by name. A subfolder (or a link to one) is passed over
    /// whatever its name (`old.yaml/`): only a folder named on the command line is read.
    static func expand(_ paths: [String]) throws(InputFailure) -> [String] {
        var files: [String] = []
        for path in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw InputFailure(file: path, unreachable("no such file or directory", path))
            }
            if isDirectory.boolValue {
                let names = try listing(of: path)
                let yaml = yamlFiles(among: names, in: path)
                if yaml.isEmpty { throw InputFailure(file: path, "the directory holds no .yaml records" + subfolderHint(path, names)) }
                files += yaml.map { (path as NSString).appendingPathComponent($0) }
            } else {
                files.append(path)
            }
        }
        return files
    }

    /// Names the subfolders of `folder` that hold `.yaml` files (records, most likely), since only
    /// the files directly inside a folder are read: "Examples" holds none, but "Examples/bromley"
    /// does. Hidden folders (`.build`) are passed over, as hidden files are.
    private static func subfolderHint(_ folder: String, _ names: [String]) -> String {
        let holding = names.filter { !$0.hasPrefix(".") }.sorted().map { (folder as NSString).appendingPathComponent($0) }.filter { path in
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else { return false }
            return ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).contains(where: isYAMLName)
        }
        guard !holding.isEmpty else { return "" }
        let shown = holding.prefix(3).joined(separator: ", ") + (holding.count > 3 ? ", …" : "")
        return " (subfolders are not read; name the ones to check: \(shown))"
    }

    /// Of `names` listed in `folder`, the YAML files to read, sorted: a subfolder is never read,
    /// whatever its name (records and rule packs alike).
    static func yamlFiles(among names: [String], in folder: String) -> [String] {
        names.filter { isYAMLName($0) && !isFolder($0, in: folder) }.sorted()
    }

    /// Whether a name in a folder is a YAML file to read: `.yaml` or `.yml` in any case (`R.YAML`
    /// from a Windows share), and not hidden (an editor's `.record.yaml.swp` is not a record).
    static func isYAMLName(_ name: String) -> Bool {
        let lower = name.lowercased()
        return (lower.hasSuffix(".yaml") || lower.hasSuffix(".yml")) && !name.hasPrefix(".")
    }

    /// Whether `name` in `folder` is a folder, following symbolic links: `sub.yaml/` is a subfolder,
    /// not a record. A dangling link is not one, so it stays listed and is reported when read.
    private static func isFolder(_ name: String, in folder: String) -> Bool {
        var isDirectory: ObjCBool = false
        let path = (folder as NSString).appendingPathComponent(name)
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
    }

    /// Size limits for an earlier output of dutycheck read back. Such a file grows with the
    /// records it covered, so the record limit would refuse it; these still refuse a wrong file
    /// such as a disk image. A calendar is about 4.5 KB a record and is read line by line: 256 MiB
    /// is some 55,000 records. Check JSON is about 100 KB a record and is parsed whole, which takes
    /// several times its size in memory: 64 MiB is some 600 records (`report --since` needs only
    /// one, so a check of that one record is the file to keep).
    static let previousCalendarLimit = 256 << 20
    static let previousCheckOutputLimit = 64 << 20

    /// The file's bytes; refuses directories, unreadable files and files over the size limit
    /// before reading them whole.
    static func read(_ path: String, limit: Int = YAMLLimits().maxBytes) throws(InputFailure) -> [UInt8] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw InputFailure(file: path, unreachable("no such file", path))
        }
        if isDirectory.boolValue { throw InputFailure(file: path, "is a directory, but a file was expected") }
        // Opened without waiting: a named pipe with no writer would otherwise block the open for
        // ever. Reads then wait as usual, so a pipe that has a writer (`<(cat record.yaml)`) is read
        // whole, and one without reads as empty.
        let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw InputFailure(file: path, "cannot be read: \(String(cString: strerror(errno)))")
        }
        _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) & ~O_NONBLOCK)
        let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: false)
        defer { try? handle.close() }
        let data: Data
        do { data = try handle.read(upToCount: limit + 1) ?? Data() } catch {
            throw InputFailure(file: path, "cannot be read: \(describe(error))")
        }
        if data.isEmpty, isPipe(descriptor) {
            // The open does not wait for a writer (above), so a writer started after dutycheck
            // finds nobody reading: say so, rather than call the file empty.
            throw InputFailure(file: path, "is a pipe that gave nothing to read: its writer wrote nothing, or had not "
                                           + "opened it yet when dutycheck read it (start the writer first, or pass a regular file)")
        }
        if data.count > limit {
            throw InputFailure([Diagnostic(file: path, location: SourceLocation(line: 1, column: 1),
                                           message: "the file is larger than the limit of \(limit) bytes")])
        }
        return [UInt8](data)
    }

    private static func isPipe(_ descriptor: Int32) -> Bool {
        var status = stat()
        return fstat(descriptor, &status) == 0 && (status.st_mode & S_IFMT) == S_IFIFO
    }

    /// Why a path that `fileExists` denies cannot be reached: the system's own reason when it is not
    /// that nothing is there (a loop of symbolic links, a folder on the way that may not be entered),
    /// a symbolic link whose target is missing, and otherwise `reason` (see `missing`).
    static func unreachable(_ reason: String, _ path: String) -> String {
        var status = stat()
        guard stat(path, &status) != 0 else { return reason }
        let code = errno
        if code != ENOENT {
            let why = String(cString: strerror(code)).lowercased()
            switch code {
            // The kernel gives up after 40 links, so a chain that long reads as a loop too.
            case ELOOP: return "cannot be opened: its symbolic links lead round in a loop, or through more than 40 links (\(why))"
            case ENOTDIR: return "cannot be reached: a part of the path, or a link's target, is a file where a folder should be"
            default: return "cannot be reached: \(why)"
            }
        }
        let chain = linkChain(from: path)
        if let missingTarget = chain.last {
            let through = chain.dropLast().map(Suggestion.escapingControls)
            return "is a symbolic link" + (through.isEmpty ? "" : " (through \(through.joined(separator: ", ")))")
                + " to \(Suggestion.escapingControls(missingTarget)), which does not exist"
        }
        return missing(reason, path)
    }

    /// The targets a symbolic link leads through, as written in each link, the last being the one that
    /// is missing; empty when `path` is no link. Stops after 40 links, the kernel's own limit.
    private static func linkChain(from path: String) -> [String] {
        var chain: [String] = []
        var current = path
        var status = stat()
        while chain.count < 40, lstat(current, &status) == 0, (status.st_mode & S_IFMT) == S_IFLNK,
              let target = try? FileManager.default.destinationOfSymbolicLink(atPath: current) {
            chain.append(target)
            current = target.hasPrefix("/") ? target : ((current as NSString).deletingLastPathComponent as NSString).appendingPathComponent(target)
        }
        return chain
    }

    /// Why a path cannot be found. A name that is not valid UTF-8 reaches dutycheck with U+FFFD in place
    /// of its bad bytes (from the command line or a folder listing), and no file has that name.
    static func missing(_ reason: String, _ path: String) -> String {
        guard path.unicodeScalars.contains("\u{FFFD}") else { return reason }
        return "\(reason): the name is not valid UTF-8 (shown with U+FFFD); rename the file with a UTF-8 name"
    }

    /// The names in `directory`. One that cannot be listed says why, with the system's reason
    /// (Foundation words it "You don't have permission"), rather than passing for an empty folder.
    static func listing(of directory: String) throws(InputFailure) -> [String] {
        do { return try FileManager.default.contentsOfDirectory(atPath: directory) } catch {
            let reason: String
            if let handle = opendir(directory) {
                closedir(handle)
                reason = describe(error)
            } else {
                reason = String(cString: strerror(errno)).lowercased()
            }
            throw InputFailure(file: directory, "cannot list the folder: \(reason)")
        }
    }

    /// The system's reason for an I/O error, from the POSIX error behind Foundation's when there is one.
    static func describe(_ error: Error) -> String {
        let error = error as NSError
        if error.domain == NSPOSIXErrorDomain { return String(cString: strerror(Int32(error.code))) }
        if let underlying = error.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(underlying.code)))
        }
        return error.localizedDescription
    }
}
