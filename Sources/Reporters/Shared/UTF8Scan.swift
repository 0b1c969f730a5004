extension String {
    /// Whether every UTF-8 byte of the text passes `test`: the quick check that lets writers copy
    /// ordinary text whole instead of walking it scalar by scalar. Reads the bytes in place when
    /// the string stores them contiguously (native strings do).
    func allUTF8(_ test: (UInt8) -> Bool) -> Bool {
        if let result = utf8.withContiguousStorageIfAvailable({ bytes in
            for byte in bytes where !test(byte) { return false }
            return true
        }) {
            return result
        }
        return utf8.allSatisfy(test)
    }
}
