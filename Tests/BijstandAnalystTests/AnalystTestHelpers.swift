import BijstandQuery
import Foundation
import GRDB
import TestSupport
import XCTest

/// Runs an analyst query and collects its rows.
func analystRows(_ sql: String, on path: String, parameters: [String: String] = [:], timeout: Double? = 30, limit: Int? = nil) throws
    -> (columns: [String], rows: [[AnalystValue]], truncated: Bool)
{
    var query = AnalystQuery(sql: sql)
    query.parameters = parameters
    query.timeout = timeout
    query.rowLimit = limit
    var rows: [[AnalystValue]] = []
    let outcome = try query.run(on: path, columns: { _ in }, row: { rows.append($0) })
    return (outcome.columns, rows, outcome.truncated)
}

/// Everything a query could have changed: the bytes of the warehouse file and its
/// journal, the schema, the number of rows of every table, and the files beside it.
struct WarehouseState: Equatable {
    var fileBytes: Data
    var walBytes: Data?
    var schema: [String]
    var rowCounts: [String: Int]
    var folder: [String]

    init(path: String, database: DatabaseQueue) throws {
        fileBytes = try Data(contentsOf: URL(fileURLWithPath: path))
        walBytes = try? Data(contentsOf: URL(fileURLWithPath: path + "-wal"))
        (schema, rowCounts) = try database.read { db in
            let schema = try String.fetchAll(
                db, sql: "SELECT type || ' ' || name || ' ' || coalesce(sql, '') FROM sqlite_master ORDER BY name")
            var counts: [String: Int] = [:]
            for table in try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'") {
                counts[table] = try Int.fetchOne(db, sql: "SELECT count(*) FROM \(table.quotedDatabaseIdentifier)")
            }
            return (schema, counts)
        }
        // -shm and -wal come and go with readers; anything else would be new.
        let directory = (path as NSString).deletingLastPathComponent
        folder = try FileManager.default.contentsOfDirectory(atPath: directory)
            .filter { !$0.hasSuffix("-shm") && !$0.hasSuffix("-wal") }.sorted()
    }
}

extension AnalystValue {
    var double: Double? {
        switch self {
        case .real(let value): return value
        case .integer(let value): return Double(value)
        default: return nil
        }
    }

    var string: String? {
        if case .text(let text) = self { return text }
        return nil
    }

    var int: Int64? {
        if case .integer(let value) = self { return value }
        return nil
    }
}

/// Asserts that two percentages agree to 1e-9.
func assertPercent(_ actual: AnalystValue?, _ expected: Double, _ message: String = "", file: StaticString = #filePath, line: UInt = #line)
{
    guard let value = actual?.double else {
        return XCTFail("expected \(expected), got \(String(describing: actual)) \(message)", file: file, line: line)
    }
    XCTAssertEqual(value, expected, accuracy: 1e-9, message, file: file, line: line)
}
