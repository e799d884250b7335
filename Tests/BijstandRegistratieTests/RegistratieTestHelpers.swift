import BijstandETL
import BijstandWarehouse
import Foundation
import GRDB
import TestSupport
import XCTest

/// BSNs for tests: made up, but passing the elfproef (d1×9 + … + d8×2 − d9 ≡ 0 mod 11).
enum TestBSN {
    /// The `n`-th valid BSN of a deterministic series; `leadingZero` gives one starting with 0.
    static func valid(_ n: Int, leadingZero: Bool = false) -> String {
        var seed = n &* 7919 &+ 104_729
        while true {
            var digits = String(format: "%08d", (seed % 90_000_000) + (leadingZero ? 0 : 10_000_000)).map { Int(String($0))! }
            if leadingZero { digits[0] = 0 } else if digits[0] == 0 { digits[0] = 1 }
            let sum = digits.enumerated().reduce(0) { $0 + $1.element * (9 - $1.offset) }
            let check = sum % 11
            if check < 10 {
                return (digits + [check]).map(String.init).joined()
            }
            seed += 1
        }
    }

    /// Nine digits that fail the elfproef.
    static func invalid(_ n: Int) -> String {
        let good = valid(n)
        let last = Int(String(good.last!))!
        return String(good.dropLast()) + String((last + 1) % 10)
    }
}

/// One month of registratie figures from `v_volume_maand`.
struct Stand: Equatable, CustomStringConvertible {
    var begin: Int
    var instroom: Int
    var uitstroom: Int
    var eind: Int
    var status = "definitief"

    var description: String { "begin \(begin) in \(instroom) uit \(uitstroom) eind \(eind) \(status)" }
}

extension WarehouseFixture {
    /// The registratie figures of one gemeente × month × regeling in one unit.
    func registratie(_ code: String, _ maand: String, _ regeling: String = "PW", eenheid: String = "dossiers") throws -> Stand? {
        try warehouse.database.read { db in
            try Row.fetchOne(
                db,
                sql: """
                    SELECT stand_begin, instroom, uitstroom, stand_eind, status FROM v_volume_maand
                    WHERE gemeentecode = ? AND maand = ? AND regeling = ? AND bron = 'registratie' AND eenheid = ?
                    """,
                arguments: [code, maand, regeling, eenheid]
            ).map { Stand(begin: $0[0], instroom: $0[1], uitstroom: $0[2], eind: $0[3], status: $0[4]) }
        }
    }

    /// Registratie uitstroom per reason code in one month.
    func uitstroomRedenen(_ code: String, _ maand: String, eenheid: String = "dossiers") throws -> [String: Int] {
        try warehouse.database.read { db in
            var counts: [String: Int] = [:]
            for row in try Row.fetchAll(
                db,
                sql: """
                    SELECT reden, sum(aantal) FROM v_uitstroom_reden_maand
                    WHERE gemeentecode = ? AND maand = ? AND bron = 'registratie' AND eenheid = ? GROUP BY reden
                    """,
                arguments: [code, maand, eenheid])
            {
                counts[row[0]] = row[1]
            }
            return counts
        }
    }

    func warningTexts(_ batch: Int64?) throws -> [String] {
        try warehouse.database.read { db in
            try String.fetchAll(db, sql: "SELECT melding FROM load_waarschuwing WHERE batch_id = ? ORDER BY rowid", arguments: [batch])
        }
    }

    func rejectRows(_ batch: Int64?) throws -> [RejectedRow] {
        guard let batch else { return [] }
        return try warehouse.database.read { try LoadLedger.rejects(batch: batch, in: $0) }
    }

    func strings(_ sql: String, _ arguments: StatementArguments = []) throws -> [String] {
        try warehouse.database.read { try String.fetchAll($0, sql: sql, arguments: arguments) }
    }

    func rollback(_ batch: Int64?) throws {
        try warehouse.database.write { try LoadLedger.rollback(batch: batch!, in: $0) }
    }
}

/// Asserts a load's counts (and that it loaded).
func assertLoad(
    _ result: IngestResult, read: Int, loaded: Int, replaced: Int = 0, rejected: Int = 0,
    file: StaticString = #filePath, line: UInt = #line
) {
    XCTAssertEqual(result.outcome, .loaded, result.message ?? "", file: file, line: line)
    XCTAssertEqual(result.counts.read, read, "read", file: file, line: line)
    XCTAssertEqual(result.counts.loaded, loaded, "loaded", file: file, line: line)
    XCTAssertEqual(result.counts.replaced, replaced, "replaced", file: file, line: line)
    XCTAssertEqual(result.counts.rejected, rejected, "rejected", file: file, line: line)
}

/// The header of a registration file with the columns most tests use.
let spellHeader = "gemeentecode;dossiernummer;bsn;regeling;startdatum;einddatum;uitstroomreden;personen"
