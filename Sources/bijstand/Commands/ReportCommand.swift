import ArgumentParser
import BijstandCore
import BijstandQuery
import BijstandRender
import BijstandWarehouse
import Foundation

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract:
            "The period report: volume, instroom, uitstroom and BUIG saldo against last period, last year, the group and the targets.",
        discussion: """
            --periode: 2024-03, 2024-Q1 or 2024K1, 2024-T1 (tertiaal), 2024-H1, 2024, or a range 2024-01..2024-08.
            --vergelijk: a group from `ingest groepen`, or a size class (tot 50.000, 50.000 tot 100.000, \
            100.000 en meer); default the gemeente's size class.
            --openbaar: the public (raad) version: counts of 1 to 4 shown as "< 5".
            The format follows the --output file's extension when --format is absent.
            Several reports at once: repeat --gemeente, or give --gemeente alle (every current gemeente), \
            with --output a folder; each report is written there as CODE.EXT, all from one read of the \
            warehouse (the group figures are read once for all of them).

            Examples:
              bijstand report --gemeente GM0394 --periode 2024-T2
              bijstand report --gemeente "Den Haag" --periode 2024 --format html --output jaarrapport.html
              bijstand report --gemeente 0451 --periode 2024K1 --vergelijk G4 --openbaar --output raad.md
              bijstand report --gemeente GM0394 --periode 2024-01..2024-08 --format json | jq .volume
              bijstand report --gemeente alle --periode 2024-T2 --format html --output rapporten/
            """)

    @OptionGroup var global: GlobalOptions
    @Option(
        help: ArgumentHelp(
            "The gemeente: code in any form (GM0394, 0394, 394) or name. Repeat it, or give `alle`, for one report per gemeente in the --output folder.",
            valueName: "CODE"))
    var gemeente: [String] = []
    @Option(help: ArgumentHelp("The period.", valueName: "PERIODE")) var periode: String
    @Option(help: ArgumentHelp("The comparison group (default: the size class).", valueName: "GROEP")) var vergelijk: String?
    @Option(help: "text, md, html, csv, json or xlsx.") var format: String?
    @Option(help: ArgumentHelp("Write to this file instead of stdout.", valueName: "FILE")) var output: String?
    @Flag(help: "The public version for the raad: small counts suppressed.") var openbaar = false
    @Option(help: "huidig (merged gemeenten counted under their successor) or historisch.") var grenzen: Grenzen = .huidig
    @Option(help: ArgumentHelp("The regelingen to count, comma-separated (default PW,IOAW,IOAZ,BBZ).", valueName: "LIJST"))
    var regeling: String?

    enum Grenzen: String, ExpressibleByArgument, CaseIterable { case huidig, historisch }

    /// Several reports into a folder rather than one to a file or stdout.
    var several: Bool {
        gemeente.count > 1 || gemeente.contains { $0.lowercased() == "alle" }
    }

    func validate() throws {
        if gemeente.isEmpty { throw ValidationError("Missing --gemeente: give a gemeente (code or name), or `alle`.") }
        if case .failure(let problem) = Periode.parse(periode) { throw ValidationError("--periode: \(problem).") }
        if let format, ReportFormat(rawValue: format.lowercased()) == nil {
            throw ValidationError("--format '\(format)' is not one of text, md, html, csv, json, xlsx.")
        }
        if several {
            guard output != nil else {
                throw ValidationError("Several reports need --output FOLDER: each is written there as CODE.EXT.")
            }
            _ = try regelingen()
            return
        }
        if format == nil, let output, ReportFormat(fileExtension: (output as NSString).pathExtension) == nil {
            throw ValidationError("--output '\(output)' has no known extension; give --format.")
        }
        if (format?.lowercased() == "xlsx" || output?.lowercased().hasSuffix(".xlsx") == true) && output == nil {
            throw ValidationError("XLSX is a binary format: give --output FILE.xlsx.")
        }
        _ = try regelingen()
    }

    func regelingen() throws -> [Regeling] {
        guard let regeling else { return [.pw, .ioaw, .ioaz, .bbz] }
        return try regeling.split(separator: ",").map { part in
            guard case .success(let value) = FieldParser.regeling(String(part)), value != .lks else {
                throw ValidationError("--regeling: '\(part)' is not PW, IOAW, IOAZ or BBZ.")
            }
            return value
        }
    }

    func run() throws {
        try runReportingErrors {
            var request = ReportRequest(gemeente: gemeente[0], periode: try Periode.parse(periode).get())
            request.vergelijk = vergelijk
            request.grenzenHuidig = grenzen == .huidig
            request.openbaar = openbaar
            request.regelingen = try regelingen()
            let warehouse = try global.openExisting()
            if several {
                try writeSeveral(request, from: warehouse, to: output!)
                return
            }
            let chosen =
                format.flatMap { ReportFormat(rawValue: $0.lowercased()) }
                ?? output.flatMap { ReportFormat(fileExtension: ($0 as NSString).pathExtension) } ?? .text
            let report = try warehouse.database.read { try ReportBuilder($0).build(request) }
            let bytes = try Renderers.renderer(for: chosen, colour: output == nil && Terminal.stdoutIsTerminal).render(report)
            if let output {
                try Data(bytes).write(to: URL(fileURLWithPath: output), options: .atomic)
                Terminal.note("Report written to \(output).")
            } else {
                FileHandle.standardOutput.write(Data(bytes))
            }
        }
    }

    /// One report per gemeente into `folder`, all from one read of the warehouse.
    private func writeSeveral(_ template: ReportRequest, from warehouse: Warehouse, to folder: String) throws {
        let chosen = format.flatMap { ReportFormat(rawValue: $0.lowercased()) } ?? .text
        let renderer = Renderers.renderer(for: chosen)
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let batch = ReportBatch()
        let written = try warehouse.database.read { db -> Int in
            var names: [String] = []
            for name in gemeente {
                if name.lowercased() == "alle" {
                    names += try String.fetchAll(
                        db, sql: "SELECT gemeentecode FROM dim_gemeente WHERE geldig_tot IS NULL ORDER BY gemeentecode")
                } else {
                    names.append(name)
                }
            }
            var done = Set<String>()
            for name in names {
                var request = template
                request.gemeente = name
                let report = try ReportBuilder(db, batch: batch).build(request)
                // A gemeente named twice (by code and by name) is written once.
                guard done.insert(report.gemeente.code).inserted else { continue }
                let path = (folder as NSString).appendingPathComponent("\(report.gemeente.code).\(chosen.fileExtension)")
                try Data(try renderer.render(report)).write(to: URL(fileURLWithPath: path), options: .atomic)
            }
            return done.count
        }
        Terminal.note("\(written) reports written to \(folder).")
    }
}
