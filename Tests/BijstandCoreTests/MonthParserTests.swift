import BijstandCore
import XCTest

/// Month spellings and the `Month` value. Expected months are read off the
/// input by hand.
final class MonthParserTests: XCTestCase {
    private func month(_ s: String, file: StaticString = #filePath, line: UInt = #line) -> Result<Month, FieldProblem> {
        let bytes = withFieldBytes(s) { FieldParser.month($0) }
        XCTAssertEqual(bytes, FieldParser.month(s), "overloads disagree on '\(s)'", file: file, line: line)
        return bytes
    }

    private func m(_ year: Int, _ month: Int) -> Month { Month(year: year, month: month)! }

    func testNumericSpellings() {
        let maart2024 = m(2024, 3)
        for spelling in [
            "2024-03", "2024-3", "2024/03", "2024.03", "202403", "2024M03", "2024MM03", "2024m3", "2024mm03",
            "03-2024", "3-2024", "03/2024", "3/2024", "03.2024", " 2024-03 ", "\u{00A0}2024-03",
        ] {
            assertParses(month(spelling), maart2024, spelling)
        }
        assertParses(month("2024-12"), m(2024, 12), "2024-12")
        assertParses(month("190001"), m(1900, 1), "first accepted month")
        assertParses(month("2100M12"), m(2100, 12), "last accepted month")
    }

    func testNameSpellings() {
        let maart2024 = m(2024, 3)
        for spelling in [
            "maart 2024", "Maart 2024", "MAART 2024", "mrt 2024", "mrt. 2024", "Mrt.2024", "maart-2024", "mrt-2024",
            "march 2024", "Mar 2024", "mar-24", "Mar-24", "maart, 2024", "maart\u{00A0}2024", "mrt2024",
            "2024 maart", "2024-mrt", "2024 Mar.",
        ] {
            assertParses(month(spelling), maart2024, spelling)
        }
    }

    func testEveryMonthName() {
        let names: [(String, Int)] = [
            ("januari", 1), ("jan", 1), ("january", 1),
            ("februari", 2), ("feb", 2), ("febr", 2), ("february", 2),
            ("maart", 3), ("mrt", 3), ("mar", 3), ("march", 3),
            ("april", 4), ("apr", 4),
            ("mei", 5), ("may", 5),
            ("juni", 6), ("jun", 6), ("june", 6),
            ("juli", 7), ("jul", 7), ("july", 7),
            ("augustus", 8), ("aug", 8), ("august", 8),
            ("september", 9), ("sep", 9), ("sept", 9),
            ("oktober", 10), ("okt", 10), ("oct", 10), ("october", 10),
            ("november", 11), ("nov", 11),
            ("december", 12), ("dec", 12),
        ]
        for (name, number) in names {
            assertParses(month(name + " 2023"), m(2023, number), name)
            assertParses(month(name.uppercased() + ". 2023"), m(2023, number), name.uppercased() + ".")
        }
    }

    func testTwoDigitYearAfterName() {
        // POSIX %y pivot: 00...68 -> 20xx, 69...99 -> 19xx.
        assertParses(month("jan-00"), m(2000, 1), "jan-00")
        assertParses(month("dec-68"), m(2068, 12), "dec-68")
        assertParses(month("jan-69"), m(1969, 1), "jan-69")
        assertParses(month("jan-99"), m(1999, 1), "jan-99")
    }

    func testDatesGiveTheirMonth() {
        for spelling in [
            "2024-03-31", "31-03-2024", "31/03/2024", "20240331", "1-3-2024", "2024-03-31 00:00:00", "31 maart 2024",
        ] {
            assertParses(month(spelling), m(2024, 3), spelling)
        }
    }

    func testRejects() {
        assertFails(month("2024-13"), .notAMonth, "2024-13")
        assertFails(month("2024-00"), .notAMonth, "2024-00")
        assertFails(month("2024M00"), .notAMonth, "2024M00")
        assertFails(month("2024M13"), .notAMonth, "2024M13")
        assertFails(month("202400"), .notAMonth, "202400")
        assertFails(month("13-2024"), .notAMonth, "13-2024")
        assertFails(month("foo 2024"), .notAMonth, "foo 2024")
        assertFails(month("maart"), .notAMonth, "name without year")
        assertFails(month("2024"), .notAMonth, "year only")
        assertFails(month("24-03"), .notAMonth, "two-digit numeric year")
        assertFails(month("mrt 202"), .notAMonth, "three-digit year")
        assertFails(month("mrt 2024x"), .notAMonth, "trailing letter")
        assertFails(month("2024-03-32"), .notAMonth, "invalid date")
        assertFails(month("2024M003"), .notAMonth, "three-digit CBS month")
        assertFails(month("2024-Q1"), .notAMonth, "a quarter is not a month")
        assertFails(month("2024 maart 3"), .notAMonth, "trailing number")
        assertFails(month(""), .empty, "empty")
        assertFails(month("  "), .empty, "blank")
    }

    func testYearsOutsideRangeAreOutOfRange() {
        assertFails(month("1899-01"), .outOfRange, "1899-01")
        assertFails(month("189912"), .outOfRange, "189912")
        assertFails(month("2101-01"), .outOfRange, "2101-01")
        assertFails(month("maart 1899"), .outOfRange, "maart 1899")
        assertFails(month("1899-12-31"), .outOfRange, "date in 1899")
    }

    // MARK: Month value

    func testIdAndCode() {
        let maart = m(2024, 3)
        XCTAssertEqual(maart.id, 202_403)
        XCTAssertEqual(maart.code, "2024-03")
        XCTAssertEqual(m(2024, 11).code, "2024-11")
        XCTAssertEqual(Month(id: 202_403), maart)
        XCTAssertEqual(Month(id: 190_001), m(1900, 1))
        XCTAssertNil(Month(id: 202_413))
        XCTAssertNil(Month(id: 202_400))
        XCTAssertNil(Month(id: 0))
        XCTAssertNil(Month(id: -202_403))
        XCTAssertNil(Month(year: 2024, month: 0))
        XCTAssertNil(Month(year: 2024, month: 13))
        XCTAssertNil(Month(year: 0, month: 1))
    }

    func testAddingAcrossYearBoundaries() {
        XCTAssertEqual(m(2024, 3).adding(months: 0), m(2024, 3))
        XCTAssertEqual(m(2023, 12).adding(months: 1), m(2024, 1))
        XCTAssertEqual(m(2024, 1).adding(months: -1), m(2023, 12))
        XCTAssertEqual(m(2024, 3).adding(months: -3), m(2023, 12))
        XCTAssertEqual(m(2024, 3).adding(months: 12), m(2025, 3))
        XCTAssertEqual(m(2024, 3).adding(months: -12), m(2023, 3))
        // 2024-03 minus 12 is 2023-03, minus 3 more is 2022-12.
        XCTAssertEqual(m(2024, 3).adding(months: -15), m(2022, 12))
        // 2024-01 minus 24 is 2022-01, minus 1 more is 2021-12.
        XCTAssertEqual(m(2024, 1).adding(months: -25), m(2021, 12))
        // 2023-11 plus 14 is 2025-01.
        XCTAssertEqual(m(2023, 11).adding(months: 14), m(2025, 1))
        XCTAssertEqual(m(2024, 12).adding(months: 1), m(2025, 1))
        XCTAssertEqual(m(2024, 12).adding(months: -11), m(2024, 1))
        XCTAssertEqual(m(2024, 12).adding(months: -12), m(2023, 12))
    }

    func testDistanceIsTheInverseOfAdding() {
        let start = m(2019, 1)
        for offset in -40...40 {
            XCTAssertEqual(start.distance(to: start.adding(months: offset)), offset)
        }
    }

    func testFirstAndLastDay() {
        XCTAssertEqual(m(2024, 3).firstDay, Day(year: 2024, month: 3, day: 1))
        XCTAssertEqual(m(2024, 3).lastDay, Day(year: 2024, month: 3, day: 31))
        XCTAssertEqual(m(2024, 4).lastDay, Day(year: 2024, month: 4, day: 30))
        XCTAssertEqual(m(2024, 2).lastDay, Day(year: 2024, month: 2, day: 29))
        XCTAssertEqual(m(2023, 2).lastDay, Day(year: 2023, month: 2, day: 28))
        XCTAssertEqual(m(1900, 2).lastDay, Day(year: 1900, month: 2, day: 28))
        XCTAssertEqual(m(2000, 2).lastDay, Day(year: 2000, month: 2, day: 29))
        XCTAssertEqual(m(2024, 12).lastDay, Day(year: 2024, month: 12, day: 31))
        XCTAssertEqual(m(2024, 2).numberOfDays, 29)
    }

    func testOrder() {
        XCTAssertLessThan(m(2023, 12), m(2024, 1))
        XCTAssertLessThan(m(2024, 1), m(2024, 2))
        XCTAssertEqual([m(2024, 2), m(2023, 12), m(2024, 1)].sorted(), [m(2023, 12), m(2024, 1), m(2024, 2)])
    }
}
