// Counts, money and decimals share one reader: the spelling rules (Dutch and
// English separators, signs, parentheses, footnote marks) are the same, only
// the scale and what counts as an error differ.

extension FieldParser {
    /// A whole count of at least zero, e.g. a number of benefits.
    ///
    /// Accepts `1660`, `1.660`, `1 660`, `+5`; a trailing footnote mark
    /// (`414.620*`, `**`, `¹`) sets `voorlopig`. A zero fraction (`12,0`, as
    /// spreadsheets sometimes write whole numbers) is accepted.
    ///
    /// ```swift
    /// FieldParser.count("414.620*")  // .success((value: 414620, voorlopig: true))
    /// FieldParser.count("1.660,5")   // .failure(.notWhole)
    /// FieldParser.count("-3")        // .failure(.negative)
    /// ```
    public static func count(_ f: UnsafeBufferPointer<UInt8>) -> Result<(value: Int64, voorlopig: Bool), FieldProblem> {
        switch NumberReader.read(f, scale: 0, allowCurrency: false, allowPercent: false) {
        case .failure(let problem):
            return .failure(problem)
        case .success(let n):
            if n.negative && n.nonZero { return .failure(.negative) }
            if n.excessDecimals { return .failure(.notWhole) }
            return .success((n.value, n.voorlopig))
        }
    }

    /// String overload of `count(_:)`.
    public static func count(_ s: String) -> Result<(value: Int64, voorlopig: Bool), FieldProblem> {
        ByteScan.withBytes(s) { count($0) }
    }

    /// An exact euro amount in integer cents.
    ///
    /// Accepts `12345678.90`, `12.345.678,90`, `€ 12.345.678,90`, `EUR 12.345,00`,
    /// `1660,5`, `1.660` (one dot followed by exactly three digits groups
    /// thousands, as in Dutch), negatives as `-46`, `−46`, `(1.234)`, `46-`,
    /// `- 46`, and a trailing footnote mark for `voorlopig`. When both `.` and
    /// `,` occur the last one is the decimal separator. Digits beyond the
    /// cents must be zeros.
    ///
    /// ```swift
    /// FieldParser.cents("€ 201.159,38")  // .success((cents: 20115938, voorlopig: false))
    /// FieldParser.cents("(1.234)")       // .success((cents: -123400, voorlopig: false))
    /// FieldParser.cents("12,345")        // .failure(.tooManyDecimals)
    /// ```
    public static func cents(_ f: UnsafeBufferPointer<UInt8>) -> Result<(cents: Int64, voorlopig: Bool), FieldProblem> {
        switch NumberReader.read(f, scale: 2, allowCurrency: true, allowPercent: false) {
        case .failure(let problem):
            return .failure(problem)
        case .success(let n):
            if n.excessDecimals { return .failure(.tooManyDecimals) }
            return .success((n.value, n.voorlopig))
        }
    }

    /// String overload of `cents(_:)`.
    public static func cents(_ s: String) -> Result<(cents: Int64, voorlopig: Bool), FieldProblem> {
        ByteScan.withBytes(s) { cents($0) }
    }

    /// A signed decimal scaled to `scale` decimals (0...18), for percentages,
    /// inhabitants and targets. Same spelling rules as `cents(_:)`,
    /// without a currency mark but with an optional trailing `%` (the number
    /// is kept as written, so `12,5%` at scale 2 is 1250).
    ///
    /// ```swift
    /// FieldParser.decimal("-1,5", scale: 2)   // .success((value: -150, voorlopig: false))
    /// FieldParser.decimal("0,125", scale: 2)  // .failure(.tooManyDecimals)
    /// ```
    public static func decimal(
        _ f: UnsafeBufferPointer<UInt8>, scale: Int
    ) -> Result<(value: Int64, voorlopig: Bool), FieldProblem> {
        guard (0...NumberReader.maximumScale).contains(scale) else { return .failure(.outOfRange) }
        switch NumberReader.read(f, scale: scale, allowCurrency: false, allowPercent: true) {
        case .failure(let problem):
            return .failure(problem)
        case .success(let n):
            if n.excessDecimals { return .failure(.tooManyDecimals) }
            return .success((n.value, n.voorlopig))
        }
    }

    /// String overload of `decimal(_:scale:)`.
    public static func decimal(_ s: String, scale: Int) -> Result<(value: Int64, voorlopig: Bool), FieldProblem> {
        ByteScan.withBytes(s) { decimal($0, scale: scale) }
    }
}

/// What the shared reader found; the public parsers decide which findings are errors.
struct ScaledNumber {
    /// The signed value times 10^scale, with extra decimals cut off.
    var value: Int64
    var negative: Bool
    /// Some digit was not zero, so "-0" is not a negative count.
    var nonZero: Bool
    /// A non-zero digit beyond the requested scale was cut off.
    var excessDecimals: Bool
    var voorlopig: Bool
}

enum NumberReader {
    static let maximumScale = 18

    private enum Separator { case none, dot, comma, blank }

    static func read(
        _ f: UnsafeBufferPointer<UInt8>, scale: Int, allowCurrency: Bool, allowPercent: Bool
    ) -> Result<ScaledNumber, FieldProblem> {
        var span = ByteScan.trimmed(f)
        if span.isEmpty { return .failure(.empty) }

        // Marks around the digits may come in any order ("€ -46", "-€ 46",
        // "(€ 46)", "46 EUR*"), but each only once and only one way of saying
        // "negative", so "--5" and "-(5)" are rejected rather than guessed.
        var negative = false
        var signSeen = false
        var parenOpen = false
        var parenClosed = false
        var currencySeen = false
        var percentSeen = false
        var voorlopig = false

        prefix: while span.lower < span.upper {
            let i = span.lower
            let blank = ByteScan.blankLength(f, at: i, upTo: span.upper)
            if blank > 0 {
                span.lower += blank
                continue
            }
            let b = f[i]
            let signAllowed = !signSeen && !parenOpen
            if b == ByteScan.openParen && signAllowed {
                parenOpen = true
                span.lower += 1
            } else if (b == ByteScan.minus || b == ByteScan.plus) && signAllowed {
                signSeen = true
                negative = b == ByteScan.minus
                span.lower += 1
            } else if signAllowed && isUnicodeMinus(f, at: i, upTo: span.upper) {
                signSeen = true
                negative = true
                span.lower += 3
            } else if allowCurrency && !currencySeen, let n = currencyLength(f, at: i, upTo: span.upper) {
                currencySeen = true
                span.lower += n
            } else {
                break prefix
            }
        }

        suffix: while span.upper > span.lower {
            let j = span.upper
            let blank = ByteScan.blankLength(f, endingAt: j, from: span.lower)
            if blank > 0 {
                span.upper -= blank
                continue
            }
            let b = f[j - 1]
            let signAllowed = !signSeen && !parenOpen
            if b == ByteScan.asterisk {
                voorlopig = true
                span.upper -= 1
            } else if isSuperscriptDigit(f, endingAt: j, from: span.lower) {
                voorlopig = true
                span.upper -= 2
            } else if b == ByteScan.closeParen && parenOpen && !parenClosed {
                // Accountants' parentheses mean negative.
                parenClosed = true
                negative = true
                span.upper -= 1
            } else if b == ByteScan.minus && signAllowed {
                signSeen = true
                negative = true
                span.upper -= 1
            } else if signAllowed && j - 3 >= span.lower && isUnicodeMinus(f, at: j - 3, upTo: j) {
                signSeen = true
                negative = true
                span.upper -= 3
            } else if b == ByteScan.percent && allowPercent && !percentSeen {
                percentSeen = true
                span.upper -= 1
            } else if allowCurrency && !currencySeen, let n = currencyLength(f, endingAt: j, from: span.lower) {
                currencySeen = true
                span.upper -= n
            } else {
                break suffix
            }
        }

        guard parenOpen == parenClosed, !span.isEmpty,
            ByteScan.isDigit(f[span.lower]), ByteScan.isDigit(f[span.upper - 1])
        else { return .failure(.notANumber) }
        return readDigits(f, span, scale: scale, negative: negative, voorlopig: voorlopig)
    }

    /// Reads the digits-and-separators core, which starts and ends with a digit.
    private static func readDigits(
        _ f: UnsafeBufferPointer<UInt8>, _ span: ByteSpan, scale: Int, negative: Bool, voorlopig: Bool
    ) -> Result<ScaledNumber, FieldProblem> {
        // First pass: which separators occur, so the decimal one can be chosen.
        var dots = 0
        var commas = 0
        var blanks = 0
        var lastDot = -1
        var lastComma = -1
        var i = span.lower
        var previousWasDigit = false
        while i < span.upper {
            let b = f[i]
            if ByteScan.isDigit(b) {
                previousWasDigit = true
                i += 1
                continue
            }
            guard previousWasDigit else { return .failure(.notANumber) }
            previousWasDigit = false
            if b == ByteScan.dot {
                dots += 1
                lastDot = i
                i += 1
            } else if b == ByteScan.comma {
                commas += 1
                lastComma = i
                i += 1
            } else {
                let n = ByteScan.blankLength(f, at: i, upTo: span.upper)
                guard n > 0 else { return .failure(.notANumber) }
                blanks += 1
                i += n
            }
        }

        var decimalAt = -1
        var grouping = Separator.none
        if blanks > 0 {
            // Blanks only ever group digits, so at most one '.' or ',' can remain: the decimal one.
            guard dots + commas <= 1 else { return .failure(.notANumber) }
            grouping = .blank
            decimalAt = dots == 1 ? lastDot : (commas == 1 ? lastComma : -1)
        } else if dots > 0 && commas > 0 {
            if lastDot > lastComma {
                guard dots == 1 else { return .failure(.notANumber) }
                decimalAt = lastDot
                grouping = .comma
            } else {
                guard commas == 1 else { return .failure(.notANumber) }
                decimalAt = lastComma
                grouping = .dot
            }
        } else if commas > 0 {
            if commas == 1 { decimalAt = lastComma } else { grouping = .comma }
        } else if dots > 1 {
            grouping = .dot
        } else if dots == 1 {
            // Dutch "1.660" is one thousand six hundred and sixty; only when that
            // reading is impossible ("1234.567", "0.125", "1660.5") is the dot a decimal point.
            let digitsBefore = lastDot - span.lower
            let digitsAfter = span.upper - lastDot - 1
            if digitsAfter == 3 && digitsBefore <= 3 && f[span.lower] != ByteScan.zero {
                grouping = .dot
            } else {
                decimalAt = lastDot
            }
        }

        // Second pass: check the digit groups and accumulate, noting overflow
        // but finishing the syntax check so a malformed field reads as "not a number".
        let integerEnd = decimalAt >= 0 ? decimalAt : span.upper
        var magnitude: Int64 = 0
        var overflow = false
        var nonZero = false
        var groupsClosed = 0
        var groupLength = 0
        i = span.lower
        while i < integerEnd {
            let b = f[i]
            if ByteScan.isDigit(b) {
                let digit = Int64(b &- ByteScan.zero)
                if digit != 0 { nonZero = true }
                if !overflow { accumulate(&magnitude, digit, &overflow) }
                groupLength += 1
                i += 1
                continue
            }
            let kind: Separator
            let length: Int
            if b == ByteScan.dot {
                kind = .dot
                length = 1
            } else if b == ByteScan.comma {
                kind = .comma
                length = 1
            } else {
                kind = .blank
                length = ByteScan.blankLength(f, at: i, upTo: integerEnd)
            }
            guard kind == grouping else { return .failure(.notANumber) }
            if groupsClosed == 0 {
                guard groupLength <= 3, f[span.lower] != ByteScan.zero else { return .failure(.notANumber) }
            } else {
                guard groupLength == 3 else { return .failure(.notANumber) }
            }
            groupsClosed += 1
            groupLength = 0
            i += length
        }
        if groupsClosed > 0 && groupLength != 3 { return .failure(.notANumber) }

        var fraction: Int64 = 0
        var fractionDigits = 0
        var excessDecimals = false
        if decimalAt >= 0 {
            i = decimalAt + 1
            while i < span.upper {
                let b = f[i]
                guard ByteScan.isDigit(b) else { return .failure(.notANumber) }
                let digit = Int64(b &- ByteScan.zero)
                if digit != 0 { nonZero = true }
                if fractionDigits < scale {
                    fraction = fraction * 10 + digit
                    fractionDigits += 1
                } else if digit != 0 {
                    excessDecimals = true
                }
                i += 1
            }
        }
        while fractionDigits < scale {
            fraction *= 10
            fractionDigits += 1
        }

        var scaled: Int64 = 0
        if !overflow {
            let (shifted, o1) = magnitude.multipliedReportingOverflow(by: powerOfTen(scale))
            let (sum, o2) = shifted.addingReportingOverflow(fraction)
            overflow = o1 || o2
            scaled = sum
        }
        if overflow { return .failure(.outOfRange) }
        return .success(
            ScaledNumber(
                value: negative ? -scaled : scaled, negative: negative, nonZero: nonZero,
                excessDecimals: excessDecimals, voorlopig: voorlopig))
    }

    @inline(__always)
    private static func accumulate(_ value: inout Int64, _ digit: Int64, _ overflow: inout Bool) {
        let (times10, o1) = value.multipliedReportingOverflow(by: 10)
        let (sum, o2) = times10.addingReportingOverflow(digit)
        if o1 || o2 { overflow = true } else { value = sum }
    }

    private static func powerOfTen(_ n: Int) -> Int64 {
        var p: Int64 = 1
        for _ in 0..<n { p *= 10 }
        return p
    }

    /// U+2212 MINUS SIGN (E2 88 92), which Dutch typesetting uses for negatives.
    @inline(__always)
    private static func isUnicodeMinus(_ f: UnsafeBufferPointer<UInt8>, at i: Int, upTo end: Int) -> Bool {
        ByteScan.hasBytes(f, at: i, upTo: end, 0xE2, 0x88, 0x92)
    }

    /// Superscript ¹ ² ³ (C2 B9, C2 B2, C2 B3): footnote marks like `*`.
    @inline(__always)
    private static func isSuperscriptDigit(_ f: UnsafeBufferPointer<UInt8>, endingAt end: Int, from start: Int) -> Bool {
        guard end - 2 >= start, f[end - 2] == 0xC2 else { return false }
        let b = f[end - 1]
        return b == 0xB9 || b == 0xB2 || b == 0xB3
    }

    /// Length of "€", "EUR" or "EURO" (any case) at `i`, when it is a whole word.
    private static func currencyLength(_ f: UnsafeBufferPointer<UInt8>, at i: Int, upTo end: Int) -> Int? {
        if ByteScan.hasBytes(f, at: i, upTo: end, 0xE2, 0x82, 0xAC) { return 3 }
        guard ByteScan.lower(f[i]) == UInt8(ascii: "e") else { return nil }
        let word = ByteSpan(lower: i, upper: ByteScan.letterRunEnd(f, from: i, upTo: end))
        if ByteScan.equalsLowercased(f, word, "eur") || ByteScan.equalsLowercased(f, word, "euro") {
            return word.count
        }
        return nil
    }

    /// Length of "€", "EUR" or "EURO" (any case) ending at `end`, when it is a whole word.
    private static func currencyLength(_ f: UnsafeBufferPointer<UInt8>, endingAt end: Int, from start: Int) -> Int? {
        if end - 3 >= start && ByteScan.hasBytes(f, at: end - 3, upTo: end, 0xE2, 0x82, 0xAC) { return 3 }
        let last = ByteScan.lower(f[end - 1])
        guard last == UInt8(ascii: "r") || last == UInt8(ascii: "o") else { return nil }
        var wordStart = end
        while wordStart > start && ByteScan.isASCIILetter(f[wordStart - 1]) { wordStart -= 1 }
        let word = ByteSpan(lower: wordStart, upper: end)
        if ByteScan.equalsLowercased(f, word, "eur") || ByteScan.equalsLowercased(f, word, "euro") {
            return word.count
        }
        return nil
    }
}
