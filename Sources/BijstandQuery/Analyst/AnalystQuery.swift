import GRDBSQLite

/// One read-only query written by an analyst, run against the warehouse file
/// through a ``ReadOnlyConnection``: it can read every table and view, and can
/// change nothing, attach nothing, load nothing and run no longer than its time limit.
///
/// Rows are handed over one at a time, so an export of any size streams.
///
/// ```swift
/// var query = AnalystQuery(sql: "SELECT maand, instroom FROM v_volume_maand WHERE gemeentecode = :g")
/// query.parameters = ["g": "GM0394"]
/// query.timeout = 30
/// let outcome = try query.run(on: "bijstand.sqlite", columns: { print($0) }, row: { print($0) })
/// ```
public struct AnalystQuery: Sendable {
    /// Exactly one statement; trailing `;` and comments are allowed.
    public var sql: String
    /// Values of the named parameters (`:gemeente`, `@gemeente` or `$gemeente` in the SQL): a whole
    /// number written plainly (`2024`, not `0394`) is bound as an integer, anything else as text.
    public var parameters: [String: String] = [:]
    /// Seconds the statement may run; nil = no limit.
    public var timeout: Double? = 30
    /// The most rows handed over; nil = all of them.
    public var rowLimit: Int?

    public init(sql: String) {
        self.sql = sql
    }

    /// How a run ended.
    public struct Outcome: Sendable, Equatable {
        public var columns: [String]
        /// Rows handed over.
        public var rows: Int
        /// True when the row limit stopped the run while more rows were there.
        public var truncated: Bool
    }

    /// Runs the query on the warehouse at `path`: first `columns` with the column names,
    /// then `row` once per row.
    @discardableResult
    public func run(on path: String, columns: ([String]) throws -> Void, row: ([AnalystValue]) throws -> Void) throws -> Outcome {
        let connection = try ReadOnlyConnection(path: path)
        connection.startClock(seconds: timeout)
        let statement = try connection.prepareSingleStatement(sql)
        defer { sqlite3_finalize(statement) }
        try bindParameters(statement)

        let count = sqlite3_column_count(statement)
        let names = (0..<count).map { String(cString: sqlite3_column_name(statement, $0)) }
        try columns(names)
        var delivered = 0
        while true {
            let code = sqlite3_step(statement)
            if code == SQLITE_DONE { break }
            guard code == SQLITE_ROW else { throw connection.failure() }
            if let rowLimit, delivered >= rowLimit {
                return Outcome(columns: names, rows: delivered, truncated: true)
            }
            try row((0..<count).map { AnalystValue(statement, column: $0) })
            delivered += 1
        }
        return Outcome(columns: names, rows: delivered, truncated: false)
    }

    private func bindParameters(_ statement: OpaquePointer) throws {
        var used: Set<String> = []
        let count = sqlite3_bind_parameter_count(statement)
        if count > 0 {
            for index in 1...count {
                guard let raw = sqlite3_bind_parameter_name(statement, index) else { throw AnalystQueryError.unnamedParameter }
                let name = String(String(cString: raw).dropFirst())  // without its : @ or $
                guard let value = parameters[name] else { throw AnalystQueryError.missingParameter(name) }
                used.insert(name)
                if let number = Int64(value), String(number) == value {
                    sqlite3_bind_int64(statement, index, number)
                } else {
                    sqlite3_bind_text(statement, index, value, -1, unsafeBitCast(-1, to: sqlite3_destructor_type.self))
                }
            }
        }
        if let unused = parameters.keys.sorted().first(where: { !used.contains($0) }) {
            throw AnalystQueryError.unusedParameter(unused)
        }
    }
}

/// One value of a result row, as SQLite stores it.
public enum AnalystValue: Sendable, Equatable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
    case blob([UInt8])

    init(_ statement: OpaquePointer, column: Int32) {
        switch sqlite3_column_type(statement, column) {
        case SQLITE_INTEGER:
            self = .integer(sqlite3_column_int64(statement, column))
        case SQLITE_FLOAT:
            self = .real(sqlite3_column_double(statement, column))
        case SQLITE_TEXT:
            let bytes = sqlite3_column_text(statement, column)
            let length = Int(sqlite3_column_bytes(statement, column))
            self = .text(bytes.map { String(decoding: UnsafeBufferPointer(start: $0, count: length), as: UTF8.self) } ?? "")
        case SQLITE_BLOB:
            let bytes = sqlite3_column_blob(statement, column)
            let length = Int(sqlite3_column_bytes(statement, column))
            self = .blob(bytes.map { Array(UnsafeRawBufferPointer(start: $0, count: length)) } ?? [])
        default:
            self = .null
        }
    }

    /// Whether the value is a number (tables right-align numeric columns).
    public var isNumber: Bool {
        switch self {
        case .integer, .real: return true
        default: return false
        }
    }
}

/// Why an analyst's query did not run, as one sentence for the user.
public enum AnalystQueryError: Error, Equatable, CustomStringConvertible {
    case noWarehouse(path: String)
    case cannotOpen(path: String, message: String)
    case empty
    case multipleStatements
    /// `action` completes "the query would …"; `message` is SQLite's, when it gave one.
    case refused(action: String, message: String?)
    case tooSlow(seconds: Double, message: String)
    case failed(message: String)
    case unnamedParameter
    case missingParameter(String)
    case unusedParameter(String)

    public var description: String {
        switch self {
        case .noWarehouse(let path):
            return "The warehouse \(path) does not exist; create it with `bijstand init --db \(path)` or point --db at an existing one."
        case .cannotOpen(let path, let message):
            return "Cannot open the warehouse \(path) for reading: \(message)."
        case .empty:
            return "The query is empty; give one SELECT statement, for example: bijstand sql \"SELECT * FROM v_volume_maand LIMIT 5\"."
        case .multipleStatements:
            return "The query holds more than one statement; `bijstand sql` runs exactly one, so remove everything after the first ';'."
        case .refused(let action, let message):
            let said = message.map { " (SQLite: \($0))" } ?? ""
            return "Refused: the query would \(action), and `bijstand sql` only reads the warehouse\(said)."
        case .tooSlow(let seconds, let message):
            return
                "The query took longer than \(Self.seconds(seconds)) and was stopped (SQLite: \(message)); narrow it down or allow more time with --timeout."
        case .failed(let message):
            return "SQLite could not run the query: \(message)."
        case .unnamedParameter:
            return "The query has a parameter without a name (?); name it, as in :gemeente, and give its value with --param gemeente=VALUE."
        case .missingParameter(let name):
            return "The query uses the parameter :\(name) but no value was given; add --param \(name)=VALUE."
        case .unusedParameter(let name):
            return "The query has no parameter :\(name), so --param \(name) would be ignored; remove it or use :\(name) in the query."
        }
    }

    private static func seconds(_ value: Double) -> String {
        let number = value == value.rounded() ? String(Int(value)) : String(value)
        return number + (value == 1 ? " second" : " seconds")
    }
}
