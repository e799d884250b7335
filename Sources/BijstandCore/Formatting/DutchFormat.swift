/// Numbers as Dutch readers expect them: `2.343`, `1,5%`, `€ 12.345.678`, `−46`.
///
/// ```swift
/// DutchFormat.count(26928)            // "26.928"
/// DutchFormat.percent(1.4962, decimals: 1)  // "1,5%"
/// DutchFormat.euro(cents: -4_600_000_000)   // "€ −46.000.000"
/// ```
public enum DutchFormat {
    /// The minus sign used in output: U+2212, as typeset Dutch reports write it.
    public static let minus = "\u{2212}"

    /// A whole number with thousands dots.
    public static func count<T: BinaryInteger>(_ value: T) -> String {
        let negative = value < 0
        let digits = String(value.magnitude)
        var grouped = ""
        for (index, character) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { grouped.append(".") }
            grouped.append(character)
        }
        return negative ? minus + grouped : grouped
    }

    /// A decimal number with a decimal comma, rounded half away from zero.
    ///
    /// Rounding works on the shortest decimal form of the value (what it prints
    /// as), so 2.65 rounds to 2,7 as a reader expects, although the nearest
    /// binary double is 2.6499999….
    public static func decimal(_ value: Double, decimals: Int) -> String {
        guard value.isFinite else { return "–" }
        let (whole, fraction) = roundedDigits(abs(value), decimals: decimals)
        var text = count(whole)
        if decimals > 0 {
            let fractionDigits = String(fraction)
            text += "," + String(repeating: "0", count: decimals - fractionDigits.count) + fractionDigits
        }
        let isZero = whole == 0 && fraction == 0
        return value < 0 && !isZero ? minus + text : text
    }

    /// The whole part and the `decimals` fraction digits of a non-negative value, rounded half up
    /// on its shortest decimal representation.
    static func roundedDigits(_ value: Double, decimals: Int) -> (Int64, Int64) {
        var scale: Int64 = 1
        for _ in 0..<decimals { scale *= 10 }
        let shortest = "\(value)"
        guard !shortest.contains("e"), let dot = shortest.firstIndex(of: ".") else {
            let scaled = (value * Double(scale)).rounded(.toNearestOrAwayFromZero)
            return (Int64(scaled / Double(scale)), Int64(scaled) % scale)
        }
        let wholeDigits = Int64(shortest[..<dot]) ?? 0
        let fractionText = Array(shortest[shortest.index(after: dot)...])
        var fraction: Int64 = 0
        for index in 0..<decimals {
            fraction = fraction * 10 + (index < fractionText.count ? Int64(fractionText[index].wholeNumberValue ?? 0) : 0)
        }
        var whole = wholeDigits
        if decimals < fractionText.count, (fractionText[decimals].wholeNumberValue ?? 0) >= 5 {
            fraction += 1
            if fraction == scale {
                fraction = 0
                whole += 1
            }
        }
        return (whole, fraction)
    }

    /// A percentage: `1,5%`. Values between 0 and the smallest shown step read `< 1%` (or `< 0,1%`).
    public static func percent(_ value: Double, decimals: Int = 1) -> String {
        var step = 1.0
        for _ in 0..<decimals { step /= 10 }
        if value > 0 && value < step / 2 {
            return "< " + decimal(step, decimals: decimals) + "%"
        }
        return decimal(value, decimals: decimals) + "%"
    }

    /// Money in whole euros: `€ 12.345.678`, `€ −46`.
    public static func euro(cents: Int64) -> String {
        let euros = (Double(cents) / 100).rounded(.toNearestOrAwayFromZero)
        return "€ " + decimal(euros, decimals: 0)
    }

    /// Money in millions with one decimal, for prose: `€ 334,0 mln`.
    public static func millions(cents: Int64) -> String {
        "€ " + decimal(Double(cents) / 100_000_000, decimals: 1) + " mln"
    }
}
