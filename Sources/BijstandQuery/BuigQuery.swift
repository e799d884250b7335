import BijstandCore
import GRDB

/// Reads what the saldo calculation needs from the warehouse; the calculation
/// itself is `SaldoBerekening` (pure, in BijstandCore).
public enum BuigQuery {
    /// The loads the figures came from, for the report's sources.
    public struct Herkomst: Sendable, Equatable {
        public var budgetBatch: Int64?
        public var lastenBatches: [Int64]
        /// The last month with costs delivered in the year, if any.
        public var laatsteLastenMaand: String?
    }

    /// Budgets, monthly netto lasten (all regelingen) and vangnet parameters for a gemeente and year.
    public static func saldoInput(
        _ db: Database, gemeente: Int, jaar: Int, totMaand: Int, versie: BudgetVersie? = nil
    ) throws -> (SaldoInput, Herkomst) {
        let versies = try Row.fetchAll(
            db,
            sql: """
                SELECT versie, bedrag_cent, bedrag_lks_cent, publicatiedatum, batch_id FROM fact_buig_budget
                WHERE gemeente_id = ? AND jaar = ? ORDER BY versie_rang
                """,
            arguments: [gemeente, jaar]
        ).compactMap { row -> BudgetVersion? in
            guard let versie = BudgetVersie(rawValue: row[0]) else { return nil }
            return BudgetVersion(versie: versie, bedragCent: row[1], lksCent: row[2], publicatiedatum: row[3], batch: row[4])
        }
        var perMaand: [Int: Int64] = [:]
        var batches = Set<Int64>()
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT m.maandnummer, sum(l.lasten_cent - l.baten_cent), group_concat(DISTINCT l.batch_id)
                FROM fact_buig_lasten_maand l JOIN dim_maand m ON m.maand_id = l.maand_id
                WHERE l.gemeente_id = ? AND m.jaar = ? AND m.maandnummer <= ?
                GROUP BY m.maandnummer
                """,
            arguments: [gemeente, jaar, totMaand])
        for row in rows {
            perMaand[row[0]] = row[1]
            for part in (row[2] as String? ?? "").split(separator: ",") {
                if let id = Int64(part) { batches.insert(id) }
            }
        }
        let vangnet = try Row.fetchOne(
            db,
            sql: """
                SELECT drempel_pct, band1_tot_pct, band1_vergoeding_pct, band2_tot_pct, band2_vergoeding_pct,
                       rest_vergoeding_pct, bron
                FROM param_vangnet WHERE jaar = ?
                """,
            arguments: [jaar]
        ).map { row -> VangnetRegel in
            var banden: [(totPct: Double?, vergoedingPct: Double)] = []
            if let tot1: Double = row[1], let v1: Double = row[2] {
                banden.append((tot1, v1))
                if let tot2: Double = row[3], let v2: Double = row[4] { banden.append((tot2, v2)) }
                if let rest: Double = row[5] { banden.append((nil, rest)) }
            }
            return VangnetRegel(jaar: jaar, drempelPct: row[0], banden: banden, bron: row[6])
        }
        let input = SaldoInput(
            jaar: jaar, totMaand: totMaand, versies: versies, gevraagdeVersie: versie, nettoLastenPerMaand: perMaand,
            vangnet: vangnet)
        let chosenBatch = (versie.flatMap { v in versies.first { $0.versie == v } } ?? versies.last)?.batch
        let last = perMaand.keys.max().flatMap { Month(year: jaar, month: $0)?.code }
        return (input, Herkomst(budgetBatch: chosenBatch, lastenBatches: batches.sorted(), laatsteLastenMaand: last))
    }
}
