import BijstandWarehouse
import GRDB

/// Moves the current rows of one delivery unit (and its dependants' rows) to
/// history before a newer delivery of the same key is inserted. The loaders
/// share it, so replacement works the same way for every replaceable fact.
///
/// ```swift
/// let mover = try HistoryMover(.volumeMaand, dependants: [.stroomRedenMaand], db: db, batch: batch)
/// let replaced = try mover.move { statement, first in statement.bind(first, gemeente) ... }
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

    /// Moves the rows of the key that `bindKey` binds (its columns in
    /// `deliveryKey` order, starting at the given parameter index).
    /// Returns whether there was a current row, i.e. whether the new row replaces one.
    @inline(__always)
    func move(_ bindKey: (FastStatement, Int32) -> Void) throws -> Bool {
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
