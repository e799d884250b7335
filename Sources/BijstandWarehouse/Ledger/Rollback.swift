import GRDB

/// Why a rollback was refused, as a sentence for the user.
public enum RollbackError: Error, CustomStringConvertible {
    case unknownBatch(Int64)
    case notLoaded(Int64, status: String)
    case referenceData(Int64, soort: String)

    public var description: String {
        switch self {
        case .unknownBatch(let id):
            return "There is no load with batch number \(id); `bijstand batches` lists them."
        case .notLoaded(let id, let status):
            return "Load \(id) has status '\(status)', so there is nothing to undo."
        case .referenceData(let id, let soort):
            return "Load \(id) is reference data (\(soort)), which is corrected by loading a corrected file, not rolled back."
        }
    }
}

extension LoadLedger {
    /// Source kinds whose rows replace each other by delivery and can be rolled back.
    /// Registration snapshots (`uitkeringen`, `trajecten`) can be undone while they are their
    /// gemeente's latest: a trigger of `load_snapshot` refuses an earlier one.
    public static let rollbackKinds: Set<String> = ["benchmark", "budget", "lasten", "uitkeringen", "trajecten"]

    /// Undoes one load completely in one transaction: its rows go, the rows it
    /// replaced come back, and the ledger marks it as rolled back.
    public static func rollback(batch: Int64, in db: Database) throws {
        guard let loaded = try LoadLedger.batch(batch, in: db) else { throw RollbackError.unknownBatch(batch) }
        guard loaded.status == "geladen" else { throw RollbackError.notLoaded(batch, status: loaded.status) }
        guard rollbackKinds.contains(loaded.soort) else { throw RollbackError.referenceData(batch, soort: loaded.soort) }
        for fact in ReplaceableFact.all {
            try fact.rollback(batch: batch, in: db)
        }
        if loaded.soort == "benchmark" {
            try VolumeAggregate.refreshAll(in: db)
        }
        try db.execute(
            sql: "UPDATE load_batch SET status = 'teruggedraaid', teruggedraaid_op = \(now), melding = 'teruggedraaid' WHERE batch_id = ?",
            arguments: [batch])
    }
}
