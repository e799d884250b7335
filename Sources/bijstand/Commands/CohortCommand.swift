import ArgumentParser
import BijstandCore
import BijstandQuery
import BijstandRender
import BijstandWarehouse
import Foundation

struct CohortCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cohort",
        abstract: "Of the dossiers running on a peildatum, how many left (with a reason) before a date.",
        discussion: """
            The rekenkamer's question, from the gemeente's own registration (`ingest uitkeringen`). The cohort \
            is every dossier with a spell running on --peildatum (startdatum ≤ peildatum ≤ einddatum, or no \
            einddatum); inflow after the peildatum is excluded. A dossier has left when its benefit stops: \
            spells that follow on without a gap count as one benefit, and its last einddatum and reason are \
            the exit. Exits on or after --tot do not count.

            --reden selects the reasons: werk (every reason that counts as uitstroom naar werk, BUS 11 and 13), \
            a group (onderwijs, andere uitkering, administratief, overig, onbekend) or codes (11,13). Without \
            it, every exit counts.

            Of those who left: herinstroom = came back (the same person) within --herinstroom months; \
            duurzame uitstroom = did not come back within --duurzaam months. Both count only exits whose \
            window has passed by the registration's peildatum.

            Examples:
              bijstand cohort --gemeente GM0394 --peildatum 2019-01-01 --tot 2019-11-01 --reden werk
              bijstand cohort --gemeente Haarlemmermeer --peildatum 2019-01-01 --tot 2020-01-01 --duurzaam 6 --format json
            """)

    @OptionGroup var global: GlobalOptions
    @Option(help: ArgumentHelp("The gemeente (code in any form, or name).", valueName: "CODE")) var gemeente: String
    @Option(help: ArgumentHelp("The date the cohort is taken: dossiers running on this day.", valueName: "DATUM")) var peildatum: String
    @Option(help: ArgumentHelp("Exits before this date count.", valueName: "DATUM")) var tot: String
    @Option(help: ArgumentHelp("werk, a group, or codes such as 11,13 (default: every reason).", valueName: "REDEN"))
    var reden: String?
    @Option(help: ArgumentHelp("Only this regeling: PW, IOAW, IOAZ or BBZ (default: all).", valueName: "REGELING"))
    var regeling: String?
    @Option(help: ArgumentHelp("Window for herinstroom, in months.", valueName: "N")) var herinstroom = 12
    @Option(help: ArgumentHelp("Window for duurzame uitstroom, in months.", valueName: "N")) var duurzaam = 12
    @Option(help: "text or json.") var format: CohortFormat = .text

    enum CohortFormat: String, ExpressibleByArgument, CaseIterable { case text, json }

    func validate() throws {
        guard case .success(let van) = FieldParser.date(peildatum) else {
            throw ValidationError("--peildatum '\(peildatum)' is not a date (e.g. 2019-01-01).")
        }
        guard case .success(let totDag) = FieldParser.date(tot) else {
            throw ValidationError("--tot '\(tot)' is not a date (e.g. 2019-11-01).")
        }
        if totDag <= van { throw ValidationError("--tot must lie after --peildatum.") }
        if let regeling {
            switch FieldParser.regeling(regeling) {
            case .success(.lks), .failure: throw ValidationError("--regeling '\(regeling)' is not PW, IOAW, IOAZ or BBZ.")
            case .success: break
            }
        }
        for (name, value) in [("--herinstroom", herinstroom), ("--duurzaam", duurzaam)] where !(1...120).contains(value) {
            throw ValidationError("\(name) must be a number of months from 1 to 120.")
        }
    }

    func run() throws {
        try runReportingErrors {
            let warehouse = try global.openExisting()
            let (ref, vraag, uitkomst) = try warehouse.database.read { db in
                let ref = try GemeenteLookup.resolve(gemeente, in: db, currentOnly: false)
                let vraag = CohortVraag(
                    gemeente: ref.id, peildatum: try FieldParser.date(peildatum).get(), tot: try FieldParser.date(tot).get(),
                    reden: try reden.map { try RedenSelectie.parse($0, in: db) },
                    regeling: try regeling.map { try FieldParser.regeling($0).get() },
                    herinstroomMaanden: herinstroom, duurzaamMaanden: duurzaam)
                return (ref, vraag, try Cohort.bereken(vraag, in: db))
            }
            switch format {
            case .json: printOut(try JSONOutput.encode(CohortJSON(ref, vraag, uitkomst)))
            case .text: printOut(CohortText.render(ref, vraag, uitkomst))
            }
        }
    }
}

/// The JSON of contract.md (`cohort`, `uitgestroomd`, `pct`) and the rest of the answer.
struct CohortJSON: Encodable {
    struct Terugkeer: Encodable {
        let maanden: Int
        let waarneembaar: Int
        let aantal: Int
        let pct: Double?
    }

    let gemeente: GemeenteRef
    let peildatum: String
    let tot: String
    let reden: String?
    let regeling: String?
    let eenheid = "dossiers"
    let cohort: Int
    let uitgestroomd: Int
    let pct: Double?
    let uitgestroomd_alle_redenen: Int
    let uitgestroomd_per_reden_groep: [String: Int]
    let herinstroom: Terugkeer
    let duurzame_uitstroom: Terugkeer
    let bron: [String: String]
    let waarschuwingen: [String]

    init(_ ref: GemeenteRef, _ vraag: CohortVraag, _ uitkomst: CohortUitkomst) {
        func rond(_ value: Double?) -> Double? { value.map { ($0 * 10).rounded() / 10 } }
        func terugkeer(_ t: CohortUitkomst.Terugkeer) -> Terugkeer {
            Terugkeer(maanden: t.maanden, waarneembaar: t.waarneembaar, aantal: t.aantal, pct: rond(t.pct))
        }
        gemeente = ref
        peildatum = vraag.peildatum.iso
        tot = vraag.tot.iso
        reden = vraag.reden?.omschrijving
        regeling = vraag.regeling?.rawValue
        cohort = uitkomst.cohort
        uitgestroomd = uitkomst.uitgestroomd
        pct = rond(uitkomst.pct)
        uitgestroomd_alle_redenen = uitkomst.uitgestroomdTotaal
        uitgestroomd_per_reden_groep = uitkomst.perRedenGroep
        herinstroom = terugkeer(uitkomst.herinstroom)
        duurzame_uitstroom = terugkeer(uitkomst.duurzaam)
        bron = [
            "soort": "registratie", "batch": uitkomst.registratieBatch.map(String.init) ?? "",
            "peildatum_registratie": uitkomst.registratiePeildatum?.iso ?? "",
        ]
        waarschuwingen = uitkomst.waarschuwingen
    }
}

/// The cohort as a short Dutch text for the terminal.
enum CohortText {
    static func render(_ ref: GemeenteRef, _ vraag: CohortVraag, _ uitkomst: CohortUitkomst) -> String {
        func pct(_ value: Double?) -> String { value.map { DutchFormat.percent($0) } ?? "–" }
        let regeling = vraag.regeling.map { " (\($0.rawValue))" } ?? ""
        var table = TextTable(columns: ["Cohort \(ref.naam) (\(ref.code))\(regeling)", "dossiers", "%"])
        table.numeric = [1, 2]
        table.rows.append(["Lopend op \(vraag.peildatum.iso)", DutchFormat.count(uitkomst.cohort), ""])
        let reden = vraag.reden.map { " met reden \($0.omschrijving)" } ?? ""
        table.rows.append(["Uitgestroomd vóór \(vraag.tot.iso)\(reden)", DutchFormat.count(uitkomst.uitgestroomd), pct(uitkomst.pct)])
        if vraag.reden != nil {
            let alle = uitkomst.cohort > 0 ? Double(uitkomst.uitgestroomdTotaal) * 100 / Double(uitkomst.cohort) : nil
            table.rows.append([
                "Uitgestroomd vóór \(vraag.tot.iso), alle redenen", DutchFormat.count(uitkomst.uitgestroomdTotaal), pct(alle),
            ])
        }
        let h = uitkomst.herinstroom
        table.rows.append([
            "Herinstroom binnen \(h.maanden) mnd (van \(DutchFormat.count(h.waarneembaar)) waarneembaar)",
            DutchFormat.count(h.aantal), pct(h.pct),
        ])
        let d = uitkomst.duurzaam
        table.rows.append([
            "Duurzaam uitgestroomd, \(d.maanden) mnd niet terug (van \(DutchFormat.count(d.waarneembaar)))",
            DutchFormat.count(d.aantal), pct(d.pct),
        ])
        var out = table.render()
        if !uitkomst.perRedenGroep.isEmpty {
            let groepen = uitkomst.perRedenGroep.sorted { ($1.value, $0.key) < ($0.value, $1.key) }
                .map { "\($0.key) \(DutchFormat.count($0.value))" }
            out += "\nUitstroom per redengroep: \(groepen.joined(separator: " · ")).\n"
        }
        out += "Eenheid: dossiers; instroom na de peildatum telt niet mee. Herinstroom en duurzaamheid gelden voor de "
        out += "uitgestroomden\(reden) van wie het venster vóór de peildatum van de registratie is verstreken.\n"
        out += "Bron: registratie, batch \(uitkomst.registratieBatch.map(String.init) ?? "–")"
        out += ", peildatum \(uitkomst.registratiePeildatum?.iso ?? "–").\n"
        for warning in uitkomst.waarschuwingen { out += "Let op: \(warning).\n" }
        return out
    }
}
