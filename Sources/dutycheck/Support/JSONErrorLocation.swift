import Foundation
import YAMLTree

/// Where a `JSONSerialization` error says the text stopped parsing, when it says. Foundation gives
/// no line or column, but names a byte offset: in its message on Linux ("Invalid value around
/// character 17."), in `NSJSONSerializationErrorIndex` on Apple platforms; and an unexpected end of
/// the file is at its end. Nil when the error says neither.
enum JSONErrorLocation {
    static func location(of error: any Error, in bytes: [UInt8]) -> SourceLocation? {
        let info = (error as NSError).userInfo
        let description = info[NSDebugDescriptionErrorKey] as? String ?? ""
        let offset = info["NSJSONSerializationErrorIndex"] as? Int
            ?? description.range(of: "around character ").flatMap { Int(description[$0.upperBound...].prefix { $0.isASCII && $0.isNumber }) }
        if let offset { return SourceText(bytes: bytes).location(ofByteOffset: offset) }
        // Foundation names a lone surrogate escape (`\ud800`) without its place, one kind as if the file
        // ended there: found by a scan instead.
        if description.contains("surrogate") || description.contains("hex escape"), let offset = loneSurrogateEscape(in: bytes) {
            return SourceText(bytes: bytes).location(ofByteOffset: offset)
        }
        if description.contains("end of file") { return SourceText(bytes: bytes).endLocation }
        return nil
    }

    /// The offset of the first `\uXXXX` escape that is half of a surrogate pair without its other half.
    /// Backslashes stand only in strings, each starting an escape, so escapes are read pairwise in order.
    static func loneSurrogateEscape(in bytes: [UInt8]) -> Int? {
        func unit(at index: Int) -> UInt32? {
            guard index + 6 <= bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") else { return nil }
            return UInt32(String(decoding: bytes[(index + 2)..<(index + 6)], as: UTF8.self), radix: 16)
        }
        var index = 0
        while index < bytes.count {
            guard bytes[index] == UInt8(ascii: "\\") else { index += 1; continue }
            guard let code = unit(at: index) else { index += 2; continue }
            switch code {
            case 0xD800...0xDBFF:
                guard let low = unit(at: index + 6), (0xDC00...0xDFFF).contains(low) else { return index }
                index += 12
            case 0xDC00...0xDFFF:
                return index
            default:
                index += 6
            }
        }
        return nil
    }
}
