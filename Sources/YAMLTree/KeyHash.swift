/// 64-bit FNV-1a hashes of mapping keys, so that finding a key by name, or a repeated key, compares
/// numbers before it compares text.
public enum KeyHash {
    /// FNV-1a of `text` when it is all ASCII, or 0 when it is not. Two texts whose hashes are both
    /// non-zero and differ are different names; otherwise only comparing the texts tells. (Names
    /// compare as Swift strings, canonically, and a text with other characters may equal an ASCII
    /// one: `"\u{212A}ey"` is `Key`.)
    public static func ofASCII(_ text: String) -> UInt64 {
        var text = text
        return text.withUTF8 { ofASCII($0) }
    }

    /// `ofASCII` of UTF-8 bytes.
    public static func ofASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            if byte >= 0x80 { return 0 }
            hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3
        }
        return hash
    }

    /// `ofASCII` of a scalar key's text; 0 for a key that is not a scalar.
    static func of(_ key: YAMLNode) -> UInt64 {
        guard case .scalar(let scalar) = key.kind else { return 0 }
        return ofASCII(scalar.text)
    }

    /// Whether a key whose hash is `entry` may be the name whose hash is `name`.
    @inline(__always)
    public static func mayMatch(_ entry: UInt64, _ name: UInt64) -> Bool {
        entry == name || entry == 0 || name == 0
    }
}
