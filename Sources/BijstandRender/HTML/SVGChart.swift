import BijstandCore

/// A small line and bar chart written as inline SVG: axes, Dutch tick labels,
/// a legend, a title, and `<title>`/`<desc>` for screen readers. No scripts and
/// no external resources, so the page prints the same everywhere.
///
/// A missing value (nil) is a gap: lines break there and no bar is drawn, so the
/// chart never shows a figure that is not in the report.
///
/// ```swift
/// let chart = SVGChart(
///     id: "volume", title: "Uitkeringen per 1.000 inwoners", description: "…",
///     categories: [.init(label: "jan", group: "2026"), .init(label: nil, group: nil)],
///     panels: [.init(title: nil, series: [.init(name: "Haarlemmermeer", values: [19.8, 19.9], style: .gemeente)])],
///     unit: "per 1.000 inwoners", format: .decimal)
/// let markup = chart.svg()   // "<svg viewBox=\"0 0 680 280\" …>…</svg>"
/// ```
struct SVGChart {
    /// One position on the horizontal axis: a label (or none, for a tick only) and
    /// a group label written once under its first category (the year under January).
    struct Category {
        var label: String?
        var group: String?
    }

    /// How a series is drawn. Colours are Okabe–Ito (safe for colour-blind readers);
    /// shape and dashes carry the meaning too, so the chart also reads in black and white.
    enum Style {
        /// The gemeente itself: a solid, thick line with round markers.
        case gemeente
        /// A reference value (group median, budget naar rato): a dashed line, no markers.
        case referentie
        /// Bars from the baseline.
        case staaf

        var colour: String {
            switch self {
            case .gemeente: return "#0072B2"
            case .referentie: return "#D55E00"
            case .staaf: return "#56B4E9"
            }
        }

        /// A darker shade for text, readable on white paper.
        var textColour: String {
            switch self {
            case .gemeente, .staaf: return "#005A8C"
            case .referentie: return "#A63F00"
            }
        }
    }

    struct Series {
        var name: String
        var values: [Double?]
        var style: Style
    }

    /// A plot area; several panels side by side share the vertical scale and the legend.
    struct Panel {
        var title: String?
        var series: [Series]
    }

    /// How values are written on the axis and at the end of a line.
    enum ValueFormat {
        case decimal
        case percent
        /// Euro amounts shown in millions: `€ 12,5 mln`.
        case euroMillions

        func tick(_ value: Double, step: Double) -> String {
            switch self {
            case .decimal: return DutchFormat.decimal(value, decimals: SVGChart.decimals(for: step))
            case .percent: return DutchFormat.decimal(value, decimals: SVGChart.decimals(for: step)) + "%"
            case .euroMillions:
                return "€ " + DutchFormat.decimal(value / 1_000_000, decimals: SVGChart.decimals(for: step / 1_000_000)) + " mln"
            }
        }

        func label(_ value: Double) -> String {
            switch self {
            case .decimal: return DutchFormat.decimal(value, decimals: 1)
            case .percent: return DutchFormat.percent(value)
            case .euroMillions: return DutchFormat.millions(cents: Int64((value * 100).rounded()))
            }
        }
    }

    var id: String
    var title: String
    var description: String
    var categories: [Category]
    var panels: [Panel]
    /// What the vertical axis counts, written above it.
    var unit: String
    var format: ValueFormat
    /// Categories shaded as the report's own period, with a label (e.g. "2e tertiaal 2026").
    var highlight: (range: ClosedRange<Int>, label: String)? = nil

    // Geometry in CSS pixels: 680 px is 180 mm, the text width of an A4 page with 15 mm margins.
    static let width = 680.0
    static let height = 250.0

    func svg() -> String {
        let values = panels.flatMap { $0.series.flatMap { $0.values.compactMap { $0 } } }
        let scale = Self.niceScale(min: values.min() ?? 0, max: values.max() ?? 1)
        let ticks = stride(from: scale.low, through: scale.high + scale.step / 2, by: scale.step).map { $0 }
        let tickLabels = ticks.map { format.tick($0, step: scale.step) }
        let endLabelWidth = panels.flatMap { $0.series.compactMap { lastValue($0).map { format.label($0.value).count } } }.max()

        let left = 10 + Double(tickLabels.map(\.count).max() ?? 3) * 6.2
        let right = endLabelWidth.map { 20 + Double($0) * 5.9 } ?? 12
        let hasPanelTitles = panels.contains { $0.title != nil }
        let top = hasPanelTitles ? 86.0 : 66.0
        let bottom = Self.height - (categories.contains { $0.group != nil } ? 40 : 26)
        let gap = 24.0 + right
        let panelWidth = (Self.width - left - right - gap * Double(panels.count - 1)) / Double(panels.count)

        var out = "<svg class=\"chart\" id=\"\(id)\" viewBox=\"0 0 \(n(Self.width)) \(n(Self.height))\" role=\"img\""
        out += " aria-labelledby=\"\(id)-title \(id)-desc\" preserveAspectRatio=\"xMidYMid meet\">\n"
        out += "<title id=\"\(id)-title\">\(Self.escape(title))</title>\n"
        out += "<desc id=\"\(id)-desc\">\(Self.escape(description))</desc>\n"
        out += "<text class=\"chart-title\" x=\"0\" y=\"16\">\(Self.escape(title))</text>\n"
        out += legend(y: 36)
        out += "<text class=\"chart-unit\" x=\"0\" y=\"\(n(top - (hasPanelTitles ? 28 : 10)))\">\(Self.escape(unit))</text>\n"

        for (index, panel) in panels.enumerated() {
            let x0 = left + Double(index) * (panelWidth + gap)
            let plot = Plot(x0: x0, x1: x0 + panelWidth, y0: top, y1: bottom, low: scale.low, high: scale.high, count: categories.count)
            if let title = panel.title {
                out += "<text class=\"panel-title\" x=\"\(n(x0))\" y=\"\(n(top - 8))\">\(Self.escape(title))</text>\n"
            }
            if let highlight, highlight.range.lowerBound >= 0, highlight.range.upperBound < categories.count {
                let x0 = plot.x(highlight.range.lowerBound) - plot.band / 2
                let x1 = plot.x(highlight.range.upperBound) + plot.band / 2
                out +=
                    "<rect class=\"highlight\" fill=\"#e9eef3\" x=\"\(n(x0))\" y=\"\(n(plot.y0))\" width=\"\(n(x1 - x0))\" height=\"\(n(plot.y1 - plot.y0))\"/>\n"
                out +=
                    "<text class=\"highlight-label\" text-anchor=\"middle\" x=\"\(n((x0 + x1) / 2))\" y=\"\(n(plot.y1 - 5))\">\(Self.escape(highlight.label))</text>\n"
            }
            out += "<g class=\"grid\">\n"
            for (tick, label) in zip(ticks, tickLabels) {
                let y = plot.y(tick)
                out +=
                    "<line x1=\"\(n(plot.x0))\" y1=\"\(n(y))\" x2=\"\(n(plot.x1))\" y2=\"\(n(y))\"\(tick == 0 ? " class=\"zero\" stroke=\"#888\"" : " stroke=\"#e0e0e0\"")/>\n"
                if index == 0 {
                    out +=
                        "<text class=\"tick y\" text-anchor=\"end\" x=\"\(n(plot.x0 - 6))\" y=\"\(n(y + 3.5))\">\(Self.escape(label))</text>\n"
                }
            }
            out += "</g>\n"
            out += xAxis(plot)
            for series in panel.series where series.style == .staaf { out += bars(series, plot) }
            for series in panel.series where series.style != .staaf { out += line(series, plot) }
            out += endLabels(panel.series, plot)
        }
        out += "</svg>"
        return out
    }

    // MARK: parts

    private struct Plot {
        var x0, x1, y0, y1, low, high: Double
        var count: Int
        var band: Double { (x1 - x0) / Double(max(count, 1)) }
        func x(_ index: Int) -> Double { x0 + band * (Double(index) + 0.5) }
        func y(_ value: Double) -> Double { y1 - (value - low) / (high - low) * (y1 - y0) }
    }

    private func legend(y: Double) -> String {
        var seen: Set<String> = []
        var out = "<g class=\"legend\">\n"
        var x = 0.0
        for series in panels.flatMap(\.series) where seen.insert(series.name).inserted {
            switch series.style {
            case .staaf:
                out += "<rect x=\"\(n(x))\" y=\"\(n(y - 9))\" width=\"18\" height=\"10\" fill=\"\(series.style.colour)\""
                out += " stroke=\"\(Style.gemeente.colour)\" stroke-width=\"0.8\"/>\n"
            case .gemeente, .referentie:
                out += "<line \(lineAttributes(series.style)) x1=\"\(n(x))\" y1=\"\(n(y - 4))\" x2=\"\(n(x + 26))\" y2=\"\(n(y - 4))\"/>\n"
                if series.style == .gemeente {
                    out += "<circle cx=\"\(n(x + 13))\" cy=\"\(n(y - 4))\" r=\"2.6\" fill=\"\(series.style.colour)\"/>\n"
                }
            }
            let textX = x + (series.style == .staaf ? 24 : 32)
            out += "<text x=\"\(n(textX))\" y=\"\(n(y))\">\(Self.escape(series.name))</text>\n"
            x = textX + Double(series.name.count) * 6.4 + 22
        }
        return out + "</g>\n"
    }

    private func xAxis(_ plot: Plot) -> String {
        var out = "<g class=\"axis x\">\n"
        out += "<line stroke=\"#555\" x1=\"\(n(plot.x0))\" y1=\"\(n(plot.y1))\" x2=\"\(n(plot.x1))\" y2=\"\(n(plot.y1))\"/>\n"
        for (index, category) in categories.enumerated() {
            let x = plot.x(index)
            let labelled = category.label != nil
            out += "<line stroke=\"#555\" x1=\"\(n(x))\" y1=\"\(n(plot.y1))\" x2=\"\(n(x))\" y2=\"\(n(plot.y1 + (labelled ? 4 : 2)))\"/>\n"
            if let label = category.label {
                out += "<text class=\"tick x\" text-anchor=\"middle\" x=\"\(n(x))\" y=\"\(n(plot.y1 + 14))\">\(Self.escape(label))</text>\n"
            }
            if let group = category.group {
                out +=
                    "<text class=\"tick group\" text-anchor=\"middle\" x=\"\(n(x))\" y=\"\(n(plot.y1 + 28))\">\(Self.escape(group))</text>\n"
            }
        }
        return out + "</g>\n"
    }

    private func bars(_ series: Series, _ plot: Plot) -> String {
        let barWidth = plot.band * 0.62
        let base = plot.y(max(plot.low, min(0, plot.high)))
        var out = "<g class=\"series bars\">\n"
        for (index, value) in series.values.enumerated() where index < categories.count {
            guard let value else { continue }
            let y = plot.y(value)
            out += "<rect x=\"\(n(plot.x(index) - barWidth / 2))\" y=\"\(n(min(y, base)))\" width=\"\(n(barWidth))\""
            out +=
                " height=\"\(n(abs(base - y)))\" fill=\"\(series.style.colour)\" stroke=\"\(Style.gemeente.colour)\" stroke-width=\"0.8\"/>\n"
        }
        return out + "</g>\n"
    }

    private func line(_ series: Series, _ plot: Plot) -> String {
        var path = ""
        var previousMissing = true
        var isolated: [Int] = []
        let values = Array(series.values.prefix(categories.count))
        for (index, value) in values.enumerated() {
            guard let value else {
                previousMissing = true
                continue
            }
            path += (previousMissing ? "M" : "L") + n(plot.x(index)) + " " + n(plot.y(value)) + " "
            let nextMissing = index + 1 >= values.count || values[index + 1] == nil
            if previousMissing && nextMissing { isolated.append(index) }
            previousMissing = false
        }
        var out = "<g class=\"series line\">\n"
        if !path.isEmpty {
            out += "<path \(lineAttributes(series.style)) d=\"\(path.trimmingTrailingSpace)\"/>\n"
        }
        for (index, value) in values.enumerated() {
            guard let value, series.style == .gemeente || isolated.contains(index) else { continue }
            out += "<circle cx=\"\(n(plot.x(index)))\" cy=\"\(n(plot.y(value)))\" r=\"2.2\" fill=\"\(series.style.colour)\"/>\n"
        }
        return out + "</g>\n"
    }

    /// The value in the last category, when the series has one (a series that stops early gets no end label).
    private func lastValue(_ series: Series) -> (index: Int, value: Double)? {
        let index = categories.count - 1
        guard index >= 0, index < series.values.count, let value = series.values[index] else { return nil }
        return (index, value)
    }

    /// The last value of each series written at the plot's right end, pushed apart when two would overlap.
    private func endLabels(_ series: [Series], _ plot: Plot) -> String {
        var labels: [(y: Double, text: String, style: Style)] = []
        for item in series {
            guard let last = lastValue(item) else { continue }
            labels.append((plot.y(last.value) + 3.5, format.label(last.value), item.style))
        }
        labels.sort { $0.y < $1.y }
        for index in labels.indices.dropFirst() where labels[index].y - labels[index - 1].y < 11 {
            labels[index].y = labels[index - 1].y + 11
        }
        // A short stroke in the series' own style before each label tells them apart in black and white too.
        return labels.map { label in
            let swatch: String
            switch label.style {
            case .staaf:
                swatch =
                    "<rect x=\"\(n(plot.x1 + 3))\" y=\"\(n(label.y - 7))\" width=\"7\" height=\"7\" fill=\"\(label.style.colour)\" stroke=\"\(Style.gemeente.colour)\" stroke-width=\"0.8\"/>"
            case .gemeente, .referentie:
                let attributes = lineAttributes(label.style).replacingOccurrences(of: "7 4", with: "3 2")
                swatch =
                    "<line \(attributes) x1=\"\(n(plot.x1 + 2))\" y1=\"\(n(label.y - 3.5))\" x2=\"\(n(plot.x1 + 11))\" y2=\"\(n(label.y - 3.5))\"/>"
            }
            return swatch
                + "<text class=\"end-label\" x=\"\(n(plot.x1 + 14))\" y=\"\(n(label.y))\" fill=\"\(label.style.textColour)\">\(Self.escape(label.text))</text>\n"
        }.joined()
    }

    private func lineAttributes(_ style: Style) -> String {
        switch style {
        case .gemeente: return "fill=\"none\" stroke=\"\(style.colour)\" stroke-width=\"2.5\" stroke-linejoin=\"round\""
        case .referentie:
            return "fill=\"none\" stroke=\"\(style.colour)\" stroke-width=\"2\" stroke-dasharray=\"7 4\" stroke-linejoin=\"round\""
        case .staaf: return "fill=\"\(style.colour)\""
        }
    }

    // MARK: numbers

    /// A range from the data that starts at zero (or below, for negative values) and
    /// ends on a round step of 1, 2, 2,5 or 5 times a power of ten, with about five gridlines.
    static func niceScale(min dataMin: Double, max dataMax: Double) -> (low: Double, high: Double, step: Double) {
        let low = Swift.min(0, dataMin)
        var high = Swift.max(0, dataMax)
        if high - low <= 0 { high = low + 1 }
        let rough = (high - low) / 5
        var magnitude = 1.0
        while magnitude * 10 <= rough { magnitude *= 10 }
        while magnitude > rough { magnitude /= 10 }
        let step = [1.0, 2, 2.5, 5, 10].map { $0 * magnitude }.first { $0 >= rough } ?? magnitude * 10
        let niceLow = (low / step).rounded(.down) * step
        let niceHigh = (high / step).rounded(.up) * step
        return (niceLow, niceHigh, step)
    }

    /// Decimals enough to tell ticks `step` apart: 0 for 5, 1 for 0,5, 2 for 0,25.
    static func decimals(for step: Double) -> Int {
        var decimals = 0
        var scaled = step
        while decimals < 3 && abs(scaled - scaled.rounded()) > 1e-9 {
            scaled *= 10
            decimals += 1
        }
        return decimals
    }

    /// Escapes text for SVG/HTML element content and attribute values.
    static func escape(_ text: String) -> String {
        var result = ""
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            default: result.append(character)
            }
        }
        return result
    }

    /// A coordinate with at most one decimal, decimal point (SVG syntax, not Dutch).
    private func n(_ value: Double) -> String {
        let rounded = (value * 10).rounded() / 10
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }
}

extension String {
    fileprivate var trimmingTrailingSpace: String {
        var text = self
        while text.hasSuffix(" ") { text.removeLast() }
        return text
    }
}
