import ArgumentParser
import BijstandCore
import BijstandRender
import BijstandWarehouse

struct BatchesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "batches",
        abstract: "List every load: id, kind, file, hash, counts, times and status.",
        discussion: """
            Status is geladen (loaded), mislukt (failed: nothing was stored) or teruggedraaid (rolled back).
            For every loaded batch: gelezen = geladen + vervangen + afgewezen.

            Examples:
              bijstand batches
              bijstand batches --format json
            """)

    @OptionGroup var global: GlobalOptions
    @Option(help: "table, csv or json.") var format: ListFormat = .table

    struct Entry: Encodable {
        let batch: Int64
        let soort: String
        let status: String
        let bestand: String
        let sha256: String
        let bytes: Int64
        let gelezen: Int
        let geladen: Int
        let vervangen: Int
        let afgewezen: Int
        let gestart_op: String
        let geeindigd_op: String?
        let melding: String?
    }

    func run() throws {
        try runReportingErrors {
            let warehouse = try global.openExisting()
            let batches = try warehouse.database.read { try LoadLedger.batches(in: $0) }
            let entries = batches.map {
                Entry(
                    batch: $0.id, soort: $0.soort, status: $0.status, bestand: $0.bestand, sha256: $0.sha256, bytes: $0.bytes,
                    gelezen: $0.counts.read, geladen: $0.counts.loaded, vervangen: $0.counts.replaced,
                    afgewezen: $0.counts.rejected, gestart_op: $0.gestartOp, geeindigd_op: $0.geeindigdOp, melding: $0.melding)
            }
            switch format {
            case .json:
                printOut(try JSONOutput.encode(entries))
            case .csv, .table:
                var table = TextTable(columns: [
                    "batch", "soort", "status", "gelezen", "geladen", "vervangen", "afgewezen", "gestart_op", "sha256", "bestand",
                ])
                table.numeric = [0, 3, 4, 5, 6]
                for entry in entries {
                    let numbers = [entry.gelezen, entry.geladen, entry.vervangen, entry.afgewezen]
                    table.rows.append(
                        ["\(entry.batch)", entry.soort, entry.status]
                            + numbers.map { format == .csv ? "\($0)" : DutchFormat.count($0) }
                            + [entry.gestart_op, format == .csv ? entry.sha256 : String(entry.sha256.prefix(12)), entry.bestand])
                }
                printOut(format == .csv ? table.csv() : table.render())
            }
        }
    }
}
