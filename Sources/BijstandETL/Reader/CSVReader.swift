import CLibCSV
import Glibc

/// A streaming reader for delimited text on libcsv (strict RFC 4180 mode).
///
/// It detects what real exports vary in (delimiter, encoding, byte order
/// mark, line ends) and counts lines itself: libcsv does not, and every reject
/// must name its line. The file is read in 1 MiB blocks and handed to libcsv
/// one physical line at a time, so the reader always knows on which line a
/// record starts; memory stays bounded by the block and the longest record.
///
/// ```swift
/// let reader = try CSVReader(input: .file(path: "benchmark.csv"), fingerprint: fingerprint)
/// try reader.read { record in print(record.line, record.string(0)) }
/// ```
public final class CSVReader {
    public let input: CSVInput
    public let encoding: TextEncoding
    /// The delimiter found on the first lines: `;`, `,` or tab.
    public private(set) var delimiter: UInt8 = UInt8(ascii: ";")
    /// Empty lines (and rows of empty fields) skipped; they are not data rows.
    public private(set) var emptyLines = 0
    /// Called after each block with the number of bytes consumed so far.
    public var onProgress: ((Int64) -> Void)?

    /// A record that libcsv could not read (a broken quote). The reader
    /// resynchronises at the next line and goes on.
    public struct Malformed {
        public let line: Int
        public let lastLine: Int
        public let reason: String
        public let rawText: String
    }

    /// A quoted field may hold line breaks, but not this many: a stray quote
    /// must not swallow the rest of a large file as one field.
    public static let maximumLinesPerRecord = 200
    /// Rows wider than this are refused rather than grown without bound.
    public static let maximumFields = 2_000

    private let lineBreak: UInt8
    private var parser = csv_parser()
    private var arena: UnsafeMutablePointer<UInt8>
    private var arenaCapacity = 1 << 16
    private var arenaUsed = 0
    private var ends: UnsafeMutablePointer<Int>
    private var fieldCount = 0
    private var fieldsOverflowed = false
    private var line = 1
    private var recordStartLine = 1
    private var inRecord = false
    /// The current line was partly fed in an earlier block and held data: when the rest
    /// of it is blank (the LF of a CRLF cut by the block boundary) it is not an empty line.
    private var lineHeldData = false
    /// The input ended in a blank line without a line break, which is an empty line too.
    private var blankTail = false
    private var handler: ((CSVRecord) throws -> Void)?
    private var malformedHandler: ((Malformed) throws -> Void)?
    private var pendingError: Error?
    private var pendingRawLine: [UInt8] = []

    public init(input: CSVInput, fingerprint: Fingerprint) throws {
        self.input = input
        self.encoding = fingerprint.encoding
        self.lineBreak = fingerprint.lineBreak
        arena = .allocate(capacity: arenaCapacity)
        ends = .allocate(capacity: Self.maximumFields + 1)
        try resetParser()
    }

    deinit {
        csv_free(&parser)
        arena.deallocate()
        ends.deallocate()
    }

    private func resetParser() throws {
        csv_free(&parser)
        guard csv_init(&parser, UInt8(CSV_STRICT | CSV_STRICT_FINI)) == 0 else {
            throw InputFileError.unreadable(file: input.name, reason: "the CSV parser could not start (out of memory)")
        }
        csv_set_delim(&parser, delimiter)
        // Only the space is padding: with a tab delimiter the tab must stay a separator.
        csv_set_space_func(&parser) { $0 == 0x20 ? 1 : 0 }
        csv_set_blk_size(&parser, 4096)
    }

    /// Reads every record. `body` receives each one (the header first);
    /// `malformed` receives records libcsv could not parse.
    public func read(
        _ body: (CSVRecord) throws -> Void,
        malformed: (Malformed) throws -> Void
    ) throws {
        let stream = try input.open()
        let capacity = 1 << 20
        let buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
        defer { buffer.deallocate() }
        var consumed: Int64 = 0
        var first = true
        try withoutActuallyEscaping(body) { body in
            try withoutActuallyEscaping(malformed) { malformed in
                handler = body
                malformedHandler = malformed
                defer {
                    handler = nil
                    malformedHandler = nil
                }
                while true {
                    let count = try stream.read(into: buffer, capacity: capacity)
                    if count == 0 { break }
                    var start = 0
                    if first {
                        first = false
                        if count >= 3, buffer[0] == 0xEF, buffer[1] == 0xBB, buffer[2] == 0xBF { start = 3 }
                        delimiter = Self.detectDelimiter(UnsafeBufferPointer(start: buffer + start, count: count - start))
                        try resetParser()
                    }
                    try feedBlock(buffer + start, count: count - start)
                    consumed += Int64(count)
                    onProgress?(consumed)
                }
                try finish()
            }
        }
    }

    /// Hands a block to libcsv line by line.
    private func feedBlock(_ block: UnsafeMutablePointer<UInt8>, count: Int) throws {
        var position = 0
        while position < count {
            let remaining = count - position
            let lineStart = block + position
            let found = memchr(lineStart, Int32(lineBreak), remaining)
            let length: Int
            let endsLine: Bool
            if let found {
                length = found.assumingMemoryBound(to: UInt8.self) - lineStart + 1
                endsLine = true
            } else {
                length = remaining
                endsLine = false
            }
            try feedLine(lineStart, count: length, endsLine: endsLine)
            position += length
        }
    }

    private func feedLine(_ start: UnsafeMutablePointer<UInt8>, count: Int, endsLine: Bool) throws {
        blankTail = false
        if !inRecord {
            if Self.isBlank(start, count: count) {
                blankTail = !endsLine && !lineHeldData
                if endsLine {
                    if pendingRawLine.isEmpty && !lineHeldData { emptyLines += 1 }
                    line += 1
                    lineHeldData = false
                }
                return
            }
            inRecord = true
            recordStartLine = line
            fieldCount = 0
            arenaUsed = 0
            fieldsOverflowed = false
            pendingRawLine.removeAll(keepingCapacity: true)
        }
        // Keep the raw text of the record being read, for the quarantine when libcsv refuses it.
        if pendingRawLine.count < 4096 {
            pendingRawLine.append(contentsOf: UnsafeBufferPointer(start: start, count: min(count, 4096)))
        }
        let context = Unmanaged.passUnretained(self).toOpaque()
        let parsed = csv_parse(&parser, start, count, fieldCallback, recordCallback, context)
        if let error = pendingError {
            pendingError = nil
            throw error
        }
        if parsed < count {
            // A broken quote: libcsv stopped. Refuse this record and go on at the next line.
            let message =
                csv_error(&parser) == CSV_EPARSE
                ? "a quote is misplaced: a quoted field must be followed by the delimiter or the end of the line"
                : String(cString: csv_strerror(csv_error(&parser)))
            try reportMalformed(reason: message, lastLine: line)
            try resetParser()
        } else if inRecord, line - recordStartLine + 1 >= Self.maximumLinesPerRecord {
            try reportMalformed(
                reason: "a quote opened on line \(recordStartLine) is still open after \(Self.maximumLinesPerRecord) lines",
                lastLine: line)
            try resetParser()
        } else if !inRecord, parser.pstate != 0 {
            // libcsv ended a record at a lone CR and began the next one on this same line
            // (0 is libcsv's ROW_NOT_BEGUN): it is in a record, and its fields so far must stay.
            inRecord = true
        }
        if endsLine {
            line += 1
            lineHeldData = false
        } else {
            lineHeldData = true
        }
    }

    private func finish() throws {
        if blankTail { emptyLines += 1 }
        let context = Unmanaged.passUnretained(self).toOpaque()
        if csv_fini(&parser, fieldCallback, recordCallback, context) != 0 {
            try reportMalformed(
                reason: "a quote opened on line \(recordStartLine) is never closed before the end of the file",
                // Without a final line break the last line is the current one.
                lastLine: lineHeldData ? line : max(recordStartLine, line - 1))
        }
        if let error = pendingError {
            pendingError = nil
            throw error
        }
    }

    private func reportMalformed(reason: String, lastLine: Int) throws {
        let raw = decodeRaw(pendingRawLine)
        inRecord = false
        pendingRawLine.removeAll(keepingCapacity: true)
        try malformedHandler?(Malformed(line: recordStartLine, lastLine: lastLine, reason: reason, rawText: raw))
    }

    private func decodeRaw(_ bytes: [UInt8]) -> String {
        var text: [UInt8] = []
        for byte in bytes where byte != 0x0A && byte != 0x0D { appendDecoded(byte, to: &text) }
        return String(decoding: text, as: UTF8.self)
    }

    private func appendDecoded(_ byte: UInt8, to text: inout [UInt8]) {
        if encoding == .utf8 || byte < 0x80 {
            text.append(byte)
            return
        }
        var encoded: (UInt8, UInt8, UInt8) = (0, 0, 0)
        withUnsafeMutableBytes(of: &encoded) { raw in
            let target = raw.baseAddress!.assumingMemoryBound(to: UInt8.self)
            let written = Windows1252.encodeUTF8(byte, into: target)
            text.append(contentsOf: UnsafeBufferPointer(start: target, count: written))
        }
    }

    // MARK: libcsv callbacks

    fileprivate func appendField(_ pointer: UnsafeRawPointer?, _ length: Int) {
        guard fieldCount < Self.maximumFields else {
            fieldsOverflowed = true
            return
        }
        let needed = arenaUsed + length * (encoding == .utf8 ? 1 : 3)
        if needed > arenaCapacity {
            var newCapacity = arenaCapacity
            while newCapacity < needed { newCapacity *= 2 }
            let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
            grown.update(from: arena, count: arenaUsed)
            arena.deallocate()
            arena = grown
            arenaCapacity = newCapacity
        }
        if let pointer, length > 0 {
            let source = pointer.assumingMemoryBound(to: UInt8.self)
            if encoding == .utf8 {
                (arena + arenaUsed).update(from: source, count: length)
                arenaUsed += length
            } else {
                for index in 0..<length {
                    arenaUsed += Windows1252.encodeUTF8(source[index], into: arena + arenaUsed)
                }
            }
        }
        ends[fieldCount] = arenaUsed
        fieldCount += 1
    }

    fileprivate func endRecord() {
        defer {
            inRecord = false
            fieldCount = 0
            arenaUsed = 0
            pendingRawLine.removeAll(keepingCapacity: true)
            // A record that libcsv begins after a lone CR starts on this line.
            recordStartLine = line
        }
        guard pendingError == nil else { return }
        if fieldsOverflowed {
            do {
                try reportMalformed(reason: "the row has more than \(Self.maximumFields) fields", lastLine: line)
            } catch {
                pendingError = error
            }
            return
        }
        let record = CSVRecord(
            bytes: UnsafePointer(arena), ends: UnsafePointer(ends), count: fieldCount,
            line: recordStartLine, lastLine: line)
        if record.isBlank {
            emptyLines += 1
            return
        }
        do {
            try handler?(record)
        } catch {
            pendingError = error
        }
    }

    // MARK: detection

    private static func isBlank(_ start: UnsafeMutablePointer<UInt8>, count: Int) -> Bool {
        for index in 0..<count {
            let byte = start[index]
            if byte != 0x20 && byte != 0x09 && byte != 0x0D && byte != 0x0A { return false }
        }
        return true
    }

    /// The delimiter is the candidate that splits the first lines most
    /// consistently: the same number of times on the most lines (a header and its
    /// rows agree, while commas in free text vary from row to row). Ties go to the
    /// one that splits more; none at all means the Dutch default `;`.
    static func detectDelimiter(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt8 {
        let candidates: [UInt8] = [UInt8(ascii: ";"), UInt8(ascii: ","), 0x09]
        var perLine: [[Int]] = []
        var current = [0, 0, 0]
        var quoted = false
        var blank = true
        for byte in bytes {
            if byte == UInt8(ascii: "\"") {
                quoted.toggle()
                blank = false
            } else if !quoted, byte == 0x0A || byte == 0x0D {
                if !blank { perLine.append(current) }
                current = [0, 0, 0]
                blank = true
                if perLine.count >= 20 { break }
            } else if !quoted, let index = candidates.firstIndex(of: byte) {
                current[index] += 1
                blank = false
            } else if byte != 0x20 {
                blank = false
            }
        }
        if !blank && perLine.count < 20 { perLine.append(current) }
        var best: (delimiter: UInt8, lines: Int, splits: Int) = (UInt8(ascii: ";"), 0, 0)
        for (index, candidate) in candidates.enumerated() {
            var frequency: [Int: Int] = [:]
            for counts in perLine where counts[index] > 0 { frequency[counts[index], default: 0] += 1 }
            guard let mode = frequency.max(by: { $0.value != $1.value ? $0.value < $1.value : $0.key < $1.key }) else { continue }
            if mode.value > best.lines || (mode.value == best.lines && mode.key > best.splits) {
                best = (candidate, mode.value, mode.key)
            }
        }
        return best.delimiter
    }
}

private func fieldCallback(_ pointer: UnsafeMutableRawPointer?, _ length: Int, _ context: UnsafeMutableRawPointer?) {
    Unmanaged<CSVReader>.fromOpaque(context!).takeUnretainedValue().appendField(pointer, length)
}

private func recordCallback(_ terminator: Int32, _ context: UnsafeMutableRawPointer?) {
    Unmanaged<CSVReader>.fromOpaque(context!).takeUnretainedValue().endRecord()
}
