import BijstandWarehouse
import Foundation
import GRDB
import TestSupport
import XCTest

/// `bijstand sql` and `bijstand schema` end to end, through the real executable, as an analyst uses them.
final class AnalystCLITests: XCTestCase {
    private var folder: TemporaryDirectory!
    private var cli: CLIRunner!

    override func setUpWithError() throws {
        folder = try TemporaryDirectory()
        cli = CLIRunner(database: folder.path("warehouse.sqlite"), workingDirectory: folder.url)
        XCTAssertEqual(try cli.run(["init"]).status, 0)
        let benchmark = try folder.write(
            "benchmark.csv",
            "gemeentecode;periode;regeling;lopend_begin;instroom;uitstroom;lopend_eind\nGM0394;2024-03;PW;2100;40;35;2105\nGM0394;2024-04;PW;2105;41;36;2110\n"
        )
        XCTAssertEqual(try cli.run(["ingest", benchmark]).status, 0)
    }

    override func tearDown() {
        cli = nil
        folder = nil
    }

    func testTableCSVAndJSON() throws {
        let query =
            "SELECT maand, instroom, uitstroom_pct FROM (SELECT maand, instroom, round(100.0 * uitstroom / stand_begin, 2) AS uitstroom_pct FROM v_volume_maand) ORDER BY maand"
        let table = try cli.run(["sql", query])
        XCTAssertEqual(table.status, 0, table.stderr)
        XCTAssertEqual(
            table.stdout,
            """
            maand    instroom  uitstroom_pct
            ───────  ────────  ─────────────
            2024-03        40           1.67
            2024-04        41           1.71

            """)
        let csv = try cli.run(["sql", query, "--format", "csv"])
        XCTAssertEqual(csv.stdout, "maand;instroom;uitstroom_pct\r\n2024-03;40;1.67\r\n2024-04;41;1.71\r\n")
        let json = try cli.run(["sql", "SELECT maand, instroom, NULL AS leeg FROM v_volume_maand ORDER BY maand", "--format", "json"])
        XCTAssertEqual(
            json.stdout,
            """
            [
              {"maand": "2024-03", "instroom": 40, "leeg": null},
              {"maand": "2024-04", "instroom": 41, "leeg": null}
            ]

            """)
        let rows = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]]
        XCTAssertEqual(rows?.count, 2)
        XCTAssertEqual(try cli.run(["sql", "SELECT 1 WHERE 0", "--format", "json"]).stdout, "[]\n")
    }

    func testAttacksThroughTheCommandLineChangeNothing() throws {
        let before = try Data(contentsOf: URL(fileURLWithPath: cli.database))
        for (sql, _) in AnalystQueryTests.attacks {
            let result = try cli.run(["sql", sql])
            XCTAssertEqual(result.status, 1, sql)
            XCTAssertEqual(result.stdout, "", sql)
            XCTAssertTrue(result.stderr.hasPrefix("bijstand: Refused: the query would "), "\(sql): \(result.stderr)")
            XCTAssertEqual(result.stderr.filter { $0 == "\n" }.count, 1, "one sentence: \(result.stderr)")
        }
        let twoStatements = try cli.run(["sql", "SELECT 1; DELETE FROM fact_volume_maand"])
        XCTAssertEqual(twoStatements.status, 1)
        XCTAssertTrue(twoStatements.stderr.contains("more than one statement"), twoStatements.stderr)
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: cli.database)), before, "the warehouse file changed")
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder.path("kopie.sqlite")))
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder.path("elsewhere.sqlite")))
        XCTAssertEqual(try cli.run(["sql", "SELECT count(*) FROM fact_volume_maand", "--format", "csv"]).stdout, "count(*)\r\n2\r\n")
    }

    func testTimeoutRowLimitAndOptions() throws {
        let forever = try cli.run([
            "sql", "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT max(i) FROM n", "--timeout", "0.5",
        ])
        XCTAssertEqual(forever.status, 1)
        XCTAssertEqual(
            forever.stderr,
            "bijstand: The query took longer than 0.5 seconds and was stopped (SQLite: interrupted); narrow it down or allow more time with --timeout.\n"
        )

        let many = "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1500) SELECT i FROM n"
        let table = try cli.run(["sql", many])
        XCTAssertEqual(table.status, 0)
        XCTAssertEqual(table.stdout.split(separator: "\n").count, 2 + 1000, "header, rule and the first 1000 rows")
        XCTAssertTrue(table.stderr.contains("Showing the first 1000 rows; there are more."), table.stderr)
        XCTAssertEqual(try cli.run(["sql", many, "--format", "csv"]).stdout.split(separator: "\r\n").count, 1 + 1500)
        let limited = try cli.run(["sql", many, "--format", "csv", "--limit", "10"])
        XCTAssertEqual(limited.stdout.split(separator: "\r\n").count, 1 + 10)
        XCTAssertTrue(limited.stderr.contains("Showing the first 10 rows"))

        let parameter = try cli.run([
            "sql", "SELECT instroom FROM v_volume_maand WHERE maand = :m", "--param", "m=2024-04", "--format", "csv",
        ])
        XCTAssertEqual(parameter.stdout, "instroom\r\n41\r\n")

        for bad in [["--timeout", "0"], ["--limit", "0"], ["--param", "zonder-waarde"], ["--format", "xml"]] {
            let result = try cli.run(["sql", "SELECT 1"] + bad)
            XCTAssertNotEqual(result.status, 0, "\(bad)")
            XCTAssertEqual(result.stdout, "", "\(bad)")
        }
        let missing = try CLIRunner(database: folder.path("bestaat-niet.sqlite"), workingDirectory: folder.url).run(["sql", "SELECT 1"])
        XCTAssertEqual(missing.status, 1)
        XCTAssertTrue(missing.stderr.contains("does not exist"), missing.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder.path("bestaat-niet.sqlite")))
    }

    func testQueryFromStandardInput() throws {
        let process = Process()
        process.executableURL = CLIRunner.executable
        process.arguments = ["sql", "-", "--db", cli.database, "--format", "csv"]
        let input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        input.fileHandleForWriting.write(Data("-- vraag.sql\nSELECT count(*) AS n\nFROM v_volume_maand;\n".utf8))
        try input.fileHandleForWriting.close()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0)
        XCTAssertEqual(text, "n\r\n2\r\n")
    }

    func testSchemaListsDescribesSearchesAndExports() throws {
        let overview = try cli.run(["schema"])
        XCTAssertEqual(overview.status, 0, overview.stderr)
        XCTAssertTrue(overview.stdout.hasPrefix("Views (stable, for analysts)"), overview.stdout)
        XCTAssertTrue(overview.stdout.contains("  v_vergelijking_maand\n"), overview.stdout)
        XCTAssertTrue(overview.stdout.contains("Grain: gemeente × maand × regeling × bron × eenheid."), overview.stdout)

        let view = try cli.run(["schema", "v_volume_maand"])
        XCTAssertTrue(view.stdout.hasPrefix("v_volume_maand (view): stand and flows per month"), view.stdout)
        XCTAssertTrue(view.stdout.contains("stand_begin     INTEGER  count    running at the start of the month\n"), view.stdout)

        let search = try cli.run(["schema", "uitstroom werk"])
        XCTAssertEqual(search.status, 0)
        XCTAssertTrue(search.stdout.contains("v_uitkering.uitstroom_naar_werk"), search.stdout)
        let nothing = try cli.run(["schema", "xyzzy"])
        XCTAssertEqual(nothing.status, 1)
        XCTAssertEqual(
            nothing.stderr, "bijstand: No table, view or column is named or described by 'xyzzy'; `bijstand schema` lists them all.\n")

        let json = try cli.run(["schema", "--format", "json"])
        let decoded = try JSONDecoder().decode(DataDictionary.self, from: Data(json.stdout.utf8))
        let stored = try DatabaseQueue(path: cli.database).read { try DataDictionary.stored(in: $0) }
        XCTAssertEqual(decoded, stored)
        let one = try JSONDecoder().decode(
            DataDictionary.self, from: Data(try cli.run(["schema", "fact_inwoners", "--format", "json"]).stdout.utf8))
        XCTAssertEqual(one.objects.map(\.name), ["fact_inwoners"])

        let markdown = try cli.run(["schema", "--format", "md"]).stdout
        XCTAssertTrue(markdown.hasPrefix("# Data dictionary\n"), markdown)
        XCTAssertTrue(markdown.contains("### `v_vergelijking_maand`"))
        XCTAssertTrue(markdown.contains("| `stand_begin` | INTEGER | count |  | running at the start of the month |"), markdown)
        XCTAssertTrue(markdown.contains("| `regeling` | TEXT |  | PW, IOAW, IOAZ, BBZ | PW, IOAW, IOAZ, BBZ |"))
    }

    func testSchemaWithoutAWarehouseDescribesTheOneInitWouldCreate() throws {
        let runner = CLIRunner(database: folder.path("nog-niet.sqlite"), workingDirectory: folder.url)
        let result = try runner.run(["schema", "v_buig_jaar"])
        XCTAssertEqual(result.status, 0)
        XCTAssertTrue(result.stdout.contains("saldo_pct"), result.stdout)
        XCTAssertTrue(result.stderr.contains("There is no warehouse at"), result.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder.path("nog-niet.sqlite")))
    }
}

/// The questions of the README's "For analysts" section run as written on the demo warehouse.
final class ReadmeQuestionsTests: XCTestCase {
    static let readme = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("README.md")

    /// The ```sql blocks of the section, each with the question above it.
    static func questions() throws -> [(question: String, sql: String)] {
        let text = try String(contentsOf: readme, encoding: .utf8)
        guard let start = text.range(of: "## For analysts") else { return [] }
        let section = text[start.upperBound...].components(separatedBy: "\n## ").first ?? ""
        var found: [(String, String)] = []
        var question = ""
        var sql: [String]?
        for line in section.components(separatedBy: "\n") {
            if sql != nil {
                if line.hasPrefix("```") {
                    found.append((question, sql!.joined(separator: "\n")))
                    sql = nil
                } else {
                    sql!.append(line)
                }
            } else if line.hasPrefix("```sql") {
                sql = []
            } else if line.hasPrefix("**") {
                question = line
            }
        }
        return found
    }

    func testEveryQuestionRunsOnTheDemoWarehouse() throws {
        let questions = try Self.questions()
        XCTAssertGreaterThanOrEqual(questions.count, 10)
        let folder = try TemporaryDirectory()
        let cli = CLIRunner(database: folder.path("demo.sqlite"), workingDirectory: folder.url)
        let demo = try cli.run(["demo"])
        XCTAssertEqual(demo.status, 0, demo.stderr)
        for (question, sql) in questions {
            let result = try cli.run(["sql", sql, "--format", "csv", "--timeout", "60"])
            XCTAssertEqual(result.status, 0, "\(question)\n\(result.stderr)")
            // The demo has no registrations: questions on v_uitkering answer with an empty or zero row.
            if !sql.contains("v_uitkering") {
                XCTAssertGreaterThan(result.stdout.split(separator: "\r\n").count, 1, "\(question): no rows")
            }
        }
    }
}
