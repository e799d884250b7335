import BijstandWarehouse
import Foundation
import GRDB
import TestSupport
import XCTest

/// The data dictionary: complete for whatever `sql/` holds, stored in the warehouse, and stable as JSON.
final class DataDictionaryTests: XCTestCase {
    private var fixture: WarehouseFixture!

    override func setUpWithError() throws {
        fixture = try WarehouseFixture()
    }

    override func tearDown() {
        fixture = nil
    }

    /// Guards every future file of `sql/` too: a table or view without a grain, or a column
    /// without a meaning, fails here with its name.
    func testEveryTableViewAndColumnInTheWarehouseIsDocumented() throws {
        let (dictionary, live) = try fixture.warehouse.database.read { db in
            (
                try XCTUnwrap(DataDictionary.stored(in: db)),
                try String.fetchAll(
                    db,
                    sql:
                        "SELECT name FROM sqlite_master WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name"
                )
            )
        }
        XCTAssertEqual(dictionary.objects.map(\.name).sorted(), live)
        for object in dictionary.objects {
            XCTAssertNotNil(object.description, "\(object.name) has no description: start its file with `-- \(object.name): what it is.`")
            XCTAssertNotNil(object.grain, "\(object.name) has no grain: add a `-- Grain:` line to its header")
            XCTAssertNotNil(object.source, "\(object.name) has no source: add a `-- Source:` line to its header")
            XCTAssertFalse(object.columns.isEmpty, object.name)
            for column in object.columns {
                XCTAssertNotNil(column.meaning, "\(object.name).\(column.name) has no meaning: give its line a `-- comment`")
            }
        }
    }

    func testTheContractViewsAreDocumentedWithTheirColumns() throws {
        let dictionary = try XCTUnwrap(fixture.warehouse.database.read { try DataDictionary.stored(in: $0) })
        // contract.md, "Views for analysts": each view and the columns it names.
        let contract: [String: [String]] = [
            "v_volume_maand": [
                "gemeentecode", "maand", "regeling", "bron", "stand_begin", "instroom", "uitstroom", "stand_eind", "eenheid", "status",
                "batch",
            ],
            "v_uitstroom_reden_maand": ["gemeentecode", "maand", "regeling", "bron", "reden", "aantal"],
            "v_uitkering": ["gemeentecode", "dossiernummer", "persoon", "regeling", "startdatum", "einddatum", "uitstroomreden", "batch"],
            "v_buig_jaar": ["gemeentecode", "jaar", "budget", "budgetversie", "netto_lasten", "saldo", "saldo_pct"],
            "v_vergelijking_maand": [
                "groep", "maand", "n", "instroom_pct_mediaan", "instroom_pct_gemiddelde", "uitstroom_pct_mediaan",
                "uitstroom_pct_gemiddelde",
            ],
        ]
        for (view, columns) in contract {
            let object = try XCTUnwrap(dictionary.object(named: view), view)
            XCTAssertEqual(object.kind, .view)
            XCTAssertNotNil(object.grain, view)
            XCTAssertEqual(object.file, "sql/views/\(view).sql")
            let names = object.columns.map(\.name)
            XCTAssertEqual(Array(names.prefix(columns.count)), columns, view)
        }
        XCTAssertEqual(
            dictionary.objects.prefix(while: { $0.kind == .view }).count, dictionary.objects.filter { $0.kind == .view }.count,
            "views come first")
    }

    func testUnitsCodesAndMeaningsByReference() throws {
        let dictionary = try XCTUnwrap(fixture.warehouse.database.read { try DataDictionary.stored(in: $0) })
        func column(_ object: String, _ name: String) throws -> DataDictionary.Column {
            try XCTUnwrap(dictionary.object(named: object)?.columns.first { $0.name == name }, "\(object).\(name)")
        }
        XCTAssertEqual(try column("fact_buig_budget", "bedrag_cent").unit, "euro cents")
        XCTAssertEqual(try column("fact_inwoners", "inwoners").unit, "persons")
        XCTAssertEqual(try column("dim_maand", "maand").unit, "YYYY-MM")
        XCTAssertEqual(try column("v_vergelijking_maand", "instroom_pct_mediaan").unit, "percent per month")
        XCTAssertEqual(try column("fact_volume_maand", "eenheid").codes, ["uitkeringen", "personen", "dossiers"])
        XCTAssertEqual(try column("v_volume_maand", "regeling").codes, ["PW", "IOAW", "IOAZ", "BBZ"])
        XCTAssertEqual(try column("fact_volume_maand", "stand_begin").type, "INTEGER")
        // "-- as in fact_volume_maand" takes that column's meaning and unit.
        let hist = try column("hist_volume_maand", "stand_begin")
        XCTAssertEqual(hist.meaning, "as in fact_volume_maand: running at the start of the month (count); NULL = not delivered")
        XCTAssertEqual(hist.unit, "count")
        XCTAssertEqual(try column("hist_buig_budget", "bedrag_cent").unit, "euro cents")
        // A view column that is a plain f.column takes the unit of that column.
        let viewColumn = try column("v_volume_maand", "stand_begin")
        XCTAssertEqual(viewColumn.meaning, "running at the start of the month")
        XCTAssertEqual(viewColumn.unit, "count")
    }

    func testStoredDictionaryIsTheBuiltOneAndFollowsTheSQLFiles() throws {
        try fixture.warehouse.database.write { db in
            let built = try DataDictionary.build(db)
            XCTAssertEqual(try DataDictionary.stored(in: db), built)
            // A new file in sql/ is described without any list to update; one without comments shows up as a gap.
            try db.execute(sql: "CREATE TABLE fact_nieuw (a INTEGER, b TEXT)")
            let files =
                DataDictionary.bundledSQLFiles() + [
                    (
                        "sql/migrations/0099_nieuw/01_fact_nieuw.sql",
                        """
                        -- fact_nieuw: a table someone adds later.
                        -- Grain: one row per a.
                        -- Source: a test.
                        CREATE TABLE fact_nieuw (
                            a INTEGER,      -- the key (count)
                            b TEXT          -- x or y
                        );
                        """
                    )
                ]
            try DataDictionary.build(db, sqlFiles: files).store(in: db)
            let nieuw = try XCTUnwrap(DataDictionary.stored(in: db)?.object(named: "fact_nieuw"))
            XCTAssertEqual(nieuw.grain, "one row per a.")
            XCTAssertEqual(nieuw.file, "sql/migrations/0099_nieuw/01_fact_nieuw.sql")
            XCTAssertEqual(nieuw.columns.map(\.unit), ["count", nil])
            XCTAssertEqual(nieuw.columns.map(\.codes), [nil, ["x", "y"]])
            let undocumented = try XCTUnwrap(DataDictionary.build(db).object(named: "fact_nieuw"))
            XCTAssertNil(undocumented.grain)
            XCTAssertEqual(undocumented.columns.map(\.meaning), [nil, nil])
            try db.execute(sql: "DROP TABLE fact_nieuw")
        }
        // Every `init` (a forced migrate) rebuilds it, like the views.
        try fixture.warehouse.database.write { db in try db.execute(sql: "DELETE FROM meta_woordenboek") }
        try fixture.warehouse.migrate(force: true)
        XCTAssertGreaterThan(try fixture.int("SELECT count(*) FROM meta_woordenboek WHERE kolom IS NULL") ?? 0, 30)
        XCTAssertEqual(try fixture.int("SELECT count(*) FROM meta_woordenboek WHERE naam = 'fact_nieuw'"), 0)
    }

    func testTheMetadataTableReadsWellInAnySQLiteTool() throws {
        let rows = try fixture.dump(
            """
            SELECT kolom, type, eenheid, codes, omschrijving FROM meta_woordenboek
            WHERE naam = 'v_volume_maand' AND kolom IN ('regeling', 'stand_begin') ORDER BY positie
            """)
        XCTAssertEqual(
            rows.map { $0.map { String.fromDatabaseValue($0) ?? "∅" } },
            [
                ["regeling", "TEXT", "∅", "PW, IOAW, IOAZ, BBZ", "PW, IOAW, IOAZ, BBZ"],
                ["stand_begin", "INTEGER", "count", "∅", "running at the start of the month"],
            ])
        let header = try fixture.dump("SELECT soort, grain, bestand FROM meta_woordenboek WHERE naam = 'v_volume_maand' AND kolom IS NULL")
        XCTAssertEqual(
            header.first?.map { String.fromDatabaseValue($0) },
            ["view", "gemeente × maand × regeling × bron × eenheid.", "sql/views/v_volume_maand.sql"])
    }

    func testSearchFindsColumnsByWordsOfTheirNameOrMeaning() throws {
        let dictionary = try XCTUnwrap(fixture.warehouse.database.read { try DataDictionary.stored(in: $0) })
        let found = dictionary.search("uitstroom werk").map { "\($0.object.name).\($0.column?.name ?? "")" }
        XCTAssertTrue(found.contains("v_uitkering.uitstroom_naar_werk"), "\(found)")
        XCTAssertTrue(found.contains("dim_reden.naar_werk"), "\(found)")
        XCTAssertTrue(dictionary.search("Bevölkerung").isEmpty)
        XCTAssertTrue(dictionary.search("inwoners").contains { $0.object.name == "fact_inwoners" && $0.column == nil })
    }

    func testJSONHasStableDutchKeysAndNulls() throws {
        let dictionary = try XCTUnwrap(fixture.warehouse.database.read { try DataDictionary.stored(in: $0) })
        let object = try XCTUnwrap(dictionary.object(named: "grdb_migrations"))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let json = String(decoding: try encoder.encode(object), as: UTF8.self)
        XCTAssertTrue(json.hasPrefix(#"{"bestand":null,"bron":"#), json)
        XCTAssertTrue(json.contains(#""kolommen":[{"codes":null,"eenheid":null,"naam":"identifier","omschrijving":"#), json)
        XCTAssertEqual(try JSONDecoder().decode(DataDictionary.Object.self, from: Data(json.utf8)), object)
    }

    func testTheBuiltInDictionaryNeedsNoWarehouse() throws {
        let builtIn = try DataDictionary.ofNewWarehouse()
        let stored = try XCTUnwrap(fixture.warehouse.database.read { try DataDictionary.stored(in: $0) })
        XCTAssertEqual(builtIn, stored)
    }
}
