import BijstandCore
import Foundation
import TestSupport
import XCTest

@testable import BijstandRender

/// The Excel workbook, read back cell by cell. An .xlsx is a zip of XML files:
/// `XLSXFile` unpacks it with `unzip` and answers "what is in cell B8 of sheet
/// Volume, and with which number format".
final class XLSXRendererTests: XCTestCase {
    private var directory: TemporaryDirectory!

    override func setUpWithError() throws {
        directory = try TemporaryDirectory()
    }

    override func tearDown() {
        directory = nil
    }

    private func workbook(_ report: Report, name: String = "rapport.xlsx") throws -> XLSXFile {
        let bytes = try XLSXRenderer().render(report)
        XCTAssertEqual(Array(bytes.prefix(2)), [0x50, 0x4B], "a zip file starts with PK")
        return try XLSXFile(path: directory.write(name, bytes: bytes))
    }

    func testSheetNames() throws {
        let file = try workbook(ReportFixture.report())
        XCTAssertEqual(
            try file.sheetNames(),
            ["Overzicht", "Volume", "Uitstroom per reden", "Vergelijking", "BUIG 2026", "Doelen", "Bronnen", "Reeks"])
    }

    func testOverviewHasTitlePeriodSummaryAndWarnings() throws {
        let file = try workbook(ReportFixture.report())
        XCTAssertEqual(try file.cell("Overzicht", "A1"), .text("Bijstand Haarlemmermeer (GM0394) — 2e tertiaal 2026"))
        XCTAssertEqual(try file.cell("Overzicht", "B3"), .text("2e tertiaal 2026 (2026-T2): 2026-05-01 t/m 2026-08-31"))
        let texts = try file.column("Overzicht", "A")
        XCTAssertTrue(texts.contains("Eind 2e tertiaal 2026 liepen er 3.210 uitkeringen (+11 in de periode)."))
        XCTAssertTrue(texts.contains("Waarschuwingen"))
        XCTAssertTrue(texts.contains("Een deel van de volumecijfers is voorlopig."))
    }

    func testNumbersAreNumbersWithNumberFormats() throws {
        let file = try workbook(ReportFixture.report())
        // Volume: header in row 4, then stand begin, instroom, uitstroom, stand eind.
        XCTAssertEqual(try file.cell("Volume", "A8"), .text("Stand eind"))
        XCTAssertEqual(try file.cell("Volume", "B8"), .number("3210", format: "#,##0"))
        XCTAssertEqual(try file.cell("Volume", "C9"), .number("-24", format: "#,##0"), "netto mutatie vorige periode")
        // Percentages are fractions shown with a % format: 2.8 in the report is 0.028 in Excel.
        XCTAssertEqual(try file.cell("Volume", "B10"), .number("0.028", format: "0.0%"))
        XCTAssertEqual(try file.cell("Volume", "B12"), .number("19.2", format: "#,##0.0"))
        XCTAssertEqual(try file.cell("Volume", "D5"), .empty, "no figures for last year: an empty cell, not a zero")
        // Euro: the exact amount (cents kept) with a whole-euro format.
        XCTAssertEqual(try file.cell("BUIG 2026", "B5"), .number("65066728", format: "\"€ \"#,##0;\"€ \"-#,##0"))
        XCTAssertEqual(try file.cell("BUIG 2026", "B6"), .number("43377818.67", format: "\"€ \"#,##0;\"€ \"-#,##0"))
        XCTAssertEqual(try file.cell("Vergelijking", "C5"), .number("0.03", format: "0.0%"), "mediaan instroom")
        XCTAssertEqual(try file.cell("Bronnen", "A5"), .number("5", format: "0"), "a batch number has no thousands separator")
    }

    func testPublicVersionWritesSuppressedCountsAsText() throws {
        let file = try workbook(ReportFixture.openbaar())
        let rows = try file.column("Uitstroom per reden", "A")
        let row = try XCTUnwrap(rows.firstIndex(of: "opleiding")).advanced(by: 1)
        XCTAssertEqual(try file.cell("Uitstroom per reden", "B\(row)"), .text("< 5"))
        XCTAssertEqual(try file.cell("Uitstroom per reden", "B5"), .number("189", format: "#,##0"), "overig is not suppressed")
        XCTAssertEqual(try file.cell("Uitstroom per reden", "C5"), .empty, "no shares when one reason is suppressed")
    }

    func testHeaderRowIsBoldAndFrozenAndTheSourceLineFollowsTheTable() throws {
        let file = try workbook(ReportFixture.report())
        let sheet = try file.sheetXML("Volume")
        XCTAssertTrue(sheet.contains("<pane ySplit=\"4\" topLeftCell=\"A5\" activePane=\"bottomLeft\" state=\"frozen\"/>"))
        XCTAssertTrue(sheet.contains("<col min=\"1\" max=\"1\" width="), "column widths are set")
        XCTAssertTrue(try file.isBold("Volume", "B4"), "header bold")
        XCTAssertFalse(try file.isBold("Volume", "B5"))
        // Eight data rows (4 counts, netto mutatie, 2 percentages, per 1.000), a blank row, then the Bron line.
        guard case .text(let bron) = try file.cell("Volume", "A14") else { return XCTFail("Bron line in A14") }
        XCTAssertTrue(bron.hasPrefix("Bron: benchmark (uitkeringen; PW, IOAW, IOAZ, BBZ), voorlopig"), bron)
    }

    func testSeriesSheetAndNativeCharts() throws {
        let file = try workbook(ReportFixture.report())
        XCTAssertEqual(try file.cell("Reeks", "A5"), .text("2024-09"))
        XCTAssertEqual(try file.cell("Reeks", "A28"), .text("2026-08"))
        XCTAssertEqual(try file.cell("Reeks", "C5"), .number("20", format: "#,##0.0"))
        XCTAssertEqual(try file.cell("Reeks", "D28"), .number("23.5", format: "#,##0.0"))
        XCTAssertEqual(try file.cell("Reeks", "K12"), .number("41600000", format: "\"€ \"#,##0;\"€ \"-#,##0"))

        let entries = try file.entries()
        XCTAssertTrue(entries.contains("xl/charts/chart1.xml"))
        XCTAssertEqual(entries.filter { $0.hasPrefix("xl/charts/chart") }.count, 3)
        let volume = try file.entry("xl/charts/chart1.xml")
        XCTAssertTrue(volume.contains("<c:lineChart>"))
        XCTAssertTrue(volume.contains("<c:f>Reeks!$C$5:$C$28</c:f>"), "the gemeente's series from the Reeks sheet")
        XCTAssertTrue(volume.contains("<c:f>Reeks!$D$5:$D$28</c:f>"), "the group median")
        XCTAssertTrue(volume.contains("<a:prstDash val=\"dash\"/>"), "the median dashed")
        let budget = try file.entry("xl/charts/chart3.xml")
        XCTAssertTrue(budget.contains("<c:f>Reeks!$K$5:$K$12</c:f>") && budget.contains("<c:f>Reeks!$L$5:$L$12</c:f>"))
        // The volume chart sits on the Volume sheet, the budget chart on the BUIG sheet.
        XCTAssertTrue(try file.sheetXML("Volume").contains("<drawing r:id="))
        XCTAssertTrue(try file.sheetXML("BUIG 2026").contains("<drawing r:id="))
    }

    func testMissingSeriesGiveNoCharts() throws {
        let file = try workbook(ReportFixture.zonderReeks())
        XCTAssertFalse(try file.entries().contains { $0.hasPrefix("xl/charts/") })
        XCTAssertEqual(try file.cell("Reeks", "A5"), .empty)
    }

    func testSheetNamesAreValidForExcel() {
        let name = XLSXReportWriter.sheetName("'BUIG: a/b [c]*? \\ netto lasten en budget 2026'")
        XCTAssertLessThanOrEqual(name.count, 31)
        XCTAssertFalse(name.contains { "[]:*?/\\".contains($0) }, name)
        XCTAssertFalse(name.hasPrefix("'") || name.hasSuffix("'"), name)
        var used: Set<String> = ["volume"]
        XCTAssertEqual(XLSXReportWriter.unique("Volume", &used), "Volume (2)")
    }
}

/// An .xlsx read back through `unzip -p`: sheets by name, cells by reference,
/// shared strings resolved, number formats looked up through the cell's style.
final class XLSXFile {
    enum Value: Equatable {
        case empty
        case text(String)
        /// The number as written in the XML (`<v>3210</v>`) and its number format code.
        case number(String, format: String)
    }

    let path: String
    /// Entries already unzipped: a test asks for many cells of the same few files.
    private var cache: [String: String] = [:]

    init(path: String) {
        self.path = path
    }

    func entries() throws -> [String] {
        try run(["-Z1", path]).split(separator: "\n").map(String.init)
    }

    func entry(_ name: String) throws -> String {
        if let text = cache[name] { return text }
        let text = try run(["-p", path, name])
        cache[name] = text
        return text
    }

    func sheetNames() throws -> [String] {
        matches(#"<sheet name="([^"]*)""#, in: try entry("xl/workbook.xml")).map { unescape($0[0]) }
    }

    func sheetXML(_ name: String) throws -> String {
        guard let index = try sheetNames().firstIndex(of: name) else { throw XLSXTestError.noSheet(name) }
        return try entry("xl/worksheets/sheet\(index + 1).xml")
    }

    func cell(_ sheet: String, _ reference: String) throws -> Value {
        let xml = try sheetXML(sheet)
        guard let cell = matches(#"<c r="\#(reference)"([^>]*?)(?:/>|>(.*?)</c>)"#, in: xml).first else { return .empty }
        let attributes = cell[0]
        guard let value = matches(#"<v>([^<]*)</v>"#, in: cell[1]).first?[0] else { return .empty }
        if attributes.contains("t=\"s\"") { return .text(try sharedStrings()[Int(value)!]) }
        let style = matches(#"s="(\d+)""#, in: attributes).first.map { Int($0[0])! } ?? 0
        return .number(value, format: try numberFormat(style: style))
    }

    /// The texts of a column, top to bottom, with the rows in between as empty strings (index 0 = row 1).
    func column(_ sheet: String, _ letter: String) throws -> [String] {
        let xml = try sheetXML(sheet)
        let rows = matches(#"<c r="\#(letter)(\d+)""#, in: xml).compactMap { Int($0[0]) }
        guard let last = rows.max() else { return [] }
        return try (1...last).map { row in
            if case .text(let text) = try cell(sheet, "\(letter)\(row)") { return text }
            return ""
        }
    }

    func isBold(_ sheet: String, _ reference: String) throws -> Bool {
        let xml = try sheetXML(sheet)
        guard let cell = matches(#"<c r="\#(reference)"([^>]*)"#, in: xml).first,
            let style = matches(#"s="(\d+)""#, in: cell[0]).first.map({ Int($0[0])! })
        else { return false }
        let styles = try entry("xl/styles.xml")
        let xfs = matches(#"<xf ([^>]*)"#, in: section("cellXfs", of: styles))
        let fontId = matches(#"fontId="(\d+)""#, in: xfs[style][0]).first.map { Int($0[0])! } ?? 0
        let fonts = matches(#"<font>(.*?)</font>"#, in: section("fonts", of: styles))
        return fonts[fontId][0].contains("<b/>")
    }

    private func sharedStrings() throws -> [String] {
        matches(#"<si>(.*?)</si>"#, in: try entry("xl/sharedStrings.xml")).map { item in
            unescape(matches(#"<t[^>]*>([^<]*)</t>"#, in: item[0]).map { $0[0] }.joined())
        }
    }

    private func numberFormat(style: Int) throws -> String {
        let styles = try entry("xl/styles.xml")
        let xfs = matches(#"<xf ([^>]*)"#, in: section("cellXfs", of: styles))
        let id = matches(#"numFmtId="(\d+)""#, in: xfs[style][0]).first.map { Int($0[0])! } ?? 0
        if id == 0 { return "General" }
        guard let custom = matches(#"<numFmt numFmtId="\#(id)" formatCode="([^"]*)""#, in: styles).first else { return "builtin \(id)" }
        return unescape(custom[0])
    }

    private func section(_ name: String, of xml: String) -> String {
        matches(#"<\#(name)[^>]*>(.*?)</\#(name)>"#, in: xml).first?[0] ?? ""
    }

    private func matches(_ pattern: String, in text: String) -> [[String]] {
        let regex = try! NSRegularExpression(pattern: pattern, options: [.dotMatchesLineSeparators])
        let range = NSRange(text.startIndex..., in: text)
        return regex.matches(in: text, range: range).map { match in
            (1..<match.numberOfRanges).map { group in
                Range(match.range(at: group), in: text).map { String(text[$0]) } ?? ""
            }
        }
    }

    private func unescape(_ text: String) -> String {
        text.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&apos;", with: "'")
            .replacingOccurrences(of: "&amp;", with: "&")
    }

    private func run(_ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/unzip")
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw XLSXTestError.unzip(arguments.joined(separator: " ")) }
        return String(decoding: data, as: UTF8.self)
    }
}

enum XLSXTestError: Error {
    case noSheet(String)
    case unzip(String)
}
