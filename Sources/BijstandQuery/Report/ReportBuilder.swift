import BijstandCore
import BijstandWarehouse
import Foundation
import GRDB

/// What a report is asked for.
public struct ReportRequest: Sendable {
    public var gemeente: String
    public var periode: Periode
    /// A named comparison group; nil = the gemeente's size class.
    public var vergelijk: String?
    /// Merged gemeenten's history under their successor (`huidig`) or as delivered (`historisch`).
    public var grenzenHuidig = true
    public var openbaar = false
    /// The regelingen counted in the volume section.
    public var regelingen: [Regeling] = [.pw, .ioaw, .ioaz, .bbz]
    /// The moment the report is made (ISO 8601), fixed by tests.
    public var gemaaktOp: String?

    public init(gemeente: String, periode: Periode) {
        self.gemeente = gemeente
        self.periode = periode
    }
}

/// Why a report cannot be made at all (a section without data is not such a reason).
public enum ReportError: Error, CustomStringConvertible {
    case unknownGroup(String, known: [String])

    public var description: String {
        switch self {
        case .unknownGroup(let name, let known):
            let list = known.isEmpty ? "none are loaded (`bijstand ingest groepen`)" : known.joined(separator: ", ")
            return
                "'\(name)' is not a comparison group; use a size class (tot 50.000, 50.000 tot 100.000, 100.000 en meer) or a loaded group: \(list)."
        }
    }
}

/// Builds the one report value from the warehouse. Only reads; the renderers
/// never see the database.
///
/// ```swift
/// let report = try warehouse.database.read { db in
///     try ReportBuilder(db).build(ReportRequest(gemeente: "GM0394", periode: try Periode.parse("2024-T2").get()))
/// }
/// ```
public struct ReportBuilder {
    let db: Database
    let shared: ReportBatch?
    /// Months of history in the chart series.
    public static let reeksMaanden = 24

    /// `batch`: many reports from one read of the warehouse (`bijstand report --gemeente alle`)
    /// share what every report reads whole: the inhabitants and the figures of all gemeenten.
    public init(_ db: Database, batch: ReportBatch? = nil) {
        self.db = db
        self.shared = batch
    }

    /// One source of the volume figures: which bron and which unit.
    struct VolumeBron {
        var bronId: Int
        var code: String
        var eenheid: String
    }

    /// A gemeente whose rows count for the reported one, with a weight and the date its rows stop counting.
    struct Component {
        var id: Int
        var gewicht: Double
        var tot: String?
    }

    public func build(_ request: ReportRequest) throws -> Report {
        let gemeente = try GemeenteLookup.resolve(request.gemeente, in: db)
        let periode = request.periode
        var warnings: [String] = []
        var bronnen: [Int64: BronGebruik] = [:]

        let components = request.grenzenHuidig ? try composition(of: gemeente.id) : [Component(id: gemeente.id, gewicht: 1, tot: nil)]
        if components.count > 1 {
            let names = try components.dropFirst().map { component -> String in
                try String.fetchOne(
                    db, sql: "SELECT gemeentecode || ' ' || gemeentenaam FROM dim_gemeente WHERE gemeente_id = ?",
                    arguments: [component.id]) ?? "GM\(component.id)"
            }
            warnings.append("Huidige grenzen: de cijfers van \(names.joined(separator: ", ")) van vóór de herindeling zijn meegeteld.")
        }

        // The earliest month any part of the report needs, and one before it for a missing starting stand.
        let reeksStart = periode.tot.adding(months: -(Self.reeksMaanden - 1))
        let earliest = min(periode.vorigJaar.van, periode.vorige.van, reeksStart).adding(months: -1)

        // Volume: the benchmark, or the registration where no benchmark exists.
        var volume: VolumeSectie?
        var reeks: [Month: VolumeMaand] = [:]
        var bron: VolumeBron?
        for candidate in [
            VolumeBron(bronId: 1, code: "benchmark", eenheid: "uitkeringen"),
            VolumeBron(bronId: 2, code: "registratie", eenheid: "dossiers"),
        ] {
            let series = try volumeReeks(
                components, bron: candidate, regelingen: request.regelingen, van: earliest, tot: periode.tot, bronnen: &bronnen)
            if periode.months.contains(where: { series[$0] != nil }) {
                reeks = series
                bron = candidate
                break
            }
        }
        let jaar = periode.tot.year
        let inwoners = try inwonersPerGemeente()
        let eigenInwoners = Self.nearest(inwoners[gemeente.id], to: jaar)
        if let bron, let cijfers = VolumeBerekening.cijfers(reeks, periode: periode) {
            if bron.code == "registratie" {
                warnings.append("Geen benchmarkcijfers voor deze periode: volume uit de eigen registratie (eenheid dossiers).")
            }
            let missing = periode.months.filter { reeks[$0] == nil }
            if !missing.isEmpty {
                warnings.append(
                    "Geen volumecijfers voor \(missing.map(\.code).joined(separator: ", ")); de periodecijfers gaan over \(cijfers.maanden_met_cijfers) van de \(periode.maanden) maanden."
                )
            }
            let voorlopig = periode.months.contains { reeks[$0]?.voorlopig == true }
            if voorlopig { warnings.append("Een deel van de volumecijfers is voorlopig.") }
            let vorige = VolumeBerekening.cijfers(reeks, periode: periode.vorige)
            let vorigJaar = VolumeBerekening.cijfers(reeks, periode: periode.vorigJaar)
            if vorige == nil { warnings.append("Geen cijfers voor de vorige periode (\(periode.vorige.code)).") }
            if vorigJaar == nil { warnings.append("Geen cijfers voor dezelfde periode vorig jaar (\(periode.vorigJaar.code)).") }
            if (cijfers.uitstroom_per_reden["onbekend"]?.waarde ?? 0) > 0 {
                warnings.append("Een deel van de uitstroom heeft geen bekende reden (onbekend); de verdeling telt dat deel mee.")
            }
            let per1000 = zip(cijfers.stand_eind?.waarde, eigenInwoners).map { Double($0) * 1000 / Double($1) }
            volume = VolumeSectie(
                eenheid: bron.eenheid, bron: bron.code, regelingen: request.regelingen.map(\.rawValue),
                status: voorlopig ? "voorlopig" : "definitief", cijfers: cijfers, vorige_periode: vorige, vorig_jaar: vorigJaar,
                per_1000_inwoners: per1000)
        } else {
            warnings.append("Geen volumecijfers (benchmark of registratie) voor \(periode.code): de volumesectie ontbreekt.")
        }

        // Comparison group (benchmark only: registrations are not comparable across gemeenten).
        var vergelijking: Vergelijking?
        var groepMediaanPerMaand: [Month: (per1000: Double?, instroom: Double?, uitstroom: Double?)] = [:]
        if let volume, bron?.code == "benchmark" {
            let groep = try groupMembers(request.vergelijk, gemeente: gemeente.id, jaar: jaar, inwoners: inwoners, op: periode.van)
            let months = try memberMonths(
                van: min(periode.van, reeksStart), tot: periode.tot, regelingen: request.regelingen,
                leden: groep.leden.union([gemeente.id]))
            let perGemeente = Self.memberFigures(months, in: periode)
            var instroom: [Double] = []
            var uitstroom: [Double] = []
            var dichtheid: [Double] = []
            var eigenIn: Double?
            var eigenUit: Double?
            var eigenDichtheid: Double?
            // In gemeente order, so the mean adds up the same way in every run.
            for (id, figures) in perGemeente.sorted(by: { $0.key < $1.key }) where groep.leden.contains(id) || id == gemeente.id {
                guard figures.maanden == periode.maanden, figures.standBegin > 0 else { continue }
                let inPct = figures.instroom * 100 / figures.standBegin
                let uitPct = figures.uitstroom * 100 / figures.standBegin
                let density = Self.nearest(inwoners[id], to: jaar).flatMap { people in figures.standEind.map { $0 * 1000 / Double(people) }
                }
                if id == gemeente.id {
                    // On current borders the gemeente's own value is the restated one.
                    eigenIn = volume.instroom_pct_per_maand
                    eigenUit = volume.uitstroom_pct_per_maand
                    eigenDichtheid = volume.per_1000_inwoners
                    if let value = eigenIn { instroom.append(value) }
                    if let value = eigenUit { uitstroom.append(value) }
                    if let value = eigenDichtheid { dichtheid.append(value) }
                } else {
                    instroom.append(inPct)
                    uitstroom.append(uitPct)
                    if let density { dichtheid.append(density) }
                }
            }
            if instroom.count < 2 {
                warnings.append(
                    "Te weinig gemeenten in de vergelijkingsgroep '\(groep.naam)' met cijfers voor alle maanden van \(periode.code): geen vergelijking."
                )
            } else {
                vergelijking = Vergelijking(
                    groep: groep.naam, n: instroom.count,
                    instroom_pct_per_maand: Groepsstatistiek.vergelijk(eigenIn, leden: instroom),
                    uitstroom_pct_per_maand: Groepsstatistiek.vergelijk(eigenUit, leden: uitstroom),
                    per_1000_inwoners: Groepsstatistiek.vergelijk(eigenDichtheid, leden: dichtheid))
            }
            groepMediaanPerMaand = Self.groupMedianSeries(
                months.filter { $0.maand >= reeksStart }, leden: groep.leden.union([gemeente.id]), inwoners: inwoners)
        } else if volume != nil {
            warnings.append("Geen vergelijking met andere gemeenten: die is alleen mogelijk op benchmarkcijfers.")
        }

        let reeksPunten = (0..<Self.reeksMaanden).map { reeksStart.adding(months: $0) }.map { month -> ReeksPunt in
            let punt = reeks[month]
            let begin = VolumeBerekening.standBegin(month, reeks)
            let mediaan = groepMediaanPerMaand[month]
            return ReeksPunt(
                maand: month.code, stand_eind: punt?.standEind.map { Telling(VolumeBerekening.rounded($0)) },
                instroom_pct: punt.flatMap { p in begin.flatMap { $0 > 0 ? p.instroom * 100 / $0 : nil } },
                uitstroom_pct: punt.flatMap { p in begin.flatMap { $0 > 0 ? p.uitstroom * 100 / $0 : nil } },
                per_1000_inwoners: zip(punt?.standEind, Self.nearest(inwoners[gemeente.id], to: month.year)).map { $0 * 1000 / Double($1) },
                groep_mediaan_per_1000_inwoners: mediaan?.per1000, groep_mediaan_instroom_pct: mediaan?.instroom,
                groep_mediaan_uitstroom_pct: mediaan?.uitstroom,
                instroom: punt.map { Telling(VolumeBerekening.rounded($0.instroom)) },
                uitstroom: punt.map { Telling(VolumeBerekening.rounded($0.uitstroom)) })
        }

        let budget = try budgetSection(gemeente: gemeente, periode: periode, warnings: &warnings, bronnen: &bronnen)
        let doelen = try DoelenQuery(db: db).doelen(
            gemeente: gemeente.id, periode: periode, volume: volume, budget: budget, warnings: &warnings)

        var report = Report(
            gemeente: GemeenteInfo(code: gemeente.code, naam: gemeente.naam), periode: PeriodeInfo(periode),
            grenzen: request.grenzenHuidig ? "huidig" : "historisch", openbaar: false, volume: volume,
            vergelijking: vergelijking, budget: budget, doelen: doelen, bronnen: try sources(bronnen),
            waarschuwingen: warnings, reeks: reeksPunten,
            // SQLite's clock, as the ledger's: a Foundation date formatter costs more to create than the report's queries.
            gemaakt_op: try request.gemaaktOp ?? String.fetchOne(db, sql: "SELECT strftime('%Y-%m-%dT%H:%M:%SZ', 'now')")!)
        if request.openbaar { report = Onderdrukking.pasToe(report) }
        return report
    }

    // MARK: composition on current borders

    /// The gemeente and every predecessor whose history counts for it, with the
    /// product of the transfer shares along the way and the date its own rows stop counting.
    func composition(of id: Int) throws -> [Component] {
        let rows = try Row.fetchAll(
            db,
            sql: """
                WITH RECURSIVE voorganger(gemeente_id, gewicht, tot, diepte) AS (
                    SELECT ?, 1.0, NULL, 0
                    UNION ALL
                    SELECT h.oud_id, v.gewicht * h.aandeel, h.datum, v.diepte + 1
                    FROM brug_herindeling h JOIN voorganger v ON h.nieuw_id = v.gemeente_id
                    WHERE h.oud_id <> h.nieuw_id AND v.diepte < 20
                )
                SELECT gemeente_id, sum(gewicht), max(tot) FROM voorganger GROUP BY gemeente_id ORDER BY min(diepte), gemeente_id
                """,
            arguments: [id])
        return rows.map { Component(id: $0[0], gewicht: $0[1], tot: $0[2]) }
    }

    // MARK: volume

    struct BronGebruik {
        var secties = Set<String>()
        var voorlopig = false
        var peilmaand: String?
    }

    /// The monthly series of stand, flows and reasons, summed over regelingen and components.
    func volumeReeks(
        _ components: [Component], bron: VolumeBron, regelingen: [Regeling], van: Month, tot: Month,
        bronnen: inout [Int64: BronGebruik]
    ) throws -> [Month: VolumeMaand] {
        let (values, arguments) = Self.componentValues(components)
        let regelingList = regelingen.map { String($0.id) }.joined(separator: ", ")
        let filter = """
            f.maand_id BETWEEN \(van.id) AND \(tot.id) AND f.bron_id = \(bron.bronId) AND f.eenheid = '\(bron.eenheid)'
              AND f.regeling_id IN (\(regelingList)) AND (c.tot IS NULL OR m.eerste_dag < c.tot)
            """
        var reeks: [Month: VolumeMaand] = [:]
        let rows = try Row.fetchAll(
            db,
            sql: """
                WITH c(gemeente_id, gewicht, tot) AS (VALUES \(values))
                SELECT f.maand_id,
                       CASE WHEN count(f.stand_begin) = count(*) THEN sum(c.gewicht * f.stand_begin) END,
                       sum(c.gewicht * f.instroom), sum(c.gewicht * f.uitstroom),
                       CASE WHEN count(f.stand_eind) = count(*) THEN sum(c.gewicht * f.stand_eind) END,
                       max(f.status = 'voorlopig')
                FROM fact_volume_maand f
                JOIN c ON c.gemeente_id = f.gemeente_id
                JOIN dim_maand m ON m.maand_id = f.maand_id
                WHERE \(filter)
                GROUP BY f.maand_id
                """,
            arguments: arguments)
        for row in rows {
            guard let month = Month(id: row[0]) else { continue }
            reeks[month] = VolumeMaand(
                maand: month, standBegin: row[1], instroom: row[2], uitstroom: row[3], standEind: row[4], voorlopig: row[5])
        }
        let reasons = try Row.fetchAll(
            db,
            sql: """
                WITH c(gemeente_id, gewicht, tot) AS (VALUES \(values))
                SELECT f.maand_id, CASE WHEN d.code GLOB '[0-9]*' THEN d.groep ELSE d.code END, sum(c.gewicht * f.aantal)
                FROM fact_stroom_reden_maand f
                JOIN c ON c.gemeente_id = f.gemeente_id
                JOIN dim_maand m ON m.maand_id = f.maand_id
                JOIN dim_reden d ON d.reden_id = f.reden_id
                WHERE \(filter) AND f.richting = 'uitstroom'
                GROUP BY 1, 2
                """,
            arguments: arguments)
        for row in reasons {
            guard let month = Month(id: row[0]) else { continue }
            reeks[month]?.uitstroomPerReden[row[1], default: 0] += row[2]
        }
        // Lineage: the loads behind the figures of the reported months.
        let batches = try Row.fetchAll(
            db,
            sql: """
                WITH c(gemeente_id, gewicht, tot) AS (VALUES \(values))
                SELECT f.batch_id, max(f.status = 'voorlopig'), max(m.maand)
                FROM fact_volume_maand f
                JOIN c ON c.gemeente_id = f.gemeente_id
                JOIN dim_maand m ON m.maand_id = f.maand_id
                WHERE \(filter)
                GROUP BY f.batch_id
                """,
            arguments: arguments)
        for row in batches {
            var usage = bronnen[row[0]] ?? BronGebruik()
            usage.secties.insert("volume")
            usage.voorlopig = usage.voorlopig || row[1]
            let peil: String = row[2]
            usage.peilmaand = max(usage.peilmaand ?? peil, peil)
            bronnen[row[0]] = usage
        }
        return reeks
    }

    static func componentValues(_ components: [Component]) -> (String, StatementArguments) {
        let values = components.map { _ in "(?, ?, ?)" }.joined(separator: ", ")
        var arguments = StatementArguments()
        for component in components {
            _ = arguments.append(contentsOf: [component.id, component.gewicht, component.tot])
        }
        return (values, arguments)
    }

    // MARK: comparison group

    struct Groep {
        var naam: String
        var leden: Set<Int>
    }

    /// Inhabitants per gemeente per year.
    func inwonersPerGemeente() throws -> [Int: [Int: Int]] {
        if let known = shared?.inwoners { return known }
        var result: [Int: [Int: Int]] = [:]
        let rows = try FastStatement(db, "SELECT gemeente_id, jaar, inwoners FROM fact_inwoners")
        while try rows.step() {
            result[Int(rows.int64(0)), default: [:]][Int(rows.int64(1))] = Int(rows.int64(2))
        }
        shared?.inwoners = result
        return result
    }

    /// Inhabitants on 1 January of `year`, or of the nearest year available (the earlier one on a tie).
    static func nearest(_ byYear: [Int: Int]?, to year: Int) -> Int? {
        guard let byYear, !byYear.isEmpty else { return nil }
        if let exact = byYear[year] { return exact }
        let best = byYear.keys.min { lhs, rhs in
            let (a, b) = (abs(lhs - year), abs(rhs - year))
            return a != b ? a < b : lhs < rhs
        }!
        return byYear[best]
    }

    func groupMembers(_ name: String?, gemeente: Int, jaar: Int, inwoners: [Int: [Int: Int]], op month: Month) throws -> Groep {
        let sizeClasses = ["tot 50.000", "50.000 tot 100.000", "100.000 en meer"]
        let requested = name.map { TextFolding.foldName($0) }
        if let requested, let named = sizeClasses.first(where: { TextFolding.foldName($0) == requested }) {
            return sizeClass(named, jaar: jaar, inwoners: inwoners)
        }
        if let name, let requested {
            let day = month.firstDay.iso
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT groep, gemeente_id FROM brug_groep
                    WHERE groep_sleutel = ? AND geldig_vanaf <= ? AND (geldig_tot IS NULL OR geldig_tot > ?)
                    """,
                arguments: [requested, day, day])
            guard let first = rows.first else {
                let known = try String.fetchAll(db, sql: "SELECT DISTINCT groep FROM brug_groep ORDER BY 1")
                throw ReportError.unknownGroup(name, known: known)
            }
            return Groep(naam: first[0], leden: Set(rows.map { $0[1] }))
        }
        guard let own = Self.nearest(inwoners[gemeente], to: jaar) else {
            return Groep(naam: "onbekende grootteklasse", leden: [])
        }
        return sizeClass(Groepsstatistiek.grootteklasse(inwoners: own), jaar: jaar, inwoners: inwoners)
    }

    func sizeClass(_ naam: String, jaar: Int, inwoners: [Int: [Int: Int]]) -> Groep {
        var leden = Set<Int>()
        for (id, byYear) in inwoners {
            if let count = Self.nearest(byYear, to: jaar), Groepsstatistiek.grootteklasse(inwoners: count) == naam {
                leden.insert(id)
            }
        }
        return Groep(naam: naam, leden: leden)
    }

    struct MemberFigures {
        var standBegin: Double = 0
        var instroom: Double = 0
        var uitstroom: Double = 0
        var standEind: Double?
        var maanden = 0
    }

    /// One gemeente's benchmark month as delivered, summed over the regelingen.
    struct MemberMonth {
        var gemeente: Int
        var maand: Month
        var standBegin: Double?
        /// Every regeling delivered a starting stand.
        var complete: Bool
        var instroom: Double
        var uitstroom: Double
        var standEind: Double?
    }

    /// Every gemeente's benchmark months in a range: one query serves the group
    /// statistics of the period and the group medians of the chart.
    /// Only the group's members are read, each through the primary key (gemeente, then
    /// month): the work follows the size of the group and the period, not the years stored.
    /// In a batch of reports, every gemeente's months are read once and each report takes its group's.
    func memberMonths(van: Month, tot: Month, regelingen: [Regeling], leden: Set<Int>) throws -> [MemberMonth] {
        guard !leden.isEmpty else { return [] }
        if let shared {
            let key = ReportBatch.MonthsKey(van: van, tot: tot, regelingen: regelingen)
            let all: [MemberMonth]
            if let known = shared.memberMonths[key] {
                all = known
            } else {
                all = try fetchMemberMonths(van: van, tot: tot, regelingen: regelingen, leden: nil)
                shared.memberMonths[key] = all
            }
            return all.filter { leden.contains($0.gemeente) }
        }
        return try fetchMemberMonths(van: van, tot: tot, regelingen: regelingen, leden: leden)
    }

    /// The members' monthly sums over the regelingen; all gemeenten when `leden` is nil.
    /// For the four benefit regelingen together (the default) the sums are kept ready in
    /// `agg_volume_maand`: one row per member and month instead of four.
    private func fetchMemberMonths(van: Month, tot: Month, regelingen: [Regeling], leden: Set<Int>?) throws -> [MemberMonth] {
        let ledenFilter = leden.map { "gemeente_id IN (\($0.sorted().map(String.init).joined(separator: ", "))) AND " } ?? ""
        let ids = regelingen.map(\.id)
        let source = Set(ids) == Set(VolumeAggregate.regelingIds) ? "agg_volume_maand" : "(\(VolumeAggregate.sums(regelingIds: ids)))"
        let sql = """
            SELECT gemeente_id, maand_id, stand_begin, begin_compleet, instroom, uitstroom, stand_eind
            FROM \(source)
            WHERE \(ledenFilter)maand_id BETWEEN ? AND ?
            """
        // Thousands of integer rows, read straight from SQLite.
        var result: [MemberMonth] = []
        result.reserveCapacity((leden?.count ?? 400) * (van.distance(to: tot) + 1))
        let rows = try FastStatement(db, sql)
        rows.bind(1, van.id)
        rows.bind(2, tot.id)
        while try rows.step() {
            guard let month = Month(id: Int(rows.int64(1))) else { continue }
            result.append(
                MemberMonth(
                    gemeente: Int(rows.int64(0)), maand: month, standBegin: rows.isNull(2) ? nil : Double(rows.int64(2)),
                    complete: rows.int64(3) != 0, instroom: Double(rows.int64(4)), uitstroom: Double(rows.int64(5)),
                    standEind: rows.isNull(6) ? nil : Double(rows.int64(6))))
        }
        return result
    }

    /// Per gemeente (as delivered): flows, starting stands and months with complete figures in the period.
    static func memberFigures(_ months: [MemberMonth], in periode: Periode) -> [Int: MemberFigures] {
        var result: [Int: MemberFigures] = [:]
        for month in months where periode.contains(month.maand) && month.complete {
            var figures = result[month.gemeente] ?? MemberFigures()
            figures.standBegin += month.standBegin ?? 0
            figures.instroom += month.instroom
            figures.uitstroom += month.uitstroom
            figures.maanden += 1
            if month.maand == periode.tot { figures.standEind = month.standEind }
            result[month.gemeente] = figures
        }
        return result
    }

    /// The group median per month, for the chart: density and the two percentages.
    static func groupMedianSeries(_ months: [MemberMonth], leden: Set<Int>, inwoners: [Int: [Int: Int]])
        -> [Month: (per1000: Double?, instroom: Double?, uitstroom: Double?)]
    {
        var perMonth: [Month: (per1000: [Double], instroom: [Double], uitstroom: [Double])] = [:]
        for member in months where leden.contains(member.gemeente) {
            // Appended in place: taking the entry out and putting it back would copy its arrays each time.
            if member.complete, let begin = member.standBegin, begin > 0 {
                perMonth[member.maand, default: ([], [], [])].instroom.append(member.instroom * 100 / begin)
                perMonth[member.maand, default: ([], [], [])].uitstroom.append(member.uitstroom * 100 / begin)
            }
            if let eind = member.standEind, let people = nearest(inwoners[member.gemeente], to: member.maand.year), people > 0 {
                perMonth[member.maand, default: ([], [], [])].per1000.append(eind * 1000 / Double(people))
            } else if perMonth[member.maand] == nil {
                perMonth[member.maand] = ([], [], [])
            }
        }
        var result: [Month: (per1000: Double?, instroom: Double?, uitstroom: Double?)] = [:]
        for (month, entry) in perMonth {
            result[month] = (
                Groepsstatistiek.mediaan(entry.per1000), Groepsstatistiek.mediaan(entry.instroom),
                Groepsstatistiek.mediaan(entry.uitstroom)
            )
        }
        return result
    }

    // MARK: budget

    func budgetSection(gemeente: GemeenteRef, periode: Periode, warnings: inout [String], bronnen: inout [Int64: BronGebruik]) throws
        -> BudgetSectie?
    {
        let jaar = periode.tot.year
        let (input, herkomst) = try BuigQuery.saldoInput(db, gemeente: gemeente.id, jaar: jaar, totMaand: periode.tot.month)
        switch SaldoBerekening.bereken(input) {
        case .failure(let problem):
            warnings.append("Geen BUIG-sectie: \(problem).")
            return nil
        case .success(let saldo):
            warnings.append(contentsOf: saldo.waarschuwingen.map { $0.prefix(1).uppercased() + $0.dropFirst() + "." })
            if let batch = herkomst.budgetBatch {
                var usage = bronnen[batch] ?? BronGebruik()
                usage.secties.insert("budget")
                usage.peilmaand = "\(jaar) (\(saldo.versie.rawValue))"
                usage.voorlopig = saldo.versie != .definitief
                bronnen[batch] = usage
            }
            for batch in herkomst.lastenBatches {
                var usage = bronnen[batch] ?? BronGebruik()
                usage.secties.insert("lasten")
                usage.peilmaand = herkomst.laatsteLastenMaand
                bronnen[batch] = usage
            }
            func euro(_ cents: Int64) -> Double { Double(cents) / 100 }
            var cumulative: Int64 = 0
            let perMaand = (1...periode.tot.month).map { month -> BudgetMaand in
                let value = input.nettoLastenPerMaand[month]
                if let value { cumulative += value }
                return BudgetMaand(
                    maand: Month(year: jaar, month: month)!.code, netto_lasten_cumulatief: value == nil ? nil : euro(cumulative),
                    budget_naar_rato: euro(SaldoBerekening.divideRounded(saldo.budgetCent * Int64(month), by: 12)))
            }
            return BudgetSectie(
                jaar: jaar, versie: saldo.versie.rawValue, budget: euro(saldo.budgetCent), netto_lasten: euro(saldo.nettoLastenCent),
                budget_naar_rato: euro(saldo.budgetNaarRatoCent), saldo_tot_nu: euro(saldo.saldoTotNuCent),
                prognose_netto_lasten: euro(saldo.prognoseNettoLastenCent), prognose_methode: saldo.prognoseMethode,
                prognose_saldo: euro(saldo.prognoseSaldoCent), prognose_saldo_pct: saldo.prognoseSaldoPct.map { ($0 * 10).rounded() / 10 },
                uitkomst: saldo.uitkomst.rawValue, vangnet_drempel_pct: saldo.vangnet?.drempelPct,
                boven_vangnetdrempel: saldo.vangnet?.bovenDrempel,
                vangnet_indicatieve_vergoeding: saldo.vangnet?.indicatieveVergoedingCent.map(euro),
                maanden_gerealiseerd: saldo.maandenGerealiseerd, per_maand: perMaand)
        }
    }

    // MARK: sources

    func sources(_ usage: [Int64: BronGebruik]) throws -> [Bron] {
        try usage.keys.sorted().compactMap { batch in
            guard
                let row = try Row.fetchOne(
                    db, sql: "SELECT soort, bestand, coalesce(geeindigd_op, gestart_op) FROM load_batch WHERE batch_id = ?",
                    arguments: [batch])
            else { return nil }
            let use = usage[batch]!
            return Bron(
                batch: batch, soort: row[0], bestand: row[1], geladen_op: row[2], status: use.voorlopig ? "voorlopig" : "definitief",
                peilmaand: use.peilmaand, gebruikt_voor: use.secties.sorted().joined(separator: ", "))
        }
    }
}

/// Both optionals present, as a pair.
func zip<A, B>(_ a: A?, _ b: B?) -> (A, B)? {
    guard let a, let b else { return nil }
    return (a, b)
}

/// What a batch of reports made in one read of the warehouse share, filled by
/// the first report that needs each part. Use one per read transaction: it
/// holds figures as they were in that read.
///
/// ```swift
/// let batch = ReportBatch()
/// let reports = try warehouse.database.read { db in
///     try requests.map { try ReportBuilder(db, batch: batch).build($0) }
/// }
/// ```
public final class ReportBatch {
    struct MonthsKey: Hashable {
        var van: Month
        var tot: Month
        var regelingen: [Regeling]
    }

    var inwoners: [Int: [Int: Int]]?
    var memberMonths: [MonthsKey: [ReportBuilder.MemberMonth]] = [:]

    public init() {}
}
