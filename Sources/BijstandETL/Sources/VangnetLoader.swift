import BijstandCore
import BijstandWarehouse
import GRDB

/// `ingest vangnet`: the user's correction of the vangnet parameters per year
/// (`param_vangnet`), for when the rules shipped with the program are not the
/// ones in force. Parameters, not deliveries: a year is simply overwritten.
public final class VangnetLoader: SourceLoader {
    public static let kind = "vangnet"
    static let percentColumns = [
        "drempel_pct", "band1_tot_pct", "band1_vergoeding_pct", "band2_tot_pct", "band2_vergoeding_pct",
        "rest_vergoeding_pct",
    ]
    public static let layout = Layout(
        kind: kind,
        columns: [ColumnSpec("jaar")] + percentColumns.map { ColumnSpec($0) } + [ColumnSpec("bron", aliases: ["toelichting"])],
        required: [["jaar"], ["drempel_pct"]])

    private let context: LoadContext
    private let header: MatchedHeader
    private let upsert: FastStatement

    public init(context: LoadContext, header: MatchedHeader) throws {
        self.context = context
        self.header = header
        upsert = try FastStatement(
            context.db,
            """
            INSERT OR REPLACE INTO param_vangnet (jaar, drempel_pct, band1_tot_pct, band1_vergoeding_pct, band2_tot_pct,
                band2_vergoeding_pct, rest_vergoeding_pct, bron, batch_id)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
    }

    public func load(_ record: CSVRecord) throws -> RowOutcome {
        let jaarColumn = header["jaar"]!
        let jaar: Int
        switch FieldParser.year(record[jaarColumn]) {
        case .success(let value): jaar = value
        case .failure(let problem): throw context.problem(record, jaarColumn, problem)
        }
        var values: [Double?] = []
        for name in Self.percentColumns {
            guard let column = header[name], !record.isEmpty(column) else {
                if name == "drempel_pct" {
                    throw RowProblem(column: header[name], value: "", reason: "drempel_pct is missing")
                }
                values.append(nil)
                continue
            }
            switch FieldParser.decimal(record[column], scale: 4) {
            case .success(let parsed) where parsed.value >= 0 && parsed.value <= 1_000_000:
                values.append(Double(parsed.value) / 10_000)
            case .success:
                throw RowProblem(column: column, value: record.string(column), reason: "a percentage must lie between 0 and 100")
            case .failure(let problem):
                throw context.problem(record, column, problem)
            }
        }
        let bron = header["bron"].flatMap { record.isEmpty($0) ? nil : record.string($0) } ?? "ingest vangnet (\(context.file))"
        let wasThere = try Bool.fetchOne(context.db, sql: "SELECT 1 FROM param_vangnet WHERE jaar = ?", arguments: [jaar]) ?? false
        upsert.bind(1, jaar)
        for (offset, value) in values.enumerated() {
            if let value { upsert.bind(Int32(2 + offset), value) } else { upsert.bindNull(Int32(2 + offset)) }
        }
        upsert.bind(8, bron)
        upsert.bind(9, context.batch)
        try upsert.run()
        return wasThere ? .replaced : .loaded
    }

    public func finish() throws {}
}
