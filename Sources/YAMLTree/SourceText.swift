/// The text of a source file with a table of its lines, for turning offsets into positions and
/// positions into snippets.
///
/// Lines are split exactly where libyaml splits them: at LF, CR, CRLF (one break), NEL (U+0085),
/// LINE SEPARATOR (U+2028) and PARAGRAPH SEPARATOR (U+2029). So line `n` here is the line libyaml
/// calls `n`, even in files that contain those rarer breaks.
///
/// Raw bytes are read the way libyaml reads them: a UTF-16 byte-order mark selects UTF-16 (stored
/// here transcoded to UTF-8), and a UTF-8 byte-order mark is skipped.
public struct SourceText: Sendable {
    /// How the raw bytes were encoded.
    public enum Encoding: Sendable, Hashable { case utf8, utf16LittleEndian, utf16BigEndian }

    /// The text as UTF-8, without any byte-order mark. Invalid UTF-8 is kept as it was.
    public let utf8: [UInt8]
    public let encoding: Encoding
    /// Length in raw bytes of the byte-order mark that was dropped (0, 2 or 3).
    private let markLength: Int
    /// The raw input, kept only for UTF-16 so raw byte offsets can be mapped.
    private let rawUTF16: [UInt8]?
    /// For each line, the UTF-8 offsets of its first byte and of its line break (or the end).
    private let lineStarts: [Int]
    private let lineEnds: [Int]
    /// For each line, whether its bytes are all ASCII, so that a column is a byte offset and a
    /// snippet of a long line can be cut out without decoding the whole line.
    private let lineIsASCII: [Bool]
    /// For each long line that is not ASCII (by 0-based line number), where every
    /// `LineScalarIndex.stride`th scalar starts, so a snippet is cut out of it without decoding it
    /// from its start for each diagnostic.
    private let scalarIndexes: [Int: LineScalarIndex]

    /// Reads raw file bytes (UTF-8, or UTF-16 with a byte-order mark).
    public init(bytes: [UInt8]) {
        if bytes.count >= 2, bytes[0] == 0xFF, bytes[1] == 0xFE {
            self.init(utf16: bytes, bigEndian: false)
        } else if bytes.count >= 2, bytes[0] == 0xFE, bytes[1] == 0xFF {
            self.init(utf16: bytes, bigEndian: true)
        } else if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF {
            self.init(utf8: Array(bytes[3...]), encoding: .utf8, markLength: 3, rawUTF16: nil)
        } else {
            self.init(utf8: bytes, encoding: .utf8, markLength: 0, rawUTF16: nil)
        }
    }

    /// Wraps text that is already a Swift string.
    public init(_ text: String) {
        self.init(utf8: Array(text.utf8), encoding: .utf8, markLength: 0, rawUTF16: nil)
    }

    private init(utf16 bytes: [UInt8], bigEndian: Bool) {
        let text = Self.decodeUTF16(bytes[2...], bigEndian: bigEndian)
        self.init(utf8: Array(text.utf8), encoding: bigEndian ? .utf16BigEndian : .utf16LittleEndian,
                  markLength: 2, rawUTF16: bytes)
    }

    private init(utf8: [UInt8], encoding: Encoding, markLength: Int, rawUTF16: [UInt8]?) {
        self.utf8 = utf8
        self.encoding = encoding
        self.markLength = markLength
        self.rawUTF16 = rawUTF16
        (lineStarts, lineEnds, lineIsASCII) = Self.lineTable(utf8)
        var indexes: [Int: LineScalarIndex] = [:]
        for line in lineStarts.indices where !lineIsASCII[line] && lineEnds[line] - lineStarts[line] > Self.snippetWidth {
            indexes[line] = LineScalarIndex(utf8[lineStarts[line]..<lineEnds[line]])
        }
        scalarIndexes = indexes
    }

    /// The number of lines; text ending in a line break has an empty last line after it.
    public var lineCount: Int { lineStarts.count }

    /// Line `number` (1-based) without its line break, with invalid UTF-8 repaired as U+FFFD;
    /// nil when there is no such line.
    public func line(_ number: Int) -> String? {
        guard number >= 1, number <= lineStarts.count else { return nil }
        return String(decoding: utf8[lineStarts[number - 1]..<lineEnds[number - 1]], as: UTF8.self)
    }

    /// The UTF-8 offsets of line `number` in `utf8`, without its line break; nil when there is no
    /// such line.
    public func byteRange(ofLine number: Int) -> Range<Int>? {
        guard number >= 1, number <= lineStarts.count else { return nil }
        return lineStarts[number - 1]..<lineEnds[number - 1]
    }

    /// The line break that ends line `number`: `\n`, or one YAML also counts as a break (NEL,
    /// U+2028, U+2029; a CR of CRLF is given as `\r`); nil for the last line or no such line.
    public func lineBreak(after number: Int) -> Unicode.Scalar? {
        guard number >= 1, number < lineStarts.count else { return nil }
        var iterator = utf8[lineEnds[number - 1]..<lineStarts[number]].makeIterator()
        var decoder = UTF8()
        guard case .scalarValue(let scalar) = decoder.decode(&iterator) else { return nil }
        return scalar
    }

    /// The scalars of line `number` in `columns` (1-based; the part of the range past the end of
    /// the line is left out), with invalid UTF-8 repaired as in `line(_:)`, and the line's length
    /// in scalars; nil when there is no such line. Only the part asked for is decoded when the line
    /// is ASCII, so cutting a snippet out of a long line costs the snippet, not the line.
    public func scalars(ofLine number: Int, columns: (Int) -> Range<Int>) -> (scalars: [Unicode.Scalar], length: Int)? {
        guard number >= 1, number <= lineStarts.count else { return nil }
        let start = lineStarts[number - 1]
        let end = lineEnds[number - 1]
        if lineIsASCII[number - 1] {
            let wanted = columns(end - start).clamped(to: 1..<(end - start + 1))
            return (utf8[(start + wanted.lowerBound - 1)..<(start + wanted.upperBound - 1)].map { Unicode.Scalar($0) }, end - start)
        }
        if let index = scalarIndexes[number - 1] {
            let wanted = columns(index.count).clamped(to: 1..<(index.count + 1))
            return (index.scalars(in: utf8[start..<end], columns: wanted), index.count)
        }
        let all = Array(String(decoding: utf8[start..<end], as: UTF8.self).unicodeScalars)
        let wanted = columns(all.count).clamped(to: 1..<(all.count + 1))
        return (Array(all[(wanted.lowerBound - 1)..<(wanted.upperBound - 1)]), all.count)
    }

    /// All the scalars of line `number`, without its line break; nil when there is no such line.
    public func scalars(ofLine number: Int) -> [Unicode.Scalar]? {
        scalars(ofLine: number) { length in 1..<(length + 1) }?.scalars
    }

    /// The line and column (in Unicode scalars, as libyaml counts) of a byte offset into the raw
    /// bytes given to `init(bytes:)`, byte-order mark included. libyaml reports reader errors
    /// (invalid UTF-8, control characters) as such an offset, with no line or column.
    public func location(ofByteOffset rawOffset: Int) -> SourceLocation {
        var offset = max(0, rawOffset - markLength)
        if let raw = rawUTF16 {
            let end = min(raw.count, max(markLength, rawOffset))
            offset = Self.decodeUTF16(raw[markLength..<end], bigEndian: encoding == .utf16BigEndian).utf8.count
        }
        offset = min(offset, utf8.count)
        // The last line starting at or before the offset.
        var low = 0
        var high = lineStarts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if lineStarts[middle] <= offset { low = middle } else { high = middle - 1 }
        }
        var column = 1
        for index in lineStarts[low]..<min(offset, lineEnds[low]) where utf8[index] & 0xC0 != 0x80 {
            column += 1
        }
        return SourceLocation(line: low + 1, column: column)
    }

    /// The position just after the last character of the text.
    public var endLocation: SourceLocation {
        location(ofByteOffset: markLength + (rawUTF16.map { $0.count - markLength } ?? utf8.count))
    }

    // MARK: - Building

    private static func decodeUTF16(_ bytes: ArraySlice<UInt8>, bigEndian: Bool) -> String {
        var units: [UInt16] = []
        units.reserveCapacity(bytes.count / 2)
        var index = bytes.startIndex
        while index + 1 < bytes.endIndex {
            let first = UInt16(bytes[index])
            let second = UInt16(bytes[index + 1])
            units.append(bigEndian ? first << 8 | second : second << 8 | first)
            index += 2
        }
        return String(decoding: units, as: UTF16.self)
    }

    private static func lineTable(_ bytes: [UInt8]) -> (starts: [Int], ends: [Int], isASCII: [Bool]) {
        var starts = [0]
        var ends: [Int] = []
        var isASCII: [Bool] = []
        var seenNonASCII = false
        var index = 0
        let count = bytes.count
        while index < count {
            let byte = bytes[index]
            var breakLength = 0
            if byte == 0x0A {
                breakLength = 1
            } else if byte == 0x0D {
                breakLength = index + 1 < count && bytes[index + 1] == 0x0A ? 2 : 1
            } else if byte == 0xC2, index + 1 < count, bytes[index + 1] == 0x85 {
                breakLength = 2  // NEL
            } else if byte == 0xE2, index + 2 < count, bytes[index + 1] == 0x80,
                      bytes[index + 2] == 0xA8 || bytes[index + 2] == 0xA9 {
                breakLength = 3  // LINE SEPARATOR, PARAGRAPH SEPARATOR
            }
            if breakLength > 0 {
                ends.append(index)
                isASCII.append(!seenNonASCII)
                seenNonASCII = false
                index += breakLength
                starts.append(index)
            } else {
                seenNonASCII = seenNonASCII || byte >= 0x80
                index += 1
            }
        }
        ends.append(count)
        isASCII.append(!seenNonASCII)
        return (starts, ends, isASCII)
    }
}

/// Where every `stride`th scalar of a line starts, decoding as `String(decoding:as:)` does (each
/// invalid sequence one U+FFFD), so that any window of the line is decoded from the checkpoint
/// before it rather than from the line's start.
struct LineScalarIndex: Sendable {
    static let stride = 256
    /// The line's length in scalars.
    let count: Int
    /// The byte offset in the line of scalar `k * stride` (0-based), for each `k`.
    private let checkpoints: [Int]

    init(_ line: ArraySlice<UInt8>) {
        var parser = Unicode.UTF8.ForwardParser()
        var bytes = line.makeIterator()
        var checkpoints: [Int] = []
        var count = 0
        var offset = 0
        parsing: while true {
            if count % Self.stride == 0 { checkpoints.append(offset) }
            switch parser.parseScalar(from: &bytes) {
            case .valid(let encoded): offset += encoded.count
            case .error(let length): offset += length
            case .emptyInput: break parsing
            }
            count += 1
        }
        self.count = count
        self.checkpoints = checkpoints
    }

    /// The scalars of `line` (the bytes this index was made from) in `columns`, 1-based.
    func scalars(in line: ArraySlice<UInt8>, columns: Range<Int>) -> [Unicode.Scalar] {
        guard !columns.isEmpty else { return [] }
        let checkpoint = (columns.lowerBound - 1) / Self.stride
        var parser = Unicode.UTF8.ForwardParser()
        var bytes = line[(line.startIndex + checkpoints[checkpoint])...].makeIterator()
        var scalars: [Unicode.Scalar] = []
        scalars.reserveCapacity(columns.count)
        var column = checkpoint * Self.stride + 1
        while column < columns.upperBound {
            let scalar: Unicode.Scalar
            switch parser.parseScalar(from: &bytes) {
            case .valid(let encoded): scalar = Unicode.UTF8.decode(encoded)
            case .error: scalar = "\u{FFFD}"
            case .emptyInput: return scalars
            }
            if column >= columns.lowerBound { scalars.append(scalar) }
            column += 1
        }
        return scalars
    }
}

extension Unicode.Scalar {
    /// The line breaks libyaml knows (LF, CR, NEL, LS, PS), where `SourceText` splits lines.
    var isYAMLLineBreak: Bool {
        switch value {
        case 0x0A, 0x0D, 0x85, 0x2028, 0x2029: true
        default: false
        }
    }
}
