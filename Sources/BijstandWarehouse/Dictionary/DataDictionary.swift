import BijstandAssets
import BijstandCore
import GRDB

/// The data dictionary: every table and view of the warehouse with what one row
/// is (grain), where its rows come from, and each column's meaning, unit and
/// code list. It is built from the comments in `sql/` (see ``SQLComments``)
/// for the tables and views SQLite actually holds, so a file added to `sql/` is
/// described without any list to keep, and an undocumented one shows up as a gap.
///
/// ```swift
/// let dictionary = try warehouse.database.read { try DataDictionary.build($0) }
/// dictionary.object(named: "v_volume_maand")?.grain   // "gemeente × maand × regeling × bron × eenheid."
/// ```
public struct DataDictionary: Sendable, Equatable, Codable {
    /// Views first (the stable interface for analysts), then tables in the order `sql/` creates them.
    public var objects: [Object]

    public struct Object: Sendable, Equatable, Codable {
        public var name: String
        public var kind: DocumentedObject.Kind
        public var description: String?
        public var grain: String?
        public var source: String?
        public var notes: String?
        /// The `sql/` file that defines it; nil for a table the program makes itself.
        public var file: String?
        public var columns: [Column]

        enum CodingKeys: String, CodingKey {
            case name = "naam"
            case kind = "soort"
            case description = "omschrijving"
            case grain
            case source = "bron"
            case notes = "toelichting"
            case file = "bestand"
            case columns = "kolommen"
        }

        /// Every key is always written, `null` when empty: a stable shape for scripts.
        public func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(name, forKey: .name)
            try container.encode(kind, forKey: .kind)
            try container.encode(description, forKey: .description)
            try container.encode(grain, forKey: .grain)
            try container.encode(source, forKey: .source)
            try container.encode(notes, forKey: .notes)
            try container.encode(file, forKey: .file)
            try container.encode(columns, forKey: .columns)
        }
    }

    public struct Column: Sendable, Equatable, Codable {
        public var name: String
        /// 1 for the first column.
        public var position: Int
        /// The declared SQLite type; nil for a view column computed by an expression.
        public var type: String?
        public var meaning: String?
        public var unit: String?
        public var codes: [String]?

        enum CodingKeys: String, CodingKey {
            case name = "naam"
            case position = "positie"
            case type
            case meaning = "omschrijving"
            case unit = "eenheid"
            case codes
        }

        public func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(name, forKey: .name)
            try container.encode(position, forKey: .position)
            try container.encode(type, forKey: .type)
            try container.encode(meaning, forKey: .meaning)
            try container.encode(unit, forKey: .unit)
            try container.encode(codes, forKey: .codes)
        }
    }

    enum CodingKeys: String, CodingKey { case objects = "objecten" }

    public init(objects: [Object]) {
        self.objects = objects.sorted(by: Self.order)
    }

    /// The table or view of that name (any case).
    public func object(named name: String) -> Object? {
        objects.first { $0.name.caseInsensitiveEquals(name) }
    }

    /// Tables, views and columns whose name or meaning holds every word of `text`
    /// (case and diacritics ignored): `search("uitstroom werk")` finds `uitstroom_naar_werk`.
    public func search(_ text: String) -> [(object: Object, column: Column?)] {
        let words = TextFolding.foldName(text).split(separator: " ")
        guard !words.isEmpty else { return [] }
        func matches(_ parts: String?...) -> Bool {
            let haystack = TextFolding.foldName(parts.compactMap { $0 }.joined(separator: " "))
            return words.allSatisfy { haystack.contains($0) }
        }
        var found: [(object: Object, column: Column?)] = []
        for object in objects {
            if matches(object.name, object.description, object.grain) { found.append((object, nil)) }
            for column in object.columns where matches(column.name, column.meaning, column.codes?.joined(separator: " ")) {
                found.append((object, column))
            }
        }
        return found
    }

    /// Views first, then tables by the file that creates them, then the program's own tables.
    static func order(_ lhs: Object, _ rhs: Object) -> Bool {
        func key(_ object: Object) -> (Int, Int, String, String) {
            (object.kind == .view ? 0 : 1, object.file == nil ? 1 : 0, object.file ?? "", object.name)
        }
        return key(lhs) < key(rhs)
    }
}

// MARK: - building

extension DataDictionary {
    /// The `sql/` files that create tables and views, in the order they run: migrations, then views.
    public static func bundledSQLFiles() -> [(path: String, text: String)] {
        (Assets.paths(under: "sql/migrations") + Assets.paths(under: "sql/views"))
            .filter { $0.hasSuffix(".sql") }
            .compactMap { path in Assets.text(path).map { (path, $0) } }
    }

    /// Tables the program makes without a file in `sql/`.
    static let programTables: [DocumentedObject] = [
        DocumentedObject(
            name: "grdb_migrations", kind: .table, file: nil,
            description: "the migrations applied to this warehouse, kept by GRDB (the SQLite library `bijstand` uses).",
            grain: "one row per applied migration: a folder of sql/migrations.",
            source: "written by `bijstand init` (and every command that prepares the warehouse) when it applies a migration.",
            columns: [DocumentedColumn(name: "identifier", comment: "name of the migration folder (0001_fundament)")])
    ]

    /// Builds the dictionary of the database open in `db`: the tables and views SQLite
    /// lists, described by the comments of `sqlFiles` (by default the ones built into the program).
    public static func build(_ db: Database, sqlFiles: [(path: String, text: String)] = bundledSQLFiles()) throws -> DataDictionary {
        var documented: [String: DocumentedObject] = [:]
        for object in programTables { documented[object.name.lowercased()] = object }
        for file in sqlFiles {
            let documentation = SQLComments.parse(file.text, file: file.path)
            for object in documentation.objects { documented[object.name.lowercased()] = object }
            for (table, column) in documentation.addedColumns {
                documented[table.lowercased()]?.columns.removeAll { $0.name.caseInsensitiveEquals(column.name) }
                documented[table.lowercased()]?.columns.append(column)
            }
        }

        let live = try Row.fetchAll(
            db,
            sql: """
                SELECT type, name FROM sqlite_master
                WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'
                """)
        var objects: [Object] = []
        for row in live {
            let name: String = row["name"]
            let documentation = documented[name.lowercased()]
            var columns: [Column] = []
            // table_xinfo also lists generated columns; hidden = 1 marks a virtual table's hidden ones.
            for info in try Row.fetchAll(db, sql: "PRAGMA table_xinfo(\(name.quotedDatabaseIdentifier))") where info["hidden"] as Int != 1 {
                let columnName: String = info["name"]
                let declared: String = info["type"] ?? ""
                let source = documentation?.columns.last { $0.name.caseInsensitiveEquals(columnName) }
                let meaning = ColumnMeaning(comment: source?.comment, checkValues: source?.checkValues, column: columnName)
                columns.append(
                    Column(
                        name: columnName, position: columns.count + 1, type: declared.isEmpty ? nil : declared,
                        meaning: meaning.meaning, unit: meaning.unit, codes: meaning.codes))
            }
            objects.append(
                Object(
                    name: name, kind: row["type"] == "view" ? .view : .table, description: documentation?.description,
                    grain: documentation?.grain, source: documentation?.source, notes: documentation?.notes,
                    file: documentation?.file, columns: columns))
        }
        var dictionary = DataDictionary(objects: objects)
        dictionary.resolveReferences(documented)
        return dictionary
    }

    /// `as in fact_volume_maand`, compiled once.
    private static let asInPattern = #/(?i)as in (\w+)/#
    /// `alias.column`
    private static let qualifiedColumnPattern = #/(\w+)\.(\w+)/#

    /// Fills in what a column says by reference: `-- as in fact_volume_maand` takes that
    /// table's meaning of the same column, and a view column that is a plain `alias.column`
    /// takes the unit (and, where its own comment has none, meaning and codes) of that column.
    mutating func resolveReferences(_ documented: [String: DocumentedObject]) {
        var resolving: Set<String> = []
        var done: [String: Column] = [:]

        func key(_ object: String, _ column: String) -> String { object.lowercased() + "." + column.lowercased() }

        func resolved(_ objectName: String, _ columnName: String) -> Column? {
            let id = key(objectName, columnName)
            if let column = done[id] { return column }
            guard let objectIndex = objects.firstIndex(where: { $0.name.caseInsensitiveEquals(objectName) }),
                let columnIndex = objects[objectIndex].columns.firstIndex(where: { $0.name.caseInsensitiveEquals(columnName) }),
                !resolving.contains(id)
            else { return nil }
            resolving.insert(id)
            defer { resolving.remove(id) }
            var column = objects[objectIndex].columns[columnIndex]
            if let meaning = column.meaning, meaning.lowercased().hasPrefix("as in "),
                let match = meaning.prefixMatch(of: Self.asInPattern),
                let referenced = resolved(String(match.1), column.name), let referencedMeaning = referenced.meaning
            {
                let own = ColumnMeaning(comment: String(meaning[match.range.upperBound...]))
                column.meaning = "as in \(match.1): \(referencedMeaning)"
                column.unit = own.unit ?? referenced.unit
                column.codes = column.codes ?? referenced.codes
            } else if let source = documented[objectName.lowercased()],
                let expression = source.columns.last(where: { $0.name.caseInsensitiveEquals(columnName) })?.expression,
                let match = expression.wholeMatch(of: Self.qualifiedColumnPattern),
                let table = source.tableAliases[match.1.lowercased()], !table.caseInsensitiveEquals(objectName),
                let referenced = resolved(table, String(match.2))
            {
                column.meaning = column.meaning ?? referenced.meaning
                column.unit = column.unit ?? referenced.unit
                column.codes = column.codes ?? referenced.codes
            }
            objects[objectIndex].columns[columnIndex] = column
            done[id] = column
            return column
        }

        for object in objects {
            for column in object.columns { _ = resolved(object.name, column.name) }
        }
    }
}

extension DataDictionary {
    /// The dictionary of a warehouse as `bijstand init` creates it with this program,
    /// built in memory: for reading the documentation without a warehouse at hand.
    public static func ofNewWarehouse() throws -> DataDictionary {
        let database = try DatabaseQueue()
        try Schema.migrator().migrate(database)
        return try database.write { db in
            try Schema.recreateViews(db)
            return try build(db)
        }
    }
}
