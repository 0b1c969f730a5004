import YAMLTree

/// A rule pack's identity as printed in outputs.
public struct PackInfo: Sendable, Hashable {
    public var id: String
    public var title: String
    public var version: String
    public var sha256: String

    public init(id: String, title: String, version: String, sha256: String) {
        self.id = id
        self.title = title
        self.version = version
        self.sha256 = sha256
    }
}

/// A waiver from the record and whether it covered anything as of the date.
public struct WaiverOutcome: Sendable, Hashable {
    public enum State: String, Sendable, Hashable { case active, expired, unused }

    public var rule: String
    public var subject: String?
    public var reason: String
    public var approvedBy: String
    public var reference: String?
    public var until: CivilDate
    public var state: State
    public var location: SourceLocation
    /// Set only for an unused waiver whose subject no finding of its rule has (a misspelt subject,
    /// usually): the subjects that rule's findings do have, in finding order, so the record can be
    /// put right. Empty for a rule without `for_each`, whose findings never have a subject; nil for a
    /// `for_each` rule with no items today, which says nothing about the subjects it can have.
    public var subjectsFound: [String]?

    public init(rule: String, subject: String?, reason: String, approvedBy: String, reference: String?,
                until: CivilDate, state: State, location: SourceLocation, subjectsFound: [String]? = nil) {
        self.rule = rule
        self.subject = subject
        self.reason = reason
        self.approvedBy = approvedBy
        self.reference = reference
        self.until = until
        self.state = state
        self.location = location
        self.subjectsFound = subjectsFound
    }
}

extension WaiverOutcome {
    /// Of the waivers covering one finding, the one that waives it: the one that runs longest,
    /// and the first listed of those that run as long. Its `until` is the date the finding is
    /// really waived to.
    static func chosen<C: Collection>(from candidates: C, until: (C.Element) -> CivilDate) -> C.Element? {
        var best: C.Element?
        for candidate in candidates where best.map({ until(candidate) > until($0) }) ?? true { best = candidate }
        return best
    }
}

/// Everything checked for one record file.
public struct RecordResult: Sendable {
    public var file: String
    public var sha256: String
    /// `partnership.name`, when recorded.
    public var name: String?
    /// Findings in a stable order: pack order, then rule order, then item order.
    public var findings: [Finding]
    public var waivers: [WaiverOutcome]
    /// The record as loaded, for outputs that need more of it (contacts, meetings, partners).
    public var record: YAMLNode
    /// Where the check stopped, out of evaluation steps; nil for a check that ran to the end. A
    /// stopped record's findings and waivers are incomplete and must not be reported.
    public var stopped: StoppedCheck?

    public init(file: String, sha256: String, name: String?, findings: [Finding], waivers: [WaiverOutcome], record: YAMLNode) {
        self.file = file
        self.sha256 = sha256
        self.name = name
        self.findings = findings
        self.waivers = waivers
        self.record = record
    }

    /// The waiver that waived `finding` (nil unless it is waived): see `WaiverOutcome.chosen`.
    /// For many findings, index the waivers once with `coveringWaivers`.
    public func waiver(covering finding: Finding) -> WaiverOutcome? {
        coveringWaivers.waiver(covering: finding)
    }

    /// The record's active waivers, indexed to find the one covering each finding.
    public var coveringWaivers: CoveringWaivers { CoveringWaivers(waivers) }

    /// How many findings have each status (every status present, zero where none).
    public var summary: [Status: Int] {
        var counts = Dictionary(uniqueKeysWithValues: Status.allCases.map { ($0, 0) })
        for finding in findings { counts[finding.status, default: 0] += 1 }
        return counts
    }
}

/// The result of one run: what was checked, with what, as of when. Every reporter renders this.
public struct Report: Sendable {
    public var toolName: String
    public var toolVersion: String
    public var asOf: CivilDate
    public var packs: [PackInfo]
    public var records: [RecordResult]

    public init(toolName: String = "dutycheck", toolVersion: String, asOf: CivilDate, packs: [PackInfo], records: [RecordResult]) {
        self.toolName = toolName
        self.toolVersion = toolVersion
        self.asOf = asOf
        self.packs = packs
        self.records = records
    }
}
