/// One month of stand and flows as the query delivers it, already summed over
/// regelingen and (on current borders) over merged predecessors. Weighted
/// sums can be fractional; they are rounded only when shown.
public struct VolumeMaand: Sendable, Equatable {
    public var maand: Month
    public var standBegin: Double?
    public var instroom: Double
    public var uitstroom: Double
    public var standEind: Double?
    public var voorlopig: Bool
    /// Uitstroom per reason key.
    public var uitstroomPerReden: [String: Double]

    public init(
        maand: Month, standBegin: Double?, instroom: Double, uitstroom: Double, standEind: Double?, voorlopig: Bool = false,
        uitstroomPerReden: [String: Double] = [:]
    ) {
        self.maand = maand
        self.standBegin = standBegin
        self.instroom = instroom
        self.uitstroom = uitstroom
        self.standEind = standEind
        self.voorlopig = voorlopig
        self.uitstroomPerReden = uitstroomPerReden
    }
}

/// Turns a monthly series into the figures of a period (domain.md):
/// stand at the start of the first month, flows summed, stand at the end of the
/// last month, and the percentages per month as total flow ÷ total of the
/// monthly starting stands (a weighted mean).
public enum VolumeBerekening {
    /// The figures of `periode`, or nil when no month of it has figures.
    public static func cijfers(_ reeks: [Month: VolumeMaand], periode: Periode) -> VolumeCijfers? {
        let maanden = periode.months.compactMap { reeks[$0] }
        guard !maanden.isEmpty else { return nil }
        let instroom = maanden.reduce(0) { $0 + $1.instroom }
        let uitstroom = maanden.reduce(0) { $0 + $1.uitstroom }
        // The monthly starting stands that are known (a missing one: the previous month's end).
        var instroomBasis = 0.0
        var uitstroomBasis = 0.0
        var flowInstroom = 0.0
        var flowUitstroom = 0.0
        for maand in maanden {
            guard let begin = standBegin(maand.maand, reeks), begin > 0 else { continue }
            instroomBasis += begin
            uitstroomBasis += begin
            flowInstroom += maand.instroom
            flowUitstroom += maand.uitstroom
        }
        let begin = reeks[periode.van].flatMap { standBegin($0.maand, reeks) }
        let eind = reeks[periode.tot]?.standEind
        var redenen: [String: Double] = [:]
        for maand in maanden {
            for (reden, aantal) in maand.uitstroomPerReden { redenen[reden, default: 0] += aantal }
        }
        let beginCount = begin.map(rounded)
        let eindCount = eind.map(rounded)
        return VolumeCijfers(
            stand_begin: beginCount.map { Telling($0) }, instroom: Telling(rounded(instroom)), uitstroom: Telling(rounded(uitstroom)),
            stand_eind: eindCount.map { Telling($0) },
            netto_mutatie: beginCount.flatMap { b in eindCount.map { $0 - b } },
            instroom_pct_per_maand: instroomBasis > 0 ? flowInstroom * 100 / instroomBasis : nil,
            uitstroom_pct_per_maand: uitstroomBasis > 0 ? flowUitstroom * 100 / uitstroomBasis : nil,
            uitstroom_per_reden: redenen.mapValues { Telling(rounded($0)) }, maanden_met_cijfers: maanden.count)
    }

    /// The stand at the start of a month: as delivered, or else the previous month's end.
    public static func standBegin(_ month: Month, _ reeks: [Month: VolumeMaand]) -> Double? {
        reeks[month]?.standBegin ?? reeks[month.adding(months: -1)]?.standEind
    }

    /// Counts are whole; weighted sums are rounded half away from zero.
    public static func rounded(_ value: Double) -> Int {
        Int(value.rounded(.toNearestOrAwayFromZero))
    }
}
