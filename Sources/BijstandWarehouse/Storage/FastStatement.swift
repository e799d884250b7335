import GRDB
import GRDBSQLite

/// A prepared statement driven through SQLite's C API, for the loaders' hot
/// loops: binding integers and static text allocates nothing per row, where
/// GRDB's `StatementArguments` would build an array of values for every row.
/// Reports use it the other way round, to read thousands of integer rows
/// (`step`, `int64`, `isNull`) without a `Row` for each.
///
/// ```swift
/// var insert = try FastStatement(db, "INSERT INTO t (a, b) VALUES (?, ?)")
/// insert.bind(1, 42)
/// insert.bindNull(2)
/// try insert.run()
/// ```
public struct FastStatement {
    /// Keeps GRDB's statement (and so the SQLite handle) alive.
    private let statement: Statement
    private let handle: OpaquePointer
    private let connection: OpaquePointer

    public init(_ db: Database, _ sql: String) throws {
        try self.init(db, statement: db.makeStatement(sql: sql))
    }

    /// The connection's cached statement for this SQL: prepared once however often it is asked for,
    /// for code that runs once per gemeente of a file rather than once per load.
    public init(_ db: Database, cached sql: String) throws {
        try self.init(db, statement: db.cachedStatement(sql: sql))
    }

    private init(_ db: Database, statement: Statement) throws {
        self.statement = statement
        handle = statement.sqliteStatement
        connection = db.sqliteConnection!
    }

    @inline(__always)
    public func bind(_ index: Int32, _ value: Int64) {
        sqlite3_bind_int64(handle, index, value)
    }

    @inline(__always)
    public func bind(_ index: Int32, _ value: Int) {
        sqlite3_bind_int64(handle, index, Int64(value))
    }

    @inline(__always)
    public func bind(_ index: Int32, _ value: Int64?) {
        if let value { sqlite3_bind_int64(handle, index, value) } else { sqlite3_bind_null(handle, index) }
    }

    @inline(__always)
    public func bind(_ index: Int32, _ value: Double) {
        sqlite3_bind_double(handle, index, value)
    }

    @inline(__always)
    public func bindNull(_ index: Int32) {
        sqlite3_bind_null(handle, index)
    }

    /// Binds text that lives as long as the program (a literal): no copy.
    @inline(__always)
    public func bind(_ index: Int32, static text: StaticString) {
        sqlite3_bind_text(
            handle, index, UnsafeRawPointer(text.utf8Start).assumingMemoryBound(to: CChar.self),
            Int32(text.utf8CodeUnitCount), nil)
    }

    /// Binds text that SQLite copies (for values that are not literals).
    public func bind(_ index: Int32, _ text: String?) {
        guard let text else {
            sqlite3_bind_null(handle, index)
            return
        }
        text.withCString { pointer in
            _ = sqlite3_bind_text(handle, index, pointer, -1, unsafeBitCast(-1, to: sqlite3_destructor_type.self))
        }
    }

    /// Steps once, for reading: true with a row to read (`int64`, `isNull`), false
    /// when the rows are done (the statement is then reset for another run).
    @inline(__always)
    public func step() throws -> Bool {
        let code = sqlite3_step(handle)
        if code == SQLITE_ROW { return true }
        sqlite3_reset(handle)
        if code == SQLITE_DONE { return false }
        throw DatabaseError(
            resultCode: ResultCode(rawValue: code),
            message: String(cString: sqlite3_errmsg(connection)),
            sql: String(cString: sqlite3_sql(handle)))
    }

    /// An integer column of the current row (0 for NULL).
    @inline(__always)
    public func int64(_ column: Int32) -> Int64 {
        sqlite3_column_int64(handle, column)
    }

    /// The bytes of a text column of the current row, valid until the next `step`
    /// (empty for NULL). No `String` is made. Ask `isNull` first where NULL matters:
    /// after this conversion SQLite no longer reports the column's original type.
    @inline(__always)
    public func bytes(_ column: Int32) -> UnsafeBufferPointer<UInt8> {
        guard let pointer = sqlite3_column_text(handle, column) else { return UnsafeBufferPointer(start: nil, count: 0) }
        return UnsafeBufferPointer(start: pointer, count: Int(sqlite3_column_bytes(handle, column)))
    }

    /// Whether a column of the current row is NULL.
    @inline(__always)
    public func isNull(_ column: Int32) -> Bool {
        sqlite3_column_type(handle, column) == SQLITE_NULL
    }

    /// Ends a read before its last row, ready for the next run (bindings stay).
    @inline(__always)
    public func reset() {
        sqlite3_reset(handle)
    }

    /// Executes the statement once and makes it ready for the next row.
    @inline(__always)
    public func run() throws {
        let code = sqlite3_step(handle)
        sqlite3_reset(handle)
        if code != SQLITE_DONE && code != SQLITE_ROW {
            throw DatabaseError(
                resultCode: ResultCode(rawValue: code),
                message: String(cString: sqlite3_errmsg(connection)),
                sql: String(cString: sqlite3_sql(handle)))
        }
    }

    /// Rows changed by the last `run()` on this connection.
    /// The statement's SQL, for error messages.
    public var sql: String {
        String(cString: sqlite3_sql(handle))
    }

    @inline(__always)
    public var changes: Int {
        Int(sqlite3_changes(connection))
    }
}
