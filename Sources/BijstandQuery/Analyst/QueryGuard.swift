import GRDBSQLite

/// What an analyst's query may make SQLite do: read, and nothing else.
///
/// SQLite asks the connection's authorizer about every action while it compiles
/// a statement (`sqlite3_set_authorizer`); ``refusal(action:_:_:database:)`` is the
/// answer, as a pure function: nil allows the action, a phrase refuses it and
/// says what the query would have done. Everything not listed as reading is
/// refused, so an action SQLite adds in a later version is refused too.
///
/// ```swift
/// QueryGuard.refusal(action: SQLITE_SELECT, nil, nil, database: nil, statement: "SELECT")   // nil: allowed
/// QueryGuard.refusal(action: SQLITE_DELETE, "fact_volume_maand", nil, database: "main", statement: "DELETE")
/// // "delete rows from fact_volume_maand"
/// ```
public enum QueryGuard {
    /// PRAGMAs that only describe the schema; their argument names a table or index.
    static let describingPragmas: Set<String> = [
        "table_info", "table_xinfo", "table_list", "index_info", "index_xinfo", "index_list", "foreign_key_list",
        "foreign_key_check", "database_list", "collation_list", "function_list", "module_list", "pragma_list",
        "compile_options", "integrity_check", "quick_check",
    ]

    /// Settings that may be read (a PRAGMA without a value), never set.
    /// `journal_mode` is not among them: SQLite treats even reading it as a possible write.
    static let readableSettings: Set<String> = [
        "application_id", "user_version", "schema_version", "data_version", "encoding", "page_size", "page_count",
        "max_page_count", "freelist_count", "auto_vacuum", "foreign_keys", "cache_size", "busy_timeout", "query_only",
        "synchronous", "temp_store", "secure_delete", "trusted_schema", "automatic_index", "recursive_triggers",
    ]

    /// Functions that load code or touch files outside the warehouse.
    static let deniedFunctions: Set<String> = ["load_extension", "fts3_tokenizer", "readfile", "writefile", "edit"]

    /// The schema tables; a write to them is a CREATE, DROP or ALTER.
    static let schemaTables: Set<String> = ["sqlite_master", "sqlite_schema", "sqlite_temp_master", "sqlite_temp_schema"]

    /// Nil when the action only reads; else what the query would do, completing
    /// "the query would …". `statement` is how the statement starts (`DROP TABLE`),
    /// for actions that do not say it themselves.
    public static func refusal(action: Int32, _ first: String?, _ second: String?, database: String?, statement: String) -> String? {
        let a = first ?? ""
        let b = second ?? ""
        switch action {
        case SQLITE_SELECT, SQLITE_READ, SQLITE_RECURSIVE:
            return nil
        case SQLITE_FUNCTION:
            return deniedFunctions.contains(b.lowercased()) ? "call \(b)(), which loads code or touches files" : nil
        case SQLITE_PRAGMA:
            let name = a.lowercased()
            if describingPragmas.contains(name) { return nil }
            if second == nil, readableSettings.contains(name) { return nil }
            return second == nil ? "run PRAGMA \(a)" : "change the setting PRAGMA \(a) = \(b)"
        case SQLITE_UPDATE where schemaTables.contains(a.lowercased()) && database == "main":
            // SQLite asks this while it sets up a table-valued function such as
            // json_each() or pragma_table_info(). A real UPDATE of the schema table
            // still fails: SQLite refuses it without writable_schema (refused below),
            // and the connection is read-only and query_only.
            return nil
        case SQLITE_INSERT, SQLITE_UPDATE, SQLITE_DELETE:
            // CREATE, DROP and ANALYZE first ask to write the schema table.
            if schemaTables.contains(a.lowercased()) {
                return "run \(statement), which changes the " + (database == "temp" ? "temporary schema" : "schema")
            }
            switch action {
            case SQLITE_INSERT: return "insert rows into \(a)"
            case SQLITE_UPDATE: return "update \(a).\(b)"
            default: return "delete rows from \(a)"
            }
        case SQLITE_CREATE_TABLE: return "create the table \(a)"
        case SQLITE_CREATE_TEMP_TABLE: return "create the temporary table \(a)"
        case SQLITE_CREATE_VIEW: return "create the view \(a)"
        case SQLITE_CREATE_TEMP_VIEW: return "create the temporary view \(a)"
        case SQLITE_CREATE_INDEX: return "create the index \(a) on \(b)"
        case SQLITE_CREATE_TEMP_INDEX: return "create the temporary index \(a) on \(b)"
        case SQLITE_CREATE_TRIGGER: return "create the trigger \(a)"
        case SQLITE_CREATE_TEMP_TRIGGER: return "create the temporary trigger \(a)"
        case SQLITE_CREATE_VTABLE: return "create the virtual table \(a)"
        case SQLITE_DROP_TABLE, SQLITE_DROP_TEMP_TABLE: return "drop the table \(a)"
        case SQLITE_DROP_VIEW, SQLITE_DROP_TEMP_VIEW: return "drop the view \(a)"
        case SQLITE_DROP_INDEX, SQLITE_DROP_TEMP_INDEX: return "drop the index \(a)"
        case SQLITE_DROP_TRIGGER, SQLITE_DROP_TEMP_TRIGGER: return "drop the trigger \(a)"
        case SQLITE_DROP_VTABLE: return "drop the virtual table \(a)"
        case SQLITE_ALTER_TABLE: return "alter the table \(b)"
        case SQLITE_ATTACH: return a.isEmpty ? "attach a database" : "attach the database file '\(a)'"
        case SQLITE_DETACH: return "detach the database \(a)"
        case SQLITE_REINDEX: return "rebuild indexes (REINDEX)"
        case SQLITE_ANALYZE: return "write statistics into the warehouse (ANALYZE)"
        case SQLITE_TRANSACTION: return "control a transaction (\(a))"
        case SQLITE_SAVEPOINT: return "set or release a savepoint"
        default: return "do something other than reading (SQLite authorizer action \(action))"
        }
    }
}
