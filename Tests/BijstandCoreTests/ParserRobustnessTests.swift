import BijstandCore
import XCTest

/// Hostile input: random fields built from the characters the parsers care
/// about must never crash a parser (an out-of-bounds read traps) and must
/// respect each parser's promises when they succeed.
final class ParserRobustnessTests: XCTestCase {
    /// SplitMix64, so a failure reproduces from the printed seed.
    private struct SeededGenerator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    private static let pieces: [String] = [
        "0", "1", "2", "3", "9", "12", "2024", "394", ".", ",", " ", "\t", "\u{00A0}", "\u{202F}", "-", "+",
        "−", "(", ")", "*", "¹", "€", "EUR", "euro", "%", "/", ":", "T", "Z", "M", "m", "GM", "gm", "mrt",
        "maart", "jan", "a", "x", "ë", "nader", "voorlopig", "bbz", "\u{C2}", "\u{E2}", "ja",
    ]

    func testRandomFieldsNeverCrash() {
        var rng = SeededGenerator(state: 20_240_331)
        for _ in 0..<40_000 {
            var field = ""
            for _ in 0..<Int.random(in: 0...8, using: &rng) {
                field += Self.pieces.randomElement(using: &rng)!
            }
            exercise(field)
        }
    }

    /// Truncated UTF-8 at both ends of a field: multi-byte marks cut in half.
    func testTruncatedMultibyteSequences() {
        let tails: [[UInt8]] = [[0xC2], [0xE2], [0xE2, 0x88], [0xE2, 0x82], [0xE2, 0x80], [0xA0], [0xAC], [0x92]]
        for tail in tails {
            for body in ["", "1", "46", "1.660", "(46", "2024-03", "GM"] {
                for bytes in [Array(body.utf8) + tail, tail + Array(body.utf8), tail] {
                    bytes.withUnsafeBufferPointer { exercise($0) }
                }
            }
        }
    }

    private func exercise(_ field: String) {
        var copy = field
        copy.withUTF8 { exercise($0) }
    }

    private func exercise(_ f: UnsafeBufferPointer<UInt8>) {
        if case .success(let r) = FieldParser.count(f) { XCTAssertGreaterThanOrEqual(r.value, 0) }
        _ = FieldParser.cents(f)
        _ = FieldParser.decimal(f, scale: 3)
        if case .success(let m) = FieldParser.month(f) { XCTAssertTrue(FieldParser.acceptedYears.contains(m.year)) }
        if case .success(let d) = FieldParser.date(f) {
            XCTAssertTrue(FieldParser.acceptedYears.contains(d.year))
            XCTAssertEqual(Day(year: d.year, month: d.month, day: d.day), d)
        }
        if case .success(let n) = FieldParser.gemeenteNummer(f) { XCTAssertTrue((1...9999).contains(n)) }
        _ = FieldParser.year(f)
        _ = FieldParser.regeling(f)
        _ = FieldParser.status(f)
        _ = FieldParser.budgetVersie(f)
        _ = FieldParser.boolean(f)
        _ = Elfproef.isValidBSN(f)
    }
}
