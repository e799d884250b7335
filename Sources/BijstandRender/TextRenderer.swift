import BijstandCore

/// Aligned tables for the terminal, Dutch number format; colour only when asked (on a terminal).
public struct TextRenderer: ReportRenderer {
    public var colour: Bool

    public init(colour: Bool = false) {
        self.colour = colour
    }

    public func render(_ report: Report) throws -> [UInt8] {
        var out = bold(ReportHeading.title(report)) + "\n" + ReportHeading.subtitle(report) + "\n\n"
        for line in ReportHeading.summary(report) { out += line + "\n" }
        for table in ReportTables.all(report) {
            out += "\n" + bold(table.title) + "\n"
            var text = TextTable(columns: table.columns)
            text.rows = table.rows.map { $0.map { paint($0) } }
            text.numeric = Set(table.rows.first.map { row in row.indices.filter { row[$0].isNumeric } } ?? [])
            out += text.render()
            if let bron = table.bron { out += dim(bron) + "\n" }
        }
        if !report.waarschuwingen.isEmpty {
            out += "\n" + bold("Waarschuwingen") + "\n"
            for warning in report.waarschuwingen { out += "- \(warning)\n" }
        }
        return Array(out.utf8)
    }

    private func paint(_ cell: Cell) -> String {
        guard colour, case .text(let text) = cell else { return cell.display }
        switch text {
        case "gehaald": return "\u{1B}[32m\(text)\u{1B}[0m"
        case "niet gehaald": return "\u{1B}[31m\(text)\u{1B}[0m"
        default: return text
        }
    }

    private func bold(_ text: String) -> String { colour ? "\u{1B}[1m\(text)\u{1B}[0m" : text }
    private func dim(_ text: String) -> String { colour ? "\u{1B}[2m\(text)\u{1B}[0m" : text }
}

/// Plain text tables: columns padded to their widest cell, numbers right-aligned.
/// Width counts characters, so escape codes for colour must not be counted.
public struct TextTable {
    public var columns: [String]
    public var rows: [[String]] = []
    /// Columns aligned to the right (numbers).
    public var numeric: Set<Int> = []

    public init(columns: [String]) {
        self.columns = columns
    }

    static func visibleWidth(_ text: String) -> Int {
        var width = 0
        var inEscape = false
        for character in text {
            if inEscape {
                if character == "m" { inEscape = false }
            } else if character == "\u{1B}" {
                inEscape = true
            } else {
                width += 1
            }
        }
        return width
    }

    public func render() -> String {
        var widths = columns.map { Self.visibleWidth($0) }
        for row in rows {
            for (index, cell) in row.enumerated() where index < widths.count {
                widths[index] = max(widths[index], Self.visibleWidth(cell))
            }
        }
        func line(_ cells: [String]) -> String {
            var text = ""
            for (index, cell) in cells.enumerated() where index < widths.count {
                let padding = String(repeating: " ", count: max(0, widths[index] - Self.visibleWidth(cell)))
                if index > 0 { text += "  " }
                text += numeric.contains(index) ? padding + cell : cell + padding
            }
            while text.hasSuffix(" ") { text.removeLast() }
            return text
        }
        var out = line(columns) + "\n"
        out += widths.map { String(repeating: "─", count: $0) }.joined(separator: "  ") + "\n"
        for row in rows { out += line(row) + "\n" }
        return out
    }
}
