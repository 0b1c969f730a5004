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
        if description.contains("end of file") { return SourceText(bytes: bytes).endLocation }
        return nil
    }
}
