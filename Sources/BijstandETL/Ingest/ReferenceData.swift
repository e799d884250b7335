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

    /// Creates or migrates the schema and, on a warehouse without gemeenten,
    /// loads the built-in reference data. Safe to repeat.
    @discardableResult
    public static func prepare(_ warehouse: Warehouse) throws -> [IngestResult] {
        try warehouse.migrate()
        let empty = try warehouse.database.read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM dim_gemeente") == 0
        }
        guard empty else { return [] }
        var results: [IngestResult] = []
        for file in files {
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
