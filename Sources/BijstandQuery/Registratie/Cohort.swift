import BijstandCore
import BijstandWarehouse
import GRDB

/// The rekenkamer's cohort question, answered from the gemeente's registration:
/// of the dossiers running on the peildatum, how many had left (with a given
/// reason) before `tot`? Inflow after the peildatum is excluded by design.
///
/// - A dossier is in the cohort when one of its spells runs on the peildatum:
///   startdatum ≤ peildatum and (einddatum empty or ≥ peildatum).
/// - It has left when its benefit stops: spells of the same dossier that
///   follow on without a gap (the next starts at most a day after the end, a
///   switch of regeling or a technical re-registration) are one continuous
///   benefit; its last einddatum is the exit and that spell's reason the
///   reason. It counts when the exit lies before `tot` (and not after the
///   snapshot's peildatum, beyond which exits are not known).
/// - Herinstroom (N months): of those who left, how many started a benefit
///   again (the same person: pseudonym, client_id or else dossier) within N
///   months after the exit. Duurzame uitstroom (N months, default 12): no
///   return within the window. Both only over exits whose window has passed
///   by the snapshot's peildatum ("waarneembaar"); the others cannot be judged yet.
///
/// ```swift
/// let vraag = CohortVraag(gemeente: 394, peildatum: Day(year: 2019, month: 1, day: 1)!,
///                         tot: Day(year: 2019, month: 11, day: 1)!, reden: werk)
/// let uitkomst = try Cohort.bereken(vraag, in: db)
/// uitkomst.cohort        // 2105
/// uitkomst.uitgestroomd  // 123
/// uitkomst.pct           // 5.843...
/// ```
public struct CohortVraag: Sendable {
    public var gemeente: Int
    public var peildatum: Day
    public var tot: Day
    public var reden: RedenSelectie?
    public var regeling: Regeling?
    public var herinstroomMaanden: Int
    public var duurzaamMaanden: Int

    public init(
        gemeente: Int, peildatum: Day, tot: Day, reden: RedenSelectie? = nil, regeling: Regeling? = nil,
        herinstroomMaanden: Int = 12, duurzaamMaanden: Int = 12
    ) {
        self.gemeente = gemeente
        self.peildatum = peildatum
        self.tot = tot
        self.reden = reden
        self.regeling = regeling
        self.herinstroomMaanden = herinstroomMaanden
        self.duurzaamMaanden = duurzaamMaanden
    }
}

/// One dossier of a cohort: when and why its benefit stopped, and when the person came back.
public struct CohortLid: Sendable, Equatable {
    public var einde: Day?
    public var redenId: Int64?
    public var redenGroep: String?
    /// The first start of a benefit of the same person after the exit.
    public var terugkeer: Day?

    public init(einde: Day?, redenId: Int64?, redenGroep: String?, terugkeer: Day?) {
        self.einde = einde
        self.redenId = redenId
        self.redenGroep = redenGroep
        self.terugkeer = terugkeer
    }
}

/// The answer.
public struct CohortUitkomst: Sendable, Equatable {
    /// Returns to the bijstand after an exit, over a window of months.
    public struct Terugkeer: Sendable, Equatable {
        public var maanden: Int
        /// Exits whose window ended by the snapshot's peildatum.
        public var waarneembaar: Int
        /// Of those: returned within the window (herinstroom) or not (duurzaam).
        public var aantal: Int
        /// aantal ÷ waarneembaar × 100; nil when nothing is observable yet.
        public var pct: Double?

        public init(maanden: Int, waarneembaar: Int, aantal: Int, pct: Double?) {
            self.maanden = maanden
            self.waarneembaar = waarneembaar
            self.aantal = aantal
            self.pct = pct
        }
    }

    public var cohort: Int
    /// Left before `tot` with the selected reason (any reason without a selection).
    public var uitgestroomd: Int
    /// uitgestroomd ÷ cohort × 100; nil for an empty cohort.
    public var pct: Double?
    /// Left before `tot` for any reason.
    public var uitgestroomdTotaal: Int
    /// Exits before `tot` per reason group.
    public var perRedenGroep: [String: Int]
    public var herinstroom: Terugkeer
    public var duurzaam: Terugkeer
    /// The snapshot the answer comes from.
    public var registratieBatch: Int64?
    public var registratiePeildatum: Day?
    public var waarschuwingen: [String]
}

public enum Cohort {
    /// Answers a cohort question from the current registration of the gemeente.
    public static func bereken(_ vraag: CohortVraag, in db: Database) throws -> CohortUitkomst {
        let snapshot = try Row.fetchOne(
            db,
            sql: """
                SELECT s.batch_id, s.peildatum FROM load_snapshot s JOIN load_batch b ON b.batch_id = s.batch_id
                WHERE s.gemeente_id = ? AND s.soort = 'uitkeringen' AND b.status = 'geladen'
                ORDER BY s.batch_id DESC LIMIT 1
                """,
            arguments: [vraag.gemeente])
        guard let snapshot else { throw CohortError.geenRegistratie(gemeente: vraag.gemeente) }
        let peildatumRegistratie = try FieldParser.date(snapshot["peildatum"] as String).get()
        let leden = try Row.fetchAll(db, sql: ledenSQL(regeling: vraag.regeling), arguments: arguments(vraag)).map { row in
            CohortLid(
                einde: (row["einde"] as String?).flatMap { try? FieldParser.date($0).get() },
                redenId: row["reden_id"], redenGroep: row["groep"],
                terugkeer: (row["terugkeer"] as String?).flatMap { try? FieldParser.date($0).get() })
        }
        var uitkomst = tel(leden, vraag: vraag, registratiePeildatum: peildatumRegistratie)
        uitkomst.registratieBatch = snapshot["batch_id"]
        if vraag.peildatum > peildatumRegistratie {
            uitkomst.waarschuwingen.append(
                "the peildatum \(vraag.peildatum.iso) lies after the registration's peildatum \(peildatumRegistratie.iso): the cohort is incomplete"
            )
        }
        if vraag.tot > peildatumRegistratie.adding(days: 1) {
            uitkomst.waarschuwingen.append(
                "exits after the registration's peildatum \(peildatumRegistratie.iso) are not known yet; they are not counted")
        }
        return uitkomst
    }

    /// Counts a cohort: pure, so the rules can be tested without a database.
    public static func tel(_ leden: [CohortLid], vraag: CohortVraag, registratiePeildatum: Day) -> CohortUitkomst {
        var perGroep: [String: Int] = [:]
        var totaal = 0
        var geselecteerd: [CohortLid] = []
        for lid in leden {
            guard let einde = lid.einde, einde < vraag.tot, einde <= registratiePeildatum else { continue }
            totaal += 1
            perGroep[lid.redenGroep ?? "onbekend", default: 0] += 1
            if let reden = vraag.reden, !reden.contains(lid.redenId ?? 1) { continue }
            geselecteerd.append(lid)
        }
        func terugkeer(_ maanden: Int, teruggekeerd: Bool) -> CohortUitkomst.Terugkeer {
            var waarneembaar = 0
            var aantal = 0
            for lid in geselecteerd {
                let einde = lid.einde!
                let venster = einde.addingMonths(maanden)
                guard venster <= registratiePeildatum else { continue }
                waarneembaar += 1
                let binnen = lid.terugkeer.map { $0 <= venster } ?? false
                if binnen == teruggekeerd { aantal += 1 }
            }
            return .init(
                maanden: maanden, waarneembaar: waarneembaar, aantal: aantal,
                pct: waarneembaar > 0 ? Double(aantal) * 100 / Double(waarneembaar) : nil)
        }
        return CohortUitkomst(
            cohort: leden.count, uitgestroomd: geselecteerd.count,
            pct: leden.isEmpty ? nil : Double(geselecteerd.count) * 100 / Double(leden.count),
            uitgestroomdTotaal: totaal, perRedenGroep: perGroep,
            herinstroom: terugkeer(vraag.herinstroomMaanden, teruggekeerd: true),
            duurzaam: terugkeer(vraag.duurzaamMaanden, teruggekeerd: false),
            registratieBatch: nil, registratiePeildatum: registratiePeildatum, waarschuwingen: [])
    }

    private static func arguments(_ vraag: CohortVraag) -> StatementArguments {
        var arguments: StatementArguments = ["g": vraag.gemeente, "d": vraag.peildatum.iso]
        if let regeling = vraag.regeling { _ = arguments.append(contentsOf: ["r": regeling.id]) }
        return arguments
    }

    /// One row per cohort dossier: the end of its continuous benefit, the reason, and the person's next start.
    private static func ledenSQL(regeling: Regeling?) -> String {
        let opRegeling = regeling == nil ? "" : "AND regeling_id = :r"
        let opRegelingF = regeling == nil ? "" : "AND f.regeling_id = :r"
        return """
            WITH RECURSIVE
            lopend AS (
                SELECT dossiernummer, max(coalesce(einddatum, '9999-12-31')) AS einde
                FROM fact_uitkering
                WHERE gemeente_id = :g AND startdatum <= :d AND (einddatum IS NULL OR einddatum >= :d) \(opRegeling)
                GROUP BY dossiernummer
            ),
            -- A benefit that continues without a gap in a following spell has not ended.
            keten(dossiernummer, einde) AS (
                SELECT dossiernummer, einde FROM lopend
                UNION
                SELECT k.dossiernummer, coalesce(f.einddatum, '9999-12-31')
                FROM keten k
                JOIN fact_uitkering f ON f.gemeente_id = :g AND f.dossiernummer = k.dossiernummer \(opRegelingF)
                WHERE k.einde < '9999-12-31' AND f.startdatum > :d AND f.startdatum <= date(k.einde, '+1 day')
                  AND coalesce(f.einddatum, '9999-12-31') > k.einde
            ),
            vertrek AS (
                SELECT dossiernummer, max(einde) AS einde FROM keten GROUP BY dossiernummer
            ),
            laatste AS (
                SELECT v.dossiernummer, nullif(v.einde, '9999-12-31') AS einde,
                       (SELECT coalesce(f.uitstroom_reden_id, 1) FROM fact_uitkering f
                        WHERE f.gemeente_id = :g AND f.dossiernummer = v.dossiernummer AND f.einddatum = v.einde \(opRegelingF)
                        ORDER BY f.uitstroom_reden_id LIMIT 1) AS reden_id,
                       (SELECT f.persoon_sleutel FROM fact_uitkering f
                        WHERE f.gemeente_id = :g AND f.dossiernummer = v.dossiernummer
                          AND coalesce(f.einddatum, '9999-12-31') = v.einde \(opRegelingF)
                        LIMIT 1) AS persoon
                FROM vertrek v
            )
            SELECT l.einde, l.reden_id, d.groep,
                   CASE WHEN l.einde IS NOT NULL THEN
                       (SELECT min(f.startdatum) FROM fact_uitkering f
                        WHERE f.gemeente_id = :g AND f.persoon_sleutel = l.persoon AND f.startdatum > l.einde)
                   END AS terugkeer
            FROM laatste l LEFT JOIN dim_reden d ON d.reden_id = l.reden_id
            """
    }
}

/// Why a cohort cannot be answered.
public enum CohortError: Error, CustomStringConvertible {
    case geenRegistratie(gemeente: Int)

    public var description: String {
        switch self {
        case .geenRegistratie(let gemeente):
            return
                "GM\(String(repeating: "0", count: max(0, 4 - String(gemeente).count)))\(gemeente) has no registration loaded; load its spells first with `bijstand ingest uitkeringen FILE`."
        }
    }
}

extension Day {
    /// The same day `months` later, or the month's last day when it is shorter (31 January + 1 month = 28/29 February).
    func addingMonths(_ months: Int) -> Day {
        let month = monthValue.adding(months: months)
        return Day(year: month.year, month: month.month, day: min(day, month.numberOfDays))!
    }
}
