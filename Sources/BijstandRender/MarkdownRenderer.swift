import BijstandCore

/// GitHub-flavoured Markdown: headings, pipe tables, the source under each table.
public struct MarkdownRenderer: ReportRenderer {
    public init() {}

    public func render(_ report: Report) throws -> [UInt8] {
        var out = "# \(ReportHeading.title(report))\n\n_\(ReportHeading.subtitle(report))_\n\n"
        for line in ReportHeading.summary(report) { out += "- \(line)\n" }
        for table in ReportTables.all(report) {
            out += "\n## \(table.title)\n\n"
            out += "| " + table.columns.map(escape).joined(separator: " | ") + " |\n"
            let alignments = table.columns.indices.map { index in
                table.rows.first.map { $0.indices.contains(index) && $0[index].isNumeric } == true ? "---:" : "---"
            }
            out += "| " + alignments.joined(separator: " | ") + " |\n"
            for row in table.rows {
                out += "| " + row.map { escape($0.display) }.joined(separator: " | ") + " |\n"
            }
            if let bron = table.bron { out += "\n_\(escape(bron))_\n" }
        }
        if !report.waarschuwingen.isEmpty {
            out += "\n## Waarschuwingen\n\n"
            for warning in report.waarschuwingen { out += "- \(escape(warning))\n" }
        }
        return Array(out.utf8)
    }

    private func escape(_ text: String) -> String {
        var result = ""
        for character in text {
            if "|*_`<>[]".contains(character) { result.append("\\") }
            result.append(character)
        }
        return result
    }
}
