/// One published version of a gemeente's BUIG budget for a year.
public struct BudgetVersion: Sendable, Equatable {
    public var versie: BudgetVersie
    public var bedragCent: Int64
    public var lksCent: Int64?
    public var publicatiedatum: String?
    public var batch: Int64?

    public init(versie: BudgetVersie, bedragCent: Int64, lksCent: Int64? = nil, publicatiedatum: String? = nil, batch: Int64? = nil) {
        self.versie = versie
        self.bedragCent = bedragCent
        self.lksCent = lksCent
        self.publicatiedatum = publicatiedatum
        self.batch = batch
    }
}

/// The vangnet parameters of one year (`param_vangnet`).
public struct VangnetRegel: Sendable, Equatable {
    public var jaar: Int
    /// A tekort above this percentage of the budget may qualify.
    public var drempelPct: Double
    /// Compensation bands: (upper bound of the band in % of the budget, share compensated in %).
    /// The last band has no upper bound (`nil`). Empty when the bands are unknown.
    public var banden: [(totPct: Double?, vergoedingPct: Double)]
    public var bron: String

    public init(jaar: Int, drempelPct: Double, banden: [(totPct: Double?, vergoedingPct: Double)] = [], bron: String = "") {
        self.jaar = jaar
        self.drempelPct = drempelPct
        self.banden = banden
        self.bron = bron
    }

    public static func == (lhs: VangnetRegel, rhs: VangnetRegel) -> Bool {
        lhs.jaar == rhs.jaar && lhs.drempelPct == rhs.drempelPct && lhs.bron == rhs.bron
            && lhs.banden.map { "\(String(describing: $0.totPct))|\($0.vergoedingPct)" }
                == rhs.banden.map { "\(String(describing: $0.totPct))|\($0.vergoedingPct)" }
    }
}

/// What the saldo calculation needs: budgets, monthly netto lasten, and how far into the year.
public struct SaldoInput: Sendable {
    public var jaar: Int
    /// The last month of the period (1...12): realisation runs from January up to and including it.
    public var totMaand: Int
    public var versies: [BudgetVersion]
    /// A named version instead of the newest available one.
    public var gevraagdeVersie: BudgetVersie?
    /// Netto lasten (lasten − baten, all regelingen) per month number 1...12, in cents; absent = not delivered.
    public var nettoLastenPerMaand: [Int: Int64]
    public var vangnet: VangnetRegel?

    public init(
        jaar: Int, totMaand: Int, versies: [BudgetVersion], gevraagdeVersie: BudgetVersie? = nil,
        nettoLastenPerMaand: [Int: Int64], vangnet: VangnetRegel? = nil
    ) {
        self.jaar = jaar
        self.totMaand = totMaand
        self.versies = versies
        self.gevraagdeVersie = gevraagdeVersie
        self.nettoLastenPerMaand = nettoLastenPerMaand
        self.vangnet = vangnet
    }
}

/// The vangnet indication: never a verdict, the real rules carry more conditions.
public struct VangnetIndicatie: Sendable, Equatable {
    public var drempelPct: Double
    /// The expected tekort as % of the budget (0 for an overschot).
    public var tekortPct: Double
    public var bovenDrempel: Bool
    /// An indication of the compensation under the bands, when the bands are known.
    public var indicatieveVergoedingCent: Int64?
    public var bron: String
}

/// Overschot (surplus), tekort (deficit) or exactly in balance.
public enum SaldoUitkomst: String, Sendable {
    case overschot, tekort
    case evenwicht = "in evenwicht"

    init(saldo: Int64) {
        self = saldo > 0 ? .overschot : saldo < 0 ? .tekort : .evenwicht
    }
}

/// The BUIG saldo of a year as known at the end of a period.
public struct Saldo: Sendable, Equatable {
    public var jaar: Int
    public var totMaand: Int
    public var versie: BudgetVersie
    public var budgetCent: Int64
    public var budgetLksCent: Int64?
    /// Netto lasten from January up to and including `totMaand`, over the months delivered.
    public var nettoLastenCent: Int64
    /// Months in January...totMaand with costs delivered.
    public var maandenGerealiseerd: Int
    /// Months in January...totMaand without costs.
    public var ontbrekendeMaanden: [Int]
    /// Budget × months elapsed / 12.
    public var budgetNaarRatoCent: Int64
    /// Budget naar rato − netto lasten: the saldo so far.
    public var saldoTotNuCent: Int64
    public var prognoseNettoLastenCent: Int64
    /// How the prognosis was made, in words for the report.
    public var prognoseMethode: String
    public var prognoseSaldoCent: Int64
    /// Prognose saldo as % of the budget; nil when the budget is 0.
    public var prognoseSaldoPct: Double?
    public var uitkomst: SaldoUitkomst
    public var vangnet: VangnetIndicatie?
    public var waarschuwingen: [String]
}

/// Why no saldo could be computed.
public enum SaldoProbleem: Error, Equatable, CustomStringConvertible {
    case geenBudget(jaar: Int)
    case versieOntbreekt(jaar: Int, versie: BudgetVersie, beschikbaar: [BudgetVersie])
    case geenLasten(jaar: Int)
    case ongeldigeMaand(Int)

    public var description: String {
        switch self {
        case .geenBudget(let jaar):
            return "there is no BUIG budget for \(jaar); load one with `bijstand ingest budget`"
        case .versieOntbreekt(let jaar, let versie, let beschikbaar):
            let available = beschikbaar.isEmpty ? "none" : beschikbaar.map(\.rawValue).joined(separator: ", ")
            return "there is no \(versie.rawValue) budget for \(jaar) (available: \(available))"
        case .geenLasten(let jaar):
            return "there are no lasten for \(jaar) up to the end of the period; load them with `bijstand ingest lasten`"
        case .ongeldigeMaand(let maand):
            return "month \(maand) is not in 1...12"
        }
    }
}

/// The BUIG saldo logic: version choice, realisation, budget naar rato, the
/// prognosis for the year, saldo and the vangnet indication. Pure: no database.
///
/// ```swift
/// let input = SaldoInput(jaar: 2017, totMaand: 12,
///     versies: [BudgetVersion(versie: .definitief, bedragCent: 334_000_000_00)],
///     nettoLastenPerMaand: ..., vangnet: VangnetRegel(jaar: 2017, drempelPct: 5))
/// let saldo = try SaldoBerekening.bereken(input).get()   // tekort, −13,8%
/// ```
public enum SaldoBerekening {
    /// Months averaged for the prognosis of the remaining months.
    public static let prognoseMaanden = 3

    public static func bereken(_ input: SaldoInput) -> Result<Saldo, SaldoProbleem> {
        guard (1...12).contains(input.totMaand) else { return .failure(.ongeldigeMaand(input.totMaand)) }
        guard !input.versies.isEmpty else { return .failure(.geenBudget(jaar: input.jaar)) }
        let chosen: BudgetVersion
        if let gevraagd = input.gevraagdeVersie {
            guard let match = input.versies.first(where: { $0.versie == gevraagd }) else {
                return .failure(
                    .versieOntbreekt(
                        jaar: input.jaar, versie: gevraagd,
                        beschikbaar: input.versies.map(\.versie).sorted { $0.rank < $1.rank }))
            }
            chosen = match
        } else {
            chosen = input.versies.max { $0.versie.rank < $1.versie.rank }!
        }

        let delivered = (1...input.totMaand).filter { input.nettoLastenPerMaand[$0] != nil }
        guard !delivered.isEmpty else { return .failure(.geenLasten(jaar: input.jaar)) }
        let missing = (1...input.totMaand).filter { input.nettoLastenPerMaand[$0] == nil }
        let realised = delivered.reduce(Int64(0)) { $0 + input.nettoLastenPerMaand[$1]! }
        let naarRato = divideRounded(chosen.bedragCent * Int64(input.totMaand), by: 12)

        var warnings: [String] = []
        if !missing.isEmpty {
            warnings.append(
                "geen lasten geleverd voor maand(en) \(missing.map(String.init).joined(separator: ", ")) van \(input.jaar); de prognose schat ze"
            )
        }
        if chosen.versie != .definitief && input.gevraagdeVersie == nil {
            warnings.append("het budget \(input.jaar) is nog \(chosen.versie.rawValue): het definitieve budget kan afwijken")
        }

        let prognose: Int64
        let methode: String
        let estimated = 12 - delivered.count
        if estimated == 0 {
            prognose = realised
            methode = "jaar afgesloten: prognose = realisatie januari t/m december"
        } else {
            let basis = Array(delivered.suffix(prognoseMaanden))
            let basisSum = basis.reduce(Int64(0)) { $0 + input.nettoLastenPerMaand[$1]! }
            prognose = realised + divideRounded(basisSum * Int64(estimated), by: Int64(basis.count))
            let mean = divideRounded(basisSum, by: Int64(basis.count))
            methode =
                "realisatie over \(delivered.count) maand(en) + \(estimated) maand(en) × het gemiddelde van de laatste \(basis.count) gerealiseerde maand(en) (\(DutchFormat.euro(cents: mean)) per maand)"
        }
        let saldo = chosen.bedragCent - prognose
        let pct: Double? = chosen.bedragCent == 0 ? nil : Double(saldo) * 100 / Double(chosen.bedragCent)

        var indicatie: VangnetIndicatie?
        if let regel = input.vangnet, let pct {
            let tekortPct = saldo < 0 ? -pct : 0
            indicatie = VangnetIndicatie(
                drempelPct: regel.drempelPct, tekortPct: tekortPct, bovenDrempel: tekortPct > regel.drempelPct,
                indicatieveVergoedingCent: vergoeding(tekortPct: tekortPct, budget: chosen.bedragCent, regel: regel),
                bron: regel.bron)
        } else if input.vangnet == nil {
            warnings.append("geen vangnetparameters voor \(input.jaar) (param_vangnet): geen vangnetindicatie")
        }

        return .success(
            Saldo(
                jaar: input.jaar, totMaand: input.totMaand, versie: chosen.versie, budgetCent: chosen.bedragCent,
                budgetLksCent: chosen.lksCent, nettoLastenCent: realised, maandenGerealiseerd: delivered.count,
                ontbrekendeMaanden: missing, budgetNaarRatoCent: naarRato, saldoTotNuCent: naarRato - realised,
                prognoseNettoLastenCent: prognose, prognoseMethode: methode, prognoseSaldoCent: saldo,
                prognoseSaldoPct: pct, uitkomst: SaldoUitkomst(saldo: saldo), vangnet: indicatie,
                waarschuwingen: warnings))
    }

    /// The compensation the bands would give for a tekort (an indication only):
    /// each band's share of the tekort above the threshold, at its rate.
    static func vergoeding(tekortPct: Double, budget: Int64, regel: VangnetRegel) -> Int64? {
        guard !regel.banden.isEmpty else { return nil }
        guard tekortPct > regel.drempelPct else { return 0 }
        var lower = regel.drempelPct
        var total = 0.0
        for band in regel.banden {
            let upper = min(band.totPct ?? tekortPct, tekortPct)
            if upper > lower {
                total += (upper - lower) / 100 * Double(budget) * band.vergoedingPct / 100
            }
            lower = max(lower, upper)
            if lower >= tekortPct { break }
        }
        return Int64(total.rounded(.toNearestOrAwayFromZero))
    }

    /// Integer division rounded half away from zero: exact cents, no floating point.
    public static func divideRounded(_ numerator: Int64, by denominator: Int64) -> Int64 {
        precondition(denominator > 0)
        let quotient = numerator / denominator
        let remainder = numerator % denominator
        if 2 * abs(remainder) >= denominator {
            return quotient + (numerator < 0 ? -1 : 1)
        }
        return quotient
    }
}
