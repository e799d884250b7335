import BijstandCore
import XCTest

/// Gemeentecodes, regelingen, statuses, budget versions and flags.
final class CodeParserTests: XCTestCase {
    private func gemeente(_ s: String, file: StaticString = #filePath, line: UInt = #line) -> Result<Int, FieldProblem> {
        let bytes = withFieldBytes(s) { FieldParser.gemeenteNummer($0) }
        XCTAssertEqual(bytes, FieldParser.gemeenteNummer(s), "overloads disagree on '\(s)'", file: file, line: line)
        return bytes
    }

    private func regeling(_ s: String, file: StaticString = #filePath, line: UInt = #line) -> Result<
        Regeling, FieldProblem
    > {
        let bytes = withFieldBytes(s) { FieldParser.regeling($0) }
        XCTAssertEqual(bytes, FieldParser.regeling(s), "overloads disagree on '\(s)'", file: file, line: line)
        return bytes
    }

    private func status(_ s: String) -> Result<Status, FieldProblem> {
        let bytes = withFieldBytes(s) { FieldParser.status($0) }
        XCTAssertEqual(bytes, FieldParser.status(s), "overloads disagree on '\(s)'")
        return bytes
    }

    private func versie(_ s: String) -> Result<BudgetVersie, FieldProblem> {
        let bytes = withFieldBytes(s) { FieldParser.budgetVersie($0) }
        XCTAssertEqual(bytes, FieldParser.budgetVersie(s), "overloads disagree on '\(s)'")
        return bytes
    }

    private func boolean(_ s: String) -> Result<Bool, FieldProblem> {
        let bytes = withFieldBytes(s) { FieldParser.boolean($0) }
        XCTAssertEqual(bytes, FieldParser.boolean(s), "overloads disagree on '\(s)'")
        return bytes
    }

    private func year(_ s: String) -> Result<Int, FieldProblem> {
        let bytes = withFieldBytes(s) { FieldParser.year($0) }
        XCTAssertEqual(bytes, FieldParser.year(s), "overloads disagree on '\(s)'")
        return bytes
    }

    // MARK: gemeentecode

    func testGemeenteCodeSpellings() {
        // GM0394 Haarlemmermeer, from domain.md.
        for spelling in ["GM0394", "gm394", "GM 0394", "Gm-0394", "0394", "394", " GM0394 ", "GM\u{00A0}0394"] {
            assertParses(gemeente(spelling), 394, spelling)
        }
        assertParses(gemeente("GM0518"), 518, "'s-Gravenhage")
        assertParses(gemeente("GM1916"), 1916, "Leidschendam-Voorburg")
        assertParses(gemeente("363"), 363, "Amsterdam")
        assertParses(gemeente("GM0001"), 1, "lowest code")
        assertParses(gemeente("9999"), 9999, "highest code")
    }

    func testGemeenteCodeRejects() {
        for spelling in [
            "GM0000", "0", "00394", "GM03940", "394.0", "394,0", "GM", "G0394", "-394", "+394", "GM0394x",
            "Den Haag", "'s-Gravenhage", "GM 03 94", "0394 Haarlemmermeer",
        ] {
            assertFails(gemeente(spelling), .notAGemeenteCode, spelling)
        }
        assertFails(gemeente(""), .empty, "empty")
        assertFails(gemeente("  "), .empty, "blank")
    }

    // MARK: regeling

    func testRegelingCodes() {
        let cases: [(String, Regeling)] = [
            ("PW", .pw), ("pw", .pw), ("IOAW", .ioaw), ("ioaw", .ioaw), ("IOAZ", .ioaz), ("Ioaz", .ioaz),
            ("BBZ", .bbz), ("Bbz", .bbz), ("Bbz 2004", .bbz), ("Bbz levensonderhoud", .bbz),
            ("Bbz (levensonderhoud)", .bbz), ("Bbz-kapitaal", .bbz), ("LKS", .lks), ("lks", .lks),
        ]
        for (spelling, expected) in cases { assertParses(regeling(spelling), expected, spelling) }
    }

    func testRegelingStatistiekcodes() {
        // BUS statistiekcodes from formats.md: 01 PW, 02 IOAW, 03 IOAZ, 14 Bbz.
        let cases: [(String, Regeling)] = [
            ("01", .pw), ("1", .pw), ("02", .ioaw), ("2", .ioaw), ("03", .ioaz), ("3", .ioaz), ("14", .bbz),
            ("01 - Algemene bijstand", .pw), ("14 Bbz", .bbz), ("02 IOAW", .ioaw),
        ]
        for (spelling, expected) in cases { assertParses(regeling(spelling), expected, spelling) }
    }

    func testRegelingLabels() {
        let cases: [(String, Regeling)] = [
            ("Participatiewet", .pw), ("participatiewet", .pw), ("algemene bijstand", .pw),
            ("Algemene Bijstand", .pw), ("bijstand", .pw), ("PW/ABW", .pw), ("WWB", .pw), ("ABW", .pw),
            ("Participatiewet (algemene bijstand)", .pw), ("Wet IOAW", .ioaw), ("Loonkostensubsidie", .lks),
        ]
        for (spelling, expected) in cases { assertParses(regeling(spelling), expected, spelling) }
    }

    func testRegelingRejects() {
        let unknown = FieldProblem.unknownValue(expected: FieldParser.regelingenExpected)
        for spelling in ["IOAW/IOAZ", "PW en Bbz", "04", "15", "0", "foo", "geen bijstand", "algemene", "-", "Bbz14"] {
            assertFails(regeling(spelling), unknown, spelling)
        }
        assertFails(regeling(""), .empty, "empty: the caller applies PW")
        assertFails(regeling(" "), .empty, "blank")
    }

    func testRegelingKeys() {
        XCTAssertEqual(Regeling.allCases.map(\.id), [1, 2, 3, 4, 5])
        XCTAssertEqual(Regeling.allCases.map(\.rawValue), ["PW", "IOAW", "IOAZ", "BBZ", "LKS"])
    }

    // MARK: status and budget version

    func testStatus() {
        for spelling in ["voorlopig", "Voorlopig", "VOORLOPIG", "v", "V", "prov", "voorl.", "voorl", "nader voorlopig"] {
            assertParses(status(spelling), .voorlopig, spelling)
        }
        for spelling in ["definitief", "Definitief", "d", "def", "DEF.", "final"] {
            assertParses(status(spelling), .definitief, spelling)
        }
        let unknown = FieldProblem.unknownValue(expected: "voorlopig or definitief")
        for spelling in ["foo", "voorlopig definitief", "nader", "nader definitief", "x", "*"] {
            assertFails(status(spelling), unknown, spelling)
        }
        assertFails(status(""), .empty, "empty")
    }

    func testBudgetVersie() {
        let cases: [(String, BudgetVersie)] = [
            ("voorlopig", .voorlopig), ("Voorlopig budget 2024", .voorlopig), ("voorl.", .voorlopig),
            ("nader voorlopig", .naderVoorlopig), ("nader-voorlopig", .naderVoorlopig),
            ("nader_voorlopig", .naderVoorlopig), ("Nader voorlopig budget 2024", .naderVoorlopig),
            ("nadervoorlopig", .naderVoorlopig), ("NADER VOORLOPIG", .naderVoorlopig),
            ("BUIG nader voorlopig budget 2024", .naderVoorlopig),
            ("definitief", .definitief), ("Definitief budget 2023", .definitief), ("def.", .definitief),
            ("Versie: definitief", .definitief),
        ]
        for (spelling, expected) in cases { assertParses(versie(spelling), expected, spelling) }
        let unknown = FieldProblem.unknownValue(expected: "voorlopig, nader voorlopig or definitief")
        for spelling in [
            "NV", "VL", "budget 2024", "voorlopig definitief", "nader", "nader definitief", "eerste voorlopig budget x",
        ] {
            assertFails(versie(spelling), unknown, spelling)
        }
        assertFails(versie(""), .empty, "empty")
        XCTAssertEqual(BudgetVersie.allCases.map(\.rank), [1, 2, 3])
        XCTAssertEqual(BudgetVersie.naderVoorlopig.rawValue, "nader voorlopig")
    }

    // MARK: boolean and year

    func testBoolean() {
        for spelling in ["ja", "Ja", "JA", "j", "1", "true", "TRUE", "yes", "y", "waar", "WAAR"] {
            assertParses(boolean(spelling), true, spelling)
        }
        for spelling in ["nee", "Nee", "n", "0", "false", "FALSE", "no", "onwaar", "ONWAAR"] {
            assertParses(boolean(spelling), false, spelling)
        }
        for spelling in ["misschien", "2", "ja nee", "x"] {
            assertFails(boolean(spelling), .unknownValue(expected: "ja or nee"), spelling)
        }
        assertFails(boolean(""), .empty, "empty")
    }

    func testYear() {
        assertParses(year("2024"), 2024, "2024")
        assertParses(year(" 1900 "), 1900, "1900")
        assertParses(year("2100"), 2100, "2100")
        assertFails(year("1899"), .outOfRange, "1899")
        assertFails(year("2101"), .outOfRange, "2101")
        assertFails(year("24"), .outOfRange, "24")
        assertFails(year("20240"), .outOfRange, "five digits")
        assertFails(year("2024.0"), .notANumber, "2024.0")
        assertFails(year("2024*"), .notANumber, "2024*")
        assertFails(year("twee"), .notANumber, "twee")
        assertFails(year(""), .empty, "empty")
    }

    // MARK: reasons

    func testReasonsNameTheRawValue() {
        XCTAssertEqual(FieldProblem.notANumber.reason(raw: "12,3x"), "'12,3x' is not a number")
        XCTAssertEqual(FieldProblem.notWhole.reason(raw: "1.660,5"), "'1.660,5' is not a whole number")
        XCTAssertEqual(
            FieldProblem.unknownValue(expected: "ja or nee").reason(raw: "misschien"),
            "'misschien' is not recognised (expected ja or nee)")
        XCTAssertEqual(FieldProblem.empty.reason(raw: ""), "the value is missing")
        let long = String(repeating: "x", count: 200)
        XCTAssertEqual(
            FieldProblem.notANumber.reason(raw: long), "'" + String(repeating: "x", count: 60) + "…' is not a number")
        for problem: FieldProblem in [
            .negative, .tooManyDecimals, .outOfRange, .notAMonth, .notADate, .notAGemeenteCode,
        ] {
            XCTAssertTrue(problem.reason(raw: "abc").hasPrefix("'abc' "), "\(problem)")
        }
    }
}
