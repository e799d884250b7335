// Byte-level helpers shared by the field parsers.
//
// The parsers run once per field of every row, so they work on the raw UTF-8
// bytes with index arithmetic instead of creating Strings or arrays.

/// A half-open range of byte offsets into one field.
struct ByteSpan {
    var lower: Int
    var upper: Int

    var isEmpty: Bool { lower >= upper }
    var count: Int { upper - lower }
}

enum ByteScan {
    static let space: UInt8 = 0x20
    static let tab: UInt8 = 0x09
    static let minus: UInt8 = 0x2D  // '-'
    static let plus: UInt8 = 0x2B  // '+'
    static let dot: UInt8 = 0x2E  // '.'
    static let comma: UInt8 = 0x2C  // ','
    static let slash: UInt8 = 0x2F  // '/'
    static let colon: UInt8 = 0x3A  // ':'
    static let asterisk: UInt8 = 0x2A  // '*'
    static let openParen: UInt8 = 0x28  // '('
    static let closeParen: UInt8 = 0x29  // ')'
    static let percent: UInt8 = 0x25  // '%'
    static let zero: UInt8 = 0x30

    @inline(__always)
    static func isDigit(_ b: UInt8) -> Bool { b &- 0x30 < 10 }

    @inline(__always)
    static func isASCIILetter(_ b: UInt8) -> Bool { (b | 0x20) &- 0x61 < 26 }

    @inline(__always)
    static func isASCIIAlphanumeric(_ b: UInt8) -> Bool { isDigit(b) || isASCIILetter(b) }

    /// ASCII lowercase; other bytes pass through so UTF-8 sequences stay intact.
    @inline(__always)
    static func lower(_ b: UInt8) -> UInt8 { (b &- 0x41 < 26) ? b | 0x20 : b }

    /// Length in bytes of a blank character starting at `i`, or 0.
    ///
    /// Besides space and tab this covers the no-break spaces that Excel and
    /// Dutch number formatting put between digit groups: U+00A0 (C2 A0),
    /// U+202F narrow no-break space (E2 80 AF) and U+2009 thin space (E2 80 89).
    /// CR and LF count too, because a quoted field may keep a stray line end.
    @inline(__always)
    static func blankLength(_ f: UnsafeBufferPointer<UInt8>, at i: Int, upTo end: Int) -> Int {
        let b = f[i]
        if b == space || b == tab || b == 0x0D || b == 0x0A { return 1 }
        if b == 0xC2, i + 1 < end, f[i + 1] == 0xA0 { return 2 }
        if b == 0xE2, i + 2 < end, f[i + 1] == 0x80, f[i + 2] == 0xAF || f[i + 2] == 0x89 { return 3 }
        return 0
    }

    /// Length in bytes of a blank character that ends just before `end`, or 0.
    @inline(__always)
    static func blankLength(_ f: UnsafeBufferPointer<UInt8>, endingAt end: Int, from start: Int) -> Int {
        let b = f[end - 1]
        if b == space || b == tab || b == 0x0D || b == 0x0A { return 1 }
        if b == 0xA0, end - 2 >= start, f[end - 2] == 0xC2 { return 2 }
        if b == 0xAF || b == 0x89, end - 3 >= start, f[end - 3] == 0xE2, f[end - 2] == 0x80 { return 3 }
        return 0
    }

    /// The first offset at or after `i` that is not a blank.
    static func skipBlanks(_ f: UnsafeBufferPointer<UInt8>, from i: Int, upTo end: Int) -> Int {
        var j = i
        while j < end {
            let n = blankLength(f, at: j, upTo: end)
            if n == 0 { break }
            j += n
        }
        return j
    }

    /// The field without leading and trailing blanks.
    static func trimmed(_ f: UnsafeBufferPointer<UInt8>) -> ByteSpan {
        var span = ByteSpan(lower: skipBlanks(f, from: 0, upTo: f.count), upper: f.count)
        while span.upper > span.lower {
            let n = blankLength(f, endingAt: span.upper, from: span.lower)
            if n == 0 { break }
            span.upper -= n
        }
        return span
    }

    /// True when the three bytes at `i` are `a b c`.
    @inline(__always)
    static func hasBytes(_ f: UnsafeBufferPointer<UInt8>, at i: Int, upTo end: Int, _ a: UInt8, _ b: UInt8, _ c: UInt8)
        -> Bool
    {
        i + 2 < end && f[i] == a && f[i + 1] == b && f[i + 2] == c
    }

    /// Case-insensitive comparison of `f[span]` with an ASCII literal written in lowercase.
    static func equalsLowercased(_ f: UnsafeBufferPointer<UInt8>, _ span: ByteSpan, _ literal: StaticString) -> Bool {
        let n = literal.utf8CodeUnitCount
        guard span.count == n else { return false }
        let p = literal.utf8Start
        var k = 0
        while k < n {
            if lower(f[span.lower + k]) != p[k] { return false }
            k += 1
        }
        return true
    }

    /// End of the run of decimal digits starting at `i`.
    @inline(__always)
    static func digitRunEnd(_ f: UnsafeBufferPointer<UInt8>, from i: Int, upTo end: Int) -> Int {
        var j = i
        while j < end && isDigit(f[j]) { j += 1 }
        return j
    }

    /// End of the run of ASCII letters starting at `i`.
    @inline(__always)
    static func letterRunEnd(_ f: UnsafeBufferPointer<UInt8>, from i: Int, upTo end: Int) -> Int {
        var j = i
        while j < end && isASCIILetter(f[j]) { j += 1 }
        return j
    }

    /// Value of the digits in `f[span]`; the caller guarantees at most 18 digits.
    @inline(__always)
    static func smallNumber(_ f: UnsafeBufferPointer<UInt8>, _ span: ByteSpan) -> Int {
        var v = 0
        var i = span.lower
        while i < span.upper {
            v = v * 10 + Int(f[i] &- zero)
            i += 1
        }
        return v
    }

    /// Calls `body` with the UTF-8 bytes of `s`; the String overloads all go through here.
    @inline(__always)
    static func withBytes<R>(_ s: String, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        var s = s
        return s.withUTF8(body)
    }
}

/// Walks the ASCII alphanumeric words of a field, lowercased on comparison.
///
/// Labels such as "Bbz 2004 (levensonderhoud)" or "Nader-voorlopig budget"
/// are matched word by word, so any punctuation or spacing between the words
/// is accepted without building a folded copy of the text.
struct WordCursor {
    let bytes: UnsafeBufferPointer<UInt8>
    var position: Int
    let end: Int

    init(_ f: UnsafeBufferPointer<UInt8>, _ span: ByteSpan) {
        bytes = f
        position = span.lower
        end = span.upper
    }

    mutating func next() -> ByteSpan? {
        while position < end && !ByteScan.isASCIIAlphanumeric(bytes[position]) { position += 1 }
        guard position < end else { return nil }
        let start = position
        while position < end && ByteScan.isASCIIAlphanumeric(bytes[position]) { position += 1 }
        return ByteSpan(lower: start, upper: position)
    }
}
