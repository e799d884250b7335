import GRDB

/// The dictionary stored in the warehouse itself, in `meta_woordenboek`
/// (`sql/migrations/0004_woordenboek/`), so that DBeaver, Datasette or Excel
/// over ODBC show the same text as `bijstand schema`.
///
/// ```swift
/// try warehouse.database.write { try DataDictionary.refresh($0) }   // done by every migrate()
/// let stored = try warehouse.database.read { try DataDictionary.stored(in: $0) }
/// ```
extension DataDictionary {
    static let tableName = "meta_woordenboek"

    /// Rebuilds the dictionary of `db` and stores it. Like the views, it is rebuilt on
    /// every migration, so it always describes the schema the file has.
    public static func refresh(_ db: Database) throws {
        guard try db.tableExists(tableName) else { return }
        try build(db).store(in: db)
    }

    /// Replaces the rows of `meta_woordenboek` with this dictionary.
    public func store(in db: Database) throws {
        try db.execute(sql: "DELETE FROM meta_woordenboek")
        let insert = try db.makeStatement(
            sql: """
                INSERT INTO meta_woordenboek
                    (naam, soort, kolom, positie, type, omschrijving, eenheid, codes, grain, bron, toelichting, bestand)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
        for object in objects {
            try insert.execute(arguments: [
                object.name, object.kind.rawValue, nil, 0, nil, object.description, nil, nil, object.grain, object.source,
                object.notes, object.file,
            ])
            for column in object.columns {
                try insert.execute(arguments: [
                    object.name, object.kind.rawValue, column.name, column.position, column.type, column.meaning, column.unit,
                    column.codes?.joined(separator: ", "), nil, nil, nil, nil,
                ])
            }
        }
    }

    /// The dictionary as stored in `db`; nil when the warehouse has no `meta_woordenboek` yet.
    public static func stored(in db: Database) throws -> DataDictionary? {
        guard try db.tableExists(tableName) else { return nil }
        var objects: [Object] = []
        for row in try Row.fetchAll(db, sql: "SELECT * FROM meta_woordenboek ORDER BY naam, positie") {
            let kind: String = row["soort"]
            if let column: String = row["kolom"] {
                guard !objects.isEmpty else { continue }
                let codes: String? = row["codes"]
                objects[objects.count - 1].columns.append(
                    Column(
                        name: column, position: row["positie"], type: row["type"], meaning: row["omschrijving"], unit: row["eenheid"],
                        codes: codes.map { $0.components(separatedBy: ", ") }))
            } else {
                objects.append(
                    Object(
                        name: row["naam"], kind: kind == "view" ? .view : .table, description: row["omschrijving"], grain: row["grain"],
                        source: row["bron"], notes: row["toelichting"], file: row["bestand"], columns: []))
            }
        }
        return DataDictionary(objects: objects)
    }
}
