import BijstandCore
import GRDB

/// One data-quality finding of `bijstand check`.
public struct Bevinding: Sendable, Equatable, Codable {
    /// GM0000.
    public var gemeente: String
    /// YYYY-MM; nil for a finding about the gemeente as a whole.
    public var maand: String?
    /// What kind of finding (see `Bevindingen.Soort`).
    public var soort: String
    /// The finding in words, with its numbers.
    public var detail: String

    public init(gemeente: String, maand: String?, soort: String, detail: String) {
        self.gemeente = gemeente
        self.maand = maand
        self.soort = soort
        self.detail = detail
    }
}

/// Data-quality findings over the warehouse: where sources disagree with each
/// other or with themselves. They are shown, never repaired: a late
/// registration or a corrected benchmark month is information, not an error
/// to hide.
///
/// ```swift
/// let findings = try Bevindingen.zoek(Bevindingen.Opties(gemeente: 394), in: db)
/// ```
public enum Bevindingen {
    /// The kinds of finding, in the order they are looked for.
    public enum Soort: String, CaseIterable, Sendable {
        /// Registratie stand (dossiers) differs from the benchmark stand (uitkeringen) beyond the tolerance.
        case registratieBenchmark = "registratie_benchmark"
        /// Benchmark month whose stand_eind ≠ stand_begin + instroom − uitstroom.
        case stroomBenchmark = "stroom_benchmark"
        /// Benchmark month whose stand_begin ≠ the stand_eind of the month before.
        case aansluitingBenchmark = "aansluiting_benchmark"
        /// A gap in a gemeente's benchmark series.
        case ontbrekendeMaand = "ontbrekende_maand"
        /// Registration reasons that were not recognised and count as onbekend.
        case onbekendeReden = "onbekende_reden"
        /// Spells that start while an earlier spell of the same dossier and regeling still runs.
        case overlappendeUitkering = "overlappende_uitkering"
        /// Spells of the previous snapshot that the current one no longer contains.
        case ontbrekendInSnapshot = "ontbrekend_in_snapshot"
        /// Trajecten whose client has no registered benefit spell.
        case trajectZonderUitkering = "traject_zonder_uitkering"

        public var uitleg: String {
            switch self {
            case .registratieBenchmark:
                return "registratie stand (dossiers) differs from the benchmark stand (uitkeringen) by more than the tolerance"
            case .stroomBenchmark: return "benchmark: stand_eind ≠ stand_begin + instroom − uitstroom"
            case .aansluitingBenchmark: return "benchmark: stand_begin ≠ stand_eind of the month before"
            case .ontbrekendeMaand: return "benchmark: months missing between delivered months"
            case .onbekendeReden: return "registratie: reasons not recognised, counted as onbekend"
            case .overlappendeUitkering: return "registratie: a spell starts while an earlier one of the same dossier and regeling runs"
            case .ontbrekendInSnapshot: return "registratie: spells of the previous snapshot missing from the current one"
            case .trajectZonderUitkering: return "trajecten whose client has no registered benefit spell"
            }
        }
    }

    public struct Opties: Sendable {
        /// Only this gemeente; nil for all.
        public var gemeente: Int?
        /// Only these kinds; empty for all.
        public var soorten: Set<Soort>
        /// Registratie vs benchmark: a difference counts when it exceeds this percentage of the benchmark …
        public var tolerantiePct: Double
        /// … and this number of benefits.
        public var minimumVerschil: Int

        public init(gemeente: Int? = nil, soorten: Set<Soort> = [], tolerantiePct: Double = 2, minimumVerschil: Int = 5) {
            self.gemeente = gemeente
            self.soorten = soorten
            self.tolerantiePct = tolerantiePct
            self.minimumVerschil = minimumVerschil
        }
    }

    public static func zoek(_ opties: Opties, in db: Database) throws -> [Bevinding] {
        var bevindingen: [Bevinding] = []
        for soort in Soort.allCases where opties.soorten.isEmpty || opties.soorten.contains(soort) {
            switch soort {
            case .registratieBenchmark: bevindingen += try registratieBenchmark(opties, db)
            case .stroomBenchmark: bevindingen += try stroomBenchmark(opties, db)
            case .aansluitingBenchmark: bevindingen += try aansluitingBenchmark(opties, db)
            case .ontbrekendeMaand: bevindingen += try ontbrekendeMaand(opties, db)
            case .onbekendeReden: bevindingen += try onbekendeReden(opties, db)
            case .overlappendeUitkering: bevindingen += try overlappendeUitkering(opties, db)
            case .ontbrekendInSnapshot: bevindingen += try ontbrekendInSnapshot(opties, db)
            case .trajectZonderUitkering: bevindingen += try trajectZonderUitkering(opties, db)
            }
        }
        return bevindingen.sorted { ($0.gemeente, $0.maand ?? "", $0.soort) < ($1.gemeente, $1.maand ?? "", $1.soort) }
    }

    /// Decides whether a difference between registratie and benchmark is a finding: pure, for tests.
    public static func wijktAf(registratie: Int, benchmark: Int, tolerantiePct: Double, minimumVerschil: Int) -> Bool {
        let verschil = abs(registratie - benchmark)
        return verschil > minimumVerschil && Double(verschil) * 100 > tolerantiePct * Double(benchmark)
    }

    // MARK: the kinds

    private static func filter(_ opties: Opties, _ column: String) -> (String, StatementArguments) {
        guard let gemeente = opties.gemeente else { return ("", []) }
        return (" AND \(column) = ?", [gemeente])
    }

    private static func n(_ value: Int) -> String { DutchFormat.count(value) }

    private static func signed(_ value: Int) -> String { value > 0 ? "+" + n(value) : (value < 0 ? "−" + n(-value) : "0") }

    /// The benchmark counts benefits (uitkeringen), the registration dossiers: the
    /// nearest units on each side. The stand at the end of the month is compared,
    /// or the stand at its start when the benchmark gave no end.
    static func registratieBenchmark(_ opties: Opties, _ db: Database) throws -> [Bevinding] {
        let (clause, arguments) = filter(opties, "r.gemeente_id")
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT g.gemeentecode, m.maand, rg.code AS regeling, r.stand_begin AS r_begin, r.stand_eind AS r_eind,
                       b.stand_begin AS b_begin, b.stand_eind AS b_eind, r.status
                FROM fact_volume_maand r
                JOIN fact_volume_maand b ON b.gemeente_id = r.gemeente_id AND b.maand_id = r.maand_id
                    AND b.regeling_id = r.regeling_id AND b.bron_id = 1 AND b.eenheid = 'uitkeringen'
                JOIN dim_gemeente g ON g.gemeente_id = r.gemeente_id
                JOIN dim_maand m ON m.maand_id = r.maand_id
                JOIN dim_regeling rg ON rg.regeling_id = r.regeling_id
                WHERE r.bron_id = 2 AND r.eenheid = 'dossiers'\(clause)
                ORDER BY r.gemeente_id, r.maand_id, r.regeling_id
                """,
            arguments: arguments)
        return rows.compactMap { row in
            let useEnd = (row["b_eind"] as Int?) != nil
            guard let registratie: Int = useEnd ? row["r_eind"] : row["r_begin"],
                let benchmark: Int = useEnd ? row["b_eind"] : row["b_begin"],
                wijktAf(
                    registratie: registratie, benchmark: benchmark, tolerantiePct: opties.tolerantiePct,
                    minimumVerschil: opties.minimumVerschil)
            else { return nil }
            let verschil = registratie - benchmark
            let pct =
                benchmark > 0
                ? " (" + (verschil > 0 ? "+" : "−") + DutchFormat.percent(Double(abs(verschil)) * 100 / Double(benchmark)) + ")" : ""
            let voorlopig = (row["status"] as String) == "voorlopig" ? "; the registratie month is voorlopig" : ""
            return Bevinding(
                gemeente: row["gemeentecode"], maand: row["maand"], soort: Soort.registratieBenchmark.rawValue,
                detail:
                    "\(row["regeling"] as String) \(useEnd ? "stand_eind" : "stand_begin"): registratie \(n(registratie)) dossiers, benchmark \(n(benchmark)) uitkeringen, difference \(signed(verschil))\(pct)\(voorlopig)"
            )
        }
    }

    static func stroomBenchmark(_ opties: Opties, _ db: Database) throws -> [Bevinding] {
        let (clause, arguments) = filter(opties, "f.gemeente_id")
        return try Row.fetchAll(
            db,
            sql: """
                SELECT g.gemeentecode, m.maand, rg.code AS regeling, f.stand_begin, f.instroom, f.uitstroom, f.stand_eind
                FROM fact_volume_maand f
                JOIN dim_gemeente g ON g.gemeente_id = f.gemeente_id
                JOIN dim_maand m ON m.maand_id = f.maand_id
                JOIN dim_regeling rg ON rg.regeling_id = f.regeling_id
                WHERE f.bron_id = 1 AND f.stand_begin IS NOT NULL AND f.stand_eind IS NOT NULL
                  AND f.stand_eind <> f.stand_begin + f.instroom - f.uitstroom\(clause)
                """,
            arguments: arguments
        ).map { row in
            let begin: Int = row["stand_begin"]
            let instroom: Int = row["instroom"]
            let uitstroom: Int = row["uitstroom"]
            let eind: Int = row["stand_eind"]
            let verwacht = begin + instroom - uitstroom
            return Bevinding(
                gemeente: row["gemeentecode"], maand: row["maand"], soort: Soort.stroomBenchmark.rawValue,
                detail:
                    "\(row["regeling"] as String): stand_eind \(n(eind)) ≠ stand_begin \(n(begin)) + instroom \(n(instroom)) − uitstroom \(n(uitstroom)) = \(n(verwacht)) (difference \(signed(eind - verwacht)))"
            )
        }
    }

    static func aansluitingBenchmark(_ opties: Opties, _ db: Database) throws -> [Bevinding] {
        let (clause, arguments) = filter(opties, "f.gemeente_id")
        return try Row.fetchAll(
            db,
            sql: """
                SELECT g.gemeentecode, m.maand, rg.code AS regeling, f.stand_begin, v.stand_eind AS vorige_eind, pm.maand AS vorige_maand
                FROM fact_volume_maand f
                JOIN dim_maand m ON m.maand_id = f.maand_id
                JOIN fact_volume_maand v ON v.gemeente_id = f.gemeente_id AND v.regeling_id = f.regeling_id
                    AND v.bron_id = f.bron_id AND v.eenheid = f.eenheid
                    AND v.maand_id = CASE WHEN f.maand_id % 100 = 1 THEN f.maand_id - 89 ELSE f.maand_id - 1 END
                JOIN dim_maand pm ON pm.maand_id = v.maand_id
                JOIN dim_gemeente g ON g.gemeente_id = f.gemeente_id
                JOIN dim_regeling rg ON rg.regeling_id = f.regeling_id
                WHERE f.bron_id = 1 AND f.stand_begin IS NOT NULL AND v.stand_eind IS NOT NULL
                  AND f.stand_begin <> v.stand_eind\(clause)
                """,
            arguments: arguments
        ).map { row in
            let begin: Int = row["stand_begin"]
            let vorige: Int = row["vorige_eind"]
            return Bevinding(
                gemeente: row["gemeentecode"], maand: row["maand"], soort: Soort.aansluitingBenchmark.rawValue,
                detail:
                    "\(row["regeling"] as String): stand_begin \(n(begin)) ≠ stand_eind \(n(vorige)) of \(row["vorige_maand"] as String) (difference \(signed(begin - vorige)))"
            )
        }
    }

    static func ontbrekendeMaand(_ opties: Opties, _ db: Database) throws -> [Bevinding] {
        let (clause, arguments) = filter(opties, "f.gemeente_id")
        return try Row.fetchAll(
            db,
            sql: """
                WITH reeks AS (
                    SELECT f.gemeente_id, f.regeling_id, m.jaar * 12 + m.maandnummer - 1 AS volgnummer,
                           lag(m.jaar * 12 + m.maandnummer - 1) OVER (PARTITION BY f.gemeente_id, f.regeling_id ORDER BY f.maand_id) AS vorige
                    FROM fact_volume_maand f JOIN dim_maand m ON m.maand_id = f.maand_id
                    WHERE f.bron_id = 1 AND f.eenheid = 'uitkeringen'\(clause)
                )
                SELECT g.gemeentecode, rg.code AS regeling, r.volgnummer - r.vorige - 1 AS aantal,
                       printf('%04d-%02d', (r.vorige + 1) / 12, (r.vorige + 1) % 12 + 1) AS van,
                       printf('%04d-%02d', (r.volgnummer - 1) / 12, (r.volgnummer - 1) % 12 + 1) AS tot
                FROM reeks r
                JOIN dim_gemeente g ON g.gemeente_id = r.gemeente_id
                JOIN dim_regeling rg ON rg.regeling_id = r.regeling_id
                WHERE r.volgnummer - r.vorige > 1
                """,
            arguments: arguments
        ).map { row in
            let aantal: Int = row["aantal"]
            let van: String = row["van"]
            let tot: String = row["tot"]
            return Bevinding(
                gemeente: row["gemeentecode"], maand: van, soort: Soort.ontbrekendeMaand.rawValue,
                detail:
                    "\(row["regeling"] as String): \(aantal == 1 ? "1 month" : "\(aantal) months") missing in the benchmark series (\(van == tot ? van : "\(van) to \(tot)"))"
            )
        }
    }

    static func onbekendeReden(_ opties: Opties, _ db: Database) throws -> [Bevinding] {
        let (clause, arguments) = filter(opties, "f.gemeente_id")
        return try Row.fetchAll(
            db,
            sql: """
                SELECT g.gemeentecode, 'uitstroomreden' AS kolom, f.uitstroom_reden_label AS label, count(*) AS aantal,
                       min(f.einddatum) AS eerste, max(f.einddatum) AS laatste
                FROM fact_uitkering f JOIN dim_gemeente g ON g.gemeente_id = f.gemeente_id
                WHERE f.uitstroom_reden_label IS NOT NULL\(clause)
                GROUP BY g.gemeentecode, f.uitstroom_reden_label
                UNION ALL
                SELECT g.gemeentecode, 'instroomreden', f.instroom_reden_label, count(*), min(f.startdatum), max(f.startdatum)
                FROM fact_uitkering f JOIN dim_gemeente g ON g.gemeente_id = f.gemeente_id
                WHERE f.instroom_reden_label IS NOT NULL\(clause)
                GROUP BY g.gemeentecode, f.instroom_reden_label
                """,
            arguments: arguments + arguments
        ).map { row in
            let aantal: Int = row["aantal"]
            return Bevinding(
                gemeente: row["gemeentecode"], maand: nil, soort: Soort.onbekendeReden.rawValue,
                detail:
                    "\(row["kolom"] as String) '\(row["label"] as String)' is not a known reason: \(n(aantal)) spell(s) (\(row["eerste"] as String) to \(row["laatste"] as String)) count as onbekend"
            )
        }
    }

    static func overlappendeUitkering(_ opties: Opties, _ db: Database) throws -> [Bevinding] {
        let (clause, arguments) = filter(opties, "a.gemeente_id")
        return try Row.fetchAll(
            db,
            sql: """
                SELECT g.gemeentecode, count(*) AS aantal, min(a.dossiernummer) AS voorbeeld
                FROM fact_uitkering a JOIN dim_gemeente g ON g.gemeente_id = a.gemeente_id
                WHERE EXISTS (
                    SELECT 1 FROM fact_uitkering b
                    WHERE b.gemeente_id = a.gemeente_id AND b.dossiernummer = a.dossiernummer AND b.regeling_id = a.regeling_id
                      AND b.startdatum < a.startdatum AND (b.einddatum IS NULL OR b.einddatum >= a.startdatum))\(clause)
                GROUP BY g.gemeentecode
                """,
            arguments: arguments
        ).map { row in
            Bevinding(
                gemeente: row["gemeentecode"], maand: nil, soort: Soort.overlappendeUitkering.rawValue,
                detail:
                    "\(n(row["aantal"] as Int)) spell(s) start while an earlier spell of the same dossier and regeling still runs (e.g. dossier \(row["voorbeeld"] as String)); they count twice in the registratie figures"
            )
        }
    }

    static func ontbrekendInSnapshot(_ opties: Opties, _ db: Database) throws -> [Bevinding] {
        let (clause, arguments) = filter(opties, "s.gemeente_id")
        return try Row.fetchAll(
            db,
            sql: """
                SELECT g.gemeentecode, s.soort, s.batch_id, s.peildatum, s.ontbrekend
                FROM load_snapshot s
                JOIN load_batch b ON b.batch_id = s.batch_id AND b.status = 'geladen'
                JOIN dim_gemeente g ON g.gemeente_id = s.gemeente_id
                WHERE s.ontbrekend > 0
                  AND s.batch_id = (SELECT max(l.batch_id) FROM load_snapshot l JOIN load_batch lb ON lb.batch_id = l.batch_id
                                    WHERE lb.status = 'geladen' AND l.gemeente_id = s.gemeente_id AND l.soort = s.soort)\(clause)
                """,
            arguments: arguments
        ).map { row in
            let soort: String = row["soort"]
            let tabel = soort == "uitkeringen" ? "hist_uitkering" : "hist_traject"
            return Bevinding(
                gemeente: row["gemeentecode"], maand: nil, soort: Soort.ontbrekendInSnapshot.rawValue,
                detail:
                    "the current \(soort) snapshot (batch \(row["batch_id"] as Int64), peildatum \(row["peildatum"] as String)) lacks \(n(row["ontbrekend"] as Int)) row(s) of the previous one; they are closed in \(tabel)"
            )
        }
    }

    static func trajectZonderUitkering(_ opties: Opties, _ db: Database) throws -> [Bevinding] {
        let (clause, arguments) = filter(opties, "t.gemeente_id")
        return try Row.fetchAll(
            db,
            sql: """
                SELECT g.gemeentecode, count(*) AS aantal
                FROM fact_traject t JOIN dim_gemeente g ON g.gemeente_id = t.gemeente_id
                WHERE NOT (
                    coalesce((t.gemeente_id, t.dossiernummer) IN (SELECT gemeente_id, dossiernummer FROM fact_uitkering), 0)
                    OR coalesce((t.gemeente_id, t.persoon_pseudoniem) IN
                        (SELECT gemeente_id, persoon_pseudoniem FROM fact_uitkering WHERE persoon_pseudoniem IS NOT NULL), 0)
                    OR coalesce((t.gemeente_id, t.client_id) IN
                        (SELECT gemeente_id, client_id FROM fact_uitkering WHERE client_id IS NOT NULL), 0))\(clause)
                GROUP BY g.gemeentecode
                """,
            arguments: arguments
        ).map { row in
            Bevinding(
                gemeente: row["gemeentecode"], maand: nil, soort: Soort.trajectZonderUitkering.rawValue,
                detail:
                    "\(n(row["aantal"] as Int)) traject(en) belong to a client without any registered benefit spell (a client without benefit, or a dossiernummer that does not match)"
            )
        }
    }
}
