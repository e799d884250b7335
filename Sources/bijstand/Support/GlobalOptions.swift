import ArgumentParser
import BijstandETL
import BijstandWarehouse
import Foundation

/// The options every command shares.
struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The warehouse file (default: $BIJSTAND_DB, else ./bijstand.sqlite).", valueName: "PATH"))
    var db: String?

    var path: String {
        db ?? ProcessInfo.processInfo.environment["BIJSTAND_DB"] ?? "bijstand.sqlite"
    }

    /// Opens the warehouse, creating and migrating it when needed.
    func openPrepared() throws -> Warehouse {
        let warehouse = try Warehouse.open(path: path)
        try ReferenceData.prepare(warehouse)
        return warehouse
    }

    /// Opens an existing, initialised warehouse.
    func openExisting() throws -> Warehouse {
        guard FileManager.default.fileExists(atPath: path) else {
            throw WarehouseError.notInitialised(path: path)
        }
        let warehouse = try Warehouse.open(path: path)
        try warehouse.requireInitialised()
        return warehouse
    }
}

/// Output formats of the listing commands.
enum ListFormat: String, ExpressibleByArgument, CaseIterable {
    case table, csv, json
}
