/// Hides identifying numbers before a rejected row of a registration file
/// reaches the quarantine, the ledger or the terminal.
///
/// - the sensitive columns of the layout (`bsn`) are replaced as a whole;
/// - in every other field, and in reasons, a run of 8 or 9 digits that passes
///   the elfproef is replaced (a BSN in the wrong column of a shifted row);
/// - a row the CSV reader could not split into fields has no known columns, so
///   every run of 8 or 9 digits in it is replaced, valid BSN or not.
///
/// ```swift
/// RejectMasking.maskNumbers(in: "1;123456782;2019-01-01", onlyValidBSNs: true)
/// // "1;*********;2019-01-01"
/// ```
struct RejectMasking {
    static let mask = "*********"

    /// Positions of the sensitive columns in this file.
    let positions: Set<Int>

    /// Masking for a file of a kind with sensitive columns; nil for a kind without any.
    init?(sensitiveColumns: Set<String>, header: MatchedHeader) {
        guard !sensitiveColumns.isEmpty else { return nil }
        positions = Set(sensitiveColumns.compactMap { header[$0] })
    }

    /// The raw row for `ruwe_regel`.
    func rawLine(_ record: CSVRecord, delimiter: Character) -> String {
        record.rawText(delimiter: delimiter) { position, text in
            if positions.contains(position) { return text.isEmpty ? text : Self.mask }
            return Self.maskNumbers(in: text, onlyValidBSNs: true)
        }
    }

    /// The value at fault for `waarde`.
    func value(_ value: String?, column: Int?) -> String? {
        guard let value else { return nil }
        if let column, positions.contains(column) { return value.isEmpty ? value : Self.mask }
        return Self.maskNumbers(in: value, onlyValidBSNs: true)
    }

    /// A reason in words (a loader may have quoted a field in it).
    func reason(_ reason: String) -> String {
        Self.maskNumbers(in: reason, onlyValidBSNs: true)
    }

    /// A row that could not be split into fields.
    func malformed(_ raw: String) -> String {
        Self.maskNumbers(in: raw, onlyValidBSNs: false)
    }

    /// Replaces every run of exactly 8 or 9 digits (not part of a longer
    /// number or word) by the mask: all of them, or only those that pass the elfproef.
    static func maskNumbers(in text: String, onlyValidBSNs: Bool) -> String {
        let bytes = Array(text.utf8)
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var index = 0
        var changed = false
        while index < bytes.count {
            guard isDigit(bytes[index]), index == 0 || !isWordByte(bytes[index - 1]) else {
                output.append(bytes[index])
                index += 1
                continue
            }
            var end = index
            while end < bytes.count, isDigit(bytes[end]) { end += 1 }
            let count = end - index
            let followedByWord = end < bytes.count && isWordByte(bytes[end])
            let isCandidate = (count == 8 || count == 9) && !followedByWord
            if isCandidate, !onlyValidBSNs || bytes[index..<end].withUnsafeBufferPointer({ BSN.isBSNShaped($0) }) {
                output.append(contentsOf: Array(mask.utf8))
                changed = true
            } else {
                output.append(contentsOf: bytes[index..<end])
            }
            index = end
        }
        return changed ? String(decoding: output, as: UTF8.self) : text
    }

    private static func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }

    private static func isWordByte(_ b: UInt8) -> Bool {
        (b >= 0x30 && b <= 0x39) || ((b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A)
    }
}
