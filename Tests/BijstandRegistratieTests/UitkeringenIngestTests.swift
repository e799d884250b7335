import BijstandETL
import BijstandQuery
import BijstandWarehouse
import GRDB
import TestSupport
import XCTest

/// `ingest uitkeringen` (formats.md §4): fields, reasons, attributes, rejects.
final class UitkeringenIngestTests: XCTestCase {
    private var fixture: WarehouseFixture!

    override func setUpWithError() throws {
        fixture = try WarehouseFixture()
    }

    override func tearDown() {
        fixture = nil
    }

    func testSpellsWithBUSCodesLabelsAndAttributes() throws {
        let text = """
            gemeentecode;dossiernummer;client_id;regeling;ingangsdatum;beeindigingsdatum;instroomreden;reden beeindiging;personen;geboortedatum;geslacht;leefvorm;categorie;statushouder
            GM0394;D1;K1;01;2018-05-01;;einde WW;;1;04-03-1990;M;1;A;nee
            0394;D2;K2;Participatiewet;15-06-2018;31-03-2019;;11;2;1985-01-01;V;3;categorie B;ja
            394;D3;;IOAW;2017-01-01;28-02-2019;;Werk gevonden;1;;x;eenoudergezin;;
            GM0394;D4;;14;2019-01-01;2019-01-31;;13 inkomsten uit zelfstandig beroep;1;;;;;
            GM0394;D5;;PW;2019-02-01;2019-02-28;Echtscheiding;Baan bij de buren;1;;onzin;;E;misschien
            """
        let result = try fixture.ingest("spells.csv", text)
        assertLoad(result, read: 5, loaded: 5)
        let rows = try fixture.dump(
            """
            SELECT dossiernummer, persoon, regeling, startdatum, einddatum, uitstroomreden, uitstroomreden_groep, instroomreden,
                   personen, geboortejaar, leeftijdsklasse, geslacht, huishouden, categorie, statushouder
            FROM v_uitkering ORDER BY dossiernummer
            """)
        XCTAssertEqual(rows.count, 5)
        func row(_ index: Int) -> [String] {
            rows[index].map { String.fromDatabaseValue($0) ?? Int64.fromDatabaseValue($0).map(String.init) ?? "∅" }
        }
        // Age at 1 May 2018 of someone born 4 March 1990: 28.
        XCTAssertEqual(
            row(0), ["D1", "K1", "PW", "2018-05-01", "∅", "∅", "∅", "einde_ww", "1", "1990", "27 tot 45", "man", "alleenstaande", "A", "0"])
        XCTAssertEqual(
            row(1),
            [
                "D2", "K2", "PW", "2018-06-15", "2019-03-31", "11", "werk", "onbekend", "2", "1985", "27 tot 45", "vrouw",
                "gehuwden en samenwonenden", "B", "1",
            ])
        XCTAssertEqual(
            row(2),
            [
                "D3", "∅", "IOAW", "2017-01-01", "2019-02-28", "werk", "werk", "onbekend", "1", "∅", "∅", "anders", "alleenstaande ouder",
                "∅", "∅",
            ])
        XCTAssertEqual(row(3), ["D4", "∅", "BBZ", "2019-01-01", "2019-01-31", "13", "werk", "onbekend", "1", "∅", "∅", "∅", "∅", "∅", "∅"])
        XCTAssertEqual(row(4)[5...7], ["onbekend", "onbekend", "scheiding"])
        // The full birth date is never stored.
        XCTAssertEqual(try fixture.strings("SELECT name FROM pragma_table_info('fact_uitkering') WHERE name LIKE '%geboortedatum%'"), [])
        let warnings = try fixture.warningTexts(result.batch).joined(separator: "\n")
        XCTAssertTrue(warnings.contains("'Baan bij de buren' (1×, first on line 6)"), warnings)
        XCTAssertTrue(warnings.contains("geslacht were not recognised ('onzin')"), warnings)
        XCTAssertTrue(warnings.contains("categorie were not recognised ('E')"), warnings)
        XCTAssertTrue(warnings.contains("statushouder were not recognised ('misschien')"), warnings)
        XCTAssertEqual(
            try fixture.strings("SELECT uitstroom_reden_label FROM fact_uitkering WHERE uitstroom_reden_label IS NOT NULL"),
            ["Baan bij de buren"])
    }

    /// Overlapping spells of one dossier and regeling are found in the same pass that adds up
    /// the flows. Worked out by hand: D1 PW's third spell starts on the day the second ends
    /// (it ran through that day), D2 IOAW's second, third and fourth start while the first
    /// still runs (the fourth after the peildatum, which counts too), and D2's PW spell is
    /// another regeling. So 4 spells, the first of them in dossier D1; `check` says the same.
    func testALoadCountsSpellsThatStartWhileAnEarlierOneRuns() throws {
        let text = """
            gemeentecode;dossiernummer;regeling;startdatum;einddatum
            GM0394;D2;IOAW;2019-05-01;2019-06-01
            GM0394;D1;PW;2020-07-01;2020-12-31
            GM0394;D1;PW;2020-01-01;2020-06-30
            GM0394;D2;IOAW;2019-01-01;
            GM0394;D1;PW;2020-12-31;
            GM0394;D2;PW;2019-02-01;
            GM0394;D2;IOAW;2022-01-01;
            GM0394;D2;IOAW;2040-01-01;
            """
        let result = try fixture.ingest("overlap.csv", text, kind: "uitkeringen")
        assertLoad(result, read: 8, loaded: 8)
        let warnings = try fixture.warningTexts(result.batch).joined(separator: "\n")
        XCTAssertTrue(
            warnings.contains("4 spell(s) start while an earlier spell of the same dossier and regeling still runs (e.g. dossier D1)"),
            warnings)
        let found = try fixture.warehouse.database.read { try Bevindingen.zoek(Bevindingen.Opties(), in: $0) }
        XCTAssertEqual(
            found.filter { $0.soort == Bevindingen.Soort.overlappendeUitkering.rawValue }.map(\.detail).first?.hasPrefix("4 spell(s)"),
            true,
            "\(found)")
    }

    func testRejectsSayWhyAndNeverShowABSN() throws {
        let good = TestBSN.valid(1)
        let bad = TestBSN.invalid(2)
        let text = """
            \(spellHeader)
            GM0394;1;\(good);PW;2019-01-01;;;1
            GM0394;2;\(bad);PW;2019-01-01;;;1
            GM0394;3;12AB;PW;2019-01-01;;;1
            GM0394;;\(TestBSN.valid(3));PW;2019-01-01;;;1
            GM0394;5;\(TestBSN.valid(4));PW;2019-03-01;2019-02-01;;1
            GM0394;6;\(TestBSN.valid(5));LKS;2019-01-01;;;1
            GM0394;7;\(TestBSN.valid(6));PW;2019-01-01;;;3
            GM0394;1;\(good);PW;2019-01-01;;;1
            GM9999;8;\(TestBSN.valid(7));PW;2019-01-01;;;1
            """
        let result = try fixture.ingest("rejects.csv", text)
        assertLoad(result, read: 9, loaded: 1, rejected: 8)
        let rejects = try fixture.rejectRows(result.batch)
        XCTAssertEqual(rejects.map(\.line), [3, 4, 5, 6, 7, 8, 9, 10])
        XCTAssertEqual(rejects[0].reason, "column bsn does not pass the elfproef (the value is not shown)")
        XCTAssertEqual(rejects[0].value, "*********")
        XCTAssertEqual(rejects[0].column, "bsn (kolom 3)")
        XCTAssertEqual(rejects[0].rawLine, "GM0394;2;*********;PW;2019-01-01;;;1")
        XCTAssertTrue(rejects[1].reason.hasPrefix("column bsn is not a number of 9 digits"))
        XCTAssertEqual(rejects[2].reason, "the dossiernummer is missing")
        XCTAssertEqual(rejects[3].reason, "the einddatum 2019-02-01 lies before the startdatum 2019-03-01")
        XCTAssertTrue(rejects[4].reason.hasPrefix("LKS is a wage-cost subsidy"))
        XCTAssertTrue(rejects[5].reason.hasPrefix("personen must be 1 or 2"))
        XCTAssertEqual(rejects[6].reason, "dossier 1 PW from 2019-01-01 already occurs on line 2 in this file")
        XCTAssertEqual(rejects[7].reason, "GM9999 is not a gemeente code CBS has used")
        for reject in rejects {
            let stored = [reject.value, reject.reason, reject.rawLine].compactMap { $0 }.joined(separator: " ")
            for n in 1...7 { XCTAssertFalse(stored.contains(TestBSN.valid(n)), "line \(reject.line): \(stored)") }
            XCTAssertFalse(stored.contains(bad))
        }
    }

    func testAFileWithoutGemeenteNeedsTheOption() throws {
        let text = "dossiernummer;startdatum;einddatum\nA;2019-01-01;\nB;2019-02-01;2019-03-31\n"
        XCTAssertThrowsError(try fixture.ingest("zonder.csv", text, kind: "uitkeringen")) { error in
            XCTAssertTrue("\(error)".contains("--gemeente"), "\(error)")
        }
        let result = try fixture.ingest("zonder.csv", text, kind: "uitkeringen") { $0.gemeente = "Haarlemmermeer" }
        assertLoad(result, read: 2, loaded: 2)
        XCTAssertEqual(try fixture.strings("SELECT DISTINCT gemeentecode FROM v_uitkering"), ["GM0394"])
    }

    func testKindIsDetectedFromTheHeader() throws {
        let result = try fixture.ingest("auto.csv", "\(spellHeader)\nGM0394;1;;PW;2019-01-01;;;1\n")
        XCTAssertEqual(result.kind, "uitkeringen")
        let trajecten = try fixture.ingest(
            "auto-t.csv", "gemeentecode;dossiernummer;instrument;startdatum;einddatum\nGM0394;1;WEP;2019-02-01;\n")
        XCTAssertEqual(trajecten.kind, "trajecten")
    }

    /// A peildatum column with different dates: the latest counts and the load says so; a
    /// value that is not a date is passed over. Trajecten take their peildatum the same way.
    func testTheLatestOfDifferentPeildatumsIsTakenWithAWarning() throws {
        let text = """
            gemeentecode;dossiernummer;startdatum;einddatum;peildatum
            GM0394;A;2019-01-01;;2019-03-31
            GM0394;B;2019-02-01;;2019-04-30
            GM0394;C;2019-02-01;;2019-02-28
            GM0394;D;2019-02-01;;geen datum
            GM0518;E;2019-02-01;;2019-01-31
            """
        let result = try fixture.ingest("peildata.csv", text, kind: "uitkeringen")
        assertLoad(result, read: 5, loaded: 5)
        XCTAssertTrue(
            try fixture.warningTexts(result.batch).contains {
                $0.contains("the peildatum column holds different dates; the latest one was used")
            })
        XCTAssertEqual(
            try fixture.strings("SELECT gemeente_id || ' ' || peildatum FROM load_snapshot WHERE batch_id = \(result.batch!) ORDER BY 1"),
            ["394 2019-04-30", "518 2019-01-31"])

        let trajecten = try fixture.ingest(
            "t-peildata.csv",
            "gemeentecode;dossiernummer;instrument;startdatum;einddatum;peildatum\nGM0394;A;WEP;2019-02-01;;2019-05-31\nGM0394;B;WEP;2019-03-01;;2019-04-30\n",
            kind: "trajecten")
        XCTAssertEqual(
            try fixture.strings("SELECT peildatum FROM load_snapshot WHERE batch_id = \(trajecten.batch!)"), ["2019-05-31"])
    }

    func testDossiernummersThatAreBSNsAreStoredAsPseudonyms() throws {
        let bsn = TestBSN.valid(11)
        let text = "gemeentecode;dossiernummer;bsn;startdatum\nGM0394;\(bsn);\(bsn);2019-01-01\nGM0394;123456789;;2019-01-01\n"
        let result = try fixture.ingest("bsn-als-dossier.csv", text)
        assertLoad(result, read: 2, loaded: 2)
        let rows = try fixture.dump("SELECT dossiernummer, persoon FROM v_uitkering ORDER BY persoon IS NULL")
        let dossier = String.fromDatabaseValue(rows[0][0])!
        let persoon = String.fromDatabaseValue(rows[0][1])!
        // The dossier is the person's BSN, so it becomes the same pseudonym.
        XCTAssertEqual(dossier, "ps:" + persoon)
        XCTAssertEqual(persoon.count, 32)
        // 123456789 fails the elfproef: an ordinary dossier number, kept.
        XCTAssertEqual(String.fromDatabaseValue(rows[1][0]), "123456789")
        XCTAssertTrue(
            try fixture.warningTexts(result.batch).contains { $0.contains("are valid BSNs (elfproef) and were stored as their pseudonym") })
    }

    func testTheSamePersonGetsTheSamePseudonymAcrossLoadsAndAnotherKeyIsRefused() throws {
        let bsn = TestBSN.valid(21)
        _ = try fixture.ingest("a.csv", "\(spellHeader)\nGM0394;1;\(bsn);PW;2019-01-01;;;1\n")
        _ = try fixture.ingest("b.csv", "\(spellHeader)\nGM0363;9;\(bsn);PW;2019-05-01;;;1\n")
        XCTAssertEqual(try fixture.strings("SELECT DISTINCT persoon FROM v_uitkering").count, 1)
        // Without its key file the warehouse must not make a new key: that would give everyone new pseudonyms.
        let keyPath = fixture.path + ".pseudonym-key"
        try FileManager.default.removeItem(atPath: keyPath)
        let next = "\(spellHeader)\nGM0394;1;\(bsn);PW;2019-01-01;2019-06-30;11;1\n"
        XCTAssertThrowsError(try fixture.ingest("c.csv", next)) { error in
            XCTAssertTrue("\(error)".contains("is missing, but this warehouse already holds pseudonyms"), "\(error)")
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: keyPath))
        // Another key is refused as well.
        try (String(repeating: "ab", count: 32) + "\n").write(toFile: keyPath, atomically: false, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: keyPath)
        XCTAssertThrowsError(try fixture.ingest("d.csv", next)) { error in
            XCTAssertTrue("\(error)".contains("is not the key this warehouse's pseudonyms were made with"), "\(error)")
        }
        XCTAssertEqual(try fixture.int("SELECT count(*) FROM fact_uitkering"), 2)
    }
}
