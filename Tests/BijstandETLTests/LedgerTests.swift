import BijstandETL
import BijstandWarehouse
import GRDB
import TestSupport
import XCTest

/// The load ledger, history and rollback (contract.md: `batches`, `rollback`;
/// formats.md §1: "a newer delivery … replaces the older one, and the older
/// one stays in history"), and the built-in reference data.
final class LedgerTests: XCTestCase {
    private var fixture: WarehouseFixture!

    override func setUpWithError() throws {
        fixture = try WarehouseFixture()
    }

    override func tearDown() {
        fixture = nil
    }

    private let header = benchmarkHeader + ";uitstroom_werk"

    /// A benchmark delivery for GM0394 PW: one row per (month, stand_begin, instroom, uitstroom, werk).
    private func delivery(_ rows: [(String, Int, Int, Int, Int)]) -> String {
        header + "\n"
            + rows.map { maand, begin, instroom, uitstroom, werk in
                "GM0394;\(maand);PW;\(begin);\(instroom);\(uitstroom);\(begin + instroom - uitstroom);\(werk)"
            }.joined(separator: "\n") + "\n"
    }

    private func dumpFacts() throws -> [[DatabaseValue]] {
        try fixture.dump("SELECT * FROM fact_volume_maand ORDER BY gemeente_id, maand_id, regeling_id, bron_id, eenheid")
            + [[.null]]
            + fixture.dump(
                "SELECT * FROM fact_stroom_reden_maand ORDER BY gemeente_id, maand_id, regeling_id, bron_id, eenheid, richting, reden_id")
    }

    private func historyCount() throws -> Int {
        (try fixture.int("SELECT count(*) FROM hist_volume_maand") ?? -1)
            + (try fixture.int("SELECT count(*) FROM hist_stroom_reden_maand") ?? -1)
    }

    private func rollback(_ batch: Int64?) throws {
        let id = try XCTUnwrap(batch)
        try fixture.warehouse.database.write { try LoadLedger.rollback(batch: id, in: $0) }
    }

    // MARK: conservation

    func testEveryDataRowIsAccountedFor() throws {
        let text =
            benchmarkHeader + "\n"
            + "GM0394;2024-01;PW;2100;40;35;2105\n"  // 2 loaded
            + "GM0394;2024-02;PW;2105;abc;36;2110\n"  // 3 rejected: instroom
            + "\n"  // 4 empty
            + ";;;;;;\n"  // 5 empty (Excel)
            + "GM0394;2024-03;PW;2110;42;37;2115\n"  // 6 loaded
            + "GM0394;\"2024\"-04;PW;2115;43;38;2120\n"  // 7 rejected: misplaced quote
            + "GM0518;2024-01;PW;18000;500;450;18050\n"  // 8 loaded
        let result = try fixture.ingest("behoud.csv", text)
        assertCounts(result, read: 5, loaded: 3, rejected: 2)
        XCTAssertEqual(result.counts.emptyLines, 2)
        let batch = try XCTUnwrap(try fixture.batch(result.batch))
        XCTAssertEqual(batch.status, "geladen")
        XCTAssertEqual(batch.counts.read, 5, "five data rows were written")
        XCTAssertEqual(batch.counts.read, batch.counts.loaded + batch.counts.replaced + batch.counts.rejected)
        XCTAssertEqual(batch.counts.emptyLines, 2)
        XCTAssertEqual(try fixture.rejects(result.batch).map(\.line), [3, 7])
        XCTAssertEqual(try fixture.int("SELECT count(*) FROM fact_volume_maand WHERE batch_id = ?", [result.batch]), 3)
    }

    func testSameFileAgainIsRecognisedAndNotLoaded() throws {
        let text = delivery([("2024-01", 2100, 40, 10, 4), ("2024-02", 2130, 40, 10, 5)])
        let first = try fixture.ingest("levering.csv", text)
        assertCounts(first, read: 2, loaded: 2, rejected: 0)
        let batchesBefore = try fixture.int("SELECT count(*) FROM load_batch")
        let factsBefore = try dumpFacts()

        // The same content under the same name and under another name.
        for name in ["levering.csv", "kopie van levering.csv"] {
            let again = try fixture.ingest(name, text)
            XCTAssertEqual(again.outcome, .alreadyLoaded, name)
            XCTAssertEqual(again.batch, first.batch, name)
        }
        XCTAssertEqual(try fixture.int("SELECT count(*) FROM load_batch"), batchesBefore)
        XCTAssertEqual(try fixture.int("SELECT count(*) FROM load_batch WHERE soort = 'benchmark' AND status = 'geladen'"), 1)
        XCTAssertEqual(try dumpFacts(), factsBefore)
    }

    // MARK: history

    func testSecondDeliveryReplacesAndKeepsHistory() throws {
        let a = try fixture.ingest(
            "a.csv", delivery([("2024-01", 2100, 40, 10, 4), ("2024-02", 2130, 40, 10, 5), ("2024-03", 2160, 40, 10, 6)]))
        let b = try fixture.ingest(
            "b.csv", delivery([("2024-02", 2130, 45, 12, 7), ("2024-03", 2163, 41, 11, 8), ("2024-04", 2193, 40, 10, 5)]))
        assertCounts(b, read: 3, loaded: 1, replaced: 2, rejected: 0)
        let batchB = try fixture.batch(b.batch)
        XCTAssertEqual(batchB?.counts.replaced, 2)

        // Current figures: January from A, February–April from B (2130 + 45 − 12 = 2163).
        XCTAssertEqual(try fixture.volume("GM0394", "2024-01"), Volume(standBegin: 2100, instroom: 40, uitstroom: 10, standEind: 2130))
        XCTAssertEqual(try fixture.volume("GM0394", "2024-02"), Volume(standBegin: 2130, instroom: 45, uitstroom: 12, standEind: 2163))
        XCTAssertEqual(try fixture.int("SELECT batch FROM v_volume_maand WHERE maand = '2024-03'"), Int(b.batch!))

        // History: A's February and March, replaced by B.
        let history = try fixture.texts(
            """
            SELECT maand_id, stand_begin, instroom, uitstroom, stand_eind, batch_id, vervangen_door
            FROM hist_volume_maand ORDER BY maand_id
            """)
        let (ia, ib) = (String(a.batch!), String(b.batch!))
        XCTAssertEqual(
            history,
            [
                ["202402", "2130", "40", "10", "2160", ia, ib],
                ["202403", "2160", "40", "10", "2190", ia, ib],
            ])
        // A's reasons moved with them: werk 5 + onbekend 5, werk 6 + onbekend 4.
        let reasons = try fixture.texts(
            """
            SELECT h.maand_id, d.code, h.aantal, h.batch_id, h.vervangen_door FROM hist_stroom_reden_maand h
            JOIN dim_reden d ON d.reden_id = h.reden_id WHERE h.richting = 'uitstroom' ORDER BY h.maand_id, d.code
            """)
        XCTAssertEqual(
            reasons,
            [
                ["202402", "onbekend", "5", ia, ib],
                ["202402", "werk", "5", ia, ib],
                ["202403", "onbekend", "4", ia, ib],
                ["202403", "werk", "6", ia, ib],
            ])
        XCTAssertEqual(
            try fixture.int("SELECT aantal FROM v_uitstroom_reden_maand WHERE maand = '2024-02' AND reden = 'werk'"), 7)
        XCTAssertEqual(
            try fixture.int("SELECT count(*) FROM fact_stroom_reden_maand WHERE batch_id = ?", [a.batch]), 2,
            "only January's werk + onbekend of A are current")
    }

    // MARK: rollback

    func testRollbackRestoresThePreviousDeliveryExactly() throws {
        let a = try fixture.ingest(
            "a.csv", delivery([("2024-01", 2100, 40, 10, 4), ("2024-02", 2130, 40, 10, 5), ("2024-03", 2160, 40, 10, 6)]))
        let afterA = try dumpFacts()
        let b = try fixture.ingest(
            "b.csv", delivery([("2024-02", 2130, 45, 12, 7), ("2024-03", 2163, 41, 11, 8), ("2024-04", 2193, 40, 10, 5)]))
        XCTAssertNotEqual(try dumpFacts(), afterA)

        try rollback(b.batch)
        XCTAssertEqual(try dumpFacts(), afterA)
        XCTAssertEqual(try historyCount(), 0)
        XCTAssertEqual(try fixture.batch(b.batch)?.status, "teruggedraaid")
        XCTAssertEqual(try fixture.batch(a.batch)?.status, "geladen")

        // Rolling back the same load twice is refused.
        XCTAssertThrowsError(try rollback(b.batch)) { error in
            guard case RollbackError.notLoaded = error else { return XCTFail("\(error)") }
        }
    }

    func testRollbackInTheMiddleOfAChain() throws {
        let a = try fixture.ingest(
            "a.csv", delivery([("2024-01", 2100, 40, 10, 4), ("2024-02", 2130, 40, 10, 5), ("2024-03", 2160, 40, 10, 6)]))
        let afterA = try dumpFacts()
        let b = try fixture.ingest("b.csv", delivery([("2024-02", 2130, 45, 12, 7), ("2024-03", 2163, 41, 11, 8)]))
        let c = try fixture.ingest("c.csv", delivery([("2024-03", 2163, 50, 20, 9)]))
        assertCounts(c, read: 1, loaded: 0, replaced: 1, rejected: 0)

        try rollback(b.batch)
        // March is still C's (2163 + 50 − 20 = 2193); February is A's again; January never changed.
        XCTAssertEqual(try fixture.volume("GM0394", "2024-03"), Volume(standBegin: 2163, instroom: 50, uitstroom: 20, standEind: 2193))
        XCTAssertEqual(try fixture.int("SELECT batch FROM v_volume_maand WHERE maand = '2024-03'"), Int(c.batch!))
        XCTAssertEqual(try fixture.volume("GM0394", "2024-02"), Volume(standBegin: 2130, instroom: 40, uitstroom: 10, standEind: 2160))
        XCTAssertEqual(try fixture.int("SELECT batch FROM v_volume_maand WHERE maand = '2024-02'"), Int(a.batch!))
        XCTAssertEqual(try fixture.int("SELECT aantal FROM v_uitstroom_reden_maand WHERE maand = '2024-03' AND reden = 'werk'"), 9)
        XCTAssertEqual(
            try fixture.int("SELECT count(*) FROM hist_volume_maand WHERE batch_id = ? OR vervangen_door = ?", [b.batch, b.batch]), 0)

        try rollback(c.batch)
        XCTAssertEqual(try dumpFacts(), afterA, "with B and C undone, A is back exactly")
        XCTAssertEqual(try historyCount(), 0)
    }

    func testRollbackOfAnOlderLoadKeepsTheNewerDelivery() throws {
        let a = try fixture.ingest("a.csv", delivery([("2024-01", 2100, 40, 10, 4), ("2024-02", 2130, 40, 10, 5)]))
        let b = try fixture.ingest("b.csv", delivery([("2024-02", 2130, 45, 12, 7)]))
        try rollback(a.batch)
        // A's January goes; February is B's and stays; A's replaced February leaves history.
        XCTAssertNil(try fixture.volume("GM0394", "2024-01"))
        XCTAssertEqual(try fixture.volume("GM0394", "2024-02")?.instroom, 45)
        XCTAssertEqual(try historyCount(), 0)
        try rollback(b.batch)
        XCTAssertEqual(try fixture.factCount(), 0)
        XCTAssertEqual(try fixture.int("SELECT count(*) FROM fact_stroom_reden_maand"), 0)
    }

    func testRollbackOfReferenceDataOrAnUnknownBatchIsRefused() throws {
        let gemeentenBatch = try XCTUnwrap(
            try fixture.int("SELECT batch_id FROM load_batch WHERE soort = 'gemeenten' AND status = 'geladen'"))
        XCTAssertThrowsError(try rollback(Int64(gemeentenBatch))) { error in
            guard case RollbackError.referenceData = error else { return XCTFail("\(error)") }
        }
        XCTAssertEqual(try fixture.int("SELECT count(*) FROM dim_gemeente"), 834)
        XCTAssertEqual(try fixture.batch(Int64(gemeentenBatch))?.status, "geladen")
        XCTAssertThrowsError(try rollback(999)) { error in
            guard case RollbackError.unknownBatch(999) = error else { return XCTFail("\(error)") }
        }
    }

    func testSameFileCanBeLoadedAgainAfterRollback() throws {
        let text = delivery([("2024-01", 2100, 40, 10, 4), ("2024-02", 2130, 40, 10, 5)])
        let first = try fixture.ingest("levering.csv", text)
        try rollback(first.batch)
        XCTAssertEqual(try fixture.factCount(), 0)
        let again = try fixture.ingest("levering.csv", text)
        assertCounts(again, read: 2, loaded: 2, rejected: 0)
        XCTAssertNotEqual(again.batch, first.batch)
        XCTAssertEqual(try fixture.volume("GM0394", "2024-02"), Volume(standBegin: 2130, instroom: 40, uitstroom: 10, standEind: 2160))
        XCTAssertEqual(try fixture.int("SELECT count(*) FROM fact_volume_maand WHERE batch_id = ?", [again.batch]), 2)
    }

    // MARK: --strict

    func testStrictLoadWithOneBadRowStoresNothing() throws {
        let text =
            benchmarkHeader + "\n"
            + "GM0394;2024-01;PW;2100;40;35;2105\n"
            + "GM0394;2024-02;PW;2105;-3;36;2066\n"
            + "GM0394;2024-03;PW;2110;42;37;2115\n"
        let result = try fixture.ingest("streng.csv", text) { $0.strict = true }
        XCTAssertEqual(result.outcome, .failed)
        XCTAssertTrue(result.message?.contains("strict") ?? false, result.message ?? "")
        XCTAssertEqual(try fixture.factCount(), 0)
        XCTAssertEqual(result.firstRejects.map(\.line), [3])

        let batch = try XCTUnwrap(try fixture.batch(result.batch))
        XCTAssertEqual(batch.status, "mislukt")
        XCTAssertEqual(batch.counts.read, 3)
        XCTAssertEqual(batch.counts.loaded, 0)
        XCTAssertEqual(batch.counts.rejected, 1)
        let rejects = try fixture.rejects(result.batch)
        XCTAssertEqual(rejects.map(\.line), [3])
        XCTAssertEqual(rejects.first?.value, "-3")
        XCTAssertEqual(try fixture.int("SELECT count(*) FROM load_batch WHERE soort = 'benchmark' AND status = 'geladen'"), 0)

        // There is nothing to roll back.
        XCTAssertThrowsError(try rollback(result.batch)) { error in
            guard case RollbackError.notLoaded = error else { return XCTFail("\(error)") }
        }
        // A failed load does not count as loaded: without --strict the file goes in.
        let relaxed = try fixture.ingest("streng.csv", text)
        assertCounts(relaxed, read: 3, loaded: 2, rejected: 1)
    }

    // MARK: built-in reference data (Bron: CBS, /work/shared/data = etl/reference)

    func testBuiltInGemeenten() throws {
        // gemeenten.csv: 834 codes, 342 without geldig_tot (the gemeenten of 2026).
        XCTAssertEqual(try fixture.int("SELECT count(*) FROM dim_gemeente"), 834)
        XCTAssertEqual(try fixture.int("SELECT count(*) FROM dim_gemeente WHERE geldig_tot IS NULL"), 342)
        // GM0393 Haarlemmerliede en Spaarnwoude;Noord-Holland;1857-06-13;2019-01-01;GM0394
        XCTAssertEqual(
            try fixture.texts(
                "SELECT gemeentenaam, geldig_vanaf, geldig_tot, opgegaan_in_id FROM dim_gemeente WHERE gemeentecode = 'GM0393'"),
            [["Haarlemmerliede en Spaarnwoude", "1857-06-13", "2019-01-01", "394"]])
        // GM0457 Weesp;Noord-Holland;;2022-03-24;GM0363: not a 1 January.
        XCTAssertEqual(
            try fixture.texts("SELECT geldig_vanaf, geldig_tot, opgegaan_in_id FROM dim_gemeente WHERE gemeentecode = 'GM0457'"),
            [["NULL", "2022-03-24", "363"]])
        XCTAssertEqual(
            try fixture.texts("SELECT gemeentenaam FROM dim_gemeente WHERE gemeente_id = 518"), [["'s-Gravenhage"]])
    }

    func testBuiltInInwoners() throws {
        // inwoners.csv: GM0394;2019;154235, the figure the rekenkamer used (README of the data).
        XCTAssertEqual(try fixture.int("SELECT inwoners FROM fact_inwoners WHERE gemeente_id = 394 AND jaar = 2019"), 154_235)
        // 2775 rows in inwoners.csv, all distinct gemeente × jaar.
        XCTAssertEqual(try fixture.int("SELECT count(*) FROM fact_inwoners"), 2775)
    }

    func testHerindelingWeightsForASplitGemeente() throws {
        // herindelingen.csv, 2021-01-01: Haaren (GM0788) was split over four gemeenten:
        // GM0757 2149, GM0824 5827, GM0855 1442, GM0865 4900 inhabitants; total 14318.
        let rows = try fixture.dump(
            "SELECT nieuw_id, inwoners_overgegaan, aandeel FROM brug_herindeling WHERE datum = '2021-01-01' AND oud_id = 788 ORDER BY nieuw_id"
        )
        XCTAssertEqual(rows.map { Int.fromDatabaseValue($0[0]) }, [757, 824, 855, 865])
        let expected = [2149.0 / 14318, 5827.0 / 14318, 1442.0 / 14318, 4900.0 / 14318]
        for (row, weight) in zip(rows, expected) {
            XCTAssertEqual(Double.fromDatabaseValue(row[2]) ?? -1, weight, accuracy: 1e-12)
        }
        XCTAssertEqual(expected.reduce(0, +), 1, accuracy: 1e-12)
        // Every (datum, oud) sums to 1 over its successors.
        let worst = try fixture.warehouse.database.read { db in
            try Double.fetchOne(
                db, sql: "SELECT max(abs(s - 1.0)) FROM (SELECT sum(aandeel) AS s FROM brug_herindeling GROUP BY datum, oud_id)")
        }
        XCTAssertEqual(worst ?? 1, 0, accuracy: 1e-9)
        // 755 rows in herindelingen.csv, one of them a verbatim duplicate (2011-01-01;GM0333;GM0344).
        XCTAssertEqual(try fixture.int("SELECT count(*) FROM brug_herindeling"), 754)
        // Weesp went whole to Amsterdam on 2022-03-24.
        XCTAssertEqual(
            try fixture.texts("SELECT nieuw_id, aandeel FROM brug_herindeling WHERE oud_id = 457 AND datum = '2022-03-24'"),
            [["363", "1.0"]])
    }

    func testReferenceDataLoadsAreInTheLedgerAndConserved() throws {
        let rows = try fixture.texts(
            "SELECT soort, status, regels_gelezen, geladen + vervangen + afgewezen, afgewezen FROM load_batch ORDER BY batch_id")
        XCTAssertEqual(
            rows,
            [
                ["gemeenten", "geladen", "834", "834", "0"],
                ["herindelingen", "geladen", "755", "755", "0"],
                ["inwoners", "geladen", "2775", "2775", "0"],
            ])
    }
}
