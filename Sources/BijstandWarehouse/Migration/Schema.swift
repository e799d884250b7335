import BijstandAssets
import GRDB

/// The schema lives in `sql/` as plain SQL, one table or view per file.
///
/// - `sql/migrations/NNNN_name/*.sql`: a numbered migration is one folder; its
///   files run in name order inside one transaction. A released migration is
///   never edited: a change is a new folder.
/// - `sql/views/*.sql`: views hold no data, so they are dropped and recreated
///   on every `init` from the current files.
/// - `sql/seed/*.sql`: rows that need the built-in reference data first.
public enum Schema {
    /// The migrator with one migration per folder of `sql/migrations/`.
    public static func migrator() -> DatabaseMigrator {
        var migrator = DatabaseMigrator()
        let files = Assets.paths(under: "sql/migrations")
        var folders: [String: [String]] = [:]
        for file in files {
            let parts = file.split(separator: "/")
            guard parts.count == 4 else { continue }
            folders[String(parts[2]), default: []].append(file)
        }
        for name in folders.keys.sorted() {
            let migrationFiles = folders[name]!.sorted()
            migrator.registerMigration(name) { db in
                for file in migrationFiles {
                    try db.execute(sql: Assets.text(file)!)
                }
            }
        }
        return migrator
    }

    /// Drops every view and creates those of `sql/views/` again.
    public static func recreateViews(_ db: Database) throws {
        let existing = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'view'")
        for view in existing {
            try db.execute(sql: "DROP VIEW \(view.quotedDatabaseIdentifier)")
        }
        for file in Assets.paths(under: "sql/views") where file.hasSuffix(".sql") {
            try db.execute(sql: Assets.text(file)!)
        }
    }

    /// A fingerprint of every file of `sql/` this program carries (31 bits, FNV-1a).
    /// `migrate` stores it in the warehouse's `PRAGMA user_version`; when the
    /// two match, the schema, views and dictionary are this program's and a
    /// command can start without looking further.
    public static let fingerprint: Int32 = {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for path in Assets.paths(under: "sql").sorted() {
            for byte in path.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
            for byte in (Assets.text(path) ?? "").utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        }
        // Never 0, the value of a warehouse that was never migrated.
        return Int32(truncatingIfNeeded: hash & 0x7fff_ffff) | 1
    }()

    /// Runs one file of `sql/seed/`.
    public static func runSeed(_ name: String, in db: Database) throws {
        let path = "sql/seed/\(name)"
        guard let sql = Assets.text(path) else { throw WarehouseError.missingAsset(path) }
        try db.execute(sql: sql)
    }
}
