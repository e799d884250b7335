import ArgumentParser
import BijstandCore
import BijstandRender
import BijstandWarehouse

struct RejectsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rejects",
        abstract: "Show the rejected rows of a load: line, column, value and reason.",
        discussion: """
            Examples:
              bijstand rejects 4
              bijstand rejects 4 --format csv > afgewezen.csv
            """)

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The batch number (see `bijstand batches`).") var batch: Int64
    @Option(help: "table, csv or json.") var format: ListFormat = .table

    struct Entry: Encodable {
        let regel: Int
        let kolom: String?
        let waarde: String?
        let reden: String
        let ruwe_regel: String?
    }

    func run() throws {
        try runReportingErrors {
            let warehouse = try global.openExisting()
            let rejects = try warehouse.database.read { db -> [RejectedRow] in
                guard try LoadLedger.batch(batch, in: db) != nil else { throw RollbackError.unknownBatch(batch) }
                return try LoadLedger.rejects(batch: batch, in: db)
            }
            let entries = rejects.map {
                Entry(regel: $0.line, kolom: $0.column, waarde: $0.value, reden: $0.reason, ruwe_regel: $0.rawLine)
            }
            switch format {
            case .json:
                printOut(try JSONOutput.encode(entries))
            case .csv, .table:
                var table = TextTable(columns: ["regel", "kolom", "waarde", "reden"] + (format == .csv ? ["ruwe_regel"] : []))
                table.numeric = [0]
                for entry in entries {
                    // On a terminal a raw value is shown with control characters written out,
                    // so an escape sequence in a file cannot drive the terminal.
                    let waarde = format == .table ? FieldProblem.abbreviated(entry.waarde ?? "") : entry.waarde ?? ""
                    table.rows.append(
                        ["\(entry.regel)", entry.kolom ?? "", waarde, entry.reden]
                            + (format == .csv ? [entry.ruwe_regel ?? ""] : []))
                }
                if format == .table && entries.isEmpty {
                    printOut("Load \(batch) rejected no rows.\n")
                } else {
                    printOut(format == .csv ? table.csv() : table.render())
                }
            }
        }
    }
}
