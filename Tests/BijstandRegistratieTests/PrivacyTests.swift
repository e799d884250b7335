import Foundation
import TestSupport
import XCTest

@testable import BijstandETL

/// The BSN at the door: reading, the elfproef, masking, and the pseudonym key.
final class PrivacyTests: XCTestCase {
    func testBSNSpellings() throws {
        // 123456782: 9+16+21+24+25+24+21+16 − 2 = 154 = 14 × 11 (ElfproefTests).
        for spelling in ["123456782", " 123456782 ", "1234.56.782", "123 456 782", "123-456-782"] {
            XCTAssertNoThrow(try BSN.read(spelling).get(), spelling)
        }
        // A spreadsheet dropped the leading zero of 012345672.
        let shortened = try BSN.read("12345672").get()
        XCTAssertEqual(shortened.withDigits { Array($0) }, Array("012345672".utf8))
        XCTAssertEqual(BSN.read("123456789").failure, .elfproef)
        for wrong in ["12345", "1234567890", "12a456782", "1,23457E+08", "..123456782", "123456782.", "1234..56782"] {
            XCTAssertEqual(BSN.read(wrong).failure, .notNineDigits, wrong)
        }
        XCTAssertFalse(BSN.Problem.elfproef.reason.contains("123"))
    }

    func testIdentifiersThatAreBSNs() {
        func shaped(_ text: String) -> Bool {
            var copy = text
            return copy.withUTF8 { BSN.isBSNShaped($0) }
        }
        XCTAssertTrue(shaped("123456782"))
        XCTAssertTrue(shaped("12345672"))
        XCTAssertFalse(shaped("123456789"))  // fails the elfproef: an ordinary dossier number
        XCTAssertFalse(shaped("D123456782"))
        XCTAssertFalse(shaped("1234567"))
    }

    func testMaskingHidesNumbersThatMayBeBSNs() {
        XCTAssertEqual(RejectMasking.maskNumbers(in: "GM0394;123456782;2019-01-01", onlyValidBSNs: true), "GM0394;*********;2019-01-01")
        // Not a valid BSN: kept when only BSNs are masked, hidden in a row that could not be split.
        XCTAssertEqual(RejectMasking.maskNumbers(in: "x 123456789 y", onlyValidBSNs: true), "x 123456789 y")
        XCTAssertEqual(RejectMasking.maskNumbers(in: "x 123456789 y", onlyValidBSNs: false), "x ********* y")
        // Part of a longer number or a word: not a BSN.
        XCTAssertEqual(RejectMasking.maskNumbers(in: "1234567821 A123456782", onlyValidBSNs: false), "1234567821 A123456782")
        XCTAssertEqual(RejectMasking.maskNumbers(in: "12345672", onlyValidBSNs: true), "*********")
    }

    func testKeyFileIsCreatedPrivateAndReused() throws {
        let folder = try TemporaryDirectory()
        let warehouse = folder.path("w.sqlite")
        let first = try PseudonymKey.resolve(warehousePath: warehouse, environment: [:])
        let path = PseudonymKey.filePath(forWarehouse: warehouse)
        XCTAssertEqual(first.origin, .file(path: path, created: true))
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        XCTAssertEqual((attributes[.posixPermissions] as? NSNumber)?.intValue, 0o600)
        let second = try PseudonymKey.resolve(warehousePath: warehouse, environment: [:])
        XCTAssertEqual(second.origin, .file(path: path, created: false))
        XCTAssertEqual(first.checkValue, second.checkValue)
        // No temporary file is left behind.
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.url.path).sorted(), ["w.sqlite.pseudonym-key"])
    }

    func testKeyFileReadableByOthersIsRefused() throws {
        let folder = try TemporaryDirectory()
        let warehouse = folder.path("w.sqlite")
        _ = try PseudonymKey.resolve(warehousePath: warehouse, environment: [:])
        let path = PseudonymKey.filePath(forWarehouse: warehouse)
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: path)
        XCTAssertThrowsError(try PseudonymKey.resolve(warehousePath: warehouse, environment: [:])) { error in
            XCTAssertEqual(error as? PseudonymKeyError, .tooOpen(path: path, permissions: 0o644, otherOwner: false))
            XCTAssertTrue("\(error)".contains("chmod 600"))
        }
    }

    func testKeyFromTheEnvironment() throws {
        let hex = String(repeating: "ab", count: 32)
        let key = try PseudonymKey.resolve(warehousePath: nil, environment: [PseudonymKey.environmentVariable: hex])
        XCTAssertEqual(key.origin, .environment)
        XCTAssertEqual(key.checkValue, PseudonymKey(bytes: Array(repeating: 0xAB, count: 32), origin: .environment).checkValue)
        for bad in ["abc", String(repeating: "zz", count: 32), String(repeating: "ab", count: 31)] {
            XCTAssertThrowsError(try PseudonymKey.resolve(warehousePath: nil, environment: [PseudonymKey.environmentVariable: bad])) {
                XCTAssertEqual($0 as? PseudonymKeyError, .badEnvironment)
                XCTAssertFalse("\($0)".contains(bad), "the message must not repeat the key")
            }
        }
        XCTAssertThrowsError(try PseudonymKey.resolve(warehousePath: nil, environment: [:]))
    }
}

extension PrivacyTests {
    /// With the key in the environment no key file is written; without it, a warehouse holding pseudonyms refuses to load.
    func testTheProgramWithTheKeyInTheEnvironment() throws {
        let directory = try TemporaryDirectory()
        let database = directory.path("w.sqlite")
        let cli = CLIRunner(database: database, workingDirectory: directory.url)
        let key = [PseudonymKey.environmentVariable: String(repeating: "0f", count: 32)]
        let first = try directory.write("a.csv", "\(spellHeader)\nGM0394;1;\(TestBSN.valid(1));PW;2019-01-01;;;1\n")
        let second = try directory.write("b.csv", "\(spellHeader)\nGM0394;1;\(TestBSN.valid(1));PW;2019-01-01;2019-05-31;11;1\n")
        XCTAssertEqual(try cli.run(["init"]).status, 0)
        let loaded = try cli.run(["ingest", first], environment: key)
        XCTAssertEqual(loaded.status, 0, loaded.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: PseudonymKey.filePath(forWarehouse: database)))
        let refused = try cli.run(["ingest", second])
        XCTAssertEqual(refused.status, 1)
        XCTAssertTrue(refused.stderr.contains("is missing, but this warehouse already holds pseudonyms"), refused.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: PseudonymKey.filePath(forWarehouse: database)))
        let again = try cli.run(["ingest", second], environment: key)
        XCTAssertEqual(again.status, 0, again.stderr)
        XCTAssertTrue(again.stdout.contains("vervangen 1"), again.stdout)
    }
}

extension Result {
    var failure: Failure? {
        if case .failure(let error) = self { return error }
        return nil
    }
}
