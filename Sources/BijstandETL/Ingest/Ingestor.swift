import BijstandCore
import BijstandWarehouse
import GRDB

/// How one file is to be ingested.
public struct IngestOptions {
    /// The source kind; detected from the header when nil.
    public var kind: String?
    /// `--gemeente`: the gemeente of a registration file without a gemeente column.
    public var gemeente: String?
    /// Extra header aliases and code mappings.
    public var mapping = Mapping()
    /// Any rejected row rolls the whole file back.
    public var strict = false
    /// Called now and then with (bytes read, file size).
    public var progress: ((Int64, Int64) -> Void)?

    public init() {}
}

/// What became of one file.
public struct IngestResult {
    public enum Outcome: Equatable {
        /// Loaded (rejected rows, if any, are in the quarantine).
        case loaded
        /// The same content was loaded before, as this batch; nothing was done.
        case alreadyLoaded
        /// Nothing was stored; the reason is in `message`.
        case failed
    }

    public var outcome: Outcome
    public var file: String
    public var kind: String?
    public var batch: Int64?
    public var counts = LoadCounts()
    public var encoding: TextEncoding?
    public var delimiter: String?
    /// The first rejected rows, for the summary (all of them are in the quarantine).
    public var firstRejects: [RejectedRow] = []
    /// The first warnings, for the summary.
    public var warnings: [String] = []
    public var message: String?
}

/// A load could not complete; the transaction was rolled back.
public enum IngestError: Error, CustomStringConvertible {
    case strictRejected(rejected: Int)
    case conservationBroken(LoadCounts)
    case anotherLoadRunning
    case diskFull
    case unknownKind(String)
    case ambiguousKind([String])
    case gemeenteOption(String)

    public var description: String {
        switch self {
        case .strictRejected(let rejected):
            return "\(rejected) row(s) were rejected and --strict was given, so nothing was loaded; `bijstand rejects` shows them."
        case .conservationBroken(let counts):
            return
                "Internal error: rows read (\(counts.read)) do not add up to loaded (\(counts.loaded)) + replaced (\(counts.replaced)) + rejected (\(counts.rejected)); nothing was loaded."
        case .anotherLoadRunning:
            return "Another load is writing to this warehouse; wait until it has finished and try again."
        case .diskFull:
            return "The disk is full (or the warehouse reached its size limit), so nothing was loaded; make room and load the file again."
        case .unknownKind(let kind):
            let known = SourceKinds.all.map { $0.kind }.joined(separator: ", ")
            return "'\(kind)' is not a source kind; use one of \(known)."
        case .ambiguousKind(let kinds):
            return
                "The header fits more than one source kind (\(kinds.joined(separator: ", "))); name the kind: `bijstand ingest KIND FILE`."
        case .gemeenteOption(let reason):
            return "--gemeente: \(reason)."
        }
    }
}

/// Runs the stages for one file: fingerprint → read → validate/conform → load,
/// in one transaction, with the ledger written whatever happens.
///
/// ```swift
/// let result = try Ingestor(warehouse: warehouse).ingest(.file(path: "benchmark.csv"))
/// print(result.counts.loaded)
/// ```
public struct Ingestor {
    public let warehouse: Warehouse
    /// How many header candidates (title rows above the header) are tried.
    static let headerSearchDepth = 10
    static let summaryRejects = 10
    /// Rejects kept in memory for the failure record of a --strict load.
    static let keptRejects = 100_000

    public init(warehouse: Warehouse) {
        self.warehouse = warehouse
    }

    /// Ingests one file. Throws for a file that cannot be read or recognised
    /// (`InputFileError`) and for failures of the load itself; returns
    /// `.alreadyLoaded` for known content and `.failed` for a --strict load with rejects.
    public func ingest(_ input: CSVInput, options: IngestOptions = IngestOptions()) throws -> IngestResult {
        var result = IngestResult(outcome: .failed, file: input.name)
        let types: [any SourceLoader.Type]
        if let kind = options.kind {
            guard let type = SourceKinds.named(kind) else { throw IngestError.unknownKind(kind) }
            types = [type]
        } else {
            types = SourceKinds.all
        }
        let fingerprint = try Fingerprint.compute(input)
        result.encoding = fingerprint.encoding
        if let earlier = try warehouse.database.read({ try LoadLedger.completedLoad(sha256: fingerprint.sha256, in: $0) }) {
            result.outcome = .alreadyLoaded
            result.batch = earlier.id
            result.kind = earlier.soort
            result.counts = earlier.counts
            return result
        }

        let reader = try CSVReader(input: input, fingerprint: fingerprint)
        if let progress = options.progress {
            reader.onProgress = { progress($0, fingerprint.bytes) }
        }
        var counts = LoadCounts()
        var kind: String?
        var keptRejects: [RejectedRow] = []
        // Set when another process completed a load of this content while this one waited for the warehouse.
        var loadedMeanwhile: Batch?
        do {
            let batch: Int64 = try warehouse.database.writeWithoutTransaction { db in
                // Every key a loader writes has been conformed against the dimensions
                // already (GemeenteIndex, the month range, the enums), so SQLite's own
                // foreign-key lookups would only repeat that work for every row. They
                // are off for the load and on again for everything else.
                try db.execute(sql: "PRAGMA foreign_keys = OFF")
                defer { try? db.execute(sql: "PRAGMA foreign_keys = ON") }
                var batch: Int64 = 0
                try db.inTransaction(.immediate) {
                    // Checked again now that this load holds the write lock: the check above ran before it.
                    if let earlier = try LoadLedger.completedLoad(sha256: fingerprint.sha256, in: db) {
                        loadedMeanwhile = earlier
                        return .rollback
                    }
                    // Reference rows may point forward (a successor listed later in the file).
                    try db.execute(sql: "PRAGMA defer_foreign_keys = ON")
                    var loader: (any SourceLoader)?
                    var context: LoadContext?
                    // Set for kinds with identifying columns: rejects are stored masked.
                    var masking: RejectMasking?
                    // Secondary indexes dropped for a large file, built again before the commit.
                    var suspendedIndexes: BulkIndexes?
                    var candidates = 0
                    var firstHeader: [String]?
                    var firstHeaderLine = 1
                    // The header the loader matched, for naming the column of a reject.
                    var headerNames: [String] = []
                    let rejectInsert = try LoadLedger.rejectStatement(db)
                    let delimiterCharacter = Character(Unicode.Scalar(reader.delimiter))

                    func reject(_ row: RejectedRow) throws {
                        counts.rejected += 1
                        try rejectInsert.execute(arguments: [batch, row.line, row.column, row.value, row.reason, row.rawLine])
                        if keptRejects.count < Self.keptRejects { keptRejects.append(row) }
                    }

                    try reader.read(
                        { record in
                            guard let active = loader, context != nil else {
                                let header = (0..<record.count).map { record.string($0) }
                                if firstHeader == nil {
                                    firstHeader = header
                                    firstHeaderLine = record.line
                                }
                                candidates += 1
                                if let (type, matched) = try Self.detect(header, types: types, mapping: options.mapping) {
                                    kind = type.kind
                                    headerNames = header
                                    batch = try LoadLedger.begin(
                                        soort: type.kind, bestand: input.name, sha256: fingerprint.sha256,
                                        bytes: fingerprint.bytes, codering: fingerprint.encoding.rawValue,
                                        scheidingsteken: Self.delimiterName(reader.delimiter), in: db)
                                    let gemeenten = try GemeenteIndex(db, mapping: options.mapping)
                                    let defaultGemeente = try options.gemeente.map { try Self.resolveGemeente($0, gemeenten) }
                                    let newContext = LoadContext(
                                        db: db, batch: batch, file: input.name, gemeenten: gemeenten,
                                        mapping: options.mapping, defaultGemeente: defaultGemeente)
                                    context = newContext
                                    if record.line > 1 {
                                        try newContext.warn(
                                            line: nil, column: nil,
                                            "the header is on line \(record.line); the lines above it were skipped")
                                    }
                                    if !matched.unused.isEmpty {
                                        try newContext.warn(
                                            line: record.line, column: nil,
                                            "columns not used by \(type.kind): " + matched.unused.map { "'\($0)'" }.joined(separator: ", "))
                                    }
                                    masking = RejectMasking(sensitiveColumns: type.sensitiveColumns, header: matched)
                                    if try BulkIndexes.pays(fileBytes: fingerprint.bytes, in: db) {
                                        suspendedIndexes = try BulkIndexes.suspend(on: type.bulkTables, in: db)
                                    }
                                    loader = try type.init(context: newContext, header: matched)
                                } else if candidates >= Self.headerSearchDepth {
                                    throw Self.unrecognised(input.name, line: firstHeaderLine, header: firstHeader ?? header, types: types)
                                }
                                return
                            }
                            counts.read += 1
                            do {
                                switch try active.load(record) {
                                case .loaded: counts.loaded += 1
                                case .replaced: counts.replaced += 1
                                }
                            } catch let problem as RowProblem {
                                try reject(
                                    RejectedRow(
                                        line: record.line,
                                        column: problem.column.map { position in
                                            let name = position < headerNames.count ? headerNames[position] : "?"
                                            return "\(name) (kolom \(position + 1))"
                                        },
                                        value: masking.map { $0.value(problem.value, column: problem.column) } ?? problem.value,
                                        reason: masking.map { $0.reason(problem.reason) } ?? problem.reason,
                                        rawLine: masking.map { $0.rawLine(record, delimiter: delimiterCharacter) }
                                            ?? record.rawText(delimiter: delimiterCharacter)))
                            }
                        },
                        malformed: { bad in
                            guard loader != nil else {
                                throw InputFileError.notText(
                                    file: input.name, reason: "line \(bad.line) before the header cannot be read: \(bad.reason)")
                            }
                            counts.read += 1
                            try reject(
                                RejectedRow(
                                    line: bad.line, column: nil, value: nil,
                                    reason: bad.lastLine > bad.line
                                        ? "lines \(bad.line)–\(bad.lastLine) cannot be read as a row: \(bad.reason)"
                                        : bad.reason,
                                    rawLine: masking.map { $0.malformed(bad.rawText) } ?? bad.rawText))
                        })
                    guard let loader, let context else {
                        if let firstHeader {
                            throw Self.unrecognised(input.name, line: firstHeaderLine, header: firstHeader, types: types)
                        }
                        throw InputFileError.empty(file: input.name)
                    }
                    try loader.finish()
                    try suspendedIndexes?.restore(in: db)
                    counts.emptyLines = reader.emptyLines
                    if context.suppressedWarnings > 0 {
                        try context.warn(line: nil, column: nil, "\(context.suppressedWarnings) more warnings were not stored")
                    }
                    if options.strict && counts.rejected > 0 {
                        throw IngestError.strictRejected(rejected: counts.rejected)
                    }
                    guard counts.isConserved else { throw IngestError.conservationBroken(counts) }
                    try LoadLedger.complete(batch: batch, counts: counts, in: db)
                    return .commit
                }
                return batch
            }
            if let earlier = loadedMeanwhile {
                result.outcome = .alreadyLoaded
                result.batch = earlier.id
                result.kind = earlier.soort
                result.counts = earlier.counts
                return result
            }
            result.outcome = .loaded
            result.batch = batch
        } catch {
            let translated = Self.translate(error)
            result.outcome = .failed
            result.message = "\(translated)"
            result.counts = counts
            result.kind = kind
            // Leave a trace of the attempt; if even that fails, the error itself is what matters.
            result.batch = try? warehouse.database.write { db in
                try LoadLedger.recordFailure(
                    soort: kind ?? options.kind ?? "onbekend", bestand: input.name, sha256: fingerprint.sha256,
                    bytes: fingerprint.bytes, codering: fingerprint.encoding.rawValue,
                    scheidingsteken: Self.delimiterName(reader.delimiter), counts: counts,
                    melding: "\(translated)", rejects: keptRejects, in: db)
            }
            if case IngestError.strictRejected = translated {
                result.firstRejects = Array(keptRejects.prefix(Self.summaryRejects))
                return result
            }
            throw translated
        }
        result.kind = kind
        result.counts = counts
        result.delimiter = Self.delimiterName(reader.delimiter)
        if let batch = result.batch {
            try warehouse.database.read { db in
                result.firstRejects = Array(try LoadLedger.rejects(batch: batch, in: db).prefix(Self.summaryRejects))
                result.warnings = try LoadLedger.warnings(batch: batch, in: db).prefix(Self.summaryRejects).map { warning in
                    (warning.line.map { "line \($0): " } ?? "") + warning.message
                }
            }
        }
        return result
    }

    static func detect(_ header: [String], types: [any SourceLoader.Type], mapping: Mapping) throws
        -> (any SourceLoader.Type, MatchedHeader)?
    {
        let matches = types.compactMap { type in type.layout.match(header, mapping: mapping).map { (type, $0) } }
        guard let best = matches.max(by: { $0.1.strength < $1.1.strength }) else { return nil }
        let tied = matches.filter { $0.1.strength == best.1.strength }
        if tied.count > 1 { throw IngestError.ambiguousKind(tied.map { $0.0.kind }) }
        return best
    }

    static func unrecognised(_ file: String, line: Int, header: [String], types: [any SourceLoader.Type]) -> InputFileError {
        // A file without a header shows its first data row here: never show a number that may be a BSN.
        InputFileError.unrecognisedHeader(
            file: file, line: line, found: header.map { RejectMasking.maskNumbers(in: $0, onlyValidBSNs: false) },
            expected: types.map { $0.layout.requirementText }.joined(separator: "; "))
    }

    static func resolveGemeente(_ text: String, _ index: GemeenteIndex) throws -> Int {
        let resolved: Result<Int, GemeenteProblem>
        if case .success(let number) = FieldParser.gemeenteNummer(text) {
            resolved = index.resolve(number: number, in: nil)
        } else {
            resolved = index.resolve(name: text, in: nil)
        }
        switch resolved {
        case .success(let id): return id
        case .failure(let problem): throw IngestError.gemeenteOption(problem.reason)
        }
    }

    static func delimiterName(_ byte: UInt8) -> String {
        byte == 0x09 ? "tab" : String(Character(Unicode.Scalar(byte)))
    }

    /// SQLite's "busy" means another writer holds the warehouse.
    static func translate(_ error: Error) -> Error {
        if let database = error as? DatabaseError, database.resultCode == .SQLITE_BUSY {
            return IngestError.anotherLoadRunning
        }
        if let database = error as? DatabaseError, database.resultCode == .SQLITE_FULL {
            return IngestError.diskFull
        }
        return error
    }
}
