import ArgumentParser
import BijstandWarehouse

struct RollbackCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rollback",
        abstract: "Undo one load completely: its rows go, the rows it replaced come back.",
        discussion: """
            The ledger keeps the load with status teruggedraaid; the same file can be loaded again afterwards.

            Example:
              bijstand rollback 7
            """)

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The batch number (see `bijstand batches`).") var batch: Int64

    func run() throws {
        try runReportingErrors {
            let warehouse = try global.openExisting()
            try warehouse.database.write { db in try LoadLedger.rollback(batch: batch, in: db) }
            printOut("Load \(batch) has been rolled back.\n")
        }
    }
}
