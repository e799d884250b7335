import BijstandETL
import BijstandWarehouse
import Foundation
import GRDB
import TestSupport
import XCTest

/// Loads and readers at the same time (README, "Reliability"): in WAL mode
/// `sql`, `report` and `batches` keep answering from the last committed state
/// while a load writes, and two loads are serialised: the second waits for
/// the first, and one that waits too long stops with a clear sentence.
final class ConcurrencyTests: XCTestCase {
    private let header = "gemeentecode;periode;regeling;lopend_begin;instroom;uitstroom;lopend_eind\n"

    private func delivery(_ months: ClosedRange<Int>, instroom: Int = 40) -> String {
        header + months.map { "GM0394;2024-\($0 < 10 ? "0" : "")\($0);PW;2100;\(instroom);10;\(2090 + instroom)" }.joined(separator: "\n")
            + "\n"
    }

    /// Runs `body` while a load of `text` is inside its transaction: all its rows are written, none committed.
    private func duringLoad(_ fixture: WarehouseFixture, _ text: String, name: String = "lopend.csv", body: () throws -> Void) throws
        -> IngestResult
    {
        let path = try fixture.directory.write(name, text)
        return try withoutActuallyEscaping(body) { body in
            var options = IngestOptions()
            var ran = false
            var failure: Error?
            options.progress = { _, _ in
                guard !ran else { return }
                ran = true
                do { try body() } catch { failure = error }
            }
            let result = try Ingestor(warehouse: fixture.warehouse).ingest(.file(path: path), options: options)
            XCTAssertTrue(ran, "the load never reported progress")
            if let failure { throw failure }
            return result
        }
    }

    /// A value handed from another thread, guarded by a lock.
    final class Shared<Value>: @unchecked Sendable {
        private let lock = NSLock()
        private var stored: Value
        init(_ value: Value) { stored = value }
        var value: Value {
            get { lock.withLock { stored } }
            set { lock.withLock { stored = newValue } }
        }
        /// Changes the value under the lock: `value[i] = x` would read, change and write
        /// back in two steps, and of two threads doing that at once one change would be lost.
        func mutate(_ change: (inout Value) -> Void) {
            lock.withLock { change(&stored) }
        }
    }

    func testSqlReportAndBatchesAnswerWhileALoadWrites() throws {
        let fixture = try WarehouseFixture()
        try fixture.ingest("januari.csv", delivery(1...1))
        let cli = CLIRunner(database: fixture.path, workingDirectory: fixture.directory.url)
        let result = try duringLoad(fixture, delivery(2...6)) {
            // The load has written February–June but not committed them: readers see January only.
            let sql = try cli.run(["sql", "SELECT count(*) AS n FROM fact_volume_maand", "--format", "csv"])
            XCTAssertEqual(sql.status, 0, sql.stderr)
            XCTAssertEqual(sql.stdout.split(whereSeparator: \.isNewline).last, "1")
            let report = try cli.run(["report", "--gemeente", "GM0394", "--periode", "2024-01", "--format", "json"])
            XCTAssertEqual(report.status, 0, report.stderr)
            XCTAssertTrue(report.stdout.contains("\"instroom\""), report.stdout)
            let batches = try cli.run(["batches", "--format", "json"])
            XCTAssertEqual(batches.status, 0, batches.stderr)
            XCTAssertFalse(batches.stdout.contains("lopend.csv"), "an uncommitted load is not in the ledger yet")
        }
        XCTAssertEqual(result.outcome, .loaded)
        XCTAssertEqual(try fixture.int("SELECT count(*) FROM fact_volume_maand"), 6)
    }

    /// A second load that cannot get the warehouse within its waiting time stops with a sentence, and leaves nothing.
    func testASecondLoadThatWaitsTooLongGetsAClearMessage() throws {
        let fixture = try WarehouseFixture()
        let other = try fixture.directory.write("ander.csv", delivery(7...8))
        let impatient = try Warehouse.open(path: fixture.path, busyTimeout: 0.2)
        _ = try duringLoad(fixture, delivery(1...3)) {
            XCTAssertThrowsError(try Ingestor(warehouse: impatient).ingest(.file(path: other))) { error in
                guard case IngestError.anotherLoadRunning = error else { return XCTFail("\(error)") }
                XCTAssertEqual("\(error)", "Another load is writing to this warehouse; wait until it has finished and try again.")
            }
        }
        XCTAssertEqual(try fixture.int("SELECT count(*) FROM fact_volume_maand"), 3)
        XCTAssertEqual(try fixture.int("SELECT count(*) FROM load_batch WHERE bestand = ?", [other]), 0)
        // Once the first load is done, the same file loads.
        XCTAssertEqual(try Ingestor(warehouse: impatient).ingest(.file(path: other)).outcome, .loaded)
    }

    /// Two loads of the same file at once: the second waits, then finds the
    /// first one's load and does nothing (it checked before it had to wait).
    func testTheSameFileLoadedTwiceAtOnceIsLoadedOnce() throws {
        let fixture = try WarehouseFixture()
        let text = delivery(1...4)
        let path = try fixture.directory.write("dubbel.csv", text)
        let second = try Warehouse.open(path: fixture.path)
        let secondResult = Shared<Result<IngestResult, Error>?>(nil)
        let done = DispatchSemaphore(value: 0)
        let first = try duringLoad(fixture, text, name: "dubbel.csv") {
            DispatchQueue.global().async {
                secondResult.value = Result { try Ingestor(warehouse: second).ingest(.file(path: path)) }
                done.signal()
            }
            // Long enough for the second load to pass its first check and wait for the lock.
            Thread.sleep(forTimeInterval: 0.5)
        }
        done.wait()
        XCTAssertEqual(first.outcome, .loaded)
        let result = try XCTUnwrap(secondResult.value).get()
        XCTAssertEqual(result.outcome, .alreadyLoaded, result.message ?? "")
        XCTAssertEqual(result.batch, first.batch)
        XCTAssertEqual(try fixture.int("SELECT count(*) FROM load_batch WHERE bestand = ?", [path]), 1)
        XCTAssertEqual(try fixture.int("SELECT count(*) FROM fact_volume_maand"), 4)
    }

    /// The real program: two `ingest` processes at once, on different files and on the same file.
    func testTwoIngestProcessesAtOnceAreSerialised() throws {
        let directory = try TemporaryDirectory()
        let database = directory.path("w.sqlite")
        let cli = CLIRunner(database: database, workingDirectory: directory.url)
        XCTAssertEqual(try cli.run(["init"]).status, 0)
        var big = header
        for year in 2000...2023 {
            for month in 1...12 {
                for code in ["GM0394", "GM0518", "GM0363", "GM0344"] {
                    big += "\(code);\(year)-\(month < 10 ? "0" : "")\(month);PW;2100;40;10;2130\n"
                }
            }
        }
        let a = try directory.write("a.csv", big)
        let b = try directory.write("b.csv", delivery(1...12))
        for files in [[a, b], [a, a]] {
            let outputs = Shared<[CLIRunner.Output?]>([nil, nil])
            let group = DispatchGroup()
            for (index, file) in files.enumerated() {
                group.enter()
                DispatchQueue.global().async {
                    let output = try? cli.run(["ingest", file])
                    outputs.mutate { $0[index] = output }
                    group.leave()
                }
            }
            group.wait()
            for output in outputs.value {
                let output = try XCTUnwrap(output)
                XCTAssertEqual(output.status, 0, output.stdout + output.stderr)
            }
        }
        let check = try cli.run(["sql", "PRAGMA integrity_check", "--format", "csv"])
        XCTAssertTrue(check.stdout.contains("ok"), check.stdout + check.stderr)
        let ledger = try cli.run([
            "sql", "SELECT bestand, status FROM load_batch WHERE soort = 'benchmark' ORDER BY bestand", "--format", "csv",
        ])
        XCTAssertEqual(ledger.stdout.split(whereSeparator: \.isNewline).dropFirst(), ["\(a);geladen", "\(b);geladen"], ledger.stderr)
    }
}
