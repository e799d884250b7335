import BijstandWarehouse
import GRDB
import XCTest

/// The whole content of a warehouse as text, to compare states exactly.
///
/// Failed loads (`mislukt`) are left out: they are the trace an attempt is
/// meant to leave, not data. With `portable`, what differs between two
/// warehouses that hold the same loads is left out too: batch numbers are
/// replaced by the content hash and status of their load, and file paths and
/// timestamps are dropped, so a warehouse that saw failures and retries can be
/// compared with one that loaded the same files cleanly.
enum WarehouseState {
    static let batchColumns: Set<String> = ["batch_id", "vervangen_door", "eerste_batch", "laad_markering"]

    static func dump(_ db: Database, portable: Bool = false) throws -> [String: String] {
        let tables = try String.fetchAll(
            db,
            sql: """
                SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
                AND sql NOT LIKE 'CREATE VIRTUAL%' ORDER BY name
                """)
        var state: [String: String] = [:]
        for table in tables {
            let columns = try Row.fetchAll(db, sql: "PRAGMA table_info(\(table.quotedDatabaseIdentifier))").map { $0["name"] as String }
            var expressions: [String] = []
            for column in columns {
                let quoted = "t." + column.quotedDatabaseIdentifier
                if portable && (column.hasSuffix("_op") || column == "bestand") { continue }
                if portable && table == "load_batch" && column == "batch_id" { continue }
                if portable && batchColumns.contains(column) {
                    expressions.append("quote((SELECT b.sha256 || ' ' || b.status FROM load_batch b WHERE b.batch_id = \(quoted)))")
                } else {
                    expressions.append("quote(\(quoted))")
                }
            }
            var filter = ""
            if table == "load_batch" {
                filter = "WHERE t.status <> 'mislukt'"
            } else if columns.contains("batch_id") {
                filter = "WHERE t.batch_id IS NULL OR t.batch_id NOT IN (SELECT batch_id FROM load_batch WHERE status = 'mislukt')"
            }
            let row = expressions.isEmpty ? "''" : expressions.joined(separator: " || '|' || ")
            state[table] =
                try String.fetchOne(
                    db,
                    sql:
                        "SELECT group_concat(r, char(10)) FROM (SELECT \(row) AS r FROM \(table.quotedDatabaseIdentifier) t \(filter) ORDER BY 1)"
                ) ?? ""
        }
        return state
    }

    /// The tables whose content differs, for a readable failure message.
    static func differences(_ a: [String: String], _ b: [String: String]) -> [String] {
        Set(a.keys).union(b.keys).sorted().filter { a[$0] != b[$0] }
    }

    /// SQLite's own checks: the file's structure and every foreign key.
    static func assertSound(_ db: Database, _ message: @autoclosure () -> String = "", file: StaticString = #filePath, line: UInt = #line)
        throws
    {
        XCTAssertEqual(try String.fetchAll(db, sql: "PRAGMA integrity_check"), ["ok"], message(), file: file, line: line)
        XCTAssertEqual(try Row.fetchAll(db, sql: "PRAGMA foreign_key_check").count, 0, message(), file: file, line: line)
        // Conservation of every completed load, as the ledger's CHECK promises.
        XCTAssertEqual(
            try Int.fetchOne(
                db,
                sql:
                    "SELECT count(*) FROM load_batch WHERE status = 'geladen' AND (geeindigd_op IS NULL OR regels_gelezen <> geladen + vervangen + afgewezen)"
            ),
            0, message(), file: file, line: line)
    }
}
