import BijstandCore
import XCTest

/// BSN elfproef: d1×9 + d2×8 + d3×7 + d4×6 + d5×5 + d6×4 + d7×3 + d8×2 − d9×1
/// must be divisible by 11. Each sum below is worked out by hand.
final class ElfproefTests: XCTestCase {
    private func valid(_ s: String) -> Bool {
        let bytes = withFieldBytes(s) { Elfproef.isValidBSN($0) }
        XCTAssertEqual(bytes, Elfproef.isValidBSN(s), "overloads disagree on '\(s)'")
        return bytes
    }

    func testValidNumbers() {
        // 9+8+7 + 12+10+8 + 9+6 − 3 = 66 = 6 × 11
        XCTAssertTrue(valid("111222333"))
        // 9+16+21+24+25+24+21+16 − 2 = 154 = 14 × 11
        XCTAssertTrue(valid("123456782"))
        // 1×9 − 9 = 0, divisible by 11 (and not all zeros)
        XCTAssertTrue(valid("100000009"))
        // 9 × (9+8+7+6+5+4+3+2) − 0 = 9 × 44 = 396 = 36 × 11
        XCTAssertTrue(valid("999999990"))
        // 0 + 1×8+2×7+3×6+4×5+5×4+6×3+7×2 − 2 = 8+14+18+20+20+18+14 − 2 = 110 = 10 × 11
        XCTAssertTrue(valid("012345672"))
        // The same number after a spreadsheet dropped the leading zero.
        XCTAssertTrue(valid("12345672"))
        XCTAssertTrue(valid(" 123456782\t"))
    }

    func testInvalidNumbers() {
        // 66 − 1 = 65 = 5 × 11 + 10
        XCTAssertFalse(valid("111222334"))
        // 156 − 9 = 147 = 13 × 11 + 4
        XCTAssertFalse(valid("123456789"))
        // Swapping the first two digits of 123456782: 2×9 + 1×8 = 26 instead of 25, sum 155 = 14 × 11 + 1
        XCTAssertFalse(valid("213456782"))
        // 8 digits, implied 0: 112 − 8 = 104 = 9 × 11 + 5
        XCTAssertFalse(valid("12345678"))
        // Sum 0, but all zeros is no BSN.
        XCTAssertFalse(valid("000000000"))
        XCTAssertFalse(valid("00000000"))
        // Wrong length or not only digits.
        XCTAssertFalse(valid("1234567820"))
        XCTAssertFalse(valid("1234567"))
        XCTAssertFalse(valid("12345678a"))
        XCTAssertFalse(valid("123 456 782"))
        XCTAssertFalse(valid("123.456.782"))
        XCTAssertFalse(valid("-23456782"))
        XCTAssertFalse(valid(""))
        XCTAssertFalse(valid("         "))
    }
}
