import BijstandCore
import BijstandWarehouse
import Crypto
import Foundation
import GRDB
import GRDBSQLite

/// Replaces BSNs by keyed pseudonyms during one load, so that no raw BSN is
/// ever bound to a statement, written to a table or shown in a message.
///
/// The pseudonym is HMAC-SHA256(key, the nine digits), truncated to its first
/// 128 bits and written as 32 hex digits: the same BSN always gives the same
/// pseudonym under the same key, and without the key it cannot be traced back.
/// The key is looked up on the first BSN of the load (so a file without BSNs
/// never needs one) and checked against the warehouse's `pseudoniem_sleutel`.
///
/// ```swift
/// let pseudonyms = Pseudonymizer(context: context)
/// if case .success(let bsn) = BSN.read(record[column]) {
///     let persoon = try pseudonyms.pseudonym(bsn)   // "9f86d081884c7d65…"
/// }
/// ```
final class Pseudonymizer {
    /// Prefix of an identifier (dossiernummer, client_id) that was a BSN and is stored as its pseudonym.
    static let identifierPrefix = "ps:"

    private let context: LoadContext
    private let environment: [String: String]
    private var key: PseudonymKey?
    /// HMAC state after absorbing the key, copied for every BSN: the key schedule is done once per load.
    private var keyed: HMAC<SHA256>?
    /// Identifiers (dossiernummer, client_id) stored as pseudonyms because they were valid BSNs.
    private(set) var pseudonymisedIdentifiers = 0
    private var firstPseudonymisedLine: Int?

    init(context: LoadContext, environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.context = context
        self.environment = environment
    }

    /// The pseudonym of a BSN: 32 hex digits.
    func pseudonym(_ bsn: BSN) throws -> String {
        if keyed == nil { keyed = HMAC<SHA256>(key: try activeKey().key) }
        var hmac = keyed!
        bsn.withDigits { hmac.update(data: $0) }
        return hmac.finalize().withUnsafeBytes { Hex.encode($0.prefix(16)) }
    }

    /// The pseudonym of a row's `bsn` column; nil when the column is absent or empty.
    /// A value that fails the elfproef rejects the row, with the value masked.
    func pseudonym(of record: CSVRecord, column: Int?) throws -> String? {
        guard let column, !record.isEmpty(column) else { return nil }
        switch BSN.read(record[column]) {
        case .success(let bsn): return try pseudonym(bsn)
        case .failure(let problem): throw RowProblem(column: column, value: RejectMasking.mask, reason: problem.reason)
        }
    }

    /// An identifier as it may be stored: itself, or `ps:` + the pseudonym
    /// when it is a valid BSN (some gemeenten number clients by BSN).
    func storableIdentifier(_ field: UnsafeBufferPointer<UInt8>, line: Int) throws -> String {
        if BSN.isBSNShaped(field), case .success(let bsn) = BSN.read(field) {
            pseudonymisedIdentifiers += 1
            if firstPseudonymisedLine == nil { firstPseudonymisedLine = line }
            return Self.identifierPrefix + (try pseudonym(bsn))
        }
        return Self.trimmedText(field)
    }

    /// Tells the user, once per load, which identifiers were pseudonymised.
    func finish(column: String) throws {
        guard pseudonymisedIdentifiers > 0 else { return }
        try context.warn(
            line: firstPseudonymisedLine, column: column,
            "\(DutchFormat.count(pseudonymisedIdentifiers)) value(s) of \(column) are valid BSNs (elfproef) and were stored as their pseudonym (ps:…), never as the number"
        )
        pseudonymisedIdentifiers = 0
        firstPseudonymisedLine = nil
    }

    /// The field without blanks around it, as text.
    static func trimmedText(_ field: UnsafeBufferPointer<UInt8>) -> String {
        String(decoding: BSN.trimmed(field), as: UTF8.self)
    }

    private func activeKey() throws -> PseudonymKey {
        if let key { return key }
        let db = context.db
        let path = sqlite3_db_filename(db.sqliteConnection, "main").map { String(cString: $0) }
        let known = try String.fetchAll(db, sql: "SELECT controlewaarde FROM pseudoniem_sleutel")
        let resolved = try PseudonymKey.resolve(warehousePath: path, environment: environment, mayCreate: known.isEmpty)
        let check = resolved.checkValue
        if known.isEmpty {
            let herkomst = resolved.origin == .environment ? "omgeving" : "bestand"
            try db.execute(
                sql: """
                    INSERT INTO pseudoniem_sleutel (controlewaarde, herkomst, eerste_batch, vastgelegd_op)
                    VALUES (?, ?, ?, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
                    """,
                arguments: [check, herkomst, context.batch])
        } else if !known.contains(check) {
            if case .file(let keyPath, _) = resolved.origin { throw PseudonymKeyError.otherKey(path: keyPath) }
            throw PseudonymKeyError.otherKey(path: nil)
        }
        if case .file(let keyPath, true) = resolved.origin {
            try context.warn(
                line: nil, column: nil,
                "a new pseudonym key was created in \(keyPath) (readable by you only); back it up apart from the warehouse: without it, later loads cannot give the same person the same pseudonym"
            )
        }
        key = resolved
        return resolved
    }
}
