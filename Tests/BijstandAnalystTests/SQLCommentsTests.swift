import BijstandWarehouse
import XCTest

/// Reading the comment conventions of `sql/` (see the header of any migration file).
final class SQLCommentsTests: XCTestCase {
    func testHeaderFieldsRunOnUntilAFullStopAndTheRestAreNotes() throws {
        let sql = """
            -- fact_demo: a demo fact.
            -- Grain: one row per gemeente × maand
            -- × regeling.
            -- Source: `ingest demo` (one file a month). A newer delivery
            -- replaces the row.
            -- Money in integer cents: exact.
            --
            -- Second paragraph of notes,
            -- on two lines.
            CREATE TABLE fact_demo (
                gemeente_id INTEGER NOT NULL REFERENCES dim_gemeente(gemeente_id), -- gemeente
                bedrag_cent INTEGER NOT NULL                  -- amount (euro cents)
            ) WITHOUT ROWID;
            CREATE INDEX fact_demo_gemeente ON fact_demo(gemeente_id);
            """
        let object = try XCTUnwrap(SQLComments.parse(sql, file: "sql/x.sql").objects.first)
        XCTAssertEqual(object.name, "fact_demo")
        XCTAssertEqual(object.kind, .table)
        XCTAssertEqual(object.description, "a demo fact.")
        XCTAssertEqual(object.grain, "one row per gemeente × maand × regeling.")
        XCTAssertEqual(object.source, "`ingest demo` (one file a month). A newer delivery replaces the row.")
        XCTAssertEqual(object.notes, "Money in integer cents: exact.\nSecond paragraph of notes, on two lines.")
        XCTAssertEqual(object.file, "sql/x.sql")
        XCTAssertEqual(object.columns.map(\.name), ["gemeente_id", "bedrag_cent"])
        XCTAssertEqual(object.columns.map(\.comment), ["gemeente", "amount (euro cents)"])
        XCTAssertEqual(object.columns.map(\.declaredType), ["INTEGER", "INTEGER"])
    }

    func testTableColumnsSkipConstraintsAndReadChecksTypesAndCommentLines() throws {
        let sql = """
            -- t: test.
            -- Grain: one row.
            -- Source: here.
            CREATE TABLE IF NOT EXISTS "t" (
                a     TEXT NOT NULL CHECK (a IN ('x', 'y''s', 'z')), -- a code
                b     VARCHAR(10) DEFAULT 'p--q',                   -- text with -- in its comment
                c     INTEGER CHECK (c IN (1, 2)),
                g     TEXT CHECK (g = 'man' OR g = 'vrouw' or "g" = 'anders'), -- written with OR
                h     TEXT CHECK (h IS NULL OR h = 'x'),                        -- not a code list
                -- The comment line above a column
                -- that has none of its own.
                d     TEXT GENERATED ALWAYS AS (a || b) VIRTUAL,
                e     DOUBLE PRECISION, f INTEGER,                   -- two on one line
                PRIMARY KEY (a, b),
                FOREIGN KEY (c) REFERENCES other (c)
                    DEFERRABLE INITIALLY DEFERRED,
                CHECK (c > 0)
            );
            """
        let columns = try XCTUnwrap(SQLComments.parse(sql, file: "f").objects.first).columns
        XCTAssertEqual(columns.map(\.name), ["a", "b", "c", "g", "h", "d", "e", "f"])
        XCTAssertEqual(
            columns.map(\.declaredType), ["TEXT", "VARCHAR(10)", "INTEGER", "TEXT", "TEXT", "TEXT", "DOUBLE PRECISION", "INTEGER"])
        XCTAssertEqual(columns[0].checkValues, ["x", "y's", "z"])
        XCTAssertEqual(columns[2].checkValues, ["1", "2"])
        XCTAssertEqual(columns[3].checkValues, ["man", "vrouw", "anders"])
        XCTAssertNil(columns[4].checkValues)
        XCTAssertEqual(columns[1].comment, "text with -- in its comment")
        XCTAssertNil(columns[2].comment)
        XCTAssertEqual(columns[5].comment, "The comment line above a column that has none of its own.")
        XCTAssertEqual(columns[6].comment, "two on one line")
    }

    func testViewColumnsAreNamedByTheirLineAndKnowTheirTables() throws {
        let sql = """
            -- v_demo: a view.
            -- Grain: gemeente × maand.
            -- Source: fact_demo.
            CREATE VIEW v_demo AS
            WITH helper AS (
                SELECT gemeente_id, sum(x) AS x_sum FROM fact_demo GROUP BY gemeente_id
            )
            SELECT g.gemeentecode,                                -- GM0000
                   f.bedrag_cent / 100.0 AS bedrag,               -- amount (euro)
                   CASE WHEN f.x IS NULL THEN 'a'
                        ELSE 'b' END AS soort,                    -- a or b
                   "quoted",                                      -- a quoted name
                   h.x_sum
            FROM fact_demo AS f
            JOIN dim_gemeente g ON g.gemeente_id = f.gemeente_id
            LEFT JOIN helper h ON h.gemeente_id = f.gemeente_id
            WHERE f.x > 0;                                        -- only positive
            """
        let object = try XCTUnwrap(SQLComments.parse(sql, file: "v").objects.first)
        XCTAssertEqual(object.kind, .view)
        XCTAssertEqual(object.columns.map(\.name), ["gemeentecode", "bedrag", "soort", "quoted"])
        XCTAssertEqual(object.columns.map(\.expression), ["g.gemeentecode", "f.bedrag_cent / 100.0", "ELSE 'b' END", "\"quoted\""])
        XCTAssertEqual(object.columns[1].comment, "amount (euro)")
        XCTAssertEqual(object.tableAliases["f"], "fact_demo")
        XCTAssertEqual(object.tableAliases["g"], "dim_gemeente")
        XCTAssertEqual(object.tableAliases["h"], "helper")
        XCTAssertEqual(object.tableAliases["fact_demo"], "fact_demo")
        XCTAssertNil(object.tableAliases["on"])
    }

    func testSeveralStatementsAndAddedColumns() throws {
        let sql = """
            -- first: one.
            -- Grain: a.
            CREATE TABLE first (x INTEGER); -- the one column
            INSERT INTO first VALUES (1);
            -- second: two.
            -- Grain: b.
            CREATE TEMP VIEW second AS SELECT x FROM first;
            ALTER TABLE first ADD COLUMN y TEXT NOT NULL DEFAULT ''; -- added later (count)
            """
        let documentation = SQLComments.parse(sql, file: "f")
        XCTAssertEqual(documentation.objects.map(\.name), ["first", "second"])
        XCTAssertEqual(documentation.objects.map(\.grain), ["a.", "b."])
        XCTAssertEqual(documentation.objects[0].columns, [DocumentedColumn(name: "x", declaredType: "INTEGER", comment: "the one column")])
        XCTAssertEqual(documentation.addedColumns.count, 1)
        XCTAssertEqual(documentation.addedColumns.first?.table, "first")
        XCTAssertEqual(
            documentation.addedColumns.first?.column, DocumentedColumn(name: "y", declaredType: "TEXT", comment: "added later (count)"))
    }

    func testAFileWithoutHeaderGivesAnObjectWithoutGrain() {
        let object = SQLComments.parse("CREATE TABLE bare (a INTEGER);\n", file: "f").objects.first
        XCTAssertEqual(object?.name, "bare")
        XCTAssertNil(object?.grain)
        XCTAssertNil(object?.description)
        XCTAssertEqual(object?.columns.map(\.name), ["a"])
        XCTAssertNil(object?.columns.first?.comment)
    }

    func testEveryShippedSQLFileParses() {
        // Each CREATE TABLE or VIEW in sql/ is found (the dictionary test checks their comments).
        for file in DataDictionary.bundledSQLFiles() {
            let creates = file.text.components(separatedBy: "\n").filter {
                let line = $0.trimmingCharacters(in: .whitespaces).uppercased()
                return line.hasPrefix("CREATE TABLE") || line.hasPrefix("CREATE VIEW")
            }
            XCTAssertEqual(SQLComments.parse(file.text, file: file.path).objects.count, creates.count, file.path)
        }
    }
}

/// Units and code lists out of a column comment.
final class ColumnMeaningTests: XCTestCase {
    func testUnitsInParenthesesAndWholeFormats() {
        let cases: [(String, String?)] = [
            ("running at the start of the month (count); NULL = not delivered", "count"),
            ("total budget (euro cents)", "euro cents"),
            ("cost (euro cents, exact)", "euro cents"),
            ("inhabitants transferred (persons); NULL = whole gemeente / unknown", "persons"),
            ("end time (ISO 8601, UTC)", "ISO 8601, UTC"),
            ("first day the code was valid (ISO date); NULL = unknown / long ago", "ISO date"),
            ("share of the old gemeente's inhabitants that went to nieuw_id (0..1)", "fraction 0..1"),
            ("instroom ÷ stand_begin × 100 (percent per month)", "percent per month"),
            ("YYYY-MM", "YYYY-MM"),
            ("GM0000", "GM0000"),
            ("count", "count"),
            ("file size in bytes", "bytes"),
            ("saldo as % of the budget", "percent"),
            ("official name as CBS writes it ('s-Gravenhage)", nil),
            ("quarter 1..4 (2024-Q1 = 2024K1)", nil),
            ("the load it came from", nil),
        ]
        for (comment, unit) in cases {
            XCTAssertEqual(ColumnMeaning(comment: comment).unit, unit, comment)
            XCTAssertEqual(ColumnMeaning(comment: comment).meaning, comment)
        }
    }

    func testCodeListsFromChecksAndFromListComments() {
        let cases: [(String, [String]?)] = [
            ("PW, IOAW, IOAZ, BBZ", ["PW", "IOAW", "IOAZ", "BBZ"]),
            ("benchmark or registratie", ["benchmark", "registratie"]),
            ("uitkeringen, personen or dossiers", ["uitkeringen", "personen", "dossiers"]),
            ("voorlopig, nader voorlopig or definitief", ["voorlopig", "nader voorlopig", "definitief"]),
            ("age at startdatum: tot 27, 27 tot 45, 45 tot 55, 55 en ouder", ["tot 27", "27 tot 45", "45 tot 55", "55 en ouder"]),
            ("detected text encoding: utf-8 or windows-1252", ["utf-8", "windows-1252"]),
            ("1 PW, 2 IOAW, 3 IOAZ, 4 BBZ, 5 LKS", ["1 PW", "2 IOAW", "3 IOAZ", "4 BBZ", "5 LKS"]),
            (
                "1 voorlopig, 2 nader voorlopig, 3 definitief: the highest available is the newest",
                ["1 voorlopig", "2 nader voorlopig", "3 definitief"]
            ),
            ("1 = counts as uitstroom naar werk", ["0", "1"]),
            // Prose, not a list.
            ("name folded for matching: lower case, no diacritics or punctuation", nil),
            ("persons on the benefit: 1, or 2 for partners", nil),
            ("reason code (werk, opleiding, ... or a BUS code)", nil),
            ("werkervaringsplek, scholing, ...", nil),
            ("batch number, shown by `bijstand batches`", nil),
            ("recovered amounts: terugvordering, verhaal (euro cents)", nil),
            ("gemeente", nil),
        ]
        for (comment, codes) in cases {
            XCTAssertEqual(ColumnMeaning(comment: comment).codes, codes, comment)
        }
        XCTAssertEqual(ColumnMeaning(comment: "what is counted", checkValues: ["a", "b"]).codes, ["a", "b"])
        // A key column holds numbers: a list of what they stand for is not its values, unless it pairs them.
        XCTAssertNil(ColumnMeaning(comment: "regeling, LKS included", column: "regeling_id").codes)
        XCTAssertNil(ColumnMeaning(comment: "PW, IOAW, IOAZ or BBZ", column: "regeling_id").codes)
        XCTAssertEqual(ColumnMeaning(comment: "1 benchmark, 2 registratie", column: "bron_id").codes, ["1 benchmark", "2 registratie"])
        XCTAssertEqual(ColumnMeaning(comment: nil, checkValues: nil), ColumnMeaning(meaning: nil, unit: nil, codes: nil))
    }
}
