import ArgumentParser
import BijstandAssets
import BijstandCore
import BijstandETL
import BijstandQuery
import BijstandRender
import BijstandWarehouse
import Foundation

struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Build a demo warehouse from the sample extracts shipped with the program, and print a period report.",
        discussion: """
            The sample extracts are synthetic, generated from real CBS inhabitant counts for all current \
            gemeenten (see etl/samples/README.md). The demo warehouse is rebuilt from scratch each time.

            Examples:
              bijstand demo
              bijstand demo --db /tmp/demo.sqlite --gemeente GM0363
            """)

    @Option(help: ArgumentHelp("The demo warehouse file; it is replaced.", valueName: "PATH"))
    var db = "bijstand-demo.sqlite"

    @Option(help: ArgumentHelp("The gemeente to report on (code or name).", valueName: "CODE"))
    var gemeente = "GM0394"

    @Option(help: ArgumentHelp("The period to report on.", valueName: "PERIODE"))
    var periode = "2026-T2"

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
            // The report for the last complete tertiaal of the sample data.
            var request = ReportRequest(gemeente: gemeente, periode: try Periode.parse(periode).get())
            request.vergelijk = nil
            let report = try warehouse.database.read { try ReportBuilder($0).build(request) }
            printOut("\n")
            FileHandle.standardOutput.write(Data(try TextRenderer(colour: Terminal.stdoutIsTerminal).render(report)))
            printOut(
                "\nThe demo warehouse is \(db). Next: `bijstand report --db \(db) --gemeente \"Den Haag\" --periode 2025 --format html --output rapport.html`, `bijstand batches --db \(db)`.\n"
            )
        }
    }
}
