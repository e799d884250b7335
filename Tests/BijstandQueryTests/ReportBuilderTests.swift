import BijstandCore
import BijstandQuery
import BijstandRender
import Foundation
import GRDB
import TestSupport
import XCTest

/// The report value built from a small warehouse whose every expected figure is worked out by hand below.
final class ReportBuilderTests: XCTestCase {
    var fixture: WarehouseFixture!

    override func setUpWithError() throws {
        fixture = try WarehouseFixture()
        // Uithoorn (GM0451), PW, January–April 2024, and December 2023.
        // Ameland (GM0060): stands 50, instroom 2 and uitstroom 1 each month.
        // Vlieland (GM0096): stands 20, instroom 0, uitstroom 1 each month.
        // Terschelling (GM0093): March missing, so it is not a complete member for 2024-T1.
        try fixture.ingest(
            "benchmark.csv",
            """
            gemeentecode;periode;regeling;lopend_begin;instroom;uitstroom;lopend_eind;uitstroom_werk
            GM0451;2023-12;PW;290;15;5;300;
            GM0451;2024-01;PW;300;10;5;305;2
            GM0451;2024-02;PW;305;12;8;309;3
            GM0451;2024-03;PW;309;6;9;306;4
            GM0451;2024-04;PW;306;9;6;309;1
            GM0060;2024-01;PW;50;2;1;51;
            GM0060;2024-02;PW;50;2;1;51;
            GM0060;2024-03;PW;50;2;1;51;
            GM0060;2024-04;PW;50;2;1;51;
            GM0096;2024-01;PW;20;0;1;19;
            GM0096;2024-02;PW;20;0;1;19;
            GM0096;2024-03;PW;20;0;1;19;
            GM0096;2024-04;PW;20;0;1;19;
            GM0093;2024-01;PW;40;1;1;40;
            GM0093;2024-02;PW;40;1;1;40;
            GM0093;2024-04;PW;40;1;1;40;
            """)
        try fixture.ingest(
            "groepen.csv",
            """
            groep;gemeentecode
            Waddengroep;GM0451
            Waddengroep;GM0060
            Waddengroep;GM0096
            Waddengroep;GM0093
            """)
        try fixture.ingest(
            "budget.csv",
            """
            jaar;gemeentecode;versie;bedrag
            2024;GM0451;definitief;€ 12.000.000,00
            """)
        try fixture.ingest(
            "lasten.csv",
            """
            gemeentecode;periode;regeling;lasten;baten
            GM0451;2024-01;PW;1.000.000,00;20.000,00
            GM0451;2024-02;PW;1.000.000,00;20.000,00
            GM0451;2024-03;PW;1.000.000,00;20.000,00
            GM0451;2024-04;PW;1.000.000,00;20.000,00
            """)
        try fixture.ingest(
            "doelen.csv",
            """
            gemeentecode;jaar;indicator;minimum;maximum;bron
            GM0451;2024;uitstroom_werk;30;;Begroting 2024, p. 12
            GM0451;2024;instroom_pct;;2,5;Beleidsplan, p. 3
            """)
    }

    private func report(_ gemeente: String, _ periode: String, configure: (inout ReportRequest) -> Void = { _ in }) throws -> Report {
        var request = ReportRequest(gemeente: gemeente, periode: try Periode.parse(periode).get())
        request.vergelijk = "Waddengroep"
        request.gemaaktOp = "2026-11-25T00:00:00Z"
        configure(&request)
        return try fixture.warehouse.database.read { try ReportBuilder($0).build(request) }
    }

    func testVolumeOfThePeriod() throws {
        let volume = try XCTUnwrap(try report("GM0451", "2024-T1").volume)
        XCTAssertEqual(volume.bron, "benchmark")
        XCTAssertEqual(volume.eenheid, "uitkeringen")
        XCTAssertEqual(volume.stand_begin, 300)
        XCTAssertEqual(volume.instroom, 37)  // 10 + 12 + 6 + 9
        XCTAssertEqual(volume.uitstroom, 28)  // 5 + 8 + 9 + 6
        XCTAssertEqual(volume.stand_eind, 309)
        XCTAssertEqual(volume.netto_mutatie, 9)
        // Per month: total flow ÷ total of the monthly starting stands (300 + 305 + 309 + 306 = 1.220).
        XCTAssertEqual(try XCTUnwrap(volume.instroom_pct_per_maand), 37.0 * 100 / 1220, accuracy: 1e-9)
        XCTAssertEqual(try XCTUnwrap(volume.uitstroom_pct_per_maand), 28.0 * 100 / 1220, accuracy: 1e-9)
        // Reasons: werk 2 + 3 + 4 + 1 = 10; the remaining 18 are onbekend and count in the total.
        XCTAssertEqual(volume.uitstroom_per_reden["werk"], 10)
        XCTAssertEqual(volume.uitstroom_per_reden["onbekend"], 18)
    }

    func testPreviousPeriodAndLastYear() throws {
        let report = try report("GM0451", "2024-T1")
        let vorige = try XCTUnwrap(report.volume?.vorige_periode)
        // 2023-T3 = September–December 2023: only December delivered.
        XCTAssertEqual(vorige.maanden_met_cijfers, 1)
        XCTAssertEqual(vorige.instroom, 15)
        XCTAssertEqual(vorige.stand_eind, 300)
        XCTAssertNil(vorige.stand_begin, "September has no figures, so the period's starting stand is unknown")
        XCTAssertNil(report.volume?.vorig_jaar, "nothing was delivered for 2023-T1")
        XCTAssertTrue(report.waarschuwingen.contains { $0.contains("2023-T1") })
    }

    func testComparisonGroupStatistics() throws {
        let vergelijking = try XCTUnwrap(try report("GM0451", "2024-T1").vergelijking)
        // Complete members: Uithoorn 3,0328% / 2,2951%, Ameland 8/200 = 4% / 4/200 = 2%, Vlieland 0% / 4/80 = 5%.
        // Terschelling misses March and does not count.
        XCTAssertEqual(vergelijking.groep, "Waddengroep")
        XCTAssertEqual(vergelijking.n, 3)
        let uithoornIn = 37.0 * 100 / 1220
        let uithoornUit = 28.0 * 100 / 1220
        XCTAssertEqual(try XCTUnwrap(vergelijking.instroom_pct_per_maand.mediaan), uithoornIn, accuracy: 1e-9)
        XCTAssertEqual(try XCTUnwrap(vergelijking.instroom_pct_per_maand.gemiddelde), (uithoornIn + 4 + 0) / 3, accuracy: 1e-9)
        XCTAssertEqual(try XCTUnwrap(vergelijking.instroom_pct_per_maand.percentiel), 100.0 / 3, accuracy: 1e-9)
        XCTAssertEqual(try XCTUnwrap(vergelijking.uitstroom_pct_per_maand.mediaan), uithoornUit, accuracy: 1e-9)
        XCTAssertEqual(try XCTUnwrap(vergelijking.uitstroom_pct_per_maand.gemiddelde), (uithoornUit + 2 + 5) / 3, accuracy: 1e-9)
        XCTAssertEqual(try XCTUnwrap(vergelijking.uitstroom_pct_per_maand.percentiel), 100.0 / 3, accuracy: 1e-9)
    }

    /// Many reports from one read share the group figures; each must equal the report made alone.
    func testReportsMadeInOneBatchEqualReportsMadeAlone() throws {
        let batch = ReportBatch()
        for vergelijk in ["Waddengroep", nil] {
            for gemeente in ["GM0451", "GM0060", "GM0096", "GM0093"] {
                for periode in ["2024-T1", "2024-03", "2024-01..2024-04"] {
                    var request = ReportRequest(gemeente: gemeente, periode: try Periode.parse(periode).get())
                    request.vergelijk = vergelijk
                    request.gemaaktOp = "2026-11-25T00:00:00Z"
                    let alone = try fixture.warehouse.database.read { try ReportBuilder($0).build(request) }
                    let together = try fixture.warehouse.database.read { try ReportBuilder($0, batch: batch).build(request) }
                    XCTAssertEqual(together, alone, "\(gemeente) \(periode) \(vergelijk ?? "grootteklasse")")
                }
            }
        }
        // Counting PW alone reads the sums from the fact table instead of agg_volume_maand;
        // the fixture has PW rows only, so the group figures must come out the same.
        let pwOnly = try report("GM0451", "2024-T1") { $0.regelingen = [.pw] }
        XCTAssertEqual(pwOnly.vergelijking, try report("GM0451", "2024-T1").vergelijking)
        XCTAssertEqual(pwOnly.vergelijking?.n, 3)
        // The batch did read the group figures (the Waddengroep reports have a comparison).
        XCTAssertNotNil(try report("GM0451", "2024-T1").vergelijking)
    }

    func testUnknownGroupIsRefusedNamingTheKnownOnes() {
        XCTAssertThrowsError(try report("GM0451", "2024-T1") { $0.vergelijk = "G4" }) { error in
            XCTAssertTrue("\(error)".contains("Waddengroep"), "\(error)")
        }
    }

    func testBudgetSection() throws {
        let budget = try XCTUnwrap(try report("GM0451", "2024-T1").budget)
        // Budget 12.000.000; netto per month 980.000; January–April realised 3.920.000;
        // naar rato 4/12 × 12.000.000 = 4.000.000; prognosis 3.920.000 + 8 × 980.000 = 11.760.000;
        // saldo 240.000 = 2,0% overschot.
        XCTAssertEqual(budget.jaar, 2024)
        XCTAssertEqual(budget.versie, "definitief")
        XCTAssertEqual(budget.budget, 12_000_000)
        XCTAssertEqual(budget.netto_lasten, 3_920_000)
        XCTAssertEqual(budget.budget_naar_rato, 4_000_000)
        XCTAssertEqual(budget.prognose_netto_lasten, 11_760_000)
        XCTAssertEqual(budget.prognose_saldo, 240_000)
        XCTAssertEqual(budget.prognose_saldo_pct, 2.0)
        XCTAssertEqual(budget.uitkomst, "overschot")
        XCTAssertEqual(budget.boven_vangnetdrempel, false)
        XCTAssertEqual(budget.per_maand.map(\.netto_lasten_cumulatief), [980_000, 1_960_000, 2_940_000, 3_920_000])
    }

    func testTargetsAgainstRealisation() throws {
        let doelen = try report("GM0451", "2024-T1").doelen
        let werk = try XCTUnwrap(doelen.first { $0.indicator == "uitstroom_werk" })
        // A year target of at least 30, naar rato for 4 months: 10; realised 10 → gehaald.
        XCTAssertEqual(try XCTUnwrap(werk.minimum), 10, accuracy: 1e-9)
        XCTAssertEqual(werk.realisatie, 10)
        XCTAssertEqual(werk.gehaald, true)
        XCTAssertEqual(werk.bron, "Begroting 2024, p. 12")
        let instroom = try XCTUnwrap(doelen.first { $0.indicator == "instroom_pct" })
        XCTAssertEqual(instroom.maximum, 2.5, "percentages are not pro-rated")
        XCTAssertEqual(instroom.gehaald, false, "3,03% is above the maximum of 2,5%")
    }

    func testSourcesNameTheLoads() throws {
        let report = try report("GM0451", "2024-T1")
        let kinds = Set(report.bronnen.map(\.soort))
        XCTAssertEqual(kinds, ["benchmark", "budget", "lasten"])
        let benchmark = try XCTUnwrap(report.bronnen.first { $0.soort == "benchmark" })
        XCTAssertTrue(benchmark.bestand.hasSuffix("benchmark.csv"))
        XCTAssertEqual(benchmark.peilmaand, "2024-04")
    }

    func testOpenbaarSuppressesSmallCounts() throws {
        // Vlieland: uitstroom 4 in 2024-T1 → "< 5", and its percentage (4/80) would reveal it.
        let report = try report("GM0096", "2024-T1") { $0.openbaar = true }
        let volume = try XCTUnwrap(report.volume)
        XCTAssertEqual(volume.uitstroom, Telling(4, onderdrukt: true))
        XCTAssertNil(volume.uitstroom_pct_per_maand)
        XCTAssertEqual(volume.instroom, 0, "zero identifies nobody and is shown")
        XCTAssertEqual(volume.stand_eind, 19)
        let json = String(decoding: try JSONRenderer().render(report), as: UTF8.self)
        XCTAssertTrue(json.contains("\"uitstroom\" : \"< 5\""), json)
        let text = String(decoding: try TextRenderer().render(report), as: UTF8.self)
        XCTAssertTrue(text.contains("< 5"))
        XCTAssertFalse(text.contains("Uitstroom                   4"))
        // The chart series withholds the monthly percentages of Vlieland's 1 uitstroom a month.
        let april = try XCTUnwrap(report.reeks.first { $0.maand == "2024-04" })
        XCTAssertEqual(april.uitstroom, Telling(1, onderdrukt: true))
        XCTAssertNil(april.uitstroom_pct)
        XCTAssertEqual(april.instroom, 0)
        XCTAssertEqual(april.instroom_pct, 0, "0% of 20 reveals nobody")
    }

    func testSectionWithoutDataIsNullWithAWarning() throws {
        let report = try report("GM0060", "2024-T1")
        XCTAssertNil(report.budget)
        XCTAssertTrue(report.waarschuwingen.contains { $0.contains("BUIG") })
        let json = try JSONSerialization.jsonObject(with: Data(try JSONRenderer().render(report))) as! [String: Any]
        XCTAssertTrue(json["budget"] is NSNull, "a section without data is null, not absent")
    }

    /// Haarlemmerliede en Spaarnwoude (GM0393) became part of Haarlemmermeer (GM0394) on 1 January 2019 (CBS).
    func testCurrentBordersAddTheMergedGemeentesHistory() throws {
        try fixture.ingest(
            "merge.csv",
            """
            gemeentecode;periode;lopend_begin;instroom;uitstroom;lopend_eind
            GM0393;2018-12;20;2;1;21
            GM0394;2018-12;2000;50;40;2010
            """)
        let huidig = try XCTUnwrap(try report("GM0394", "2018-12") { $0.vergelijk = nil }.volume)
        XCTAssertEqual(huidig.stand_begin, 2020)
        XCTAssertEqual(huidig.instroom, 52)
        XCTAssertEqual(huidig.uitstroom, 41)
        XCTAssertEqual(huidig.stand_eind, 2031)
        let historisch = try XCTUnwrap(
            try report("GM0394", "2018-12") {
                $0.vergelijk = nil
                $0.grenzenHuidig = false
            }.volume)
        XCTAssertEqual(historisch.stand_begin, 2000)
        XCTAssertEqual(historisch.stand_eind, 2010)
        XCTAssertThrowsError(try report("GM0393", "2018-12")) { error in
            XCTAssertTrue("\(error)".contains("GM0394"), "the successor is named: \(error)")
        }
    }
}
