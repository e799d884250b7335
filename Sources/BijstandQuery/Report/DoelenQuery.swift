import BijstandCore
import GRDB

/// Targets (`fact_doel`) for the report's period, set against their realisation.
struct DoelenQuery {
    let db: Database

    /// Indicators counted over the period; a whole-year target is applied naar rato to part of a year.
    static let countIndicators: Set<String> = ["instroom", "uitstroom", "uitstroom_werk", "netto_bestandsreductie"]
    /// Reason keys that count as uitstroom naar werk.
    static let werkRedenen: Set<String> = ["werk", "werk_regulier", "werk_gesubsidieerd"]

    func doelen(gemeente: Int, periode: Periode, volume: VolumeSectie?, budget: BudgetSectie?, warnings: inout [String]) throws -> [Doel] {
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT indicator, minimum, maximum, bron, periode FROM fact_doel
                WHERE gemeente_id = ? AND ((periode = ? ) OR (periode = '' AND jaar = ?))
                ORDER BY periode DESC, indicator
                """,
            arguments: [gemeente, periode.code, periode.tot.year])
        var seen = Set<String>()
        var result: [Doel] = []
        for row in rows {
            let indicator: String = row[0]
            guard seen.insert(indicator).inserted else { continue }  // a target for this very period wins over the year's
            var minimum: Double? = row[1]
            var maximum: Double? = row[2]
            let wholeYear = (row[4] as String).isEmpty
            var toelichting: String?
            if wholeYear, periode.maanden < 12, Self.countIndicators.contains(indicator) {
                let share = Double(periode.maanden) / 12
                minimum = minimum.map { $0 * share }
                maximum = maximum.map { $0 * share }
                toelichting = "jaardoel naar rato: \(periode.maanden)/12 van het jaar"
            }
            let realisatie = Self.realisatie(indicator, volume: volume, budget: budget)
            if realisatie == nil {
                warnings.append("Doel '\(indicator)': geen realisatie bekend voor \(periode.code).")
            }
            let gehaald = realisatie.map { value in
                (minimum.map { value >= $0 } ?? true) && (maximum.map { value <= $0 } ?? true)
            }
            result.append(
                Doel(
                    indicator: indicator, minimum: minimum, maximum: maximum, realisatie: realisatie, gehaald: gehaald,
                    bron: row[3], toelichting: toelichting))
        }
        return result
    }

    static func realisatie(_ indicator: String, volume: VolumeSectie?, budget: BudgetSectie?) -> Double? {
        func count(_ telling: Telling?) -> Double? {
            guard let telling, !telling.onderdrukt else { return nil }
            return Double(telling.waarde)
        }
        switch indicator {
        case "instroom": return count(volume?.instroom)
        case "uitstroom": return count(volume?.uitstroom)
        case "uitstroom_werk":
            guard let volume else { return nil }
            return Double(volume.uitstroom_per_reden.filter { werkRedenen.contains($0.key) }.reduce(0) { $0 + $1.value.waarde })
        case "netto_bestandsreductie":
            guard let begin = count(volume?.stand_begin), let eind = count(volume?.stand_eind) else { return nil }
            return begin - eind
        case "instroom_pct": return volume?.instroom_pct_per_maand
        case "uitstroom_pct": return volume?.uitstroom_pct_per_maand
        case "volume": return count(volume?.stand_eind)
        case "per_1000_inwoners": return volume?.per_1000_inwoners
        case "saldo_pct": return budget?.prognose_saldo_pct
        case "saldo": return budget?.prognose_saldo
        default: return nil
        }
    }
}
