import ArgumentParser
import BijstandCore
import BijstandQuery
import BijstandRender
import BijstandWarehouse

struct SaldoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "saldo",
        abstract: "The BUIG saldo of a gemeente: realised so far, expected for the year, and the vangnet indication.",
        discussion: """
            Netto lasten = lasten − baten over all regelingen (PW, IOAW, IOAZ, Bbz, LKS), from January to \
            the end of --periode. The budget is the newest version loaded unless --versie names one. \
            The prognosis for the year is the realisation plus the months still to come at the mean of \
            the last three realised months; for a completed year it is the realisation. The vangnet \
            outcome is an indication, never a verdict.

            Examples:
              bijstand saldo --gemeente GM0518 --periode 2024-06
              bijstand saldo --gemeente "Den Haag" --periode 2023 --versie definitief --format json
            """)

    @OptionGroup var global: GlobalOptions
    @Option(help: ArgumentHelp("The gemeente (code in any form, or name).", valueName: "CODE")) var gemeente: String
    @Option(help: ArgumentHelp("The end of the period: a month (2024-06) or a year (2024 = through December).", valueName: "PERIODE"))
    var periode: String
    @Option(help: ArgumentHelp("voorlopig, nader voorlopig or definitief (default: the newest loaded).", valueName: "VERSIE"))
    var versie: String?
    @Option(help: "text or json.") var format: SaldoFormat = .text

    enum SaldoFormat: String, ExpressibleByArgument, CaseIterable { case text, json }

    func validate() throws {
        if case .failure = FieldParser.month(periode), case .failure = FieldParser.year(periode) {
            throw ValidationError("--periode '\(periode)' is neither a month (2024-06) nor a year (2024).")
        }
        if let versie, case .failure = FieldParser.budgetVersie(versie) {
            throw ValidationError("--versie '\(versie)' is not voorlopig, nader voorlopig or definitief.")
        }
    }

    struct Output: Encodable {
        let gemeente: GemeenteRef
        let jaar: Int
        let tot_maand: String
        let versie: String
        let budget: Double
        let netto_lasten: Double
        let maanden_gerealiseerd: Int
        let budget_naar_rato: Double
        let saldo_tot_nu: Double
        let prognose_netto_lasten: Double
        let prognose_methode: String
        let prognose_saldo: Double
        let prognose_saldo_pct: Double?
        let uitkomst: String
        let vangnet_drempel_pct: Double?
        let boven_vangnetdrempel: Bool?
        let vangnet_indicatieve_vergoeding: Double?
        let budget_batch: Int64?
        let lasten_batches: [Int64]
        let waarschuwingen: [String]
    }

    func run() throws {
        try runReportingErrors {
            let (jaar, maand): (Int, Int)
            if case .success(let month) = FieldParser.month(periode) {
                (jaar, maand) = (month.year, month.month)
            } else {
                (jaar, maand) = (try FieldParser.year(periode).get(), 12)
            }
            let requested = try versie.map { try FieldParser.budgetVersie($0).get() }
            let warehouse = try global.openExisting()
            let (ref, input, herkomst) = try warehouse.database.read { db in
                let ref = try GemeenteLookup.resolve(gemeente, in: db)
                let (input, herkomst) = try BuigQuery.saldoInput(db, gemeente: ref.id, jaar: jaar, totMaand: maand, versie: requested)
                return (ref, input, herkomst)
            }
            let saldo = try SaldoBerekening.bereken(input).get()
            func euro(_ cents: Int64) -> Double { Double(cents) / 100 }
            switch format {
            case .json:
                printOut(
                    try JSONOutput.encode(
                        Output(
                            gemeente: ref, jaar: jaar, tot_maand: Month(year: jaar, month: maand)!.code, versie: saldo.versie.rawValue,
                            budget: euro(saldo.budgetCent), netto_lasten: euro(saldo.nettoLastenCent),
                            maanden_gerealiseerd: saldo.maandenGerealiseerd, budget_naar_rato: euro(saldo.budgetNaarRatoCent),
                            saldo_tot_nu: euro(saldo.saldoTotNuCent), prognose_netto_lasten: euro(saldo.prognoseNettoLastenCent),
                            prognose_methode: saldo.prognoseMethode, prognose_saldo: euro(saldo.prognoseSaldoCent),
                            prognose_saldo_pct: saldo.prognoseSaldoPct.map { ($0 * 10).rounded() / 10 }, uitkomst: saldo.uitkomst.rawValue,
                            vangnet_drempel_pct: saldo.vangnet?.drempelPct, boven_vangnetdrempel: saldo.vangnet?.bovenDrempel,
                            vangnet_indicatieve_vergoeding: saldo.vangnet?.indicatieveVergoedingCent.map(euro),
                            budget_batch: herkomst.budgetBatch, lasten_batches: herkomst.lastenBatches, waarschuwingen: saldo.waarschuwingen
                        )))
            case .text:
                printOut(SaldoText.render(saldo, gemeente: ref, herkomst: herkomst))
            }
        }
    }
}

/// The saldo as a short text for the terminal.
enum SaldoText {
    static func render(_ saldo: Saldo, gemeente: GemeenteRef, herkomst: BuigQuery.Herkomst) -> String {
        let periode = "januari t/m \(Month(year: saldo.jaar, month: saldo.totMaand)!.code)"
        var table = TextTable(columns: ["BUIG \(saldo.jaar), \(gemeente.naam) (\(gemeente.code))", "bedrag"])
        table.numeric = [1]
        table.rows = [
            ["Budget (\(saldo.versie.rawValue))", DutchFormat.euro(cents: saldo.budgetCent)],
            ["Budget naar rato (\(saldo.totMaand)/12)", DutchFormat.euro(cents: saldo.budgetNaarRatoCent)],
            ["Netto lasten \(periode) (\(saldo.maandenGerealiseerd) mnd)", DutchFormat.euro(cents: saldo.nettoLastenCent)],
            ["Saldo tot nu (naar rato − netto lasten)", DutchFormat.euro(cents: saldo.saldoTotNuCent)],
            ["Prognose netto lasten \(saldo.jaar)", DutchFormat.euro(cents: saldo.prognoseNettoLastenCent)],
            ["Prognose saldo \(saldo.jaar)", DutchFormat.euro(cents: saldo.prognoseSaldoCent)],
        ]
        var out = table.render()
        let pct = saldo.prognoseSaldoPct.map { DutchFormat.percent($0) } ?? "–"
        out += "\nVerwacht \(saldo.uitkomst.rawValue): \(DutchFormat.millions(cents: saldo.prognoseSaldoCent)) (\(pct) van het budget).\n"
        out += "Prognosemethode: \(saldo.prognoseMethode).\n"
        if let vangnet = saldo.vangnet {
            let side = vangnet.bovenDrempel ? "boven" : "onder"
            out +=
                "Vangnet (indicatie): tekort \(DutchFormat.percent(vangnet.tekortPct)) ligt \(side) de drempel van \(DutchFormat.percent(vangnet.drempelPct))"
            if let vergoeding = vangnet.indicatieveVergoedingCent, vergoeding > 0 {
                out += "; indicatieve vergoeding \(DutchFormat.euro(cents: vergoeding))"
            }
            out += ". Geen oordeel: de regeling kent meer voorwaarden.\n"
        }
        let lasten = herkomst.lastenBatches.map(String.init).joined(separator: ", ")
        out += "Bron: budget batch \(herkomst.budgetBatch.map(String.init) ?? "–"), lasten batch \(lasten.isEmpty ? "–" : lasten)"
        if let last = herkomst.laatsteLastenMaand { out += " (laatste maand \(last))" }
        out += ".\n"
        for warning in saldo.waarschuwingen { out += "Let op: \(warning).\n" }
        return out
    }
}
