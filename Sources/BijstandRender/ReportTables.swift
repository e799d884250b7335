import BijstandCore
import Foundation

/// One cell of a report table: a value with its kind, so every renderer can
/// format it its own way (Dutch text, a number in Excel, a decimal comma in CSV).
public enum Cell: Sendable, Equatable {
    case text(String)
    case count(Telling?)
    case integer(Int?)
    case percent(Double?)
    case euro(Double?)
    case decimal(Double?, decimals: Int)

    /// The Dutch display form: `2.343`, `1,5%`, `€ 12.345.678`, `–` for no value.
    public var display: String {
        switch self {
        case .text(let text): return text
        case .count(let telling):
            guard let telling else { return "–" }
            return telling.onderdrukt ? Telling.onderdruktTekst : DutchFormat.count(telling.waarde)
        case .integer(let value): return value.map { DutchFormat.count($0) } ?? "–"
        case .percent(let value): return value.map { DutchFormat.percent($0) } ?? "–"
        case .euro(let value): return value.map { DutchFormat.euro(cents: Int64(($0 * 100).rounded())) } ?? "–"
        case .decimal(let value, let decimals): return value.map { DutchFormat.decimal($0, decimals: decimals) } ?? "–"
        }
    }

    /// Whether the cell is a number (right-aligned, a number cell in Excel).
    public var isNumeric: Bool {
        if case .text = self { return false }
        return true
    }

    /// The plain number, when there is one (suppressed counts have none).
    public var number: Double? {
        switch self {
        case .text: return nil
        case .count(let telling): return telling.flatMap { $0.onderdrukt ? nil : Double($0.waarde) }
        case .integer(let value): return value.map(Double.init)
        case .percent(let value), .euro(let value), .decimal(let value, _): return value
        }
    }
}

/// A titled table of the report, with the line that names its source.
public struct ReportTable: Sendable, Equatable {
    /// Stable name (sheet name in Excel, anchor in HTML).
    public var id: String
    public var title: String
    public var columns: [String]
    public var rows: [[Cell]]
    /// "Bron: …" line: source, version, peildatum and load.
    public var bron: String?
}

/// The report's tables, built once from the report value for every renderer.
public enum ReportTables {
    public static func all(_ report: Report) -> [ReportTable] {
        var tables: [ReportTable] = []
        if let volume = report.volume {
            tables.append(kerncijfers(report, volume))
            tables.append(redenen(report, volume))
        }
        if let vergelijking = report.vergelijking { tables.append(vergelijkingTable(report, vergelijking)) }
        if let budget = report.budget { tables.append(budgetTable(report, budget)) }
        if !report.doelen.isEmpty { tables.append(doelenTable(report)) }
        tables.append(bronnenTable(report))
        return tables
    }

    static func volumeBron(_ report: Report, _ volume: VolumeSectie) -> String {
        let batches = report.bronnen.filter { $0.gebruikt_voor.contains("volume") }
        let peil = batches.compactMap(\.peilmaand).max() ?? report.periode.code
        let loads = batches.map { "batch \($0.batch)" }.joined(separator: ", ")
        return
            "Bron: \(volume.bron) (\(volume.eenheid); \(volume.regelingen.joined(separator: ", "))), \(volume.status), peildatum t/m \(peil), \(loads)."
    }

    static func kerncijfers(_ report: Report, _ volume: VolumeSectie) -> ReportTable {
        let current = volume.cijfers
        let sets: [VolumeCijfers?] = [current, volume.vorige_periode, volume.vorig_jaar]
        func row(_ label: String, _ cell: (VolumeCijfers) -> Cell) -> [Cell] {
            [.text(label)] + sets.map { $0.map(cell) ?? .count(nil) }
        }
        var rows = [
            row("Stand begin") { .count($0.stand_begin) },
            row("Instroom") { .count($0.instroom) },
            row("Uitstroom") { .count($0.uitstroom) },
            row("Stand eind") { .count($0.stand_eind) },
            row("Netto mutatie") { .integer($0.netto_mutatie) },
            row("Instroom % per maand") { .percent($0.instroom_pct_per_maand) },
            row("Uitstroom % per maand") { .percent($0.uitstroom_pct_per_maand) },
        ]
        if let density = volume.per_1000_inwoners {
            rows.append([.text("Per 1.000 inwoners (eind)"), .decimal(density, decimals: 1), .text(""), .text("")])
        }
        return ReportTable(
            id: "volume", title: "Volume, instroom en uitstroom (\(volume.eenheid))",
            columns: ["", report.periode.code, "vorige periode", "vorig jaar"], rows: rows, bron: volumeBron(report, volume))
    }

    static func redenen(_ report: Report, _ volume: VolumeSectie) -> ReportTable {
        let total = volume.uitstroom_per_reden.values.reduce(0) { $0 + $1.waarde }
        let anySuppressed = volume.uitstroom_per_reden.values.contains { $0.onderdrukt }
        let ordered = volume.uitstroom_per_reden.sorted { lhs, rhs in
            lhs.key == "onbekend"
                ? false
                : rhs.key == "onbekend"
                    ? true : lhs.value.waarde != rhs.value.waarde ? lhs.value.waarde > rhs.value.waarde : lhs.key < rhs.key
        }
        var rows = ordered.map { reden, telling -> [Cell] in
            let share: Double? = total > 0 && !telling.onderdrukt && !anySuppressed ? Double(telling.waarde) * 100 / Double(total) : nil
            let lastYear = volume.vorig_jaar?.uitstroom_per_reden[reden]
            return [.text(reden.replacingUnderscores), .count(telling), .percent(share), .count(lastYear)]
        }
        if rows.isEmpty { rows = [[.text("geen redenen geleverd"), .text(""), .text(""), .text("")]] }
        return ReportTable(
            id: "redenen", title: "Uitstroom per reden", columns: ["reden", "aantal", "aandeel", "vorig jaar"], rows: rows,
            bron: volumeBron(report, volume) + " Onbekend telt mee in het totaal.")
    }

    static func vergelijkingTable(_ report: Report, _ vergelijking: Vergelijking) -> ReportTable {
        func row(_ label: String, _ value: GroepsVergelijking, percent: Bool) -> [Cell] {
            let cell: (Double?) -> Cell = { percent ? .percent($0) : .decimal($0, decimals: 1) }
            return [
                .text(label), cell(value.gemeente), cell(value.mediaan), cell(value.gemiddelde), .decimal(value.percentiel, decimals: 0),
            ]
        }
        return ReportTable(
            id: "vergelijking", title: "Vergelijking met \(vergelijking.groep) (n = \(vergelijking.n))",
            columns: ["", report.gemeente.naam, "mediaan", "gemiddelde", "percentiel"],
            rows: [
                row("Instroom % per maand", vergelijking.instroom_pct_per_maand, percent: true),
                row("Uitstroom % per maand", vergelijking.uitstroom_pct_per_maand, percent: true),
                row("Per 1.000 inwoners", vergelijking.per_1000_inwoners, percent: false),
            ],
            bron:
                "Bron: benchmark, gemeenten in de groep met cijfers voor alle maanden van \(report.periode.code); gemiddelde ongewogen, percentiel = aandeel gemeenten met een lagere waarde."
        )
    }

    static func budgetTable(_ report: Report, _ budget: BudgetSectie) -> ReportTable {
        let through = Month(id: Int(budget.per_maand.last?.maand.replacingOccurrences(of: "-", with: "") ?? "") ?? 0)?.code ?? ""
        var rows: [[Cell]] = [
            [.text("Budget (\(budget.versie))"), .euro(budget.budget)],
            [.text("Budget naar rato t/m \(through)"), .euro(budget.budget_naar_rato)],
            [.text("Netto lasten t/m \(through) (\(budget.maanden_gerealiseerd) mnd)"), .euro(budget.netto_lasten)],
            [.text("Saldo tot nu"), .euro(budget.saldo_tot_nu)],
            [.text("Prognose netto lasten \(budget.jaar)"), .euro(budget.prognose_netto_lasten)],
            [.text("Prognose saldo \(budget.jaar) (\(budget.uitkomst))"), .euro(budget.prognose_saldo)],
            [.text("Prognose saldo in % van het budget"), .percent(budget.prognose_saldo_pct)],
        ]
        if let drempel = budget.vangnet_drempel_pct {
            rows.append([.text("Vangnetdrempel"), .percent(drempel)])
            rows.append([.text("Boven de drempel (indicatie)"), .text(budget.boven_vangnetdrempel == true ? "ja" : "nee")])
        }
        let batches = report.bronnen.filter { $0.gebruikt_voor.contains("budget") || $0.gebruikt_voor.contains("lasten") }
            .map { "batch \($0.batch)" }.joined(separator: ", ")
        return ReportTable(
            id: "buig", title: "BUIG \(budget.jaar): budget en netto lasten", columns: ["", "bedrag"], rows: rows,
            bron:
                "Bron: BUIG-budget \(budget.versie), financiële administratie (lasten − baten), \(batches). Prognose: \(budget.prognose_methode). Vangnet: een indicatie, geen oordeel."
        )
    }

    static func doelenTable(_ report: Report) -> ReportTable {
        let rows = report.doelen.map { doel -> [Cell] in
            let percent = doel.indicator.hasSuffix("_pct")
            let cell: (Double?) -> Cell = { percent ? .percent($0) : .decimal($0, decimals: 0) }
            let gehaald = doel.gehaald.map { $0 ? "gehaald" : "niet gehaald" } ?? "onbekend"
            return [
                .text(doel.indicator.replacingUnderscores), cell(doel.minimum), cell(doel.maximum), cell(doel.realisatie), .text(gehaald),
                .text(doel.bron ?? ""),
            ]
        }
        let notes = Set(report.doelen.compactMap(\.toelichting)).sorted().joined(separator: "; ")
        return ReportTable(
            id: "doelen", title: "Doelen en realisatie", columns: ["indicator", "minimum", "maximum", "realisatie", "", "bron"],
            rows: rows, bron: "Bron: doelen uit de beleidsdocumenten (ingest doelen)" + (notes.isEmpty ? "." : "; \(notes)."))
    }

    static func bronnenTable(_ report: Report) -> ReportTable {
        ReportTable(
            id: "bronnen", title: "Bronnen", columns: ["batch", "soort", "bestand", "geladen op", "status", "peilmaand", "gebruikt voor"],
            rows: report.bronnen.map {
                [
                    .integer(Int($0.batch)), .text($0.soort), .text($0.bestand), .text($0.geladen_op), .text($0.status),
                    .text($0.peilmaand ?? ""), .text($0.gebruikt_voor),
                ]
            }, bron: nil)
    }
}

extension String {
    var replacingUnderscores: String { split(separator: "_").joined(separator: " ") }
}
