import BijstandCore
import XCTest

final class PeriodeTests: XCTestCase {
    private func p(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> Periode {
        switch Periode.parse(text) {
        case .success(let periode): return periode
        case .failure(let problem):
            XCTFail("'\(text)': \(problem)", file: file, line: line)
            return Periode(soort: .maand, van: Month(year: 2000, month: 1)!, tot: Month(year: 2000, month: 1)!)
        }
    }

    private func m(_ year: Int, _ month: Int) -> Month { Month(year: year, month: month)! }

    func testEverySpellingOfTheContract() {
        // contract.md: `2024-03`, `2024-Q1` or `2024K1`, `2024-T1`, `2024-H1`, `2024`, `2024-01..2024-08`.
        let cases: [(String, Periode.Soort, Month, Month, Int, String)] = [
            ("2024-03", .maand, m(2024, 3), m(2024, 3), 1, "2024-03"),
            ("202403", .maand, m(2024, 3), m(2024, 3), 1, "2024-03"),
            ("maart 2024", .maand, m(2024, 3), m(2024, 3), 1, "2024-03"),
            ("2024-Q1", .kwartaal, m(2024, 1), m(2024, 3), 3, "2024-Q1"),
            ("2024K1", .kwartaal, m(2024, 1), m(2024, 3), 3, "2024-Q1"),
            ("2024-K4", .kwartaal, m(2024, 10), m(2024, 12), 3, "2024-Q4"),
            ("2024q2", .kwartaal, m(2024, 4), m(2024, 6), 3, "2024-Q2"),
            ("Q3 2024", .kwartaal, m(2024, 7), m(2024, 9), 3, "2024-Q3"),
            ("2024-T1", .tertiaal, m(2024, 1), m(2024, 4), 4, "2024-T1"),
            ("2024-T2", .tertiaal, m(2024, 5), m(2024, 8), 4, "2024-T2"),
            ("2024T3", .tertiaal, m(2024, 9), m(2024, 12), 4, "2024-T3"),
            ("2024-H1", .halfjaar, m(2024, 1), m(2024, 6), 6, "2024-H1"),
            ("2024-H2", .halfjaar, m(2024, 7), m(2024, 12), 6, "2024-H2"),
            ("2024", .jaar, m(2024, 1), m(2024, 12), 12, "2024"),
            ("2024-01..2024-08", .reeks, m(2024, 1), m(2024, 8), 8, "2024-01..2024-08"),
            ("2023-11..2024-02", .reeks, m(2023, 11), m(2024, 2), 4, "2023-11..2024-02"),
            ("2024-05..2024-05", .maand, m(2024, 5), m(2024, 5), 1, "2024-05"),
        ]
        for (text, soort, van, tot, maanden, code) in cases {
            let periode = p(text)
            XCTAssertEqual(periode.soort, soort, text)
            XCTAssertEqual(periode.van, van, text)
            XCTAssertEqual(periode.tot, tot, text)
            XCTAssertEqual(periode.maanden, maanden, text)
            XCTAssertEqual(periode.code, code, text)
            XCTAssertEqual(p(periode.code), periode, "the canonical code reads back: \(code)")
        }
    }

    func testRejects() {
        for text in ["", "2024-Q5", "2024-T4", "2024-H3", "2024-Q0", "abc", "2024-13", "2024-08..2024-01", "24", "1899"] {
            if case .success(let periode) = Periode.parse(text) {
                XCTFail("'\(text)' was read as \(periode)")
            }
        }
    }

    func testPreviousPeriodHasEqualLength() {
        XCTAssertEqual(p("2024-03").vorige.code, "2024-02")
        XCTAssertEqual(p("2024-01").vorige.code, "2023-12")
        XCTAssertEqual(p("2024-Q1").vorige.code, "2023-Q4")
        XCTAssertEqual(p("2024K3").vorige.code, "2024-Q2")
        XCTAssertEqual(p("2024-T1").vorige.code, "2023-T3")
        XCTAssertEqual(p("2024-T3").vorige.code, "2024-T2")
        XCTAssertEqual(p("2024-H1").vorige.code, "2023-H2")
        XCTAssertEqual(p("2024").vorige.code, "2023")
        // An 8-month range: the 8 months before it.
        XCTAssertEqual(p("2024-01..2024-08").vorige.code, "2023-05..2023-12")
    }

    func testSamePeriodLastYear() {
        XCTAssertEqual(p("2024-03").vorigJaar.code, "2023-03")
        XCTAssertEqual(p("2024-Q1").vorigJaar.code, "2023-Q1")
        XCTAssertEqual(p("2024-T2").vorigJaar.code, "2023-T2")
        XCTAssertEqual(p("2024-H2").vorigJaar.code, "2023-H2")
        XCTAssertEqual(p("2024").vorigJaar.code, "2023")
        XCTAssertEqual(p("2023-11..2024-02").vorigJaar.code, "2022-11..2023-02")
    }

    /// Exhaustively: for every quarter, tertiaal and half year of 2000–2030, the parts tile
    /// the year, the previous period ends the month before this one starts, and vorigJaar is 12 months back.
    func testPartsTileTheYearExhaustively() {
        for year in 2000...2030 {
            for (letter, count, length) in [("Q", 4, 3), ("T", 3, 4), ("H", 2, 6)] {
                var next = m(year, 1)
                for number in 1...count {
                    let periode = p("\(year)-\(letter)\(number)")
                    XCTAssertEqual(periode.van, next)
                    XCTAssertEqual(periode.maanden, length)
                    XCTAssertEqual(periode.vorige.tot, periode.van.adding(months: -1))
                    XCTAssertEqual(periode.vorige.maanden, length)
                    XCTAssertEqual(periode.vorigJaar.van, periode.van.adding(months: -12))
                    XCTAssertEqual(periode.months.count, length)
                    XCTAssertTrue(periode.months.allSatisfy { periode.contains($0) })
                    next = periode.tot.adding(months: 1)
                }
                XCTAssertEqual(next, m(year + 1, 1), "\(letter) parts of \(year) end on 31 December")
            }
        }
    }

    func testDutchNames() {
        XCTAssertEqual(p("2024-03").naam, "maart 2024")
        XCTAssertEqual(p("2024-Q2").naam, "2e kwartaal 2024")
        XCTAssertEqual(p("2024-T2").naam, "2e tertiaal 2024")
        XCTAssertEqual(p("2024-H1").naam, "1e halfjaar 2024")
        XCTAssertEqual(p("2024-01..2024-08").naam, "januari t/m augustus 2024")
        XCTAssertEqual(p("2023-11..2024-02").naam, "november 2023 t/m februari 2024")
    }
}
