import BijstandETL
import Foundation
import TestSupport
import XCTest

/// The CSV reader against Python's csv module (strict mode) on generated
/// tricky files (Tests/scripts/differential-csv.py): the same records with the
/// same fields, the same first and last line of each, the same encoding and
/// delimiter, and a defect reported on the line where Python stops.
///
/// Intended differences, kept out of the generated files: bijstand trims
/// spaces outside quotes, skips rows of empty fields (counting them as empty
/// lines), takes a lone CR in an LF file for a line end (as libcsv does),
/// and goes on after a defect where Python stops.
final class DifferentialCSVTests: XCTestCase {
    struct Case: Decodable {
        struct Record: Decodable, Equatable {
            var line: Int
            var lastLine: Int
            var fields: [String]
        }
        struct Failure: Decodable {
            var line: Int
            var message: String
        }
        var file: String
        var delimiter: String
        var encoding: String
        var defect: String?
        var records: [Record]
        var error: Failure?
    }

    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("scripts/differential-csv.py")

    func testReaderAgreesWithPythonsCSVModule() throws {
        let directory = try TemporaryDirectory()
        let count = 600
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", Self.script.path, directory.url.path, String(count), "20260501"]
        try process.run()
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0, "python3 \(Self.script.path) failed")
        let cases = try JSONDecoder().decode([Case].self, from: Data(contentsOf: directory.url.appendingPathComponent("expected.json")))
        XCTAssertEqual(cases.count, count)

        var compared = 0
        var defects = 0
        for testCase in cases {
            let bytes = [UInt8](try Data(contentsOf: directory.url.appendingPathComponent(testCase.file)))
            let input = CSVInput.bytes(name: testCase.file, content: bytes)
            let fingerprint = try Fingerprint.compute(input)
            let reader = try CSVReader(input: input, fingerprint: fingerprint)
            var records: [Case.Record] = []
            var malformed: [CSVReader.Malformed] = []
            try reader.read(
                { record in
                    records.append(
                        .init(line: record.line, lastLine: record.lastLine, fields: (0..<record.count).map { record.string($0) }))
                },
                malformed: { malformed.append($0) })
            let name = "\(testCase.file) (\(testCase.delimiter.debugDescription), \(testCase.encoding))"
            XCTAssertEqual(fingerprint.encoding.rawValue, testCase.encoding, name)
            if let columns = records.first?.fields.count, columns > 1 {
                XCTAssertEqual(String(UnicodeScalar(reader.delimiter)), testCase.delimiter, name)
            }
            if let error = testCase.error {
                defects += 1
                // Python stops at the defect; up to there both agree, and bijstand reports the defect on that line.
                let before = records.filter { $0.lastLine < error.line }
                XCTAssertEqual(before, testCase.records, "\(name): records before the defect")
                let first = try XCTUnwrap(malformed.first, "\(name): Python stopped at line \(error.line) (\(error.message))")
                XCTAssertEqual(first.lastLine, error.line, "\(name): Python: \(error.message); bijstand: \(first.reason)")
            } else {
                XCTAssertEqual(malformed.map(\.line), [], name)
                XCTAssertEqual(records, testCase.records, name)
            }
            compared += 1
        }
        XCTAssertEqual(compared, count)
        XCTAssertGreaterThan(defects, 40)
        print("differential: \(count) files, \(cases.reduce(0) { $0 + $1.records.count }) records, \(defects) with a defect")
    }
}
