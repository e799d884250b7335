import BijstandCore

/// A period report built by hand with round, known numbers, so a renderer test can
/// say exactly which figure must appear where. Renderers never read the database,
/// and neither do their tests.
///
/// The figures are shaped after the demo's Haarlemmermeer (GM0394) report for 2026-T2
/// (`bijstand demo`, then `bijstand report --gemeente GM0394 --periode 2026-T2 --format json`),
/// rounded; `opleiding` is set to 3 so the public version has a suppressed count.
enum ReportFixture {
    static let periode = try! Periode.parse("2026-T2").get()

    static func report(naam: String = "Haarlemmermeer") -> Report {
        let cijfers = VolumeCijfers(
            stand_begin: 3199, instroom: 360, uitstroom: 349, stand_eind: 3210, netto_mutatie: 11,
            instroom_pct_per_maand: 2.8, uitstroom_pct_per_maand: 2.7,
            uitstroom_per_reden: ["werk": 105, "overig": 189, "verhuizing": 52, "opleiding": 3], maanden_met_cijfers: 4)
        let vorigePeriode = VolumeCijfers(
            stand_begin: 3223, instroom: 344, uitstroom: 368, stand_eind: 3199, netto_mutatie: -24,
            instroom_pct_per_maand: 2.65, uitstroom_pct_per_maand: 2.85,
            uitstroom_per_reden: ["werk": 131, "overig": 171, "verhuizing": 47, "opleiding": 19], maanden_met_cijfers: 4)
        let volume = VolumeSectie(
            eenheid: "uitkeringen", bron: "benchmark", regelingen: ["PW", "IOAW", "IOAZ", "BBZ"], status: "voorlopig",
            cijfers: cijfers, vorige_periode: vorigePeriode, vorig_jaar: nil, per_1000_inwoners: 19.2)
        let vergelijking = Vergelijking(
            groep: "100.000 en meer", n: 32,
            instroom_pct_per_maand: GroepsVergelijking(gemeente: 2.8, mediaan: 3.0, gemiddelde: 2.95, percentiel: 25),
            uitstroom_pct_per_maand: GroepsVergelijking(gemeente: 2.7, mediaan: 2.7, gemiddelde: 2.75, percentiel: 50),
            per_1000_inwoners: GroepsVergelijking(gemeente: 19.2, mediaan: 23.4, gemiddelde: 25.4, percentiel: 12.5))
        // Budget € 65.066.728 a year: 1/12 per month naar rato; netto lasten € 5.200.000 a month.
        let perMaand = (1...8).map { month in
            BudgetMaand(
                maand: "2026-0\(month)", netto_lasten_cumulatief: Double(month) * 5_200_000,
                budget_naar_rato: (65_066_728 * Double(month) / 12 * 100).rounded() / 100)
        }
        let budget = BudgetSectie(
            jaar: 2026, versie: "nader voorlopig", budget: 65_066_728, netto_lasten: 41_600_000, budget_naar_rato: 43_377_818.67,
            saldo_tot_nu: 1_777_818.67, prognose_netto_lasten: 62_400_000, prognose_methode: "realisatie + 4 × het gemiddelde",
            prognose_saldo: 2_666_728, prognose_saldo_pct: 4.1, uitkomst: "overschot", vangnet_drempel_pct: 7.5,
            boven_vangnetdrempel: false, vangnet_indicatieve_vergoeding: 0, maanden_gerealiseerd: 8, per_maand: perMaand)
        let doel = Doel(
            indicator: "netto_bestandsreductie", minimum: 30, maximum: 50, realisatie: 38, gehaald: true,
            bron: "Beleidsplan 2026, p. 12", toelichting: nil)
        let bronnen = [
            Bron(
                batch: 5, soort: "benchmark", bestand: "benchmark-2026.csv", geladen_op: "2026-09-10T08:00:00Z", status: "voorlopig",
                peilmaand: "2026-08", gebruikt_voor: "volume"),
            Bron(
                batch: 7, soort: "budget", bestand: "budget.csv", geladen_op: "2026-09-10T08:01:00Z", status: "voorlopig",
                peilmaand: "2026 (nader voorlopig)", gebruikt_voor: "budget"),
        ]
        return Report(
            gemeente: GemeenteInfo(code: "GM0394", naam: naam), periode: PeriodeInfo(periode), grenzen: "huidig", openbaar: false,
            volume: volume, vergelijking: vergelijking, budget: budget, doelen: [doel], bronnen: bronnen,
            waarschuwingen: ["Een deel van de volumecijfers is voorlopig."], reeks: reeks(), gemaakt_op: "2026-09-10T08:05:00Z")
    }

    /// 24 months, 2024-09 up to 2026-08: per 1.000 inwoners 20,0 falling by 0,05 a month to 18,85
    /// (shown as 18,9), the median a flat 23,5; instroom 3,0% and uitstroom 2,5% against medians of
    /// 2,9% and 2,6%.
    static func reeks() -> [ReeksPunt] {
        var month = Month(year: 2024, month: 9)!
        return (0..<24).map { index in
            defer { month = month.adding(months: 1) }
            return ReeksPunt(
                maand: month.code, stand_eind: Telling(3230 - index), instroom_pct: 3.0, uitstroom_pct: 2.5,
                per_1000_inwoners: 20.0 - Double(index) * 0.05, groep_mediaan_per_1000_inwoners: 23.5,
                groep_mediaan_instroom_pct: 2.9, groep_mediaan_uitstroom_pct: 2.6)
        }
    }

    /// The public (raad) version: counts of 1 to 4 become "< 5".
    static func openbaar() -> Report {
        Onderdrukking.pasToe(report())
    }

    /// A report with a volume section but no series and no budget: every chart must give way to a note.
    static func zonderReeks() -> Report {
        var report = report()
        report.reeks = []
        report.budget = nil
        return report
    }
}
