import BijstandETL
import BijstandWarehouse
import GRDB
import TestSupport
import XCTest

/// One row of `v_volume_maand` (contract.md, "Views for analysts").
struct Volume: Equatable, CustomStringConvertible {
    var standBegin: Int?
    var instroom: Int
    var uitstroom: Int
    var standEind: Int?
    var status: String = "definitief"

    var description: String {
        "begin \(standBegin.map(String.init) ?? "–") in \(instroom) uit \(uitstroom) eind \(standEind.map(String.init) ?? "–") \(status)"
    }
}

/// One row of the quarantine `load_afwijzing`.
struct Reject: Equatable {
    var line: Int
    var column: String?
    var value: String?
    var reason: String
}

/// The header of a plain benchmark extract (formats.md §1, canonical names).
let benchmarkHeader = "gemeentecode;periode;regeling;lopend_begin;instroom;uitstroom;lopend_eind"

extension WarehouseFixture {
    /// The current figures of one gemeente × month × regeling, as the analyst view shows them.
    func volume(_ code: String, _ maand: String, _ regeling: String = "PW") throws -> Volume? {
        try warehouse.database.read { db in
            try Row.fetchOne(
                db,
                sql: """
                    SELECT stand_begin, instroom, uitstroom, stand_eind, status FROM v_volume_maand
                    WHERE gemeentecode = ? AND maand = ? AND regeling = ? AND bron = 'benchmark'
                    """,
                arguments: [code, maand, regeling]
            ).map { Volume(standBegin: $0[0], instroom: $0[1], uitstroom: $0[2], standEind: $0[3], status: $0[4]) }
        }
    }

    /// Every rejected row of a load, in file order.
    func rejects(_ batch: Int64?) throws -> [Reject] {
        try warehouse.database.read { db in
            try Row.fetchAll(
                db, sql: "SELECT regel, kolom, waarde, reden FROM load_afwijzing WHERE batch_id = ? ORDER BY regel",
                arguments: [batch]
            ).map { Reject(line: $0[0], column: $0[1], value: $0[2], reason: $0[3]) }
        }
    }

    /// Every warning of a load.
    func warnings(_ batch: Int64?) throws -> [(line: Int?, column: String?, message: String)] {
        try warehouse.database.read { db in
            try Row.fetchAll(
                db, sql: "SELECT regel, kolom, melding FROM load_waarschuwing WHERE batch_id = ? ORDER BY rowid",
                arguments: [batch]
            ).map { ($0[0], $0[1], $0[2]) }
        }
    }

    /// The ledger row of a load.
    func batch(_ id: Int64?) throws -> Batch? {
        guard let id else { return nil }
        return try warehouse.database.read { try LoadLedger.batch(id, in: $0) }
    }

    /// Number of current benchmark facts.
    func factCount() throws -> Int {
        try int("SELECT count(*) FROM fact_volume_maand") ?? -1
    }
}

/// Asserts that a load finished with the given counts.
func assertCounts(
    _ result: IngestResult, read: Int, loaded: Int, replaced: Int = 0, rejected: Int,
    file: StaticString = #filePath, line: UInt = #line
) {
    XCTAssertEqual(result.outcome, .loaded, result.message ?? "", file: file, line: line)
    XCTAssertEqual(result.counts.read, read, "read", file: file, line: line)
    XCTAssertEqual(result.counts.loaded, loaded, "loaded", file: file, line: line)
    XCTAssertEqual(result.counts.replaced, replaced, "replaced", file: file, line: line)
    XCTAssertEqual(result.counts.rejected, rejected, "rejected", file: file, line: line)
}

extension WarehouseFixture {
    /// Rows of a query with every value as text (NULL for null), for compact expectations.
    func texts(_ sql: String, _ arguments: StatementArguments = []) throws -> [[String]] {
        try warehouse.database.read { db in
            try Row.fetchAll(db, sql: sql, arguments: arguments).map { row in
                row.databaseValues.map { value -> String in
                    switch value.storage {
                    case .null: return "NULL"
                    case .int64(let number): return String(number)
                    case .double(let number): return String(number)
                    case .string(let text): return text
                    case .blob: return "<blob>"
                    }
                }
            }
        }
    }
}
