import RuleEngine

/// The red/amber/green rating a board report gives each finding.
///
/// A rating is always shown as a word and a symbol as well as a colour, so it survives
/// black-and-white printing, screen readers and colour blindness (WCAG 1.4.1).
public enum BoardRating: String, Sendable, CaseIterable, Hashable {
    case red, amber, green, notApplicable = "not-applicable"

    /// Red: overdue or missing. Amber: due soon, or waived. Green: met, or done (late or not).
    /// Not applicable: the duty does not bind this partnership.
    public init(_ status: Status) {
        switch status {
        case .overdue, .missing: self = .red
        case .dueSoon, .waived: self = .amber
        case .met, .late: self = .green
        case .notApplicable: self = .notApplicable
        }
    }

    /// As for the status, except that a gap under an unconfirmed rule (a reading of the law not yet
    /// verified, or local practice), under a rule given only for information (severity `info`, such
    /// as a local choice), or in a check of the record itself (not a duty) is Amber: Red is kept for
    /// what the law is known to require. A gap whose confidence or severity is not known (an older
    /// report's JSON) stays Red.
    public init(_ status: Status, confidence: Confidence?, severity: Severity?, isRecordCheck: Bool = false) {
        self.init(status)
        if self == .red, confidence == .unconfirmed || severity == .info || isRecordCheck { self = .amber }
    }

    /// The word the report prints: "Red", "Amber", "Green", "Not applicable".
    public var word: String {
        switch self {
        case .red: "Red"
        case .amber: "Amber"
        case .green: "Green"
        case .notApplicable: "Not applicable"
        }
    }

    /// A shape that differs for each rating, printed before the word.
    public var symbol: String {
        switch self {
        case .red: "\u{25A0}"           // black square
        case .amber: "\u{25B2}"         // black up-pointing triangle
        case .green: "\u{25CF}"         // black circle
        case .notApplicable: "\u{25CB}" // white circle
        }
    }

    /// What the rating means, as printed in the key.
    public var meaning: String {
        switch self {
        case .red: "Overdue, or required by law and not shown in the record: treat it as not met until the record shows it done."
        case .amber: "Falls due within the rule's warning window, is covered by a waiver that has not expired, or is overdue or not shown in the record under an unconfirmed rule (a reading of the law not yet verified, or local practice) or a rule given for information only, or is a check of the record itself (not a duty the law imposes) that the record fails."
        case .green: "Met as of the date, or done (a late completion is noted); a date still to come that is not yet done reads \u{201C}not yet due\u{201D}."
        case .notApplicable: "The duty does not apply to this partnership."
        }
    }

    /// The text and background colours of this rating's tag (GOV.UK colours; see `BoardPalette`).
    public var colours: BoardPalette.Pair {
        switch self {
        case .red: BoardPalette.red
        case .amber: BoardPalette.amber
        case .green: BoardPalette.green
        case .notApplicable: BoardPalette.grey
        }
    }

    /// Reading order in summaries and keys.
    static let displayOrder: [BoardRating] = [.red, .amber, .green, .notApplicable]
}

extension Status {
    /// Lower-case words a reader sees after the rating: "overdue", "due soon", "not shown as met".
    /// (A missing finding may have nothing recorded, or a recorded value that does not meet the duty.)
    var boardPhrase: String {
        switch self {
        case .met: "met"
        case .dueSoon: "due soon"
        case .overdue: "overdue"
        case .missing: "not shown as met"
        case .late: "done late"
        case .notApplicable: "not applicable"
        case .waived: "waived"
        }
    }
}

/// Every colour pair the HTML report uses for text, so tests can check each for contrast.
public enum BoardPalette {
    /// A text colour on a background colour, as `#rrggbb`.
    public struct Pair: Sendable, Hashable {
        public var name: String
        public var foreground: String
        public var background: String

        public init(name: String, foreground: String, background: String) {
            self.name = name
            self.foreground = foreground
            self.background = background
        }
    }

    /// Red is dark, Amber mid and Green light, so the three stay apart in greyscale print as well as
    /// in colour (the backgrounds differ by at least 1.7:1; the pale red and orange tags they replace
    /// were within 1.1:1 of each other and of Green).
    public static let red = Pair(name: "red tag", foreground: "#ffffff", background: "#d4351c")
    public static let amber = Pair(name: "amber tag", foreground: "#0b0c0c", background: "#f47738")
    public static let green = Pair(name: "green tag", foreground: "#005a30", background: "#cce2d8")
    public static let grey = Pair(name: "grey tag", foreground: "#282d30", background: "#eeefef")
    public static let body = Pair(name: "body text", foreground: "#0b0c0c", background: "#ffffff")
    public static let secondary = Pair(name: "secondary text", foreground: "#505a5f", background: "#ffffff")
    public static let link = Pair(name: "link", foreground: "#1d70b8", background: "#ffffff")
    public static let tableHeader = Pair(name: "table header", foreground: "#0b0c0c", background: "#f3f2f1")
    public static let warning = Pair(name: "warning panel", foreground: "#0b0c0c", background: "#fff7bf")

    /// Every pair, in a stable order.
    public static let all: [Pair] = [red, amber, green, grey, body, secondary, link, tableHeader, warning]
}
