import BijstandCore
import BijstandETL
import GRDB
import TestSupport
import XCTest

/// The monthly registratie figures derived from the spells: hand-worked
/// examples of the definitions, and a comparison with a direct count for many
/// random spells.
final class RegistratieMaandTests: XCTestCase {
    private var fixture: WarehouseFixture!

    override func setUpWithError() throws {
        fixture = try WarehouseFixture()
    }

    override func tearDown() {
        fixture = nil
    }

    private let header = "gemeentecode;dossiernummer;regeling;startdatum;einddatum;uitstroomreden;personen;peildatum"

    /// Eight spells whose figures are worked out by hand below.
    private var example: String {
        """
        \(header)
        GM0394;d1;PW;1985-06-01;;;2;2019-03-31
        GM0394;d2;PW;1988-01-01;1989-06-30;11;1;2019-03-31
        GM0394;d3;PW;2019-01-01;2019-01-31;11;1;2019-03-31
        GM0394;d4;PW;2018-12-31;2019-02-01;32;2;2019-03-31
        GM0394;d5;PW;2019-02-15;2019-04-15;11;1;2019-03-31
        GM0394;d6;PW;2019-04-02;;;1;2019-03-31
        GM0394;d7;IOAW;2019-03-01;;;1;2019-03-31
        GM0394;d8;PW;2019-01-10;2019-03-31;;1;2019-03-31
        """
    }

    func testHandWorkedMonths() throws {
        assertLoad(try fixture.ingest("voorbeeld.csv", example), read: 8, loaded: 8)
        // d1 runs since 1985: the opening stand of 1990-01, the first month of the calendar. d2 ended before it.
        XCTAssertEqual(try fixture.registratie("GM0394", "1990-01"), Stand(begin: 1, instroom: 0, uitstroom: 0, eind: 1))
        XCTAssertEqual(
            try fixture.registratie("GM0394", "1990-01", eenheid: "personen"), Stand(begin: 2, instroom: 0, uitstroom: 0, eind: 2))
        XCTAssertNil(try fixture.registratie("GM0394", "1989-12"))
        // d4 starts on 31 December 2018.
        XCTAssertEqual(try fixture.registratie("GM0394", "2018-12"), Stand(begin: 1, instroom: 1, uitstroom: 0, eind: 2))
        // d3 starts on 1 January (instroom, not in the opening stand) and ends on 31 January; d8 starts on 10 January.
        XCTAssertEqual(try fixture.registratie("GM0394", "2019-01"), Stand(begin: 2, instroom: 2, uitstroom: 1, eind: 3))
        XCTAssertEqual(
            try fixture.registratie("GM0394", "2019-01", eenheid: "personen"), Stand(begin: 4, instroom: 2, uitstroom: 1, eind: 5))
        // d4 ends on 1 February: uitstroom in February.
        XCTAssertEqual(try fixture.registratie("GM0394", "2019-02"), Stand(begin: 3, instroom: 1, uitstroom: 1, eind: 3))
        XCTAssertEqual(
            try fixture.registratie("GM0394", "2019-02", eenheid: "personen"), Stand(begin: 5, instroom: 1, uitstroom: 2, eind: 4))
        // d8 ends on the peildatum; d5 ends after it, so it still runs; d6 starts after it and is not counted.
        XCTAssertEqual(
            try fixture.registratie("GM0394", "2019-03"), Stand(begin: 3, instroom: 0, uitstroom: 1, eind: 2, status: "voorlopig"))
        XCTAssertNil(try fixture.registratie("GM0394", "2019-04"))
        XCTAssertEqual(
            try fixture.registratie("GM0394", "2019-03", "IOAW"), Stand(begin: 0, instroom: 1, uitstroom: 0, eind: 1, status: "voorlopig"))
        XCTAssertNil(try fixture.registratie("GM0394", "2019-02", "IOAW"))
        XCTAssertEqual(try fixture.uitstroomRedenen("GM0394", "2019-01"), ["11": 1])
        XCTAssertEqual(try fixture.uitstroomRedenen("GM0394", "2019-02"), ["32": 1])
        XCTAssertEqual(try fixture.uitstroomRedenen("GM0394", "2019-02", eenheid: "personen"), ["32": 2])
        XCTAssertEqual(try fixture.uitstroomRedenen("GM0394", "2019-03"), ["onbekend": 1])
        // 1990-01 to 2019-03 for PW, in two units.
        XCTAssertEqual(try fixture.int("SELECT count(*) FROM fact_volume_maand WHERE bron_id = 2 AND regeling_id = 1"), 2 * (29 * 12 + 3))
        try assertStockAndFlowReconcile()
    }

    func testWithoutAPeildatumColumnTheLatestStartIsTaken() throws {
        let text = example.components(separatedBy: "\n").map { $0.components(separatedBy: ";").dropLast().joined(separator: ";") }.joined(
            separator: "\n")
        let result = try fixture.ingest("zonder-peildatum.csv", text)
        XCTAssertTrue(
            try fixture.warningTexts(result.batch).contains {
                $0.contains("the snapshot's peildatum is taken as 2019-04-02, the latest startdatum in the file not after today")
            })
        XCTAssertEqual(try fixture.registratie("GM0394", "2019-03")?.status, "definitief")
        XCTAssertEqual(
            try fixture.registratie("GM0394", "2019-04"), Stand(begin: 2, instroom: 1, uitstroom: 0, eind: 3, status: "voorlopig"))
    }

    /// 600 random spells against a direct count of the definitions, month by month.
    func testDerivedFiguresEqualADirectCount() throws {
        var random = SeededRandom(seed: 42)
        let peildatum = Day(year: 2020, month: 6, day: 15)!
        var spells: [(start: Day, end: Day?, personen: Int)] = []
        var lines = ["gemeentecode;dossiernummer;startdatum;einddatum;personen;peildatum"]
        for index in 0..<600 {
            let start = Day(daysSinceEpoch: Day(year: 1986, month: 1, day: 1)!.daysSinceEpoch + random.next(below: 12_800))
            let end: Day? = random.next(below: 4) == 0 ? nil : start.adding(days: random.next(below: 2_000))
            let personen = 1 + random.next(below: 2)
            spells.append((start, end, personen))
            lines.append("GM0394;R\(index);\(start.iso);\(end?.iso ?? "");\(personen);\(peildatum.iso)")
        }
        assertLoad(try fixture.ingest("random.csv", lines.joined(separator: "\n")), read: 600, loaded: 600)
        let counted = spells.filter { $0.start <= peildatum }.map { spell in
            (start: spell.start, end: spell.end.flatMap { $0 <= peildatum ? $0 : nil }, personen: spell.personen)
        }
        var month = Month(year: 1990, month: 1)!
        while month <= peildatum.monthValue {
            let first = month.firstDay
            let last = month.lastDay
            func tel(_ include: ((start: Day, end: Day?, personen: Int)) -> Bool, personen: Bool) -> Int {
                counted.filter(include).reduce(0) { $0 + (personen ? $1.personen : 1) }
            }
            for personen in [false, true] {
                let expected = Stand(
                    begin: tel({ $0.start < first && ($0.end.map { $0 >= first } ?? true) }, personen: personen),
                    instroom: tel({ $0.start >= first && $0.start <= last }, personen: personen),
                    uitstroom: tel({ $0.end.map { $0 >= first && $0 <= last } ?? false }, personen: personen),
                    eind: tel({ $0.start <= last && ($0.end.map { $0 > last } ?? true) }, personen: personen),
                    status: month == peildatum.monthValue ? "voorlopig" : "definitief")
                XCTAssertEqual(
                    try fixture.registratie("GM0394", month.code, eenheid: personen ? "personen" : "dossiers"), expected,
                    "\(month.code) \(personen ? "personen" : "dossiers")")
            }
            month = month.adding(months: 1)
        }
        try assertStockAndFlowReconcile()
    }

    /// stand_eind = stand_begin + instroom − uitstroom, and each month begins where the last one ended.
    private func assertStockAndFlowReconcile(file: StaticString = #filePath, line: UInt = #line) throws {
        XCTAssertEqual(
            try fixture.int(
                "SELECT count(*) FROM fact_volume_maand WHERE bron_id = 2 AND stand_eind <> stand_begin + instroom - uitstroom"), 0,
            file: file, line: line)
        XCTAssertEqual(
            try fixture.int(
                """
                SELECT count(*) FROM fact_volume_maand f JOIN fact_volume_maand v
                  ON v.gemeente_id = f.gemeente_id AND v.regeling_id = f.regeling_id AND v.bron_id = 2 AND v.eenheid = f.eenheid
                 AND v.maand_id = CASE WHEN f.maand_id % 100 = 1 THEN f.maand_id - 89 ELSE f.maand_id - 1 END
                WHERE f.bron_id = 2 AND f.stand_begin <> v.stand_eind
                """), 0, file: file, line: line)
        XCTAssertEqual(
            try fixture.int(
                """
                SELECT count(*) FROM fact_volume_maand f
                WHERE f.bron_id = 2 AND f.uitstroom <> (SELECT coalesce(sum(aantal), 0) FROM fact_stroom_reden_maand r
                    WHERE r.gemeente_id = f.gemeente_id AND r.maand_id = f.maand_id AND r.regeling_id = f.regeling_id
                      AND r.bron_id = 2 AND r.eenheid = f.eenheid AND r.richting = 'uitstroom')
                """), 0, "uitstroom per reason adds up to uitstroom", file: file, line: line)
    }
}

/// A small deterministic generator (SplitMix64), so random tests repeat exactly.
struct SeededRandom {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func next(below bound: Int) -> Int { Int(next() % UInt64(bound)) }
}
