import ArgumentParser
import BijstandCore
import BijstandQuery
import BijstandRender
import BijstandWarehouse

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Data-quality findings: where sources disagree with each other or with themselves.",
        discussion: """
            Findings are shown, never repaired. The kinds (--soort):
            \(Bevindingen.Soort.allCases.map { "  \($0.rawValue): \($0.uitleg)" }.joined(separator: "\n"))

            Registratie against benchmark compares the stand at the end of each month (at its start when \
            the benchmark gave no end). The units differ: the registratie counts dossiers, the benchmark \
            uitkeringen (benefits). A difference is a finding when it exceeds both --tolerance percent of \
            the benchmark and --min-difference benefits.

            Examples:
              bijstand check
              bijstand check --gemeente GM0394 --tolerance 5 --format csv > bevindingen.csv
              bijstand check --soort stroom_benchmark --soort ontbrekende_maand --format json
            """)

    @OptionGroup var global: GlobalOptions
    @Option(help: ArgumentHelp("Only this gemeente (code in any form, or name).", valueName: "CODE")) var gemeente: String?
    @Option(help: ArgumentHelp("Only this kind of finding (repeatable).", valueName: "SOORT")) var soort: [String] = []
    @Option(help: ArgumentHelp("Registratie vs benchmark: tolerated difference, in percent of the benchmark.", valueName: "PCT"))
    var tolerance = 2.0
    @Option(help: ArgumentHelp("Registratie vs benchmark: tolerated difference, in benefits.", valueName: "N"))
    var minDifference = 5
    @Option(help: "table, csv or json.") var format: ListFormat = .table

    func validate() throws {
        for name in soort where Bevindingen.Soort(rawValue: name) == nil {
            throw ValidationError(
                "--soort '\(name)' is not a kind of finding; use one of \(Bevindingen.Soort.allCases.map(\.rawValue).joined(separator: ", "))."
            )
        }
        if tolerance < 0 { throw ValidationError("--tolerance must be 0 or more (percent).") }
        if minDifference < 0 { throw ValidationError("--min-difference must be 0 or more.") }
    }

    func run() throws {
        try runReportingErrors {
            let warehouse = try global.openExisting()
            let findings = try warehouse.database.read { db -> [Bevinding] in
                let id = try gemeente.map { try GemeenteLookup.resolve($0, in: db, currentOnly: false).id }
                let opties = Bevindingen.Opties(
                    gemeente: id, soorten: Set(soort.compactMap(Bevindingen.Soort.init(rawValue:))),
                    tolerantiePct: tolerance, minimumVerschil: minDifference)
                return try Bevindingen.zoek(opties, in: db)
            }
            switch format {
            case .json:
                printOut(try JSONOutput.encode(findings))
            case .csv, .table:
                var table = TextTable(columns: ["gemeente", "maand", "soort", "detail"])
                table.rows = findings.map { [$0.gemeente, $0.maand ?? "", $0.soort, $0.detail] }
                if format == .csv {
                    printOut(table.csv())
                } else if findings.isEmpty {
                    printOut("No findings.\n")
                } else {
                    var counts: [String: Int] = [:]
                    for finding in findings { counts[finding.soort, default: 0] += 1 }
                    let summary = counts.sorted { $0.key < $1.key }.map { "\($0.key) \(DutchFormat.count($0.value))" }
                    printOut(table.render() + "\n\(DutchFormat.count(findings.count)) finding(s): \(summary.joined(separator: " · ")).\n")
                }
            }
        }
    }
}
