import GRDB

/// One load as the ledger records it.
public struct Batch: Sendable, Equatable {
    public var id: Int64
    public var soort: String
    public var bestand: String
    public var sha256: String
    public var bytes: Int64
    public var codering: String?
    public var scheidingsteken: String?
    public var counts: LoadCounts
    public var gestartOp: String
    public var geeindigdOp: String?
    public var status: String
    public var melding: String?
}

/// What happened to the rows of one file. Conservation: `read == loaded + replaced + rejected`.
public struct LoadCounts: Sendable, Equatable {
    public var read = 0
    public var loaded = 0
    public var replaced = 0
    public var rejected = 0
    public var emptyLines = 0
    public init() {}
    public var isConserved: Bool { read == loaded + replaced + rejected }
}

/// One rejected row as the quarantine keeps it.
public struct RejectedRow: Sendable, Equatable {
    public var line: Int
    public var column: String?
    public var value: String?
    public var reason: String
    public var rawLine: String?
    public init(line: Int, column: String?, value: String?, reason: String, rawLine: String?) {
        self.line = line
        self.column = column
        self.value = value
        self.reason = reason
        self.rawLine = rawLine
    }
}

/// The load ledger (`load_batch`), the quarantine (`load_afwijzing`) and the
/// warnings (`load_waarschuwing`): every load is written down, whatever its outcome.
public enum LoadLedger {
    static let now = "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')"

    /// The completed load of a file with this content, if there is one.
    public static func completedLoad(sha256: String, in db: Database) throws -> Batch? {
        try fetchBatches(db, where: "sha256 = ? AND status = 'geladen'", arguments: [sha256]).first
    }

    /// Opens a batch inside the load's transaction; it commits or vanishes with the data.
    public static func begin(
        soort: String, bestand: String, sha256: String, bytes: Int64,
        codering: String?, scheidingsteken: String?, in db: Database
    ) throws -> Int64 {
        try db.execute(
            sql: """
                INSERT INTO load_batch (soort, bestand, sha256, bytes, codering, scheidingsteken, gestart_op, status)
                VALUES (?, ?, ?, ?, ?, ?, \(now), 'geladen')
                """,
            arguments: [soort, bestand, sha256, bytes, codering, scheidingsteken])
        return db.lastInsertedRowID
    }

    /// Stores the final counts. The table's CHECK refuses counts that do not
    /// add up, which rolls the whole load back.
    public static func complete(batch: Int64, counts: LoadCounts, in db: Database) throws {
        try db.execute(
            sql: """
                UPDATE load_batch SET regels_gelezen = ?, geladen = ?, vervangen = ?, afgewezen = ?,
                    lege_regels = ?, geeindigd_op = \(now)
                WHERE batch_id = ?
                """,
            arguments: [counts.read, counts.loaded, counts.replaced, counts.rejected, counts.emptyLines, batch])
    }

    /// Records a load that did not complete, in its own transaction after the
    /// load's transaction was rolled back, together with the rows it rejected.
    public static func recordFailure(
        soort: String, bestand: String, sha256: String, bytes: Int64,
        codering: String?, scheidingsteken: String?, counts: LoadCounts,
        melding: String, rejects: [RejectedRow], in db: Database
    ) throws -> Int64 {
        try db.execute(
            sql: """
                INSERT INTO load_batch (soort, bestand, sha256, bytes, codering, scheidingsteken,
                    regels_gelezen, geladen, vervangen, afgewezen, lege_regels, gestart_op, geeindigd_op, status, melding)
                VALUES (?, ?, ?, ?, ?, ?, ?, 0, 0, ?, ?, \(now), \(now), 'mislukt', ?)
                """,
            arguments: [
                soort, bestand, sha256, bytes, codering, scheidingsteken,
                counts.read, counts.rejected, counts.emptyLines, melding,
            ])
        let batch = db.lastInsertedRowID
        let insert = try rejectStatement(db)
        for reject in rejects {
            try insert.execute(arguments: [batch, reject.line, reject.column, reject.value, reject.reason, reject.rawLine])
        }
        return batch
    }

    /// The prepared statement that writes one row into the quarantine.
    public static func rejectStatement(_ db: Database) throws -> Statement {
        try db.makeStatement(
            sql: "INSERT INTO load_afwijzing (batch_id, regel, kolom, waarde, reden, ruwe_regel) VALUES (?, ?, ?, ?, ?, ?)")
    }

    /// Adds a warning to a batch.
    public static func warn(batch: Int64, line: Int?, column: String?, _ message: String, in db: Database) throws {
        try db.execute(
            sql: "INSERT INTO load_waarschuwing (batch_id, regel, kolom, melding) VALUES (?, ?, ?, ?)",
            arguments: [batch, line, column, message])
    }

    /// Every load, oldest first.
    public static func batches(in db: Database) throws -> [Batch] {
        try fetchBatches(db, where: "1", arguments: [])
    }

    /// One load, or nil.
    public static func batch(_ id: Int64, in db: Database) throws -> Batch? {
        try fetchBatches(db, where: "batch_id = ?", arguments: [id]).first
    }

    /// The rejected rows of a load, in file order.
    public static func rejects(batch: Int64, in db: Database) throws -> [RejectedRow] {
        try Row.fetchAll(
            db,
            sql: "SELECT regel, kolom, waarde, reden, ruwe_regel FROM load_afwijzing WHERE batch_id = ? ORDER BY regel",
            arguments: [batch]
        ).map { RejectedRow(line: $0[0], column: $0[1], value: $0[2], reason: $0[3], rawLine: $0[4]) }
    }

    /// The warnings of a load, in file order.
    public static func warnings(batch: Int64, in db: Database) throws -> [(line: Int?, column: String?, message: String)] {
        try Row.fetchAll(
            db,
            sql: "SELECT regel, kolom, melding FROM load_waarschuwing WHERE batch_id = ? ORDER BY regel, rowid",
            arguments: [batch]
        ).map { ($0[0], $0[1], $0[2]) }
    }

    private static func fetchBatches(_ db: Database, where condition: String, arguments: StatementArguments) throws
        -> [Batch]
    {
        try Row.fetchAll(
            db,
            sql: """
                SELECT batch_id, soort, bestand, sha256, bytes, codering, scheidingsteken, regels_gelezen, geladen,
                       vervangen, afgewezen, lege_regels, gestart_op, geeindigd_op, status, melding
                FROM load_batch WHERE \(condition) ORDER BY batch_id
                """,
            arguments: arguments
        ).map { row in
            var counts = LoadCounts()
            counts.read = row[7]
            counts.loaded = row[8]
            counts.replaced = row[9]
            counts.rejected = row[10]
            counts.emptyLines = row[11]
            return Batch(
                id: row[0], soort: row[1], bestand: row[2], sha256: row[3], bytes: row[4], codering: row[5],
                scheidingsteken: row[6], counts: counts, gestartOp: row[12], geeindigdOp: row[13], status: row[14],
                melding: row[15])
        }
    }
}
