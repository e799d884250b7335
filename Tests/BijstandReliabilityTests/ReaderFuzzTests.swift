import BijstandCore
import BijstandETL
import TestSupport
import XCTest

/// Property-based fuzzing of the CSV reader and the field parsers: files
/// assembled at random from the bytes that matter to a CSV parser (quotes,
/// delimiters, every kind of line end, byte order marks, Windows-1252 and
/// broken UTF-8, NUL) must never crash the reader, and every pass must keep the
/// promises of `ReaderTrace`: line numbers inside the file and monotonic, and
/// every line accounted for (in a record, in a malformed record, or counted
/// as empty). The same checks run under libFuzzer in Tests/scripts/fuzz-csv.sh.
final class ReaderFuzzTests: XCTestCase {
    /// Pieces weighted towards trouble; a file is a random sequence of them.
    static let pieces: [[UInt8]] = [
        [0x3B], [0x3B], [0x3B], [0x2C], [0x09],  // ; ; ; , tab
        [0x22], [0x22], [0x22, 0x22], [0x22, 0x22, 0x22],  // quotes
        [0x0A], [0x0A], [0x0D, 0x0A], [0x0D],  // LF, CRLF, lone CR
        [0x20], [0x20, 0x20],
        Array("GM0394".utf8), Array("2024-03".utf8), Array("1.660,5".utf8), Array("(46)".utf8), Array("414.620*".utf8),
        Array("€ 201.159,38".utf8), Array("Súdwest-Fryslân".utf8), Array("maart 2024".utf8), Array("20240331".utf8),
        Array("gemeentecode;periode;instroom;uitstroom;lopend_eind".utf8), Array("123456782".utf8),
        Array("a".utf8), Array("x".utf8), Array("0".utf8), Array("99999999999999999999999".utf8),
        [0xEF, 0xBB, 0xBF],  // a byte order mark, also in the middle
        [0xEB], [0x80], [0x81],  // Windows-1252 ë and €, and a byte 1252 leaves undefined
        [0xC3], [0xE2, 0x82], [0xF0, 0x9F, 0x98, 0x80], [0xFF],  // truncated and 4-byte UTF-8, invalid byte
        [0x00],  // NUL: the file is refused as binary
        [0x01], [0x1F], [0x7F],
    ]

    private func randomFile(_ random: inout SplitMix64, maximumPieces: Int) -> [UInt8] {
        var bytes: [UInt8] = []
        let count = random.next(below: maximumPieces + 1)
        for _ in 0..<count {
            // NUL makes the whole file refused: keep it rare so most files reach the parser.
            var piece = Self.pieces[random.next(below: Self.pieces.count)]
            if piece == [0x00], random.next(below: 8) != 0 { piece = [0x3B] }
            bytes += piece
        }
        return bytes
    }

    /// 15.000 random files of up to 120 pieces.
    func testRandomFilesKeepEveryPromise() throws {
        var random = SplitMix64(seed: 20_260_501)
        var refused = 0
        var records = 0
        var malformed = 0
        for iteration in 0..<15_000 {
            let bytes = randomFile(&random, maximumPieces: 120)
            FieldParserProbe.failures.removeAll()
            let trace = ReaderTrace.read(bytes)
            let problems = trace.violations() + FieldParserProbe.failures
            if !problems.isEmpty {
                let small = Self.shrink(bytes)
                let smallProblems = ReaderTrace.read(small).violations()
                XCTFail(
                    "iteration \(iteration), shrunk input \(String(decoding: small, as: UTF8.self).debugDescription) \(small): \(smallProblems.prefix(3))"
                )
                return
            }
            if trace.refusal != nil { refused += 1 }
            records += trace.events.filter { $0.fields != nil }.count
            malformed += trace.events.filter { $0.fields == nil }.count
        }
        // The generator must reach every path: refusals, records and malformed records.
        XCTAssertGreaterThan(refused, 75)
        XCTAssertGreaterThan(records, 22_000)
        XCTAssertGreaterThan(malformed, 3_500)
    }

    /// The smallest input, found by dropping bytes one at a time, that still breaks a promise.
    static func shrink(_ bytes: [UInt8]) -> [UInt8] {
        var current = bytes
        var changed = true
        while changed {
            changed = false
            var index = 0
            while index < current.count {
                var candidate = current
                candidate.remove(at: index)
                if !ReaderTrace.read(candidate).violations().isEmpty {
                    current = candidate
                    changed = true
                } else {
                    index += 1
                }
            }
        }
        return current
    }

    // MARK: found by the fuzzer

    /// libcsv ends a record at a lone CR, also in a file whose lines end in LF. The
    /// record after it starts on the same line, and when it goes on over the next
    /// line (a quoted line break) its first fields must not be lost.
    func testRecordAfterALoneCarriageReturnKeepsItsFieldsAndLine() throws {
        let trace = ReaderTrace.read(Array("a;b\n1;2\r3;\"x\ny\"\n4;5\n".utf8))
        XCTAssertEqual(
            trace.events,
            [
                .init(line: 1, lastLine: 1, fields: ["a", "b"]),
                .init(line: 2, lastLine: 2, fields: ["1", "2"]),
                .init(line: 2, lastLine: 3, fields: ["3", "x\ny"]),
                .init(line: 4, lastLine: 4, fields: ["4", "5"]),
            ])
        XCTAssertEqual(trace.violations(), [])
    }

    /// A record that starts after a lone CR in the middle of a multi-line record
    /// is on the line of that CR, not on the line where the earlier record began.
    func testRecordAfterALoneCarriageReturnIsNotNumberedFromTheEarlierRecord() throws {
        let trace = ReaderTrace.read(Array("a;b\n\"x\n\n\ny\";1\r2;3\n".utf8))
        XCTAssertEqual(
            trace.events,
            [
                .init(line: 1, lastLine: 1, fields: ["a", "b"]),
                .init(line: 2, lastLine: 5, fields: ["x\n\n\ny", "1"]),
                .init(line: 5, lastLine: 5, fields: ["2", "3"]),
            ])
    }

    /// A quote left open at the end of a file without a final line break: the
    /// malformed record runs to the last line, which has no line break of its own.
    func testUnclosedQuoteWithoutFinalLineBreakEndsOnTheLastLine() throws {
        let trace = ReaderTrace.read(Array("a;b\n1;\"open\nmore".utf8))
        XCTAssertEqual(trace.events, [.init(line: 1, lastLine: 1, fields: ["a", "b"]), .init(line: 2, lastLine: 3, fields: nil)])
        XCTAssertEqual(trace.violations(), [])
    }

    /// Spaces after the last line break are an empty line like any other.
    func testBlankLastLineWithoutLineBreakIsAnEmptyLine() throws {
        let trace = ReaderTrace.read(Array("a;b\n1;2\n   ".utf8))
        XCTAssertEqual(trace.emptyLines, 1)
        XCTAssertEqual(trace.violations(), [])
    }

    /// A CRLF cut by the block boundary between its CR and its LF is one line end,
    /// not a line end followed by an empty line (the ledger's `lege_regels`).
    func testCRLFCutByTheBlockBoundaryIsNotAnEmptyLine() throws {
        var bytes = Array("a;b\r\n".utf8)
        let filler = Array(("x;" + String(repeating: "y", count: 1_000) + "\r\n").utf8)
        while bytes.count + filler.count < (1 << 20) { bytes += filler }
        let lines = ReaderTrace.countLines(bytes, lineBreak: 0x0A)
        bytes += Array("1;".utf8) + Array(repeating: UInt8(ascii: "2"), count: (1 << 20) - bytes.count - 3) + [0x0D]
        XCTAssertEqual(bytes.count, 1 << 20, "the block ends between CR and LF")
        bytes += Array("\n3;4\r\n".utf8)
        let trace = ReaderTrace.read(bytes)
        XCTAssertEqual(trace.emptyLines, 0)
        XCTAssertEqual(trace.events.last, .init(line: lines + 2, lastLine: lines + 2, fields: ["3", "4"]))
        XCTAssertEqual(trace.violations(), [])
    }

    /// Larger files, so records straddle the reader's 1 MiB block boundary.
    func testFilesAcrossTheBlockBoundary() throws {
        var random = SplitMix64(seed: 7)
        for iteration in 0..<3 {
            var bytes: [UInt8] = Array("gemeentecode;periode;instroom\n".utf8)
            while bytes.count < (1 << 20) + 50_000 {
                bytes += randomFile(&random, maximumPieces: 40).filter { $0 != 0 }
                bytes += [0x0A]
            }
            FieldParserProbe.failures.removeAll()
            let trace = ReaderTrace.read(bytes)
            XCTAssertNil(trace.refusal, "iteration \(iteration)")
            XCTAssertEqual(trace.violations() + FieldParserProbe.failures, [], "iteration \(iteration)")
        }
    }

    /// A record that is cut by the 1 MiB block boundary in every possible place
    /// of a quoted field with a doubled quote and a line break.
    func testEveryCutOfAQuotedRecordAtTheBlockBoundary() throws {
        let record = Array("GM0394;\"zei \"\"ja\"\"\r\nnee\";12\r\n".utf8)
        for shift in 0..<record.count {
            var bytes = Array("a;b;c\r\n".utf8)
            // Long lines keep the file at a few hundred records, so every cut is quick to read.
            let filler = Array(("x;" + String(repeating: "y", count: 8_000) + ";z\r\n").utf8)
            while bytes.count + filler.count <= (1 << 20) - shift { bytes += filler }
            bytes += Array(repeating: 0x20, count: (1 << 20) - shift - bytes.count)
            bytes += record + Array("1;2;3\r\n".utf8)
            let trace = ReaderTrace.read(bytes)
            XCTAssertEqual(trace.violations(), [], "shift \(shift)")
            let fields = trace.events.compactMap(\.fields)
            XCTAssertEqual(fields.suffix(2).first, ["GM0394", "zei \"ja\"\r\nnee", "12"], "shift \(shift)")
            XCTAssertEqual(fields.last, ["1", "2", "3"], "shift \(shift)")
        }
    }

    /// The field parsers on arbitrary bytes, and round trips: a number written in
    /// any accepted spelling reads back as itself (formats.md, top section).
    func testFieldParsersRoundTripAndNeverTrap() throws {
        var random = SplitMix64(seed: 99)
        for _ in 0..<30_000 {
            let length = random.next(below: 16)
            let bytes = (0..<length).map { _ in UInt8(truncatingIfNeeded: random.next()) }
            bytes.withUnsafeBufferPointer { FieldParserProbe.exercise($0) }
        }
        XCTAssertEqual(FieldParserProbe.failures, [])

        for _ in 0..<5_000 {
            let value = Int64(random.next(below: 2_000_000_000))
            let plain = String(value)
            let grouped = Self.dutchThousands(value)
            for spelling in [plain, grouped, "\(grouped)*", " \(plain) "] {
                guard case .success(let parsed) = FieldParser.count(spelling) else {
                    XCTFail("count \(spelling.debugDescription) did not parse")
                    continue
                }
                XCTAssertEqual(parsed.value, value, spelling)
                XCTAssertEqual(parsed.voorlopig, spelling.hasSuffix("*"), spelling)
            }
            let cents = Int64(random.next(below: 100_000_000_000)) - 50_000_000_000
            let euros = Self.dutchThousands(abs(cents) / 100) + "," + (abs(cents) % 100 < 10 ? "0" : "") + String(abs(cents) % 100)
            for spelling in [cents < 0 ? "-\(euros)" : euros, cents < 0 ? "−€ \(euros)" : "€ \(euros)", cents < 0 ? "(\(euros))" : euros] {
                guard case .success(let parsed) = FieldParser.cents(spelling) else {
                    XCTFail("cents \(spelling.debugDescription) did not parse")
                    continue
                }
                XCTAssertEqual(parsed.cents, cents, spelling)
            }
            let year = 1900 + random.next(below: 201)
            let month = 1 + random.next(below: 12)
            let mm = month < 10 ? "0\(month)" : "\(month)"
            for spelling in ["\(year)-\(mm)", "\(year)\(mm)", "\(year)M\(mm)", "\(year)MM\(mm)", "\(mm)-\(year)"] {
                XCTAssertEqual(try FieldParser.month(spelling).get(), Month(year: year, month: month), spelling)
            }
            let day = 1 + random.next(below: Month(year: year, month: month)!.numberOfDays)
            let dd = day < 10 ? "0\(day)" : "\(day)"
            for spelling in ["\(year)-\(mm)-\(dd)", "\(dd)-\(mm)-\(year)", "\(dd)/\(mm)/\(year)", "\(year)\(mm)\(dd)"] {
                XCTAssertEqual(try FieldParser.date(spelling).get(), Day(year: year, month: month, day: day), spelling)
            }
        }
    }

    static func dutchThousands(_ value: Int64) -> String {
        var digits = Array(String(value))
        var out: [Character] = []
        while digits.count > 3 {
            out = ["."] + digits.suffix(3) + out
            digits.removeLast(3)
        }
        return String(digits + out)
    }
}
