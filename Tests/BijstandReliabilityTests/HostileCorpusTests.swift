import BijstandETL
import BijstandWarehouse
import Foundation
import GRDB
import TestSupport
import XCTest

/// The corpus of hostile files in Tests/Fixtures/hostile: each is loaded by
/// the real program into a fresh warehouse and must end exactly as its row in
/// `manifest.csv` says (exit status, ledger counts, rejected lines, message),
/// leave a sound database, and keep the reader's promises (`ReaderTrace`).
final class HostileCorpusTests: XCTestCase {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/hostile")

    struct Expectation {
        var file: String
        var kind: String?
        var exit: Int32
        var counts: (read: Int, loaded: Int, rejected: Int, empty: Int)?
        var rejectedLines: [Int]
        var message: String?
        var forbidden: [String]
    }

    static func manifest() throws -> [Expectation] {
        let text = try String(contentsOf: folder.appendingPathComponent("manifest.csv"), encoding: .utf8)
        return text.split(whereSeparator: \.isNewline).dropFirst().map { line in
            // The last column (toelichting) is free text and may hold anything.
            let f = line.split(separator: ";", maxSplits: 10, omittingEmptySubsequences: false).map(String.init)
            let numbers = f[3...6].compactMap { Int($0) }
            return Expectation(
                file: f[0], kind: f[1].isEmpty ? nil : f[1], exit: Int32(f[2])!,
                counts: numbers.count == 4 ? (numbers[0], numbers[1], numbers[2], numbers[3]) : nil,
                rejectedLines: f[7].split(separator: " ").compactMap { Int($0) },
                message: f[8].isEmpty ? nil : f[8], forbidden: f[9].split(separator: " ").map(String.init))
        }
    }

    func testEveryFileEndsAsTheManifestSays() throws {
        let expectations = try Self.manifest()
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.folder.path).filter {
            $0.hasSuffix(".csv") && $0 != "manifest.csv"
        }
        XCTAssertEqual(Set(expectations.map(\.file)), Set(files), "every file in the corpus has exactly one row in manifest.csv")
        XCTAssertGreaterThanOrEqual(expectations.count, 30)

        let directory = try TemporaryDirectory()
        let template = directory.path("template.sqlite")
        XCTAssertEqual(try CLIRunner(database: template, workingDirectory: directory.url).run(["init"]).status, 0)
        let initialBatches =
            try DatabaseQueue(path: template).read { try Int.fetchOne($0, sql: "SELECT max(batch_id) FROM load_batch") } ?? 0

        for (index, expected) in expectations.enumerated() {
            let name = expected.file
            let database = directory.path("w\(index).sqlite")
            try FileManager.default.copyItem(atPath: template, toPath: database)
            let file = Self.folder.appendingPathComponent(name).path
            let output = try CLIRunner(database: database, workingDirectory: directory.url)
                .run(["ingest"] + (expected.kind.map { [$0] } ?? []) + [file])
            let said = output.stdout + output.stderr
            XCTAssertEqual(output.status, expected.exit, "\(name): \(said)")
            if let message = expected.message {
                XCTAssertTrue(said.contains(message), "\(name): expected '\(message)' in: \(said)")
            }
            XCTAssertFalse(said.contains("Fatal error") || said.contains("Stack dump"), "\(name): \(said)")
            // Values from the file reach the terminal escaped: an ANSI sequence in a file must not drive the terminal.
            let controls = said.unicodeScalars.filter { ($0.value < 0x20 && $0 != "\n") || (0x7F...0x9F).contains($0.value) }
            XCTAssertEqual(controls.map { String($0.value, radix: 16) }, [], "\(name): control characters in the output")

            let queue = try DatabaseQueue(path: database)
            try queue.read { db in
                try WarehouseState.assertSound(db, name)
                let batches = try Row.fetchAll(
                    db, sql: "SELECT * FROM load_batch WHERE batch_id > ? ORDER BY batch_id", arguments: [initialBatches])
                if let counts = expected.counts {
                    XCTAssertEqual(batches.count, 1, name)
                    guard let batch = batches.first else { return }
                    XCTAssertEqual(batch["status"] as String, "geladen", name)
                    XCTAssertEqual(batch["regels_gelezen"] as Int, counts.read, "\(name): gelezen")
                    XCTAssertEqual(batch["geladen"] as Int + (batch["vervangen"] as Int), counts.loaded, "\(name): geladen")
                    XCTAssertEqual(batch["afgewezen"] as Int, counts.rejected, "\(name): afgewezen")
                    XCTAssertEqual(batch["lege_regels"] as Int, counts.empty, "\(name): lege regels")
                    let lines = try Int.fetchAll(
                        db, sql: "SELECT regel FROM load_afwijzing WHERE batch_id = ? ORDER BY regel",
                        arguments: [batch["batch_id"] as Int64])
                    XCTAssertEqual(lines, expected.rejectedLines, "\(name): rejected lines")
                } else {
                    // Refused as a whole: at most a failed attempt in the ledger, and no data.
                    XCTAssertEqual(batches.filter { $0["status"] as String != "mislukt" }.count, 0, name)
                    XCTAssertEqual(try Int.fetchOne(db, sql: "SELECT count(*) FROM fact_volume_maand"), 0, name)
                }
                // The tables an attacker named in the file are still there.
                XCTAssertTrue(try db.tableExists("fact_volume_maand"), name)
            }
            try queue.close()
            for needle in expected.forbidden {
                XCTAssertFalse(said.contains(needle), "\(name): \(needle) in the output")
                for suffix in ["", "-wal", "-shm"] {
                    let bytes = (try? [UInt8](Data(contentsOf: URL(fileURLWithPath: database + suffix)))) ?? []
                    XCTAssertNil(bytes.firstRange(of: Array(needle.utf8)), "\(name): \(needle) in warehouse\(suffix)")
                }
            }

            // The reader itself keeps its promises on every file of the corpus.
            FieldParserProbe.failures.removeAll()
            let trace = ReaderTrace.read([UInt8](try Data(contentsOf: URL(fileURLWithPath: file))), name: name)
            XCTAssertEqual(trace.violations() + FieldParserProbe.failures, [], name)
        }
    }
}
