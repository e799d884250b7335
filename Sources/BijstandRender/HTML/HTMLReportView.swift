import BijstandCore

/// What `reports/report.html.mustache` shows, already formatted in Dutch: the
/// template only places text, so every number is formatted in one place (here)
/// and the template stays logic-less. Property names are the template's tags.
///
/// ```swift
/// let view = HTMLReportView(report, css: css)
/// view.secties.map(\.id)   // ["volume", "redenen", "vergelijking", "buig", "bronnen"]
/// ```
struct HTMLReportView {
    struct Kerncijfer {
        var label: String
        var waarde: String
        var toelichting: String?
    }

    struct Kolom {
        var naam: String
        var numeriek: Bool
    }

    struct Cel {
        var tekst: String
        /// CSS classes: `num`, `onderdrukt`, `gehaald`, `niet-gehaald`; nil for none.
        var klasse: String?
    }

    struct Rij {
        var cellen: [Cel]
    }

    struct Tabel {
        var id: String
        var kolommen: [Kolom]
        var rijen: [Rij]
        var bron: String?
        /// Set in a smaller type (the sources table: long file names).
        var klein: Bool
        /// A label and one value column: not stretched over the full width.
        var smal: Bool
    }

    struct Figuur {
        var id: String
        var nummer: Int
        var titel: String
        var svg: String?
        var notities: [String]
        var bijschrift: String
    }

    struct Sectie {
        var id: String
        var titel: String
        var tabel: Tabel?
        var figuren: [Figuur]
    }

    var titel: String
    var ondertitel: String
    var periodeNaam: String
    var openbaar: Bool
    /// The running header of printed pages, escaped for a CSS string.
    var paginakop: String
    var paginakopRechts: String
    /// The stylesheet, inserted as is.
    var css: String
    var kerncijfers: [Kerncijfer]
    var heeftKerncijfers: Bool
    var samenvatting: [String]
    var heeftSamenvatting: Bool
    var waarschuwingen: [String]
    var heeftWaarschuwingen: Bool
    var secties: [Sectie]
    var gemaakt: String
    var eenheidTekst: String

    init(_ report: Report, css: String) {
        titel = ReportHeading.title(report)
        ondertitel = ReportHeading.subtitle(report)
        periodeNaam = report.periode.naam
        openbaar = report.openbaar
        paginakop = Self.cssString("Bijstand \(report.gemeente.naam) (\(report.gemeente.code)) — \(report.periode.naam)")
        paginakopRechts = Self.cssString(report.openbaar ? "openbare versie" : "")
        self.css = css
        kerncijfers = Self.kerncijfers(report)
        heeftKerncijfers = !kerncijfers.isEmpty
        samenvatting = ReportHeading.summary(report)
        heeftSamenvatting = !samenvatting.isEmpty
        waarschuwingen = report.waarschuwingen
        heeftWaarschuwingen = !waarschuwingen.isEmpty
        secties = Self.secties(report)
        gemaakt = Self.gemaakt(report.gemaakt_op)
        eenheidTekst = report.volume.map { "\($0.eenheid) (bron: \($0.bron))" } ?? "aantallen zoals geleverd"
    }

    // MARK: key figures

    static func kerncijfers(_ report: Report) -> [Kerncijfer] {
        var tiles: [Kerncijfer] = []
        let mediaan = report.vergelijking.map { "mediaan groep \($0.groep)" }
        if let volume = report.volume, let eind = volume.stand_eind {
            var toelichting: String?
            if let mutatie = volume.netto_mutatie {
                toelichting = "\(mutatie > 0 ? "+" : "")\(DutchFormat.count(mutatie)) in de periode"
            }
            if let vorigJaar = volume.vorig_jaar?.stand_eind {
                toelichting = [toelichting, "vorig jaar \(Cell.count(vorigJaar).display)"].compactMap { $0 }.joined(separator: "; ")
            }
            tiles.append(
                Kerncijfer(
                    label: "\(volume.eenheid.capitalisedFirst) eind \(report.periode.code)", waarde: Cell.count(eind).display,
                    toelichting: toelichting))
        }
        if let dichtheid = report.vergelijking?.per_1000_inwoners.gemeente ?? report.volume?.per_1000_inwoners {
            let groep = report.vergelijking?.per_1000_inwoners.mediaan.map {
                "\(mediaan ?? "mediaan"): \(DutchFormat.decimal($0, decimals: 1))"
            }
            tiles.append(Kerncijfer(label: "Per 1.000 inwoners", waarde: DutchFormat.decimal(dichtheid, decimals: 1), toelichting: groep))
        }
        if let volume = report.volume, volume.instroom_pct_per_maand != nil || volume.uitstroom_pct_per_maand != nil {
            let waarde = "\(Cell.percent(volume.instroom_pct_per_maand).display) / \(Cell.percent(volume.uitstroom_pct_per_maand).display)"
            var toelichting: String?
            if let vergelijking = report.vergelijking,
                vergelijking.instroom_pct_per_maand.mediaan != nil || vergelijking.uitstroom_pct_per_maand.mediaan != nil
            {
                toelichting =
                    "mediaan \(Cell.percent(vergelijking.instroom_pct_per_maand.mediaan).display) / \(Cell.percent(vergelijking.uitstroom_pct_per_maand.mediaan).display)"
            }
            tiles.append(Kerncijfer(label: "Instroom / uitstroom % per maand", waarde: waarde, toelichting: toelichting))
        }
        if let budget = report.budget {
            let bedrag = DutchFormat.millions(cents: Int64((abs(budget.prognose_saldo) * 100).rounded()))
            let pct = budget.prognose_saldo_pct.map { "\(DutchFormat.percent(abs($0))) van het budget (\(budget.versie))" }
            tiles.append(Kerncijfer(label: "BUIG \(budget.jaar): verwacht \(budget.uitkomst)", waarde: bedrag, toelichting: pct))
        }
        return tiles
    }

    // MARK: sections

    /// The report's tables in their order, each with the figures that belong to it; a
    /// figure whose table is absent gets a section of its own before the sources.
    static func secties(_ report: Report) -> [Sectie] {
        let tables = ReportTables.all(report)
        let figures = ReportCharts.all(report)
        var result: [Sectie] = []
        var placed: Set<String> = []
        for table in tables {
            if table.id == "bronnen" {
                for figure in figures where !tables.contains(where: { $0.id == figure.table }) && placed.insert(figure.id).inserted {
                    result.append(Sectie(id: figure.id + "-sectie", titel: figure.title, tabel: nil, figuren: [figuur(figure, 0)]))
                }
            }
            let own = figures.filter { $0.table == table.id && placed.insert($0.id).inserted }
            result.append(Sectie(id: table.id, titel: table.title, tabel: tabel(table), figuren: own.map { figuur($0, 0) }))
        }
        // Number the figures that are drawn, in reading order.
        var number = 0
        for index in result.indices {
            for figure in result[index].figuren.indices where result[index].figuren[figure].svg != nil {
                number += 1
                result[index].figuren[figure].nummer = number
            }
        }
        return result
    }

    static func figuur(_ figure: ReportFigure, _ nummer: Int) -> Figuur {
        Figuur(id: figure.id, nummer: nummer, titel: figure.title, svg: figure.svg, notities: figure.notes, bijschrift: figure.bron)
    }

    static func tabel(_ table: ReportTable) -> Tabel {
        let numeric = table.columns.indices.map { index in table.rows.contains { $0.indices.contains(index) && $0[index].isNumeric } }
        let rows = table.rows.map { row in
            Rij(
                cellen: row.enumerated().map { index, cell in
                    var classes: [String] = []
                    if index < numeric.count && numeric[index] { classes.append("num") }
                    if case .count(let telling) = cell, telling?.onderdrukt == true { classes.append("onderdrukt") }
                    if case .text(let text) = cell {
                        if text == "gehaald" { classes.append("gehaald") }
                        if text == "niet gehaald" { classes.append("niet-gehaald") }
                    }
                    return Cel(tekst: cell.display, klasse: classes.isEmpty ? nil : classes.joined(separator: " "))
                })
        }
        return Tabel(
            id: table.id, kolommen: zip(table.columns, numeric).map { Kolom(naam: $0, numeriek: $1) }, rijen: rows,
            bron: table.bron, klein: table.id == "bronnen", smal: table.columns.count <= 2)
    }

    // MARK: text

    /// `2026-11-25T10:46:45Z` → `25-11-2026 10:46 UTC`; anything else as given.
    static func gemaakt(_ iso: String) -> String {
        let characters = Array(iso)
        guard characters.count >= 16, characters[4] == "-", characters[10] == "T" else { return iso }
        let text = String(characters)
        func part(_ from: Int, _ length: Int) -> String { String(text.dropFirst(from).prefix(length)) }
        return "\(part(8, 2))-\(part(5, 2))-\(part(0, 4)) \(part(11, 5)) UTC"
    }

    /// Text as the inside of a double-quoted CSS string in a `<style>` element: quotes and
    /// backslashes escaped, line breaks and `<` (which could close the element) as code points.
    static func cssString(_ text: String) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": result += "\\\\"
            case "\"": result += "\\\""
            case "<": result += "\\3C "
            case ">": result += "\\3E "
            case "&": result += "\\26 "
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    result += "\\" + String(scalar.value, radix: 16) + " "
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result
    }
}
