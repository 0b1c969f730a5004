import RuleEngine

/// The columns of a remembered item that decide what is sent, as both `item` and `delivery_item` keep
/// them. One rule for both tables: recovery copies a delivery's items into `item`, so a value there that
/// dutycheck never writes must be refused before the copy, as it is when `item` is read for planning.
struct StoredItemColumns {
    var status: Status
    var due: CivilDate?
    var firstNotified: CivilDate
    var lastNotified: CivilDate

    /// Reads the four columns of the row named `row` in `table`; a value dutycheck never writes there is
    /// `DamagedState`.
    init(status: SQLiteValue, due: SQLiteValue, firstNotified: SQLiteValue, lastNotified: SQLiteValue,
         table: String, row: String) throws(DamagedState) {
        // Only a status that is mailed is stored: a `met` here would change what counts as news.
        guard let known = status.text.flatMap(Status.init(rawValue:)), Status.notifiable.contains(known) else {
            throw DamagedState(table: table, column: "status", row: row, value: status,
                               expected: "a status (overdue, missing or due-soon)")
        }
        self.status = known
        self.due = try DamagedState.dateOrNull(due, table: table, column: "due", row: row)
        self.firstNotified = try DamagedState.date(firstNotified, table: table, column: "first_notified_on", row: row)
        self.lastNotified = try DamagedState.date(lastNotified, table: table, column: "last_notified_on", row: row)
    }
}
