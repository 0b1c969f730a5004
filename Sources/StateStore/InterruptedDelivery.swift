import RuleEngine

/// A delivery a killed run left `pending`, and what recovery records for it by `RecoveryPolicy`.
public struct InterruptedDelivery: Sendable {
    public var record: DeliveryRecord
    public var outcome: DeliveryState

    /// Whether recovery records it as sent, and so copies its items into `item`.
    var isSent: Bool { outcome == .sent || outcome == .assumedSent }
}

extension NotificationStateStore {
    /// The deliveries a killed run left pending, oldest first, each with its outcome, once every row that
    /// recovery would read or copy is known to hold only what dutycheck writes; otherwise `DamagedState`.
    /// It only reads, so a dry run asks it too and is refused where the real run's recovery would be.
    ///
    /// Checked here, before anything is written: a sent delivery's items are copied into `item` as they
    /// are, so a damaged one used to be committed there first (and refused only by the next read), or, with
    /// a status the `item` table's CHECK constraint refuses, to fail every run with SQLite's raw message.
    ///
    /// - Parameter fileExists: whether a file-channel destination is in place (I/O passed in as a value).
    public func interruptedDeliveries(fileExists: (String) -> Bool) throws -> [InterruptedDelivery] {
        try checkDeliveryStates()
        let interrupted = try deliveries(state: .pending).reversed().map { record in
            InterruptedDelivery(record: record, outcome: RecoveryPolicy.outcome(
                channel: record.channel, fileExists: record.destination.map(fileExists) ?? false))
        }
        for delivery in interrupted {
            if delivery.isSent {
                try checkItems(ofDelivery: delivery.record.id)
            } else {
                try checkPreviousSentOn(of: delivery.record)
            }
        }
        return interrupted
    }

    /// Refuses `delivery`'s `previous_sent_on` unless it is null or a date before the delivery's own
    /// `as_of`: a delivery recorded as not sent puts it back as its audience's last-sent date, where a
    /// value that is not a date would be refused only by the next read, with the damage then named in the
    /// wrong table. A run never sends for its audience's last-sent date or an earlier one, so a
    /// `previous_sent_on` on or after `as_of` is one no run wrote; put back, it would silence the
    /// audience until after that date.
    private func checkPreviousSentOn(of delivery: DeliveryRecord) throws {
        let value = try database.query("SELECT previous_sent_on FROM delivery WHERE id = ?", [.integer(delivery.id)]).first?.first ?? .null
        let place = "delivery \(delivery.id)"
        guard let previous = try DamagedState.dateOrNull(value, table: "delivery", column: "previous_sent_on", row: place),
              previous >= delivery.asOf else { return }
        throw DamagedState(table: "delivery", column: "previous_sent_on", row: place, value: value,
                           expected: "a date before the delivery's as_of, \(delivery.asOf.iso)")
    }

    /// Refuses a delivery whose `state` dutycheck never writes (`'bogus'`, `'PENDING'`): every query
    /// that asks for one state in SQL (the pending ones to recover, to hold back a second claim) would
    /// pass over such a row in silence, whatever the run that wrote it meant.
    func checkDeliveryStates() throws {
        let known = DeliveryState.allCases.map { SQLiteValue.text($0.rawValue) }
        let placeholders = Array(repeating: "?", count: known.count).joined(separator: ", ")
        guard let row = try database.query("""
            SELECT id, state FROM delivery WHERE state IS NULL OR state NOT IN (\(placeholders)) ORDER BY id LIMIT 1
            """, known).first else { return }
        throw DamagedState(table: "delivery", column: "state", row: "delivery \(row[0].integer ?? 0)", value: row[1],
                           expected: DeliveryState.expected)
    }

    /// Refuses the items of delivery `id` if any holds a value `item` may not: they are what its
    /// audience is remembered as told once the delivery is recorded as sent.
    private func checkItems(ofDelivery id: Int64) throws {
        let rows = try database.query("""
            SELECT rule, subject, status, due, first_notified_on, last_notified_on
            FROM delivery_item WHERE delivery_id = ? ORDER BY rule, subject
            """, [.integer(id)])
        for row in rows {
            let key = ItemKey(rule: row[0].text ?? "", subject: row[1].text)
            _ = try StoredItemColumns(status: row[2], due: row[3], firstNotified: row[4], lastNotified: row[5],
                                      table: "delivery_item",
                                      row: "delivery \(id) (\(Suggestion.escapingControls(key.description)))")
        }
    }
}
