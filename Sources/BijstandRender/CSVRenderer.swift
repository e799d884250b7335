import BijstandCore
import Foundation

/// CSV that opens correctly in Dutch Excel: `;` as delimiter, decimal comma,
/// UTF-8 with a byte order mark, CRLF. One block per table, each headed by its title.
public struct CSVRenderer: ReportRenderer {
    public init() {}

    public func render(_ report: Report) throws -> [UInt8] {
        var lines: [String] = [row([ReportHeading.title(report)]), row([ReportHeading.subtitle(report)])]
        for table in ReportTables.all(report) {
            lines.append("")
            lines.append(row([table.title]))
            lines.append(row(table.columns))
            for cells in table.rows { lines.append(row(cells.map(value))) }
            if let bron = table.bron { lines.append(row([bron])) }
        }
        if !report.waarschuwingen.isEmpty {
            lines.append("")
            lines.append(row(["Waarschuwingen"]))
            for warning in report.waarschuwingen { lines.append(row([warning])) }
        }
        return [0xEF, 0xBB, 0xBF] + Array((lines.joined(separator: "\r\n") + "\r\n").utf8)
    }

    /// Numbers without thousands separators (Excel reads them as numbers), decimal comma;
    /// a suppressed count stays the text "< 5".
    private func value(_ cell: Cell) -> String {
        switch cell {
        case .text(let text): return text
        case .count(let telling) where telling?.onderdrukt == true: return Telling.onderdruktTekst
        default:
            guard let number = cell.number else { return "" }
            let decimals: Int
            switch cell {
            case .percent: decimals = 1
            case .euro: decimals = 2
            case .decimal(_, let places): decimals = places
            default: decimals = 0
            }
            return DutchFormat.decimal(number, decimals: decimals).replacingOccurrences(of: ".", with: "")
                .replacingOccurrences(of: DutchFormat.minus, with: "-")
        }
    }

    private func row(_ cells: [String]) -> String {
        cells.map { cell in
            cell.contains(where: { $0 == ";" || $0 == "\"" || $0 == "\n" || $0 == "\r" })
                ? "\"" + cell.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : cell
        }.joined(separator: ";")
    }
}
