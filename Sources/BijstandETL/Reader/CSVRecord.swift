/// One record of a delimited file, valid only inside the callback that receives
/// it: the fields point into the reader's reusable buffer, so reading a row
/// allocates nothing.
public struct CSVRecord {
    let bytes: UnsafePointer<UInt8>
    /// `ends[i]` is the end offset of field i; field i starts at `ends[i - 1]` (0 for the first).
    let ends: UnsafePointer<Int>
    /// Number of fields.
    public let count: Int
    /// Line on which the record starts (the header is line 1 when the file starts with it).
    public let line: Int
    /// Line on which the record ends (later than `line` when a quoted field holds line breaks).
    public let lastLine: Int

    /// The UTF-8 bytes of field `index`, empty when the row is shorter.
    @inline(__always)
    public subscript(index: Int) -> UnsafeBufferPointer<UInt8> {
        guard index >= 0, index < count else { return UnsafeBufferPointer(start: bytes, count: 0) }
        let start = index == 0 ? 0 : ends[index - 1]
        return UnsafeBufferPointer(start: bytes + start, count: ends[index] - start)
    }

    /// Field `index` as a String (allocates: for messages and rare text columns).
    public func string(_ index: Int) -> String {
        String(decoding: self[index], as: UTF8.self)
    }

    /// Whether every field is empty or only spaces (Excel writes `;;;;` rows).
    public var isBlank: Bool {
        for index in 0..<count {
            for byte in self[index] where byte != 0x20 && byte != 0x09 {
                return false
            }
        }
        return true
    }

    /// The row as read, its fields joined by `delimiter`, each passed through
    /// `mask` (used to hide identifying numbers before the row reaches the quarantine).
    public func rawText(delimiter: Character, mask: (Int, String) -> String = { $1 }) -> String {
        (0..<count).map { mask($0, string($0)) }.joined(separator: String(delimiter))
    }
}
