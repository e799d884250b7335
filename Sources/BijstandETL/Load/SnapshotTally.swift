import BijstandCore
import GRDB

/// What one gemeente's snapshot in a registration file did, and the dates its
/// peildatum comes from; written to `load_snapshot` at the end of the file.
/// The uitkeringen and trajecten loaders keep one per gemeente.
///
/// ```swift
/// tally.nieuw += 1
/// tally.note(start: start, record: record, peildatumColumn: columns.peildatum, today: today)
/// let (peildatum, how) = tally.peildatum(today: today)
/// try tally.record(soort: "uitkeringen", gemeente: 394, peildatum: peildatum, ontbrekend: 0, batch: batch, in: db)
/// ```
struct SnapshotTally {
    var regels = 0
    var nieuw = 0
    var gewijzigd = 0
    var ongewijzigd = 0
    var afgewezen = 0
    /// The latest startdatum not after the load date (days since 1970).
    private var laatsteStart = Int.min
    /// The latest value of a `peildatum` column.
    private var gegevenPeildatum: Day?

    /// Notes a loaded row's startdatum and the value of its peildatum column, if the
    /// file has one (a value that is not a date is passed over). Returns false when
    /// that peildatum differs from an earlier one of the same gemeente; the latest is kept.
    @discardableResult
    mutating func note(start: Day, record: CSVRecord, peildatumColumn: Int?, today: Int) -> Bool {
        var given: Day?
        if let column = peildatumColumn, !record.isEmpty(column), case .success(let day) = FieldParser.date(record[column]) {
            given = day
        }
        return note(start: start, peildatum: given, today: today)
    }

    private mutating func note(start: Day, peildatum: Day?, today: Int) -> Bool {
        let days = start.daysSinceEpoch
        if days <= today, days > laatsteStart { laatsteStart = days }
        guard let peildatum else { return true }
        guard let earlier = gegevenPeildatum else {
            gegevenPeildatum = peildatum
            return true
        }
        if peildatum > earlier { gegevenPeildatum = peildatum }
        return peildatum == earlier
    }

    /// The snapshot's peildatum: the latest one the file gives; without one, the
    /// latest startdatum not after today, else today, with how it was found.
    func peildatum(today: Int) -> (day: Day, derivedAs: String?) {
        if let gegevenPeildatum { return (gegevenPeildatum, nil) }
        if laatsteStart != Int.min {
            return (Day(daysSinceEpoch: laatsteStart), "the latest startdatum in the file not after today")
        }
        return (Day(daysSinceEpoch: today), "today, as no startdatum lies before it")
    }

    /// The gemeente's row in `load_snapshot`.
    func record(soort: String, gemeente: Int, peildatum: Day, ontbrekend: Int, batch: Int64, in db: Database) throws {
        try db.cachedStatement(
            sql: """
                INSERT INTO load_snapshot (batch_id, soort, gemeente_id, peildatum, regels, nieuw, gewijzigd, ongewijzigd, ontbrekend, afgewezen)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """
        ).execute(arguments: [batch, soort, gemeente, peildatum.iso, regels, nieuw, gewijzigd, ongewijzigd, ontbrekend, afgewezen])
    }
}
