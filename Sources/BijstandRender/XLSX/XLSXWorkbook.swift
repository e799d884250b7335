import CXLSXWriter
import Foundation

/// A thin Swift face on libxlsxwriter's workbook: errors become `RenderError`s,
/// and every C string the library might keep a pointer to (sheet names, chart
/// titles, series names, document properties) is copied and kept alive until
/// the workbook is closed, so no pointer outlives its Swift string.
///
/// libxlsxwriter writes files, not bytes: `XLSXRenderer` gives it a path in a
/// temporary folder and reads the file back after `close()`.
///
/// ```swift
/// let workbook = try XLSXWorkbook(path: "/tmp/x/report.xlsx", temporaryFolder: "/tmp/x")
/// let sheet = try workbook.addWorksheet("Overzicht")
/// try sheet.write(0, 0, "Bijstand Haarlemmermeer", workbook.format { format_set_bold($0) })
/// try workbook.close()
/// ```
final class XLSXWorkbook {
    typealias Format = UnsafeMutablePointer<lxw_format>
    typealias Chart = UnsafeMutablePointer<lxw_chart>

    private var handle: UnsafeMutablePointer<lxw_workbook>?
    private var keptStrings: [UnsafeMutablePointer<CChar>] = []

    init(path: String, temporaryFolder: String) throws {
        var options = lxw_workbook_options(constant_memory: 0, tmpdir: nil, use_zip64: 0)
        keptStrings.append(strdup(temporaryFolder))
        options.tmpdir = keptStrings.last
        guard let handle = workbook_new_opt(path, &options) else {
            throw RenderError.workbook("libxlsxwriter could not start a workbook at \(path)")
        }
        self.handle = handle
    }

    deinit {
        // A workbook abandoned after an error must still be freed; closing is the only way.
        if let handle { _ = workbook_close(handle) }
        for kept in keptStrings { free(kept) }
    }

    /// A copy of `text` that lives as long as the workbook.
    func keep(_ text: String) -> UnsafeMutablePointer<CChar> {
        let copy = strdup(text)!
        keptStrings.append(copy)
        return copy
    }

    private var workbook: UnsafeMutablePointer<lxw_workbook> {
        guard let handle else { preconditionFailure("XLSXWorkbook used after close()") }
        return handle
    }

    func addWorksheet(_ name: String) throws -> XLSXWorksheet {
        let error = workbook_validate_sheet_name(workbook, name)
        guard error == LXW_NO_ERROR else { throw RenderError.workbook("sheet name '\(name)': \(Self.message(error))") }
        guard let sheet = workbook_add_worksheet(workbook, keep(name)) else {
            throw RenderError.workbook("libxlsxwriter could not add the sheet '\(name)'")
        }
        return XLSXWorksheet(handle: sheet, name: name, workbook: self)
    }

    /// A new cell format, set up by `configure` (the libxlsxwriter `format_set_…` functions).
    func format(_ configure: (Format) -> Void) -> Format {
        let format = workbook_add_format(workbook)!
        configure(format)
        return format
    }

    func addChart(_ type: lxw_chart_type) -> Chart {
        workbook_add_chart(workbook, UInt8(type.rawValue))!
    }

    func setProperties(title: String, subject: String, comments: String, created: time_t?) throws {
        var properties = lxw_doc_properties()
        properties.title = keep(title)
        properties.subject = keep(subject)
        properties.author = keep("bijstand")
        properties.comments = keep(comments)
        if let created { properties.created = created }
        try check(workbook_set_properties(workbook, &properties), "document properties")
    }

    /// Writes the file. The workbook cannot be used afterwards.
    func close() throws {
        let error = workbook_close(workbook)
        handle = nil
        try check(error, "writing the file")
    }

    func check(_ error: lxw_error, _ what: @autoclosure () -> String) throws {
        guard error != LXW_NO_ERROR else { return }
        throw RenderError.workbook("\(what()): \(Self.message(error))")
    }

    static func message(_ error: lxw_error) -> String {
        lxw_strerror(error).map { String(cString: $0) } ?? "libxlsxwriter error \(error.rawValue)"
    }
}

/// One sheet of an `XLSXWorkbook`. Rows and columns count from 0, as in libxlsxwriter.
struct XLSXWorksheet {
    let handle: UnsafeMutablePointer<lxw_worksheet>
    let name: String
    unowned let workbook: XLSXWorkbook

    func write(_ row: Int, _ column: Int, _ text: String, _ format: XLSXWorkbook.Format? = nil) throws {
        try workbook.check(
            worksheet_write_string(handle, lxw_row_t(row), lxw_col_t(column), text, format), "\(name) row \(row + 1), text")
    }

    func write(_ row: Int, _ column: Int, number: Double, _ format: XLSXWorkbook.Format? = nil) throws {
        try workbook.check(
            worksheet_write_number(handle, lxw_row_t(row), lxw_col_t(column), number, format), "\(name) row \(row + 1), number")
    }

    func blank(_ row: Int, _ column: Int, _ format: XLSXWorkbook.Format?) throws {
        try workbook.check(worksheet_write_blank(handle, lxw_row_t(row), lxw_col_t(column), format), "\(name) row \(row + 1)")
    }

    /// Column width in characters of the default font.
    func setColumn(_ column: Int, width: Double) throws {
        try workbook.check(
            worksheet_set_column(handle, lxw_col_t(column), lxw_col_t(column), width, nil), "\(name) column width")
    }

    /// Keeps the rows above `row` (and the columns left of `column`) in view while scrolling.
    func freeze(row: Int, column: Int = 0) {
        worksheet_freeze_panes(handle, lxw_row_t(row), lxw_col_t(column))
    }

    func insert(_ chart: XLSXWorkbook.Chart, row: Int, column: Int, scale: Double = 1.25, description: String) throws {
        var options = lxw_chart_options()
        options.x_scale = scale
        options.y_scale = scale
        options.description = workbook.keep(description)
        try workbook.check(
            worksheet_insert_chart_opt(handle, lxw_row_t(row), lxw_col_t(column), chart, &options), "\(name) chart")
    }

    /// A4, fitted to one page wide, the rows down to `repeatRows` repeated on every printed page.
    func setUpPrinting(repeatRows: Int?) throws {
        worksheet_set_paper(handle, 9)  // 9 = A4 in libxlsxwriter's paper table
        worksheet_fit_to_pages(handle, 1, 0)
        if let repeatRows {
            try workbook.check(worksheet_repeat_rows(handle, 0, lxw_row_t(repeatRows)), "\(name) print titles")
        }
    }
}
