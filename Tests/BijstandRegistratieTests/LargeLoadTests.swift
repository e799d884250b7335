import BijstandCore
import BijstandETL
import Foundation
import TestSupport
import XCTest

/// A million spells must load in one transaction without the process growing
/// with the file. Slow (minutes in a debug build), so it runs only when
/// BIJSTAND_SLOW_TESTS=1 is set; BIJSTAND_SLOW_SPELLS changes the number.
///
///     BIJSTAND_SLOW_TESTS=1 swift test -c release --filter LargeLoadTests
final class LargeLoadTests: XCTestCase {
    func testAMillionSpellsLoadInBoundedMemory() throws {
        let environment = ProcessInfo.processInfo.environment
        try XCTSkipUnless(environment["BIJSTAND_SLOW_TESTS"] == "1", "set BIJSTAND_SLOW_TESTS=1 to run the million-spell load")
        let spells = Int(environment["BIJSTAND_SLOW_SPELLS"] ?? "") ?? 1_000_000
        let fixture = try WarehouseFixture()
        let path = fixture.directory.path("miljoen.csv")
        try Self.writeSpells(spells, to: path)

        let before = Self.residentKilobytes()
        Self.resetPeak()
        let started = Date()
        var options = IngestOptions()
        options.kind = "uitkeringen"
        let result = try Ingestor(warehouse: fixture.warehouse).ingest(.file(path: path), options: options)
        let seconds = Date().timeIntervalSince(started)
        let growth = Self.peakResidentKilobytes() - before
        print("\(spells) spells loaded in \(String(format: "%.1f", seconds)) s; peak resident memory grew by \(growth / 1024) MB")

        XCTAssertEqual(result.outcome, .loaded, result.message ?? "")
        XCTAssertEqual(result.counts.read, spells)
        XCTAssertEqual(result.counts.loaded, spells)
        XCTAssertEqual(try fixture.int("SELECT count(*) FROM fact_uitkering"), spells)
        XCTAssertEqual(
            try fixture.int(
                "SELECT count(*) FROM fact_volume_maand WHERE bron_id = 2 AND stand_eind <> stand_begin + instroom - uitstroom"), 0)
        // The reader's buffers, SQLite's page cache and the per-gemeente state: not the file.
        XCTAssertLessThan(growth, 120 * 1024, "memory grew with the file")
    }

    /// Writes `count` spells of one gemeente with BSNs, reasons and attributes, in blocks.
    static func writeSpells(_ count: Int, to path: String) throws {
        _ = FileManager.default.createFile(atPath: path, contents: nil)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        defer { try? handle.close() }
        var block = "gemeentecode;dossiernummer;bsn;regeling;startdatum;einddatum;uitstroomreden;personen;geboortejaar;geslacht;leefvorm\n"
        var random = SeededRandom(seed: 1)
        let reasons = ["11", "13", "32", "03", "98", "werk", ""]
        let regelingen = ["PW", "PW", "PW", "PW", "PW", "PW", "PW", "IOAW", "IOAZ", "BBZ"]
        var written = 0
        var dossier = 0
        while written < count {
            dossier += 1
            let bsn = TestBSN.valid(dossier)
            var start = Day(daysSinceEpoch: 9_131 + random.next(below: 11_000))  // 1995 to 2025
            for _ in 0..<(1 + random.next(below: 3)) where written < count {
                let end = start.adding(days: 20 + random.next(below: 2_000))
                let running = end.year >= 2025 || random.next(below: 10) == 0
                block += "GM0363;D\(dossier);\(bsn);\(regelingen[random.next(below: 10)]);\(start.iso);"
                block += running ? ";;" : "\(end.iso);\(reasons[random.next(below: reasons.count)]);"
                block +=
                    "\(1 + random.next(below: 2));\(1950 + random.next(below: 50));\(random.next(below: 2) == 0 ? "M" : "V");\(1 + random.next(below: 4))\n"
                written += 1
                if running { break }
                start = end.adding(days: 1 + random.next(below: 900))
            }
            if block.utf8.count > 1 << 20 {
                handle.write(Data(block.utf8))
                block = ""
            }
        }
        handle.write(Data(block.utf8))
    }

    /// The peak resident memory since `resetPeak()` (Linux: VmHWM).
    static func peakResidentKilobytes() -> Int { status("VmHWM") }

    static func residentKilobytes() -> Int { status("VmRSS") }

    /// Starts a new peak, so file generation before the load does not count.
    static func resetPeak() {
        try? "5".write(toFile: "/proc/self/clear_refs", atomically: false, encoding: .utf8)
    }

    private static func status(_ field: String) -> Int {
        let text = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
        let line = text.split(separator: "\n").first { $0.hasPrefix(field + ":") } ?? ""
        return Int(line.split(separator: " ").dropFirst().first ?? "") ?? 0
    }
}
