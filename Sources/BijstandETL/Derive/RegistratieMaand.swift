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
/// let overlaps = try RegistratieMaand.derive(gemeente: 394, peildatum: day, batch: batch, in: db)
/// overlaps.count  // spells that start while an earlier one of the same dossier and regeling runs
/// ```
enum RegistratieMaand {
    static let bron = 2

    /// Replaces the registratie figures of one gemeente; returns the overlapping spells it found.
    @discardableResult
    static func derive(gemeente: Int, peildatum: Day, batch: Int64, in db: Database) throws -> Overlaps {
        let facts: StatementArguments = ["g": gemeente, "b": batch, "pm": peildatum.monthValue.id, "bron": bron]
        // A file holds hundreds of gemeenten: the statements are prepared once (cached), not per gemeente.
        try moveCurrentToHistory(gemeente: gemeente, batch: batch, in: db)
        // Created once per connection: creating it again (even IF NOT EXISTS) counts as a
        // schema change, which would throw away every cached statement.
        if try Bool.fetchOne(db.cachedStatement(sql: "SELECT count(*) FROM temp.sqlite_master WHERE name = 'registratie_stroom'")) != true {
            try db.execute(sql: createStroom)
        }
        try db.cachedStatement(sql: "DELETE FROM temp.registratie_stroom").execute()
        let overlaps = try addUpFlows(gemeente: gemeente, peildatum: peildatum, in: db)
        try db.cachedStatement(sql: volume).execute(arguments: facts)
        try db.cachedStatement(sql: redenen).execute(arguments: facts)
        try db.cachedStatement(sql: "DELETE FROM temp.registratie_stroom").execute()
        return overlaps
    }

    /// The figures the previous snapshot gave go to history, replaced by this load.
    private static func moveCurrentToHistory(gemeente: Int, batch: Int64, in db: Database) throws {
        for fact in [ReplaceableFact.stroomRedenMaand, .volumeMaand] {
            let columns = fact.columns.joined(separator: ", ")
            try db.cachedStatement(
                sql: """
                    INSERT OR FAIL INTO \(fact.historyTable) (\(columns), vervangen_door)
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

    /// Every spell of the gemeente in key order (dossier, regeling, startdatum), so
    /// that one pass sees each dossier's spells of a regeling one after the other.
    static let spellsSQL = """
        SELECT dossiernummer, regeling_id, startdatum, einddatum, instroom_reden_id, coalesce(uitstroom_reden_id, 1), personen
        FROM fact_uitkering
        WHERE gemeente_id = ?
        ORDER BY dossiernummer, regeling_id, startdatum
        """

    /// One flow: regeling × month × richting × reden.
    private struct Flow: Hashable {
        var regeling: Int
        var maand: Int
        var uitstroom: Bool
        var reden: Int
    }

    /// Spells that start while an earlier spell of the same dossier and regeling still runs.
    struct Overlaps {
        var count = 0
        /// The first such dossier in key order.
        var example: String?
    }

    /// Instroom in each spell's start month, uitstroom in its end month: the spells stream
    /// through once, read straight from SQLite's C API, and are added up in memory per flow
    /// (a gemeente has a few thousand flows however many spells), then go into
    /// `temp.registratie_stroom`. The same pass finds overlapping spells.
    private static func addUpFlows(gemeente: Int, peildatum: Day, in db: Database) throws -> Overlaps {
        var flows: [Flow: (dossiers: Int, personen: Int)] = [:]
        var overlaps = Overlaps()
        let peil = peildatum.year * 10_000 + peildatum.month * 100 + peildatum.day
        let spells = try FastStatement(db, cached: spellsSQL)
        spells.bind(1, gemeente)
        // The dossier and regeling of the spells before this one, and the latest end among
        // them (Int.max while one of them still runs).
        var dossier: [UInt8] = []
        var regeling = -1
        var latestEnd = Int.min
        while try spells.step() {
            let spellDossier = spells.bytes(0)
            let spellRegeling = Int(spells.int64(1))
            let start = isoDay(spells.bytes(2))
            let end = spells.isNull(3) ? Int.max : isoDay(spells.bytes(3))
            if spellRegeling == regeling && spellDossier.elementsEqual(dossier) {
                if latestEnd >= start {
                    overlaps.count += 1
                    if overlaps.example == nil { overlaps.example = String(decoding: spellDossier, as: UTF8.self) }
                }
                latestEnd = max(latestEnd, end)
            } else {
                dossier.removeAll(keepingCapacity: true)
                dossier.append(contentsOf: spellDossier)
                regeling = spellRegeling
                latestEnd = end
            }
            guard start <= peil else { continue }
            let personen = Int(spells.int64(6))
            let begin = Flow(regeling: spellRegeling, maand: monthKey(start), uitstroom: false, reden: Int(spells.int64(4)))
            flows[begin, default: (0, 0)].dossiers += 1
            flows[begin, default: (0, 0)].personen += personen
            // Flows after the peildatum are not known yet: a spell ending after it still runs.
            if end <= peil {
                let ending = Flow(regeling: spellRegeling, maand: monthKey(end), uitstroom: true, reden: Int(spells.int64(5)))
                flows[ending, default: (0, 0)].dossiers += 1
                flows[ending, default: (0, 0)].personen += personen
            }
        }
        let insert = try FastStatement(
            db,
            cached:
                "INSERT INTO temp.registratie_stroom (regeling_id, maand_id, richting, reden_id, dossiers, personen) VALUES (?, ?, ?, ?, ?, ?)"
        )
        for (flow, count) in flows {
            insert.bind(1, flow.regeling)
            insert.bind(2, flow.maand)
            if flow.uitstroom { insert.bind(3, static: "uitstroom") } else { insert.bind(3, static: "instroom") }
            insert.bind(4, flow.reden)
            insert.bind(5, count.dossiers)
            insert.bind(6, count.personen)
            try insert.run()
        }
        return overlaps
    }

    /// An ISO date as stored (`YYYY-MM-DD`) as the number YYYYMMDD, which orders the same way.
    @inline(__always)
    static func isoDay(_ text: UnsafeBufferPointer<UInt8>) -> Int {
        var value = 0
        for byte in text where byte != UInt8(ascii: "-") {
            value = value * 10 + Int(byte &- UInt8(ascii: "0"))
        }
        return value
    }

    /// The month key (YYYYMM) of a YYYYMMDD day, 0 before 1990-01, where dim_maand starts.
    @inline(__always)
    static func monthKey(_ day: Int) -> Int {
        day >= 1990_01_01 ? day / 100 : 0
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
        INSERT OR FAIL INTO fact_volume_maand (gemeente_id, maand_id, regeling_id, bron_id, eenheid, stand_begin, instroom,
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
        INSERT OR FAIL INTO fact_stroom_reden_maand (gemeente_id, maand_id, regeling_id, bron_id, eenheid, richting, reden_id, aantal, batch_id)
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
