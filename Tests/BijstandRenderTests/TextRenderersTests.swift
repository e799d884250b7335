import BijstandCore
import BijstandRender
import Foundation
import XCTest

/// The text, Markdown, CSV and JSON renderers on the hand-built report of `ReportFixture`.
final class TextRenderersTests: XCTestCase {
    private func text(_ renderer: ReportRenderer, _ report: Report = ReportFixture.report()) throws -> String {
        String(decoding: try renderer.render(report), as: UTF8.self)
    }

    func testTextUsesDutchNumbersAndNamesTheSources() throws {
        let out = try text(TextRenderer())
        XCTAssertTrue(out.contains("Bijstand Haarlemmermeer (GM0394) — 2e tertiaal 2026"))
        XCTAssertTrue(out.contains("3.210"), "thousands dot")
        XCTAssertTrue(out.contains("2,8%"), "decimal comma")
        XCTAssertTrue(out.contains("€ 65.066.728"), "whole euros with the euro sign")
        XCTAssertTrue(out.contains("−24"), "Unicode minus for the previous period's netto mutatie")
        XCTAssertTrue(out.contains("Bron: benchmark"))
        XCTAssertTrue(out.contains("batch 5"))
        XCTAssertTrue(out.contains("gehaald"))
        XCTAssertFalse(out.contains("\u{1B}["), "no colour unless asked for")
        XCTAssertTrue(try text(TextRenderer(colour: true)).contains("\u{1B}[1m"), "bold headings on a terminal")
    }

    func testTextColumnsAreAligned() throws {
        let lines = try text(TextRenderer()).split(separator: "\n").map(String.init)
        let header = try XCTUnwrap(lines.firstIndex { $0.hasPrefix(" ") && $0.contains("2026-T2") && $0.contains("vorige periode") })
        let rule = lines[header + 1]
        let rows = lines[(header + 2)...].prefix { !$0.isEmpty && !$0.hasPrefix("Bron") }
        // Every row of the volume table is as wide as the rule under the header (numbers right-aligned to it).
        for row in rows where row.contains("%") || row.first == "S" {
            XCTAssertEqual(row.count, rule.count, "'\(row)'")
        }
    }

    func testMarkdownTablesAndEscaping() throws {
        var report = ReportFixture.report()
        report.waarschuwingen.append("a | pipe and *stars*")
        let out = try text(MarkdownRenderer(), report)
        XCTAssertTrue(out.hasPrefix("# Bijstand Haarlemmermeer"))
        XCTAssertTrue(out.contains("| Stand eind | 3.210 | 3.199 | – |"), out)
        XCTAssertTrue(out.contains("---:"), "numeric columns right-aligned")
        XCTAssertTrue(out.contains("a \\| pipe and \\*stars\\*"))
    }

    func testCSVOpensInDutchExcel() throws {
        let bytes = try CSVRenderer().render(ReportFixture.report())
        XCTAssertEqual(Array(bytes.prefix(3)), [0xEF, 0xBB, 0xBF], "UTF-8 byte order mark")
        let out = String(decoding: bytes.dropFirst(3), as: UTF8.self)
        XCTAssertTrue(out.contains("\r\n"), "CRLF")
        XCTAssertTrue(out.contains("Stand eind;3210;3199;\r\n"), "numbers without thousands separators; no figure is an empty cell")
        XCTAssertTrue(out.contains("Instroom % per maand;2,8;2,7"), "decimal comma (2,65 rounds to 2,7)")
        XCTAssertTrue(out.contains("Budget (nader voorlopig);65066728,00"))
        XCTAssertTrue(out.contains("Netto mutatie;11;-24;"), "ASCII minus that Excel reads as a number")
    }

    func testPublicVersionSuppressesInEveryTextFormat() throws {
        let report = ReportFixture.openbaar()
        XCTAssertEqual(report.volume?.uitstroom_per_reden["opleiding"], Telling(3, onderdrukt: true))
        for renderer in [TextRenderer(), MarkdownRenderer()] as [ReportRenderer] {
            let out = try text(renderer, report)
            XCTAssertTrue(out.contains("< 5") || out.contains("\\< 5"), "\(type(of: renderer))")
            XCTAssertTrue(out.contains("Openbare versie"))
        }
        let csv = try text(CSVRenderer(), report)
        XCTAssertTrue(csv.contains("opleiding;< 5;"), csv)
        // The shares of the reasons would reveal the suppressed count: withheld.
        XCTAssertFalse(csv.contains("werk;105;30"), "no share next to a table with a suppressed cell")
    }

    func testJSONHasTheContractKeys() throws {
        let object = try JSONSerialization.jsonObject(with: Data(try JSONRenderer().render(ReportFixture.report()))) as! [String: Any]
        for key in ["gemeente", "periode", "volume", "vergelijking", "budget", "doelen", "bronnen", "waarschuwingen"] {
            XCTAssertNotNil(object[key], key)
        }
        let periode = object["periode"] as! [String: Any]
        XCTAssertEqual(periode["van"] as? String, "2026-05-01")
        XCTAssertEqual(periode["tot"] as? String, "2026-08-31")
        XCTAssertEqual(periode["maanden"] as? Int, 4)
        let volume = object["volume"] as! [String: Any]
        for key in [
            "eenheid", "bron", "stand_begin", "instroom", "uitstroom", "stand_eind", "netto_mutatie",
            "instroom_pct_per_maand", "uitstroom_pct_per_maand", "uitstroom_per_reden", "vorige_periode", "vorig_jaar",
        ] {
            XCTAssertTrue(volume.keys.contains(key), key)
        }
        XCTAssertEqual(volume["stand_eind"] as? Int, 3210, "numbers are JSON numbers")
        XCTAssertTrue(volume["vorig_jaar"] is NSNull, "a comparison without data is null")
        let vergelijking = object["vergelijking"] as! [String: Any]
        let instroom = vergelijking["instroom_pct_per_maand"] as! [String: Any]
        XCTAssertEqual(Set(instroom.keys), ["gemeente", "mediaan", "gemiddelde", "percentiel"])
        let budget = object["budget"] as! [String: Any]
        for key in [
            "jaar", "versie", "budget", "netto_lasten", "budget_naar_rato", "prognose_netto_lasten", "prognose_saldo",
            "prognose_saldo_pct", "vangnet_drempel_pct", "boven_vangnetdrempel",
        ] {
            XCTAssertTrue(budget.keys.contains(key), key)
        }
        XCTAssertEqual(budget["budget_naar_rato"] as? Double, 43_377_818.67, "money in euro with cents")
        let doel = (object["doelen"] as! [[String: Any]])[0]
        XCTAssertEqual(Set(["indicator", "minimum", "maximum", "realisatie", "gehaald"]).subtracting(doel.keys), [])
        let bron = (object["bronnen"] as! [[String: Any]])[0]
        XCTAssertEqual(Set(["batch", "soort", "bestand", "geladen_op", "status"]).subtracting(bron.keys), [])
    }
}
