/// One step of a path into a JSON document: a member's key, or a list's index.
enum JSONStep: Equatable {
    case key(String)
    case index(Int)
}

/// Where a value sits in a JSON text that has already parsed, found by its path: the byte offset of
/// its first character. Foundation's parser keeps no positions, so an error about a field it read
/// would otherwise name no line.
///
/// Only the values on the way to the target are entered; every other value is passed over by
/// counting brackets, so nesting costs no recursion. Where a key is repeated, the last is found, as
/// it is the one Foundation keeps.
struct JSONValuePosition {
    private let bytes: [UInt8]
    private var offset = 0

    static func offset(of target: [JSONStep], in bytes: [UInt8]) -> Int? {
        var scanner = JSONValuePosition(bytes: bytes)
        // A byte-order mark before the text is not part of it.
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { scanner.offset = 3 }
        return scanner.find(target[...])
    }

    private init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// Finds `rest` within the value starting here.
    private mutating func find(_ rest: ArraySlice<JSONStep>) -> Int? {
        skipBlanks()
        guard let step = rest.first else { return offset < bytes.count ? offset : nil }
        guard offset < bytes.count else { return nil }
        switch (bytes[offset], step) {
        case (UInt8(ascii: "{"), .key(let wanted)):
            offset += 1
            // Foundation keeps the last member of a repeated name, so the last one is looked in.
            var found: Int?
            while true {
                skipBlanks()
                guard offset < bytes.count, bytes[offset] == UInt8(ascii: "\"") else { return found }
                let key = readString()
                skipBlanks()
                guard offset < bytes.count, bytes[offset] == UInt8(ascii: ":") else { return found }
                offset += 1
                if key == wanted {
                    var inner = self
                    found = inner.find(rest.dropFirst())
                }
                skipValue()
                guard separator() else { return found }
            }
        case (UInt8(ascii: "["), .index(let wanted)):
            offset += 1
            var index = 0
            while true {
                skipBlanks()
                if index == wanted { return find(rest.dropFirst()) }
                skipValue()
                guard separator() else { return nil }
                index += 1
            }
        default:
            return nil
        }
    }

    /// After a value in a collection: true past a `,`, false at the closing bracket or anything else.
    private mutating func separator() -> Bool {
        skipBlanks()
        guard offset < bytes.count, bytes[offset] == UInt8(ascii: ",") else { return false }
        offset += 1
        return true
    }

    private mutating func skipBlanks() {
        while offset < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[offset]) { offset += 1 }
    }

    /// Passes over one value: a string, a number or literal, or a whole object or list.
    private mutating func skipValue() {
        skipBlanks()
        guard offset < bytes.count else { return }
        switch bytes[offset] {
        case UInt8(ascii: "\""):
            _ = readString()
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            var depth = 0
            while offset < bytes.count {
                switch bytes[offset] {
                case UInt8(ascii: "\""):
                    _ = readString()
                    continue
                case UInt8(ascii: "{"), UInt8(ascii: "["):
                    depth += 1
                case UInt8(ascii: "}"), UInt8(ascii: "]"):
                    depth -= 1
                    if depth == 0 {
                        offset += 1
                        return
                    }
                default:
                    break
                }
                offset += 1
            }
        default:
            let ends: [UInt8] = [UInt8(ascii: ","), UInt8(ascii: "}"), UInt8(ascii: "]"), 0x20, 0x09, 0x0A, 0x0D]
            while offset < bytes.count, !ends.contains(bytes[offset]) { offset += 1 }
        }
    }

    /// Reads a string starting at its opening quote, escapes decoded, and moves past its closing quote.
    private mutating func readString() -> String {
        offset += 1
        var scalars = String.UnicodeScalarView()
        var raw: [UInt8] = []
        func flush() {
            scalars.append(contentsOf: String(decoding: raw, as: UTF8.self).unicodeScalars)
            raw.removeAll()
        }
        var pendingHigh: UInt32?
        while offset < bytes.count, bytes[offset] != UInt8(ascii: "\"") {
            guard bytes[offset] == UInt8(ascii: "\\"), offset + 1 < bytes.count else {
                raw.append(bytes[offset])
                offset += 1
                continue
            }
            flush()
            let escape = bytes[offset + 1]
            offset += 2
            switch escape {
            case UInt8(ascii: "u"):
                guard offset + 4 <= bytes.count, let unit = UInt32(String(decoding: bytes[offset..<offset + 4], as: UTF8.self), radix: 16) else { continue }
                offset += 4
                if (0xD800...0xDBFF).contains(unit) {
                    pendingHigh = unit
                    continue
                }
                if (0xDC00...0xDFFF).contains(unit), let high = pendingHigh {
                    scalars.append(Unicode.Scalar(0x10000 + ((high - 0xD800) << 10) + (unit - 0xDC00)) ?? "\u{FFFD}")
                } else {
                    scalars.append(Unicode.Scalar(unit) ?? "\u{FFFD}")
                }
            case UInt8(ascii: "n"): scalars.append("\n")
            case UInt8(ascii: "t"): scalars.append("\t")
            case UInt8(ascii: "r"): scalars.append("\r")
            case UInt8(ascii: "b"): scalars.append("\u{8}")
            case UInt8(ascii: "f"): scalars.append("\u{C}")
            default: scalars.append(Unicode.Scalar(escape))
            }
            pendingHigh = nil
        }
        flush()
        offset += 1
        return String(scalars)
    }
}
