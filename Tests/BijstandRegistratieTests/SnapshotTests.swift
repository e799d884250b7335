import BijstandETL
import BijstandWarehouse
import GRDB
import TestSupport
import XCTest

/// Full-snapshot semantics per gemeente: unchanged, changed, new and missing
/// spells; history; rollback; several gemeenten in one file; trajecten.
final class SnapshotTests: XCTestCase {
    private var fixture: WarehouseFixture!

    override func setUpWithError() throws {
        fixture = try WarehouseFixture()
    }

    override func tearDown() {
        fixture = nil
    }

    private let header = "gemeentecode;dossiernummer;regeling;startdatum;einddatum;uitstroomreden;peildatum"

    private func first() throws -> IngestResult {
        try fixture.ingest(
            "snapshot-1.csv",
            """
            \(header)
            GM0394;1;PW;2018-01-01;;;2019-03-31
            GM0394;2;PW;2018-03-01;2019-01-31;11;2019-03-31
            GM0394;3;PW;2018-06-01;;;2019-03-31
            GM0394;4;IOAW;2017-01-01;;;2019-03-31
            """)
    }

    private let second = """
        gemeentecode;dossiernummer;regeling;startdatum;einddatum;uitstroomreden;peildatum
        GM0394;1;PW;2018-01-01;;;2019-04-30
        GM0394;2;PW;2018-03-01;2019-01-31;13;2019-04-30
        GM0394;4;IOAW;2017-01-01;;;2019-04-30
        GM0394;5;PW;2019-04-01;;;2019-04-30
        """

    /// Everything a snapshot determines, without the load's internal marker.
    private func state() throws -> [[DatabaseValue]] {
        try fixture.dump(
            """
            SELECT 'u', gemeente_id, dossiernummer, regeling_id, startdatum, einddatum, uitstroom_reden_id, batch_id, regel FROM fact_uitkering
            UNION ALL SELECT 'v', gemeente_id, maand_id, regeling_id, eenheid, stand_begin, instroom || '/' || uitstroom, stand_eind, status || batch_id
            FROM fact_volume_maand WHERE bron_id = 2
            UNION ALL SELECT 'r', gemeente_id, maand_id, regeling_id, eenheid, richting, reden_id, aantal, batch_id
            FROM fact_stroom_reden_maand WHERE bron_id = 2
            ORDER BY 1, 2, 3, 4, 5, 6
            """)
    }

    func testANewerSnapshotKeepsUnchangedReplacesChangedAndClosesMissingSpells() throws {
        let one = try first()
        assertLoad(one, read: 4, loaded: 4)
        XCTAssertEqual(
            try fixture.registratie("GM0394", "2019-03"), Stand(begin: 2, instroom: 0, uitstroom: 0, eind: 2, status: "voorlopig"))

        let two = try fixture.ingest("snapshot-2.csv", second)
        assertLoad(two, read: 4, loaded: 1, replaced: 3)
        let warnings = try fixture.warningTexts(two.batch)
        XCTAssertTrue(
            warnings.contains(
                "GM0394 Haarlemmermeer: 1 spell(s) of the previous snapshot are not in this one; they were closed into history (hist_uitkering, ontbreekt), e.g. dossier 3 PW from 2018-06-01"
            ),
            "\(warnings)")
        XCTAssertEqual(
            try fixture.dump("SELECT dossiernummer, batch_id FROM fact_uitkering ORDER BY dossiernummer"),
            values([["1", one.batch], ["2", two.batch], ["4", one.batch], ["5", two.batch]]))
        XCTAssertEqual(
            try fixture.dump(
                "SELECT dossiernummer, uitstroom_reden_id, batch_id, vervangen_door, historie_reden FROM hist_uitkering ORDER BY dossiernummer"
            ),
            values([["2", 111, one.batch, two.batch, "gewijzigd"], ["3", nil, one.batch, two.batch, "ontbreekt"]]))
        XCTAssertEqual(
            try fixture.dump(
                "SELECT nieuw, gewijzigd, ongewijzigd, ontbrekend, peildatum FROM load_snapshot WHERE batch_id = \(two.batch!)"),
            values([[1, 1, 2, 1, "2019-04-30"]]))
        // The figures are recomputed from the new snapshot: dossier 3 is no longer there, 2019-03 is now final.
        XCTAssertEqual(try fixture.registratie("GM0394", "2019-03"), Stand(begin: 1, instroom: 0, uitstroom: 0, eind: 1))
        XCTAssertEqual(
            try fixture.registratie("GM0394", "2019-04"), Stand(begin: 1, instroom: 1, uitstroom: 0, eind: 2, status: "voorlopig"))
        XCTAssertEqual(try fixture.uitstroomRedenen("GM0394", "2019-01"), ["13": 1])
        XCTAssertEqual(
            try fixture.int("SELECT count(*) FROM hist_volume_maand WHERE bron_id = 2 AND vervangen_door = ?", [two.batch]),
            try fixture.int("SELECT count(*) FROM hist_volume_maand WHERE bron_id = 2"))
    }

    func testRollbackRestoresThePreviousSnapshotAndOnlyTheLatestCanBeRolledBack() throws {
        let one = try first()
        let afterFirst = try state()
        let two = try fixture.ingest("snapshot-2.csv", second)
        XCTAssertNotEqual(try state(), afterFirst)
        XCTAssertThrowsError(try fixture.rollback(one.batch)) { error in
            XCTAssertTrue("\(error)".contains("a later snapshot of the same gemeente was loaded after this one"), "\(error)")
        }
        try fixture.rollback(two.batch)
        XCTAssertEqual(try state(), afterFirst)
        XCTAssertEqual(try fixture.int("SELECT count(*) FROM hist_uitkering"), 0)
        XCTAssertEqual(try fixture.int("SELECT count(*) FROM hist_volume_maand WHERE bron_id = 2"), 0)
        // Now the first is the latest, and it can go too: nothing of it is left.
        try fixture.rollback(one.batch)
        XCTAssertEqual(try fixture.int("SELECT count(*) FROM fact_uitkering"), 0)
        XCTAssertEqual(try fixture.int("SELECT count(*) FROM fact_volume_maand WHERE bron_id = 2"), 0)
        // The same content can be loaded again after a rollback.
        assertLoad(try fixture.ingest("snapshot-2.csv", second), read: 4, loaded: 4)
    }

    func testEachGemeenteOfAFileIsItsOwnSnapshot() throws {
        _ = try fixture.ingest(
            "twee.csv",
            "\(header)\nGM0394;1;PW;2018-01-01;;;2019-03-31\nGM0363;1;PW;2018-01-01;;;2019-03-31\nGM0363;2;PW;2018-02-01;;;2019-03-31\n")
        let only394 = try fixture.ingest("394.csv", "\(header)\nGM0394;7;PW;2019-01-01;;;2019-03-31\n")
        assertLoad(only394, read: 1, loaded: 1)
        XCTAssertEqual(
            try fixture.strings("SELECT gemeentecode || ':' || dossiernummer FROM v_uitkering ORDER BY 1"),
            ["GM0363:1", "GM0363:2", "GM0394:7"])
        XCTAssertEqual(try fixture.registratie("GM0363", "2019-03")?.eind, 2)
        XCTAssertEqual(try fixture.registratie("GM0394", "2019-03")?.eind, 1)
    }

    func testARejectedRowKeepsItsStoredSpell() throws {
        _ = try first()
        let text =
            "\(header)\nGM0394;1;PW;2018-01-01;31-02-2019;;2019-04-30\nGM0394;2;PW;2018-03-01;2019-01-31;11;2019-04-30\nGM0394;3;PW;2018-06-01;;;2019-04-30\nGM0394;4;IOAW;2017-01-01;;;2019-04-30\n"
        let result = try fixture.ingest("snapshot-3.csv", text)
        assertLoad(result, read: 4, loaded: 0, replaced: 3, rejected: 1)
        XCTAssertEqual(try fixture.int("SELECT count(*) FROM fact_uitkering"), 4)
        XCTAssertEqual(try fixture.int("SELECT count(*) FROM hist_uitkering"), 0)
        XCTAssertTrue(
            try fixture.warningTexts(result.batch).contains {
                $0.hasPrefix("1 rejected row(s) name a spell of the previous snapshot; that spell was kept as it was")
            })
    }

    func testTrajectenAreSnapshotsJoinedByDossierBSNOrClient() throws {
        let bsn = TestBSN.valid(31)
        _ = try fixture.ingest("spells.csv", "gemeentecode;dossiernummer;bsn;startdatum\nGM0394;D1;\(bsn);2019-01-01\n")
        let text = """
            gemeentecode;dossiernummer;bsn;client_id;voorziening;aanbieder;startdatum;einddatum;resultaat;kosten
            GM0394;D1;;;WEP;Werkbedrijf;2019-02-01;2019-07-31;uitstroom naar werk;€ 1.250,50
            GM0394;;\(bsn);;Jobcoach;;2019-03-01;;lopend;
            GM0394;;;K77;Taalcursus;;2019-03-01;;onbekend resultaat;
            GM0394;;;;scholing;;2019-03-01;;;
            """
        let result = try fixture.ingest("trajecten.csv", text)
        assertLoad(result, read: 4, loaded: 3, rejected: 1)
        XCTAssertEqual(
            try fixture.strings(
                "SELECT instrument || '|' || coalesce(resultaat, '∅') || '|' || coalesce(kosten_cent, '∅') FROM v_traject ORDER BY instrument"
            ),
            ["jobcoaching|lopend|∅", "taalcursus|∅|∅", "werkervaringsplek|werk|125050"])
        XCTAssertEqual(
            try fixture.rejectRows(result.batch).first?.reason, "a traject needs a dossiernummer, bsn or client_id to join it to its client"
        )
        // The traject found by BSN carries the spell's pseudonym; the raw number is nowhere.
        XCTAssertEqual(
            try fixture.strings("SELECT t.persoon FROM v_traject t JOIN v_uitkering u ON u.persoon = t.persoon"),
            try fixture.strings("SELECT persoon FROM v_uitkering"))
        let again = try fixture.ingest("trajecten-2.csv", text.components(separatedBy: "\n").prefix(2).joined(separator: "\n"))
        assertLoad(again, read: 1, loaded: 0, replaced: 1)
        XCTAssertEqual(try fixture.int("SELECT count(*) FROM hist_traject WHERE historie_reden = 'ontbreekt'"), 2)
        try fixture.rollback(again.batch)
        XCTAssertEqual(try fixture.int("SELECT count(*) FROM fact_traject"), 3)
    }
}

/// Rows of expected values as the database returns them.
func values(_ rows: [[(any DatabaseValueConvertible)?]]) -> [[DatabaseValue]] {
    rows.map { $0.map { $0?.databaseValue ?? .null } }
}
