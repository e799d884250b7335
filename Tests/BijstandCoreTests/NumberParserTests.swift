import BijstandCore
import XCTest

/// Counts, money and decimals. Every expected value below is worked out by
/// hand from the input text; the spellings come from formats.md.
final class NumberParserTests: XCTestCase {
    private struct Reading: Equatable {
        let value: Int64
        let voorlopig: Bool
    }

    /// Reads through both overloads and insists they agree.
    private func count(_ s: String, file: StaticString = #filePath, line: UInt = #line) -> Result<Reading, FieldProblem> {
        let bytes = withFieldBytes(s) { FieldParser.count($0) }.map {
            Reading(value: $0.value, voorlopig: $0.voorlopig)
        }
        let string = FieldParser.count(s).map { Reading(value: $0.value, voorlopig: $0.voorlopig) }
        XCTAssertEqual(bytes, string, "overloads disagree on '\(s)'", file: file, line: line)
        return bytes
    }

    private func cents(_ s: String, file: StaticString = #filePath, line: UInt = #line) -> Result<Reading, FieldProblem> {
        let bytes = withFieldBytes(s) { FieldParser.cents($0) }.map {
            Reading(value: $0.cents, voorlopig: $0.voorlopig)
        }
        let string = FieldParser.cents(s).map { Reading(value: $0.cents, voorlopig: $0.voorlopig) }
        XCTAssertEqual(bytes, string, "overloads disagree on '\(s)'", file: file, line: line)
        return bytes
    }

    private func decimal(_ s: String, scale: Int, file: StaticString = #filePath, line: UInt = #line) -> Result<
        Reading, FieldProblem
    > {
        let bytes = withFieldBytes(s) { FieldParser.decimal($0, scale: scale) }.map {
            Reading(value: $0.value, voorlopig: $0.voorlopig)
        }
        let string = FieldParser.decimal(s, scale: scale).map { Reading(value: $0.value, voorlopig: $0.voorlopig) }
        XCTAssertEqual(bytes, string, "overloads disagree on '\(s)'", file: file, line: line)
        return bytes
    }

    private func final(_ value: Int64) -> Reading { Reading(value: value, voorlopig: false) }
    private func provisional(_ value: Int64) -> Reading { Reading(value: value, voorlopig: true) }

    // MARK: count

    func testCountSpellingsFromFormats() {
        assertParses(count("1660"), final(1660), "1660")
        assertParses(count("1.660"), final(1660), "1.660")
        assertParses(count("414.620*"), provisional(414_620), "414.620*")
    }

    func testCountGroupingAndSigns() {
        assertParses(count("1 660"), final(1660), "1 660")
        assertParses(count("1\u{00A0}660"), final(1660), "NBSP grouping")
        assertParses(count("1\u{202F}660"), final(1660), "narrow NBSP grouping")
        assertParses(count("1.234.567"), final(1_234_567), "1.234.567")
        assertParses(count("1,234,567"), final(1_234_567), "1,234,567")
        assertParses(count("12 345 678"), final(12_345_678), "12 345 678")
        assertParses(count("+5"), final(5), "+5")
        assertParses(count("0"), final(0), "0")
        assertParses(count("-0"), final(0), "-0 is zero, not negative")
        assertParses(count("007"), final(7), "leading zeros")
        assertParses(count("  1660\t"), final(1660), "surrounding blanks")
        assertParses(count("\u{00A0}1660\u{00A0}"), final(1660), "surrounding NBSP")
        assertParses(count("12,0"), final(12), "zero fraction")
        assertParses(count("12.00"), final(12), "zero fraction with dot")
        assertParses(count("9223372036854775807"), final(Int64.max), "Int64.max")
    }

    func testCountFootnoteMarks() {
        assertParses(count("414.620**"), provisional(414_620), "**")
        assertParses(count("414.620 *"), provisional(414_620), "blank before *")
        assertParses(count("414.620¹"), provisional(414_620), "superscript one")
        assertParses(count("12²"), provisional(12), "superscript two")
    }

    func testCountRejects() {
        assertFails(count("1.660,5"), .notWhole, "1.660,5")
        assertFails(count("1660,5"), .notWhole, "1660,5")
        assertFails(count("1660.5"), .notWhole, "1660.5")
        assertFails(count("0.660"), .notWhole, "0.660: a leading 0 cannot start a thousands group")
        assertFails(count("-3"), .negative, "-3")
        assertFails(count("−3"), .negative, "U+2212 minus")
        assertFails(count("(46)"), .negative, "(46)")
        assertFails(count("46-"), .negative, "46-")
        assertFails(count(""), .empty, "empty")
        assertFails(count(" "), .empty, "blank")
        assertFails(count("\u{00A0}\t"), .empty, "NBSP and tab")
        assertFails(count("12a"), .notANumber, "12a")
        assertFails(count("1,2,3,4"), .notANumber, "1,2,3,4")
        assertFails(count("--5"), .notANumber, "--5")
        assertFails(count("1.66.0"), .notANumber, "1.66.0")
        assertFails(count("€ 5"), .notANumber, "currency on a count")
        assertFails(count("5%"), .notANumber, "percent on a count")
        assertFails(count("123456789012345678901234567890"), .outOfRange, "30 digits")
        assertFails(count("9223372036854775808"), .outOfRange, "Int64.max + 1")
    }

    // MARK: cents

    func testCentsExamplesFromFormatsAndBrief() {
        assertParses(cents("1660"), final(166_000), "1660")
        assertParses(cents("1.660"), final(166_000), "1.660 is 1660 euro")
        assertParses(cents("1.660,5"), final(166_050), "1.660,5")
        assertParses(cents("1660,5"), final(166_050), "1660,5")
        assertParses(cents("1660.5"), final(166_050), "1660.5")
        assertParses(cents("€ 201.159,38"), final(20_115_938), "€ 201.159,38")
        assertParses(cents("-46"), final(-4600), "-46")
        assertParses(cents("−46"), final(-4600), "U+2212 minus")
        assertParses(cents("(46)"), final(-4600), "(46)")
        assertParses(cents("€ 12.345.678,90"), final(1_234_567_890), "€ 12.345.678,90")
        assertParses(cents("12345678.90"), final(1_234_567_890), "12345678.90")
        assertParses(cents("12.345.678,90"), final(1_234_567_890), "12.345.678,90")
        assertParses(cents("EUR 12.345,00"), final(1_234_500), "EUR 12.345,00")
        assertParses(cents("(1.234)"), final(-123_400), "(1.234)")
        assertParses(cents("46-"), final(-4600), "trailing minus")
        assertParses(cents("- 46"), final(-4600), "minus, blank")
        assertParses(cents("414.620*"), provisional(41_462_000), "footnote")
    }

    func testCentsSeparatorRules() {
        // Both kinds: the last one is the decimal separator.
        assertParses(cents("1,234,567.89"), final(123_456_789), "English grouping")
        assertParses(cents("1.234.567,89"), final(123_456_789), "Dutch grouping")
        // Only commas: one is a decimal comma, several group.
        assertParses(cents("1,66"), final(166), "1,66")
        assertParses(cents("1,660"), final(166), "one comma is always decimal: 1,660 euro")
        assertParses(cents("1,660,000"), final(166_000_000), "several commas group")
        // Only dots: several group, one followed by exactly three digits groups.
        assertParses(cents("1.660.000"), final(166_000_000), "several dots group")
        assertParses(cents("166.000"), final(16_600_000), "166.000 is 166000 euro")
        assertParses(cents("0.5"), final(50), "0.5")
        assertParses(cents("1.5"), final(150), "1.5")
        assertParses(cents("1.50"), final(150), "1.50")
        assertParses(cents("1234.560"), final(123_456), "four digits before the dot: decimal")
        // Blanks group; the single '.' or ',' left is decimal.
        assertParses(cents("1 660,50"), final(166_050), "1 660,50")
        assertParses(cents("1 660.50"), final(166_050), "1 660.50")
        assertParses(cents("1\u{00A0}234\u{00A0}567,89"), final(123_456_789), "NBSP groups")
        // Trailing zeros beyond the cents are harmless.
        assertParses(cents("12,340"), final(1234), "12,340")
        assertParses(cents("1.660,500"), final(166_050), "1.660,500")
        assertParses(cents("0,01"), final(1), "one cent")
    }

    func testCentsCurrencyAndSignPlacement() {
        assertParses(cents("€-46"), final(-4600), "€-46")
        assertParses(cents("-€ 46,50"), final(-4650), "-€ 46,50")
        assertParses(cents("€ (46)"), final(-4600), "€ (46)")
        assertParses(cents("(€ 46)"), final(-4600), "(€ 46)")
        assertParses(cents("€ −46"), final(-4600), "€ U+2212")
        assertParses(cents("46−"), final(-4600), "trailing U+2212")
        assertParses(cents("46 EUR"), final(4600), "46 EUR")
        assertParses(cents("46,00 €"), final(4600), "46,00 €")
        assertParses(cents("eur46"), final(4600), "eur46")
        assertParses(cents("Euro 46"), final(4600), "Euro 46")
        assertParses(cents("€\u{00A0}46"), final(4600), "€ NBSP 46")
        assertParses(cents("+46"), final(4600), "+46")
        assertParses(cents("(46)*"), provisional(-4600), "(46)*")
        assertParses(cents("1.234.567,89*"), provisional(123_456_789), "1.234.567,89*")
        // As the reports print money (DutchFormat): 46.000.000 euro is 4.600.000.000 cents.
        assertParses(cents("€ −46.000.000"), final(-4_600_000_000), "€ −46.000.000")
    }

    func testCentsLimits() {
        // 92233720368547758,07 euro is Int64.max cents: 92233720368547758 * 100 + 7.
        assertParses(cents("92233720368547758,07"), final(Int64.max), "largest amount")
        assertParses(cents("-92233720368547758,07"), final(-Int64.max), "most negative amount")
        assertFails(cents("92233720368547758,08"), .outOfRange, "one cent more")
        assertFails(cents("100000000000000000"), .outOfRange, "10^17 euro is 10^19 cents")
        assertFails(cents("123456789012345678901234567890"), .outOfRange, "30 digits")
    }

    func testCentsRejects() {
        assertFails(cents("12,345"), .tooManyDecimals, "12,345")
        assertFails(cents("0.125"), .tooManyDecimals, "0.125")
        assertFails(cents("1234.567"), .tooManyDecimals, "1234.567")
        assertFails(cents(""), .empty, "empty")
        assertFails(cents(" "), .empty, "blank")
        assertFails(cents("12a"), .notANumber, "12a")
        assertFails(cents("1,2,3,4"), .notANumber, "1,2,3,4")
        assertFails(cents("--5"), .notANumber, "--5")
        assertFails(cents("1.66.0"), .notANumber, "1.66.0")
        assertFails(cents("1.234,5.6"), .notANumber, "two dots after a comma")
        assertFails(cents("1,5.3"), .notANumber, "comma group of one digit")
        assertFails(cents("1 234.567,89"), .notANumber, "blanks and dots both grouping")
        assertFails(cents("1.660 000"), .notANumber, "blank after the decimal point")
        assertFails(cents("1 2"), .notANumber, "blank group of one digit")
        assertFails(cents("0.660.000"), .notANumber, "group starting with 0")
        assertFails(cents("1..5"), .notANumber, "1..5")
        assertFails(cents("1.,5"), .notANumber, "1.,5")
        assertFails(cents(".5"), .notANumber, ".5")
        assertFails(cents("5."), .notANumber, "5.")
        assertFails(cents("5,"), .notANumber, "5,")
        assertFails(cents("-"), .notANumber, "lone minus")
        assertFails(cents("*"), .notANumber, "lone footnote")
        assertFails(cents("€"), .notANumber, "lone currency")
        assertFails(cents("(46"), .notANumber, "unclosed parenthesis")
        assertFails(cents("46)"), .notANumber, "unopened parenthesis")
        assertFails(cents("(-46)"), .notANumber, "two negative marks")
        assertFails(cents("-(46)"), .notANumber, "two negative marks")
        assertFails(cents("−(46)"), .notANumber, "two negative marks")
        assertFails(cents("+-5"), .notANumber, "+-5")
        assertFails(cents("-5-"), .notANumber, "-5-")
        assertFails(cents("5--"), .notANumber, "5--")
        assertFails(cents("€€5"), .notANumber, "two currency marks")
        assertFails(cents("euros 5"), .notANumber, "euros")
        assertFails(cents("1e3"), .notANumber, "exponent")
        assertFails(cents("1,66E+03"), .notANumber, "Excel exponent")
        assertFails(cents("5%"), .notANumber, "percent on money")
        assertFails(cents("١٢"), .notANumber, "Arabic-Indic digits")
        assertFails(cents("12 3x"), .notANumber, "12 3x")
    }

    // MARK: decimal

    func testDecimalScales() {
        assertParses(decimal("12,5", scale: 1), final(125), "12,5 @1")
        assertParses(decimal("12,5%", scale: 2), final(1250), "12,5% @2")
        assertParses(decimal("12.5 %", scale: 2), final(1250), "12.5 % @2")
        assertParses(decimal("-1,5", scale: 2), final(-150), "-1,5 @2")
        assertParses(decimal("−0,5", scale: 1), final(-5), "U+2212 0,5 @1")
        assertParses(decimal("(2,25)", scale: 2), final(-225), "(2,25) @2")
        assertParses(decimal("0,125", scale: 3), final(125), "0,125 @3")
        assertParses(decimal("0.125", scale: 3), final(125), "0.125 @3: a group cannot start with 0")
        assertParses(decimal("1.660", scale: 0), final(1660), "1.660 @0")
        assertParses(decimal("921.402", scale: 0), final(921_402), "inhabitants 921.402 @0")
        assertParses(decimal("3", scale: 4), final(30_000), "3 @4")
    }

    func testDecimalRejects() {
        assertFails(decimal("0,125", scale: 2), .tooManyDecimals, "0,125 @2")
        assertFails(decimal("2,5", scale: 0), .tooManyDecimals, "2,5 @0")
        assertFails(decimal("€ 5", scale: 2), .notANumber, "currency")
        assertFails(decimal("5%%", scale: 2), .notANumber, "two percent signs")
        assertFails(decimal("", scale: 2), .empty, "empty")
        assertFails(decimal("1", scale: 19), .outOfRange, "scale 19")
        assertFails(decimal("1", scale: -1), .outOfRange, "negative scale")
        assertFails(decimal("10000000000", scale: 9), .outOfRange, "10^10 * 10^9 = 10^19")
    }

    func testDecimalFootnote() {
        assertParses(decimal("12.5%*", scale: 2), provisional(1250), "12.5%*")
    }
}
