import GRDB

/// `agg_volume_maand`: the benchmark volume of each gemeente and month summed
/// over the four benefit regelingen, which every report's group statistics
/// read for all members. It is derived, so it is only ever rebuilt from
/// `fact_volume_maand`: for the gemeente × month pairs a load delivered, and whole after a
/// rollback, always inside the transaction that changed the facts.
///
/// ```swift
/// try accumulator.write(in: db)              // after a benchmark load (`Accumulator`)
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

    /// The sums of the gemeente × month pairs a benchmark load delivers, added up
    /// while its rows go by, so the load never reads its own facts back.
    ///
    /// A pair that had no figures before the load (no row in `agg_volume_maand`)
    /// holds exactly the file's rows, so its sums are written as added up. A pair
    /// that had figures (other regelingen from an earlier load, or rows this load
    /// replaced) is summed again from `fact_volume_maand` through its primary key.
    ///
    /// ```swift
    /// var sums = VolumeAggregate.Accumulator()
    /// sums.add(gemeente: 394, maand: 202401, standBegin: 100, instroom: 5, uitstroom: 3, standEind: 102)
    /// try sums.write(in: db)   // before the load's commit
    /// ```
    public struct Accumulator {
        private struct Sum {
            var regelingen: Int64 = 0
            var standBegin: Int64 = 0
            var beginCount: Int64 = 0
            var instroom: Int64 = 0
            var uitstroom: Int64 = 0
            var standEind: Int64 = 0
            var eindCount: Int64 = 0

            @inline(__always)
            mutating func add(_ begin: Int64?, _ instroom: Int64, _ uitstroom: Int64, _ eind: Int64?) {
                regelingen += 1
                if let begin {
                    standBegin += begin
                    beginCount += 1
                }
                self.instroom += instroom
                self.uitstroom += uitstroom
                if let eind {
                    standEind += eind
                    eindCount += 1
                }
            }
        }

        private var sums: [Int: Sum] = [:]

        public init() {}

        /// Adds one delivered row of a benefit regeling (PW, IOAW, IOAZ or BBZ).
        @inline(__always)
        public mutating func add(gemeente: Int, maand: Int, standBegin: Int64?, instroom: Int64, uitstroom: Int64, standEind: Int64?) {
            let key = gemeente * 1_000_000 + maand
            sums[key, default: Sum()].add(standBegin, instroom, uitstroom, standEind)
        }

        /// Writes the sums of every pair added; inside the load's transaction, after its last row.
        public func write(in db: Database) throws {
            let insert = try FastStatement(db, "INSERT INTO agg_volume_maand (\(columns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
            let remove = try FastStatement(db, "DELETE FROM agg_volume_maand WHERE gemeente_id = ? AND maand_id = ?")
            let resum = try FastStatement(
                db,
                """
                INSERT OR FAIL INTO agg_volume_maand (\(columns))
                SELECT \(columns) FROM (\(VolumeAggregate.sums(regelingIds: regelingIds))) WHERE gemeente_id = ?1 AND maand_id = ?2
                """)
            // Key order is the table's order: every insert lands at the end of a page.
            for key in sums.keys.sorted() {
                let gemeente = key / 1_000_000
                let maand = key % 1_000_000
                // A pair whose row this removes had figures before the load: summed again from the facts.
                remove.bind(1, gemeente)
                remove.bind(2, maand)
                try remove.run()
                if remove.changes > 0 {
                    resum.bind(1, gemeente)
                    resum.bind(2, maand)
                    try resum.run()
                    continue
                }
                let sum = sums[key]!
                insert.bind(1, gemeente)
                insert.bind(2, maand)
                insert.bind(3, sum.regelingen)
                insert.bind(4, sum.beginCount > 0 ? sum.standBegin : nil)
                insert.bind(5, sum.beginCount == sum.regelingen ? 1 : 0)
                insert.bind(6, sum.instroom)
                insert.bind(7, sum.uitstroom)
                insert.bind(8, sum.eindCount > 0 ? sum.standEind : nil)
                try insert.run()
            }
        }
    }

    /// Rebuilds every sum.
    public static func refreshAll(in db: Database) throws {
        try db.execute(sql: "DELETE FROM agg_volume_maand")
        try db.execute(sql: "INSERT INTO agg_volume_maand (\(columns)) \(sums(regelingIds: regelingIds))")
    }
}
