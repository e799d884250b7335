import BijstandETL
import BijstandWarehouse
import Foundation
import GRDB
import TestSupport
import XCTest

/// `bijstand backup FILE` (SQLite's online backup API) and the restore the
/// README describes: the copy equals the warehouse, is private, holds no raw
/// BSN, is taken from one moment even while a load writes, never overwrites a
/// file, and restores to a warehouse that works.
final class BackupTests: XCTestCase {
    private func state(_ path: String) throws -> [String: String] {
        let queue = try DatabaseQueue(path: path)
        defer { try? queue.close() }
        return try queue.read { db in
            try WarehouseState.assertSound(db, path)
            return try WarehouseState.dump(db)
        }
    }

    private func permissions(_ path: String) throws -> Int {
        (try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber)?.intValue ?? -1
    }

    func testBackupEqualsTheWarehouseAndRestoresToAWorkingOne() throws {
        let fixture = try WarehouseFixture()
        try fixture.ingest("benchmark.csv", FailureInjectionTests.cases[0].before!)
        let spells = FailureInjectionTests.cases.first { $0.kind == "uitkeringen" }!.before!
        try fixture.ingest("spells.csv", spells)
        let cli = CLIRunner(database: fixture.path, workingDirectory: fixture.directory.url)
        let copy = fixture.directory.path("backup/bijstand-kopie.sqlite")
        try FileManager.default.createDirectory(atPath: fixture.directory.path("backup"), withIntermediateDirectories: true)

        let made = try cli.run(["backup", copy])
        XCTAssertEqual(made.status, 0, made.stderr)
        XCTAssertTrue(made.stdout.contains("integrity check ok"), made.stdout)
        XCTAssertTrue(made.stderr.contains("pseudonym key"), "the note about the key file: \(made.stderr)")
        XCTAssertEqual(try permissions(copy), 0o600)
        XCTAssertEqual(
            try FileManager.default.contentsOfDirectory(atPath: fixture.directory.path("backup")), ["bijstand-kopie.sqlite"],
            "one self-contained file: no -wal, -shm or partial file beside it")
        XCTAssertEqual(try state(copy), try fixture.warehouse.database.read { try WarehouseState.dump($0) })
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: copy)))
        XCTAssertNil(bytes.firstRange(of: Array("123456782".utf8)), "a raw BSN in the backup")

        // Restore: the damaged warehouse goes aside with its -wal and -shm, the backup comes back under its name.
        let original = try state(fixture.path)
        let restored = fixture.directory.path("hersteld/warehouse.sqlite")
        try FileManager.default.createDirectory(atPath: fixture.directory.path("hersteld"), withIntermediateDirectories: true)
        let back = try CLIRunner(database: copy, workingDirectory: fixture.directory.url).run(["backup", restored])
        XCTAssertEqual(back.status, 0, back.stderr)
        XCTAssertEqual(try state(restored), original)
        // The restored warehouse works: reports, the ledger, and a new registration load with the same key.
        let restoredCLI = CLIRunner(database: restored, workingDirectory: fixture.directory.url)
        try FileManager.default.copyItem(
            atPath: PseudonymKey.filePath(forWarehouse: fixture.path), toPath: PseudonymKey.filePath(forWarehouse: restored))
        XCTAssertEqual(try restoredCLI.run(["report", "--gemeente", "GM0394", "--periode", "2024-02"]).status, 0)
        XCTAssertEqual(try restoredCLI.run(["batches"]).status, 0)
        let next = try fixture.directory.write("spells-2.csv", FailureInjectionTests.cases.first { $0.kind == "uitkeringen" }!.delivery)
        let load = try restoredCLI.run(["ingest", next])
        XCTAssertEqual(load.status, 3, load.stdout + load.stderr)
    }

    /// A backup taken while a load is inside its transaction holds the state before that load.
    func testBackupDuringALoadIsTheLastCommittedState() throws {
        let fixture = try WarehouseFixture()
        try fixture.ingest("a.csv", FailureInjectionTests.cases[0].before!)
        let before = try fixture.warehouse.database.read { try WarehouseState.dump($0) }
        let copy = fixture.directory.path("tijdens.sqlite")
        let path = try fixture.directory.write("groot.csv", FailureInjectionTests.largeBenchmark(months: 100))
        var options = IngestOptions()
        var output: CLIRunner.Output?
        options.progress = { _, _ in
            if output == nil {
                output = try? CLIRunner(database: fixture.path, workingDirectory: fixture.directory.url).run(["backup", copy])
            }
        }
        XCTAssertEqual(try Ingestor(warehouse: fixture.warehouse).ingest(.file(path: path), options: options).outcome, .loaded)
        XCTAssertEqual(output?.status, 0, output?.stderr ?? "no backup ran")
        XCTAssertEqual(WarehouseState.differences(try state(copy), before), [])
    }

    func testBackupNeverOverwritesAndSaysWhy() throws {
        let fixture = try WarehouseFixture()
        let cli = CLIRunner(database: fixture.path, workingDirectory: fixture.directory.url)
        let existing = try fixture.directory.write("bestaat.sqlite", "niet overschrijven")
        let refused = try cli.run(["backup", existing])
        XCTAssertEqual(refused.status, 1)
        XCTAssertTrue(refused.stderr.contains("already exists"), refused.stderr)
        XCTAssertEqual(try String(contentsOfFile: existing, encoding: .utf8), "niet overschrijven")

        // A -wal left beside the target would be mixed into the copy by SQLite.
        let target = fixture.directory.path("nieuw.sqlite")
        try fixture.directory.write("nieuw.sqlite-wal", "oud")
        let stray = try cli.run(["backup", target])
        XCTAssertEqual(stray.status, 1)
        XCTAssertTrue(stray.stderr.contains("left over"), stray.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: target))

        XCTAssertEqual(try cli.run(["backup", fixture.path]).status, 1, "onto itself")
        let missing = try CLIRunner(database: fixture.directory.path("geen.sqlite"), workingDirectory: fixture.directory.url)
            .run(["backup", fixture.directory.path("x.sqlite")])
        XCTAssertEqual(missing.status, 1)
        XCTAssertTrue(missing.stderr.contains("bijstand init"), missing.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: fixture.directory.path("geen.sqlite")), "a backup creates no warehouse")
        XCTAssertFalse(
            try FileManager.default.contentsOfDirectory(atPath: fixture.directory.url.path).contains { $0.contains(".partial-") })
    }
}
