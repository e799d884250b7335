import BijstandAssets
import BijstandWarehouse
import GRDB

/// The reference data built into the program (CBS facts, Bron: CBS), loaded
/// into a new warehouse through the same readers and ledger as any extract.
public enum ReferenceData {
    /// The built-in files, in the order they depend on each other.
    public static let files: [(kind: String, path: String)] = [
        ("gemeenten", "etl/reference/gemeenten.csv"),
        ("herindelingen", "etl/reference/herindelingen.csv"),
        ("inwoners", "etl/reference/inwoners.csv"),
    ]

    /// Creates or migrates the schema and loads each built-in file whose kind has no
    /// completed load yet. Safe to repeat, also after an interrupted `init`: each file is
    /// its own transaction, so a crash between two of them leaves the later ones to load.
    @discardableResult
    /// `force` (what `init` gives) recreates the views and the dictionary even when the
    /// warehouse is current; other commands skip that when the schema fingerprint matches.
    public static func prepare(_ warehouse: Warehouse, force: Bool = false) throws -> [IngestResult] {
        try warehouse.migrate(force: force)
        var results: [IngestResult] = []
        for file in files {
            let loaded = try warehouse.database.read { db in
                try Int.fetchOne(
                    db, sql: "SELECT count(*) FROM load_batch WHERE soort = ? AND status = 'geladen'", arguments: [file.kind]) ?? 0
            }
            guard loaded == 0 else { continue }
            guard let text = Assets.text(file.path) else { throw WarehouseError.missingAsset(file.path) }
            var options = IngestOptions()
            options.kind = file.kind
            let result = try Ingestor(warehouse: warehouse).ingest(
                .bytes(name: "ingebouwd:\(file.path)", content: Array(text.utf8)), options: options)
            results.append(result)
        }
        return results
    }
}
