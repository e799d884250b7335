import BijstandCore
import BijstandWarehouse
import Foundation
import GRDB

/// `ingest doelen`: policy targets per gemeente × year (or period) × indicator (formats.md §7).
/// Targets are reference data: a target given again is updated in place.
public final class DoelenLoader: SourceLoader {
    public static let kind = "doelen"
    public static let layout = Layout(
        kind: kind,
        columns: [
            ColumnSpec("gemeentecode", aliases: ["gemeente", "gm_code", "code"]),
            ColumnSpec("gemeentenaam", aliases: ["naam"]),
            ColumnSpec("jaar"),
            ColumnSpec("periode"),
            ColumnSpec("indicator", aliases: ["doel", "kpi"]),
            ColumnSpec("minimum", aliases: ["min", "ondergrens"]),
            ColumnSpec("maximum", aliases: ["max", "bovengrens"]),
            ColumnSpec("bron", aliases: ["document", "beleidsdocument"]),
        ],
        required: [["gemeentecode", "gemeentenaam"], ["jaar", "periode"], ["indicator"], ["minimum", "maximum"]])

    /// The indicators a report can realise.
    public static let indicators: Set<String> = [
        "instroom", "uitstroom", "uitstroom_werk", "netto_bestandsreductie", "instroom_pct", "uitstroom_pct", "volume",
        "per_1000_inwoners", "saldo_pct", "saldo",
    ]

    private let context: LoadContext
    private let header: MatchedHeader
    private let gemeenteColumns: GemeenteColumns
    private let upsert: FastStatement

    public init(context: LoadContext, header: MatchedHeader) throws {
        self.context = context
        self.header = header
        gemeenteColumns = GemeenteColumns(context: context, header: header)
        upsert = try FastStatement(
            context.db,
            """
            INSERT INTO fact_doel (gemeente_id, jaar, periode, indicator, minimum, maximum, bron, batch_id, regel)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
            ON CONFLICT (gemeente_id, jaar, periode, indicator) DO UPDATE SET minimum = ?5, maximum = ?6, bron = ?7, batch_id = ?8, regel = ?9
            """)
    }

    public func load(_ record: CSVRecord) throws -> RowOutcome {
        var jaar: Int?
        var periodeCode = ""
        if let column = header["periode"], !record.isEmpty(column) {
            switch Periode.parse(record.string(column)) {
            case .success(let periode):
                jaar = periode.tot.year
                periodeCode = periode.soort == .jaar ? "" : periode.code
            case .failure(let problem):
                throw RowProblem(column: column, value: record.string(column), reason: problem.description)
            }
        }
        if let column = header["jaar"], !record.isEmpty(column) {
            switch FieldParser.year(record[column]) {
            case .success(let value): jaar = value
            case .failure(let problem): throw context.problem(record, column, problem)
            }
        }
        guard let jaar else {
            throw RowProblem(column: header["jaar"] ?? header["periode"], value: "", reason: "neither jaar nor periode has a value")
        }
        let gemeente = try gemeenteColumns.resolve(record, in: Month(year: jaar, month: 1))
        let indicatorColumn = header["indicator"]!
        let indicator = TextFolding.headerKey(record.string(indicatorColumn))
        guard Self.indicators.contains(indicator) else {
            throw RowProblem(
                column: indicatorColumn, value: record.string(indicatorColumn),
                reason:
                    "'\(record.string(indicatorColumn))' is not an indicator the report can realise; use one of \(Self.indicators.sorted().joined(separator: ", "))"
            )
        }
        let minimum = try bound(record, header["minimum"])
        let maximum = try bound(record, header["maximum"])
        guard minimum != nil || maximum != nil else {
            throw RowProblem(column: header["minimum"] ?? header["maximum"], value: "", reason: "a target needs a minimum or a maximum")
        }
        if let minimum, let maximum, minimum > maximum {
            throw RowProblem(
                column: header["maximum"], value: record.string(header["maximum"]!),
                reason: "the maximum is below the minimum")
        }
        let bron = header["bron"].flatMap { record.isEmpty($0) ? nil : record.string($0).trimmingSpaces }
        let wasThere =
            try Bool.fetchOne(
                context.db, sql: "SELECT 1 FROM fact_doel WHERE gemeente_id = ? AND jaar = ? AND periode = ? AND indicator = ?",
                arguments: [gemeente, jaar, periodeCode, indicator]) ?? false
        upsert.bind(1, gemeente)
        upsert.bind(2, jaar)
        upsert.bind(3, periodeCode)
        upsert.bind(4, indicator)
        if let minimum { upsert.bind(5, minimum) } else { upsert.bindNull(5) }
        if let maximum { upsert.bind(6, maximum) } else { upsert.bindNull(6) }
        upsert.bind(7, bron)
        upsert.bind(8, context.batch)
        upsert.bind(9, record.line)
        try upsert.run()
        return wasThere ? .replaced : .loaded
    }

    private func bound(_ record: CSVRecord, _ column: Int?) throws -> Double? {
        guard let column, !record.isEmpty(column) else { return nil }
        switch FieldParser.decimal(record[column], scale: 4) {
        case .success(let parsed): return Double(parsed.value) / 10_000
        case .failure(let problem): throw context.problem(record, column, problem)
        }
    }

    public func finish() throws {}
}
