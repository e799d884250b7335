import BijstandWarehouse
import GRDB

/// Full-snapshot replacement for the registration facts (spells, trajecten).
///
/// A registration file is the whole current state of a gemeente. Rather than
/// copying every row to history on every monthly delivery, the mover compares:
/// a row delivered again unchanged keeps its stored row (marked as confirmed
/// by this load), a changed row moves its old version to history, and what the
/// snapshot no longer contains is closed into history at the end. History so
/// holds exactly what changed, and `rollback` (the generic one of
/// `ReplaceableFact`) restores it.
///
/// ```swift
/// let mover = try SnapshotMover(.uitkering, db: db, batch: batch)
/// switch try mover.classify(key, contentHash: hash) {
/// case .new, .changed: insert the row
/// case .unchanged: nothing to write
/// case .duplicateInFile(let line): reject the row
/// }
/// let closed = try mover.closeMissing(gemeente: 394)
/// ```
final class SnapshotMover {
    /// One value of a key, bound in key order.
    enum KeyPart {
        case int(Int)
        case text(String)
    }

    /// How a delivered row relates to what is stored.
    enum Existing: Equatable {
        /// Not in the previous snapshot.
        case new
        /// In the previous snapshot with other content: the old version went to history.
        case changed
        /// In the previous snapshot with the same content: kept as it was.
        case unchanged
        /// Delivered earlier in this same file (on that line, when known).
        case duplicateInFile(line: Int?)
    }

    private let fact: ReplaceableFact
    private let batch: Int64
    private let db: Database
    private let lookup: FastStatement
    private let confirm: FastStatement
    private let copyChanged: FastStatement
    private let delete: FastStatement
    private var emptyAtStart: [Int: Bool] = [:]

    init(_ fact: ReplaceableFact, db: Database, batch: Int64) throws {
        self.fact = fact
        self.batch = batch
        self.db = db
        let keyMatch = fact.deliveryKeyMatch
        let columns = fact.columns.joined(separator: ", ")
        lookup = try FastStatement(db, "SELECT inhoud_hash, batch_id, regel, laad_markering FROM \(fact.table) WHERE \(keyMatch)")
        confirm = try FastStatement(db, "UPDATE \(fact.table) SET laad_markering = ? WHERE \(keyMatch)")
        copyChanged = try FastStatement(
            db,
            "INSERT OR FAIL INTO \(fact.historyTable) (\(columns), vervangen_door, historie_reden) SELECT \(columns), ?, 'gewijzigd' FROM \(fact.table) WHERE \(keyMatch)"
        )
        delete = try FastStatement(db, "DELETE FROM \(fact.table) WHERE \(keyMatch)")
    }

    /// Whether a gemeente had no rows stored when this load first met it. Its rows
    /// can then be inserted straight away (`INSERT … ON CONFLICT DO NOTHING`):
    /// only a duplicate within the file conflicts, and `classify` explains it.
    /// This halves the work of a first load.
    func isEmpty(gemeente: Int) throws -> Bool {
        if let known = emptyAtStart[gemeente] { return known }
        let empty = try
            !(Bool.fetchOne(
                db.cachedStatement(sql: "SELECT EXISTS (SELECT 1 FROM \(fact.table) WHERE gemeente_id = ? AND batch_id <> ?)"),
                arguments: [gemeente, batch]) ?? false)
        emptyAtStart[gemeente] = empty
        return empty
    }

    /// Compares a delivered row with the stored one and does the history part:
    /// after `.new` and `.changed` the caller inserts the row.
    func classify(_ key: [KeyPart], contentHash: Int64) throws -> Existing {
        lookup.bind(key, from: 1)
        defer { lookup.reset() }
        guard try lookup.step() else { return .new }
        let storedHash = lookup.int64(0)
        let storedBatch = lookup.int64(1)
        let storedLine = lookup.isNull(2) ? nil : Int(lookup.int64(2))
        let confirmedBy = lookup.isNull(3) ? nil : lookup.int64(3)
        lookup.reset()
        if storedBatch == batch { return .duplicateInFile(line: storedLine) }
        if confirmedBy == batch { return .duplicateInFile(line: nil) }
        if storedHash == contentHash {
            try markConfirmed(key)
            return .unchanged
        }
        copyChanged.bind(1, batch)
        copyChanged.bind(key, from: 2)
        try copyChanged.run()
        delete.bind(key, from: 1)
        try delete.run()
        return .changed
    }

    /// Keeps the stored version of a row this load rejected, so a row that
    /// could not be read is not mistaken for one missing from the snapshot.
    /// Returns whether there was one.
    func keepStored(_ key: [KeyPart]) throws -> Bool {
        lookup.bind(key, from: 1)
        defer { lookup.reset() }
        guard try lookup.step() else { return false }
        let storedBatch = lookup.int64(1)
        lookup.reset()
        guard storedBatch != batch else { return false }
        try markConfirmed(key)
        return true
    }

    /// Moves the stored rows of a gemeente that this snapshot did not contain
    /// to history as `ontbreekt`. Returns how many, with a few of their keys.
    func closeMissing(gemeente: Int, exampleColumns: [String], examples: Int = 5) throws -> (count: Int, examples: [Row]) {
        let columns = fact.columns.joined(separator: ", ")
        let missing = "gemeente_id = ?1 AND batch_id <> ?2 AND laad_markering IS NOT ?2"
        try db.cachedStatement(
            sql: """
                INSERT OR FAIL INTO \(fact.historyTable) (\(columns), vervangen_door, historie_reden)
                SELECT \(columns), ?2, 'ontbreekt' FROM \(fact.table) WHERE \(missing)
                """
        ).execute(arguments: [gemeente, batch])
        let count = db.changesCount
        guard count > 0 else { return (0, []) }
        try db.cachedStatement(sql: "DELETE FROM \(fact.table) WHERE \(missing)").execute(arguments: [gemeente, batch])
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT \(exampleColumns.joined(separator: ", ")) FROM \(fact.historyTable)
                WHERE gemeente_id = ? AND vervangen_door = ? AND historie_reden = 'ontbreekt'
                LIMIT \(examples)
                """,
            arguments: [gemeente, batch])
        return (count, rows)
    }

    private func markConfirmed(_ key: [KeyPart]) throws {
        confirm.bind(1, batch)
        confirm.bind(key, from: 2)
        try confirm.run()
    }
}

extension FastStatement {
    /// Binds a delivery key, its parts in key order from parameter `first` on.
    func bind(_ key: [SnapshotMover.KeyPart], from first: Int32) {
        for (offset, part) in key.enumerated() {
            switch part {
            case .int(let value): bind(first + Int32(offset), value)
            case .text(let value): bind(first + Int32(offset), value)
            }
        }
    }
}
