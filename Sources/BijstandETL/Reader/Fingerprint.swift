import Crypto

/// What one pass over a file tells before any row is parsed: its content hash
/// (to recognise a file loaded before), its size, whether it is valid UTF-8
/// (otherwise it is read as Windows-1252) and how its lines end.
public struct Fingerprint: Sendable {
    public var sha256: String
    public var bytes: Int64
    public var encoding: TextEncoding
    /// The byte that ends a line: LF, or CR for files from old Mac software.
    public var lineBreak: UInt8

    /// Reads the whole input once.
    public static func compute(_ input: CSVInput) throws -> Fingerprint {
        let stream = try input.open()
        let capacity = 1 << 20
        let buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
        defer { buffer.deallocate() }
        var hasher = SHA256()
        var validator = UTF8Validator()
        var total: Int64 = 0
        var sawLF = false
        var sawCR = false
        var first = true
        while true {
            let count = try stream.read(into: buffer, capacity: capacity)
            if count == 0 { break }
            let chunk = UnsafeBufferPointer(start: buffer, count: count)
            if first {
                try refuseBinary(chunk, name: input.name)
                first = false
            }
            hasher.update(bufferPointer: UnsafeRawBufferPointer(chunk))
            validator.feed(chunk)
            if !sawLF { sawLF = chunk.contains(0x0A) }
            if !sawCR { sawCR = chunk.contains(0x0D) }
            total += Int64(count)
        }
        let digest = hasher.finalize()
        let hex = digest.map { byte -> String in
            let digits = Array("0123456789abcdef")
            return String([digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]])
        }.joined()
        return Fingerprint(
            sha256: hex, bytes: total,
            encoding: validator.isValid ? .utf8 : .windows1252,
            lineBreak: (sawCR && !sawLF) ? 0x0D : 0x0A)
    }

    /// Spreadsheets and UTF-16 exports are common mistakes; say what they are.
    static func refuseBinary(_ chunk: UnsafeBufferPointer<UInt8>, name: String) throws {
        if chunk.count >= 4, chunk[0] == 0x50, chunk[1] == 0x4B, chunk[2] == 0x03, chunk[3] == 0x04 {
            throw InputFileError.notText(
                file: name, reason: "it is an Excel workbook (.xlsx) or another zip file; save it from Excel as CSV (;) first")
        }
        if chunk.count >= 2, (chunk[0] == 0xFF && chunk[1] == 0xFE) || (chunk[0] == 0xFE && chunk[1] == 0xFF) {
            throw InputFileError.notText(
                file: name, reason: "it is UTF-16 text (Excel's 'Unicode text'); save it as CSV UTF-8 or CSV (;) instead")
        }
        if chunk.prefix(4096).contains(0) {
            throw InputFileError.notText(file: name, reason: "it contains NUL bytes, as binary files do")
        }
    }
}

/// The text encodings the readers accept.
public enum TextEncoding: String, Sendable {
    case utf8 = "utf-8"
    case windows1252 = "windows-1252"
}

/// Checks UTF-8 structure incrementally, across block boundaries.
struct UTF8Validator {
    private var pending = 0
    private var ok = true
    /// Valid so far, and no multi-byte sequence left open at the end.
    var isValid: Bool { ok && pending == 0 }

    mutating func feed(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard ok else { return }
        for byte in bytes {
            if pending > 0 {
                if byte & 0xC0 != 0x80 {
                    ok = false
                    return
                }
                pending -= 1
            } else if byte < 0x80 {
                continue
            } else if byte & 0xE0 == 0xC0, byte >= 0xC2 {
                pending = 1
            } else if byte & 0xF0 == 0xE0 {
                pending = 2
            } else if byte & 0xF8 == 0xF0, byte <= 0xF4 {
                pending = 3
            } else {
                ok = false
                return
            }
        }
    }
}
