import BijstandCore
import BijstandWarehouse
import GRDB

/// `ingest lasten`: realised BUIG costs per gemeente × month × regeling from
/// the financial administration (formats.md §3). A re-sent month replaces the
/// current row, which moves to `hist_buig_lasten_maand`.
public final class LastenLoader: SourceLoader {
    public static let kind = "lasten"
    public static let bulkTables = ["fact_buig_lasten_maand"]
    public static let layout = Layout(
        kind: kind,
        columns: [
            ColumnSpec("gemeentecode", aliases: ["gemeente", "gm_code", "code", "gemeente_code", "cbs_code"]),
            ColumnSpec("gemeentenaam", aliases: ["naam", "gemeente_naam"]),
            ColumnSpec("periode", aliases: ["maand", "boekmaand", "boekperiode"]),
            ColumnSpec("regeling", aliases: ["wet", "kostenplaats"]),
            ColumnSpec("lasten", aliases: ["uitgaven", "bruto_lasten", "bruto_uitgaven"]),
            ColumnSpec("baten", aliases: ["ontvangsten", "terugontvangsten", "inkomsten"]),
        ],
        required: [["gemeentecode", "gemeentenaam"], ["periode"], ["lasten"]])

    private let context: LoadContext
    private let gemeenteColumns: GemeenteColumns
    private let columns: (periode: Int, regeling: Int?, lasten: Int, baten: Int?)
    private let history: HistoryMover
    private let insert: FastStatement

    public init(context: LoadContext, header: MatchedHeader) throws {
        self.context = context
        gemeenteColumns = GemeenteColumns(context: context, header: header)
        columns = (header["periode"]!, header["regeling"], header["lasten"]!, header["baten"])
        history = try HistoryMover(.buigLastenMaand, db: context.db, batch: context.batch)
        insert = try FastStatement(
            context.db,
            """
            INSERT INTO fact_buig_lasten_maand (gemeente_id, maand_id, regeling_id, lasten_cent, baten_cent, voorlopig_cijfer, batch_id, regel)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT DO NOTHING
            """)
    }

    public func load(_ record: CSVRecord) throws -> RowOutcome {
        let month = try context.month(record, columns.periode)
        let gemeente = try gemeenteColumns.resolve(record, in: month)
        var regeling = Regeling.pw
        if let column = columns.regeling, !record.isEmpty(column) {
            switch FieldParser.regeling(record[column]) {
            case .success(let value): regeling = value
            case .failure(let problem): throw context.problem(record, column, problem)
            }
        }
        var footnote = false
        let lasten = try Money.required(record, columns.lasten, context, &footnote)
        let baten = try Money.optional(record, columns.baten, context, &footnote) ?? 0
        insert.bind(1, gemeente)
        insert.bind(2, month.id)
        insert.bind(3, regeling.id)
        insert.bind(4, lasten)
        insert.bind(5, baten)
        insert.bind(6, footnote ? 1 : 0)
        insert.bind(7, context.batch)
        insert.bind(8, record.line)
        let insertion = try history.insert(insert) { statement, first in
            statement.bind(first, gemeente)
            statement.bind(first + 1, month.id)
            statement.bind(first + 2, regeling.id)
        }
        if case .duplicate(let earlier) = insertion {
            throw RowProblem.alreadyInFile("\(context.gemeenten.code(gemeente) ?? "") \(month.code) \(regeling.rawValue)", line: earlier)
        }
        return insertion == .replaced ? .replaced : .loaded
    }

    public func finish() throws {}
}
