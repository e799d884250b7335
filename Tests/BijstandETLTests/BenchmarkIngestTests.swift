import BijstandETL
import BijstandWarehouse
import GRDB
import TestSupport
import XCTest

/// Every tolerance formats.md lists for the benchmark extract (§1 and the top
/// section), each through a real file, the real ingest and a real warehouse.
/// Expected values are worked out by hand from the rows written.
final class BenchmarkIngestTests: XCTestCase {
    private var fixture: WarehouseFixture!

    override func setUpWithError() throws {
        fixture = try WarehouseFixture()
    }

    override func tearDown() {
        fixture = nil
    }

    // MARK: delimiters, encodings, line ends, quoting

    func testSemicolonCommaAndTabDelimiters() throws {
        let semicolon = try fixture.ingest("puntkomma.csv", benchmarkHeader + "\nGM0394;2024-01;PW;2100;40;35;2105\n")
        let comma = try fixture.ingest(
            "komma.csv", benchmarkHeader.replacingOccurrences(of: ";", with: ",") + "\nGM0394,2024-02,PW,2105,41,36,2110\n")
        // Tab, with a name holding a space: name-only file.
        let tab = try fixture.ingest(
            "tab.txt", "gemeentenaam\tperiode\tlopend_begin\tinstroom\tuitstroom\tlopend_eind\nDen Haag\t2024-03\t18000\t500\t450\t18050\n")
        for (result, delimiter) in [(semicolon, ";"), (comma, ","), (tab, "tab")] {
            assertCounts(result, read: 1, loaded: 1, rejected: 0)
            XCTAssertEqual(try fixture.batch(result.batch)?.scheidingsteken, delimiter)
        }
        XCTAssertEqual(try fixture.volume("GM0394", "2024-01"), Volume(standBegin: 2100, instroom: 40, uitstroom: 35, standEind: 2105))
        XCTAssertEqual(try fixture.volume("GM0394", "2024-02"), Volume(standBegin: 2105, instroom: 41, uitstroom: 36, standEind: 2110))
        XCTAssertEqual(try fixture.volume("GM0518", "2024-03"), Volume(standBegin: 18000, instroom: 500, uitstroom: 450, standEind: 18050))
    }

    func testUTF8WithAndWithoutByteOrderMark() throws {
        // Name-only, with diacritics: Súdwest-Fryslân is GM1900 (gemeenten.csv, Bron: CBS).
        let plain = try fixture.ingest(
            "utf8.csv", "gemeentenaam;periode;instroom;uitstroom;lopend_eind\nSúdwest-Fryslân;2024-03;30;25;1205\n")
        // The BOM sits in front of the first header name; the header must still be recognised.
        let bom = try fixture.ingest("bom.csv", benchmarkHeader + "\nGM1900;2024-04;PW;1205;31;26;1210\n", encoding: .utf8BOM)
        for result in [plain, bom] {
            assertCounts(result, read: 1, loaded: 1, rejected: 0)
            XCTAssertEqual(try fixture.batch(result.batch)?.codering, "utf-8")
        }
        XCTAssertEqual(try fixture.volume("GM1900", "2024-03"), Volume(standBegin: nil, instroom: 30, uitstroom: 25, standEind: 1205))
        XCTAssertEqual(try fixture.volume("GM1900", "2024-04")?.standBegin, 1205)
    }

    func testWindows1252NameOnlyFile() throws {
        // ú = 0xFA and â = 0xE2 in Windows-1252: not valid UTF-8, so the file is read as 1252.
        let text =
            "gemeentenaam;periode;lopend_begin;instroom;uitstroom;lopend_eind\n"
            + "Súdwest-Fryslân;2024-03;1200;30;25;1205\n"
            + "Noardeast-Fryslân;2024-03;900;12;10;902\n"
        let result = try fixture.ingest("excel-1252.csv", text, encoding: .windows1252)
        assertCounts(result, read: 2, loaded: 2, rejected: 0)
        XCTAssertEqual(result.encoding, .windows1252)
        XCTAssertEqual(try fixture.batch(result.batch)?.codering, "windows-1252")
        XCTAssertEqual(try fixture.volume("GM1900", "2024-03"), Volume(standBegin: 1200, instroom: 30, uitstroom: 25, standEind: 1205))
        // Noardeast-Fryslân is GM1970 (gemeenten.csv, Bron: CBS).
        XCTAssertEqual(try fixture.volume("GM1970", "2024-03")?.standEind, 902)
    }

    func testNamesAreMatchedWithoutDiacriticsOrCase() throws {
        let text = "gemeentenaam;periode;lopend_begin;instroom;uitstroom\nSUDWEST FRYSLAN;2024-03;1200;30;25\n"
        assertCounts(try fixture.ingest("zonder-accenten.csv", text), read: 1, loaded: 1, rejected: 0)
        XCTAssertEqual(try fixture.volume("GM1900", "2024-03")?.standBegin, 1200)
    }

    func testCRLFLineEndsAndMissingFinalNewline() throws {
        // The last column holds the number: a CR left on it would make it unreadable.
        let text = benchmarkHeader + "\nGM0394;2024-01;PW;2100;40;35;2105\nGM0394;2024-02;PW;2105;41;36;2110"
        let result = try fixture.ingest("windows.csv", text, lineEnd: "\r\n")
        assertCounts(result, read: 2, loaded: 2, rejected: 0)
        XCTAssertEqual(try fixture.volume("GM0394", "2024-01")?.standEind, 2105)
        XCTAssertEqual(try fixture.volume("GM0394", "2024-02")?.standEind, 2110)
    }

    func testQuotedFieldsAndRejectLineAfterMultiLineField() throws {
        let text =
            "\"gemeentecode\";\"periode\";\"lopend_begin\";\"instroom\";\"uitstroom\";\"lopend_eind\";\"opmerking\"\n"
            + "\"GM0394\"; \"2024-03\" ;\"2.100\";\"40\";\"35\";\"2.105\";\"gecorrigeerd; zie \"\"nota\"\"\nregel twee\"\n"
            + "GM0394;2024-04;2.105;abc;30;2.115;\n"
        let result = try fixture.ingest("gequote.csv", text)
        assertCounts(result, read: 2, loaded: 1, rejected: 1)
        XCTAssertEqual(try fixture.volume("GM0394", "2024-03"), Volume(standBegin: 2100, instroom: 40, uitstroom: 35, standEind: 2105))
        // Line 2 holds a field with a line break, so the second data row starts on line 4.
        let reject = try XCTUnwrap(try fixture.rejects(result.batch).first)
        XCTAssertEqual(reject.line, 4)
        XCTAssertEqual(reject.value, "abc")
        XCTAssertTrue(reject.column?.contains("instroom") ?? false, "\(reject)")
        XCTAssertTrue(reject.reason.contains("abc") && reject.reason.contains("number"), reject.reason)
        XCTAssertNil(try fixture.volume("GM0394", "2024-04"))
    }

    // MARK: headers

    func testHeaderAliasesAndSpellingVariants() throws {
        // Case, spaces, underscores and hyphens are equivalent; gm_code and peilmaand are aliases.
        let first = try fixture.ingest(
            "varianten.csv", "GM_CODE;Peilmaand;Lopend Begin;INSTROOM;Uitstroom;stand-eind\nGM0394;2024-03;2100;40;35;2105\n")
        // Aliases from formats.md §1: gemeente, maand, bestand_begin, volume.
        let second = try fixture.ingest(
            "aliassen.csv", "Gemeente;Maand;Bestand Begin;Instroom;Uitstroom;Volume\nGM0394;2024-04;2105;41;36;2110\n")
        assertCounts(first, read: 1, loaded: 1, rejected: 0)
        assertCounts(second, read: 1, loaded: 1, rejected: 0)
        XCTAssertEqual(first.kind, "benchmark")
        XCTAssertEqual(try fixture.volume("GM0394", "2024-03"), Volume(standBegin: 2100, instroom: 40, uitstroom: 35, standEind: 2105))
        XCTAssertEqual(try fixture.volume("GM0394", "2024-04"), Volume(standBegin: 2105, instroom: 41, uitstroom: 36, standEind: 2110))
    }

    func testUnrecognisedHeaderIsRefusedAsAWhole() throws {
        let batchesBefore = try fixture.int("SELECT count(*) FROM load_batch WHERE status = 'geladen'")
        XCTAssertThrowsError(try fixture.ingest("onbekend.csv", "foo;bar;baz\n1;2;3\n4;5;6\n")) { error in
            guard case InputFileError.unrecognisedHeader(let file, _, let found, _) = error else {
                return XCTFail("expected unrecognisedHeader, got \(error)")
            }
            XCTAssertTrue(file.hasSuffix("onbekend.csv"))
            XCTAssertEqual(found, ["foo", "bar", "baz"])
            let sentence = "\(error)"
            XCTAssertTrue(sentence.contains("onbekend.csv") && sentence.contains("'foo'"), sentence)
        }
        XCTAssertEqual(try fixture.factCount(), 0)
        XCTAssertEqual(try fixture.int("SELECT count(*) FROM load_batch WHERE status = 'geladen'"), batchesBefore)
    }

    /// The reader looks for the header on the first lines (title rows may sit
    /// above it) and gives up after a few; the error must still point at the
    /// line whose columns it quotes.
    func testUnrecognisedHeaderErrorNamesTheLineOfTheColumnsItQuotes() throws {
        let rows = (1...15).map { "\($0);2;3" }.joined(separator: "\n")
        XCTAssertThrowsError(try fixture.ingest("lang-onbekend.csv", "foo;bar;baz\n" + rows + "\n")) { error in
            guard case InputFileError.unrecognisedHeader(_, let line, let found, _) = error else {
                return XCTFail("expected unrecognisedHeader, got \(error)")
            }
            XCTAssertEqual(found, ["foo", "bar", "baz"])
            XCTAssertEqual(line, 1, "'foo', 'bar', 'baz' are on line 1: \(error)")
        }
        XCTAssertEqual(try fixture.factCount(), 0)
    }

    func testBenchmarkHeaderWithoutUitstroomIsRefusedNamingWhatIsMissing() throws {
        // formats.md §1: both flows are required.
        XCTAssertThrowsError(
            try fixture.ingest("half.csv", "gemeentecode;periode;lopend_begin;instroom\nGM0394;2024-03;2100;40\n", kind: "benchmark")
        ) { error in
            guard case InputFileError.unrecognisedHeader(_, _, _, let expected) = error else {
                return XCTFail("expected unrecognisedHeader, got \(error)")
            }
            XCTAssertTrue(expected.contains("uitstroom"), expected)
        }
        XCTAssertEqual(try fixture.factCount(), 0)
    }

    func testUserMappingFileAddsHeaderAliasesAndGemeenteNames() throws {
        // The example of Mapping's documentation: a column and a gemeente spelling no alias knows.
        let mappingPath = try fixture.directory.write(
            "mapping.csv", "soort;van;naar\nkolom;Aantal lopend 1e vd maand;lopend_begin\ngemeente;Gem. Den Haag;GM0518\n")
        let mapping = try Mapping.load(.file(path: mappingPath))
        let text = "gemeentenaam;periode;Aantal lopend 1e vd maand;instroom;uitstroom\nGem. Den Haag;2024-03;18000;500;450\n"
        XCTAssertThrowsError(try fixture.ingest("zonder-mapping.csv", text), "without the mapping there is no stand column")
        let result = try fixture.ingest("met-mapping.csv", text) { $0.mapping = mapping }
        assertCounts(result, read: 1, loaded: 1, rejected: 0)
        XCTAssertEqual(try fixture.volume("GM0518", "2024-03"), Volume(standBegin: 18000, instroom: 500, uitstroom: 450, standEind: nil))
    }

    // MARK: numbers

    func testThousandsDotFootnoteMarkAndStatusColumn() throws {
        let text =
            benchmarkHeader + ";status\n"
            + "GM0394;2024-03;PW;1.660;40;35;1.665;\n"
            // A trailing footnote mark (formats.md's own example, 414.620*) makes the figure voorlopig.
            + "GM0363;2024-03;PW;414.500;2.000;1.880;414.620*;\n"
            + "GM0518;2024-03;PW;18.000;500;450;18.050;voorlopig\n"
        let result = try fixture.ingest("getallen.csv", text)
        assertCounts(result, read: 3, loaded: 3, rejected: 0)
        XCTAssertEqual(try fixture.volume("GM0394", "2024-03"), Volume(standBegin: 1660, instroom: 40, uitstroom: 35, standEind: 1665))
        XCTAssertEqual(
            try fixture.volume("GM0363", "2024-03"),
            Volume(standBegin: 414_500, instroom: 2000, uitstroom: 1880, standEind: 414_620, status: "voorlopig"))
        XCTAssertEqual(try fixture.volume("GM0518", "2024-03")?.status, "voorlopig")
    }

    func testCountWithDecimalCommaIsRejectedAsNotWhole() throws {
        let result = try fixture.ingest(
            "fractie.csv", benchmarkHeader + "\nGM0394;2024-03;PW;1.660,5;40;35;1665\nGM0394;2024-04;PW;1665;40;35;1670\n")
        assertCounts(result, read: 2, loaded: 1, rejected: 1)
        XCTAssertEqual(try fixture.rejects(result.batch).count, 1)
        let reject = try XCTUnwrap(try fixture.rejects(result.batch).first)
        XCTAssertEqual(reject.line, 2)
        XCTAssertEqual(reject.value, "1.660,5")
        XCTAssertTrue(reject.column?.contains("lopend_begin") ?? false, "\(reject)")
        XCTAssertTrue(reject.reason.contains("whole"), reject.reason)
        XCTAssertNil(try fixture.volume("GM0394", "2024-03"))
        XCTAssertEqual(try fixture.volume("GM0394", "2024-04")?.standBegin, 1665)
    }

    func testNegativeCountIsRejected() throws {
        let result = try fixture.ingest("negatief.csv", benchmarkHeader + "\nGM0394;2024-03;PW;1660;-3;35;1622\n")
        assertCounts(result, read: 1, loaded: 0, rejected: 1)
        let reject = try XCTUnwrap(try fixture.rejects(result.batch).first)
        XCTAssertEqual(reject.line, 2)
        XCTAssertEqual(reject.value, "-3")
        XCTAssertTrue(reject.column?.contains("instroom") ?? false, "\(reject)")
        XCTAssertTrue(reject.reason.contains("negative"), reject.reason)
        XCTAssertEqual(try fixture.factCount(), 0)
    }

    // MARK: gemeenten

    func testGemeenteCodeSpellings() throws {
        let text =
            benchmarkHeader + "\n"
            + "GM0394;2024-01;PW;2100;40;35;2105\n"
            + "gm394;2024-02;PW;2105;41;36;2110\n"
            + "0394;2024-03;PW;2110;42;37;2115\n"
            + "394;2024-04;PW;2115;43;38;2120\n"
        let result = try fixture.ingest("codes.csv", text)
        assertCounts(result, read: 4, loaded: 4, rejected: 0)
        XCTAssertEqual(try fixture.int("SELECT count(*) FROM v_volume_maand WHERE gemeentecode = 'GM0394'"), 4)
        XCTAssertEqual(try fixture.volume("GM0394", "2024-02")?.standEind, 2110)
        XCTAssertEqual(try fixture.volume("GM0394", "2024-04")?.standEind, 2120)
    }

    func testNameOnlyFileWithDenHaagSpellings() throws {
        // 's-Gravenhage is CBS's name for GM0518; Den Haag is what most extracts write (domain.md).
        let text =
            "gemeentenaam;periode;lopend_begin;instroom;uitstroom;lopend_eind\n"
            + "'s-Gravenhage;2024-01;18000;500;450;18050\n"
            + "Den Haag;2024-02;18050;510;460;18100\n"
            + "DEN HAAG;2024-03;18100;520;470;18150\n"
            + "\u{2019}s-Gravenhage;2024-04;18150;530;480;18200\n"
            + "Haarlemmermeer;2024-01;2100;40;35;2105\n"
        let result = try fixture.ingest("namen.csv", text)
        assertCounts(result, read: 5, loaded: 5, rejected: 0)
        XCTAssertEqual(
            try fixture.int("SELECT count(*) FROM v_volume_maand WHERE gemeentecode = 'GM0518' AND maand BETWEEN '2024-01' AND '2024-04'"),
            4)
        XCTAssertEqual(try fixture.volume("GM0518", "2024-02")?.standBegin, 18050)
        XCTAssertEqual(try fixture.volume("GM0394", "2024-01")?.standBegin, 2100)
    }

    func testUnknownNameIsRejected() throws {
        let text = "gemeentenaam;periode;lopend_begin;instroom;uitstroom\nGotham City;2024-01;10;1;1\n"
        let result = try fixture.ingest("gotham.csv", text)
        assertCounts(result, read: 1, loaded: 0, rejected: 1)
        let reject = try XCTUnwrap(try fixture.rejects(result.batch).first)
        XCTAssertEqual(reject.value, "Gotham City")
        XCTAssertTrue(reject.reason.contains("Gotham City"), reject.reason)
    }

    func testNameThatContradictsItsCodeIsAWarningAndTheRowLoads() throws {
        let text =
            "gemeentecode;gemeentenaam;periode;lopend_begin;instroom;uitstroom;lopend_eind\n"
            + "GM0394;Amsterdam;2024-03;2100;40;35;2105\n"
            + "GM0394;Haarlemmermeer;2024-04;2105;41;36;2110\n"
            + "GM0518;Den Haag;2024-04;18000;500;450;18050\n"
        let result = try fixture.ingest("tegenstrijdig.csv", text)
        assertCounts(result, read: 3, loaded: 3, rejected: 0)
        XCTAssertEqual(try fixture.volume("GM0394", "2024-03")?.standBegin, 2100, "the code wins")
        XCTAssertNil(try fixture.volume("GM0363", "2024-03"))
        let nameWarnings = try fixture.warnings(result.batch).filter { $0.line != nil }
        XCTAssertEqual(nameWarnings.count, 1, "\(nameWarnings)")
        XCTAssertEqual(nameWarnings.first?.line, 2)
        XCTAssertTrue(nameWarnings.first?.message.contains("Amsterdam") ?? false, "\(nameWarnings)")
        XCTAssertTrue(nameWarnings.first?.message.contains("GM0394") ?? false, "\(nameWarnings)")
    }

    /// Haarlemmerliede en Spaarnwoude (GM0393) became part of Haarlemmermeer
    /// (GM0394) on 2019-01-01; Weesp (GM0457) of Amsterdam (GM0363) on
    /// 2022-03-24; Súdwest-Fryslân (GM1900) started on 2011-01-01
    /// (gemeenten.csv / herindelingen.csv, Bron: CBS).
    func testGemeenteMustExistInTheMonth() throws {
        let text =
            benchmarkHeader + "\n"
            + "GM0393;2018-06;PW;60;2;1;61\n"
            + "GM0393;2020-03;PW;61;2;1;62\n"
            + "GM0457;2022-03;PW;300;5;4;301\n"
            + "GM0457;2022-04;PW;301;5;4;302\n"
            + "GM1900;2010-06;PW;1000;5;4;1001\n"
        let result = try fixture.ingest("herindeling.csv", text)
        assertCounts(result, read: 5, loaded: 2, rejected: 3)
        XCTAssertEqual(try fixture.volume("GM0393", "2018-06")?.standEind, 61)
        // Weesp still existed for part of March 2022.
        XCTAssertEqual(try fixture.volume("GM0457", "2022-03")?.standEind, 301)

        let rejects = try fixture.rejects(result.batch)
        XCTAssertEqual(rejects.map(\.line), [3, 5, 6])
        let merged = rejects[0]
        XCTAssertEqual(merged.value, "GM0393")
        XCTAssertTrue(merged.reason.contains("GM0394") && merged.reason.contains("Haarlemmermeer"), merged.reason)
        XCTAssertTrue(rejects[1].reason.contains("GM0363") && rejects[1].reason.contains("Amsterdam"), rejects[1].reason)
        XCTAssertTrue(rejects[2].reason.contains("GM1900"), rejects[2].reason)
        XCTAssertNil(try fixture.volume("GM0393", "2020-03"))
        XCTAssertNil(try fixture.volume("GM0394", "2020-03"), "a rejected row must not be moved to the successor silently")
    }

    // MARK: months

    func testMonthSpellings() throws {
        let spellings = [
            ("2024-03", "2024-03"), ("202404", "2024-04"), ("2024M05", "2024-05"), ("2024MM06", "2024-06"),
            ("07-2024", "2024-07"), ("maart 2023", "2023-03"), ("mrt 2022", "2022-03"),
        ]
        let rows = spellings.enumerated().map { index, spelling in
            "GM0394;\(spelling.0);PW;\(2000 + index);10;5;\(2005 + index)"
        }
        let result = try fixture.ingest("maanden.csv", benchmarkHeader + "\n" + rows.joined(separator: "\n") + "\n")
        assertCounts(result, read: 7, loaded: 7, rejected: 0)
        for (index, spelling) in spellings.enumerated() {
            XCTAssertEqual(try fixture.volume("GM0394", spelling.1)?.standBegin, 2000 + index, spelling.0)
        }
    }

    func testUnreadableMonthIsRejected() throws {
        let result = try fixture.ingest("maand-fout.csv", benchmarkHeader + "\nGM0394;2024-13;PW;2000;10;5;2005\n")
        assertCounts(result, read: 1, loaded: 0, rejected: 1)
        let reject = try XCTUnwrap(try fixture.rejects(result.batch).first)
        XCTAssertEqual(reject.value, "2024-13")
        XCTAssertTrue(reject.column?.contains("periode") ?? false, "\(reject)")
    }

    // MARK: regeling

    func testRegelingLabelsAndDefault() throws {
        let text =
            benchmarkHeader + "\n"
            + "GM0394;2024-01;Participatiewet;2100;40;35;2105\n"
            + "GM0394;2024-02;algemene bijstand;2105;41;36;2110\n"
            + "GM0394;2024-03;01;2110;42;37;2115\n"
            + "GM0394;2024-03;IOAW;90;2;1;91\n"
            + "GM0394;2024-04;;2115;43;38;2120\n"
            + "GM0394;2024-05;LKS;50;5;5;50\n"
        let result = try fixture.ingest("regelingen.csv", text)
        assertCounts(result, read: 6, loaded: 5, rejected: 1)
        for maand in ["2024-01", "2024-02", "2024-03", "2024-04"] {
            XCTAssertNotNil(try fixture.volume("GM0394", maand, "PW"), maand)
        }
        XCTAssertEqual(try fixture.volume("GM0394", "2024-03", "IOAW")?.standBegin, 90)
        XCTAssertEqual(try fixture.volume("GM0394", "2024-03", "PW")?.standBegin, 2110)
        let reject = try XCTUnwrap(try fixture.rejects(result.batch).first)
        XCTAssertEqual(reject.line, 7)
        XCTAssertEqual(reject.value, "LKS")
        XCTAssertTrue(reject.reason.contains("LKS"), reject.reason)
        XCTAssertEqual(try fixture.int("SELECT count(*) FROM v_volume_maand WHERE regeling = 'LKS'"), 0)
    }

    func testFileWithoutRegelingColumnIsParticipatiewet() throws {
        let result = try fixture.ingest(
            "zonder-regeling.csv", "gemeentecode;periode;lopend_begin;instroom;uitstroom\nGM0394;2024-03;2100;40;35\n")
        assertCounts(result, read: 1, loaded: 1, rejected: 0)
        XCTAssertEqual(try fixture.volume("GM0394", "2024-03", "PW"), Volume(standBegin: 2100, instroom: 40, uitstroom: 35, standEind: nil))
    }

    // MARK: reasons

    func testOutflowReasonsAboveUitstroomRejectedBelowGiveOnbekend() throws {
        let text =
            benchmarkHeader + ";uitstroom_werk;uitstroom_opleiding\n"
            + "GM0394;2024-03;PW;2100;40;10;2130;7;5\n"  // 7 + 5 = 12 > 10: rejected
            + "GM0394;2024-04;PW;2130;40;10;2160;4;3\n"  // 4 + 3 = 7 < 10: 3 onbekend
            + "GM0394;2024-05;PW;2160;40;10;2190;6;4\n"  // 6 + 4 = 10: covered
        let result = try fixture.ingest("redenen.csv", text)
        assertCounts(result, read: 3, loaded: 2, rejected: 1)
        let reject = try XCTUnwrap(try fixture.rejects(result.batch).first)
        XCTAssertEqual(reject.line, 2)
        XCTAssertTrue(reject.reason.contains("12") && reject.reason.contains("10"), reject.reason)
        XCTAssertNil(try fixture.volume("GM0394", "2024-03"))

        func reasons(_ maand: String) throws -> [String: Int] {
            let rows = try fixture.dump(
                "SELECT reden, aantal FROM v_uitstroom_reden_maand WHERE gemeentecode = 'GM0394' AND maand = '\(maand)' AND regeling = 'PW'"
            )
            return Dictionary(uniqueKeysWithValues: rows.map { (String.fromDatabaseValue($0[0])!, Int.fromDatabaseValue($0[1])!) })
        }
        XCTAssertEqual(try reasons("2024-04"), ["werk": 4, "opleiding": 3, "onbekend": 3])
        XCTAssertEqual(try reasons("2024-05").values.reduce(0, +), 10)
        XCTAssertEqual(try reasons("2024-05")["werk"], 6)
        XCTAssertEqual(try reasons("2024-03"), [:])
    }

    // MARK: duplicates

    func testDuplicateKeyWithinFileIsRejectedNamingTheEarlierLine() throws {
        let text =
            benchmarkHeader + "\n"
            + "GM0394;2024-03;PW;2100;40;35;2105\n"
            + "GM0518;2024-03;PW;18000;500;450;18050\n"
            // The same key in other spellings: gm394, 202403, Participatiewet.
            + "gm394;202403;Participatiewet;9999;1;1;9999\n"
        let result = try fixture.ingest("dubbel.csv", text)
        assertCounts(result, read: 3, loaded: 2, rejected: 1)
        let reject = try XCTUnwrap(try fixture.rejects(result.batch).first)
        XCTAssertEqual(reject.line, 4)
        XCTAssertTrue(reject.reason.contains("line 2"), reject.reason)
        XCTAssertEqual(try fixture.volume("GM0394", "2024-03")?.standBegin, 2100, "the first row stays")
    }

    // MARK: missing values and layout

    func testMissingFlowOrStandIsRejected() throws {
        let text =
            benchmarkHeader + "\n"
            + "GM0394;2024-01;PW;2100;;35;2065\n"  // instroom missing
            + "GM0394;2024-02;PW;;40;35;\n"  // neither stand
            + "GM0394;2024-03;PW;;40;35;2110\n"  // only the end stand: enough
        let result = try fixture.ingest("leeg.csv", text)
        assertCounts(result, read: 3, loaded: 1, rejected: 2)
        let rejects = try fixture.rejects(result.batch)
        XCTAssertEqual(rejects.map(\.line), [2, 3])
        XCTAssertTrue(rejects[0].column?.contains("instroom") ?? false, "\(rejects[0])")
        XCTAssertTrue(rejects[0].reason.contains("missing"), rejects[0].reason)
        XCTAssertEqual(try fixture.volume("GM0394", "2024-03"), Volume(standBegin: nil, instroom: 40, uitstroom: 35, standEind: 2110))
    }

    func testUnterminatedQuoteAtEndIsOneRejectedRow() throws {
        let text =
            benchmarkHeader + "\n"
            + "GM0394;2024-01;PW;2100;40;35;2105\n"
            + "GM0394;2024-02;PW;2105;41;36;2110\n"
            + "GM0394;2024-03;PW;\"2110;42;37;2115\n"
        let result = try fixture.ingest("open-quote.csv", text)
        assertCounts(result, read: 3, loaded: 2, rejected: 1)
        let reject = try XCTUnwrap(try fixture.rejects(result.batch).first)
        XCTAssertEqual(reject.line, 4)
        XCTAssertTrue(reject.reason.contains("quote"), reject.reason)
        XCTAssertEqual(try fixture.volume("GM0394", "2024-02")?.standEind, 2110)
    }

    func testEmptyFileIsRefused() throws {
        for (name, text) in [("leeg.csv", ""), ("alleen-witregels.csv", "\n\n  \n")] {
            XCTAssertThrowsError(try fixture.ingest(name, text), name) { error in
                guard case InputFileError.empty(let file) = error else { return XCTFail("\(name): \(error)") }
                XCTAssertTrue(file.hasSuffix(name))
            }
        }
        XCTAssertEqual(try fixture.int("SELECT count(*) FROM load_batch WHERE status = 'geladen'"), 3, "only the reference data")
    }

    /// Exports from Cognos put a title above the header. The header is found
    /// further down; a reject must still name the column by its header.
    func testTitleRowAboveTheHeader() throws {
        let text =
            "Benchmark Participatiewet maart 2024\n\n" + benchmarkHeader + "\n"
            + "GM0394;2024-03;PW;2100;40;35;2105\n"
            + "GM0394;2024-04;PW;2105;veel;36;2110\n"
        let result = try fixture.ingest("met-titel.csv", text)
        assertCounts(result, read: 2, loaded: 1, rejected: 1)
        XCTAssertEqual(try fixture.volume("GM0394", "2024-03")?.standEind, 2105)
        let reject = try XCTUnwrap(try fixture.rejects(result.batch).first)
        XCTAssertEqual(reject.line, 5)
        XCTAssertEqual(reject.value, "veel")
        XCTAssertTrue(reject.column?.contains("instroom") ?? false, "the column is named by the header on line 3: \(reject)")
    }

    func testBuiltInAliasesForGemeenteNames() throws {
        // sql/seed aliases: Den Bosch is 's-Hertogenbosch (GM0796); Bergen NH is GM0373, Bergen L GM0893.
        let text =
            "gemeentenaam;periode;lopend_begin;instroom;uitstroom\n"
            + "Den Bosch;2024-03;3000;50;45\n"
            + "'s-Hertogenbosch;2024-04;3005;50;45\n"
            + "Bergen (NH.);2024-03;300;5;4\n"
            + "Bergen L;2024-03;200;3;2\n"
        let result = try fixture.ingest("aliassen-namen.csv", text)
        assertCounts(result, read: 4, loaded: 4, rejected: 0)
        XCTAssertEqual(try fixture.volume("GM0796", "2024-03")?.standBegin, 3000)
        XCTAssertEqual(try fixture.volume("GM0796", "2024-04")?.standBegin, 3005)
        XCTAssertEqual(try fixture.volume("GM0373", "2024-03")?.standBegin, 300)
        XCTAssertEqual(try fixture.volume("GM0893", "2024-03")?.standBegin, 200)
    }

    /// A key twice in one file is found through the table's key, also when an earlier load
    /// delivered it: the first occurrence replaces the stored row, the second is rejected and
    /// changes nothing. Worked out by hand: line 2 replaces load A's row, line 3 is new,
    /// line 4 repeats line 2's key.
    func testAKeyTwiceInAFileIsRejectedAlsoWhenItReplacesAnEarlierLoad() throws {
        let header = "gemeentecode;periode;regeling;lopend_begin;instroom;uitstroom;lopend_eind\n"
        try fixture.ingest("a.csv", header + "GM0394;2024-01;PW;100;10;5;105\n")
        let result = try fixture.ingest(
            "b.csv", header + "GM0394;2024-01;PW;100;12;5;107\nGM0394;2024-02;PW;107;1;1;107\nGM0394;2024-01;PW;1;1;1;1\n")
        XCTAssertEqual(result.counts.read, 3)
        XCTAssertEqual(result.counts.loaded, 1)
        XCTAssertEqual(result.counts.replaced, 1)
        XCTAssertEqual(result.counts.rejected, 1)
        let rejects = try fixture.rejects(result.batch)
        XCTAssertEqual(rejects.map(\.line), [4])
        XCTAssertEqual(rejects.first?.reason, "GM0394 2024-01 PW already occurs on line 2 of this file")
        XCTAssertEqual(try fixture.int("SELECT instroom FROM fact_volume_maand WHERE gemeente_id = 394 AND maand_id = 202401"), 12)
        XCTAssertEqual(try fixture.int("SELECT instroom FROM hist_volume_maand WHERE gemeente_id = 394 AND maand_id = 202401"), 10)
        XCTAssertEqual(try fixture.int("SELECT count(*) FROM hist_volume_maand"), 1)
        // The sums count the stored row only: 2024-01 has instroom 12, not 12 + 1.
        XCTAssertEqual(try fixture.int("SELECT instroom FROM agg_volume_maand WHERE gemeente_id = 394 AND maand_id = 202401"), 12)

        let lasten = try fixture.ingest(
            "lasten.csv",
            "gemeentecode;periode;regeling;lasten;baten\nGM0394;2024-01;PW;1.000,00;0\nGM0394;2024-01;PW;2.000,00;0\n")
        XCTAssertEqual(lasten.counts.loaded, 1)
        XCTAssertEqual(try fixture.rejects(lasten.batch).map(\.reason), ["GM0394 2024-01 PW already occurs on line 2 of this file"])
        XCTAssertEqual(try fixture.int("SELECT lasten_cent FROM fact_buig_lasten_maand WHERE gemeente_id = 394"), 100_000)
    }
}
