import BijstandAssets
import Foundation
import GRDB

/// The warehouse: one SQLite file holding the star schema, the load ledger and
/// the reject quarantine. Anyone can open it with any SQLite tool; this type is
/// how `bijstand` itself opens it.
///
/// ```swift
/// let warehouse = try Warehouse.open(path: "bijstand.sqlite")
/// try warehouse.migrate()
/// let count = try warehouse.database.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM dim_gemeente") }
/// ```
public final class Warehouse {
    /// Where the warehouse lives on disk.
    public let path: String
    /// The connection. WAL journal mode lets reports read while a load writes.
    public let database: DatabaseQueue

    private init(path: String, database: DatabaseQueue) {
        self.path = path
        self.database = database
    }

    /// Opens (and when needed creates) the warehouse file for reading and writing.
    ///
    /// A new file is created readable by its owner only (0600): it holds client-level data.
    /// A second writer waits up to `busyTimeout` seconds, then fails with a clear message.
    public static func open(path: String, busyTimeout: Double = 10) throws -> Warehouse {
        if !FileManager.default.fileExists(atPath: path) {
            let directory = (path as NSString).deletingLastPathComponent
            if !directory.isEmpty, !FileManager.default.fileExists(atPath: directory) {
                throw WarehouseError.cannotOpen(path: path, reason: "the folder \(directory) does not exist")
            }
            let fd = Glibc.open(path, O_CREAT | O_WRONLY | O_EXCL, 0o600)
            if fd < 0 {
                throw WarehouseError.cannotOpen(path: path, reason: String(cString: strerror(errno)))
            }
            close(fd)
        }
        var configuration = Configuration()
        configuration.busyMode = .timeout(busyTimeout)
        configuration.foreignKeysEnabled = true
        configuration.prepareDatabase { db in
            // WAL: readers never block the loader and a crash never leaves half a load.
            try db.execute(sql: "PRAGMA journal_mode = WAL")
            // NORMAL is durable in WAL mode up to the last checkpointed commit and
            // much faster than FULL for bulk loads.
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
            try db.execute(sql: "PRAGMA temp_store = FILE")
            try db.execute(sql: "PRAGMA cache_size = -16384")
        }
        do {
            let queue = try DatabaseQueue(path: path, configuration: configuration)
            return Warehouse(path: path, database: queue)
        } catch let error as DatabaseError {
            throw WarehouseError.cannotOpen(path: path, reason: error.message ?? "\(error)")
        }
    }

    /// Whether `init` has run on this file (any migration applied).
    public func isInitialised() throws -> Bool {
        try database.read { db in
            try db.tableExists("grdb_migrations")
                && (try Int.fetchOne(db, sql: "SELECT count(*) FROM grdb_migrations") ?? 0) > 0
        }
    }

    /// Applies every migration not yet applied, then recreates the analyst views and
    /// rebuilds the data dictionary (`meta_woordenboek`) from the comments in `sql/`.
    /// Safe to repeat: applied migrations are recorded and never run twice.
    /// Skipped when the warehouse is current (`isCurrent`) unless `force`, which `init` gives.
    public func migrate(force: Bool = false) throws {
        if !force, try isCurrent() { return }
        try Schema.migrator().migrate(database)
        try database.write { db in
            try Schema.recreateViews(db)
            try DataDictionary.refresh(db)
            try db.execute(sql: "PRAGMA user_version = \(Schema.fingerprint)")
        }
    }

    /// Whether the last `migrate` was done by a program carrying the same `sql/`
    /// files: then every migration is applied and the views and dictionary are current.
    /// One read of the file header, so every command can afford to ask.
    public func isCurrent() throws -> Bool {
        try database.read { try Int32.fetchOne($0, sql: "PRAGMA user_version") } == Schema.fingerprint
    }

    /// Fails with a sentence telling the user to run `init` when the file has no schema yet,
    /// and brings a warehouse made by an older version of the program up to date.
    public func requireInitialised() throws {
        if try isCurrent() { return }
        if try !isInitialised() {
            throw WarehouseError.notInitialised(path: path)
        }
        // Made or last migrated by another version of the program: its migrations, views and dictionary.
        try migrate()
    }
}

/// Problems opening or preparing the warehouse, each a sentence for the user.
public enum WarehouseError: Error, CustomStringConvertible {
    case cannotOpen(path: String, reason: String)
    case notInitialised(path: String)
    case missingAsset(String)

    public var description: String {
        switch self {
        case .cannotOpen(let path, let reason):
            return "Cannot open the warehouse \(path): \(reason)."
        case .notInitialised(let path):
            return "The warehouse \(path) has not been set up yet; run `bijstand init --db \(path)` first."
        case .missingAsset(let name):
            return "The program was built without its asset \(name); rebuild it from a complete checkout."
        }
    }
}
