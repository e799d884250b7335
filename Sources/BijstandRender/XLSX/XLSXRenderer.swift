import BijstandCore
import CXLSXWriter
import Foundation

/// The report as an Excel workbook (libxlsxwriter):
///
/// - "Overzicht": title, period, the summary lines, the warnings, and the list of sheets;
/// - one sheet per report table (`ReportTables.all`), header row bold and frozen,
///   the Bron line under the table;
/// - "Reeks": the monthly series behind the charts, which Excel draws natively
///   (volume per 1.000 inwoners and in-/uitstroom against the group median, netto
///   lasten against budget naar rato), placed on the sheet they belong to.
///
/// Numbers are numbers with a number format, never text: counts `#,##0`, euro
/// `"€ "#,##0` (the cents stay in the cell), percentages as fractions with `0.0%`
/// (the report's 2.8 is the cell value 0.028, shown as 2,8% in Dutch Excel).
/// A suppressed count is the text "< 5"; a missing value is an empty cell.
///
/// ```swift
/// let bytes = try XLSXRenderer().render(report)   // the bytes of a .xlsx file
/// ```
public struct XLSXRenderer: ReportRenderer {
    public init() {}

    public func render(_ report: Report) throws -> [UInt8] {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("bijstand-xlsx-\(UUID().uuidString)")
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw RenderError.workbook("no temporary folder at \(folder.path) (\(error.localizedDescription))")
        }
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("rapport.xlsx")
        do {
            let workbook = try XLSXWorkbook(path: file.path, temporaryFolder: folder.path)
            try XLSXReportWriter(report: report, workbook: workbook).write()
            try workbook.close()
        }
        guard let data = FileManager.default.contents(atPath: file.path) else {
            throw RenderError.workbook("the written file \(file.path) cannot be read back")
        }
        return Array(data)
    }
}

/// Writes one report into one workbook; a value per rendering, so formats and sheet
/// names are shared by all sheets of that workbook.
struct XLSXReportWriter {
    let report: Report
    let workbook: XLSXWorkbook
    let formats: Formats

    init(report: Report, workbook: XLSXWorkbook) {
        self.report = report
        self.workbook = workbook
        formats = Formats(workbook)
    }

    /// The number formats, as Excel stores them (Dutch Excel shows `.` and `,` swapped).
    enum NumberFormat {
        static let count = "#,##0"
        static let percent = "0.0%"
        static let euro = "\"€ \"#,##0;\"€ \"-#,##0"
        static let euroMillions = "\"€ \"#,##0,,\" mln\""
        static func decimal(_ places: Int) -> String { places <= 0 ? "#,##0" : "#,##0." + String(repeating: "0", count: places) }
    }

    struct Formats {
        let title, subtitle, heading, header, headerNumber, text, textRight, bron, count, identifier, percent, euro: XLSXWorkbook.Format
        let decimals: [XLSXWorkbook.Format]

        init(_ workbook: XLSXWorkbook) {
            title = workbook.format {
                format_set_bold($0)
                format_set_font_size($0, 14)
            }
            subtitle = workbook.format { format_set_font_color($0, 0x555555) }
            heading = workbook.format {
                format_set_bold($0)
                format_set_font_size($0, 12)
            }
            header = workbook.format {
                format_set_bold($0)
                format_set_bottom($0, UInt8(LXW_BORDER_THIN.rawValue))
                format_set_bg_color($0, 0xE7EEF5)
            }
            headerNumber = workbook.format {
                format_set_bold($0)
                format_set_bottom($0, UInt8(LXW_BORDER_THIN.rawValue))
                format_set_bg_color($0, 0xE7EEF5)
                format_set_align($0, UInt8(LXW_ALIGN_RIGHT.rawValue))
            }
            text = workbook.format { format_set_align($0, UInt8(LXW_ALIGN_VERTICAL_TOP.rawValue)) }
            textRight = workbook.format { format_set_align($0, UInt8(LXW_ALIGN_RIGHT.rawValue)) }
            bron = workbook.format {
                format_set_italic($0)
                format_set_font_color($0, 0x555555)
            }
            count = workbook.format { format_set_num_format($0, NumberFormat.count) }
            identifier = workbook.format { format_set_num_format($0, "0") }
            percent = workbook.format { format_set_num_format($0, NumberFormat.percent) }
            euro = workbook.format { format_set_num_format($0, NumberFormat.euro) }
            decimals = (0...2).map { places in workbook.format { format_set_num_format($0, NumberFormat.decimal(places)) } }
        }
    }

    /// Sheet names a reader recognises; anything else is the table's title, cleaned.
    static let sheetNames = [
        "volume": "Volume", "redenen": "Uitstroom per reden", "vergelijking": "Vergelijking", "buig": "BUIG",
        "doelen": "Doelen", "bronnen": "Bronnen",
    ]

    func write() throws {
        let tables = ReportTables.all(report)
        var used: Set<String> = ["overzicht", "reeks"]
        let names = tables.map { table -> String in
            var name = Self.sheetName(Self.sheetNames[table.id] ?? table.title)
            if table.id == "buig", let budget = report.budget { name = "BUIG \(budget.jaar)" }
            return Self.unique(name, &used)
        }
        try workbook.setProperties(
            title: ReportHeading.title(report), subject: "Bijstand en BUIG, \(report.periode.naam)",
            comments: ReportHeading.subtitle(report), created: Self.time(report.gemaakt_op))

        let overzicht = try workbook.addWorksheet("Overzicht")
        var sheets: [String: XLSXWorksheet] = [:]
        for (table, name) in zip(tables, names) {
            sheets[table.id] = try writeTable(table, sheetName: name)
        }
        let reeks = try workbook.addWorksheet("Reeks")
        let layout = try writeSeries(reeks)
        try writeOverview(overzicht, tables: zip(tables, names).map { ($1, $0.title) })
        try insertCharts(layout, sheets: sheets, fallback: reeks)
    }

    // MARK: Overzicht

    private func writeOverview(_ sheet: XLSXWorksheet, tables: [(name: String, title: String)]) throws {
        try sheet.setColumn(0, width: 26)
        try sheet.setColumn(1, width: 90)
        try sheet.write(0, 0, ReportHeading.title(report), formats.title)
        try sheet.write(1, 0, ReportHeading.subtitle(report), formats.subtitle)
        try sheet.write(2, 0, "Periode", formats.text)
        try sheet.write(
            2, 1, "\(report.periode.naam) (\(report.periode.code)): \(report.periode.van) t/m \(report.periode.tot)", formats.text)
        var row = 4
        func block(_ heading: String, _ lines: [String]) throws {
            guard !lines.isEmpty else { return }
            try sheet.write(row, 0, heading, formats.heading)
            row += 1
            for line in lines {
                try sheet.write(row, 0, line, formats.text)
                row += 1
            }
            row += 1
        }
        try block("Samenvatting", ReportHeading.summary(report))
        try block("Waarschuwingen", report.waarschuwingen)
        try sheet.write(row, 0, "Bladen", formats.heading)
        row += 1
        for (name, title) in tables + [("Reeks", "Maandreeksen achter de grafieken")] {
            try sheet.write(row, 0, name, formats.text)
            try sheet.write(row, 1, title, formats.text)
            row += 1
        }
        row += 1
        try sheet.write(
            row, 0,
            "Getallen zijn getallen: percentages staan als fractie in de cel (0,028 = 2,8%), bedragen in euro met centen, getoond in hele euro’s."
                + (report.openbaar ? " Openbare versie: aantallen van 1 tot en met 4 staan als de tekst \"< 5\"." : ""),
            formats.bron)
        try sheet.setUpPrinting(repeatRows: nil)
    }

    // MARK: tables

    /// Title in row 1, gemeente and period in row 2, header in row 4 (frozen), data below, Bron line after a blank row.
    static let headerRow = 3

    private func writeTable(_ table: ReportTable, sheetName: String) throws -> XLSXWorksheet {
        let sheet = try workbook.addWorksheet(sheetName)
        try sheet.write(0, 0, table.title, formats.heading)
        try sheet.write(1, 0, "\(report.gemeente.naam) (\(report.gemeente.code)), \(report.periode.naam)", formats.subtitle)
        let numeric = table.columns.indices.map { index in table.rows.contains { $0.indices.contains(index) && $0[index].isNumeric } }
        for (column, name) in table.columns.enumerated() {
            try sheet.write(Self.headerRow, column, name, numeric[column] ? formats.headerNumber : formats.header)
        }
        for (offset, cells) in table.rows.enumerated() {
            for (column, cell) in cells.enumerated() {
                // A batch number is an identifier: no thousands separator.
                if table.columns[column] == "batch", case .integer(let batch?) = cell {
                    try sheet.write(Self.headerRow + 1 + offset, column, number: Double(batch), formats.identifier)
                } else {
                    try write(cell, sheet, Self.headerRow + 1 + offset, column)
                }
            }
        }
        if let bron = table.bron {
            try sheet.write(Self.headerRow + table.rows.count + 2, 0, bron, formats.bron)
        }
        for column in table.columns.indices {
            let widest =
                ([table.columns[column]] + table.rows.compactMap { $0.indices.contains(column) ? $0[column].display : nil })
                .map(\.count).max() ?? 8
            try sheet.setColumn(column, width: Double(min(max(widest + 2, column == 0 ? 14 : 10), 60)))
        }
        sheet.freeze(row: Self.headerRow + 1)
        try sheet.setUpPrinting(repeatRows: Self.headerRow)
        return sheet
    }

    private func write(_ cell: Cell, _ sheet: XLSXWorksheet, _ row: Int, _ column: Int) throws {
        switch cell {
        case .text(let text):
            guard !text.isEmpty else { return }
            try sheet.write(row, column, text, text == "–" ? formats.textRight : formats.text)
        case .count(let telling?) where telling.onderdrukt:
            try sheet.write(row, column, Telling.onderdruktTekst, formats.textRight)
        case .count, .integer:
            if let number = cell.number { try sheet.write(row, column, number: number, formats.count) }
        case .percent(let value):
            if let value { try sheet.write(row, column, number: value / 100, formats.percent) }
        case .euro(let value):
            if let value { try sheet.write(row, column, number: value, formats.euro) }
        case .decimal(let value, let places):
            if let value { try sheet.write(row, column, number: value, formats.decimals[min(max(places, 0), 2)]) }
        }
    }

    // MARK: Reeks

    /// Where the chart data sits on the Reeks sheet (rows and columns from 0).
    struct SeriesLayout {
        var firstRow = 0
        var months = 0
        var budgetMonths = 0
        var hasDensity = false
        var hasMedianDensity = false
        var hasFlows = false
    }

    static let volumeColumns = [
        "maand", "stand eind", "per 1.000 inwoners", "mediaan per 1.000 inwoners", "instroom %",
        "mediaan instroom %", "uitstroom %", "mediaan uitstroom %",
    ]
    static let budgetColumn = 9
    static let budgetColumns = ["maand", "netto lasten cumulatief", "budget naar rato"]

    private func writeSeries(_ sheet: XLSXWorksheet) throws -> SeriesLayout {
        var layout = SeriesLayout(firstRow: Self.headerRow + 1)
        try sheet.write(0, 0, "Maandreeksen achter de grafieken", formats.heading)
        let groep =
            report.vergelijking.map { "mediaan: groep \($0.groep), over de gemeenten met cijfers in die maand" }
            ?? "mediaan van de vergelijkingsgroep"
        try sheet.write(1, 0, "\(report.gemeente.naam) (\(report.gemeente.code)); \(groep). Een lege cel: geen cijfer.", formats.subtitle)

        let eenheid = report.volume?.eenheid ?? "uitkeringen"
        var headers = Self.volumeColumns
        headers[1] = "stand eind (\(eenheid))"
        headers[2] = "\(report.gemeente.naam) per 1.000 inwoners"
        for (column, name) in headers.enumerated() {
            try sheet.write(Self.headerRow, column, name, column == 0 ? formats.header : formats.headerNumber)
            try sheet.setColumn(column, width: column == 0 ? 10 : Double(max(12, name.count + 2)))
        }
        for (offset, punt) in report.reeks.enumerated() {
            let row = layout.firstRow + offset
            try sheet.write(row, 0, punt.maand, formats.text)
            try write(.count(punt.stand_eind), sheet, row, 1)
            try write(.decimal(punt.per_1000_inwoners, decimals: 1), sheet, row, 2)
            try write(.decimal(punt.groep_mediaan_per_1000_inwoners, decimals: 1), sheet, row, 3)
            try write(.percent(punt.instroom_pct), sheet, row, 4)
            try write(.percent(punt.groep_mediaan_instroom_pct), sheet, row, 5)
            try write(.percent(punt.uitstroom_pct), sheet, row, 6)
            try write(.percent(punt.groep_mediaan_uitstroom_pct), sheet, row, 7)
        }
        layout.months = report.reeks.count
        layout.hasDensity = report.reeks.contains { $0.per_1000_inwoners != nil }
        layout.hasMedianDensity = report.reeks.contains { $0.groep_mediaan_per_1000_inwoners != nil }
        layout.hasFlows = report.reeks.contains { $0.instroom_pct != nil || $0.uitstroom_pct != nil }

        if let budget = report.budget, budget.per_maand.contains(where: { $0.netto_lasten_cumulatief != nil }) {
            let first = Self.budgetColumn
            try sheet.setColumn(first - 1, width: 3)
            for (offset, name) in Self.budgetColumns.enumerated() {
                try sheet.write(
                    Self.headerRow, first + offset, offset == 0 ? "maand (BUIG \(budget.jaar))" : name,
                    offset == 0 ? formats.header : formats.headerNumber)
                try sheet.setColumn(first + offset, width: offset == 0 ? 16 : 24)
            }
            for (offset, maand) in budget.per_maand.enumerated() {
                let row = layout.firstRow + offset
                try sheet.write(row, first, maand.maand, formats.text)
                try write(.euro(maand.netto_lasten_cumulatief), sheet, row, first + 1)
                try write(.euro(maand.budget_naar_rato), sheet, row, first + 2)
            }
            layout.budgetMonths = budget.per_maand.count
        }
        sheet.freeze(row: Self.headerRow + 1)
        try sheet.setUpPrinting(repeatRows: Self.headerRow)
        return layout
    }

    // MARK: charts

    private func insertCharts(_ layout: SeriesLayout, sheets: [String: XLSXWorksheet], fallback: XLSXWorksheet) throws {
        let last = layout.firstRow + layout.months - 1
        let groep = report.vergelijking.map { "mediaan groep \($0.groep)" } ?? "mediaan groep"
        let eenheid = (report.volume?.eenheid ?? "uitkeringen").capitalisedFirst
        var fallbackRow = layout.firstRow + max(layout.months, layout.budgetMonths) + 2

        func place(_ chart: XLSXWorkbook.Chart, on id: String, column: Int, description: String) throws {
            if let sheet = sheets[id] {
                try sheet.insert(chart, row: 1, column: column, description: description)
            } else {
                try fallback.insert(chart, row: fallbackRow, column: 0, description: description)
                fallbackRow += 22
            }
        }

        if layout.months > 0 && layout.hasDensity {
            let chart = lineChart(title: "\(eenheid) per 1.000 inwoners", numberFormat: "#,##0")
            addLine(chart, name: report.gemeente.naam, column: 2, rows: layout.firstRow...last, colour: 0x0072B2, dashed: false)
            if layout.hasMedianDensity {
                addLine(chart, name: groep, column: 3, rows: layout.firstRow...last, colour: 0xD55E00, dashed: true)
            }
            try place(
                chart, on: "volume", column: 5,
                description: "\(eenheid) per 1.000 inwoners per maand, \(report.gemeente.naam) tegen de \(groep).")
        }
        if layout.months > 0 && layout.hasFlows {
            let chart = lineChart(title: "Instroom en uitstroom in % per maand", numberFormat: "0.0%")
            addLine(
                chart, name: "instroom \(report.gemeente.naam)", column: 4, rows: layout.firstRow...last, colour: 0x0072B2, dashed: false)
            addLine(chart, name: "instroom, \(groep)", column: 5, rows: layout.firstRow...last, colour: 0x0072B2, dashed: true)
            addLine(
                chart, name: "uitstroom \(report.gemeente.naam)", column: 6, rows: layout.firstRow...last, colour: 0xD55E00, dashed: false)
            addLine(chart, name: "uitstroom, \(groep)", column: 7, rows: layout.firstRow...last, colour: 0xD55E00, dashed: true)
            try place(chart, on: "vergelijking", column: 6, description: "Instroom- en uitstroompercentage per maand tegen de \(groep).")
        }
        if layout.budgetMonths > 0, let budget = report.budget {
            let rows = layout.firstRow...(layout.firstRow + layout.budgetMonths - 1)
            let chart = lineChart(
                title: "BUIG \(budget.jaar): netto lasten cumulatief en budget naar rato", numberFormat: NumberFormat.euroMillions)
            addLine(
                chart, name: "netto lasten cumulatief", column: Self.budgetColumn + 1, rows: rows, categoryColumn: Self.budgetColumn,
                colour: 0x0072B2, dashed: false)
            addLine(
                chart, name: "budget naar rato (\(budget.versie))", column: Self.budgetColumn + 2, rows: rows,
                categoryColumn: Self.budgetColumn, colour: 0xD55E00, dashed: true)
            try place(
                chart, on: "buig", column: 3,
                description: "Netto lasten cumulatief per maand van \(budget.jaar) tegen het budget naar rato.")
        }
    }

    private func lineChart(title: String, numberFormat: String) -> XLSXWorkbook.Chart {
        let chart = workbook.addChart(LXW_CHART_LINE)
        chart_title_set_name(chart, workbook.keep(title))
        chart_axis_set_num_format(chart.pointee.y_axis, workbook.keep(numberFormat))
        chart_axis_set_min(chart.pointee.y_axis, 0)
        chart_axis_set_label_position(chart.pointee.x_axis, UInt8(LXW_CHART_AXIS_LABEL_POSITION_LOW.rawValue))
        chart_legend_set_position(chart, UInt8(LXW_CHART_LEGEND_BOTTOM.rawValue))
        chart_show_blanks_as(chart, UInt8(LXW_CHART_BLANKS_AS_GAP.rawValue))
        return chart
    }

    /// A series from column `column` of the Reeks sheet, months from `categoryColumn`;
    /// the group median dashed so the chart also reads in black and white.
    private func addLine(
        _ chart: XLSXWorkbook.Chart, name: String, column: Int, rows: ClosedRange<Int>, categoryColumn: Int = 0,
        colour: UInt32, dashed: Bool
    ) {
        let series = chart_add_series(chart, nil, nil)!
        let sheet = workbook.keep("Reeks")
        chart_series_set_categories(
            series, sheet, lxw_row_t(rows.lowerBound), lxw_col_t(categoryColumn), lxw_row_t(rows.upperBound),
            lxw_col_t(categoryColumn))
        chart_series_set_values(series, sheet, lxw_row_t(rows.lowerBound), lxw_col_t(column), lxw_row_t(rows.upperBound), lxw_col_t(column))
        chart_series_set_name(series, workbook.keep(name))
        var line = lxw_chart_line(
            color: colour, none: 0, width: dashed ? 2 : 2.5,
            dash_type: UInt8((dashed ? LXW_CHART_LINE_DASH_DASH : LXW_CHART_LINE_DASH_SOLID).rawValue), transparency: 0)
        chart_series_set_line(series, &line)
        chart_series_set_marker_type(series, UInt8((dashed ? LXW_CHART_MARKER_NONE : LXW_CHART_MARKER_CIRCLE).rawValue))
        if !dashed { chart_series_set_marker_size(series, 4) }
    }

    // MARK: names and times

    /// A valid Excel sheet name: no `[]:*?/\`, no apostrophe at either end, at most 31 characters.
    static func sheetName(_ text: String) -> String {
        var name = String(text.map { "[]:*?/\\".contains($0) ? " " : $0 })
        name = name.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
        while name.hasPrefix("'") { name.removeFirst() }
        while name.hasSuffix("'") { name.removeLast() }
        name = String(name.prefix(31)).trimmingCharacters(in: .whitespaces)
        return name.isEmpty ? "Tabel" : name
    }

    /// `name`, or `name (2)`, `name (3)`… when taken (Excel compares names case-insensitively).
    static func unique(_ name: String, _ used: inout Set<String>) -> String {
        var candidate = name
        var number = 2
        while used.contains(candidate.lowercased()) {
            let suffix = " (\(number))"
            candidate = String(name.prefix(31 - suffix.count)) + suffix
            number += 1
        }
        used.insert(candidate.lowercased())
        return candidate
    }

    /// `2026-11-25T10:46:45Z` as seconds since 1970 (UTC), for the workbook's creation date; nil when not that form.
    static func time(_ iso: String) -> time_t? {
        let digits = iso.split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
        guard digits.count >= 6, let day = Day(year: digits[0], month: digits[1], day: digits[2]) else { return nil }
        return time_t(day.daysSinceEpoch * 86_400 + digits[3] * 3_600 + digits[4] * 60 + digits[5])
    }
}
