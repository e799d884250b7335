import BijstandETL
import BijstandWarehouse
import Foundation
import GRDB

/// A real warehouse in a temporary folder, initialised with the built-in reference data.
public final class WarehouseFixture {
    public let directory: TemporaryDirectory
    public let warehouse: Warehouse
    public var path: String { warehouse.path }

    public init() throws {
        directory = try TemporaryDirectory()
        warehouse = try Warehouse.open(path: directory.path("warehouse.sqlite"))
        try ReferenceData.prepare(warehouse)
    }

    /// Writes a file and ingests it.
    @discardableResult
    public func ingest(
        _ name: String, _ text: String, kind: String? = nil, encoding: FileEncoding = .utf8, lineEnd: String = "\n",
        configure: (inout IngestOptions) -> Void = { _ in }
    ) throws -> IngestResult {
        let path = try directory.write(name, text, as: encoding, lineEnd: lineEnd)
        var options = IngestOptions()
        options.kind = kind
        configure(&options)
        return try Ingestor(warehouse: warehouse).ingest(.file(path: path), options: options)
    }

    /// Rows of a query as arrays of database values, for comparing whole tables.
    public func dump(_ sql: String) throws -> [[DatabaseValue]] {
        try warehouse.database.read { db in
            try Row.fetchAll(db, sql: sql).map { row in Array(row.databaseValues) }
        }
    }

    /// One integer from a query.
    public func int(_ sql: String, _ arguments: StatementArguments = []) throws -> Int? {
        try warehouse.database.read { try Int.fetchOne($0, sql: sql, arguments: arguments) }
    }
}
