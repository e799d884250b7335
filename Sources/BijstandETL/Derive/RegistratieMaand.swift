import BijstandCore
import BijstandWarehouse
import GRDB

/// Derives a gemeente's monthly figures from its registered spells, with bron
/// `registratie`, inside the load that delivered the snapshot: stand at the
/// start and end of each month, instroom, and uitstroom per reason, per
/// regeling, counted in dossiers and in persons.
///
/// Definitions (the SQL below follows them exactly):
/// - A spell with einddatum E ran through E and is no longer running on E + 1;
///   it is uitstroom in E's month. A spell starting on S is instroom in S's month.
/// - `stand_begin` of a month = spells running at the very start of its first
///   day (started before the month, not ended before it); `stand_eind` = spells
///   running at the end of its last day (started in or before the month, not
///   ended in or before it). So stand_begin of a month is the stand_eind of the
///   month before, and stand_eind = stand_begin + instroom − uitstroom always.
/// - eenheid `dossiers` counts spells: one running spell is one dossier
///   receiving that regeling. Two overlapping spells of one dossier in one
///   regeling are a registration error that the load and `check` report; they
///   count twice. Eenheid `personen` sums the spells' `personen` (1, or 2 for
///   partners on one dossier), as CBS counts persons with bijstand.
/// - Months run from the first month with a spell (not before 1990-01, where
///   the calendar starts: older spells still running then form the opening
///   stand) to the snapshot's peilmaand. Flows after the peildatum are not
///   known yet: a spell ending after it is still running. The peilmaand is
///   `voorlopig` (late registrations still come in), earlier months `definitief`.
///
/// The previous registratie figures of the gemeente move to history, marked as
/// replaced by this load, so `rollback` brings them back.
///
/// ```swift
/// let months = try RegistratieMaand.derive(gemeente: 394, peildatum: day, batch: batch, in: db)
/// ```
enum RegistratieMaand {
    static let bron = 2

    /// Replaces the registratie figures of one gemeente; returns the number of months derived.
    @discardableResult
    static func derive(gemeente: Int, peildatum: Day, batch: Int64, in db: Database) throws -> Int {
        let spells: StatementArguments = ["g": gemeente, "p": peildatum.iso]
        let facts: StatementArguments = ["g": gemeente, "b": batch, "pm": peildatum.monthValue.id, "bron": bron]
        // A file holds hundreds of gemeenten: the statements are prepared once (cached), not per gemeente.
        try moveCurrentToHistory(gemeente: gemeente, batch: batch, in: db)
        // Created once per connection: creating it again (even IF NOT EXISTS) counts as a
        // schema change, which would throw away every cached statement.
        if try Bool.fetchOne(db.cachedStatement(sql: "SELECT count(*) FROM temp.sqlite_master WHERE name = 'registratie_stroom'")) != true {
            try db.execute(sql: createStroom)
        }
        try db.cachedStatement(sql: "DELETE FROM temp.registratie_stroom").execute()
        try addUpFlows(spells, in: db)
        try db.cachedStatement(sql: volume).execute(arguments: facts)
        let months = db.changesCount / 2
        try db.cachedStatement(sql: redenen).execute(arguments: facts)
        try db.cachedStatement(sql: "DELETE FROM temp.registratie_stroom").execute()
        return months
    }

    /// The figures the previous snapshot gave go to history, replaced by this load.
    private static func moveCurrentToHistory(gemeente: Int, batch: Int64, in db: Database) throws {
        for fact in [ReplaceableFact.stroomRedenMaand, .volumeMaand] {
            let columns = fact.columns.joined(separator: ", ")
            try db.cachedStatement(
                sql: """
                    INSERT INTO \(fact.historyTable) (\(columns), vervangen_door)
                    SELECT \(columns), ? FROM \(fact.table) WHERE gemeente_id = ? AND bron_id = ?
                    """
            ).execute(arguments: [batch, gemeente, bron])
            try db.cachedStatement(sql: "DELETE FROM \(fact.table) WHERE gemeente_id = ? AND bron_id = ?")
                .execute(arguments: [gemeente, bron])
        }
    }

    // The flows per regeling × month × richting × reden, small whatever the
    // number of spells (see `addUpFlows`); no sort of all spells is ever held.
    // maand_id 0 collects flows before 1990-01, the start of the calendar.
    static let createStroom = """
        CREATE TEMP TABLE IF NOT EXISTS registratie_stroom (
            regeling_id INTEGER NOT NULL,
            maand_id    INTEGER NOT NULL,
            richting    TEXT NOT NULL,
            reden_id    INTEGER NOT NULL,
            dossiers    INTEGER NOT NULL,
            personen    INTEGER NOT NULL,
            PRIMARY KEY (regeling_id, maand_id, richting, reden_id)
        ) WITHOUT ROWID
        """

    /// The month key of an ISO date, 0 before the calendar of dim_maand.
    static func monthKey(_ column: String) -> String {
        "max(0, (CAST(substr(\(column), 1, 4) AS INTEGER) * 100 + CAST(substr(\(column), 6, 2) AS INTEGER)) * (\(column) >= '1990-01-01'))"
    }

    /// Every spell that started on or before the peildatum, with its start month and, when it
    /// ended on or before the peildatum, its end month and reason (a spell cannot end before it starts).
    static let spellsSQL = """
        SELECT regeling_id, \(monthKey("startdatum")), instroom_reden_id,
               CASE WHEN einddatum <= :p THEN \(monthKey("einddatum")) END, coalesce(uitstroom_reden_id, 1), personen
        FROM fact_uitkering
        WHERE gemeente_id = :g AND startdatum <= :p
        """

    /// One flow: regeling × month × richting × reden.
    private struct Flow: Hashable {
        var regeling: Int
        var maand: Int
        var uitstroom: Bool
        var reden: Int
    }

    /// Instroom in each spell's start month, uitstroom in its end month: the spells stream
    /// through once and are added up in memory per flow (a gemeente has a few thousand
    /// flows however many spells), then go into `temp.registratie_stroom`.
    private static func addUpFlows(_ spells: StatementArguments, in db: Database) throws {
        var flows: [Flow: (dossiers: Int, personen: Int)] = [:]
        let rows = try Row.fetchCursor(db.cachedStatement(sql: spellsSQL), arguments: spells)
        while let row = try rows.next() {
            let regeling: Int = row[0]
            let personen: Int = row[5]
            let start = Flow(regeling: regeling, maand: row[1], uitstroom: false, reden: row[2])
            flows[start, default: (0, 0)].dossiers += 1
            flows[start, default: (0, 0)].personen += personen
            if let eindMaand = row[3] as Int? {
                let end = Flow(regeling: regeling, maand: eindMaand, uitstroom: true, reden: row[4])
                flows[end, default: (0, 0)].dossiers += 1
                flows[end, default: (0, 0)].personen += personen
            }
        }
        let insert = try db.cachedStatement(
            sql: "INSERT INTO temp.registratie_stroom (regeling_id, maand_id, richting, reden_id, dossiers, personen) VALUES (?, ?, ?, ?, ?, ?)")
        for (flow, count) in flows {
            try insert.execute(arguments: [
                flow.regeling, flow.maand, flow.uitstroom ? "uitstroom" : "instroom", flow.reden, count.dossiers, count.personen,
            ])
        }
    }

    /// Stand and flows for every month of each regeling's series, in both units.
    static let volume = """
        WITH stroom AS (
            SELECT regeling_id, maand_id,
                   sum(CASE WHEN richting = 'instroom' THEN dossiers ELSE 0 END) AS in_d,
                   sum(CASE WHEN richting = 'uitstroom' THEN dossiers ELSE 0 END) AS uit_d,
                   sum(CASE WHEN richting = 'instroom' THEN personen ELSE 0 END) AS in_p,
                   sum(CASE WHEN richting = 'uitstroom' THEN personen ELSE 0 END) AS uit_p
            FROM temp.registratie_stroom
            GROUP BY regeling_id, maand_id
        ),
        -- Spells from before 1990 that were still running then: the opening stand.
        opening AS (
            SELECT regeling_id, in_d - uit_d AS d, in_p - uit_p AS p FROM stroom WHERE maand_id = 0
        ),
        -- Each regeling's series starts at its first flow (1990-01 for an opening stand).
        bereik AS (
            SELECT s.regeling_id, max(199001, min(s.maand_id)) AS van
            FROM stroom s LEFT JOIN opening o ON o.regeling_id = s.regeling_id
            WHERE s.maand_id > 0 OR o.d > 0
            GROUP BY s.regeling_id
        ),
        reeks AS (
            SELECT b.regeling_id, m.maand_id,
                   coalesce(s.in_d, 0) AS in_d, coalesce(s.uit_d, 0) AS uit_d,
                   coalesce(s.in_p, 0) AS in_p, coalesce(s.uit_p, 0) AS uit_p
            FROM bereik b
            JOIN dim_maand m ON m.maand_id BETWEEN b.van AND :pm
            LEFT JOIN stroom s ON s.regeling_id = b.regeling_id AND s.maand_id = m.maand_id
        ),
        standen AS (
            SELECT r.*,
                   coalesce(o.d, 0) + sum(r.in_d - r.uit_d) OVER lopend AS eind_d,
                   coalesce(o.p, 0) + sum(r.in_p - r.uit_p) OVER lopend AS eind_p
            FROM reeks r LEFT JOIN opening o ON o.regeling_id = r.regeling_id
            WINDOW lopend AS (PARTITION BY r.regeling_id ORDER BY r.maand_id ROWS UNBOUNDED PRECEDING)
        )
        INSERT INTO fact_volume_maand (gemeente_id, maand_id, regeling_id, bron_id, eenheid, stand_begin, instroom,
            uitstroom, stand_eind, volume_betaald, status, batch_id, regel)
        SELECT :g, maand_id, regeling_id, :bron, 'dossiers', eind_d - in_d + uit_d, in_d, uit_d, eind_d, NULL,
               CASE WHEN maand_id = :pm THEN 'voorlopig' ELSE 'definitief' END, :b, NULL
        FROM standen
        UNION ALL
        SELECT :g, maand_id, regeling_id, :bron, 'personen', eind_p - in_p + uit_p, in_p, uit_p, eind_p, NULL,
               CASE WHEN maand_id = :pm THEN 'voorlopig' ELSE 'definitief' END, :b, NULL
        FROM standen
        """

    /// Instroom and uitstroom per reason, in both units, for the months of the series.
    static let redenen = """
        INSERT INTO fact_stroom_reden_maand (gemeente_id, maand_id, regeling_id, bron_id, eenheid, richting, reden_id, aantal, batch_id)
        SELECT :g, s.maand_id, s.regeling_id, :bron, e.eenheid, s.richting, s.reden_id,
               CASE e.eenheid WHEN 'dossiers' THEN s.dossiers ELSE s.personen END, :b
        FROM temp.registratie_stroom s
        CROSS JOIN (SELECT 'dossiers' AS eenheid UNION ALL SELECT 'personen') e
        WHERE s.maand_id BETWEEN 199001 AND :pm
          AND EXISTS (SELECT 1 FROM fact_volume_maand v
                      WHERE v.gemeente_id = :g AND v.maand_id = s.maand_id AND v.regeling_id = s.regeling_id
                        AND v.bron_id = :bron AND v.eenheid = e.eenheid)
        """
}
