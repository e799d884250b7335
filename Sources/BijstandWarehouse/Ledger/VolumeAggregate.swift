import GRDB

/// `agg_volume_maand`: the benchmark volume of each gemeente and month summed
/// over the four benefit regelingen, which every report's group statistics
/// read for all members. It is derived, so it is only ever rebuilt from
/// `fact_volume_maand`: for the months a load delivered, and whole after a
/// rollback, always inside the transaction that changed the facts.
///
/// ```swift
/// try VolumeAggregate.refresh(months: [202401, 202402], in: db)   // after a benchmark load
/// try VolumeAggregate.refreshAll(in: db)                          // after a rollback
/// ```
public enum VolumeAggregate {
    /// The regelingen it sums: the benefits (PW, IOAW, IOAZ, BBZ), not LKS.
    public static let regelingIds = [1, 2, 3, 4]

    static let select = """
        SELECT gemeente_id, maand_id, count(*), sum(stand_begin), count(stand_begin) = count(*), sum(instroom), sum(uitstroom), sum(stand_eind)
        FROM fact_volume_maand
        WHERE bron_id = 1 AND regeling_id IN (1, 2, 3, 4)
        """

    /// Rebuilds the sums of these months (`maand_id`s).
    public static func refresh(months: Set<Int>, in db: Database) throws {
        guard !months.isEmpty else { return }
        let list = months.sorted().map(String.init).joined(separator: ", ")
        try db.execute(sql: "DELETE FROM agg_volume_maand WHERE maand_id IN (\(list))")
        try db.execute(
            sql: """
                INSERT INTO agg_volume_maand (gemeente_id, maand_id, regelingen, stand_begin, begin_compleet, instroom, uitstroom, stand_eind)
                \(select) AND maand_id IN (\(list))
                GROUP BY gemeente_id, maand_id
                """)
    }

    /// Rebuilds every sum.
    public static func refreshAll(in db: Database) throws {
        try db.execute(sql: "DELETE FROM agg_volume_maand")
        try db.execute(
            sql: """
                INSERT INTO agg_volume_maand (gemeente_id, maand_id, regelingen, stand_begin, begin_compleet, instroom, uitstroom, stand_eind)
                \(select)
                GROUP BY gemeente_id, maand_id
                """)
    }
}
