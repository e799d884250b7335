import ArgumentParser
import BijstandCore
import BijstandETL
import BijstandWarehouse
import Foundation

struct IngestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest",
        abstract: "Load extracts into the warehouse.",
        discussion: """
            KIND is one of \(SourceKinds.all.map { $0.kind }.joined(separator: ", ")); leave it out and \
            it is detected from the header. Delimiter (; , tab), encoding (UTF-8 with or without BOM, \
            Windows-1252), line ends, Dutch number formats and the usual header spellings are detected.

            Each file is loaded in one transaction: all of it or nothing. Rows that cannot be read are \
            rejected into the quarantine with line, column, value and reason (`bijstand rejects BATCH`). \
            A file loaded before (same content) is recognised and skipped.

            Exit status: 0 loaded; 3 loaded but rows were rejected; 1 failed (nothing changed); \
            2 unreadable or unrecognised file.

            Examples:
              bijstand ingest benchmark-2024.csv
              bijstand ingest benchmark export-maart.csv --strict
              bijstand ingest uitkeringen spells.csv --gemeente GM0394 --mapping mijn-kolommen.csv
            """)

    @OptionGroup var global: GlobalOptions

    @Argument(help: ArgumentHelp("The source kind (optional) followed by one or more files.", valueName: "KIND] [FILE"))
    var arguments: [String]

    @Option(help: ArgumentHelp("The gemeente of a registration file without a gemeente column (code or name).", valueName: "CODE"))
    var gemeente: String?

    @Option(help: ArgumentHelp("A file with extra header aliases and code mappings (columns soort;van;naar).", valueName: "FILE"))
    var mapping: String?

    @Flag(help: "Any rejected row rolls the whole file back.")
    var strict = false

    mutating func validate() throws {
        if arguments.isEmpty { throw ValidationError("Name at least one file to load.") }
        if SourceKinds.named(arguments[0]) != nil && arguments.count == 1 {
            throw ValidationError("Name at least one file to load after the kind '\(arguments[0])'.")
        }
    }

    func run() throws {
        var exitStatus: Int32 = 0
        try runReportingErrors {
            var kind: String?
            var files = arguments
            if let first = files.first, SourceKinds.named(first) != nil, !FileManager.default.fileExists(atPath: first) {
                kind = first.lowercased()
                files.removeFirst()
            }
            var options = IngestOptions()
            options.kind = kind
            options.gemeente = gemeente
            options.strict = strict
            if let mapping {
                options.mapping = try Mapping.load(.file(path: mapping))
            }
            let warehouse = try global.openPrepared()
            let ingestor = Ingestor(warehouse: warehouse)
            for file in files {
                let bar = ProgressBar(label: (file as NSString).lastPathComponent)
                options.progress = { bar.update($0, $1) }
                do {
                    let result = try ingestor.ingest(.file(path: file), options: options)
                    bar.finish()
                    printOut(IngestSummary.render(result))
                    switch result.outcome {
                    case .failed: exitStatus = max(exitStatus, 1)
                    case .loaded where result.counts.rejected > 0: exitStatus = max(exitStatus, 3)
                    default: break
                    }
                } catch {
                    bar.finish()
                    let code = Terminal.fail(error)
                    exitStatus = max(exitStatus, code.rawValue)
                }
            }
        }
        if exitStatus != 0 { throw ExitCode(exitStatus) }
    }
}

/// The per-file summary `ingest` and `demo` print.
enum IngestSummary {
    static func render(_ result: IngestResult) -> String {
        let name = result.file
        let batch = result.batch.map { "batch \($0)" } ?? "no batch"
        var out = ""
        let counts = result.counts
        switch result.outcome {
        case .alreadyLoaded:
            return "\(name): already loaded as \(batch) (same content); nothing to do.\n"
        case .failed:
            out += "\(name): NOT loaded (\(batch), status mislukt). \(result.message ?? "")\n"
        case .loaded:
            let details = [result.kind, result.encoding?.rawValue, result.delimiter.map { "'\($0)'" }].compactMap { $0 }
            out += "\(name): \(batch) (\(details.joined(separator: ", ")))\n"
        }
        out += "  gelezen \(DutchFormat.count(counts.read)) · geladen \(DutchFormat.count(counts.loaded))"
        out += " · vervangen \(DutchFormat.count(counts.replaced)) · afgewezen \(DutchFormat.count(counts.rejected))"
        if counts.emptyLines > 0 { out += " · lege regels \(DutchFormat.count(counts.emptyLines))" }
        out += "\n"
        for warning in result.warnings {
            out += "  waarschuwing: \(warning)\n"
        }
        if !result.firstRejects.isEmpty {
            out +=
                "  afgewezen regels" + (counts.rejected > result.firstRejects.count ? " (eerste \(result.firstRejects.count)):" : ":")
                + "\n"
            for reject in result.firstRejects {
                let column = reject.column.map { ", kolom \($0)" } ?? ""
                out += "    regel \(reject.line)\(column): \(reject.reason)\n"
            }
            if let batch = result.batch, counts.rejected > result.firstRejects.count {
                out += "    … all of them: bijstand rejects \(batch)\n"
            }
        }
        return out
    }
}
