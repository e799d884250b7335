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

    /// Runs one file of `sql/seed/`.
    public static func runSeed(_ name: String, in db: Database) throws {
        let path = "sql/seed/\(name)"
        guard let sql = Assets.text(path) else { throw WarehouseError.missingAsset(path) }
        try db.execute(sql: sql)
    }
}
