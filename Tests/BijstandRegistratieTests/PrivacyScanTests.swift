import BijstandETL
import BijstandWarehouse
import Foundation
import GRDB
import TestSupport
import XCTest

/// The promise of the registration loader: a raw BSN never reaches the
/// database file, its WAL or shared memory, the quarantine, the ledger or the
/// terminal. A file full of BSNs (valid ones, ones a spreadsheet shortened,
/// ones that fail the elfproef, one in the wrong column, one in a row that
/// cannot be read) is loaded, every command is run on the result, and every
/// byte written is searched for every number.
final class PrivacyScanTests: XCTestCase {
    /// The numbers that must not be found, in every spelling they may take.
    private struct Needles {
        var texts: Set<String> = []

        mutating func add(_ bsn: String) {
            texts.insert(bsn)
            if bsn.hasPrefix("0") { texts.insert(String(bsn.dropFirst())) }
        }

        /// Every needle that occurs anywhere in the bytes, also inside a longer run of digits.
        func found(in bytes: [UInt8]) -> [String] {
            var hits = Set<String>()
            var index = 0
            while index < bytes.count {
                guard bytes[index] >= 0x30 && bytes[index] <= 0x39 else {
                    index += 1
                    continue
                }
                var end = index
                while end < bytes.count, bytes[end] >= 0x30 && bytes[end] <= 0x39 { end += 1 }
                if end - index >= 8 {
                    for length in [8, 9] where end - index >= length {
                        for start in index...(end - length) {
                            let candidate = String(decoding: bytes[start..<(start + length)], as: UTF8.self)
                            if texts.contains(candidate) { hits.insert(candidate) }
                        }
                    }
                }
                index = end
            }
            return hits.sorted()
        }
    }

    private func extract() -> (text: String, needles: Needles) {
        var needles = Needles()
        var lines = ["gemeentecode;dossiernummer;bsn;regeling;startdatum;einddatum;uitstroomreden;geboortedatum"]
        for index in 0..<300 {
            let bsn = TestBSN.valid(index, leadingZero: index % 10 == 0)
            needles.add(bsn)
            // Excel drops the leading zero of a number column.
            let written = index % 20 == 0 ? String(bsn.dropFirst()) : bsn
            // Some gemeenten number their dossiers by BSN.
            let dossier = index % 7 == 0 ? bsn : "D\(index)"
            let end = index % 3 == 0 ? "2019-0\(1 + index % 9)-15" : ""
            lines.append("GM0394;\(dossier);\(written);PW;2017-0\(1 + index % 9)-01;\(end);\(index % 2 == 0 ? "11" : "32");1980-05-17")
        }
        for index in 0..<5 {
            let bad = TestBSN.invalid(500 + index)
            needles.add(bad)
            lines.append("GM0394;X\(index);\(bad);PW;2018-01-01;;;")
        }
        let shifted = TestBSN.valid(600)
        needles.add(shifted)
        // An extra delimiter shifts the BSN into the regeling and startdatum columns.
        lines.append("GM0394;Y1;;\(shifted);\(shifted);2018-01-01;;")
        let broken = TestBSN.valid(601)
        needles.add(broken)
        // A stray quote: the reader cannot split this row.
        lines.append("GM0394;Z1;\"\(broken);PW;2018-01-01\"x;;;")
        // A BSN in the client_id column is pseudonymised as well.
        let header = lines[0] + ";client_id"
        lines[0] = header
        for index in 1..<lines.count { lines[index] += ";" }
        let asClient = TestBSN.valid(602)
        needles.add(asClient)
        lines.append("GM0394;C1;;PW;2018-01-01;;;;\(asClient)")
        return (lines.joined(separator: "\n") + "\n", needles)
    }

    private func bytes(_ path: String) -> [UInt8] {
        (try? [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))) ?? []
    }

    /// Loads in-process and scans the files while the warehouse is open, so the WAL still holds the load.
    func testNoRawBSNInTheDatabaseWALOrSharedMemory() throws {
        let fixture = try WarehouseFixture()
        let (text, needles) = extract()
        let result = try fixture.ingest("met-bsn.csv", text)
        XCTAssertEqual(result.outcome, .loaded)
        XCTAssertEqual(result.counts.loaded, 301)
        XCTAssertEqual(result.counts.rejected, 7)
        let wal = bytes(fixture.path + "-wal")
        XCTAssertGreaterThan(wal.count, 0, "the WAL should still hold the load")
        for suffix in ["", "-wal", "-shm", ".pseudonym-key"] {
            XCTAssertEqual(needles.found(in: bytes(fixture.path + suffix)), [], "warehouse\(suffix)")
        }
        let quarantine = try fixture.rejectRows(result.batch).map {
            "\($0.column ?? "") \($0.value ?? "") \($0.reason) \($0.rawLine ?? "")"
        }
        XCTAssertEqual(needles.found(in: Array(quarantine.joined(separator: "\n").utf8)), [])
        let warnings = try fixture.warningTexts(result.batch).joined(separator: "\n")
        XCTAssertEqual(needles.found(in: Array(warnings.utf8)), [])
        // The rejects are there, with their reasons.
        XCTAssertEqual(quarantine.filter { $0.contains("does not pass the elfproef") }.count, 5)
        XCTAssertTrue(quarantine.contains { $0.contains("is not recognised") || $0.contains("is not a valid date") })
        XCTAssertTrue(quarantine.contains { $0.contains("quote") })
        // And the birth date: only the year is stored.
        XCTAssertEqual(Needles(texts: ["1980-05-17", "17-05-1980"]).found(in: bytes(fixture.path) + wal), [])
    }

    /// The real program, as a user runs it: every output, and the files it leaves behind.
    func testNoRawBSNInAnyOutputOfTheProgram() throws {
        let directory = try TemporaryDirectory()
        let (text, needles) = extract()
        let file = try directory.write("export.csv", text)
        let database = directory.path("gemeente.sqlite")
        let cli = CLIRunner(database: database, workingDirectory: directory.url)
        var outputs: [CLIRunner.Output] = []
        outputs.append(try cli.run(["init"]))
        let ingest = try cli.run(["ingest", file])
        XCTAssertEqual(ingest.status, 3, ingest.stderr)
        outputs.append(ingest)
        // "export.csv: batch 4 (uitkeringen, utf-8, ';')"
        let batch = try XCTUnwrap(
            ingest.stdout.components(separatedBy: "batch ").dropFirst().first?.prefix { $0.isNumber }, ingest.stdout)
        for arguments in [
            ["rejects", String(batch), "--format", "csv"], ["rejects", String(batch), "--format", "json"], ["rejects", String(batch)],
            ["batches", "--format", "json"], ["check", "--format", "json"],
            ["cohort", "--gemeente", "GM0394", "--peildatum", "2018-06-01", "--tot", "2019-06-01", "--format", "json"],
            ["ingest", "uitkeringen", file],
        ] {
            let output = try cli.run(arguments)
            XCTAssertNotEqual(output.status, 1, "\(arguments): \(output.stderr)")
            outputs.append(output)
        }
        XCTAssertTrue(outputs[2].stdout.contains("*********"), outputs[2].stdout)
        for output in outputs {
            XCTAssertEqual(needles.found(in: Array((output.stdout + output.stderr).utf8)), [], output.stdout + output.stderr)
        }
        for name in try FileManager.default.contentsOfDirectory(atPath: directory.url.path) where name != "export.csv" {
            XCTAssertEqual(needles.found(in: bytes(directory.path(name))), [], name)
        }
        let keyFile = try FileManager.default.attributesOfItem(atPath: database + ".pseudonym-key")
        XCTAssertEqual((keyFile[.posixPermissions] as? NSNumber)?.intValue, 0o600)
    }
}
