import BijstandWarehouse
import GRDB

/// Moves the current rows of one delivery unit (and its dependants' rows) to
/// history before a newer delivery of the same key is inserted. The loaders
/// share it, so replacement works the same way for every replaceable fact.
///
/// The common case, a key not stored yet, costs one statement: the loader's
/// insert (`… ON CONFLICT DO NOTHING`) is tried first, and only when it finds
/// the key taken does the mover look at the row that holds it. A row of this
/// same load means the file delivers the key twice: nothing is written and the
/// loader rejects the row. So duplicates within a file are found through the
/// table's key, and a load's memory does not grow with its file.
///
/// ```swift
/// let mover = try HistoryMover(.volumeMaand, dependants: [.stroomRedenMaand], db: db, batch: batch)
/// // bind the row's values on `insert`, then:
/// switch try mover.insert(insert, key: { statement, first in statement.bind(first, gemeente) ... }) {
/// case .inserted, .replaced: …
/// case .duplicate(let line): reject the row
/// }
/// ```
final class HistoryMover {
    /// What became of a row.
    enum Insertion: Equatable {
        /// Its key was free.
        case inserted
        /// It replaced the current row of an earlier load, which moved to history.
        case replaced
        /// This load already stored its key, from that line of the file; nothing was written.
        case duplicate(line: Int?)
    }

    private let holder: FastStatement
    private let copyOwner: FastStatement
    private let deleteOwner: FastStatement
    private let dependants: [(copy: FastStatement, delete: FastStatement)]
    private let batch: Int64

    init(_ fact: ReplaceableFact, dependants: [ReplaceableFact] = [], db: Database, batch: Int64) throws {
        let owner = fact.moveToHistorySQL()
        let keyMatch = fact.deliveryKeyMatch
        holder = try FastStatement(db, "SELECT batch_id, regel FROM \(fact.table) WHERE \(keyMatch)")
        copyOwner = try FastStatement(db, owner.copy)
        deleteOwner = try FastStatement(db, owner.delete)
        self.dependants = try dependants.map { dependant in
            let sql = dependant.moveToHistorySQL()
            return (try FastStatement(db, sql.copy), try FastStatement(db, sql.delete))
        }
        self.batch = batch
    }

    /// Runs `insert`, whose values are bound and whose SQL ends in
    /// `ON CONFLICT DO NOTHING`. When the key is taken by an earlier load, the
    /// current row (and its dependants' rows) move to history and the insert runs
    /// again with the same values; when this load took it, nothing is written.
    @inline(__always)
    func insert(_ insert: FastStatement, key bindKey: (FastStatement, Int32) -> Void) throws -> Insertion {
        try insert.run()
        if insert.changes > 0 { return .inserted }
        bindKey(holder, 1)
        guard try holder.step() else { throw HistoryMoverError.keyTakenButNotFound(sql: insert.sql) }
        let holderBatch = holder.int64(0)
        let line = holder.isNull(1) ? nil : Int(holder.int64(1))
        holder.reset()
        if holderBatch == batch { return .duplicate(line: line) }
        guard try move(bindKey) else {
            throw HistoryMoverError.keyTakenButNotFound(sql: insert.sql)
        }
        // Bindings survive the reset: the same row goes in now that its key is free.
        try insert.run()
        guard insert.changes > 0 else { throw HistoryMoverError.keyTakenButNotFound(sql: insert.sql) }
        return .replaced
    }

    /// Moves the rows of the key that `bindKey` binds (its columns in
    /// `deliveryKey` order, starting at the given parameter index).
    /// Returns whether there was a current row, i.e. whether the new row replaces one.
    @inline(__always)
    private func move(_ bindKey: (FastStatement, Int32) -> Void) throws -> Bool {
        copyOwner.bind(1, batch)
        bindKey(copyOwner, 2)
        try copyOwner.run()
        guard copyOwner.changes > 0 else { return false }
        for dependant in dependants {
            dependant.copy.bind(1, batch)
            bindKey(dependant.copy, 2)
            try dependant.copy.run()
            bindKey(dependant.delete, 1)
            try dependant.delete.run()
        }
        bindKey(deleteOwner, 1)
        try deleteOwner.run()
        return true
    }
}

/// The insert found its key taken, yet no current row has that key: the
/// insert's conflict is on another key than the delivery key. A programming
/// error, reported rather than loading the row twice.
enum HistoryMoverError: Error, CustomStringConvertible {
    case keyTakenButNotFound(sql: String)

    var description: String {
        switch self {
        case .keyTakenButNotFound(let sql):
            return
                "Internal error: an insert conflicted with a row that is not its delivery key's current row (\(sql)); nothing was loaded."
        }
    }
}
