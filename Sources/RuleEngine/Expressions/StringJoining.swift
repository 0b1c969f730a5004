extension String {
    /// `pieces` one after another, written into a single allocation of the right size.
    init(joining pieces: [String]) {
        var count = 0
        for piece in pieces { count += piece.utf8.count }
        self.init(unsafeUninitializedCapacity: count) { buffer in
            var written = 0
            for var piece in pieces {
                written = piece.withUTF8 { bytes in buffer[written...].initialize(fromContentsOf: bytes) }
            }
            return written
        }
    }
}
