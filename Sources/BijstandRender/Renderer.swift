import BijstandCore
import Foundation

/// The output formats of `bijstand report`.
public enum ReportFormat: String, CaseIterable, Sendable {
    case text, md, html, csv, json, xlsx

    /// The format a file name asks for by its extension, if any.
    public init?(fileExtension: String) {
        switch fileExtension.lowercased() {
        case "txt": self = .text
        case "md", "markdown": self = .md
        case "html", "htm": self = .html
        case "csv": self = .csv
        case "json": self = .json
        case "xlsx": self = .xlsx
        default: return nil
        }
    }

    /// The extension of a file in this format.
    public var fileExtension: String {
        self == .text ? "txt" : rawValue
    }
}

/// Turns a finished report value into bytes. Renderers never touch the database.
public protocol ReportRenderer {
    func render(_ report: Report) throws -> [UInt8]
}

/// The renderer for a format.
public enum Renderers {
    public static func renderer(for format: ReportFormat, colour: Bool = false) -> ReportRenderer {
        switch format {
        case .text: return TextRenderer(colour: colour)
        case .md: return MarkdownRenderer()
        case .csv: return CSVRenderer()
        case .json: return JSONRenderer()
        case .html: return HTMLRenderer()
        case .xlsx: return XLSXRenderer()
        }
    }
}

/// The contract's JSON: one object, keys sorted, numbers as numbers.
public struct JSONRenderer: ReportRenderer {
    public init() {}
    public func render(_ report: Report) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return Array(try encoder.encode(report)) + [0x0A]
    }
}

/// The report's title lines, shared by the text-like renderers.
enum ReportHeading {
    static func title(_ report: Report) -> String {
        "Bijstand \(report.gemeente.naam) (\(report.gemeente.code)) — \(report.periode.naam)"
    }

    static func subtitle(_ report: Report) -> String {
        var parts = ["periode \(report.periode.van) t/m \(report.periode.tot)"]
        parts.append(report.grenzen == "huidig" ? "huidige gemeentegrenzen" : "historische gemeentegrenzen")
        if report.openbaar { parts.append("openbare versie") }
        parts.append("gemaakt \(report.gemaakt_op.prefix(10))")
        return parts.joined(separator: " · ")
    }

    /// One sentence a raad member reads first.
    static func summary(_ report: Report) -> [String] {
        var lines: [String] = []
        if let volume = report.volume, let eind = volume.stand_eind {
            var line = "Eind \(report.periode.naam) liepen er \(Cell.count(eind).display) \(volume.eenheid)"
            if let mutatie = volume.netto_mutatie {
                line +=
                    mutatie == 0
                    ? ", evenveel als aan het begin" : " (\(mutatie > 0 ? "+" : "")\(DutchFormat.count(mutatie)) in de periode)"
            }
            lines.append(line + ".")
        }
        if let budget = report.budget {
            let pct = budget.prognose_saldo_pct.map { " (\(DutchFormat.percent($0)) van het budget)" } ?? ""
            lines.append(
                "BUIG \(budget.jaar): verwacht \(budget.uitkomst) van \(DutchFormat.millions(cents: Int64((abs(budget.prognose_saldo) * 100).rounded())))\(pct)."
            )
        }
        let doelen = report.doelen.filter { $0.gehaald != nil }
        if !doelen.isEmpty {
            lines.append("Doelen: \(doelen.filter { $0.gehaald == true }.count) van de \(doelen.count) gehaald.")
        }
        return lines
    }
}
