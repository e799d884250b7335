import BijstandETL
import TestSupport
import XCTest

/// The streaming reader on real files: quoting, line numbers, blank rows,
/// encodings, line ends and delimiter detection (formats.md, top section).
/// Every expected value is worked out by hand from the bytes written.
final class CSVReaderTests: XCTestCase {
    /// One record as delivered, copied out of the reader's buffer.
    struct Record: Equatable, CustomStringConvertible {
        var line: Int
        var lastLine: Int
        var fields: [String]
        var description: String { "line \(line)–\(lastLine): \(fields)" }
    }

    /// Everything one pass over a file tells.
    struct Reading {
        var records: [Record]
        var malformed: [CSVReader.Malformed]
        var emptyLines: Int
        var delimiter: UInt8
        var encoding: TextEncoding
        var lines: [Int] { records.map(\.line) }
        var fields: [[String]] { records.map(\.fields) }
    }

    private func read(_ bytes: [UInt8], name: String = "extract.csv") throws -> Reading {
        let directory = try TemporaryDirectory()
        let path = try directory.write(name, bytes: bytes)
        let input = CSVInput.file(path: path)
        let fingerprint = try Fingerprint.compute(input)
        let reader = try CSVReader(input: input, fingerprint: fingerprint)
        var records: [Record] = []
        var malformed: [CSVReader.Malformed] = []
        try reader.read(
            { record in
                records.append(
                    Record(line: record.line, lastLine: record.lastLine, fields: (0..<record.count).map { record.string($0) }))
            },
            malformed: { malformed.append($0) })
        return Reading(
            records: records, malformed: malformed, emptyLines: reader.emptyLines, delimiter: reader.delimiter,
            encoding: reader.encoding)
    }

    private func read(_ text: String) throws -> Reading {
        try read(Array(text.utf8))
    }

    // MARK: quoting

    func testQuotedDelimiterDoubledQuotesAndLineBreaksKeepLineNumbers() throws {
        let text = #"""
            a;b;c
            1;"x;y";2
            3;"he said ""hi""";4
            5;"multi
            line
            text";6
            7;8;9

            """#
        let reading = try read(text)
        XCTAssertEqual(
            reading.records,
            [
                Record(line: 1, lastLine: 1, fields: ["a", "b", "c"]),
                Record(line: 2, lastLine: 2, fields: ["1", "x;y", "2"]),
                Record(line: 3, lastLine: 3, fields: ["3", "he said \"hi\"", "4"]),
                Record(line: 4, lastLine: 6, fields: ["5", "multi\nline\ntext", "6"]),
                // The record after the three-line field starts on line 7, not line 5.
                Record(line: 7, lastLine: 7, fields: ["7", "8", "9"]),
            ])
        XCTAssertTrue(reading.malformed.isEmpty)
    }

    func testSpacesOutsideQuotesAreTrimmedAndInsideKept() throws {
        let reading = try read("a;b;c\n  12 ; \" x \" ;Den Haag\n")
        XCTAssertEqual(reading.fields.last, ["12", " x ", "Den Haag"])
    }

    func testBlankLineInsideQuotedFieldIsPartOfTheField() throws {
        let reading = try read("a;b\n\"one\n\ntwo\";1\nz;2\n")
        XCTAssertEqual(
            reading.records.dropFirst().map { $0 },
            [
                Record(line: 2, lastLine: 4, fields: ["one\n\ntwo", "1"]),
                Record(line: 5, lastLine: 5, fields: ["z", "2"]),
            ])
        XCTAssertEqual(reading.emptyLines, 0, "a blank line inside quotes is data, not an empty line")
    }

    func testUnterminatedQuoteAtEndOfFileIsReportedWithItsStartLine() throws {
        let text = "a;b\n1;2\n3;\"open\n4;5\n"
        let reading = try read(text)
        XCTAssertEqual(reading.fields, [["a", "b"], ["1", "2"]], "rows before the broken one are still delivered")
        XCTAssertEqual(reading.malformed.count, 1)
        let bad = try XCTUnwrap(reading.malformed.first)
        XCTAssertEqual(bad.line, 3, "the quote opened on line 3")
        XCTAssertEqual(bad.lastLine, 4)
        XCTAssertTrue(bad.reason.contains("never closed"), bad.reason)
        XCTAssertTrue(bad.rawText.contains("open"), bad.rawText)
    }

    func testMisplacedQuoteIsRejectedAndReaderResynchronisesOnNextLine() throws {
        let text = "a;b\n\"abc\"x;1\nc;2\n\"ok\";3\n"
        let reading = try read(text)
        XCTAssertEqual(reading.malformed.map(\.line), [2])
        XCTAssertEqual(reading.malformed.first?.lastLine, 2)
        XCTAssertTrue(reading.malformed.first?.rawText.contains("\"abc\"x") ?? false)
        XCTAssertEqual(
            reading.records,
            [
                Record(line: 1, lastLine: 1, fields: ["a", "b"]),
                Record(line: 3, lastLine: 3, fields: ["c", "2"]),
                Record(line: 4, lastLine: 4, fields: ["ok", "3"]),
            ])
    }

    /// A stray quote must not swallow the rest of a large file: after
    /// `maximumLinesPerRecord` lines the record is refused and reading goes on.
    func testStrayQuoteIsGivenUpAfterTheLineLimit() throws {
        let limit = CSVReader.maximumLinesPerRecord
        var text = "a;b\n1;\"stray\n"
        for index in 0..<(limit + 50) { text += "r\(index);x\n" }
        let reading = try read(text)
        XCTAssertEqual(reading.malformed.count, 1)
        XCTAssertEqual(reading.malformed.first?.line, 2)
        // The record started on line 2 and was given up on its 200th line.
        let lastSwallowed = 2 + limit - 1
        XCTAssertEqual(reading.malformed.first?.lastLine, lastSwallowed)
        let after = reading.records.dropFirst()
        XCTAssertEqual(after.first?.line, lastSwallowed + 1)
        // Row r(k) is on line 3 + k; the first row after the given-up record is on lastSwallowed + 1.
        XCTAssertEqual(after.first?.fields, ["r\(lastSwallowed + 1 - 3)", "x"])
        XCTAssertEqual(after.last?.line, 3 + limit + 49)
        XCTAssertEqual(after.count, (3 + limit + 49) - lastSwallowed)
    }

    func testShortAndLongRowsKeepTheirFieldCount() throws {
        let reading = try read("a;b;c\n1;2\n1;2;3;4\n5;6;7\n")
        XCTAssertEqual(reading.records.map(\.fields.count), [3, 2, 4, 3])
        XCTAssertEqual(reading.fields[2], ["1", "2", "3", "4"])
    }

    // MARK: empty lines

    func testBlankLinesAndEmptyFieldRowsAreSkippedAndCounted() throws {
        let text = "a;b;c\n1;2;3\n\n;;;;\n   \n4;5;6\n;;\n7;8;9\n"
        let reading = try read(text)
        XCTAssertEqual(reading.fields, [["a", "b", "c"], ["1", "2", "3"], ["4", "5", "6"], ["7", "8", "9"]])
        // Lines 3 (empty), 4 (;;;;), 5 (spaces) and 7 (;;) are not data.
        XCTAssertEqual(reading.emptyLines, 4)
        XCTAssertEqual(reading.lines, [1, 2, 6, 8])
    }

    func testBlankLinesBeforeTheHeaderShiftLineNumbers() throws {
        let reading = try read("\n\na;b\n1;2\n")
        XCTAssertEqual(reading.lines, [3, 4])
        XCTAssertEqual(reading.emptyLines, 2)
    }

    // MARK: encodings and line ends

    func testUTF8ByteOrderMarkIsStripped() throws {
        let reading = try read([0xEF, 0xBB, 0xBF] + Array("gemeentecode;periode\nGM0394;2024-03\n".utf8))
        XCTAssertEqual(reading.fields.first?.first, "gemeentecode")
        XCTAssertEqual(reading.fields.first?.first?.unicodeScalars.first, "g", "no U+FEFF left in front")
        XCTAssertEqual(reading.encoding, .utf8)
        XCTAssertEqual(reading.lines, [1, 2])
    }

    func testCRLFLineEnds() throws {
        let reading = try read("a;b\r\n1;2\r\n3;\"x\r\ny\"\r\n4;5\r\n")
        XCTAssertEqual(reading.fields, [["a", "b"], ["1", "2"], ["3", "x\r\ny"], ["4", "5"]])
        XCTAssertEqual(reading.lines, [1, 2, 3, 5])
        XCTAssertEqual(reading.emptyLines, 0)
    }

    func testMissingFinalNewline() throws {
        for lineEnd in ["\n", "\r\n"] {
            let reading = try read("a;b\(lineEnd)1;2\(lineEnd)3;4")
            XCTAssertEqual(reading.fields, [["a", "b"], ["1", "2"], ["3", "4"]], "line end \(lineEnd.debugDescription)")
            XCTAssertEqual(reading.lines, [1, 2, 3])
            XCTAssertTrue(reading.malformed.isEmpty)
        }
    }

    func testCarriageReturnOnlyLineEnds() throws {
        let reading = try read("a;b\r1;2\r\r3;4\r")
        XCTAssertEqual(reading.fields, [["a", "b"], ["1", "2"], ["3", "4"]])
        XCTAssertEqual(reading.lines, [1, 2, 4])
        XCTAssertEqual(reading.emptyLines, 1)
    }

    func testWindows1252IsDetectedAndDecodedToUTF8() throws {
        // "Reën" with ë = 0xEB, "€ 12" with € = 0x80, "Súdwest-Fryslân" with ú = 0xFA and â = 0xE2.
        var bytes = Array("naam;bedrag;gemeente\nRe".utf8)
        bytes += [0xEB] + Array("n;".utf8) + [0x80] + Array(" 12;S".utf8) + [0xFA] + Array("dwest-Frysl".utf8) + [0xE2]
        bytes += Array("n\n".utf8)
        let reading = try read(bytes)
        XCTAssertEqual(reading.encoding, .windows1252)
        XCTAssertEqual(reading.fields.last, ["Reën", "€ 12", "Súdwest-Fryslân"])
        XCTAssertEqual(Array(reading.fields.last![1].utf8.prefix(3)), [0xE2, 0x82, 0xAC], "€ is U+20AC in UTF-8")
    }

    func testValidUTF8IsNotReinterpretedAs1252() throws {
        let reading = try read("naam;bedrag\nReën;€ 12\n")
        XCTAssertEqual(reading.encoding, .utf8)
        XCTAssertEqual(reading.fields.last, ["Reën", "€ 12"])
    }

    func testUTF16AndSpreadsheetsAreRefusedAsNotText() throws {
        let directory = try TemporaryDirectory()
        let utf16: [UInt8] = [0xFF, 0xFE] + Array("a;b\n1;2\n".utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        let xlsx: [UInt8] = [0x50, 0x4B, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00] + Array("[Content_Types].xml".utf8)
        // UTF-16 without a byte order mark: every other byte is NUL.
        let utf16NoMark: [UInt8] = Array("a;b\n1;2\n".utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        let cases = [("unicode.txt", utf16, "UTF-16"), ("export.xlsx", xlsx, "Excel"), ("zonder-bom.txt", utf16NoMark, "NUL")]
        for (name, bytes, mentions) in cases {
            let path = try directory.write(name, bytes: bytes)
            XCTAssertThrowsError(try Fingerprint.compute(.file(path: path)), name) { error in
                guard case InputFileError.notText(let file, let reason) = error else {
                    return XCTFail("\(name): expected notText, got \(error)")
                }
                XCTAssertEqual(file, path)
                XCTAssertTrue(reason.contains(mentions), "\(name): \(reason)")
            }
        }
    }

    // MARK: delimiters

    func testDelimiterDetection() throws {
        let semicolon = try read("gemeentecode;periode;instroom\nGM0394;2024-03;40\n")
        XCTAssertEqual(semicolon.delimiter, UInt8(ascii: ";"))
        XCTAssertEqual(semicolon.fields.last, ["GM0394", "2024-03", "40"])

        let comma = try read("gemeentecode,periode,instroom\nGM0394,2024-03,40\n")
        XCTAssertEqual(comma.delimiter, UInt8(ascii: ","))
        XCTAssertEqual(comma.fields.last, ["GM0394", "2024-03", "40"])

        // Tab with fields that contain spaces: the spaces stay, the tab separates.
        let tab = try read("gemeente naam\tperiode\tinstroom\nDen Haag\tmaart 2024\t1 660\n")
        XCTAssertEqual(tab.delimiter, 0x09)
        XCTAssertEqual(tab.fields, [["gemeente naam", "periode", "instroom"], ["Den Haag", "maart 2024", "1 660"]])
    }

    func testSemicolonFileWithDecimalCommas() throws {
        let text = "gemeentecode;lasten;baten\nGM0394;1.234,56;12,50\nGM0518;2.345,67;0,5\n"
        let reading = try read(text)
        XCTAssertEqual(reading.delimiter, UInt8(ascii: ";"))
        XCTAssertEqual(reading.fields.last, ["GM0518", "2.345,67", "0,5"])
    }

    /// formats.md: the delimiter is "detected from the header". A Dutch Excel
    /// export does not quote a free-text field with commas (only one with `;`),
    /// so the data rows may hold more commas than semicolons.
    func testSemicolonFileWhoseTextFieldsHoldManyCommas() throws {
        let text = """
            gemeentecode;gemeentenaam;opmerking
            GM1900;Súdwest-Fryslân;samen met Bolsward, Sneek, Nijefurd, Wymbritseradiel, Wûnseradiel
            GM1949;Waadhoeke;het Bildt, Franekeradeel, Menameradiel, deel van Littenseradiel

            """
        let reading = try read(text)
        XCTAssertEqual(reading.delimiter, UInt8(ascii: ";"))
        XCTAssertEqual(reading.records.map(\.fields.count), [3, 3, 3])
        XCTAssertEqual(reading.fields.last?.first, "GM1949")
    }

    // MARK: property: line numbers across a generated file

    /// A file of random rows, some with quoted line breaks, doubled quotes and
    /// delimiters, with blank lines in between, over 1 MiB so records straddle
    /// the reader's block boundary. The expected start line of every record is
    /// counted while the file is written.
    func testLineNumbersStayExactAcrossGeneratedFile() throws {
        for (seed, lineEnd) in [(UInt64(20_240_331), "\n"), (UInt64(7), "\r\n")] {
            var random = SplitMix64(seed: seed)
            var text = "id;a;b;c" + lineEnd
            var expected: [Record] = [Record(line: 1, lastLine: 1, fields: ["id", "a", "b", "c"])]
            var line = 2
            var blank = 0
            while text.utf8.count < 1_200_000 {
                if random.next(below: 20) == 0 {
                    text += lineEnd
                    line += 1
                    blank += 1
                    continue
                }
                var fields = ["r\(expected.count)"]
                var written = [fields[0]]
                var breaks = 0
                for _ in 0..<3 {
                    let (value, raw, lineBreaks) = Self.randomField(&random, lineEnd: lineEnd)
                    fields.append(value)
                    written.append(raw)
                    breaks += lineBreaks
                }
                text += written.joined(separator: ";") + lineEnd
                expected.append(Record(line: line, lastLine: line + breaks, fields: fields))
                line += breaks + 1
            }
            let reading = try read(text)
            XCTAssertTrue(reading.malformed.isEmpty, "seed \(seed): \(reading.malformed.map(\.line))")
            XCTAssertEqual(reading.records.count, expected.count, "seed \(seed)")
            XCTAssertEqual(reading.emptyLines, blank, "seed \(seed)")
            let firstDifference = zip(reading.records, expected).first { $0 != $1 }
            XCTAssertNil(firstDifference.map { "read \($0.0), expected \($0.1)" }, "seed \(seed)")
            let increasing = zip(reading.lines, reading.lines.dropFirst()).allSatisfy { $0 < $1 }
            XCTAssertTrue(increasing, "seed \(seed): line numbers must increase strictly")
            XCTAssertGreaterThan(expected.filter { $0.lastLine > $0.line }.count, 100, "the generator must produce multi-line records")
        }
    }

    /// A field value, how it is written, and how many line breaks the written form holds.
    private static func randomField(_ random: inout SplitMix64, lineEnd: String) -> (String, String, Int) {
        let words = ["Den Haag", "2024-03", "1.660", "x", "Súdwest-Fryslân", "414.620*", "€ 12,50"]
        let word = words[random.next(below: words.count)]
        switch random.next(below: 6) {
        case 0:
            let breaks = 1 + random.next(below: 3)
            let value = Array(repeating: word, count: breaks + 1).joined(separator: lineEnd)
            return (value, "\"" + value + "\"", breaks)
        case 1:
            let value = "zei \"\(word)\""
            return (value, "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\"", 0)
        case 2:
            let value = word + ";" + word
            return (value, "\"" + value + "\"", 0)
        case 3:
            return ("", "", 0)
        default:
            return (word, word, 0)
        }
    }
}
