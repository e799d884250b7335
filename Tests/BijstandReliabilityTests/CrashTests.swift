import BijstandAssets
import BijstandETL
import BijstandWarehouse
import Foundation
import GRDB
import TestSupport
import XCTest

/// Crashes: the short version of Tests/scripts/crash-test.sh (kill -9 during
/// loads and during `init`, then integrity, all-or-nothing, ledger and re-run
/// equality), and the bug it found in `init`.
final class CrashTests: XCTestCase {
    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("scripts/crash_test.py")

    /// Five kills on small extracts with the debug binary; the script runs fifty on large ones.
    func testKillNineDuringLoadsAndInit() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "python3", Self.script.path, "--bin", CLIRunner.executable.path, "--kills", "5", "--scale", "0.05",
            "--init-every", "3", "--seed", "20260501",
        ]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        print(text)
        XCTAssertEqual(process.terminationStatus, 0, text)
        XCTAssertTrue(text.contains("5 kills, all ok"), text)
    }

    /// `init` loads three built-in files, each in its own transaction. Killed after
    /// the first, the next run must load the other two (it used to see gemeenten
    /// and skip the rest, leaving a warehouse without herindelingen and inwoners).
    func testInterruptedInitIsCompletedByTheNextRun() throws {
        let directory = try TemporaryDirectory()
        let warehouse = try Warehouse.open(path: directory.path("w.sqlite"))
        try warehouse.migrate()
        // What a kill right after the first reference file committed leaves behind.
        let first = ReferenceData.files[0]
        var options = IngestOptions()
        options.kind = first.kind
        _ = try Ingestor(warehouse: warehouse).ingest(
            .bytes(name: "ingebouwd:\(first.path)", content: Array(Assets.text(first.path)!.utf8)), options: options)

        let results = try ReferenceData.prepare(warehouse)
        XCTAssertEqual(results.map(\.kind), ["herindelingen", "inwoners"])
        let kinds = try warehouse.database.read {
            try String.fetchAll($0, sql: "SELECT soort FROM load_batch WHERE status = 'geladen' ORDER BY batch_id")
        }
        XCTAssertEqual(kinds, ["gemeenten", "herindelingen", "inwoners"])
        XCTAssertEqual(try ReferenceData.prepare(warehouse).count, 0, "and a complete warehouse is left alone")
    }
}
