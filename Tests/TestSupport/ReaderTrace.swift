import BijstandCore
import BijstandETL
import Foundation

/// One pass of the CSV reader over some bytes, and the promises it must keep
/// whatever the bytes are. Shared by the property tests (BijstandReliabilityTests)
/// and the libFuzzer harness (Tests/Fuzz/CSVFuzz), so both check the same things.
///
/// ```swift
/// let trace = ReaderTrace.read(Array("a;b\n1;\"x\n".utf8))
/// XCTAssertEqual(trace.violations(), [])
/// ```
public struct ReaderTrace {
    /// A record or a malformed record, in the order the reader reported them.
    public struct Event: Equatable, CustomStringConvertible {
        public var line: Int
        public var lastLine: Int
        /// The fields of a record; nil for a record the reader refused as malformed.
        public var fields: [String]?
        public init(line: Int, lastLine: Int, fields: [String]?) {
            self.line = line
            self.lastLine = lastLine
            self.fields = fields
        }
        public var description: String {
            "lines \(line)–\(lastLine): " + (fields.map { "\($0)" } ?? "malformed")
        }
    }

    public var events: [Event] = []
    public var emptyLines = 0
    /// Lines in the input, counted independently of the reader: line breaks, plus a last unterminated line.
    public var physicalLines = 0
    /// Set when the input was refused as a whole (not text, unreadable).
    public var refusal: InputFileError?
    /// Set when the reader threw anything else: always a violation.
    public var unexpectedError: String?

    /// Reads `bytes` as a file would be read, running the field parsers on every field.
    public static func read(_ bytes: [UInt8], name: String = "fuzz.csv") -> ReaderTrace {
        var trace = ReaderTrace()
        let input = CSVInput.bytes(name: name, content: bytes)
        do {
            let fingerprint = try Fingerprint.compute(input)
            trace.physicalLines = countLines(bytes, lineBreak: fingerprint.lineBreak)
            trace.scanLines(bytes, lineBreak: fingerprint.lineBreak)
            let reader = try CSVReader(input: input, fingerprint: fingerprint)
            try reader.read(
                { record in
                    var fields: [String] = []
                    fields.reserveCapacity(record.count)
                    for index in 0..<record.count {
                        let field = record[index]
                        FieldParserProbe.exercise(field)
                        fields.append(String(decoding: field, as: UTF8.self))
                    }
                    trace.events.append(Event(line: record.line, lastLine: record.lastLine, fields: fields))
                },
                malformed: { bad in
                    trace.events.append(Event(line: bad.line, lastLine: bad.lastLine, fields: nil))
                })
            trace.emptyLines = reader.emptyLines
        } catch let error as InputFileError {
            trace.refusal = error
        } catch {
            trace.unexpectedError = "\(error)"
        }
        return trace
    }

    /// Lines as a text editor counts them, with the line break the reader uses
    /// (LF, or CR for a file without any LF); a UTF-8 byte order mark is not a line.
    public static func countLines(_ bytes: [UInt8], lineBreak: UInt8) -> Int {
        bytes.withUnsafeBufferPointer { all in
            let body = all.count >= 3 && all[0] == 0xEF && all[1] == 0xBB && all[2] == 0xBF ? UnsafeBufferPointer(rebasing: all[3...]) : all
            guard let last = body.last else { return 0 }
            var breaks = 0
            for byte in body where byte == lineBreak { breaks += 1 }
            return breaks + (last == lineBreak ? 0 : 1)
        }
    }

    /// Every broken promise, as sentences; empty when the reader behaved.
    ///
    /// - every line number lies within the input, and a record's last line is not before its first;
    /// - line numbers are monotonic: no record starts before the previous one ended (two records
    ///   share a line only when a lone CR, which libcsv takes for a line end, separates them);
    /// - nothing disappears: every line holding more than spaces, tabs, CRs, quotes and delimiters
    ///   lies in a record or a malformed record;
    /// - conservation: in a file without lone CRs, every line is in exactly one record or malformed
    ///   record, or counted as empty.
    public func violations() -> [String] {
        var problems: [String] = []
        if let unexpectedError { problems.append("unexpected error: \(unexpectedError)") }
        if refusal != nil { return problems }
        var previousLast = 0
        var covered = Set<Int>()
        for event in events {
            if event.line < 1 || event.lastLine > physicalLines || event.lastLine < event.line {
                problems.append("\(event): outside lines 1–\(physicalLines) or reversed")
            }
            let sharesLine = event.line == previousLast && loneCarriageReturnLines.contains(previousLast)
            if event.line < previousLast || (event.line == previousLast && !sharesLine) {
                problems.append("\(event): starts before line \(previousLast + 1), after the previous record")
            }
            if event.line <= event.lastLine { covered.formUnion(event.line...event.lastLine) }
            previousLast = max(previousLast, event.lastLine)
        }
        let lost = contentLines.subtracting(covered).sorted()
        if !lost.isEmpty {
            problems.append("lines \(lost.prefix(10)) hold data but are in no record and no malformed record")
        }
        if loneCarriageReturnLines.isEmpty, covered.count + emptyLines != physicalLines {
            problems.append(
                "conservation: \(covered.count) lines in records + \(emptyLines) empty lines ≠ \(physicalLines) lines in the input")
        }
        return problems
    }

    /// Lines holding a byte other than space, tab, CR, quote, delimiter and the line break.
    var contentLines: Set<Int> = []
    /// Lines holding a CR that does not end the line (libcsv ends a record there).
    var loneCarriageReturnLines: Set<Int> = []

    mutating func scanLines(_ bytes: [UInt8], lineBreak: UInt8) {
        bytes.withUnsafeBufferPointer { all in
            var index = all.count >= 3 && all[0] == 0xEF && all[1] == 0xBB && all[2] == 0xBF ? 3 : 0
            var line = 1
            var lineHasContent = false
            while index < all.count {
                let byte = all[index]
                if byte == lineBreak {
                    if lineHasContent { contentLines.insert(line) }
                    lineHasContent = false
                    line += 1
                } else if byte == 0x0D {
                    if index + 1 == all.count || all[index + 1] != lineBreak { loneCarriageReturnLines.insert(line) }
                } else if byte != 0x20 && byte != 0x09 && byte != 0x22 && byte != 0x3B && byte != 0x2C {
                    // Spaces, quotes and delimiters alone make a row of empty fields, which is skipped.
                    lineHasContent = true
                }
                index += 1
            }
            if lineHasContent { contentLines.insert(line) }
        }
    }
}

/// Runs every field parser on a field and checks each parser's promises when it succeeds.
public enum FieldParserProbe {
    /// Broken promises are collected here by the fuzzer (a trap would hide all but the first).
    nonisolated(unsafe) public static var failures: [String] = []

    public static func exercise(_ field: UnsafeBufferPointer<UInt8>) {
        func check(_ condition: Bool, _ what: @autoclosure () -> String) {
            if !condition { failures.append(what() + " for " + String(decoding: field, as: UTF8.self).debugDescription) }
        }
        if case .success(let count) = FieldParser.count(field) { check(count.value >= 0, "count \(count.value) < 0") }
        _ = FieldParser.cents(field)
        _ = FieldParser.decimal(field, scale: 3)
        if case .success(let month) = FieldParser.month(field) {
            check(FieldParser.acceptedYears.contains(month.year), "month year \(month.year)")
            check((1...12).contains(month.month), "month \(month.month)")
        }
        if case .success(let day) = FieldParser.date(field) {
            check(FieldParser.acceptedYears.contains(day.year), "date year \(day.year)")
            check(Day(year: day.year, month: day.month, day: day.day) == day, "date \(day) is not a calendar day")
        }
        if case .success(let number) = FieldParser.gemeenteNummer(field) { check((1...9999).contains(number), "gemeente \(number)") }
        _ = FieldParser.year(field)
        _ = FieldParser.regeling(field)
        _ = FieldParser.status(field)
        _ = FieldParser.budgetVersie(field)
        _ = FieldParser.boolean(field)
        _ = Elfproef.isValidBSN(field)
    }
}
