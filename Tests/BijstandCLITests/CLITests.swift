import Foundation
import TestSupport
import XCTest

/// The command line of contract.md, end to end: the real `bijstand`
/// executable, real files, a real warehouse in a temporary folder.
/// Exit status: 0 success; 1 failure (nothing changed); 2 bad usage or an
/// unreadable / unrecognised file; 3 loaded, but some rows were rejected.
final class CLITests: XCTestCase {
    private var directory: TemporaryDirectory!
    private var cli: CLIRunner!

    private let header = "gemeentecode;periode;regeling;lopend_begin;instroom;uitstroom;lopend_eind"
    private var goodFile: String {
        header + "\nGM0394;2024-01;PW;2100;40;35;2105\nGM0394;2024-02;PW;2105;41;36;2110\nGM0518;2024-01;PW;18000;500;450;18050\n"
    }

    override func setUpWithError() throws {
        directory = try TemporaryDirectory()
        cli = CLIRunner(database: directory.path("warehouse.sqlite"), workingDirectory: directory.url)
        XCTAssertTrue(
            FileManager.default.isExecutableFile(atPath: CLIRunner.executable.path),
            "build the executable first: \(CLIRunner.executable.path)")
    }

    override func tearDown() {
        cli = nil
        directory = nil
    }

    // MARK: helpers

    private func run(_ arguments: [String], file: StaticString = #filePath, line: UInt = #line) throws -> CLIRunner.Output {
        let output = try cli.run(arguments)
        XCTAssertFalse(
            output.stderr.contains("Fatal error") || output.stderr.contains("Stack dump"),
            "no crash or stack trace: \(output.stderr)", file: file, line: line)
        return output
    }

    /// `batches --format json`, parsed.
    private func batches(file: StaticString = #filePath, line: UInt = #line) throws -> [[String: Any]] {
        let output = try run(["batches", "--format", "json"], file: file, line: line)
        XCTAssertEqual(output.status, 0, output.stderr, file: file, line: line)
        let parsed = try JSONSerialization.jsonObject(with: Data(output.stdout.utf8))
        return try XCTUnwrap(parsed as? [[String: Any]], "an array of objects: \(output.stdout)", file: file, line: line)
    }

    private func benchmarkBatches() throws -> [[String: Any]] {
        try batches().filter { $0["soort"] as? String == "benchmark" }
    }

    /// The error output as sentences: one line, ending in a full stop.
    private func assertOneSentence(_ stderr: String, mentioning words: [String], file: StaticString = #filePath, line: UInt = #line) {
        let lines = stderr.split(separator: "\n", omittingEmptySubsequences: true)
        XCTAssertEqual(lines.count, 1, "one line on stderr: \(stderr)", file: file, line: line)
        XCTAssertTrue(stderr.trimmingCharacters(in: .whitespacesAndNewlines).hasSuffix("."), stderr, file: file, line: line)
        for word in words {
            XCTAssertTrue(stderr.contains(word), "stderr should mention \(word): \(stderr)", file: file, line: line)
        }
    }

    // MARK: init

    func testInitTwice() throws {
        let first = try run(["init"])
        XCTAssertEqual(first.status, 0, first.stderr)
        XCTAssertTrue(FileManager.default.fileExists(atPath: cli.database))
        // gemeenten.csv (Bron: CBS): 834 codes, 342 current.
        XCTAssertTrue(first.stdout.contains("834") && first.stdout.contains("342"), first.stdout)

        let second = try run(["init"])
        XCTAssertEqual(second.status, 0, second.stderr)
        XCTAssertTrue(second.stdout.contains("up to date"), second.stdout)
        XCTAssertEqual(try batches().count, 3, "the reference data is loaded once: gemeenten, herindelingen, inwoners")
    }

    func testDatabaseFromEnvironmentVariable() throws {
        let path = directory.path("uit-omgeving.sqlite")
        let output = try cli.run(["init"], withDatabase: false, environment: ["BIJSTAND_DB": path])
        XCTAssertEqual(output.status, 0, output.stderr)
        XCTAssertTrue(FileManager.default.fileExists(atPath: path))
        XCTAssertFalse(FileManager.default.fileExists(atPath: cli.database))
    }

    // MARK: ingest

    func testIngestGoodFile() throws {
        let path = try directory.write("benchmark-2024.csv", goodFile)
        let output = try run(["ingest", path])
        XCTAssertEqual(output.status, 0, output.stderr)
        XCTAssertTrue(output.stdout.contains("benchmark-2024.csv"), output.stdout)
        XCTAssertTrue(output.stdout.contains("gelezen 3"), output.stdout)
        XCTAssertTrue(output.stdout.contains("geladen 3"), output.stdout)
        XCTAssertTrue(output.stdout.contains("afgewezen 0"), output.stdout)

        let loaded = try benchmarkBatches()
        XCTAssertEqual(loaded.count, 1)
        XCTAssertEqual(loaded.first?["status"] as? String, "geladen")
        XCTAssertEqual(loaded.first?["gelezen"] as? Int, 3)
        XCTAssertEqual(loaded.first?["geladen"] as? Int, 3)
        XCTAssertTrue(output.stdout.contains("batch \(loaded.first?["batch"] as? Int ?? -1)"), output.stdout)
    }

    func testIngestWithExplicitKind() throws {
        let path = try directory.write("export.csv", goodFile)
        let output = try run(["ingest", "benchmark", path])
        XCTAssertEqual(output.status, 0, output.stderr)
        XCTAssertEqual(try benchmarkBatches().first?["geladen"] as? Int, 3)
    }

    func testFileWithRejectsExitsThreeAndRejectsListsThem() throws {
        let text =
            header + "\n"
            + "GM0394;2024-01;PW;2100;40;35;2105\n"
            + "GM0394;2024-02;PW;2105;abc;36;2110\n"  // line 3: instroom is not a number
            + "GM0518;2024-01;PW;18000;500;450;18050\n"
            + "GM0518;2024-02;PW;18050;-3;450;17597\n"  // line 5: negative instroom
        let path = try directory.write("met-fouten.csv", text)
        let ingest = try run(["ingest", path])
        XCTAssertEqual(ingest.status, 3, ingest.stderr)
        XCTAssertTrue(ingest.stdout.contains("afgewezen 2"), ingest.stdout)
        // The summary names the first rejects with their line numbers.
        for line in [3, 5] {
            XCTAssertTrue(ingest.stdout.contains("regel \(line)") || ingest.stdout.contains("line \(line)"), ingest.stdout)
        }

        let batch = try XCTUnwrap(try benchmarkBatches().first?["batch"] as? Int)
        let table = try run(["rejects", "\(batch)"])
        XCTAssertEqual(table.status, 0, table.stderr)
        XCTAssertTrue(table.stdout.contains("abc") && table.stdout.contains("instroom"), table.stdout)
        XCTAssertTrue(table.stdout.contains("-3"), table.stdout)

        let json = try run(["rejects", "\(batch)", "--format", "json"])
        XCTAssertEqual(json.status, 0, json.stderr)
        let rejects = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        XCTAssertEqual(rejects.compactMap { $0["regel"] as? Int }, [3, 5])
        XCTAssertEqual(rejects.first?["waarde"] as? String, "abc")
        XCTAssertTrue((rejects.first?["kolom"] as? String)?.contains("instroom") ?? false, "\(rejects)")
        XCTAssertTrue((rejects.first?["reden"] as? String)?.contains("number") ?? false, "\(rejects)")
        XCTAssertTrue((rejects.last?["reden"] as? String)?.contains("negative") ?? false, "\(rejects)")
    }

    /// An escape sequence in a file must not reach the terminal through `rejects`; the JSON keeps the raw value.
    func testRejectsTableWritesControlCharactersOut() throws {
        let path = try directory.write("escape.csv", header + "\nGM0394;2024-01;PW;10;\u{1B}[31mrood;1;9\n")
        XCTAssertEqual(try run(["ingest", path]).status, 3)
        let batch = try XCTUnwrap(try benchmarkBatches().first?["batch"] as? Int)
        let table = try run(["rejects", "\(batch)"])
        XCTAssertFalse(table.stdout.contains("\u{1B}"), table.stdout)
        XCTAssertTrue(table.stdout.contains("\\u{1B}[31mrood"), table.stdout)
        let json = try run(["rejects", "\(batch)", "--format", "json"])
        let rejects = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        XCTAssertEqual(rejects.first?["waarde"] as? String, "\u{1B}[31mrood")
    }

    func testUnrecognisedHeaderExitsTwoWithOneSentence() throws {
        let path = try directory.write("iets-anders.csv", "foo;bar;baz\n1;2;3\n")
        let output = try run(["ingest", path])
        XCTAssertEqual(output.status, 2)
        assertOneSentence(output.stderr, mentioning: ["iets-anders.csv", "foo"])
        XCTAssertTrue(try benchmarkBatches().allSatisfy { $0["status"] as? String != "geladen" })
    }

    func testMissingFileExitsTwo() throws {
        let output = try run(["ingest", directory.path("bestaat-niet.csv")])
        XCTAssertEqual(output.status, 2)
        assertOneSentence(output.stderr, mentioning: ["bestaat-niet.csv"])
    }

    func testStrictWithABadRowExitsOneAndStoresNothing() throws {
        let text = header + "\nGM0394;2024-01;PW;2100;40;35;2105\nGM0394;2024-02;PW;2105;-3;36;2066\n"
        let path = try directory.write("streng.csv", text)
        let output = try run(["ingest", path, "--strict"])
        XCTAssertEqual(output.status, 1, output.stdout + output.stderr)
        let loads = try benchmarkBatches()
        XCTAssertEqual(loads.map { $0["status"] as? String }, ["mislukt"])
        XCTAssertEqual(loads.first?["geladen"] as? Int, 0)
        XCTAssertEqual(loads.first?["afgewezen"] as? Int, 1)
        // The failed load's rejects are listed all the same.
        let batch = try XCTUnwrap(loads.first?["batch"] as? Int)
        let rejects = try run(["rejects", "\(batch)", "--format", "json"])
        XCTAssertEqual(rejects.status, 0, rejects.stderr)
        let rows = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(rejects.stdout.utf8)) as? [[String: Any]])
        XCTAssertEqual(rows.compactMap { $0["regel"] as? Int }, [3])
        XCTAssertEqual(rows.first?["waarde"] as? String, "-3")
    }

    func testSameFileTwiceIsAlreadyLoaded() throws {
        let path = try directory.write("twee-keer.csv", goodFile)
        XCTAssertEqual(try run(["ingest", path]).status, 0)
        let second = try run(["ingest", path])
        XCTAssertEqual(second.status, 0, second.stderr)
        XCTAssertTrue(second.stdout.contains("already loaded"), second.stdout)
        XCTAssertEqual(try benchmarkBatches().count, 1)
    }

    // MARK: batches and rollback

    func testBatchesJSONShowsStatuses() throws {
        let good = try directory.write("goed.csv", goodFile)
        let strict = try directory.write("streng.csv", header + "\nGM0394;2024-03;PW;x;1;1;1\n")
        XCTAssertEqual(try run(["ingest", good]).status, 0)
        XCTAssertEqual(try run(["ingest", strict, "--strict"]).status, 1)

        let all = try batches()
        XCTAssertEqual(all.map { $0["soort"] as? String }, ["gemeenten", "herindelingen", "inwoners", "benchmark", "benchmark"])
        XCTAssertEqual(all.map { $0["status"] as? String }, ["geladen", "geladen", "geladen", "geladen", "mislukt"])
        // gemeenten.csv has 834 rows (Bron: CBS).
        XCTAssertEqual(all.first?["gelezen"] as? Int, 834)
        for entry in all where entry["status"] as? String == "geladen" {
            let gelezen = entry["gelezen"] as? Int ?? -1
            let sum = (entry["geladen"] as? Int ?? 0) + (entry["vervangen"] as? Int ?? 0) + (entry["afgewezen"] as? Int ?? 0)
            XCTAssertEqual(gelezen, sum, "\(entry)")
            XCTAssertEqual((entry["sha256"] as? String)?.count, 64)
        }
    }

    func testRollbackMarksTheBatchAndAllowsReloading() throws {
        let path = try directory.write("terug.csv", goodFile)
        XCTAssertEqual(try run(["ingest", path]).status, 0)
        let batch = try XCTUnwrap(try benchmarkBatches().first?["batch"] as? Int)

        let rollback = try run(["rollback", "\(batch)"])
        XCTAssertEqual(rollback.status, 0, rollback.stderr)
        XCTAssertEqual(try benchmarkBatches().first?["status"] as? String, "teruggedraaid")

        let table = try run(["batches"])
        XCTAssertTrue(table.stdout.contains("teruggedraaid"), table.stdout)

        let again = try run(["ingest", path])
        XCTAssertEqual(again.status, 0, again.stderr)
        XCTAssertFalse(again.stdout.contains("already loaded"), again.stdout)
        XCTAssertEqual(try benchmarkBatches().map { $0["status"] as? String }, ["teruggedraaid", "geladen"])
    }

    func testRollbackOfUnknownBatchExitsOne() throws {
        XCTAssertEqual(try run(["init"]).status, 0)
        let output = try run(["rollback", "999"])
        XCTAssertEqual(output.status, 1)
        assertOneSentence(output.stderr, mentioning: ["999"])
    }

    func testRollbackOfReferenceDataExitsOne() throws {
        XCTAssertEqual(try run(["init"]).status, 0)
        let output = try run(["rollback", "1"])
        XCTAssertEqual(output.status, 1)
        // Batch 1 is the first load of `init`: the built-in gemeenten.
        assertOneSentence(output.stderr, mentioning: ["1", "gemeenten"])
        XCTAssertEqual(try batches().first?["status"] as? String, "geladen")
    }

    func testCommandsOnAMissingWarehouseSayToRunInit() throws {
        let output = try run(["batches"])
        XCTAssertEqual(output.status, 1)
        assertOneSentence(output.stderr, mentioning: ["init"])
    }

    // MARK: report

    func testSeveralReportsGoToAFolderEachAsItsOwnReport() throws {
        XCTAssertEqual(try run(["init"]).status, 0)
        try directory.write("b.csv", goodFile)
        XCTAssertEqual(try run(["ingest", "b.csv"]).status, 0)

        // Without a folder, several reports are refused as bad usage.
        let noFolder = try run(["report", "--gemeente", "GM0394", "--gemeente", "GM0518", "--periode", "2024-01"])
        XCTAssertEqual(noFolder.status, 2)
        XCTAssertTrue(noFolder.stderr.contains("--output"), noFolder.stderr)

        let named = try run(
            [
                "report", "--gemeente", "GM0394", "--gemeente", "Groningen", "--gemeente", "0394", "--periode", "2024-01", "--format",
                "json",
                "--output", "twee",
            ])
        XCTAssertEqual(named.status, 0, named.stderr)
        let folder = directory.url.appendingPathComponent("twee")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted(), ["GM0014.json", "GM0394.json"])

        // Each file is what `report` writes for that gemeente alone (but for the moment it was made).
        func parsed(_ data: Data) throws -> NSDictionary {
            let object = try XCTUnwrap(try JSONSerialization.jsonObject(with: data) as? [String: Any])
            return NSDictionary(dictionary: object.filter { $0.key != "gemaakt_op" })
        }
        let alone = try run(["report", "--gemeente", "GM0394", "--periode", "2024-01", "--format", "json"])
        XCTAssertEqual(alone.status, 0, alone.stderr)
        let together = try Data(contentsOf: folder.appendingPathComponent("GM0394.json"))
        XCTAssertEqual(try parsed(together), try parsed(Data(alone.stdout.utf8)))
        XCTAssertEqual(try parsed(together)["volume"].flatMap { ($0 as? [String: Any])?["instroom"] as? Int }, 40)

        // `alle`: one report per current gemeente (342 in the built-in CBS list), in the chosen format.
        let all = try run(["report", "--gemeente", "alle", "--periode", "2024-01", "--format", "md", "--output", "alle"])
        XCTAssertEqual(all.status, 0, all.stderr)
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path("alle"))
        XCTAssertEqual(files.count, 342)
        XCTAssertTrue(files.allSatisfy { $0.hasPrefix("GM") && $0.hasSuffix(".md") })
        XCTAssertTrue(all.stderr.contains("342 reports"), all.stderr)
    }

    // MARK: demo and help

    func testDemoBuildsAWarehouseAndShowsHaarlemmermeer() throws {
        let path = directory.path("demo.sqlite")
        let output = try cli.run(["demo", "--db", path], withDatabase: false)
        XCTAssertEqual(output.status, 0, output.stderr)
        XCTAssertTrue(output.stdout.contains("Haarlemmermeer"), output.stdout)
        XCTAssertTrue(FileManager.default.fileExists(atPath: path))
        XCTAssertFalse(FileManager.default.fileExists(atPath: cli.database), "demo uses its own --db")
    }

    func testEveryCommandHelpHasAnExample() throws {
        for command in ["init", "ingest", "batches", "rejects", "rollback", "demo"] {
            let output = try cli.run([command, "--help"], withDatabase: false)
            XCTAssertEqual(output.status, 0, command)
            XCTAssertTrue(output.stdout.contains("Example"), "\(command) --help: \(output.stdout)")
            XCTAssertTrue(output.stdout.contains("bijstand \(command)"), "\(command) --help shows a command line")
        }
        let ingest = try cli.run(["ingest", "--help"], withDatabase: false)
        for option in ["--strict", "--gemeente", "--mapping", "--db"] {
            XCTAssertTrue(ingest.stdout.contains(option), "ingest --help explains \(option)")
        }
        let top = try cli.run(["--help"], withDatabase: false)
        XCTAssertEqual(top.status, 0)
        XCTAssertTrue(top.stdout.contains("bijstand demo"), top.stdout)
    }
}
