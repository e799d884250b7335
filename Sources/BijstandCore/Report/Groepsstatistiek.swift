/// Comparison-group statistics exactly as contract.md defines them.
///
/// ```swift
/// Groepsstatistiek.mediaan([3, 1, 2, 10])                 // 2.5
/// Groepsstatistiek.percentiel(2, in: [1, 2, 3, 4])        // 25: one of four members is lower
/// ```
public enum Groepsstatistiek {
    /// The middle value; the mean of the two middle values for an even count. Nil for no values.
    public static func mediaan(_ values: [Double]) -> Double? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }

    /// The unweighted mean: each member counts once.
    public static func gemiddelde(_ values: [Double]) -> Double? {
        guard !values.isEmpty else { return nil }
        return values.reduce(0, +) / Double(values.count)
    }

    /// The share of members with a lower value, × 100.
    public static func percentiel(_ value: Double, in values: [Double]) -> Double? {
        guard !values.isEmpty else { return nil }
        return Double(values.filter { $0 < value }.count) * 100 / Double(values.count)
    }

    /// The three statistics for the gemeente's value among the members' values (the gemeente included).
    public static func vergelijk(_ gemeente: Double?, leden: [Double]) -> GroepsVergelijking {
        GroepsVergelijking(
            gemeente: gemeente, mediaan: mediaan(leden), gemiddelde: gemiddelde(leden),
            percentiel: gemeente.flatMap { percentiel($0, in: leden) })
    }

    /// The size classes of contract.md, by inhabitants on 1 January.
    public static func grootteklasse(inwoners: Int) -> String {
        switch inwoners {
        case ..<50_000: return "tot 50.000"
        case 50_000..<100_000: return "50.000 tot 100.000"
        default: return "100.000 en meer"
        }
    }
}
