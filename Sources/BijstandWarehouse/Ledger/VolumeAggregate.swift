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

    /// The sums over some regelingen per gemeente and month, with the columns of
    /// `agg_volume_maand`: what the table keeps for the four benefit regelingen, and
    /// what a report counting other regelingen reads instead.
    public static func sums(regelingIds: [Int]) -> String {
        """
        SELECT gemeente_id, maand_id, count(*) AS regelingen, sum(stand_begin) AS stand_begin,
               count(stand_begin) = count(*) AS begin_compleet, sum(instroom) AS instroom, sum(uitstroom) AS uitstroom,
               sum(stand_eind) AS stand_eind
        FROM fact_volume_maand
        WHERE bron_id = 1 AND regeling_id IN (\(regelingIds.map(String.init).joined(separator: ", ")))
        GROUP BY gemeente_id, maand_id
        """
    }

    static let columns = "gemeente_id, maand_id, regelingen, stand_begin, begin_compleet, instroom, uitstroom, stand_eind"

    /// Rebuilds the sums of these months (`maand_id`s).
    public static func refresh(months: Set<Int>, in db: Database) throws {
        guard !months.isEmpty else { return }
        let list = months.sorted().map(String.init).joined(separator: ", ")
        try db.execute(sql: "DELETE FROM agg_volume_maand WHERE maand_id IN (\(list))")
        try db.execute(
            sql: """
                INSERT INTO agg_volume_maand (\(columns))
                SELECT \(columns) FROM (\(sums(regelingIds: regelingIds))) WHERE maand_id IN (\(list))
                """)
    }

    /// Rebuilds every sum.
    public static func refreshAll(in db: Database) throws {
        try db.execute(sql: "DELETE FROM agg_volume_maand")
        try db.execute(sql: "INSERT INTO agg_volume_maand (\(columns)) \(sums(regelingIds: regelingIds))")
    }
}
