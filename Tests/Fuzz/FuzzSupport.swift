// Shared checks for the fuzz targets. Compiled into every target; not part of any SwiftPM target.
import YAMLTree

#if canImport(Glibc)
import Glibc
#endif

/// Reports a broken invariant to libFuzzer: prints why, then aborts so the input is saved.
func violation(_ why: String, _ input: [UInt8]) -> Never {
    fputs("FUZZ INVARIANT VIOLATED: \(why)\ninput (\(input.count) bytes): \(input.prefix(400).map { String($0) }.joined(separator: ","))\n", stderr)
    abort()
}

/// An upper bound on the number of lines libyaml or the source text can see in `bytes`: one more
/// than the number of possible line breaks (LF, CR, NEL, LS, PS), counted generously.
/// UTF-16 input (with a byte-order mark, as the loader accepts it) is counted after decoding.
func lineBound(_ bytes: [UInt8]) -> Int {
    if bytes.count >= 2, (bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF) {
        let bigEndian = bytes[0] == 0xFE
        var units: [UInt16] = []
        var index = 2
        while index + 1 < bytes.count {
            let (a, b) = (UInt16(bytes[index]), UInt16(bytes[index + 1]))
            units.append(bigEndian ? a << 8 | b : b << 8 | a)
            index += 2
        }
        return max(lineBoundUTF8(Array(String(decoding: units, as: UTF16.self).utf8)), lineBoundUTF8(bytes))
    }
    return lineBoundUTF8(bytes)
}

private func lineBoundUTF8(_ bytes: [UInt8]) -> Int {
    var breaks = 0
    var index = 0
    while index < bytes.count {
        let byte = bytes[index]
        if byte == 0x0A || byte == 0x0D { breaks += 1 }
        if byte == 0xC2, index + 1 < bytes.count, bytes[index + 1] == 0x85 { breaks += 1 }
        if byte == 0xE2, index + 2 < bytes.count, bytes[index + 1] == 0x80,
           bytes[index + 2] == 0xA8 || bytes[index + 2] == 0xA9 { breaks += 1 }
        index += 1
    }
    return breaks + 1
}

/// Checks a position: line ≥ 1, column ≥ 1, line ≤ number of lines + 1, column ≤ bytes + 2.
func checkLocation(_ location: SourceLocation, lines: Int, bytes: Int, what: String, input: [UInt8]) {
    guard location.line >= 1, location.column >= 1 else {
        violation("\(what): location \(location) is not 1-based", input)
    }
    guard location.line <= lines + 1 else {
        violation("\(what): line \(location.line) is past the input's \(lines) lines", input)
    }
    guard location.column <= bytes + 2 else {
        violation("\(what): column \(location.column) is past the input's \(bytes) bytes", input)
    }
}

/// Checks a load or decode error: it must carry a valid position unless it is about memory.
func checkDiagnostic(_ diagnostic: Diagnostic, lines: Int, bytes: Int, input: [UInt8]) {
    guard let location = diagnostic.location else {
        if diagnostic.message.contains("memory") || diagnostic.message.contains("allocate") { return }
        violation("diagnostic without a position: \(diagnostic)", input)
    }
    checkLocation(location, lines: lines, bytes: bytes, what: "diagnostic \(diagnostic)", input: input)
    for note in diagnostic.notes {
        if let noteLocation = note.location {
            checkLocation(noteLocation, lines: lines, bytes: bytes, what: "note \(note.message)", input: input)
        }
    }
}

/// Checks every node of a loaded tree has a valid position.
func checkTree(_ node: YAMLNode, lines: Int, bytes: Int, input: [UInt8], depth: Int = 0) {
    if depth > 200 { violation("tree deeper than 200 levels despite the depth limit", input) }
    checkLocation(node.location, lines: lines, bytes: bytes, what: "node", input: input)
    switch node.kind {
    case .scalar: break
    case .sequence(let items):
        for item in items { checkTree(item, lines: lines, bytes: bytes, input: input, depth: depth + 1) }
    case .mapping(let entries):
        for entry in entries {
            checkTree(entry.key, lines: lines, bytes: bytes, input: input, depth: depth + 1)
            checkTree(entry.value, lines: lines, bytes: bytes, input: input, depth: depth + 1)
        }
    }
}

/// Splits fuzz input into `count` fields at 0x00 bytes (missing fields are empty); each field is
/// decoded as UTF-8 with replacement, so any text reaches the writers.
func fields(_ input: [UInt8], count: Int) -> [String] {
    var parts = input.split(separator: 0, maxSplits: count - 1, omittingEmptySubsequences: false)
        .map { String(decoding: $0, as: UTF8.self) }
    while parts.count < count { parts.append("") }
    return parts
}
