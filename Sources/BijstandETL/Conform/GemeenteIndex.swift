import BijstandCore
import GRDB

/// The gemeente dimension in memory, for conforming the codes and names of an
/// extract to `dim_gemeente` without a query per row.
///
/// ```swift
/// let index = try GemeenteIndex(db)
/// let id = try index.resolve(number: 394, in: Month(year: 2024, month: 3)!).get()   // 394
/// ```
public final class GemeenteIndex {
    struct Entry {
        var code: String
        var naam: String
        /// First valid day (days since 1970), Int.min when unknown.
        var vanaf: Int
        /// First day no longer valid, Int.max while the gemeente exists.
        var tot: Int
        var opvolger: Int?
        var totISO: String?
    }

    private var entries: [Entry?] = Array(repeating: nil, count: 10_000)
    private var byName: [String: [Int]] = [:]

    public init(_ db: Database, mapping: Mapping = Mapping()) throws {
        let rows = try Row.fetchAll(
            db,
            sql: "SELECT gemeente_id, gemeentecode, gemeentenaam, naam_sleutel, geldig_vanaf, geldig_tot, opgegaan_in_id FROM dim_gemeente")
        for row in rows {
            let id: Int = row[0]
            guard id > 0, id < entries.count else { continue }
            let vanaf: String? = row[4]
            let tot: String? = row[5]
            entries[id] = Entry(
                code: row[1], naam: row[2],
                vanaf: vanaf.flatMap { try? FieldParser.date($0).get().daysSinceEpoch } ?? Int.min,
                tot: tot.flatMap { try? FieldParser.date($0).get().daysSinceEpoch } ?? Int.max,
                opvolger: row[6], totISO: tot)
            byName[row[3], default: []].append(id)
        }
        for row in try Row.fetchAll(db, sql: "SELECT alias_sleutel, gemeente_id FROM dim_gemeente_alias") {
            byName[row[0], default: []].append(row[1])
        }
        for (name, id) in mapping.gemeenten {
            byName[name] = [id]
        }
    }

    /// Number of gemeenten known.
    public var count: Int { entries.lazy.compactMap { $0 }.count }

    /// The code (GM0394) of a known gemeente number.
    public func code(_ id: Int) -> String? { id > 0 && id < entries.count ? entries[id]?.code : nil }

    /// The official name of a known gemeente number.
    public func naam(_ id: Int) -> String? { id > 0 && id < entries.count ? entries[id]?.naam : nil }

    /// Checks that a gemeente number exists and existed during (part of) `month`.
    @inline(__always)
    public func resolve(number: Int, in month: Month?) -> Result<Int, GemeenteProblem> {
        guard number > 0, number < entries.count, let entry = entries[number] else {
            return .failure(.unknownCode(number))
        }
        if let month {
            let first = month.firstDay.daysSinceEpoch
            let last = month.lastDay.daysSinceEpoch
            if entry.tot <= first {
                var successor: String?
                if let next = entry.opvolger, let nextCode = code(next) {
                    successor = "\(nextCode) \(naam(next) ?? "")"
                }
                return .failure(.noLongerExisting(code: entry.code, naam: entry.naam, tot: entry.totISO ?? "?", opvolger: successor))
            }
            if entry.vanaf > last {
                return .failure(.notYetExisting(code: entry.code, naam: entry.naam))
            }
        }
        return .success(number)
    }

    /// Finds a gemeente by name ('s-Gravenhage, Den Haag, Súdwest-Fryslân), preferring
    /// the one that existed in `month` when a name was used more than once.
    public func resolve(name: String, in month: Month?) -> Result<Int, GemeenteProblem> {
        let key = TextFolding.foldName(name)
        guard let candidates = byName[key], !candidates.isEmpty else {
            return .failure(.unknownName(name))
        }
        let unique = Array(Set(candidates))
        if unique.count == 1 { return resolve(number: unique[0], in: month) }
        let valid = unique.filter { if case .success = resolve(number: $0, in: month) { return true } else { return false } }
        if valid.count == 1 { return .success(valid[0]) }
        return .failure(.ambiguousName(name, codes: unique.sorted().compactMap { code($0) }))
    }

    /// Whether `name` is a name of gemeente `id` (used to warn about a name that contradicts its code).
    public func nameMatches(_ name: String, id: Int) -> Bool {
        byName[TextFolding.foldName(name)]?.contains(id) ?? false
    }
}

/// Why a gemeente could not be conformed, in words for the quarantine.
public enum GemeenteProblem: Error, Equatable {
    case unknownCode(Int)
    case unknownName(String)
    case ambiguousName(String, codes: [String])
    case noLongerExisting(code: String, naam: String, tot: String, opvolger: String?)
    case notYetExisting(code: String, naam: String)

    public var reason: String {
        switch self {
        case .unknownCode(let number):
            return "GM\(String(format4: number)) is not a gemeente code CBS has used"
        case .unknownName(let name):
            return "'\(FieldProblem.abbreviated(name))' is not the name of a gemeente (add it to a --mapping file if it is one)"
        case .ambiguousName(let name, let codes):
            return "'\(name)' can mean \(codes.joined(separator: " or ")); give the gemeentecode"
        case .noLongerExisting(let code, let naam, let tot, let opvolger):
            let successor = opvolger.map { "; it became part of \($0)" } ?? ""
            return "\(code) \(naam) no longer existed in that month (until \(tot))\(successor)"
        case .notYetExisting(let code, let naam):
            return "\(code) \(naam) did not exist yet in that month"
        }
    }
}

extension String {
    /// Four digits with leading zeros: 394 → "0394".
    init(format4 number: Int) {
        let digits = number.description
        self = String(repeating: "0", count: Swift.max(0, 4 - digits.count)) + digits
    }
}
