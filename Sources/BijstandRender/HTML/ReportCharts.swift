import BijstandCore

/// One figure of the HTML report: a chart drawn from the report's series, or, when
/// its data is missing, a short note saying so. Never a chart of invented numbers.
struct ReportFigure {
    /// The id of the report table the figure belongs under (`volume`, `vergelijking`, `buig`).
    var table: String
    var id: String
    var title: String
    /// The chart's SVG markup; nil when the data is missing.
    var svg: String?
    /// Remarks on the data: missing months, a missing median, or why there is no chart.
    var notes: [String]
    /// The caption's source line.
    var bron: String
}

/// The three figures of the period report:
/// (a) volume per 1.000 inwoners against the group median over the months of `report.reeks`,
/// (b) instroom and uitstroom percentages per month against the group median,
/// (c) BUIG realisation: cumulative netto lasten against the budget naar rato.
///
/// ```swift
/// let figures = ReportCharts.all(report)   // always three; `svg` is nil where data is missing
/// ```
enum ReportCharts {
    static let maandAfkortingen = ["jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"]

    static func all(_ report: Report) -> [ReportFigure] {
        [volume(report), stroom(report), budget(report)]
    }

    static func volume(_ report: Report) -> ReportFigure {
        let eenheid = report.volume?.eenheid ?? "uitkeringen"
        let punten = trimmed(report.reeks) { $0.per_1000_inwoners != nil }
        let months = punten.map(\.maand)
        let title = "\(eenheid.capitalisedFirst) per 1.000 inwoners, \(span(months))"
        var figure = ReportFigure(
            table: "volume", id: "grafiek-volume", title: title, svg: nil, notes: [],
            bron:
                "Bron: benchmark (stand eind van de maand) en inwonertal per 1 januari; mediaan over de gemeenten van de groep met cijfers in die maand."
        )
        let gemeente = punten.map(\.per_1000_inwoners)
        let mediaan = punten.map(\.groep_mediaan_per_1000_inwoners)
        guard gemeente.compactMap({ $0 }).count >= 2 else {
            figure.title = "\(eenheid.capitalisedFirst) per 1.000 inwoners"
            figure.notes = [
                gemeente.isEmpty
                    ? "Geen grafiek: er is geen reeks van het volume per 1.000 inwoners (volumecijfers of inwonertal ontbreken)."
                    : "Geen grafiek: alleen \(span(months)) heeft een volume per 1.000 inwoners; een lijn vraagt ten minste twee maanden."
            ]
            return figure
        }
        figure.notes = gapNotes(gemeente: gemeente, mediaan: mediaan)
        let chart = SVGChart(
            id: figure.id, title: title,
            description: describe(report, months: months, gemeente: gemeente, mediaan: mediaan, format: .decimal),
            categories: monthCategories(months),
            panels: [SVGChart.Panel(title: nil, series: series(report, gemeente: gemeente, mediaan: mediaan))],
            unit: "\(eenheid) per 1.000 inwoners (eind van de maand)", format: .decimal, highlight: highlight(report, months))
        figure.svg = chart.svg()
        return figure
    }

    static func stroom(_ report: Report) -> ReportFigure {
        let punten = trimmed(report.reeks) { $0.instroom_pct != nil || $0.uitstroom_pct != nil }
        let months = punten.map(\.maand)
        let title = "Instroom en uitstroom in % van de stand per maand, \(span(months))"
        var figure = ReportFigure(
            table: "vergelijking", id: "grafiek-stroom", title: title, svg: nil, notes: [],
            bron:
                "Bron: benchmark; instroom (uitstroom) van de maand ÷ stand aan het begin van de maand; mediaan over de gemeenten van de groep met cijfers in die maand."
        )
        let instroom = punten.map(\.instroom_pct)
        let uitstroom = punten.map(\.uitstroom_pct)
        let mediaanIn = punten.map(\.groep_mediaan_instroom_pct)
        let mediaanUit = punten.map(\.groep_mediaan_uitstroom_pct)
        guard max(instroom.compactMap({ $0 }).count, uitstroom.compactMap({ $0 }).count) >= 2 else {
            figure.title = "Instroom en uitstroom in % van de stand per maand"
            figure.notes = [
                punten.isEmpty
                    ? "Geen grafiek: er zijn geen maandelijkse instroom- en uitstroompercentages."
                    : "Geen grafiek: alleen \(span(months)) heeft instroom- en uitstroompercentages; een lijn vraagt ten minste twee maanden."
            ]
            return figure
        }
        figure.notes =
            gapNotes(gemeente: instroom, mediaan: mediaanIn, wat: "instroom")
            + gapNotes(gemeente: uitstroom, mediaan: mediaanUit, wat: "uitstroom")
        let description =
            "Instroom — " + describe(report, months: months, gemeente: instroom, mediaan: mediaanIn, format: .percent)
            + " Uitstroom — " + describe(report, months: months, gemeente: uitstroom, mediaan: mediaanUit, format: .percent)
        let chart = SVGChart(
            id: figure.id, title: title, description: description, categories: monthCategories(months),
            panels: [
                SVGChart.Panel(title: "Instroom", series: series(report, gemeente: instroom, mediaan: mediaanIn)),
                SVGChart.Panel(title: "Uitstroom", series: series(report, gemeente: uitstroom, mediaan: mediaanUit)),
            ],
            unit: "% van de stand aan het begin van de maand", format: .percent, highlight: highlight(report, months))
        figure.svg = chart.svg()
        return figure
    }

    /// The series from the first to the last month in which the gemeente has a figure: months
    /// before its data starts (or after it ends) are not drawn as an empty stretch of axis.
    static func trimmed(_ reeks: [ReeksPunt], where hasFigure: (ReeksPunt) -> Bool) -> [ReeksPunt] {
        guard let first = reeks.firstIndex(where: hasFigure), let last = reeks.lastIndex(where: hasFigure) else { return [] }
        return Array(reeks[first...last])
    }

    static func budget(_ report: Report) -> ReportFigure {
        guard let budget = report.budget else {
            return ReportFigure(
                table: "buig", id: "grafiek-budget", title: "BUIG: netto lasten tegen budget naar rato", svg: nil,
                notes: ["Geen grafiek: er zijn geen budget- of lastencijfers voor deze periode."], bron: "")
        }
        let months = budget.per_maand.map(\.maand)
        let title = "BUIG \(budget.jaar): netto lasten cumulatief tegen budget naar rato, \(span(months))"
        var figure = ReportFigure(
            table: "buig", id: "grafiek-budget", title: title, svg: nil, notes: [],
            bron:
                "Bron: financiële administratie (lasten − baten, cumulatief vanaf januari) en BUIG-budget \(budget.versie) × verstreken maanden ÷ 12."
        )
        let lasten = budget.per_maand.map(\.netto_lasten_cumulatief)
        guard lasten.contains(where: { $0 != nil }) else {
            figure.notes = ["Geen grafiek: er zijn geen netto lasten per maand voor \(budget.jaar)."]
            return figure
        }
        let missing = lasten.filter { $0 == nil }.count
        if missing > 0 {
            figure.notes.append("\(missing) \(missing == 1 ? "maand" : "maanden") zonder lastencijfers: daar staat geen staaf.")
        }
        var description = "Netto lasten cumulatief per maand van \(budget.jaar) tegen het budget naar rato."
        if let last = budget.per_maand.last, let value = last.netto_lasten_cumulatief {
            description += " T/m \(monthName(last.maand)): netto lasten \(DutchFormat.euro(cents: cents(value))),"
            description += " budget naar rato \(DutchFormat.euro(cents: cents(last.budget_naar_rato)))."
        }
        let chart = SVGChart(
            id: figure.id, title: title, description: description,
            categories: monthCategories(months, every: 1),
            panels: [
                SVGChart.Panel(
                    title: nil,
                    series: [
                        SVGChart.Series(name: "Netto lasten cumulatief", values: lasten, style: .staaf),
                        SVGChart.Series(
                            name: "Budget naar rato (\(budget.versie))", values: budget.per_maand.map(\.budget_naar_rato),
                            style: .referentie),
                    ])
            ],
            unit: "euro, cumulatief vanaf januari", format: .euroMillions)
        figure.svg = chart.svg()
        return figure
    }

    // MARK: helpers

    /// The months of the report's own period within the chart's months, to shade them.
    private static func highlight(_ report: Report, _ months: [String]) -> (range: ClosedRange<Int>, label: String)? {
        let van = String(report.periode.van.prefix(7))
        let tot = String(report.periode.tot.prefix(7))
        let inside = months.indices.filter { months[$0] >= van && months[$0] <= tot }
        guard let first = inside.first, let last = inside.last, inside.count < months.count else { return nil }
        let label = last - first >= 2 ? report.periode.code : ""
        return (first...last, label)
    }

    private static func series(_ report: Report, gemeente: [Double?], mediaan: [Double?]) -> [SVGChart.Series] {
        var result = [SVGChart.Series(name: report.gemeente.naam, values: gemeente, style: .gemeente)]
        if mediaan.contains(where: { $0 != nil }) {
            result.append(SVGChart.Series(name: "mediaan \(groep(report))", values: mediaan, style: .referentie))
        }
        return result
    }

    private static func groep(_ report: Report) -> String {
        report.vergelijking.map { "groep \($0.groep)" } ?? "vergelijkingsgroep"
    }

    /// What is missing from a gemeente/median pair, in a sentence each.
    private static func gapNotes(gemeente: [Double?], mediaan: [Double?], wat: String? = nil) -> [String] {
        var notes: [String] = []
        let prefix = wat.map { "\($0.capitalisedFirst): " } ?? ""
        let missing = gemeente.filter { $0 == nil }.count
        if missing > 0 {
            notes.append(
                "\(prefix)\(missing) \(missing == 1 ? "maand" : "maanden") zonder cijfers van de gemeente: de lijn is daar onderbroken.")
        }
        if !mediaan.contains(where: { $0 != nil }) {
            notes.append("\(prefix)de mediaan van de groep ontbreekt; alleen de gemeente is getekend.".capitalisedFirst)
        } else if mediaan.contains(where: { $0 == nil }) {
            let count = mediaan.filter { $0 == nil }.count
            notes.append("\(prefix)voor \(count) \(count == 1 ? "maand" : "maanden") is er geen mediaan van de groep.".capitalisedFirst)
        }
        return notes
    }

    /// The text alternative: first and last value of the gemeente and the median.
    private static func describe(_ report: Report, months: [String], gemeente: [Double?], mediaan: [Double?], format: SVGChart.ValueFormat)
        -> String
    {
        func ends(_ values: [Double?]) -> String? {
            let known = zip(months, values).compactMap { month, value in value.map { (month, $0) } }
            guard let first = known.first, let last = known.last else { return nil }
            return "\(format.label(first.1)) in \(monthName(first.0)), \(format.label(last.1)) in \(monthName(last.0))"
        }
        var parts: [String] = []
        if let text = ends(gemeente) { parts.append("\(report.gemeente.naam): \(text).") }
        if let text = ends(mediaan) { parts.append("Mediaan \(groep(report)): \(text).") }
        return parts.joined(separator: " ")
    }

    /// Month ticks: a label every `every` months (January, April, July, October for 3)
    /// and the year under the first labelled month of each year.
    static func monthCategories(_ months: [String], every: Int = 3) -> [SVGChart.Category] {
        var yearsShown: Set<Int> = []
        return months.map { code in
            guard let month = month(code) else { return SVGChart.Category(label: code, group: nil) }
            guard every <= 1 || (month.month - 1) % every == 0 else { return SVGChart.Category(label: nil, group: nil) }
            let group = yearsShown.insert(month.year).inserted ? String(month.year) : nil
            return SVGChart.Category(label: maandAfkortingen[month.month - 1], group: group)
        }
    }

    static func month(_ code: String) -> Month? {
        Month(id: Int(code.replacingOccurrences(of: "-", with: "")) ?? 0)
    }

    /// `sep 2024`.
    static func monthName(_ code: String) -> String {
        month(code).map { "\(maandAfkortingen[$0.month - 1]) \($0.year)" } ?? code
    }

    /// `sep 2024 t/m aug 2026`.
    static func span(_ months: [String]) -> String {
        guard let first = months.first, let last = months.last else { return "geen maanden" }
        return first == last ? monthName(first) : "\(monthName(first)) t/m \(monthName(last))"
    }

    private static func cents(_ euro: Double) -> Int64 { Int64((euro * 100).rounded()) }
}

extension String {
    var capitalisedFirst: String { prefix(1).uppercased() + dropFirst() }
}
