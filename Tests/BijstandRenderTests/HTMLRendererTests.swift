import BijstandCore
import XCTest

@testable import BijstandRender

/// The HTML report: one self-contained page with its tables and three SVG charts,
/// everything escaped, small counts suppressed in the public version, and a
/// note instead of a chart where the data is missing.
final class HTMLRendererTests: XCTestCase {
    private func html(_ report: Report) throws -> String {
        String(decoding: try HTMLRenderer().render(report), as: UTF8.self)
    }

    private func occurrences(of needle: String, in text: String) -> Int {
        text.components(separatedBy: needle).count - 1
    }

    func testHasTheThreeChartsWithTitleAndDescription() throws {
        let page = try html(ReportFixture.report())
        XCTAssertEqual(occurrences(of: "<svg", in: page), 3)
        for id in ["grafiek-volume", "grafiek-stroom", "grafiek-budget"] {
            XCTAssertTrue(page.contains("<svg class=\"chart\" id=\"\(id)\""), id)
            XCTAssertTrue(page.contains("<title id=\"\(id)-title\">"), id)
            XCTAssertTrue(page.contains("<desc id=\"\(id)-desc\">"), id)
        }
        // The group median is dashed, so the chart also reads in black and white.
        XCTAssertTrue(page.contains("stroke-dasharray"))
        XCTAssertTrue(page.contains("mediaan groep 100.000 en meer"))
        // Figures are numbered in reading order.
        XCTAssertTrue(page.contains("Figuur 1.") && page.contains("Figuur 2.") && page.contains("Figuur 3."))
    }

    func testHasEveryTableWithItsSourceLine() throws {
        let report = ReportFixture.report()
        let page = try html(report)
        let tables = ReportTables.all(report)
        XCTAssertEqual(occurrences(of: "<table", in: page), tables.count)
        for table in tables {
            XCTAssertTrue(page.contains("<section class=\"sectie\" id=\"\(table.id)\">"), table.id)
            if let bron = table.bron { XCTAssertTrue(page.contains(SVGChart.escape(bron)), "bron of \(table.id)") }
        }
    }

    func testDutchNumberFormat() throws {
        let page = try html(ReportFixture.report())
        XCTAssertTrue(page.contains(">3.210</td>"), "stand eind with a thousands dot")
        XCTAssertTrue(page.contains(">2,8%</td>"), "percentage with a decimal comma")
        XCTAssertTrue(page.contains(">€ 65.066.728</td>"), "budget in whole euros")
        XCTAssertTrue(page.contains(">−24</td>"), "netto mutatie with a real minus sign")
        // Chart labels: the last value of each line, and euro ticks in millions.
        XCTAssertTrue(page.contains(">18,9</text>"), "end label of the gemeente's line")
        XCTAssertTrue(page.contains(">23,5</text>"), "end label of the median")
        XCTAssertTrue(page.contains("€ 40 mln</text>") || page.contains("€ 50 mln</text>"), "euro axis in millions")
        XCTAssertTrue(page.contains(">3,0%</text>") || page.contains(">3%</text>"), "percent ticks")
    }

    func testIsSelfContained() throws {
        let page = try html(ReportFixture.report())
        for forbidden in ["http", "src=", "<link", "<script", "@import", "url("] {
            XCTAssertFalse(page.contains(forbidden), "no external resource or script: \(forbidden)")
        }
        XCTAssertTrue(page.hasPrefix("<!DOCTYPE html>"), "the template comment leaves nothing before the doctype")
        XCTAssertTrue(page.contains("<style>") && page.contains("@page"), "inline print CSS")
        XCTAssertTrue(page.contains("size: A4"))
    }

    func testEscapesAllText() throws {
        let naam = "<b>Súdwest-Fryslân</b> & \"'s-Gravenhage\""
        let page = try html(ReportFixture.report(naam: naam))
        XCTAssertFalse(page.contains("<b>"), "no markup from the data")
        XCTAssertTrue(page.contains("&lt;b&gt;Súdwest-Fryslân&lt;/b&gt; &amp;"), "escaped in the HTML")
        // In the charts' legend and description too.
        let chart = try XCTUnwrap(page.range(of: "<svg class=\"chart\" id=\"grafiek-volume\"").map { String(page[$0.lowerBound...]) })
        XCTAssertTrue(chart.contains("&lt;b&gt;Súdwest-Fryslân&lt;/b&gt; &amp; &quot;&#39;s-Gravenhage&quot;"))
        // The print header is a CSS string: `<` cannot close the style element, quotes cannot end the string.
        XCTAssertTrue(page.contains("\\3C b\\3E Súdwest-Fryslân\\3C /b\\3E  \\26  \\\"'s-Gravenhage\\\""))
    }

    func testPublicVersionShowsSuppressedCounts() throws {
        let page = try html(ReportFixture.openbaar())
        XCTAssertTrue(page.contains("<td class=\"num onderdrukt\">&lt; 5</td>"), "opleiding: 3 shown as < 5")
        XCTAssertFalse(page.contains(">< 5<"), "the < of < 5 is escaped")
        XCTAssertTrue(page.contains("openbare versie"))
        XCTAssertFalse(page.contains(">3</td>"), "the suppressed count itself does not appear")
    }

    func testMissingDataGivesANoteNotAChart() throws {
        let page = try html(ReportFixture.zonderReeks())
        XCTAssertEqual(occurrences(of: "<svg", in: page), 0)
        XCTAssertEqual(occurrences(of: "class=\"grafiek-ontbreekt\"", in: page), 3)
        XCTAssertTrue(page.contains("Geen grafiek: er is geen reeks van het volume per 1.000 inwoners"))
        XCTAssertTrue(page.contains("Geen grafiek: er zijn geen budget- of lastencijfers"))
    }

    func testAMissingMonthBreaksTheLine() throws {
        var report = ReportFixture.report()
        report.reeks[10].per_1000_inwoners = nil
        report.reeks[11].groep_mediaan_per_1000_inwoners = nil
        let figure = ReportCharts.volume(report)
        let svg = try XCTUnwrap(figure.svg)
        let gemeenteLine = try XCTUnwrap(svg.components(separatedBy: "<path ").dropFirst().first)
        XCTAssertEqual(gemeenteLine.filter { $0 == "M" }.count, 2, "two pieces, no line drawn across the gap")
        XCTAssertTrue(figure.notes.contains { $0.contains("1 maand zonder cijfers van de gemeente") })
        XCTAssertTrue(figure.notes.contains { $0.contains("Voor 1 maand is er geen mediaan") })
    }

    func testWithoutAMedianOnlyTheGemeenteIsDrawn() throws {
        var report = ReportFixture.report()
        for index in report.reeks.indices { report.reeks[index].groep_mediaan_per_1000_inwoners = nil }
        let figure = ReportCharts.volume(report)
        let svg = try XCTUnwrap(figure.svg)
        XCTAssertFalse(svg.contains("stroke-dasharray=\"7 4\""), "no median line")
        XCTAssertTrue(figure.notes.contains { $0.contains("De mediaan van de groep ontbreekt") })
    }

    func testMonthsBeforeTheFirstFigureAreNotDrawn() throws {
        var report = ReportFixture.report()
        for index in 0..<21 { report.reeks[index].per_1000_inwoners = nil }
        let figure = ReportCharts.volume(report)
        XCTAssertEqual(figure.title, "Uitkeringen per 1.000 inwoners, jun 2026 t/m aug 2026")
        XCTAssertFalse(figure.notes.contains { $0.contains("zonder cijfers") }, "no gap inside the drawn months")
        XCTAssertNotNil(figure.svg)

        report.reeks[21].per_1000_inwoners = nil
        report.reeks[22].per_1000_inwoners = nil
        let single = ReportCharts.volume(report)
        XCTAssertNil(single.svg, "one month is not a line")
        XCTAssertEqual(
            single.notes, ["Geen grafiek: alleen aug 2026 heeft een volume per 1.000 inwoners; een lijn vraagt ten minste twee maanden."])
    }

    func testTemplateParses() throws {
        XCTAssertNoThrow(try HTMLRenderer.template())
    }
}

/// The chart type on its own: scales, ticks and gaps.
final class SVGChartTests: XCTestCase {
    func testNiceScaleStartsAtZeroAndEndsOnARoundStep() {
        XCTAssertTrue(SVGChart.niceScale(min: 18.9, max: 23.8) == (0, 25, 5))
        XCTAssertTrue(SVGChart.niceScale(min: 2.1, max: 3.6) == (0, 4, 1))
        XCTAssertTrue(SVGChart.niceScale(min: 5_200_000, max: 43_377_818) == (0, 50_000_000, 10_000_000))
        XCTAssertTrue(SVGChart.niceScale(min: -46, max: 12) == (-60, 20, 20))
        XCTAssertTrue(SVGChart.niceScale(min: 0, max: 0) == (0, 1, 0.2))
    }

    func testTickLabelsAreDutch() {
        XCTAssertEqual(SVGChart.ValueFormat.decimal.tick(2.5, step: 0.5), "2,5")
        XCTAssertEqual(SVGChart.ValueFormat.percent.tick(1.5, step: 0.5), "1,5%")
        XCTAssertEqual(SVGChart.ValueFormat.euroMillions.tick(12_500_000, step: 2_500_000), "€ 12,5 mln")
        XCTAssertEqual(SVGChart.ValueFormat.decimal.tick(10_000, step: 5_000), "10.000")
        XCTAssertEqual(SVGChart.ValueFormat.decimal.tick(-5, step: 5), "−5")
    }

    func testAnIsolatedPointGetsAMarker() {
        let chart = SVGChart(
            id: "t", title: "t", description: "d",
            categories: (0..<4).map { _ in SVGChart.Category(label: nil, group: nil) },
            panels: [SVGChart.Panel(title: nil, series: [SVGChart.Series(name: "mediaan", values: [1, nil, 2, nil], style: .referentie)])],
            unit: "", format: .decimal)
        let svg = chart.svg()
        XCTAssertEqual(svg.components(separatedBy: "<circle").count - 1, 2, "two single points, each visible as a dot")
    }

    func testMonthAxisLabelsEveryThirdMonthAndTheYearOnce() {
        let categories = ReportCharts.monthCategories(["2024-11", "2024-12", "2025-01", "2025-02", "2025-03", "2025-04"])
        XCTAssertEqual(categories.map(\.label), [nil, nil, "jan", nil, nil, "apr"])
        XCTAssertEqual(categories.map(\.group), [nil, nil, "2025", nil, nil, nil])
    }
}
