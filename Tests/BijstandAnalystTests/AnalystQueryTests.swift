import BijstandQuery
import Foundation
import GRDB
import GRDBSQLite
import TestSupport
import XCTest

/// `bijstand sql` underneath: a query reads, and every route to a change is closed.
final class AnalystQueryTests: XCTestCase {
    private var fixture: WarehouseFixture!

    override func setUpWithError() throws {
        fixture = try WarehouseFixture()
        try fixture.ingest(
            "benchmark.csv",
            "gemeentecode;periode;regeling;lopend_begin;instroom;uitstroom;lopend_eind\nGM0394;2024-03;PW;2100;40;35;2105\n")
    }

    override func tearDown() {
        fixture = nil
    }

    /// Each statement, and what the refusal must name.
    static let attacks: [(sql: String, says: String)] = [
        ("INSERT INTO dim_bron VALUES (9, 'x', 'y')", "insert rows into dim_bron"),
        ("REPLACE INTO dim_bron VALUES (1, 'x', 'y')", "insert rows into dim_bron"),
        ("UPDATE fact_volume_maand SET instroom = 0", "update fact_volume_maand.instroom"),
        ("DELETE FROM fact_volume_maand", "delete rows from fact_volume_maand"),
        ("WITH x AS (SELECT 1) DELETE FROM load_batch", "delete rows from load_batch"),
        ("DROP TABLE fact_volume_maand", "DROP TABLE"),
        ("DROP VIEW v_volume_maand", "DROP VIEW"),
        ("CREATE TABLE x (a INTEGER)", "CREATE TABLE"),
        ("CREATE TABLE x AS SELECT * FROM dim_bron", "CREATE TABLE"),
        ("CREATE INDEX x ON dim_bron(code)", "CREATE INDEX"),
        ("CREATE VIEW x AS SELECT 1", "CREATE VIEW"),
        ("CREATE TRIGGER x AFTER INSERT ON dim_bron BEGIN SELECT 1; END", "trigger x"),
        ("CREATE TEMP TABLE x (a INTEGER)", "CREATE TEMP TABLE"),
        ("CREATE TEMPORARY VIEW x AS SELECT 1", "CREATE TEMPORARY VIEW"),
        ("CREATE VIRTUAL TABLE x USING fts5(a)", "CREATE VIRTUAL TABLE"),
        ("ALTER TABLE dim_bron ADD COLUMN x TEXT", "alter the table dim_bron"),
        ("ALTER TABLE dim_bron RENAME TO x", "alter the table dim_bron"),
        ("ATTACH DATABASE 'elsewhere.sqlite' AS other", "attach the database file 'elsewhere.sqlite'"),
        ("ATTACH ':memory:' AS scratch", "attach the database file ':memory:'"),
        ("DETACH DATABASE main", "detach the database main"),
        ("PRAGMA writable_schema = 1", "PRAGMA writable_schema = 1"),
        ("PRAGMA journal_mode = DELETE", "PRAGMA journal_mode = DELETE"),
        ("PRAGMA user_version = 7", "PRAGMA user_version = 7"),
        ("PRAGMA query_only = 0", "PRAGMA query_only = 0"),
        ("PRAGMA foreign_keys = OFF", "PRAGMA foreign_keys = OFF"),
        ("PRAGMA wal_checkpoint(TRUNCATE)", "PRAGMA wal_checkpoint"),
        ("PRAGMA optimize", "run PRAGMA optimize"),
        ("PRAGMA incremental_vacuum", "run PRAGMA incremental_vacuum"),
        ("VACUUM", "run VACUUM"),
        ("VACUUM INTO 'kopie.sqlite'", "run VACUUM"),
        ("ANALYZE", "ANALYZE"),
        ("REINDEX", "REINDEX"),
        ("BEGIN IMMEDIATE", "transaction"),
        ("COMMIT", "transaction"),
        ("SAVEPOINT s", "savepoint"),
        ("SELECT load_extension('/tmp/libevil.so')", "call load_extension()"),
        ("SELECT fts3_tokenizer('simple')", "call fts3_tokenizer()"),
    ]

    func testEveryWriteRouteIsRefusedAndTheWarehouseStaysAsItWas() throws {
        let before = try WarehouseState(path: fixture.path, database: fixture.warehouse.database)
        for (sql, says) in Self.attacks {
            XCTAssertThrowsError(try analystRows(sql, on: fixture.path), sql) { error in
                guard case AnalystQueryError.refused(let action, _) = error else {
                    return XCTFail("\(sql): expected a refusal, got \(error)")
                }
                XCTAssertTrue(action.contains(says), "\(sql): \(action)")
                let sentence = "\(error)"
                XCTAssertTrue(sentence.hasPrefix("Refused: the query would ") && sentence.hasSuffix("."), sentence)
            }
        }
        // Refused by SQLite itself: the schema table cannot be written without writable_schema.
        XCTAssertThrowsError(try analystRows("UPDATE sqlite_master SET sql = 'x'", on: fixture.path)) { error in
            XCTAssertEqual(error as? AnalystQueryError, .failed(message: "table sqlite_master may not be modified"))
        }
        XCTAssertThrowsError(try analystRows("DELETE FROM sqlite_master", on: fixture.path))
        // A second statement never runs, whatever it is.
        for sql in ["SELECT 1; DELETE FROM fact_volume_maand", "SELECT 1;\nDROP TABLE dim_bron;", "SELECT 1; SELECT 2"] {
            XCTAssertThrowsError(try analystRows(sql, on: fixture.path)) { error in
                XCTAssertEqual(error as? AnalystQueryError, .multipleStatements, sql)
            }
        }
        XCTAssertEqual(try WarehouseState(path: fixture.path, database: fixture.warehouse.database), before)
        XCTAssertEqual(try fixture.int("SELECT count(*) FROM fact_volume_maand"), 1)
    }

    func testReadingIsAllowedInEveryForm() throws {
        let queries = [
            "SELECT gemeentecode, instroom FROM v_volume_maand",
            "WITH t AS (SELECT instroom FROM fact_volume_maand) SELECT sum(instroom) FROM t",
            "VALUES (1), (2)",
            "SELECT * FROM json_each('[1, 2]')",
            "SELECT name FROM pragma_table_info('dim_bron')",
            "PRAGMA table_info(dim_bron)",
            "PRAGMA index_list(fact_volume_maand)",
            "PRAGMA user_version",
            "PRAGMA foreign_keys",
            "EXPLAIN QUERY PLAN SELECT * FROM v_volume_maand",
            "SELECT * FROM sqlite_master WHERE type = 'view'",
            "SELECT count(*) FROM meta_woordenboek",
            "SELECT 1;  -- a trailing comment",
            "/* a leading comment */ SELECT 1;;",
        ]
        for sql in queries {
            XCTAssertNoThrow(try analystRows(sql, on: fixture.path), sql)
        }
        let volume = try analystRows("SELECT gemeentecode, maand, stand_begin, instroom FROM v_volume_maand", on: fixture.path)
        XCTAssertEqual(volume.columns, ["gemeentecode", "maand", "stand_begin", "instroom"])
        XCTAssertEqual(volume.rows, [[.text("GM0394"), .text("2024-03"), .integer(2100), .integer(40)]])
    }

    func testValuesKeepTheirSQLiteType() throws {
        let result = try analystRows("SELECT NULL, 42, 2.5, 'tekst € ü', x'00ff', 'a' || char(0) || 'b'", on: fixture.path)
        XCTAssertEqual(result.rows, [[.null, .integer(42), .real(2.5), .text("tekst € ü"), .blob([0, 255]), .text("a\u{0}b")]])
    }

    func testARunawayQueryIsStoppedAtItsTimeLimit() throws {
        let start = Date()
        XCTAssertThrowsError(
            try analystRows(
                "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT count(*) FROM n", on: fixture.path, timeout: 0.5)
        ) { error in
            XCTAssertEqual(error as? AnalystQueryError, .tooSlow(seconds: 0.5, message: "interrupted"))
            XCTAssertEqual(
                "\(error)",
                "The query took longer than 0.5 seconds and was stopped (SQLite: interrupted); narrow it down or allow more time with --timeout."
            )
        }
        XCTAssertLessThan(Date().timeIntervalSince(start), 5)
        // A query that finishes in time is not disturbed by the clock.
        XCTAssertEqual(try analystRows("SELECT count(*) FROM dim_maand", on: fixture.path, timeout: 10).rows, [[.integer(852)]])
    }

    func testRowLimitStopsAndSaysThereIsMore() throws {
        let limited = try analystRows("SELECT maand FROM dim_maand ORDER BY maand", on: fixture.path, limit: 3)
        XCTAssertEqual(limited.rows, [[.text("1990-01")], [.text("1990-02")], [.text("1990-03")]])
        XCTAssertTrue(limited.truncated)
        // 852 months from 1990-01 to 2060-12: a limit of exactly that is not a truncation.
        let exact = try analystRows("SELECT maand FROM dim_maand", on: fixture.path, limit: 852)
        XCTAssertEqual(exact.rows.count, 852)
        XCTAssertFalse(exact.truncated)
        XCTAssertEqual(try analystRows("SELECT maand FROM dim_maand", on: fixture.path).rows.count, 852)
    }

    func testNamedParameters() throws {
        let result = try analystRows(
            "SELECT maand, instroom FROM v_volume_maand WHERE gemeentecode = :g AND jaar = @j AND instroom > $min",
            on: fixture.path, parameters: ["g": "GM0394", "j": "2024", "min": "10"])
        XCTAssertEqual(result.rows, [[.text("2024-03"), .integer(40)]])
        // Leading zeros stay text: 0394 is not the number 394.
        XCTAssertEqual(
            try analystRows(
                "SELECT typeof(:a), typeof(:b), typeof(:c)", on: fixture.path, parameters: ["a": "0394", "b": "394", "c": "2.5"]
            ).rows,
            [[.text("text"), .text("integer"), .text("text")]])
        XCTAssertThrowsError(try analystRows("SELECT :g", on: fixture.path)) {
            XCTAssertEqual($0 as? AnalystQueryError, .missingParameter("g"))
        }
        XCTAssertThrowsError(try analystRows("SELECT 1", on: fixture.path, parameters: ["g": "x"])) {
            XCTAssertEqual($0 as? AnalystQueryError, .unusedParameter("g"))
        }
        XCTAssertThrowsError(try analystRows("SELECT ?", on: fixture.path)) {
            XCTAssertEqual($0 as? AnalystQueryError, .unnamedParameter)
        }
    }

    func testErrorsAreOneSentenceWithSQLitesMessage() throws {
        let cases: [(String, String)] = [
            ("SELECT * FROM nope", "SQLite could not run the query: no such table: nope."),
            ("SELEC 1", "SQLite could not run the query: near \"SELEC\": syntax error."),
            ("SELECT zeroblob(1000000000)", "SQLite could not run the query: string or blob too big."),
            ("-- nothing but a comment", AnalystQueryError.empty.description),
            (
                "DELETE FROM dim_bron",
                "Refused: the query would delete rows from dim_bron, and `bijstand sql` only reads the warehouse (SQLite: not authorized)."
            ),
        ]
        for (sql, sentence) in cases {
            XCTAssertThrowsError(try analystRows(sql, on: fixture.path), sql) { error in
                XCTAssertEqual("\(error)", sentence)
            }
        }
    }

    func testMissingFileIsNotCreatedAndAURIIsNotAURI() throws {
        let missing = fixture.directory.path("nog-niet.sqlite")
        XCTAssertThrowsError(try analystRows("SELECT 1", on: missing)) {
            XCTAssertEqual($0 as? AnalystQueryError, .noWarehouse(path: missing))
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: missing))
        // SQLite would read "file:...?mode=rwc" as a URI; the runner reads it as a file name.
        let uri = "file:\(fixture.path)?mode=rwc"
        XCTAssertThrowsError(try analystRows("SELECT 1", on: uri)) {
            XCTAssertEqual($0 as? AnalystQueryError, .noWarehouse(path: uri))
        }
    }
}

/// The authorizer's policy, action by action (no database needed).
final class QueryGuardTests: XCTestCase {
    func testReadingActionsAreAllowed() {
        XCTAssertNil(QueryGuard.refusal(action: SQLITE_SELECT, nil, nil, database: nil, statement: "SELECT"))
        XCTAssertNil(QueryGuard.refusal(action: SQLITE_READ, "fact_volume_maand", "instroom", database: "main", statement: "SELECT"))
        XCTAssertNil(QueryGuard.refusal(action: SQLITE_RECURSIVE, nil, nil, database: nil, statement: "WITH"))
        XCTAssertNil(QueryGuard.refusal(action: SQLITE_FUNCTION, nil, "sum", database: nil, statement: "SELECT"))
        XCTAssertNil(QueryGuard.refusal(action: SQLITE_PRAGMA, "table_info", "dim_bron", database: nil, statement: "PRAGMA"))
        XCTAssertNil(QueryGuard.refusal(action: SQLITE_PRAGMA, "user_version", nil, database: nil, statement: "PRAGMA"))
        // Asked while json_each() or pragma_table_info() is set up.
        XCTAssertNil(QueryGuard.refusal(action: SQLITE_UPDATE, "sqlite_master", "type", database: "main", statement: "SELECT"))
    }

    func testEverythingElseIsRefusedWithWhatItWouldDo() {
        XCTAssertEqual(
            QueryGuard.refusal(action: SQLITE_PRAGMA, "user_version", "3", database: nil, statement: "PRAGMA"),
            "change the setting PRAGMA user_version = 3")
        XCTAssertEqual(
            QueryGuard.refusal(action: SQLITE_PRAGMA, "journal_mode", nil, database: nil, statement: "PRAGMA"), "run PRAGMA journal_mode")
        XCTAssertEqual(
            QueryGuard.refusal(action: SQLITE_FUNCTION, nil, "LOAD_EXTENSION", database: nil, statement: "SELECT"),
            "call LOAD_EXTENSION(), which loads code or touches files")
        XCTAssertEqual(
            QueryGuard.refusal(action: SQLITE_INSERT, "sqlite_temp_master", nil, database: "temp", statement: "CREATE TEMP TABLE"),
            "run CREATE TEMP TABLE, which changes the temporary schema")
        XCTAssertEqual(
            QueryGuard.refusal(action: SQLITE_UPDATE, "dim_bron", "code", database: "main", statement: "UPDATE"), "update dim_bron.code")
        XCTAssertEqual(
            QueryGuard.refusal(action: SQLITE_UPDATE, "sqlite_temp_master", "sql", database: "temp", statement: "UPDATE"),
            "run UPDATE, which changes the temporary schema")
        XCTAssertEqual(
            QueryGuard.refusal(action: SQLITE_ATTACH, "x.db", nil, database: nil, statement: "ATTACH"), "attach the database file 'x.db'")
        XCTAssertEqual(
            QueryGuard.refusal(action: SQLITE_TRANSACTION, "BEGIN", nil, database: nil, statement: "BEGIN"), "control a transaction (BEGIN)"
        )
        // An action SQLite may add later is refused too.
        XCTAssertEqual(
            QueryGuard.refusal(action: 999, nil, nil, database: nil, statement: "NEW"),
            "do something other than reading (SQLite authorizer action 999)")
    }
}
