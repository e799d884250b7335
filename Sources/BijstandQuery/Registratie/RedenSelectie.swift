import BijstandCore
import GRDB

/// Which uitstroom reasons a question is about: `werk` (every reason that
/// counts as uitstroom naar werk), a group (`onderwijs`, `andere uitkering`,
/// `administratief`, `overig`, `onbekend`), or detailed codes (`11`, `13`,
/// `opleiding`), several separated by commas.
///
/// ```swift
/// let werk = try RedenSelectie.parse("werk", in: db)        // BUS 11 and 13, werk, werk_regulier, ...
/// let codes = try RedenSelectie.parse("11,13", in: db)
/// werk.contains(111)   // true
/// ```
public struct RedenSelectie: Sendable, Equatable {
    /// The reasons (dim_reden.reden_id) selected.
    public let redenIds: Set<Int64>
    /// The selection as the user gave it, for output.
    public let omschrijving: String

    public func contains(_ id: Int64) -> Bool { redenIds.contains(id) }

    public static let groepen = ["werk", "onderwijs", "andere uitkering", "administratief", "overig", "onbekend"]

    public static func parse(_ text: String, in db: Database) throws -> RedenSelectie {
        let rows = try Row.fetchAll(db, sql: "SELECT reden_id, code, omschrijving, groep, richting, naar_werk FROM dim_reden")
        var ids = Set<Int64>()
        for part in text.split(separator: ",") {
            let folded = TextFolding.foldName(String(part))
            guard !folded.isEmpty else { continue }
            var matched: [Row]
            if folded == "werk" || folded == "naar werk" {
                matched = rows.filter { ($0["naar_werk"] as Int) == 1 }
            } else if Self.groepen.contains(folded) {
                matched = rows.filter { ($0["groep"] as String) == folded && ($0["richting"] as String) != "instroom" }
            } else if let number = Int(folded), (0...99).contains(number) {
                let code = number < 10 ? "0\(number)" : "\(number)"
                matched = rows.filter { ($0["code"] as String) == code }
            } else {
                matched = rows.filter {
                    TextFolding.foldName($0["code"]) == folded || TextFolding.foldName($0["omschrijving"]) == folded
                }
            }
            guard !matched.isEmpty else { throw RedenSelectieError.unknown(String(part)) }
            ids.formUnion(matched.map { $0["reden_id"] as Int64 })
        }
        guard !ids.isEmpty else { throw RedenSelectieError.unknown(text) }
        return RedenSelectie(redenIds: ids, omschrijving: text)
    }
}

/// A --reden that names no reason.
public enum RedenSelectieError: Error, CustomStringConvertible {
    case unknown(String)

    public var description: String {
        switch self {
        case .unknown(let text):
            return
                "--reden '\(text)' is not a reason: use werk, a group (\(RedenSelectie.groepen.dropFirst().joined(separator: ", "))) or a code such as 11 or opleiding (see the table dim_reden)."
        }
    }
}
