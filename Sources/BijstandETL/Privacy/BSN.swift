import BijstandCore

/// A BSN (burgerservicenummer) read from a field, held only in memory.
///
/// Exports write a BSN as 9 digits, as 8 when a spreadsheet dropped the
/// leading zero, and sometimes with dots or spaces between digit groups
/// (`1234.56.782`). The value never leaves this process: loaders turn it into
/// a pseudonym with `Pseudonymizer` straight away.
///
/// ```swift
/// BSN.read("123456782")     // .success(BSN)
/// BSN.read("12345672")      // .success: 012345672
/// BSN.read("123456789")     // .failure(.elfproef)
/// ```
public struct BSN: Sendable {
    /// The nine digits as ASCII bytes.
    let digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8)

    /// Why a field is not a BSN. The reasons never name the value.
    public enum Problem: Error, Equatable, Sendable {
        /// Not 8 or 9 digits (letters, too short, Excel's 1,2E+08 ...).
        case notNineDigits
        /// Nine digits that fail the elfproef.
        case elfproef

        /// A sentence fragment for the quarantine, without the value.
        public var reason: String {
            switch self {
            case .notNineDigits:
                return "column bsn is not a number of 9 digits (the value is not shown; a spreadsheet may have written it as 1,2E+08)"
            case .elfproef:
                return "column bsn does not pass the elfproef (the value is not shown)"
            }
        }
    }

    /// Reads a BSN: blanks around it are ignored, and single dots, spaces or
    /// hyphens between digits are accepted as group separators.
    public static func read(_ field: UnsafeBufferPointer<UInt8>) -> Result<BSN, Problem> {
        var buffer: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) = (0, 0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        var lastWasDigit = false
        var sawSeparator = false
        let ok = withUnsafeMutableBytes(of: &buffer) { digits -> Bool in
            for byte in trimmed(field) {
                if byte >= 0x30 && byte <= 0x39 {
                    guard count < 9 else { return false }
                    digits[count] = byte
                    count += 1
                    lastWasDigit = true
                    sawSeparator = false
                } else if byte == 0x2E || byte == 0x20 || byte == 0x2D {
                    // A separator must sit between two digits, and only one at a time.
                    guard lastWasDigit else { return false }
                    lastWasDigit = false
                    sawSeparator = true
                } else {
                    return false
                }
            }
            return !sawSeparator
        }
        guard ok, count == 8 || count == 9 else { return .failure(.notNineDigits) }
        if count == 8 {
            // A spreadsheet dropped the leading zero: shift right and put it back.
            withUnsafeMutableBytes(of: &buffer) { digits in
                for index in stride(from: 8, to: 0, by: -1) { digits[index] = digits[index - 1] }
                digits[0] = 0x30
            }
        }
        let valid = withUnsafeBytes(of: &buffer) { raw in
            Elfproef.isValidBSN(UnsafeBufferPointer(start: raw.baseAddress!.assumingMemoryBound(to: UInt8.self), count: 9))
        }
        guard valid else { return .failure(.elfproef) }
        return .success(BSN(digits: buffer))
    }

    /// String overload of `read(_:)`, for tests and options.
    public static func read(_ text: String) -> Result<BSN, Problem> {
        var copy = text
        return copy.withUTF8 { read($0) }
    }

    /// Whether an identifier (a dossiernummer, a client_id) is itself a valid
    /// BSN: exactly 8 or 9 digits, nothing else, passing the elfproef. Such
    /// values are pseudonymised like a BSN, because some gemeenten number
    /// their clients by BSN.
    public static func isBSNShaped(_ field: UnsafeBufferPointer<UInt8>) -> Bool {
        let span = trimmed(field)
        guard span.count == 8 || span.count == 9 else { return false }
        for byte in span where byte < 0x30 || byte > 0x39 { return false }
        return Elfproef.isValidBSN(UnsafeBufferPointer(rebasing: span))
    }

    /// Calls `body` with the nine ASCII digits.
    func withDigits<T>(_ body: (UnsafeRawBufferPointer) throws -> T) rethrows -> T {
        var copy = digits
        return try withUnsafeBytes(of: &copy) { try body($0) }
    }

    static func trimmed(_ field: UnsafeBufferPointer<UInt8>) -> Slice<UnsafeBufferPointer<UInt8>> {
        var lower = field.startIndex
        var upper = field.endIndex
        func isBlank(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0D || byte == 0x0A }
        while lower < upper, isBlank(field[lower]) { lower += 1 }
        // A no-break space (C2 A0) around the number is also blank.
        while lower + 1 < upper, field[lower] == 0xC2, field[lower + 1] == 0xA0 { lower += 2 }
        while upper > lower, isBlank(field[upper - 1]) { upper -= 1 }
        while upper - 1 > lower, field[upper - 2] == 0xC2, field[upper - 1] == 0xA0 { upper -= 2 }
        return field[lower..<upper]
    }
}
