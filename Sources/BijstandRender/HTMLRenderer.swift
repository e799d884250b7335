import BijstandCore
import Foundation

/// One self-contained HTML page (inline CSS, no external resources), printable on A4.
public struct HTMLRenderer: ReportRenderer {
    public init() {}

    public func render(_ report: Report) throws -> [UInt8] {
        var body = "<h1>\(escape(ReportHeading.title(report)))</h1>\n<p class=\"sub\">\(escape(ReportHeading.subtitle(report)))</p>\n"
        body += "<ul class=\"summary\">" + ReportHeading.summary(report).map { "<li>\(escape($0))</li>" }.joined() + "</ul>\n"
        for table in ReportTables.all(report) {
            body += "<section id=\"\(table.id)\"><h2>\(escape(table.title))</h2>\n<table>\n<thead><tr>"
            body += table.columns.map { "<th>\(escape($0))</th>" }.joined() + "</tr></thead>\n<tbody>\n"
            for row in table.rows {
                body += "<tr>" + row.map { "<td\($0.isNumeric ? " class=\"num\"" : "")>\(escape($0.display))</td>" }.joined() + "</tr>\n"
            }
            body += "</tbody></table>\n"
            if let bron = table.bron { body += "<p class=\"bron\">\(escape(bron))</p>\n" }
            body += "</section>\n"
        }
        if !report.waarschuwingen.isEmpty {
            body += "<section id=\"waarschuwingen\"><h2>Waarschuwingen</h2><ul>"
            body += report.waarschuwingen.map { "<li>\(escape($0))</li>" }.joined() + "</ul></section>\n"
        }
        let page = """
            <!DOCTYPE html>
            <html lang="nl"><head><meta charset="utf-8"><title>\(escape(ReportHeading.title(report)))</title>
            <style>
            @page { size: A4; margin: 15mm; }
            body { font-family: sans-serif; font-size: 10pt; color: #222; max-width: 180mm; margin: auto; }
            table { border-collapse: collapse; margin: 4pt 0; }
            th, td { padding: 2pt 6pt; border-bottom: 1px solid #ddd; text-align: left; }
            td.num { text-align: right; font-variant-numeric: tabular-nums; }
            .bron, .sub { color: #666; font-size: 8pt; }
            section { break-inside: avoid; }
            </style></head>
            <body>
            \(body)</body></html>

            """
        return Array(page.utf8)
    }

    func escape(_ text: String) -> String {
        var result = ""
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            default: result.append(character)
            }
        }
        return result
    }
}

/// A format this build cannot produce.
public enum RenderError: Error, CustomStringConvertible {
    case unsupported(String)
    public var description: String {
        switch self {
        case .unsupported(let reason): return reason
        }
    }
}

/// Excel output (being built on libxlsxwriter).
public struct XLSXRenderer: ReportRenderer {
    public init() {}
    public func render(_ report: Report) throws -> [UInt8] {
        throw RenderError.unsupported("XLSX output is not available in this build yet; use --format csv for Excel.")
    }
}
