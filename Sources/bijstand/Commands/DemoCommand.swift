import ArgumentParser
import BijstandRender
import BijstandAssets
import BijstandCore
import BijstandETL
import BijstandQuery
import BijstandWarehouse
import Foundation

struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Build a demo warehouse from the sample extracts shipped with the program, and show a gemeente.",
        discussion: """
            The sample extracts are synthetic, generated from real CBS inhabitant counts for all current \
            gemeenten (see etl/samples/README.md). The demo warehouse is rebuilt from scratch each time.

            Examples:
              bijstand demo
              bijstand demo --db /tmp/demo.sqlite --gemeente GM0363
            """)

    @Option(help: ArgumentHelp("The demo warehouse file; it is replaced.", valueName: "PATH"))
    var db = "bijstand-demo.sqlite"

    @Option(help: ArgumentHelp("The gemeente to show (code or name).", valueName: "CODE"))
    var gemeente = "GM0394"

    static let samples = [
        "etl/samples/benchmark-2023-2025.csv",
        "etl/samples/benchmark-2026.csv",
        "etl/samples/benchmark-2026-correctie.csv",
        "etl/samples/budget.csv",
        "etl/samples/lasten-2023-2026.csv",
    ]

    func run() throws {
        try runReportingErrors {
            for suffix in ["", "-wal", "-shm"] where FileManager.default.fileExists(atPath: db + suffix) {
                try FileManager.default.removeItem(atPath: db + suffix)
            }
            let warehouse = try Warehouse.open(path: db)
            try ReferenceData.prepare(warehouse)
            let ingestor = Ingestor(warehouse: warehouse)
            for sample in Self.samples {
                guard let text = Assets.text(sample) else { throw WarehouseError.missingAsset(sample) }
                let result = try ingestor.ingest(.bytes(name: "ingebouwd:\(sample)", content: Array(text.utf8)))
                printOut(IngestSummary.render(result))
            }
            let code = try warehouse.database.read { db -> String in
                let index = try GemeenteIndex(db)
                let found: Result<Int, GemeenteProblem>
                if case .success(let number) = FieldParser.gemeenteNummer(gemeente) {
                    found = index.resolve(number: number, in: nil)
                } else {
                    found = index.resolve(name: gemeente, in: nil)
                }
                switch found {
                case .success(let id): return index.code(id)!
                case .failure(let problem): throw ValidationError(problem.reason)
                }
            }
            guard let overview = try warehouse.database.read({ try VolumeOverview.fetch($0, gemeentecode: code, months: 12) })
            else { return }
            printOut("\n\(overview.gemeentenaam) (\(overview.gemeentecode)), Participatiewet, bron benchmark, eenheid uitkeringen\n\n")
            var table = TextTable(columns: ["maand", "stand begin", "instroom", "uitstroom", "waarvan werk", "stand eind", "status", "batch"])
            table.numeric = [1, 2, 3, 4, 5, 7]
            for month in overview.months {
                table.rows.append([
                    month.maand, month.standBegin.map(DutchFormat.count) ?? "–", DutchFormat.count(month.instroom),
                    DutchFormat.count(month.uitstroom), month.uitstroomWerk.map(DutchFormat.count) ?? "–",
                    month.standEind.map(DutchFormat.count) ?? "–", month.status, "\(month.batch)",
                ])
            }
            printOut(table.render())
            printOut("\nThe demo warehouse is \(db); try `bijstand batches --db \(db)`.\n")
        }
    }
}
