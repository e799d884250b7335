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
    public static func decimal(_ value: Double, decimals: Int) -> String {
        guard value.isFinite else { return "–" }
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let scaled = (abs(value) * scale).rounded(.toNearestOrAwayFromZero)
        let whole = Int64(scaled / scale)
        let fraction = Int64(scaled) - whole * Int64(scale)
        var text = count(whole)
        if decimals > 0 {
            let fractionDigits = String(fraction)
            text += "," + String(repeating: "0", count: decimals - fractionDigits.count) + fractionDigits
        }
        let isZero = scaled == 0
        return value < 0 && !isZero ? minus + text : text
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
