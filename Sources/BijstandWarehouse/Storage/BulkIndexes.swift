import Foundation
import GRDB

/// The secondary indexes of the tables a large load fills, dropped while its
/// rows go in and built again before it commits.
///
/// Keeping an index up to date row by row costs a B-tree descent per row in
/// key order of the index, not of the file; building it afterwards is one
/// sort. That pays when the load brings about as many rows as the tables
/// already hold (a first national load, a full registration snapshot), and not
/// for a monthly delivery into a warehouse of years: `pays(fileBytes:in:)`
/// decides. Dropping and creating happen inside the load's transaction, so a
/// failed or interrupted load leaves every index as it was.
///
/// ```swift
/// let suspended = try BulkIndexes.suspend(on: ["fact_volume_maand"], in: db)
/// // … insert the rows …
/// try suspended.restore(in: db)
/// ```
public struct BulkIndexes {
    /// A load larger than this share of the warehouse file rebuilds the indexes.
    public static let shareOfWarehouse = 0.5
    /// Below this size a load never rebuilds them (its rows are few whatever the warehouse).
    public static let minimumFileBytes: Int64 = 1 << 20

    private let indexes: [(name: String, sql: String)]

    /// Whether rebuilding pays for a file of this size: it must be large in itself
    /// and large against the warehouse that its rows go into.
    public static func pays(fileBytes: Int64, in db: Database) throws -> Bool {
        guard fileBytes >= minimumFileBytes else { return false }
        let pages = try Int64.fetchOne(db, sql: "PRAGMA page_count") ?? 0
        let pageSize = try Int64.fetchOne(db, sql: "PRAGMA page_size") ?? 4096
        return Double(fileBytes) >= Double(pages * pageSize) * shareOfWarehouse
    }

    /// Drops the indexes that were created with `CREATE INDEX` on these tables
    /// (a primary key and the indexes behind UNIQUE constraints stay: they are the
    /// tables' keys) and remembers their definitions.
    public static func suspend(on tables: [String], in db: Database) throws -> BulkIndexes {
        guard !tables.isEmpty else { return BulkIndexes(indexes: []) }
        let marks = databaseQuestionMarks(count: tables.count)
        let rows = try Row.fetchAll(
            db,
            sql: "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN (\(marks)) ORDER BY name",
            arguments: StatementArguments(tables))
        let indexes = rows.map { (name: $0[0] as String, sql: $0[1] as String) }
        for index in indexes {
            try db.execute(sql: "DROP INDEX \(index.name.quotedDatabaseIdentifier)")
        }
        return BulkIndexes(indexes: indexes)
    }

    /// Creates the dropped indexes again, exactly as they were defined.
    ///
    /// SQLite sorts the index entries in memory chunks as large as the page cache,
    /// next to the cache itself; the cache is made small while the indexes are built
    /// (they are written in order, so it is not missed), which keeps a load of any
    /// size within the same memory (`sortingCacheKiB`).
    ///
    /// The sort also gets helper threads (`sortingThreads`): SQLite sorts the chunks
    /// on the other cores while this one reads the table, a quarter less time for the
    /// index of a million spells, at one more sorting chunk (4 MiB) per helper.
    public func restore(in db: Database) throws {
        guard !indexes.isEmpty else { return }
        let cache = try Int.fetchOne(db, sql: "PRAGMA cache_size") ?? -2000
        let threads = try Int.fetchOne(db, sql: "PRAGMA threads") ?? 0
        defer {
            try? db.execute(sql: "PRAGMA cache_size = \(cache)")
            try? db.execute(sql: "PRAGMA threads = \(threads)")
        }
        try db.execute(sql: "PRAGMA cache_size = -\(Self.sortingCacheKiB)")
        try db.execute(sql: "PRAGMA threads = \(Self.sortingThreads)")
        for index in indexes {
            try db.execute(sql: index.sql)
        }
    }

    /// The page cache while indexes are built, in KiB.
    public static let sortingCacheKiB = 4096

    /// Helper threads for sorting index entries: one per core beside this one, at least one, at most two.
    public static let sortingThreads = min(2, max(1, ProcessInfo.processInfo.activeProcessorCount - 1))

    /// The names of the suspended indexes.
    public var names: [String] { indexes.map(\.name) }
}
