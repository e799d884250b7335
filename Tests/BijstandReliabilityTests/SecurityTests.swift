import BijstandETL
import BijstandWarehouse
import Foundation
import GRDB
import TestSupport
import XCTest

/// The security promises this suite adds to the feature tests
/// (BijstandAnalystTests: `sql` refuses every write route; BijstandRegistratieTests:
/// no raw BSN on disk or in any output, the key file private):
/// every file the program creates is private whatever the umask, and the
/// routes out of `sql` that those tests do not name change nothing either.
final class SecurityTests: XCTestCase {
    private func permissions(_ path: String) -> Int? {
        (try? FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber)?.intValue
    }

    /// With `umask 000` a careless program creates files anyone can read; the
    /// warehouse, its WAL and shared memory, the key file and a backup stay 0600.
    func testEveryFileIsPrivateEvenWithAPermissiveUmask() throws {
        let directory = try TemporaryDirectory()
        let database = directory.path("w.sqlite")
        let spells = try directory.write("spells.csv", "gemeentecode;dossiernummer;bsn;startdatum\nGM0394;D1;123456782;2019-01-01\n")
        func run(_ arguments: String) throws -> Int32 {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/bin/sh")
            process.arguments = ["-c", "umask 000 && exec \"$0\" \(arguments) --db \"$1\"", CLIRunner.executable.path, database]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            process.waitUntilExit()
            return process.terminationStatus
        }
        XCTAssertEqual(try run("init"), 0)
        XCTAssertEqual(try run("ingest '\(spells)'"), 0)
        XCTAssertEqual(try run("backup '\(directory.path("kopie.sqlite"))'"), 0)
        for name in ["w.sqlite", "w.sqlite.pseudonym-key", "kopie.sqlite"] {
            XCTAssertEqual(permissions(directory.path(name)), 0o600, name)
        }

        // The WAL and shared memory exist while a connection is open: open one under umask 000.
        let old = umask(0)
        defer { umask(old) }
        let warehouse = try Warehouse.open(path: database)
        try warehouse.database.write { try $0.execute(sql: "UPDATE dim_bron SET omschrijving = omschrijving") }
        for suffix in ["-wal", "-shm"] {
            XCTAssertTrue(FileManager.default.fileExists(atPath: database + suffix), suffix)
            XCTAssertEqual(permissions(database + suffix), 0o600, suffix)
        }
        // A new warehouse is private from the moment it exists.
        _ = try Warehouse.open(path: directory.path("nieuw.sqlite"))
        XCTAssertEqual(permissions(directory.path("nieuw.sqlite")), 0o600)
    }

    /// Routes out of `sql` beyond AnalystQueryTests.attacks: SQLite shell
    /// functions that read or write files, settings that move files, schema-
    /// qualified and table-valued pragmas, raw pages. Each fails, and neither
    /// the warehouse nor its folder changes.
    func testMoreRoutesOutOfSqlChangeNothing() throws {
        let fixture = try WarehouseFixture()
        try fixture.ingest("a.csv", FailureInjectionTests.cases[0].before!)
        let cli = CLIRunner(database: fixture.path, workingDirectory: fixture.directory.url)
        _ = try cli.run(["sql", "SELECT 1"])  // let the warehouse settle (a first open checkpoints)
        let before = try Data(contentsOf: URL(fileURLWithPath: fixture.path))
        let folder = Set(try FileManager.default.contentsOfDirectory(atPath: fixture.directory.url.path))
        let routes = [
            "SELECT writefile('uit.txt', 'x')",
            "SELECT readfile('/etc/passwd')",
            "SELECT edit('x', 'vi')",
            "PRAGMA temp_store_directory = '\(fixture.directory.url.path)'",
            "PRAGMA data_store_directory = '\(fixture.directory.url.path)'",
            "PRAGMA main.user_version = 9",
            "PRAGMA main.journal_mode = DELETE",
            "PRAGMA main.wal_checkpoint(TRUNCATE)",
            "PRAGMA locking_mode = EXCLUSIVE",
            "PRAGMA mmap_size = 268435456",
            "SELECT * FROM pragma_journal_mode('delete')",
            "INSERT INTO sqlite_dbpage (pgno, data) VALUES (1, zeroblob(4096))",
            "UPDATE sqlite_dbpage SET data = zeroblob(4096) WHERE pgno = 1",
            "CREATE TEMP TRIGGER t AFTER INSERT ON dim_bron BEGIN SELECT 1; END",
            "ATTACH 'file:uit.sqlite?mode=rwc' AS uit",
            "VACUUM main INTO 'kopie.sqlite'",
            "SELECT sqlite_compileoption_used('x'); DELETE FROM dim_bron",
        ]
        for sql in routes {
            let result = try cli.run(["sql", sql])
            XCTAssertEqual(result.status, 1, "\(sql): \(result.stdout)")
            XCTAssertFalse(result.stderr.isEmpty, sql)
        }
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: fixture.path)), before, "the warehouse file changed")
        XCTAssertEqual(
            Set(try FileManager.default.contentsOfDirectory(atPath: fixture.directory.url.path)), folder, "a file appeared or went")
        XCTAssertEqual(try fixture.int("SELECT count(*) FROM fact_volume_maand"), 3)
    }
}
