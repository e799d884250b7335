import ArgumentParser
import BijstandCore
import BijstandETL
import BijstandWarehouse

struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create the warehouse, or migrate it to this version's schema. Safe to repeat.",
        discussion: """
            A new warehouse gets the built-in reference data: every gemeente code CBS has used with \
            its history, the herindelingen with their transfers of inhabitants, and inhabitants \
            2019–2026 (Bron: CBS).

            Example:
              bijstand init --db warehouse.sqlite
            """)

    @OptionGroup var global: GlobalOptions

    func run() throws {
        try runReportingErrors {
            let warehouse = try Warehouse.open(path: global.path)
            let results = try ReferenceData.prepare(warehouse, force: true)
            let counts = try warehouse.database.read { db in
                (
                    try Int.fetchOne(db, sql: "SELECT count(*) FROM dim_gemeente") ?? 0,
                    try Int.fetchOne(db, sql: "SELECT count(*) FROM dim_gemeente WHERE geldig_tot IS NULL") ?? 0
                )
            }
            if results.isEmpty {
                printOut("Warehouse \(global.path) is up to date.\n")
            } else {
                printOut("Created warehouse \(global.path) with built-in reference data (Bron: CBS).\n")
            }
            printOut("\(DutchFormat.count(counts.0)) gemeente codes, \(DutchFormat.count(counts.1)) of them current.\n")
        }
    }
}
