import GRDB

/// A fact table whose rows a newer delivery replaces, with the history table
/// that keeps what was replaced. The loader and `rollback` are written once,
/// against this description, for every such table.
///
/// ```swift
/// let volume = ReplaceableFact.volumeMaand
/// try volume.rollback(batch: 7, in: db)
/// ```
public struct ReplaceableFact: Sendable {
    /// The table holding the current figures.
    public let table: String
    /// The table holding replaced figures, with the same columns plus `vervangen_door`.
    public let historyTable: String
    /// The columns that identify one delivery unit (what a newer delivery replaces).
    public let deliveryKey: [String]
    /// Every column of `table`, in order.
    public let columns: [String]
    /// For a dependent table (reasons belong to a volume row): the fact whose
    /// history tells which delivery replaced which. Nil for a table that is its own owner.
    public let owner: ReplaceableFactOwner?

    public init(table: String, historyTable: String, deliveryKey: [String], columns: [String], owner: ReplaceableFactOwner?) {
        self.table = table
        self.historyTable = historyTable
        self.deliveryKey = deliveryKey
        self.columns = columns
        self.owner = owner
    }

    /// `key = ? AND …` over `deliveryKey`, in its order: one delivery unit, its key bound from a first parameter on.
    public var deliveryKeyMatch: String {
        deliveryKey.map { "\($0) = ?" }.joined(separator: " AND ")
    }

    /// Moves the current rows of one delivery unit into history, marked as replaced by `batch`.
    /// Returns the number of rows moved.
    public func moveToHistorySQL() -> (copy: String, delete: String) {
        let columnList = columns.joined(separator: ", ")
        let keyMatch = deliveryKeyMatch
        return (
            "INSERT OR FAIL INTO \(historyTable) (\(columnList), vervangen_door) SELECT \(columnList), ? FROM \(table) WHERE \(keyMatch)",
            "DELETE FROM \(table) WHERE \(keyMatch)"
        )
    }

    /// Undoes one load for this table: its current rows go, the rows they
    /// replaced come back, and where a later load had already replaced this
    /// load's rows, the earlier rows are handed on to that later load.
    public func rollback(batch: Int64, in db: Database) throws {
        let columnList = columns.joined(separator: ", ")
        let ownerHistory = owner?.historyTable ?? historyTable
        let keyMatch = deliveryKey.map { "o.\($0) = \(historyTable).\($0)" }.joined(separator: " AND ")
        // 1. Rows this load replaced, whose replacement was itself replaced later:
        //    they now count as replaced by that later load.
        try db.execute(
            sql: """
                UPDATE \(historyTable)
                SET vervangen_door = (SELECT o.vervangen_door FROM \(ownerHistory) o WHERE o.batch_id = ?1 AND \(keyMatch))
                WHERE vervangen_door = ?1
                  AND EXISTS (SELECT 1 FROM \(ownerHistory) o WHERE o.batch_id = ?1 AND \(keyMatch))
                """,
            arguments: [batch])
        // Callers roll dependants back before their owner, so the owner's history
        // rows of this load are still there when a dependant needs them above.
        try db.execute(sql: "DELETE FROM \(historyTable) WHERE batch_id = ?", arguments: [batch])
        // 2. This load's current rows go; what they replaced comes back.
        try db.execute(sql: "DELETE FROM \(table) WHERE batch_id = ?", arguments: [batch])
        try db.execute(
            sql: "INSERT INTO \(table) (\(columnList)) SELECT \(columnList) FROM \(historyTable) WHERE vervangen_door = ?",
            arguments: [batch])
        try db.execute(sql: "DELETE FROM \(historyTable) WHERE vervangen_door = ?", arguments: [batch])
    }
}

/// The table whose delivery units a dependent table follows.
public struct ReplaceableFactOwner: Sendable {
    public let historyTable: String
}

extension ReplaceableFact {
    /// Stand and flows per gemeente × maand × regeling × bron × eenheid.
    public static let volumeMaand = ReplaceableFact(
        table: "fact_volume_maand", historyTable: "hist_volume_maand",
        deliveryKey: ["gemeente_id", "maand_id", "regeling_id", "bron_id", "eenheid"],
        columns: [
            "gemeente_id", "maand_id", "regeling_id", "bron_id", "eenheid", "stand_begin", "instroom", "uitstroom",
            "stand_eind", "volume_betaald", "status", "batch_id", "regel",
        ],
        owner: nil)

    /// Flows by reason; replaced together with their volume row.
    public static let stroomRedenMaand = ReplaceableFact(
        table: "fact_stroom_reden_maand", historyTable: "hist_stroom_reden_maand",
        deliveryKey: ["gemeente_id", "maand_id", "regeling_id", "bron_id", "eenheid"],
        columns: [
            "gemeente_id", "maand_id", "regeling_id", "bron_id", "eenheid", "richting", "reden_id", "aantal", "batch_id",
        ],
        owner: ReplaceableFactOwner(historyTable: "hist_volume_maand"))

    /// The BUIG budget per gemeente × jaar × versie.
    public static let buigBudget = ReplaceableFact(
        table: "fact_buig_budget", historyTable: "hist_buig_budget",
        deliveryKey: ["gemeente_id", "jaar", "versie"],
        columns: [
            "gemeente_id", "jaar", "versie", "versie_rang", "bedrag_cent", "bedrag_lks_cent", "publicatiedatum", "correctie",
            "voorlopig_cijfer", "batch_id", "regel",
        ],
        owner: nil)

    /// Realised BUIG costs per gemeente × maand × regeling.
    public static let buigLastenMaand = ReplaceableFact(
        table: "fact_buig_lasten_maand", historyTable: "hist_buig_lasten_maand",
        deliveryKey: ["gemeente_id", "maand_id", "regeling_id"],
        columns: ["gemeente_id", "maand_id", "regeling_id", "lasten_cent", "baten_cent", "voorlopig_cijfer", "batch_id", "regel"],
        owner: nil)

    /// Registered benefit spells (`ingest uitkeringen`), replaced by snapshot per gemeente.
    public static let uitkering = ReplaceableFact(
        table: "fact_uitkering", historyTable: "hist_uitkering",
        deliveryKey: ["gemeente_id", "dossiernummer", "regeling_id", "startdatum"],
        columns: [
            "gemeente_id", "dossiernummer", "regeling_id", "startdatum", "einddatum", "persoon_pseudoniem", "client_id",
            "personen", "instroom_reden_id", "uitstroom_reden_id", "instroom_reden_label", "uitstroom_reden_label",
            "geboortejaar", "leeftijdsklasse", "geslacht", "huishouden", "categorie", "statushouder", "inhoud_hash",
            "laad_markering", "batch_id", "regel",
        ],
        owner: nil)

    /// Registered trajecten (`ingest trajecten`), replaced by snapshot per gemeente.
    public static let traject = ReplaceableFact(
        table: "fact_traject", historyTable: "hist_traject",
        deliveryKey: ["gemeente_id", "koppeling", "instrument", "startdatum"],
        columns: [
            "gemeente_id", "koppeling", "instrument", "startdatum", "einddatum", "dossiernummer", "persoon_pseudoniem",
            "client_id", "aanbieder", "resultaat", "kosten_cent", "inhoud_hash", "laad_markering", "batch_id", "regel",
        ],
        owner: nil)

    /// Every replaceable fact, dependants before their owners (the order rollback needs).
    public static let all: [ReplaceableFact] = [
        .stroomRedenMaand, .volumeMaand, .buigBudget, .buigLastenMaand, .uitkering, .traject,
    ]
}
