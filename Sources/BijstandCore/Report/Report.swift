/// The period report as one value: what `bijstand report` computes once and
/// every renderer (text, Markdown, HTML, CSV, JSON, XLSX) turns into bytes.
/// Its JSON form is the contract of contract.md: keys are snake_case Dutch,
/// numbers are numbers, percentages in percent, money in euro with cents.
public struct Report: Codable, Sendable, Equatable {
    public var gemeente: GemeenteInfo
    public var periode: PeriodeInfo
    /// `huidig`: merged gemeenten's history counted under their successor; `historisch`: as delivered.
    public var grenzen: String
    /// Small counts suppressed for a public (raad) document.
    public var openbaar: Bool
    public var volume: VolumeSectie?
    public var vergelijking: Vergelijking?
    public var budget: BudgetSectie?
    public var doelen: [Doel]
    public var bronnen: [Bron]
    public var waarschuwingen: [String]
    /// Months up to the end of the period, for the charts (at most 24).
    public var reeks: [ReeksPunt]
    /// When the report was made (ISO 8601, UTC).
    public var gemaakt_op: String

    public init(
        gemeente: GemeenteInfo, periode: PeriodeInfo, grenzen: String, openbaar: Bool, volume: VolumeSectie?,
        vergelijking: Vergelijking?, budget: BudgetSectie?, doelen: [Doel], bronnen: [Bron], waarschuwingen: [String],
        reeks: [ReeksPunt], gemaakt_op: String
    ) {
        self.gemeente = gemeente
        self.periode = periode
        self.grenzen = grenzen
        self.openbaar = openbaar
        self.volume = volume
        self.vergelijking = vergelijking
        self.budget = budget
        self.doelen = doelen
        self.bronnen = bronnen
        self.waarschuwingen = waarschuwingen
        self.reeks = reeks
        self.gemaakt_op = gemaakt_op
    }

    enum CodingKeys: String, CodingKey {
        case gemeente, periode, grenzen, openbaar, volume, vergelijking, budget, doelen, bronnen, waarschuwingen, reeks,
            gemaakt_op
    }

    /// Encodes absent sections and values as `null` (the contract: a key without data is null),
    /// not as a missing key: every value inside goes through a `NullWritingEncoder`.
    public func encode(to encoder: Encoder) throws {
        var container = NullWritingEncoder(encoder).container(keyedBy: CodingKeys.self)
        try container.encode(gemeente, forKey: .gemeente)
        try container.encode(periode, forKey: .periode)
        try container.encode(grenzen, forKey: .grenzen)
        try container.encode(openbaar, forKey: .openbaar)
        try container.encode(volume, forKey: .volume)
        try container.encode(vergelijking, forKey: .vergelijking)
        try container.encode(budget, forKey: .budget)
        try container.encode(doelen, forKey: .doelen)
        try container.encode(bronnen, forKey: .bronnen)
        try container.encode(waarschuwingen, forKey: .waarschuwingen)
        try container.encode(reeks, forKey: .reeks)
        try container.encode(gemaakt_op, forKey: .gemaakt_op)
    }
}

public struct GemeenteInfo: Codable, Sendable, Equatable {
    public var code: String
    public var naam: String
    public init(code: String, naam: String) {
        self.code = code
        self.naam = naam
    }
}

public struct PeriodeInfo: Codable, Sendable, Equatable {
    public var code: String
    /// First day, ISO date, inclusive.
    public var van: String
    /// Last day, ISO date, inclusive.
    public var tot: String
    public var maanden: Int
    /// Dutch name for headings ("2e tertiaal 2024").
    public var naam: String

    public init(_ periode: Periode) {
        code = periode.code
        van = periode.van.firstDay.iso
        tot = periode.tot.lastDay.iso
        maanden = periode.maanden
        naam = periode.naam
    }
}

/// A count that may be suppressed in a public report: encodes as a number, or as "< 5".
public struct Telling: Codable, Sendable, Equatable, ExpressibleByIntegerLiteral {
    public var waarde: Int
    public var onderdrukt: Bool

    public init(_ waarde: Int, onderdrukt: Bool = false) {
        self.waarde = waarde
        self.onderdrukt = onderdrukt
    }

    public init(integerLiteral value: Int) {
        self.init(value)
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let number = try? container.decode(Int.self) {
            self.init(number)
        } else {
            _ = try container.decode(String.self)
            self.init(0, onderdrukt: true)
        }
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        if onderdrukt { try container.encode(Telling.onderdruktTekst) } else { try container.encode(waarde) }
    }

    /// How a suppressed count is written, as CBS does.
    public static let onderdruktTekst = "< 5"
}

/// Stand, flows and reasons of one period.
public struct VolumeCijfers: Codable, Sendable, Equatable {
    public var stand_begin: Telling?
    public var instroom: Telling
    public var uitstroom: Telling
    public var stand_eind: Telling?
    /// stand_eind − stand_begin.
    public var netto_mutatie: Int?
    /// Instroom ÷ the sum of the monthly starting stands × 100 (a weighted mean, "per maand").
    public var instroom_pct_per_maand: Double?
    public var uitstroom_pct_per_maand: Double?
    /// Uitstroom per reason (benchmark words, or the group of a BUS code); includes `onbekend`.
    public var uitstroom_per_reden: [String: Telling]
    /// Months in the period with figures.
    public var maanden_met_cijfers: Int

    public init(
        stand_begin: Telling?, instroom: Telling, uitstroom: Telling, stand_eind: Telling?, netto_mutatie: Int?,
        instroom_pct_per_maand: Double?, uitstroom_pct_per_maand: Double?, uitstroom_per_reden: [String: Telling],
        maanden_met_cijfers: Int
    ) {
        self.stand_begin = stand_begin
        self.instroom = instroom
        self.uitstroom = uitstroom
        self.stand_eind = stand_eind
        self.netto_mutatie = netto_mutatie
        self.instroom_pct_per_maand = instroom_pct_per_maand
        self.uitstroom_pct_per_maand = uitstroom_pct_per_maand
        self.uitstroom_per_reden = uitstroom_per_reden
        self.maanden_met_cijfers = maanden_met_cijfers
    }
}

/// The volume section: this period, the previous one and the same period last year.
public struct VolumeSectie: Codable, Sendable, Equatable {
    /// What is counted: uitkeringen (benchmark) or dossiers (registratie).
    public var eenheid: String
    /// benchmark or registratie.
    public var bron: String
    public var regelingen: [String]
    /// voorlopig when any figure in the period is provisional.
    public var status: String
    public var stand_begin: Telling?
    public var instroom: Telling
    public var uitstroom: Telling
    public var stand_eind: Telling?
    public var netto_mutatie: Int?
    public var instroom_pct_per_maand: Double?
    public var uitstroom_pct_per_maand: Double?
    public var uitstroom_per_reden: [String: Telling]
    public var maanden_met_cijfers: Int
    public var vorige_periode: VolumeCijfers?
    public var vorig_jaar: VolumeCijfers?
    /// Benefits per 1.000 inhabitants at the end of the period (inhabitants on 1 January).
    public var per_1000_inwoners: Double?

    public init(
        eenheid: String, bron: String, regelingen: [String], status: String, cijfers: VolumeCijfers,
        vorige_periode: VolumeCijfers?, vorig_jaar: VolumeCijfers?, per_1000_inwoners: Double?
    ) {
        self.eenheid = eenheid
        self.bron = bron
        self.regelingen = regelingen
        self.status = status
        stand_begin = cijfers.stand_begin
        instroom = cijfers.instroom
        uitstroom = cijfers.uitstroom
        stand_eind = cijfers.stand_eind
        netto_mutatie = cijfers.netto_mutatie
        instroom_pct_per_maand = cijfers.instroom_pct_per_maand
        uitstroom_pct_per_maand = cijfers.uitstroom_pct_per_maand
        uitstroom_per_reden = cijfers.uitstroom_per_reden
        maanden_met_cijfers = cijfers.maanden_met_cijfers
        self.vorige_periode = vorige_periode
        self.vorig_jaar = vorig_jaar
        self.per_1000_inwoners = per_1000_inwoners
    }

    /// This period's figures as one value.
    public var cijfers: VolumeCijfers {
        get {
            VolumeCijfers(
                stand_begin: stand_begin, instroom: instroom, uitstroom: uitstroom, stand_eind: stand_eind,
                netto_mutatie: netto_mutatie, instroom_pct_per_maand: instroom_pct_per_maand,
                uitstroom_pct_per_maand: uitstroom_pct_per_maand, uitstroom_per_reden: uitstroom_per_reden,
                maanden_met_cijfers: maanden_met_cijfers)
        }
        set {
            stand_begin = newValue.stand_begin
            instroom = newValue.instroom
            uitstroom = newValue.uitstroom
            stand_eind = newValue.stand_eind
            netto_mutatie = newValue.netto_mutatie
            instroom_pct_per_maand = newValue.instroom_pct_per_maand
            uitstroom_pct_per_maand = newValue.uitstroom_pct_per_maand
            uitstroom_per_reden = newValue.uitstroom_per_reden
            maanden_met_cijfers = newValue.maanden_met_cijfers
        }
    }
}

/// The gemeente against its comparison group for one percentage.
public struct GroepsVergelijking: Codable, Sendable, Equatable {
    public var gemeente: Double?
    public var mediaan: Double?
    public var gemiddelde: Double?
    /// Share of members with a lower value × 100.
    public var percentiel: Double?

    public init(gemeente: Double?, mediaan: Double?, gemiddelde: Double?, percentiel: Double?) {
        self.gemeente = gemeente
        self.mediaan = mediaan
        self.gemiddelde = gemiddelde
        self.percentiel = percentiel
    }
}

public struct Vergelijking: Codable, Sendable, Equatable {
    public var groep: String
    /// Members that delivered figures for every month of the period, the gemeente itself included.
    public var n: Int
    public var instroom_pct_per_maand: GroepsVergelijking
    public var uitstroom_pct_per_maand: GroepsVergelijking
    /// Benefits per 1.000 inhabitants at the end of the period.
    public var per_1000_inwoners: GroepsVergelijking

    public init(
        groep: String, n: Int, instroom_pct_per_maand: GroepsVergelijking, uitstroom_pct_per_maand: GroepsVergelijking,
        per_1000_inwoners: GroepsVergelijking
    ) {
        self.groep = groep
        self.n = n
        self.instroom_pct_per_maand = instroom_pct_per_maand
        self.uitstroom_pct_per_maand = uitstroom_pct_per_maand
        self.per_1000_inwoners = per_1000_inwoners
    }
}

/// The BUIG section: money in euro with cents.
public struct BudgetSectie: Codable, Sendable, Equatable {
    public var jaar: Int
    public var versie: String
    public var budget: Double
    public var netto_lasten: Double
    public var budget_naar_rato: Double
    public var saldo_tot_nu: Double
    public var prognose_netto_lasten: Double
    public var prognose_methode: String
    public var prognose_saldo: Double
    public var prognose_saldo_pct: Double?
    public var uitkomst: String
    public var vangnet_drempel_pct: Double?
    public var boven_vangnetdrempel: Bool?
    public var vangnet_indicatieve_vergoeding: Double?
    /// Months of costs realised (January up to the end of the period).
    public var maanden_gerealiseerd: Int
    /// Budget realisation per month: cumulative netto lasten against the budget naar rato, for the chart.
    public var per_maand: [BudgetMaand]

    public init(
        jaar: Int, versie: String, budget: Double, netto_lasten: Double, budget_naar_rato: Double, saldo_tot_nu: Double,
        prognose_netto_lasten: Double, prognose_methode: String, prognose_saldo: Double, prognose_saldo_pct: Double?,
        uitkomst: String, vangnet_drempel_pct: Double?, boven_vangnetdrempel: Bool?, vangnet_indicatieve_vergoeding: Double?,
        maanden_gerealiseerd: Int, per_maand: [BudgetMaand]
    ) {
        self.jaar = jaar
        self.versie = versie
        self.budget = budget
        self.netto_lasten = netto_lasten
        self.budget_naar_rato = budget_naar_rato
        self.saldo_tot_nu = saldo_tot_nu
        self.prognose_netto_lasten = prognose_netto_lasten
        self.prognose_methode = prognose_methode
        self.prognose_saldo = prognose_saldo
        self.prognose_saldo_pct = prognose_saldo_pct
        self.uitkomst = uitkomst
        self.vangnet_drempel_pct = vangnet_drempel_pct
        self.boven_vangnetdrempel = boven_vangnetdrempel
        self.vangnet_indicatieve_vergoeding = vangnet_indicatieve_vergoeding
        self.maanden_gerealiseerd = maanden_gerealiseerd
        self.per_maand = per_maand
    }
}

public struct BudgetMaand: Codable, Sendable, Equatable {
    public var maand: String
    public var netto_lasten_cumulatief: Double?
    public var budget_naar_rato: Double
    public init(maand: String, netto_lasten_cumulatief: Double?, budget_naar_rato: Double) {
        self.maand = maand
        self.netto_lasten_cumulatief = netto_lasten_cumulatief
        self.budget_naar_rato = budget_naar_rato
    }
}

/// A policy target against its realisation.
public struct Doel: Codable, Sendable, Equatable {
    public var indicator: String
    public var minimum: Double?
    public var maximum: Double?
    public var realisatie: Double?
    /// Nil when the realisation is unknown.
    public var gehaald: Bool?
    /// The policy document (and page) the target comes from.
    public var bron: String?
    /// How the target was applied (e.g. naar rato for part of a year).
    public var toelichting: String?

    public init(
        indicator: String, minimum: Double?, maximum: Double?, realisatie: Double?, gehaald: Bool?, bron: String?,
        toelichting: String?
    ) {
        self.indicator = indicator
        self.minimum = minimum
        self.maximum = maximum
        self.realisatie = realisatie
        self.gehaald = gehaald
        self.bron = bron
        self.toelichting = toelichting
    }
}

/// A load a figure of the report came from.
public struct Bron: Codable, Sendable, Equatable {
    public var batch: Int64
    public var soort: String
    public var bestand: String
    public var geladen_op: String
    /// voorlopig or definitief (of the figures used from this load).
    public var status: String
    /// The last month (or the year) of this source's figures used in the report.
    public var peilmaand: String?
    /// The report sections that use it.
    public var gebruikt_voor: String

    public init(
        batch: Int64, soort: String, bestand: String, geladen_op: String, status: String, peilmaand: String?,
        gebruikt_voor: String
    ) {
        self.batch = batch
        self.soort = soort
        self.bestand = bestand
        self.geladen_op = geladen_op
        self.status = status
        self.peilmaand = peilmaand
        self.gebruikt_voor = gebruikt_voor
    }
}

/// One month of the chart series.
public struct ReeksPunt: Codable, Sendable, Equatable {
    public var maand: String
    public var stand_eind: Telling?
    public var instroom_pct: Double?
    public var uitstroom_pct: Double?
    public var per_1000_inwoners: Double?
    public var groep_mediaan_per_1000_inwoners: Double?
    public var groep_mediaan_instroom_pct: Double?
    public var groep_mediaan_uitstroom_pct: Double?
    /// The month's flows, so a public version can withhold percentages that would reveal a small count.
    public var instroom: Telling?
    public var uitstroom: Telling?

    public init(
        maand: String, stand_eind: Telling?, instroom_pct: Double?, uitstroom_pct: Double?, per_1000_inwoners: Double?,
        groep_mediaan_per_1000_inwoners: Double?, groep_mediaan_instroom_pct: Double?, groep_mediaan_uitstroom_pct: Double?,
        instroom: Telling? = nil, uitstroom: Telling? = nil
    ) {
        self.instroom = instroom
        self.uitstroom = uitstroom
        self.maand = maand
        self.stand_eind = stand_eind
        self.instroom_pct = instroom_pct
        self.uitstroom_pct = uitstroom_pct
        self.per_1000_inwoners = per_1000_inwoners
        self.groep_mediaan_per_1000_inwoners = groep_mediaan_per_1000_inwoners
        self.groep_mediaan_instroom_pct = groep_mediaan_instroom_pct
        self.groep_mediaan_uitstroom_pct = groep_mediaan_uitstroom_pct
    }
}
