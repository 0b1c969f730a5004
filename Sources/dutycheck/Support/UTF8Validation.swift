/// Where text read back from a file stops being UTF-8, so that the error can point there rather
/// than at the whole file.
enum UTF8Validation {
    /// The byte offset of the first sequence in `bytes` that is not UTF-8; nil when there is none.
    static func firstInvalidOffset(_ bytes: [UInt8]) -> Int? {
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = bytes.makeIterator()
        var offset = 0
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let scalar): offset += scalar.count
            case .error: return offset
            case .emptyInput: return nil
            }
        }
    }
}
