/// The record locations an evaluation read, without repeats: first what its own expressions read,
/// then what the lets they name read, each in first-read order.
///
/// A finding's first evidence is where a reader is sent to look ("Where"). A let that chooses a
/// plan reads every plan's dates before the check reads the chosen plan's field, so in plain
/// first-read order a finding about the 2025 plan pointed at the 2022 one; the check's own reads
/// say where its fact is, or should be, recorded.
///
/// At most `limit` are kept: a finding that points at more places than a reader can follow helps
/// nobody, and the cap keeps evidence cheap on the hot path (a linear scan of a short list beats
/// hashing path strings).
public final class EvidenceLog {
    public static let limit = 12
    /// (No run-time exclusivity check: only the evaluation that owns the log appends to it.)
    @exclusivity(unchecked) private var direct: [Origin] = []
    /// What the lets read, logged again with each read of a let (see `LetValue`).
    @exclusivity(unchecked) private var throughLets: [Origin] = []
    /// A log nobody will read (a message's, an owner's): it keeps nothing.
    let discards: Bool

    public init() {
        discards = false
    }

    init(discarding: Bool) {
        discards = discarding
    }

    /// One log that keeps nothing, shared by every evaluation whose reads are not listed (it is
    /// never written to, so sharing it across threads is safe).
    nonisolated(unsafe) static let discarding = EvidenceLog(discarding: true)

    /// The evaluation's own reads, then its lets' (at most `limit`).
    public var origins: [Origin] {
        guard !throughLets.isEmpty else { return direct }
        guard !direct.isEmpty else { return throughLets }
        var merged = direct
        for origin in throughLets where merged.count < Self.limit && !merged.contains(origin) { merged.append(origin) }
        return merged
    }

    /// A read of the evaluation's own.
    public func record(_ origin: Origin) {
        Self.append(origin, to: &direct, unless: discards)
    }

    /// Everything `other` logged, as read through a let: its own reads, then its lets'. (Read
    /// from its two lists in place: a let is read once per element of a filter that names it, and
    /// `origins` would build a merged list each time.)
    public func record(contentsOf other: EvidenceLog) {
        guard !discards else { return }
        // Each of `other`'s lists already holds no repeats and no more than the limit.
        if throughLets.isEmpty && other.throughLets.isEmpty {
            throughLets = other.direct
            return
        }
        for origin in other.direct { Self.append(origin, to: &throughLets, unless: false) }
        for origin in other.throughLets { Self.append(origin, to: &throughLets, unless: false) }
    }

    private static func append(_ origin: Origin, to log: inout [Origin], unless discards: Bool) {
        guard !discards, log.count < limit else { return }
        for seen in log where seen == origin { return }
        // Room for the whole log at once: growing it 1, 2, 4, 8, 16 costs an allocation each time.
        if log.isEmpty { log.reserveCapacity(limit) }
        log.append(origin)
    }
}
