/// Windows-1252, the encoding of Dutch Excel's "CSV (;)" export: bytes 0x80–0x9F
/// hold € and typographic quotes, the rest of the upper half is Latin-1.
enum Windows1252 {
    private static let upper: [UInt32] = [
        0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
        0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD,
        0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
        0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178,
    ]

    /// The Unicode scalar value of one byte.
    @inline(__always)
    static func scalar(_ byte: UInt8) -> UInt32 {
        if byte < 0x80 || byte >= 0xA0 { return UInt32(byte) }
        return upper[Int(byte - 0x80)]
    }

    /// Writes the UTF-8 form of one byte's character; returns the bytes written (1 to 3).
    @inline(__always)
    static func encodeUTF8(_ byte: UInt8, into target: UnsafeMutablePointer<UInt8>) -> Int {
        let value = scalar(byte)
        if value < 0x80 {
            target[0] = UInt8(value)
            return 1
        } else if value < 0x800 {
            target[0] = UInt8(0xC0 | (value >> 6))
            target[1] = UInt8(0x80 | (value & 0x3F))
            return 2
        } else {
            target[0] = UInt8(0xE0 | (value >> 12))
            target[1] = UInt8(0x80 | ((value >> 6) & 0x3F))
            target[2] = UInt8(0x80 | (value & 0x3F))
            return 3
        }
    }
}
