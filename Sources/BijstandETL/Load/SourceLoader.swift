import BijstandCore
import BijstandWarehouse
import GRDB

/// One source kind: its layout, and how one of its rows is validated,
/// conformed and loaded. Adding a source means adding one type conforming to
/// this protocol (and listing it in `SourceKinds.all`).
public protocol SourceLoader: AnyObject {
    /// The KIND of `bijstand ingest KIND`.
    static var kind: String { get }
    /// The columns it reads.
    static var layout: Layout { get }
    /// Prepares statements for one file inside the load's transaction.
    init(context: LoadContext, header: MatchedHeader) throws
    /// Validates, conforms and stores one row. Throwing a `RowProblem` rejects the row;
    /// any other error fails the whole file.
    func load(_ record: CSVRecord) throws -> RowOutcome
    /// Runs after the last row, still inside the transaction.
    func finish() throws
    /// Columns (canonical names) whose values identify a person, such as `bsn`:
    /// never stored, not even in the quarantine, where they are masked.
    static var sensitiveColumns: Set<String> { get }
    /// The tables a large file of this kind fills: their secondary indexes are
    /// built after the rows when that pays (`BulkIndexes`).
    static var bulkTables: [String] { get }
}

extension SourceLoader {
    /// Most sources carry no identifying numbers.
    public static var sensitiveColumns: Set<String> { [] }
    /// Most sources are small.
    public static var bulkTables: [String] { [] }
}

/// What became of one row.
public enum RowOutcome {
    /// Stored as a new fact.
    case loaded
    /// Stored, replacing an older delivery (which went to history).
    case replaced
}

/// Why one row was rejected: the column at fault, its raw value, and a reason in words.
public struct RowProblem: Error {
    public var column: Int?
    public var value: String?
    public var reason: String

    public init(column: Int?, value: String?, reason: String) {
        self.column = column
        self.value = value
        self.reason = reason
    }

    /// A row whose key (`what`, in words) the file delivered before, on `line` when known.
    static func alreadyInFile(_ what: String, line: Int?) -> RowProblem {
        RowProblem(
            column: nil, value: nil,
            reason: "\(what) already occurs " + (line.map { "on line \($0) of this file" } ?? "earlier in this file"))
    }
}

/// What a loader needs from the load it runs in.
public final class LoadContext {
    public let db: Database
    public let batch: Int64
    public let file: String
    public let gemeenten: GemeenteIndex
    public let mapping: Mapping
    /// `--gemeente`: the gemeente of a registration file without a gemeente column.
    public let defaultGemeente: Int?
    private var warningCount = 0
    public static let maximumWarnings = 200

    init(db: Database, batch: Int64, file: String, gemeenten: GemeenteIndex, mapping: Mapping, defaultGemeente: Int?) {
        self.db = db
        self.batch = batch
        self.file = file
        self.gemeenten = gemeenten
        self.mapping = mapping
        self.defaultGemeente = defaultGemeente
    }

    /// Records a warning; past a limit only the count is kept, so a file with a
    /// systematic quirk does not bury the ledger.
    public func warn(line: Int?, column: String?, _ message: String) throws {
        warningCount += 1
        if warningCount <= Self.maximumWarnings {
            try LoadLedger.warn(batch: batch, line: line, column: column, message, in: db)
        }
    }

    /// Warnings beyond the stored ones.
    var suppressedWarnings: Int { max(0, warningCount - Self.maximumWarnings) }

    /// The month of a row, within the calendar of the warehouse (`dim_maand`: 1990–2060).
    @inline(__always)
    public func month(_ record: CSVRecord, _ column: Int) throws -> Month {
        let month: Month
        switch FieldParser.month(record[column]) {
        case .success(let value): month = value
        case .failure(let problem): throw self.problem(record, column, problem)
        }
        guard month.year >= 1990, month.year <= 2060 else {
            throw RowProblem(
                column: column, value: record.string(column),
                reason: "month \(month.code) lies outside the calendar of the warehouse (1990–2060)")
        }
        return month
    }

    /// The date of a row's field; nil when the field is absent or empty, unless
    /// `requiredAs` names it, which makes an empty field a reject.
    public func date(_ record: CSVRecord, _ column: Int?, requiredAs name: String? = nil) throws -> Day? {
        guard let column, !record.isEmpty(column) else {
            if let name { throw RowProblem(column: column, value: "", reason: "the \(name) is missing") }
            return nil
        }
        switch FieldParser.date(record[column]) {
        case .success(let day): return day
        case .failure(let problem): throw self.problem(record, column, problem)
        }
    }

    /// A reject for a field that did not parse.
    public func problem(_ record: CSVRecord, _ column: Int, _ problem: FieldProblem) -> RowProblem {
        let raw = record.string(column)
        return RowProblem(column: column, value: raw, reason: problem.reason(raw: raw))
    }
}

/// Every source kind the warehouse can ingest.
public enum SourceKinds {
    nonisolated(unsafe) public static var all: [any SourceLoader.Type] = [
        BenchmarkLoader.self,
        BudgetLoader.self,
        LastenLoader.self,
        VangnetLoader.self,
        DoelenLoader.self,
        GemeentenLoader.self,
        HerindelingenLoader.self,
        InwonersLoader.self,
        GroepenLoader.self,
        UitkeringenLoader.self,
        TrajectenLoader.self,
    ]

    /// The loader for a KIND name.
    public static func named(_ kind: String) -> (any SourceLoader.Type)? {
        all.first { $0.kind == kind.lowercased() }
    }
}
