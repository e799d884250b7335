import BijstandETL
import BijstandWarehouse
import Foundation
import GRDB
import TestSupport
import XCTest

/// The speed-ups of large loads change how rows go in, never what is stored:
/// indexes dropped for a large load come back exactly as defined (also when
/// the load fails), the schema fingerprint only skips work that would change
/// nothing, and the code lists written as OR chains still refuse other values.
final class BulkLoadTests: XCTestCase {
    /// A benchmark file of every current gemeente for `years`, four regelingen, with reasons.
    private func nationalFile(years: ClosedRange<Int>, codes: [String], overig: Int = 1, extra: String = "") -> String {
        var text = "gemeentecode;periode;regeling;lopend_begin;instroom;uitstroom;lopend_eind;uitstroom_werk;uitstroom_overig\n"
        for (index, code) in codes.enumerated() {
            for year in years {
                for month in 1...12 {
                    for (r, regeling) in ["PW", "IOAW", "IOAZ", "BBZ"].enumerated() {
                        let begin = (index * 31 + month * 7 + r) % 5000 + 10
                        let instroom = (index + month) % 20
                        // At least 4, so werk (a quarter) and overig (at most 2) fit inside it.
                        let uitstroom = (index + r) % 9 + 4
                        let maand = "\(year)-\(month < 10 ? "0" : "")\(month)"
                        text +=
                            "\(code);\(maand);\(regeling);\(begin);\(instroom);\(uitstroom);\(begin + instroom - uitstroom);\(uitstroom / 4);\(overig)\n"
                    }
                }
            }
        }
        return text + extra
    }

    private func indexes(_ fixture: WarehouseFixture) throws -> [[DatabaseValue]] {
        try fixture.dump("SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY name")
    }

    private func currentCodes(_ fixture: WarehouseFixture) throws -> [String] {
        try fixture.warehouse.database.read { db in
            try String.fetchAll(
                db,
                sql:
                    "SELECT gemeentecode FROM dim_gemeente WHERE geldig_tot IS NULL AND coalesce(geldig_vanaf, '') <= '2019-01-01' ORDER BY 1"
            )
        }
    }

    func testALargeLoadBuildsTheIndexesAgainExactlyAsDefined() throws {
        let fixture = try WarehouseFixture()
        let before = try indexes(fixture)
        XCTAssertTrue(before.contains { $0[0] == "fact_volume_maand_maand".databaseValue })
        let codes = try currentCodes(fixture)
        let text = nationalFile(years: 2020...2021, codes: codes)
        let bytes = Int64(text.utf8.count)
        // The file is large in itself and against the warehouse: this load drops and rebuilds.
        XCTAssertTrue(try fixture.warehouse.database.read { try BulkIndexes.pays(fileBytes: bytes, in: $0) })

        let settings = "SELECT * FROM pragma_threads, pragma_cache_size"
        let settingsBefore = try fixture.dump(settings)
        let result = try fixture.ingest("national.csv", text, kind: "benchmark")
        XCTAssertEqual(result.counts.loaded, codes.count * 24 * 4)
        XCTAssertEqual(result.counts.rejected, 0)
        XCTAssertEqual(try indexes(fixture), before, "every index is back, with its own definition")
        XCTAssertEqual(try fixture.dump(settings), settingsBefore, "the sorting threads and the small cache were for the rebuild only")
        XCTAssertEqual(try fixture.dump("PRAGMA integrity_check"), [["ok".databaseValue]], "the rebuilt indexes hold every row")
        // The rebuilt month index answers a month query the way the table does.
        let plan = try fixture.dump(
            "EXPLAIN QUERY PLAN SELECT count(*) FROM fact_volume_maand WHERE maand_id = 202107 AND regeling_id = 1"
        ).map { "\($0.last!)" }.joined()
        XCTAssertTrue(plan.contains("fact_volume_maand_maand"), plan)
        XCTAssertEqual(try fixture.int("SELECT count(*) FROM fact_volume_maand WHERE maand_id = 202107 AND regeling_id = 1"), codes.count)
        XCTAssertEqual(try fixture.int("SELECT count(*) FROM fact_volume_maand WHERE +batch_id = ?", [result.batch!]), codes.count * 96)
        XCTAssertEqual(try fixture.int("SELECT count(*) FROM fact_volume_maand WHERE batch_id = ?", [result.batch!]), codes.count * 96)

        // A second large delivery of the same months replaces every row, through the
        // insert that finds its key taken; the replaced rows and their reasons go to history.
        let again = nationalFile(years: 2021...2021, codes: codes, overig: 2)
        let second = try fixture.ingest("national-2021.csv", again, kind: "benchmark")
        XCTAssertEqual(second.counts.replaced, codes.count * 48)
        XCTAssertEqual(second.counts.loaded, 0)
        XCTAssertEqual(
            try fixture.int("SELECT count(*) FROM hist_volume_maand WHERE vervangen_door = ?", [second.batch!]), codes.count * 48)
        XCTAssertEqual(
            try fixture.int(
                "SELECT sum(aantal) FROM fact_stroom_reden_maand r JOIN dim_reden d USING (reden_id) WHERE d.code = 'overig' AND maand_id >= 202101"
            ),
            codes.count * 48 * 2, "the new deliveries' reasons replaced the old ones")
        XCTAssertEqual(try indexes(fixture), before)
        XCTAssertEqual(try fixture.dump("PRAGMA integrity_check"), [["ok".databaseValue]])
    }

    func testAFailedLargeLoadLeavesEveryIndexAndNoRow() throws {
        let fixture = try WarehouseFixture()
        let before = try indexes(fixture)
        let codes = try currentCodes(fixture)
        // The last row is bad and --strict is given: the whole load goes, the dropped indexes come back.
        let text = nationalFile(years: 2020...2021, codes: codes, extra: "GM0394;2022-01;PW;10;x;1;10;0;0\n")
        XCTAssertTrue(try fixture.warehouse.database.read { try BulkIndexes.pays(fileBytes: Int64(text.utf8.count), in: $0) })
        let result = try fixture.ingest("national.csv", text, kind: "benchmark") { $0.strict = true }
        XCTAssertEqual(result.outcome, .failed)
        XCTAssertEqual(try fixture.int("SELECT count(*) FROM fact_volume_maand"), 0)
        XCTAssertEqual(try fixture.int("SELECT count(*) FROM fact_stroom_reden_maand"), 0)
        XCTAssertEqual(try indexes(fixture), before)
        XCTAssertEqual(try fixture.dump("PRAGMA integrity_check"), [["ok".databaseValue]])
    }

    func testRebuildingPaysOnlyForAFileLargeAgainstTheWarehouse() throws {
        let queue = try DatabaseQueue()
        try queue.write { db in
            try db.execute(sql: "CREATE TABLE ballast (x BLOB)")
            try db.execute(sql: "INSERT INTO ballast VALUES (zeroblob(20 * 1024 * 1024))")
        }
        try queue.read { db in
            XCTAssertFalse(try BulkIndexes.pays(fileBytes: 100_000, in: db), "a small file never rebuilds")
            XCTAssertFalse(try BulkIndexes.pays(fileBytes: 5 << 20, in: db), "5 MB into a 20 MB warehouse: row by row")
            XCTAssertTrue(try BulkIndexes.pays(fileBytes: 15 << 20, in: db), "15 MB into a 20 MB warehouse: rebuild")
        }
    }

    func testCommandsSkipMigrateOnlyWhenTheSchemaIsThisProgramsOwn() throws {
        let fixture = try WarehouseFixture()
        let warehouse = fixture.warehouse
        XCTAssertEqual(try fixture.int("PRAGMA user_version"), Int(Schema.fingerprint))
        XCTAssertTrue(try warehouse.isCurrent())

        // Current: a plain migrate changes nothing, not even a dropped view; `init` (forced) recreates it.
        try warehouse.database.write { try $0.execute(sql: "DROP VIEW v_volume_maand") }
        try warehouse.migrate()
        XCTAssertEqual(try fixture.int("SELECT count(*) FROM sqlite_master WHERE name = 'v_volume_maand'"), 0)
        try warehouse.migrate(force: true)
        XCTAssertEqual(try fixture.int("SELECT count(*) FROM sqlite_master WHERE name = 'v_volume_maand'"), 1)

        // Made by another version of the program (another fingerprint): any command brings it up to date.
        try warehouse.database.write { db in
            try db.execute(sql: "DROP VIEW v_volume_maand")
            try db.execute(sql: "PRAGMA user_version = 7")
        }
        XCTAssertFalse(try warehouse.isCurrent())
        try warehouse.requireInitialised()
        XCTAssertEqual(try fixture.int("SELECT count(*) FROM sqlite_master WHERE name = 'v_volume_maand'"), 1)
        XCTAssertEqual(try fixture.int("PRAGMA user_version"), Int(Schema.fingerprint))
    }

    func testCodeListsStillRefuseOtherValues() throws {
        let fixture = try WarehouseFixture()
        let batch = try XCTUnwrap(
            fixture.ingest(
                "b.csv", "gemeentecode;periode;regeling;lopend_begin;instroom;uitstroom;lopend_eind\nGM0394;2024-01;PW;10;1;1;10\n"
            ).batch)
        let attempts = [
            "UPDATE fact_volume_maand SET eenheid = 'personen ' WHERE batch_id = \(batch)",
            "UPDATE fact_volume_maand SET status = 'Definitief' WHERE batch_id = \(batch)",
            "INSERT INTO fact_stroom_reden_maand VALUES (394, 202401, 1, 1, 'uitkeringen', 'beide', 1, 1, \(batch))",
            "UPDATE load_batch SET status = 'klaar' WHERE batch_id = \(batch)",
            "INSERT INTO fact_buig_budget (gemeente_id, jaar, versie, versie_rang, bedrag_cent, batch_id) VALUES (394, 2024, 'voorlopig ', 1, 1, \(batch))",
        ]
        for sql in attempts {
            XCTAssertThrowsError(try fixture.warehouse.database.write { try $0.execute(sql: sql) }, sql) { error in
                XCTAssertEqual((error as? DatabaseError)?.resultCode, .SQLITE_CONSTRAINT, "\(error)")
            }
        }
        // The dictionary still reads the code lists from the OR chains.
        let dictionary = try XCTUnwrap(fixture.warehouse.database.read { try DataDictionary.stored(in: $0) })
        let eenheid = try XCTUnwrap(dictionary.object(named: "fact_volume_maand")?.columns.first { $0.name == "eenheid" })
        XCTAssertEqual(eenheid.codes, ["uitkeringen", "personen", "dossiers"])
    }

    /// `agg_volume_maand` is derived: after loads, a replacing load and rollbacks it equals
    /// the sums over the fact table, worked out here by another query.
    func testTheMonthlySumsFollowEveryLoadAndRollback() throws {
        let fixture = try WarehouseFixture()
        let expected = """
            SELECT gemeente_id, maand_id, count(*), sum(stand_begin), min(stand_begin IS NOT NULL), sum(instroom), sum(uitstroom), sum(stand_eind)
            FROM fact_volume_maand WHERE bron_id = 1 AND regeling_id <> 5 GROUP BY 1, 2 ORDER BY 1, 2
            """
        let stored = "SELECT * FROM agg_volume_maand ORDER BY 1, 2"
        let header = "gemeentecode;periode;regeling;lopend_begin;instroom;uitstroom;lopend_eind\n"
        let first = try fixture.ingest(
            "a.csv",
            header
                + "GM0394;2024-01;PW;100;10;5;105\nGM0394;2024-01;IOAW;20;1;1;20\nGM0394;2024-02;PW;105;3;4;104\nGM0014;2024-01;BBZ;;2;1;7\n"
        )
        XCTAssertEqual(try fixture.dump(stored), try fixture.dump(expected))
        // By hand: GM0394 2024-01 is PW + IOAW: begin 120, instroom 11, uitstroom 6, eind 125, both stands delivered.
        XCTAssertEqual(
            try fixture.dump(
                "SELECT regelingen, stand_begin, begin_compleet, instroom, uitstroom, stand_eind FROM agg_volume_maand WHERE gemeente_id = 394 AND maand_id = 202401"
            ),
            [[2, 120, 1, 11, 6, 125].map { $0.databaseValue }])
        // GM0014's BBZ row has no starting stand: not complete, and its sum is NULL.
        XCTAssertEqual(
            try fixture.dump("SELECT stand_begin IS NULL, begin_compleet FROM agg_volume_maand WHERE gemeente_id = 14"),
            [[1, 0].map { $0.databaseValue }])

        // 2024-02 gains IOAW beside the stored PW row (no replacement): summed again from the facts.
        let second = try fixture.ingest(
            "b.csv", header + "GM0394;2024-01;PW;100;12;5;107\nGM0394;2024-03;PW;104;1;1;104\nGM0394;2024-02;IOAW;10;1;0;11\n")
        XCTAssertEqual(second.counts.replaced, 1)
        XCTAssertEqual(try fixture.int("SELECT instroom FROM agg_volume_maand WHERE gemeente_id = 394 AND maand_id = 202401"), 13)
        // By hand: PW 105;3;4;104 plus IOAW 10;1;0;11.
        XCTAssertEqual(
            try fixture.dump(
                "SELECT regelingen, stand_begin, begin_compleet, instroom, uitstroom, stand_eind FROM agg_volume_maand WHERE gemeente_id = 394 AND maand_id = 202402"
            ),
            [[2, 115, 1, 4, 4, 115].map { $0.databaseValue }])
        XCTAssertEqual(try fixture.dump(stored), try fixture.dump(expected))

        // Registrations (bron registratie) do not count in the benchmark sums.
        try fixture.ingest(
            "u.csv",
            "gemeentecode;dossiernummer;regeling;startdatum;einddatum\nGM0394;D1;PW;2024-01-05;\nGM0394;D2;PW;2024-01-09;2024-02-10\n",
            kind: "uitkeringen")
        XCTAssertGreaterThan(try fixture.int("SELECT count(*) FROM fact_volume_maand WHERE bron_id = 2") ?? 0, 0)
        XCTAssertEqual(try fixture.dump(stored), try fixture.dump(expected))

        try fixture.warehouse.database.write { try LoadLedger.rollback(batch: second.batch!, in: $0) }
        XCTAssertEqual(try fixture.int("SELECT instroom FROM agg_volume_maand WHERE gemeente_id = 394 AND maand_id = 202401"), 11)
        XCTAssertEqual(try fixture.int("SELECT count(*) FROM agg_volume_maand WHERE maand_id = 202403"), 0)
        XCTAssertEqual(try fixture.dump(stored), try fixture.dump(expected))
        try fixture.warehouse.database.write { try LoadLedger.rollback(batch: first.batch!, in: $0) }
        XCTAssertEqual(try fixture.int("SELECT count(*) FROM agg_volume_maand"), 0)
    }
}
