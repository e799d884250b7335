import BijstandWarehouse
import GRDB

/// Moves the current rows of one delivery unit (and its dependants' rows) to
/// history before a newer delivery of the same key is inserted. The loaders
/// share it, so replacement works the same way for every replaceable fact.
///
/// The common case, a key not stored yet, costs one statement: the loader's
/// insert (`… ON CONFLICT DO NOTHING`) is tried first, and only when it finds
/// the key taken does the mover look for the row to move.
///
/// ```swift
/// let mover = try HistoryMover(.volumeMaand, dependants: [.stroomRedenMaand], db: db, batch: batch)
/// // bind the row's values on `insert`, then:
/// let replaced = try mover.insert(insert) { statement, first in statement.bind(first, gemeente) ... }
/// ```
final class HistoryMover {
    private let copyOwner: FastStatement
    private let deleteOwner: FastStatement
    private let dependants: [(copy: FastStatement, delete: FastStatement)]
    private let batch: Int64

    init(_ fact: ReplaceableFact, dependants: [ReplaceableFact] = [], db: Database, batch: Int64) throws {
        let owner = fact.moveToHistorySQL()
        copyOwner = try FastStatement(db, owner.copy)
        deleteOwner = try FastStatement(db, owner.delete)
        self.dependants = try dependants.map { dependant in
            let sql = dependant.moveToHistorySQL()
            return (try FastStatement(db, sql.copy), try FastStatement(db, sql.delete))
        }
        self.batch = batch
    }

    /// Runs `insert`, whose values are bound and whose SQL ends in
    /// `ON CONFLICT DO NOTHING`. When the key is taken, the current row (and its
    /// dependants' rows) move to history and the insert runs again with the
    /// same values. Returns whether a current row was replaced.
    @inline(__always)
    func insert(_ insert: FastStatement, key bindKey: (FastStatement, Int32) -> Void) throws -> Bool {
        try insert.run()
        if insert.changes > 0 { return false }
        guard try move(bindKey) else {
            throw HistoryMoverError.keyTakenButNotFound(sql: insert.sql)
        }
        // Bindings survive the reset: the same row goes in now that its key is free.
        try insert.run()
        guard insert.changes > 0 else { throw HistoryMoverError.keyTakenButNotFound(sql: insert.sql) }
        return true
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
