import BijstandCore
import GRDB

/// A gemeente as the query module names it.
public struct GemeenteRef: Sendable, Equatable, Codable {
    public var id: Int
    public var code: String
    public var naam: String
}

/// Why a gemeente named by a user cannot be reported on.
public enum GemeenteLookupError: Error, CustomStringConvertible {
    case unknown(String)
    case ambiguous(String, [String])
    case dissolved(code: String, naam: String, tot: String, opvolger: GemeenteRef?)

    public var description: String {
        switch self {
        case .unknown(let text):
            return "'\(text)' is not a gemeente code or name the warehouse knows."
        case .ambiguous(let text, let codes):
            return "'\(text)' can mean \(codes.joined(separator: " or ")); give the gemeentecode."
        case .dissolved(let code, let naam, let tot, let opvolger):
            let successor = opvolger.map { " Its successor is \($0.code) \($0.naam): report on that gemeente." } ?? ""
            return "\(code) \(naam) no longer exists (since \(tot)).\(successor)"
        }
    }
}

/// Finds the gemeente a user means: a code in any accepted form, or a name.
public enum GemeenteLookup {
    /// Resolves `text`; with `currentOnly`, a dissolved gemeente is refused with its successor named.
    public static func resolve(_ text: String, in db: Database, currentOnly: Bool = true) throws -> GemeenteRef {
        var rows: [Row]
        if case .success(let number) = FieldParser.gemeenteNummer(text) {
            rows = try Row.fetchAll(
                db,
                sql: "SELECT gemeente_id, gemeentecode, gemeentenaam, geldig_tot, opgegaan_in_id FROM dim_gemeente WHERE gemeente_id = ?",
                arguments: [number])
        } else {
            let key = TextFolding.foldName(text)
            rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT gemeente_id, gemeentecode, gemeentenaam, geldig_tot, opgegaan_in_id FROM dim_gemeente
                    WHERE naam_sleutel = ?1 OR gemeente_id IN (SELECT gemeente_id FROM dim_gemeente_alias WHERE alias_sleutel = ?1)
                    """,
                arguments: [key])
            if rows.count > 1 {
                let current = rows.filter { ($0["geldig_tot"] as String?) == nil }
                if current.count == 1 { rows = current }
            }
        }
        guard !rows.isEmpty else { throw GemeenteLookupError.unknown(text) }
        guard rows.count == 1 else { throw GemeenteLookupError.ambiguous(text, rows.map { $0["gemeentecode"] }) }
        let row = rows[0]
        let ref = GemeenteRef(id: row["gemeente_id"], code: row["gemeentecode"], naam: row["gemeentenaam"])
        if currentOnly, let tot: String = row["geldig_tot"] {
            throw GemeenteLookupError.dissolved(
                code: ref.code, naam: ref.naam, tot: tot, opvolger: try currentSuccessor(of: ref.id, in: db))
        }
        return ref
    }

    /// Follows `opgegaan_in` until a gemeente that still exists.
    public static func currentSuccessor(of id: Int, in db: Database) throws -> GemeenteRef? {
        var current = id
        for _ in 0..<20 {
            guard
                let row = try Row.fetchOne(
                    db, sql: "SELECT opgegaan_in_id FROM dim_gemeente WHERE gemeente_id = ?", arguments: [current]),
                let next: Int = row[0]
            else { break }
            current = next
            if let successor = try Row.fetchOne(
                db, sql: "SELECT gemeente_id, gemeentecode, gemeentenaam, geldig_tot FROM dim_gemeente WHERE gemeente_id = ?",
                arguments: [current]), (successor["geldig_tot"] as String?) == nil
            {
                return GemeenteRef(id: successor[0], code: successor[1], naam: successor[2])
            }
        }
        return nil
    }
}
