import Foundation
import GRDBSQLite

/// A connection to the warehouse that can only read, for queries written by
/// people rather than by the program.
///
/// It talks to SQLite's C API directly: GRDB installs its own authorizer on
/// every connection it opens (to track what statements read and write), and a
/// connection has room for one authorizer only. The defences, each enough on its own
/// for most attacks:
///
/// - opened `SQLITE_OPEN_READONLY`, by absolute path (never read as a `file:` URI);
/// - `PRAGMA query_only`, `PRAGMA trusted_schema = OFF`, extension loading off,
///   no databases may be attached (`SQLITE_LIMIT_ATTACHED` = 0);
/// - the authorizer of ``QueryGuard`` refuses every action but reading;
/// - a statement SQLite itself does not call read-only (VACUUM) is refused before it runs;
/// - the progress handler stops a statement at its deadline.
final class ReadOnlyConnection {
    private let handle: OpaquePointer
    private let state = GuardState()

    /// What the authorizer and the progress handler share with the connection.
    private final class GuardState {
        var refusal: String?
        /// How the statement being compiled starts (`DROP TABLE`), for the refusal's wording.
        var statementStart = ""
        var timeLimit: Double?
        var deadline: ContinuousClock.Instant?
        var timedOut = false
    }

    /// The longest text or blob a query may build (100 MB): `zeroblob(1e9)` fails instead of exhausting memory.
    static let maximumValueLength: Int32 = 100_000_000

    init(path: String) throws {
        let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: absolute, isDirectory: &isFolder), !isFolder.boolValue else {
            throw AnalystQueryError.noWarehouse(path: path)
        }
        var opened: OpaquePointer?
        let code = sqlite3_open_v2(absolute, &opened, SQLITE_OPEN_READONLY, nil)
        guard code == SQLITE_OK, let opened else {
            let message = opened.map { String(cString: sqlite3_errmsg($0)) } ?? "out of memory"
            sqlite3_close_v2(opened)
            throw AnalystQueryError.cannotOpen(path: path, message: message)
        }
        handle = opened
        sqlite3_extended_result_codes(handle, 1)
        sqlite3_enable_load_extension(handle, 0)
        sqlite3_limit(handle, SQLITE_LIMIT_ATTACHED, 0)
        sqlite3_limit(handle, SQLITE_LIMIT_LENGTH, Self.maximumValueLength)
        // A load that is writing never blocks a WAL reader; this only covers a checkpoint in progress.
        sqlite3_busy_timeout(handle, 5_000)
        for pragma in ["PRAGMA query_only = ON", "PRAGMA trusted_schema = OFF"]
        where sqlite3_exec(handle, pragma, nil, nil, nil) != SQLITE_OK {
            let message = String(cString: sqlite3_errmsg(handle))
            sqlite3_close_v2(handle)
            throw AnalystQueryError.cannotOpen(path: path, message: message)
        }
        installGuards()
    }

    deinit {
        sqlite3_close_v2(handle)
    }

    private func installGuards() {
        let context = Unmanaged.passUnretained(state).toOpaque()
        sqlite3_set_authorizer(
            handle,
            { context, action, first, second, database, _ in
                let state = Unmanaged<GuardState>.fromOpaque(context!).takeUnretainedValue()
                let refusal = QueryGuard.refusal(
                    action: action, first.map { String(cString: $0) }, second.map { String(cString: $0) },
                    database: database.map { String(cString: $0) }, statement: state.statementStart)
                guard let refusal else { return SQLITE_OK }
                if state.refusal == nil { state.refusal = refusal }
                return SQLITE_DENY
            }, context)
        // Called every 1000 virtual-machine instructions: cheap, and a runaway query stops within milliseconds.
        sqlite3_progress_handler(
            handle, 1000,
            { context in
                let state = Unmanaged<GuardState>.fromOpaque(context!).takeUnretainedValue()
                guard let deadline = state.deadline, ContinuousClock.now >= deadline else { return 0 }
                state.timedOut = true
                return 1
            }, context)
    }

    /// From now on, a statement that is still running after `seconds` is stopped.
    func startClock(seconds: Double?) {
        state.timeLimit = seconds
        state.deadline = seconds.map { ContinuousClock.now + .milliseconds(Int64(($0 * 1000).rounded(.up))) }
    }

    /// Compiles the one statement of `sql`.
    func prepareSingleStatement(_ sql: String) throws -> OpaquePointer {
        var statement: OpaquePointer?
        var rest = ""
        state.statementStart = SQLText.start(sql)
        let code = sql.withCString { text -> Int32 in
            var tail: UnsafePointer<CChar>?
            let code = sqlite3_prepare_v2(handle, text, -1, &statement, &tail)
            if let tail { rest = String(cString: tail) }
            return code
        }
        guard code == SQLITE_OK else { throw failure() }
        guard let statement else { throw AnalystQueryError.empty }
        guard SQLText.isEmptyOfStatements(rest) else {
            sqlite3_finalize(statement)
            throw AnalystQueryError.multipleStatements
        }
        guard sqlite3_stmt_readonly(statement) != 0 else {
            sqlite3_finalize(statement)
            throw AnalystQueryError.refused(action: "run \(state.statementStart), which writes to the warehouse", message: nil)
        }
        return statement
    }

    /// The error of the call that just failed: refused, too slow, or SQLite's own message.
    func failure() -> AnalystQueryError {
        let message = String(cString: sqlite3_errmsg(handle))
        if state.timedOut, let seconds = state.timeLimit { return .tooSlow(seconds: seconds, message: message) }
        if let refusal = state.refusal { return .refused(action: refusal, message: message) }
        return .failed(message: message)
    }
}

/// Small lexical questions about SQL text.
enum SQLText {
    /// `text` without its leading spaces, comments and (when `semicolons`) empty statements.
    static func skippingComments(_ text: Substring, semicolons: Bool = false) -> Substring {
        var rest = text
        while let first = rest.first {
            if first.isWhitespace || (semicolons && first == ";") {
                rest = rest.dropFirst()
            } else if rest.hasPrefix("--") {
                rest = rest.drop { $0 != "\n" }
            } else if rest.hasPrefix("/*") {
                // An unclosed comment runs to the end, as SQLite reads it.
                rest = rest.range(of: "*/").map { rest[$0.upperBound...] } ?? rest[rest.endIndex...]
            } else {
                break
            }
        }
        return rest
    }

    /// Whether `text` holds nothing but spaces, `;` and comments: what may follow the one statement.
    static func isEmptyOfStatements(_ text: String) -> Bool {
        skippingComments(Substring(text), semicolons: true).isEmpty
    }

    /// How a statement starts, upper-cased and after any comments: its first word
    /// (`VACUUM`), and for CREATE and DROP the kind of object (`CREATE TEMP VIEW`).
    static func start(_ sql: String) -> String {
        let words = skippingComments(Substring(sql)).split(whereSeparator: { !$0.isLetter }).prefix(4).map { $0.uppercased() }
        guard let first = words.first else { return "the statement" }
        guard first == "CREATE" || first == "DROP" else { return first }
        let objectWords: Set<String> = ["TEMP", "TEMPORARY", "UNIQUE", "VIRTUAL", "TABLE", "VIEW", "INDEX", "TRIGGER"]
        var start = [first]
        for word in words.dropFirst() {
            guard objectWords.contains(word) else { break }
            start.append(word)
            if word != "TEMP", word != "TEMPORARY", word != "UNIQUE", word != "VIRTUAL" { break }
        }
        return start.joined(separator: " ")
    }
}
