import BijstandQuery
import GRDB
import TestSupport
import XCTest

/// The views of contract.md ("Views for analysts") return what the facts hold.
/// Every expected figure is worked out by hand from the rows the test loads;
/// inhabitants come from the built-in CBS reference data (etl/reference/inwoners.csv, Bron: CBS).
final class AnalystViewTests: XCTestCase {
    private var fixture: WarehouseFixture!

    override func setUpWithError() throws {
        fixture = try WarehouseFixture()
    }

    override func tearDown() {
        fixture = nil
    }

    private func query(_ sql: String, _ parameters: [String: String] = [:]) throws -> [[AnalystValue]] {
        try analystRows(sql, on: fixture.path, parameters: parameters).rows
    }

    // MARK: v_volume_maand, v_uitstroom_reden_maand

    func testVolumeAndReasonViewsShowTheCurrentDelivery() throws {
        let header = "gemeentecode;periode;regeling;lopend_begin;instroom;uitstroom;lopend_eind;uitstroom_werk;uitstroom_opleiding;status"
        let first = try fixture.ingest(
            "eerste.csv",
            header + "\nGM0394;2024-03;PW;2100;40;35;2105;10;5;voorlopig\nGM0394;2024-03;IOAW;120;3;2;121;1;0;definitief\n")
        // A correction of PW replaces the first figures: the view shows the new ones only.
        let second = try fixture.ingest("correctie.csv", header + "\nGM0394;2024-03;PW;2100;42;36;2106;12;5;definitief\n")
        let volume = try query(
            """
            SELECT gemeentecode, maand, regeling, bron, stand_begin, instroom, uitstroom, stand_eind, eenheid, status, batch
            FROM v_volume_maand ORDER BY regeling
            """)
        XCTAssertEqual(
            volume,
            [
                [
                    .text("GM0394"), .text("2024-03"), .text("IOAW"), .text("benchmark"), .integer(120), .integer(3), .integer(2),
                    .integer(121),
                    .text("uitkeringen"), .text("definitief"), .integer(first.batch!),
                ],
                [
                    .text("GM0394"), .text("2024-03"), .text("PW"), .text("benchmark"), .integer(2100), .integer(42), .integer(36),
                    .integer(2106),
                    .text("uitkeringen"), .text("definitief"), .integer(second.batch!),
                ],
            ])
        XCTAssertEqual(try fixture.int("SELECT count(*) FROM hist_volume_maand"), 1)

        // Reasons: werk 12 and opleiding 5 of 36; the 19 the columns do not cover are onbekend.
        let reasons = try query(
            "SELECT regeling, reden, aantal, reden_groep, batch FROM v_uitstroom_reden_maand WHERE aantal > 0 ORDER BY regeling, reden")
        XCTAssertEqual(
            reasons,
            [
                [.text("IOAW"), .text("onbekend"), .integer(1), .text("onbekend"), .integer(first.batch!)],
                [.text("IOAW"), .text("werk"), .integer(1), .text("werk"), .integer(first.batch!)],
                [.text("PW"), .text("onbekend"), .integer(19), .text("onbekend"), .integer(second.batch!)],
                [.text("PW"), .text("opleiding"), .integer(5), .text("onderwijs"), .integer(second.batch!)],
                [.text("PW"), .text("werk"), .integer(12), .text("werk"), .integer(second.batch!)],
            ])
        // The reasons add up to the uitstroom of the volume view, per regeling.
        let totals = try query(
            """
            SELECT v.regeling, v.uitstroom, (SELECT sum(aantal) FROM v_uitstroom_reden_maand r
                                             WHERE r.gemeentecode = v.gemeentecode AND r.maand = v.maand AND r.regeling = v.regeling)
            FROM v_volume_maand v ORDER BY v.regeling
            """)
        XCTAssertEqual(totals, [[.text("IOAW"), .integer(2), .integer(2)], [.text("PW"), .integer(36), .integer(36)]])
    }

    // MARK: v_buig_jaar

    func testBuigYearTakesTheNewestBudgetAndTheNettoLasten() throws {
        let budget = try fixture.ingest(
            "budget.csv",
            """
            jaar;gemeentecode;versie;bedrag;bedrag_lks
            2024;GM0394;voorlopig;1000000;50000
            2024;GM0394;definitief;1200000,50;60000
            2024;GM0394;nader voorlopig;1100000;55000
            """)
        try fixture.ingest(
            "lasten.csv",
            """
            gemeentecode;periode;regeling;lasten;baten
            GM0394;2024-01;PW;100000;2000
            GM0394;2024-01;LKS;5000;0
            GM0394;2024-02;PW;110000,25;1000
            GM0394;2024-03;IOAW;8000;
            """)
        let rows = try query(
            """
            SELECT gemeentecode, jaar, budget, budgetversie, netto_lasten, saldo, saldo_pct, maanden_lasten, budget_cent,
                   netto_lasten_cent, saldo_cent, batch
            FROM v_buig_jaar
            """)
        // Netto lasten: (100000 − 2000) + 5000 + (110000,25 − 1000) + 8000 = 220000,25.
        // Saldo: 1200000,50 − 220000,25 = 980000,25 = 81,7% of the budget (81,6667 rounded to one decimal).
        XCTAssertEqual(
            rows,
            [
                [
                    .text("GM0394"), .integer(2024), .real(1_200_000.50), .text("definitief"), .real(220_000.25), .real(980_000.25),
                    .real(81.7),
                    .integer(3), .integer(120_000_050), .integer(22_000_025), .integer(98_000_025), .integer(budget.batch!),
                ]
            ])
    }

    // MARK: v_uitkering

    func testUitkeringShowsEverySpellOfTheSnapshot() throws {
        let result = try fixture.ingest(
            "uitkeringen.csv",
            """
            gemeentecode;dossiernummer;client_id;regeling;startdatum;einddatum;uitstroomreden;geboortejaar
            GM0394;D1;K1;PW;2023-05-01;;;1990
            GM0394;D2;K2;IOAW;2022-01-15;2024-02-29;werk;1965
            """, kind: "uitkeringen")
        let rows = try query(
            """
            SELECT gemeentecode, dossiernummer, persoon, regeling, startdatum, einddatum, uitstroomreden, batch, uitstroom_naar_werk
            FROM v_uitkering ORDER BY dossiernummer
            """)
        XCTAssertEqual(
            rows,
            [
                [
                    .text("GM0394"), .text("D1"), .text("K1"), .text("PW"), .text("2023-05-01"), .null, .null, .integer(result.batch!),
                    .null,
                ],
                [
                    .text("GM0394"), .text("D2"), .text("K2"), .text("IOAW"), .text("2022-01-15"), .text("2024-02-29"), .text("werk"),
                    .integer(result.batch!), .integer(1),
                ],
            ])
        XCTAssertEqual(try fixture.int("SELECT count(*) FROM fact_uitkering"), 2)
    }

    // MARK: v_vergelijking_maand

    /// Benchmark rows for 2024-03 (and one gemeente in 2024-02), chosen so that the
    /// percentages are round: instroom (uitstroom) ÷ stand_begin × 100, PW + IOAW summed.
    private func loadComparisonMonth() throws {
        try fixture.ingest(
            "benchmark.csv",
            """
            gemeentecode;periode;regeling;lopend_begin;instroom;uitstroom;lopend_eind
            GM0394;2024-03;PW;900;30;20;910
            GM0394;2024-03;IOAW;100;10;5;105
            GM0451;2024-03;PW;200;4;6;198
            GM0518;2024-03;PW;20000;500;400;20100
            GM0363;2024-03;PW;40000;1200;1000;40200
            GM1916;2024-03;PW;1000;10;30;980
            GM1916;2024-02;PW;1000;50;10;1040
            GM0014;2024-03;PW;0;5;0;5
            GM0034;2024-03;PW;500;10;10;500
            """)
        // Almere's IOAW row has no stand_begin: Almere has no percentage that month.
        try fixture.ingest(
            "zonder-begin.csv", "gemeentecode;periode;regeling;instroom;uitstroom;lopend_eind\nGM0034;2024-03;IOAW;1;1;50\n")
        // Per gemeente in 2024-03 (instroom %, uitstroom %):
        //   GM0394 Haarlemmermeer  40/1000 = 4,0   25/1000 = 2,5   (163.128 inhabitants in 2024: 100.000 en meer)
        //   GM0451 Uithoorn         4/200  = 2,0    6/200  = 3,0   (31.685: tot 50.000)
        //   GM0518 Den Haag       500/20000 = 2,5 400/20000 = 2,0  (566.221: 100.000 en meer)
        //   GM0363 Amsterdam     1200/40000 = 3,0 1000/40000 = 2,5 (931.298: 100.000 en meer)
        //   GM1916 Leidschendam-V. 10/1000 = 1,0   30/1000 = 3,0   (78.229: 50.000 tot 100.000)
        //   GM0014 Groningen: stand_begin 0, GM0034 Almere: a stand_begin missing: no percentage.
        try fixture.ingest(
            "groepen.csv",
            """
            groep;gemeentecode;geldig_vanaf;geldig_tot
            Vier;GM0394;2020-01-01;
            Vier;GM0451;2020-01-01;
            Vier;GM0518;2020-01-01;
            Vier;GM0363;2024-03-01;
            Vier;GM0014;2020-01-01;
            Vier;GM0344;2020-01-01;
            Vier;GM1916;2020-01-01;2024-03-01
            Vier;GM0034;2024-03-02;
            Drie;GM0394;2020-01-01;
            Drie;GM0451;2020-01-01;
            Drie;GM1916;2020-01-01;
            """, kind: "groepen")
        // Vier on 1 March 2024: 394, 451, 518 and 363 (from that day); 0014 without a percentage,
        // 0344 without data; 1916 left on that day and 0034 joins the day after.
    }

    private func comparison(_ groep: String, _ maand: String) throws -> [AnalystValue]? {
        try query(
            """
            SELECT n, instroom_pct_mediaan, instroom_pct_gemiddelde, uitstroom_pct_mediaan, uitstroom_pct_gemiddelde,
                   stand_begin, instroom, uitstroom, groepsoort
            FROM v_vergelijking_maand WHERE groep = :groep AND maand = :maand
            """, ["groep": groep, "maand": maand]
        ).first
    }

    func testComparisonOfANamedGroupOfFourAndOfThree() throws {
        try loadComparisonMonth()
        // Vier: instroom 4,0 2,0 2,5 3,0 → sorted 2,0 2,5 3,0 4,0: median (2,5 + 3,0) / 2 = 2,75, mean 11,5 / 4 = 2,875;
        //       uitstroom 2,5 3,0 2,0 2,5 → sorted 2,0 2,5 2,5 3,0: median 2,5, mean 10 / 4 = 2,5.
        let vier = try XCTUnwrap(try comparison("Vier", "2024-03"))
        XCTAssertEqual(vier[0], .integer(4))
        assertPercent(vier[1], 2.75)
        assertPercent(vier[2], 2.875)
        assertPercent(vier[3], 2.5)
        assertPercent(vier[4], 2.5)
        XCTAssertEqual(Array(vier[5...8]), [.integer(61_200), .integer(1_744), .integer(1_431), .text("groep")])
        // Drie: instroom 4,0 2,0 1,0 → median 2,0, mean 7 / 3; uitstroom 2,5 3,0 3,0 → median 3,0, mean 8,5 / 3.
        let drie = try XCTUnwrap(try comparison("Drie", "2024-03"))
        XCTAssertEqual(drie[0], .integer(3))
        assertPercent(drie[1], 2.0)
        assertPercent(drie[2], 7.0 / 3)
        assertPercent(drie[3], 3.0)
        assertPercent(drie[4], 8.5 / 3)
        // In February only GM1916 of Drie delivered: 50/1000 = 5,0 and 10/1000 = 1,0.
        let februari = try XCTUnwrap(try comparison("Drie", "2024-02"))
        XCTAssertEqual(februari[0], .integer(1))
        assertPercent(februari[1], 5.0)
        assertPercent(februari[2], 5.0)
        assertPercent(februari[3], 1.0)
        // GM1916 was a member of Vier until 1 March 2024: it counts in February, not in March.
        let vierFebruari = try XCTUnwrap(try comparison("Vier", "2024-02"))
        XCTAssertEqual(vierFebruari[0], .integer(1))
        assertPercent(vierFebruari[1], 5.0)
        // No group has a row for a month without data.
        XCTAssertNil(try comparison("Drie", "2024-01"))
    }

    func testComparisonOfTheSizeClasses() throws {
        try loadComparisonMonth()
        // 100.000 en meer: 394 (4,0 / 2,5), 518 (2,5 / 2,0), 363 (3,0 / 2,5); Groningen and Almere have no percentage.
        let groot = try XCTUnwrap(try comparison("100.000 en meer", "2024-03"))
        XCTAssertEqual(groot[0], .integer(3))
        assertPercent(groot[1], 3.0)
        assertPercent(groot[2], 9.5 / 3)
        assertPercent(groot[3], 2.5)
        assertPercent(groot[4], 7.0 / 3)
        XCTAssertEqual(groot[8], .text("grootteklasse"))
        let klein = try XCTUnwrap(try comparison("tot 50.000", "2024-03"))
        XCTAssertEqual(klein[0], .integer(1))
        assertPercent(klein[1], 2.0)
        assertPercent(klein[3], 3.0)
        let midden = try XCTUnwrap(try comparison("50.000 tot 100.000", "2024-03"))
        XCTAssertEqual(midden[0], .integer(1))
        assertPercent(midden[1], 1.0)
        // The members behind it, with the inhabitants that set the class.
        let leden = try query(
            """
            SELECT gemeentecode, instroom_pct, uitstroom_pct, inwoners FROM v_vergelijking_lid_maand
            WHERE groepsoort = 'grootteklasse' AND maand = '2024-03' ORDER BY gemeentecode
            """)
        XCTAssertEqual(leden.map { $0[0] }, [.text("GM0363"), .text("GM0394"), .text("GM0451"), .text("GM0518"), .text("GM1916")])
        XCTAssertEqual(leden.map { $0[3] }, [.integer(931_298), .integer(163_128), .integer(31_685), .integer(566_221), .integer(78_229)])
        assertPercent(leden[1][1], 4.0)
        assertPercent(leden[1][2], 2.5)
    }

    func testSizeClassUsesTheNearestYearOfInhabitantsAndTheEarlierOnATie() throws {
        // Uithoorn has CBS figures up to 2026 (32.204); these two years are made up for the test.
        try fixture.ingest("inwoners.csv", "gemeentecode;jaar;inwoners\nGM0451;2030;60000\nGM0451;2032;120000\n", kind: "inwoners")
        try fixture.ingest(
            "benchmark.csv",
            """
            gemeentecode;periode;regeling;lopend_begin;instroom;uitstroom;lopend_eind
            GM0451;2027-06;PW;200;4;6;198
            GM0451;2031-05;PW;200;4;6;198
            GM0451;2033-01;PW;200;4;6;198
            """)
        let classes = try query(
            "SELECT maand, groep, inwoners FROM v_vergelijking_lid_maand WHERE groepsoort = 'grootteklasse' ORDER BY maand")
        XCTAssertEqual(
            classes,
            [
                [.text("2027-06"), .text("tot 50.000"), .integer(32_204)],  // nearest: 2026
                [.text("2031-05"), .text("50.000 tot 100.000"), .integer(60_000)],  // 2030 and 2032 equally near: the earlier
                [.text("2033-01"), .text("100.000 en meer"), .integer(120_000)],  // nearest: 2032
            ])
    }
}
