import BijstandCore
import BijstandETL
import BijstandWarehouse
import GRDB
import TestSupport
import XCTest

/// `ingest budget`, `ingest lasten` and `ingest vangnet` (formats.md §2, §3): amounts exact to the cent,
/// versions replaced with history, v_buig_jaar.
final class BudgetIngestTests: XCTestCase {
    var fixture: WarehouseFixture!

    override func setUpWithError() throws {
        fixture = try WarehouseFixture()
    }

    private func cents(_ sql: String, _ arguments: StatementArguments = []) throws -> Int64? {
        try fixture.warehouse.database.read { try Int64.fetchOne($0, sql: sql, arguments: arguments) }
    }

    /// Every amount spelling of formats.md, worked out by hand to cents.
    func testLastenAmountsAreExactToTheCent() throws {
        let result = try fixture.ingest(
            "lasten.csv",
            """
            gemeentecode;periode;regeling;lasten;baten
            GM0518;2024-01;PW;€ 12.345.678,90;(1.234)
            GM0518;2024-02;PW;12345678.90;−46
            GM0518;2024-03;PW;"€ 201.159,38";0
            GM0518;2024-04;PW;1.660;-46
            GM0518;2024-05;LKS;1660,5;
            GM0518;2024-06;PW;12,3x;0
            GM0518;2024-07;PW;1,234;0
            """)
        XCTAssertEqual(result.outcome, .loaded)
        XCTAssertEqual(result.counts.read, 7)
        XCTAssertEqual(result.counts.loaded, 5)
        XCTAssertEqual(result.counts.rejected, 2)
        func row(_ maand: Int, _ regeling: Int = 1) throws -> (Int64?, Int64?) {
            try fixture.warehouse.database.read { db in
                let row = try Row.fetchOne(
                    db,
                    sql:
                        "SELECT lasten_cent, baten_cent FROM fact_buig_lasten_maand WHERE gemeente_id = 518 AND maand_id = ? AND regeling_id = ?",
                    arguments: [maand, regeling])
                return (row?[0], row?[1])
            }
        }
        XCTAssertEqual(try row(202401).0, 1_234_567_890)
        XCTAssertEqual(try row(202401).1, -123_400, "(1.234) is negative, thousands dot")
        XCTAssertEqual(try row(202402).0, 1_234_567_890)
        XCTAssertEqual(try row(202402).1, -4_600, "U+2212 minus")
        XCTAssertEqual(try row(202403).0, 20_115_938)
        XCTAssertEqual(try row(202404).0, 166_000, "a dot before three digits groups thousands")
        XCTAssertEqual(try row(202404).1, -4_600)
        XCTAssertEqual(try row(202405, 5).0, 166_050, "decimal comma; LKS is a cost line")
        XCTAssertEqual(try row(202405, 5).1, 0, "baten default 0")
        // 12,3x is no number; 1,234 (one comma: a decimal comma) has a third decimal, never rounded silently.
        let rejects = try fixture.rejects(result.batch)
        XCTAssertEqual(rejects.map(\.line), [7, 8])
        XCTAssertEqual(rejects.map(\.value), ["12,3x", "1,234"])
        XCTAssertTrue(rejects[0].column?.hasPrefix("lasten") ?? false)
        XCTAssertNil(try row(202407).0)
    }

    func testBudgetVersionsReplaceAndKeepHistory() throws {
        let first = try fixture.ingest(
            "budget-2024-v1.csv",
            """
            Jaar;Gemeentecode;Gemeentenaam;Versie;Bedrag;Bedrag LKS;Publicatiedatum
            2024;GM0518;'s-Gravenhage;Voorlopig budget 2024;€ 360.000.000,00;€ 12.000.000,00;2023-10-02
            2024;GM0394;Haarlemmermeer;voorlopig;€ 60.000.000,00;;2023-10-02
            """)
        XCTAssertEqual(first.counts.loaded, 2)
        let second = try fixture.ingest(
            "budget-2024-v2.csv",
            """
            jaar;gemeentecode;versie;bedrag;datum
            2024;GM0518;voorlopig;€ 361.500.000,00;2023-11-15
            2024;GM0518;nader-voorlopig;€ 365.000.000,00;2024-05-30
            """)
        XCTAssertEqual(second.counts.replaced, 1, "the re-issued voorlopig version replaces the first")
        XCTAssertEqual(second.counts.loaded, 1)
        XCTAssertEqual(
            try cents("SELECT bedrag_cent FROM fact_buig_budget WHERE gemeente_id = 518 AND versie = 'voorlopig'"), 36_150_000_000)
        XCTAssertEqual(
            try cents("SELECT bedrag_cent FROM hist_buig_budget WHERE gemeente_id = 518 AND versie = 'voorlopig'"), 36_000_000_000)
        XCTAssertEqual(
            try cents("SELECT vervangen_door FROM hist_buig_budget WHERE gemeente_id = 518"), second.batch,
            "history names the load that replaced it")
        // v_buig_jaar shows the newest version: nader voorlopig.
        let view = try fixture.warehouse.database.read { db in
            try Row.fetchOne(
                db, sql: "SELECT budget, budgetversie, netto_lasten FROM v_buig_jaar WHERE gemeentecode = 'GM0518' AND jaar = 2024")
        }
        XCTAssertEqual(view?["budgetversie"], "nader voorlopig")
        XCTAssertEqual(view?["budget"], 365_000_000.0)
        XCTAssertNil(view?["netto_lasten"] as Double?, "no lasten loaded yet")

        // Rolling the second load back restores the first voorlopig figure exactly.
        try fixture.warehouse.database.write { try LoadLedger.rollback(batch: second.batch!, in: $0) }
        XCTAssertEqual(
            try cents("SELECT bedrag_cent FROM fact_buig_budget WHERE gemeente_id = 518 AND versie = 'voorlopig'"), 36_000_000_000)
        XCTAssertEqual(try fixture.int("SELECT count(*) FROM fact_buig_budget WHERE gemeente_id = 518"), 1)
        XCTAssertEqual(try fixture.int("SELECT count(*) FROM hist_buig_budget"), 0)
    }

    func testBudgetRejectsWithReasons() throws {
        let result = try fixture.ingest(
            "budget.csv",
            """
            jaar;gemeentecode;versie;bedrag
            2024;GM0518;concept;€ 1,00
            2024;GM0518;definitief;veel
            24;GM0518;definitief;€ 1,00
            2024;GM0518;definitief;-1.000,00
            2024;GM0518;definitief;€ 2,00
            """)
        XCTAssertEqual(result.counts.read, 5)
        XCTAssertEqual(result.counts.rejected, 4)
        let rejects = try fixture.rejects(result.batch)
        XCTAssertEqual(rejects.map(\.line), [2, 3, 4, 6])
        XCTAssertTrue(rejects[0].column?.contains("versie") ?? false)
        XCTAssertTrue(rejects[1].reason.contains("veel"))
        XCTAssertTrue(rejects[3].reason.contains("line 5"), "a second row for the same version is a duplicate: \(rejects[3].reason)")
        // A negative amount is accepted as a correction, and flagged.
        XCTAssertEqual(try fixture.int("SELECT correctie FROM fact_buig_budget WHERE gemeente_id = 518 AND versie = 'definitief'"), 1)
        XCTAssertTrue(try fixture.warnings(result.batch).contains { $0.message.contains("correction") })
    }

    /// Den Haag 2017 (domain.md): budget 334 mln, netto uitgaven 380 mln → saldo −46 mln, −13,8%.
    func testViewShowsSaldoOfAYear() throws {
        try fixture.ingest(
            "budget.csv",
            """
            jaar;gemeentecode;versie;bedrag
            2017;GM0518;definitief;334.000.000
            """)
        var lines = ["gemeentecode;periode;regeling;lasten;baten"]
        // 12 months of 31.666.666,67 lasten − 0 baten would not add up to a whole 380 mln;
        // 11 months of 31.666.666,66 and December 31.666.666,74 do: 348.333.333,26 + 31.666.666,74 = 380.000.000,00.
        for month in 1...11 { lines.append("GM0518;2017-\(month < 10 ? "0" : "")\(month);PW;31.666.666,66;0") }
        lines.append("GM0518;2017-12;PW;31.666.666,74;0")
        try fixture.ingest("lasten.csv", lines.joined(separator: "\n"))
        let row = try fixture.warehouse.database.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM v_buig_jaar WHERE gemeentecode = 'GM0518' AND jaar = 2017")
        }
        XCTAssertEqual(row?["netto_lasten_cent"], 38_000_000_000 as Int64)
        XCTAssertEqual(row?["saldo_cent"], -4_600_000_000 as Int64)
        XCTAssertEqual(row?["saldo_pct"], -13.8)
        XCTAssertEqual(row?["maanden_lasten"], 12)
    }

    func testLastenReSentMonthReplacesAndRollsBack() throws {
        let first = try fixture.ingest(
            "lasten-1.csv", "gemeentecode;periode;regeling;lasten;baten\nGM0394;2024-03;PW;100,00;1,00\nGM0394;2024-04;PW;200,00;2,00")
        let second = try fixture.ingest("lasten-2.csv", "gemeentecode;periode;regeling;lasten;baten\nGM0394;2024-04;PW;250,00;2,50")
        XCTAssertEqual(second.counts.replaced, 1)
        XCTAssertEqual(try cents("SELECT lasten_cent FROM fact_buig_lasten_maand WHERE maand_id = 202404"), 25_000)
        XCTAssertEqual(try cents("SELECT lasten_cent FROM hist_buig_lasten_maand WHERE maand_id = 202404"), 20_000)
        try fixture.warehouse.database.write { try LoadLedger.rollback(batch: second.batch!, in: $0) }
        XCTAssertEqual(try cents("SELECT lasten_cent FROM fact_buig_lasten_maand WHERE maand_id = 202404"), 20_000)
        XCTAssertEqual(try cents("SELECT batch_id FROM fact_buig_lasten_maand WHERE maand_id = 202404"), first.batch)
    }

    func testVangnetParametersCanBeCorrected() throws {
        XCTAssertEqual(
            try fixture.int("SELECT count(*) FROM param_vangnet WHERE jaar = 2015 AND drempel_pct = 10"), 1,
            "domain.md: the threshold was 10% in 2015")
        XCTAssertEqual(
            try fixture.int("SELECT count(*) FROM param_vangnet WHERE jaar = 2024 AND drempel_pct = 7.5"), 1,
            "domain.md: 7,5% in recent years")
        let result = try fixture.ingest("vangnet.csv", "jaar;drempel_pct;bron\n2024;5,0;Gewijzigde regeling (test)")
        XCTAssertEqual(result.kind, "vangnet")
        XCTAssertEqual(result.counts.replaced, 1)
        let drempel = try fixture.warehouse.database.read {
            try Double.fetchOne($0, sql: "SELECT drempel_pct FROM param_vangnet WHERE jaar = 2024")
        }
        XCTAssertEqual(drempel, 5.0)
    }
}
