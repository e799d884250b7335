import BijstandCore
import XCTest

/// Date spellings and the `Day` value.
final class DateParserTests: XCTestCase {
    private func date(_ s: String, file: StaticString = #filePath, line: UInt = #line) -> Result<Day, FieldProblem> {
        let bytes = withFieldBytes(s) { FieldParser.date($0) }
        XCTAssertEqual(bytes, FieldParser.date(s), "overloads disagree on '\(s)'", file: file, line: line)
        return bytes
    }

    private func d(_ year: Int, _ month: Int, _ day: Int) -> Day { Day(year: year, month: month, day: day)! }

    func testSpellings() {
        let target = d(2024, 3, 31)
        for spelling in [
            "2024-03-31", "31-03-2024", "31/03/2024", "31.03.2024", "20240331", "2024/03/31", "2024.03.31",
            " 2024-03-31 ", "31-3-2024", "31 maart 2024", "31 Maart 2024", "31-mrt-2024", "31 mrt. 2024",
            "31 March 2024", "31-Mar-24",
        ] {
            assertParses(date(spelling), target, spelling)
        }
        assertParses(date("1-3-2024"), d(2024, 3, 1), "1-3-2024")
        assertParses(date("01-03-2024"), d(2024, 3, 1), "01-03-2024")
        assertParses(date("2024-3-1"), d(2024, 3, 1), "2024-3-1")
        assertParses(date("1 jan. 2024"), d(2024, 1, 1), "1 jan. 2024")
        assertParses(date("18000101"), d(1800, 1, 1), "first accepted day")
        assertParses(date("1839-01-02"), d(1839, 1, 2), "CBS: GM0893 Bergen (L.) valid from")
        assertParses(date("2100-12-31"), d(2100, 12, 31), "last accepted day")
    }

    func testWithTimeOfDay() {
        let target = d(2024, 3, 31)
        for spelling in [
            "2024-03-31 00:00:00", "2024-03-31T00:00:00", "2024-03-31T00:00:00.000", "2024-03-31T00:00:00Z",
            "2024-03-31T00:00:00.000Z", "2024-03-31T12:30:00+01:00", "2024-03-31T12:30:00+0100",
            "2024-03-31 23:59", "31-3-2024 0:00", "31-03-2024 00:00:00", "2024-03-31  00:00:00", "20240331 00:00",
        ] {
            assertParses(date(spelling), target, spelling)
        }
    }

    func testLeapDays() {
        assertParses(date("2024-02-29"), d(2024, 2, 29), "2024 is a leap year")
        assertParses(date("2000-02-29"), d(2000, 2, 29), "2000 is divisible by 400")
        assertParses(date("29-02-2024"), d(2024, 2, 29), "29-02-2024")
        assertFails(date("2023-02-29"), .notADate, "2023 is not a leap year")
        assertFails(date("1900-02-29"), .notADate, "1900 is divisible by 100, not by 400")
        assertFails(date("2100-02-29"), .notADate, "2100 is divisible by 100, not by 400")
        assertFails(date("29-02-2023"), .notADate, "29-02-2023")
        assertFails(date("20230229"), .notADate, "20230229")
        assertFails(date("2024-02-30"), .notADate, "2024-02-30")
    }

    func testRejects() {
        assertFails(date("2024-04-31"), .notADate, "April has 30 days")
        assertFails(date("2024-13-01"), .notADate, "month 13")
        assertFails(date("2024-00-10"), .notADate, "month 0")
        assertFails(date("00-01-2024"), .notADate, "day 0")
        assertFails(date("32-01-2024"), .notADate, "day 32")
        assertFails(date("2024-03/31"), .notADate, "mixed separators")
        assertFails(date("31-03-24"), .notADate, "two-digit numeric year")
        assertFails(date("2024-03"), .notADate, "a month is not a date")
        assertFails(date("2024-03-31x"), .notADate, "trailing letter")
        assertFails(date("2024-03-31 25:00"), .notADate, "hour 25")
        assertFails(date("2024-03-31 12:60"), .notADate, "minute 60")
        assertFails(date("2024-03-31 12"), .notADate, "hour without minutes")
        assertFails(date("2024-03-31T"), .notADate, "T without time")
        assertFails(date("2024-03-31 00:00:00 extra"), .notADate, "text after the time")
        assertFails(date("2024-03-31T00:00:00+1"), .notADate, "one-digit zone")
        assertFails(date("202403311"), .notADate, "nine digits")
        assertFails(date("31 foo 2024"), .notADate, "unknown month name")
        assertFails(date("maart 31 2024"), .notADate, "name first")
        assertFails(date("abc"), .notADate, "abc")
        assertFails(date(""), .empty, "empty")
        assertFails(date(" \t"), .empty, "blank")
        assertFails(date("1799-12-31"), .outOfRange, "1799")
        assertFails(date("01-01-2101"), .outOfRange, "2101")
        assertFails(date("0000-01-01"), .notADate, "year 0 does not exist")
    }

    // MARK: Day value

    func testDaysSinceEpochKnownValues() {
        XCTAssertEqual(d(1970, 1, 1).daysSinceEpoch, 0)
        XCTAssertEqual(d(1970, 1, 2).daysSinceEpoch, 1)
        XCTAssertEqual(d(1969, 12, 31).daysSinceEpoch, -1)
        // 30 years of 365 days plus the leap days of 1972...1996 (7).
        XCTAssertEqual(d(2000, 1, 1).daysSinceEpoch, 30 * 365 + 7)
        // 54 years plus the 13 leap days of 1972...2020.
        XCTAssertEqual(d(2024, 1, 1).daysSinceEpoch, 54 * 365 + 13)
        // 2024-01-01 plus January (31) and a leap February (29) plus 30 days.
        XCTAssertEqual(d(2024, 3, 31).daysSinceEpoch, 54 * 365 + 13 + 31 + 29 + 30)
        // 70 years back, with the 17 leap days of 1904...1968 (1900 is not one).
        XCTAssertEqual(d(1900, 1, 1).daysSinceEpoch, -(70 * 365 + 17))
    }

    func testDaysSinceEpochRoundTrip() {
        // Every day from 1900-01-01 to 2100-12-31: consecutive days are
        // consecutive numbers, and the inverse gives the same day back.
        var expected = d(1900, 1, 1).daysSinceEpoch
        for year in 1900...2100 {
            for month in 1...12 {
                for day in 1...31 {
                    guard let value = Day(year: year, month: month, day: day) else { continue }
                    XCTAssertEqual(value.daysSinceEpoch, expected, value.iso)
                    XCTAssertEqual(Day(daysSinceEpoch: expected), value, value.iso)
                    expected += 1
                }
            }
        }
        XCTAssertEqual(expected - 1, d(2100, 12, 31).daysSinceEpoch)
        // 1900...2100 is 201 years; of its 51 multiples of 4, 1900 and 2100 are
        // not leap years (2000 is), leaving 49 leap days.
        XCTAssertEqual(expected - d(1900, 1, 1).daysSinceEpoch, 201 * 365 + 49)
        // Far outside the accepted years the arithmetic still holds. The ends are
        // the proleptic ordinals of 0001-01-01 (1) and 9999-12-31 (3652059)
        // minus that of 1970-01-01 (719163).
        for offset in stride(from: -719_162, through: 2_932_896, by: 997) {
            XCTAssertEqual(Day(daysSinceEpoch: offset).daysSinceEpoch, offset)
        }
        XCTAssertEqual(Day(daysSinceEpoch: -719_162), d(1, 1, 1))
        XCTAssertEqual(Day(daysSinceEpoch: 2_932_896), d(9999, 12, 31))
    }

    func testAddingDays() {
        XCTAssertEqual(d(2024, 2, 28).adding(days: 1), d(2024, 2, 29))
        XCTAssertEqual(d(2023, 2, 28).adding(days: 1), d(2023, 3, 1))
        XCTAssertEqual(d(2024, 1, 1).adding(days: -1), d(2023, 12, 31))
        XCTAssertEqual(d(2024, 3, 31).adding(days: 0), d(2024, 3, 31))
    }

    func testValidationAndAccessors() {
        XCTAssertNil(Day(year: 2023, month: 2, day: 29))
        XCTAssertNil(Day(year: 2024, month: 4, day: 31))
        XCTAssertNil(Day(year: 2024, month: 13, day: 1))
        XCTAssertNil(Day(year: 2024, month: 1, day: 0))
        XCTAssertNil(Day(year: 0, month: 1, day: 1))
        let day = d(2024, 3, 31)
        XCTAssertEqual(day.iso, "2024-03-31")
        XCTAssertEqual(d(2024, 1, 5).iso, "2024-01-05")
        XCTAssertEqual(day.monthValue, Month(year: 2024, month: 3))
        XCTAssertEqual(day.year, 2024)
        XCTAssertEqual(day.month, 3)
        XCTAssertEqual(day.day, 31)
    }

    func testOrder() {
        XCTAssertLessThan(d(2023, 12, 31), d(2024, 1, 1))
        XCTAssertLessThan(d(2024, 1, 31), d(2024, 2, 1))
        XCTAssertLessThan(d(2024, 2, 1), d(2024, 2, 2))
        XCTAssertFalse(d(2024, 2, 2) < d(2024, 2, 2))
    }
}
