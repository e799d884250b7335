import BijstandETL
import BijstandWarehouse
import Foundation
import GRDB
import TestSupport
import XCTest

/// A national-size benchmark delivery: every current gemeente, every month of
/// 2014–2025, four regelingen, about 194.000 rows, with deliberately bad rows
/// in between. Every row must be accounted for.
final class NationalLoadTests: XCTestCase {
    func testNationalDeliveryAccountsForEveryRow() throws {
        let fixture = try WarehouseFixture()
        // gemeenten.csv (Bron: CBS): 342 codes without geldig_tot; 324 of them
        // existed before 2014 (geldig_vanaf empty or ≤ 2014-01-01), the other 18
        // started between 2015-01-01 and 2019-01-01.
        let current = try fixture.warehouse.database.read { db in
            try Row.fetchAll(
                db, sql: "SELECT gemeentecode, geldig_vanaf FROM dim_gemeente WHERE geldig_tot IS NULL ORDER BY gemeente_id"
            ).map { (code: $0[0] as String, vanaf: $0[1] as String?) }
        }
        XCTAssertEqual(current.count, 342)
        XCTAssertEqual(current.filter { ($0.vanaf ?? "") <= "2014-01-01" }.count, 324)

        let regelingen = ["PW", "IOAW", "IOAZ", "BBZ"]
        var text = "gemeentecode;periode;regeling;lopend_begin;instroom;uitstroom;lopend_eind;uitstroom_werk\n"
        text.reserveCapacity(9_000_000)
        var line = 1
        var valid = 0
        var badLines: [Int] = []
        var instroomTotal = 0
        var standEindTotal = 0
        var werkTotal = 0
        var uitstroomTotal = 0

        func write(_ row: String, bad: Bool) {
            text += row
            text += "\n"
            line += 1
            if bad { badLines.append(line) } else { valid += 1 }
        }

        for (index, gemeente) in current.enumerated() {
            // The first month the gemeente existed, from its geldig_vanaf (all are a first of the month).
            var firstMonth = 2014_01
            if let vanaf = gemeente.vanaf, vanaf > "2014-01-01" {
                firstMonth = Int(vanaf.prefix(4))! * 100 + Int(vanaf.dropFirst(5).prefix(2))!
                XCTAssertTrue(vanaf.hasSuffix("-01"), vanaf)
                // One month too early: the gemeente did not exist yet.
                let before = firstMonth % 100 == 1 ? firstMonth - 100 + 11 : firstMonth - 1
                write("\(gemeente.code);\(before / 100)-\(String(format: "%02d", before % 100));PW;10;1;1;10", bad: true)
            }
            for year in 2014...2025 {
                for month in 1...12 where year * 100 + month >= firstMonth {
                    let maand = "\(year)-\(month < 10 ? "0" : "")\(month)"
                    for (r, regeling) in regelingen.enumerated() {
                        let begin = (index * 37 + year * 11 + month * 5 + r * 3) % 9000 + 20
                        let instroom = (index + month + r) % 50
                        let uitstroom = (index * 3 + year + r) % 40
                        let eind = begin + instroom - uitstroom
                        let werk = uitstroom / 3
                        instroomTotal += instroom
                        standEindTotal += eind
                        werkTotal += werk
                        uitstroomTotal += uitstroom
                        write("\(gemeente.code);\(maand);\(regeling);\(begin);\(instroom);\(uitstroom);\(eind);\(werk)", bad: false)
                    }
                }
            }
            if gemeente.code == "GM0394" {  // after GM0394's own rows, so the duplicate comes second
                write("GM9999;2020-01;PW;10;1;1;10", bad: true)  // not a code CBS has used
                write("GM0393;2020-03;PW;61;2;1;62", bad: true)  // became part of GM0394 on 2019-01-01
                write("GM0394;2020-03;PW;2.100,5;1;1;10", bad: true)  // not a whole number
                write("GM0394;2020-03;PW;2100;-1;1;10", bad: true)  // negative
                write("GM0394;\"2020\"-04;PW;2100;1;1;10", bad: true)  // misplaced quote
                write("0394;202001;Participatiewet;2100;1;1;2100", bad: true)  // same key as an earlier row
            }
        }
        let rows = line - 1
        // 324 × 144 × 4 = 186.624 rows for the older gemeenten, plus the newer ones' months.
        XCTAssertGreaterThan(valid, 186_624)
        XCTAssertEqual(badLines.count, 18 + 6)

        let started = Date()
        let path = try fixture.directory.write("benchmark-nederland.csv", text)
        let result = try Ingestor(warehouse: fixture.warehouse).ingest(.file(path: path))
        let seconds = Date().timeIntervalSince(started)
        print("national load: \(rows) rows in \(String(format: "%.1f", seconds)) s")

        XCTAssertEqual(result.outcome, .loaded)
        XCTAssertEqual(result.counts.read, rows)
        XCTAssertEqual(result.counts.read, result.counts.loaded + result.counts.replaced + result.counts.rejected)
        XCTAssertEqual(result.counts.rejected, badLines.count)
        XCTAssertEqual(result.counts.loaded, valid)
        XCTAssertEqual(result.counts.replaced, 0)

        let batch = try XCTUnwrap(try fixture.batch(result.batch))
        XCTAssertEqual(batch.counts, result.counts)
        XCTAssertEqual(try fixture.factCount(), valid)
        XCTAssertEqual(try fixture.rejects(result.batch).map(\.line), badLines)
        XCTAssertEqual(try fixture.int("SELECT sum(instroom) FROM fact_volume_maand"), instroomTotal)
        XCTAssertEqual(try fixture.int("SELECT sum(stand_eind) FROM fact_volume_maand"), standEindTotal)
        // Reasons: werk as delivered, the rest of each uitstroom as onbekend.
        XCTAssertEqual(try fixture.int("SELECT sum(aantal) FROM v_uitstroom_reden_maand WHERE reden = 'werk'"), werkTotal)
        XCTAssertEqual(try fixture.int("SELECT sum(aantal) FROM v_uitstroom_reden_maand"), uitstroomTotal)
        XCTAssertEqual(try fixture.int("SELECT count(DISTINCT gemeente_id) FROM fact_volume_maand"), 342)
        XCTAssertEqual(try fixture.int("SELECT count(*) FROM v_volume_maand WHERE gemeentecode = 'GM0394'"), 144 * 4)
    }
}
