import BijstandCore
import BijstandWarehouse
import GRDB

// The reference sources of formats.md §6. They correct the conformed
// dimensions in place (a corrected file is loaded again); they are not
// deliveries with history, so `rollback` does not apply to them.

/// Reads a gemeente code field into its number, or rejects the row.
private func gemeenteNumber(_ record: CSVRecord, _ column: Int, _ context: LoadContext) throws -> Int {
    switch FieldParser.gemeenteNummer(record[column]) {
    case .success(let number): return number
    case .failure(let problem): throw context.problem(record, column, problem)
    }
}

/// Reads an optional ISO or Dutch date field.
private func optionalDate(_ record: CSVRecord, _ column: Int?, _ context: LoadContext) throws -> String? {
    guard let column, !record.isEmpty(column) else { return nil }
    switch FieldParser.date(record[column]) {
    case .success(let day): return day.iso
    case .failure(let problem): throw context.problem(record, column, problem)
    }
}

/// Rejects a row whose gemeente code is not in dim_gemeente.
private func knownGemeente(_ record: CSVRecord, _ column: Int, _ context: LoadContext) throws -> Int {
    let number = try gemeenteNumber(record, column, context)
    if case .failure(let problem) = context.gemeenten.resolve(number: number, in: nil) {
        throw RowProblem(column: column, value: record.string(column), reason: problem.reason)
    }
    return number
}

/// `ingest gemeenten`: codes, names, provincie, validity and successor.
public final class GemeentenLoader: SourceLoader {
    public static let kind = "gemeenten"
    public static let layout = Layout(
        kind: kind,
        columns: [
            ColumnSpec("gemeentecode", aliases: ["code", "gm_code"]),
            ColumnSpec("gemeentenaam", aliases: ["naam"]),
            ColumnSpec("provincie", aliases: ["provincienaam"]),
            ColumnSpec("geldig_vanaf", aliases: ["ingangsdatum", "begindatum"]),
            ColumnSpec("geldig_tot", aliases: ["einddatum", "opgeheven"]),
            ColumnSpec("opgegaan_in", aliases: ["opvolger", "opgegaan_in_code"]),
        ],
        required: [["gemeentecode"], ["gemeentenaam"], ["geldig_vanaf", "geldig_tot", "opgegaan_in", "provincie"]])

    private let context: LoadContext
    private let header: MatchedHeader
    private let upsert: FastStatement

    public init(context: LoadContext, header: MatchedHeader) throws {
        self.context = context
        self.header = header
        upsert = try FastStatement(
            context.db,
            """
            INSERT INTO dim_gemeente (gemeente_id, gemeentecode, gemeentenaam, naam_sleutel, provincie, geldig_vanaf, geldig_tot, opgegaan_in_id, batch_id)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
            ON CONFLICT (gemeente_id) DO UPDATE SET gemeentenaam = ?3, naam_sleutel = ?4,
                provincie = coalesce(?5, provincie), geldig_vanaf = ?6, geldig_tot = ?7, opgegaan_in_id = ?8, batch_id = ?9
            """)
    }

    public func load(_ record: CSVRecord) throws -> RowOutcome {
        let number = try gemeenteNumber(record, header["gemeentecode"]!, context)
        let naamColumn = header["gemeentenaam"]!
        guard !record.isEmpty(naamColumn) else {
            throw RowProblem(column: naamColumn, value: "", reason: "the gemeentenaam is missing")
        }
        let naam = record.string(naamColumn).trimmingSpaces
        let vanaf = try optionalDate(record, header["geldig_vanaf"], context)
        let tot = try optionalDate(record, header["geldig_tot"], context)
        var opvolger: Int64?
        if let column = header["opgegaan_in"], !record.isEmpty(column) {
            opvolger = Int64(try gemeenteNumber(record, column, context))
        }
        let provincie = header["provincie"].flatMap { record.isEmpty($0) ? nil : record.string($0).trimmingSpaces }
        let wasThere = try Bool.fetchOne(context.db, sql: "SELECT 1 FROM dim_gemeente WHERE gemeente_id = ?", arguments: [number]) ?? false
        upsert.bind(1, number)
        upsert.bind(2, "GM" + String(format4: number))
        upsert.bind(3, naam)
        upsert.bind(4, TextFolding.foldName(naam))
        upsert.bind(5, provincie)
        upsert.bind(6, vanaf)
        upsert.bind(7, tot)
        upsert.bind(8, opvolger)
        upsert.bind(9, context.batch)
        try upsert.run()
        return wasThere ? .replaced : .loaded
    }

    public func finish() throws {
        // A successor may come later in the file, so it is checked only now.
        let dangling = try Row.fetchAll(
            context.db,
            sql: """
                SELECT g.gemeentecode, g.opgegaan_in_id FROM dim_gemeente g
                WHERE g.batch_id = ? AND g.opgegaan_in_id IS NOT NULL
                  AND NOT EXISTS (SELECT 1 FROM dim_gemeente s WHERE s.gemeente_id = g.opgegaan_in_id)
                """,
            arguments: [context.batch])
        for row in dangling {
            let code: String = row[0]
            let successor: Int = row[1]
            try context.warn(
                line: nil, column: "opgegaan_in",
                "\(code): successor GM\(String(format4: successor)) is not a known gemeente; loaded without a successor")
        }
        try context.db.execute(
            sql: """
                UPDATE dim_gemeente SET opgegaan_in_id = NULL
                WHERE batch_id = ? AND opgegaan_in_id IS NOT NULL
                  AND opgegaan_in_id NOT IN (SELECT gemeente_id FROM dim_gemeente)
                """,
            arguments: [context.batch])
        // The built-in aliases need their gemeenten; applying them again is harmless.
        try Schema.runSeed("gemeente_alias.sql", in: context.db)
    }
}

/// `ingest herindelingen`: transfers of inhabitants between gemeenten (CBS).
public final class HerindelingenLoader: SourceLoader {
    public static let kind = "herindelingen"
    public static let layout = Layout(
        kind: kind,
        columns: [
            ColumnSpec("datum", aliases: ["ingangsdatum"]),
            ColumnSpec("soort", aliases: ["type"]),
            ColumnSpec("oud_code", aliases: ["van", "oude_code", "oud"]),
            ColumnSpec("nieuw_code", aliases: ["naar", "nieuwe_code", "nieuw"]),
            ColumnSpec("inwoners_overgegaan", aliases: ["inwoners"]),
        ],
        required: [["datum"], ["oud_code"], ["nieuw_code"]])

    private let context: LoadContext
    private let header: MatchedHeader
    private let upsert: FastStatement

    public init(context: LoadContext, header: MatchedHeader) throws {
        self.context = context
        self.header = header
        upsert = try FastStatement(
            context.db,
            """
            INSERT INTO brug_herindeling (datum, soort, oud_id, nieuw_id, inwoners_overgegaan) VALUES (?1, ?2, ?3, ?4, ?5)
            ON CONFLICT (datum, oud_id, nieuw_id) DO UPDATE SET soort = ?2, inwoners_overgegaan = ?5
            """)
    }

    public func load(_ record: CSVRecord) throws -> RowOutcome {
        let datumColumn = header["datum"]!
        guard let datum = try optionalDate(record, datumColumn, context) else {
            throw RowProblem(column: datumColumn, value: "", reason: "the datum is missing")
        }
        var soort = "herindeling"
        if let column = header["soort"], !record.isEmpty(column) {
            let text = TextFolding.foldName(record.string(column))
            guard text == "herindeling" || text == "naamswijziging" else {
                throw RowProblem(column: column, value: record.string(column), reason: "soort must be herindeling or naamswijziging")
            }
            soort = text
        }
        let oud = try knownGemeente(record, header["oud_code"]!, context)
        let nieuw = try knownGemeente(record, header["nieuw_code"]!, context)
        var inwoners: Int64?
        if let column = header["inwoners_overgegaan"], !record.isEmpty(column) {
            switch FieldParser.count(record[column]) {
            case .success(let parsed): inwoners = parsed.value
            case .failure(let problem): throw context.problem(record, column, problem)
            }
        }
        let wasThere =
            try Bool.fetchOne(
                context.db, sql: "SELECT 1 FROM brug_herindeling WHERE datum = ? AND oud_id = ? AND nieuw_id = ?",
                arguments: [datum, oud, nieuw]) ?? false
        upsert.bind(1, datum)
        upsert.bind(2, soort)
        upsert.bind(3, oud)
        upsert.bind(4, nieuw)
        upsert.bind(5, inwoners)
        try upsert.run()
        return wasThere ? .replaced : .loaded
    }

    /// The weights for restating history on current borders: each successor's
    /// share of the inhabitants the old gemeente handed over at that date.
    public func finish() throws {
        try context.db.execute(
            sql: """
                UPDATE brug_herindeling SET aandeel = (
                    SELECT CASE
                        WHEN count(*) = 1 THEN 1.0
                        WHEN sum(b.inwoners_overgegaan) IS NULL OR sum(b.inwoners_overgegaan) = 0
                             OR count(b.inwoners_overgegaan) < count(*) THEN 1.0 / count(*)
                        ELSE brug_herindeling.inwoners_overgegaan * 1.0 / sum(b.inwoners_overgegaan)
                    END
                    FROM brug_herindeling b
                    WHERE b.datum = brug_herindeling.datum AND b.oud_id = brug_herindeling.oud_id)
                """)
    }
}

/// `ingest inwoners`: inhabitants on 1 January per gemeente.
public final class InwonersLoader: SourceLoader {
    public static let kind = "inwoners"
    public static let layout = Layout(
        kind: kind,
        columns: [
            ColumnSpec("gemeentecode", aliases: ["code", "gm_code", "gemeente"]),
            ColumnSpec("jaar", aliases: ["peiljaar"]),
            ColumnSpec("inwoners", aliases: ["bevolking", "aantal_inwoners", "bevolking_op_1_januari"]),
        ],
        required: [["gemeentecode"], ["jaar"], ["inwoners"]])

    private let context: LoadContext
    private let header: MatchedHeader
    private let upsert: FastStatement

    public init(context: LoadContext, header: MatchedHeader) throws {
        self.context = context
        self.header = header
        upsert = try FastStatement(
            context.db,
            """
            INSERT INTO fact_inwoners (gemeente_id, jaar, inwoners, batch_id) VALUES (?1, ?2, ?3, ?4)
            ON CONFLICT (gemeente_id, jaar) DO UPDATE SET inwoners = ?3, batch_id = ?4
            """)
    }

    public func load(_ record: CSVRecord) throws -> RowOutcome {
        let gemeente = try knownGemeente(record, header["gemeentecode"]!, context)
        let jaarColumn = header["jaar"]!
        let jaar: Int
        switch FieldParser.year(record[jaarColumn]) {
        case .success(let value): jaar = value
        case .failure(let problem): throw context.problem(record, jaarColumn, problem)
        }
        let inwonersColumn = header["inwoners"]!
        let inwoners: Int64
        switch FieldParser.count(record[inwonersColumn]) {
        case .success(let parsed): inwoners = parsed.value
        case .failure(let problem): throw context.problem(record, inwonersColumn, problem)
        }
        let wasThere =
            try Bool.fetchOne(
                context.db, sql: "SELECT 1 FROM fact_inwoners WHERE gemeente_id = ? AND jaar = ?", arguments: [gemeente, jaar]) ?? false
        upsert.bind(1, gemeente)
        upsert.bind(2, jaar)
        upsert.bind(3, inwoners)
        upsert.bind(4, context.batch)
        try upsert.run()
        return wasThere ? .replaced : .loaded
    }

    public func finish() throws {}
}

/// `ingest groepen`: named comparison groups and their members.
public final class GroepenLoader: SourceLoader {
    public static let kind = "groepen"
    public static let layout = Layout(
        kind: kind,
        columns: [
            ColumnSpec("groep", aliases: ["vergelijkingsgroep", "groepsnaam"]),
            ColumnSpec("gemeentecode", aliases: ["code", "gm_code", "gemeente"]),
            ColumnSpec("geldig_vanaf", aliases: ["vanaf"]),
            ColumnSpec("geldig_tot", aliases: ["tot"]),
        ],
        required: [["groep"], ["gemeentecode"]])

    private let context: LoadContext
    private let header: MatchedHeader
    private let upsert: FastStatement

    public init(context: LoadContext, header: MatchedHeader) throws {
        self.context = context
        self.header = header
        upsert = try FastStatement(
            context.db,
            """
            INSERT INTO brug_groep (groep, groep_sleutel, gemeente_id, geldig_vanaf, geldig_tot, batch_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6)
            ON CONFLICT (groep_sleutel, gemeente_id, geldig_vanaf) DO UPDATE SET groep = ?1, geldig_tot = ?5, batch_id = ?6
            """)
    }

    public func load(_ record: CSVRecord) throws -> RowOutcome {
        let groepColumn = header["groep"]!
        guard !record.isEmpty(groepColumn) else {
            throw RowProblem(column: groepColumn, value: "", reason: "the group name is missing")
        }
        let groep = record.string(groepColumn).trimmingSpaces
        let gemeente = try knownGemeente(record, header["gemeentecode"]!, context)
        let vanaf = try optionalDate(record, header["geldig_vanaf"], context) ?? "0000-01-01"
        let tot = try optionalDate(record, header["geldig_tot"], context)
        let sleutel = TextFolding.foldName(groep)
        let wasThere =
            try Bool.fetchOne(
                context.db, sql: "SELECT 1 FROM brug_groep WHERE groep_sleutel = ? AND gemeente_id = ? AND geldig_vanaf = ?",
                arguments: [sleutel, gemeente, vanaf]) ?? false
        upsert.bind(1, groep)
        upsert.bind(2, sleutel)
        upsert.bind(3, gemeente)
        upsert.bind(4, vanaf)
        upsert.bind(5, tot)
        upsert.bind(6, context.batch)
        try upsert.run()
        return wasThere ? .replaced : .loaded
    }

    public func finish() throws {}
}
