import RuleEngine

/// A value in the state database that dutycheck never writes there: a date that is not `YYYY-MM-DD`, a
/// status or delivery state it does not know. Something else changed the file, so nothing in it can be
/// trusted to decide what to send: read as if absent, such a value silently changes what goes out (a
/// last-sent date that is not a date let the audience be mailed again for a date it already had).
public struct DamagedState: Error, Sendable, Hashable, CustomStringConvertible {
    public var table: String
    public var column: String
    /// The row, as a reader can find it: a rule with its partnership and audience, or a delivery id.
    public var row: String
    /// The value as stored, quoted and escaped for the message.
    public var value: String
    /// What dutycheck writes in the column.
    public var expected: String

    init(table: String, column: String, row: String, value: SQLiteValue, expected: String) {
        self.table = table
        self.column = column
        self.row = row
        self.value = Self.shown(value)
        self.expected = expected
    }

    /// An audience's row as messages name it, "partnership, audience", escaped: both come from records.
    public static func audienceRow(partnership: String, audience: String) -> String {
        "\(Suggestion.escapingControls(partnership)), \(Suggestion.escapingControls(audience))"
    }

    public var description: String {
        "damaged: \(table).\(column) of \(row) holds \(value), which is not \(expected); dutycheck never writes that, "
            + "so the file was changed by something else: restore it from a backup, or correct that row"
    }

    /// The date in `value`, which must be one.
    static func date(_ value: SQLiteValue, table: String, column: String, row: String) throws(DamagedState) -> CivilDate {
        guard let text = value.text, let date = CivilDate(iso: text) else {
            throw DamagedState(table: table, column: column, row: row, value: value, expected: "a date (YYYY-MM-DD)")
        }
        return date
    }

    /// The date in `value`, or nil for NULL, in a column that may be null.
    static func dateOrNull(_ value: SQLiteValue, table: String, column: String, row: String) throws(DamagedState) -> CivilDate? {
        value == .null ? nil : try date(value, table: table, column: column, row: row)
    }

    /// A stored value as a message shows it: text quoted, with its control characters escaped.
    private static func shown(_ value: SQLiteValue) -> String {
        switch value {
        case .null: "NULL"
        case .integer(let number): "the number \(number)"
        case .real(let number): "the number \(Value.plainText(number))"
        case .text(let text): Suggestion.quoted(text)
        case .blob(let bytes): "a blob of \(bytes.count) bytes"
        }
    }
}
