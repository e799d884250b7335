import BijstandCore
import GRDB

/// One month of stand and flows for one gemeente, as the benchmark delivered it.
public struct VolumeMonth: Sendable, Equatable {
    public var maand: String
    public var standBegin: Int?
    public var instroom: Int
    public var uitstroom: Int
    public var standEind: Int?
    public var uitstroomWerk: Int?
    public var status: String
    public var batch: Int64
}

/// A first look at one gemeente: the last months of PW from the benchmark.
/// (The period report replaces this as the demo's output.)
public struct VolumeOverview: Sendable {
    public var gemeentecode: String
    public var gemeentenaam: String
    public var months: [VolumeMonth]

    /// Reads the last `count` months of regeling PW for a gemeente.
    public static func fetch(_ db: Database, gemeentecode: String, months count: Int) throws -> VolumeOverview? {
        guard let gemeente = try Row.fetchOne(
            db, sql: "SELECT gemeente_id, gemeentecode, gemeentenaam FROM dim_gemeente WHERE gemeentecode = ?",
            arguments: [gemeentecode])
        else { return nil }
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT m.maand, f.stand_begin, f.instroom, f.uitstroom, f.stand_eind,
                       (SELECT sum(r.aantal) FROM fact_stroom_reden_maand r JOIN dim_reden d ON d.reden_id = r.reden_id
                        WHERE r.gemeente_id = f.gemeente_id AND r.maand_id = f.maand_id AND r.regeling_id = f.regeling_id
                          AND r.bron_id = f.bron_id AND r.eenheid = f.eenheid AND r.richting = 'uitstroom' AND d.naar_werk = 1),
                       f.status, f.batch_id
                FROM fact_volume_maand f JOIN dim_maand m ON m.maand_id = f.maand_id
                WHERE f.gemeente_id = ? AND f.regeling_id = 1 AND f.bron_id = 1
                ORDER BY f.maand_id DESC LIMIT ?
                """,
            arguments: [gemeente[0] as Int, count])
        let months = rows.reversed().map { row in
            VolumeMonth(
                maand: row[0], standBegin: row[1], instroom: row[2], uitstroom: row[3], standEind: row[4],
                uitstroomWerk: row[5], status: row[6], batch: row[7])
        }
        return VolumeOverview(gemeentecode: gemeente[1], gemeentenaam: gemeente[2], months: months)
    }
}
