import Foundation

/// A reporting period of the P&C cycle: a month, quarter, tertiaal, half year,
/// year or a range of months, with its previous period and the same period a
/// year earlier.
///
/// ```swift
/// let t2 = try Periode.parse("2024-T2").get()   // May–August 2024
/// t2.maanden                                    // 4
/// t2.vorige.code                                // "2024-T1"
/// t2.vorigJaar.code                             // "2023-T2"
/// ```
public struct Periode: Hashable, Sendable, CustomStringConvertible {
    /// What kind of period it is; it decides how the period is written and what "previous" means.
    public enum Soort: String, Sendable {
        case maand, kwartaal, tertiaal, halfjaar, jaar, reeks
    }

    public let soort: Soort
    /// First month, inclusive.
    public let van: Month
    /// Last month, inclusive.
    public let tot: Month

    public init(soort: Soort, van: Month, tot: Month) {
        precondition(van <= tot, "a period cannot end before it starts")
        self.soort = soort
        self.van = van
        self.tot = tot
    }

    /// Number of months in the period.
    public var maanden: Int { van.distance(to: tot) + 1 }

    /// Every month of the period, in order.
    public var months: [Month] { (0..<maanden).map { van.adding(months: $0) } }

    /// The canonical spelling: `2024-03`, `2024-Q1`, `2024-T1`, `2024-H1`, `2024`, `2024-01..2024-08`.
    public var code: String {
        switch soort {
        case .maand: return van.code
        case .kwartaal: return "\(van.year)-Q\((van.month - 1) / 3 + 1)"
        case .tertiaal: return "\(van.year)-T\((van.month - 1) / 4 + 1)"
        case .halfjaar: return "\(van.year)-H\((van.month - 1) / 6 + 1)"
        case .jaar: return "\(van.year)"
        case .reeks: return "\(van.code)..\(tot.code)"
        }
    }

    public var description: String { code }

    /// The Dutch name for headings: "maart 2024", "2e kwartaal 2024", "2e tertiaal 2024", "1e halfjaar 2024", "2024",
    /// "januari t/m augustus 2024".
    public var naam: String {
        switch soort {
        case .maand: return "\(Self.maandnamen[van.month - 1]) \(van.year)"
        case .kwartaal: return "\((van.month - 1) / 3 + 1)e kwartaal \(van.year)"
        case .tertiaal: return "\((van.month - 1) / 4 + 1)e tertiaal \(van.year)"
        case .halfjaar: return "\((van.month - 1) / 6 + 1)e halfjaar \(van.year)"
        case .jaar: return "\(van.year)"
        case .reeks:
            let first = van.year == tot.year ? Self.maandnamen[van.month - 1] : "\(Self.maandnamen[van.month - 1]) \(van.year)"
            return "\(first) t/m \(Self.maandnamen[tot.month - 1]) \(tot.year)"
        }
    }

    /// The period of equal length just before this one (the previous quarter, month, …).
    public var vorige: Periode {
        Periode(soort: soort, van: van.adding(months: -maanden), tot: tot.adding(months: -maanden))
    }

    /// The same period one year earlier.
    public var vorigJaar: Periode {
        Periode(soort: soort, van: van.adding(months: -12), tot: tot.adding(months: -12))
    }

    /// Whether a month lies in the period.
    public func contains(_ month: Month) -> Bool { van <= month && month <= tot }

    public static let maandnamen = [
        "januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
        "november", "december",
    ]

    /// Reads a period as users write it: `2024-03` (and every month spelling of the
    /// extracts), `2024-Q1`, `2024Q1`, `2024K1`, `2024-K1`, `Q1 2024`, `2024-T1`, `2024T1`,
    /// `2024-H1`, `2024H1`, `2024-HJ1`, `2024`, `2024-01..2024-08` (also with `/` or ` t/m `).
    public static func parse(_ text: String) -> Result<Periode, PeriodeProblem> {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { return .failure(.leeg) }
        for separator in ["..", " t/m ", " tm ", "/", " - "] where trimmed.contains(separator) {
            let parts = trimmed.components(separatedBy: separator)
            // "03/2024" is a month, not a range: only split when both sides are months with a year.
            if parts.count == 2, case .success(let from) = FieldParser.month(parts[0]),
                case .success(let to) = FieldParser.month(parts[1])
            {
                guard from <= to else { return .failure(.eindVoorBegin(text)) }
                if from == to { return .success(Periode(soort: .maand, van: from, tot: to)) }
                return .success(Periode(soort: .reeks, van: from, tot: to))
            }
        }
        let upper = trimmed.uppercased().replacingOccurrences(of: " ", with: "").replacingOccurrences(of: "-", with: "")
        if upper.count == 4, let year = Int(upper) {
            guard FieldParser.acceptedYears.contains(year) else { return .failure(.onbekend(text)) }
            return .success(Periode(soort: .jaar, van: Month(year: year, month: 1)!, tot: Month(year: year, month: 12)!))
        }
        if let (year, letter, number) = splitPart(upper) {
            let (soort, length, count): (Soort, Int, Int)
            switch letter {
            case "Q", "K": (soort, length, count) = (.kwartaal, 3, 4)
            case "T": (soort, length, count) = (.tertiaal, 4, 3)
            case "H", "HJ": (soort, length, count) = (.halfjaar, 6, 2)
            default: return .failure(.onbekend(text))
            }
            guard (1...count).contains(number), FieldParser.acceptedYears.contains(year) else { return .failure(.onbekend(text)) }
            let first = Month(year: year, month: (number - 1) * length + 1)!
            return .success(Periode(soort: soort, van: first, tot: first.adding(months: length - 1)))
        }
        if case .success(let month) = FieldParser.month(trimmed) {
            return .success(Periode(soort: .maand, van: month, tot: month))
        }
        return .failure(.onbekend(text))
    }

    /// "2024Q1", "2024K1", "Q12024", "2024HJ1" → (2024, "Q", 1).
    private static func splitPart(_ text: String) -> (Int, String, Int)? {
        let characters = Array(text)
        // year first
        if characters.count >= 6, let year = Int(String(characters[0..<4])) {
            let rest = String(characters[4...])
            let letters = rest.prefix { $0.isLetter }
            if let number = Int(rest.dropFirst(letters.count)), !letters.isEmpty { return (year, String(letters), number) }
        }
        // part first: Q1 2024 (spaces removed: Q12024)
        let letters = String(text.prefix { $0.isLetter })
        let rest = text.dropFirst(letters.count)
        if !letters.isEmpty, rest.count == 5, let number = Int(String(rest.prefix(1))), let year = Int(String(rest.dropFirst())) {
            return (year, letters, number)
        }
        return nil
    }
}

/// Why a period could not be read.
public enum PeriodeProblem: Error, Equatable, CustomStringConvertible {
    case leeg
    case onbekend(String)
    case eindVoorBegin(String)

    public var description: String {
        switch self {
        case .leeg:
            return "the period is empty"
        case .onbekend(let text):
            return
                "'\(text)' is not a period; write a month (2024-03), quarter (2024-Q1 or 2024K1), tertiaal (2024-T1), half year (2024-H1), year (2024) or range (2024-01..2024-08)"
        case .eindVoorBegin(let text):
            return "the range '\(text)' ends before it starts"
        }
    }
}
