import BijstandCore
import BijstandWarehouse
import GRDB

/// `ingest budget`: the BUIG budget per gemeente × year × version (formats.md §2).
///
/// A re-issued version (the same gemeente, year and version again) replaces
/// the current row, which moves to `hist_buig_budget`. Amounts are read
/// exactly to the cent. A negative amount is accepted only as a correction and
/// flagged as one.
public final class BudgetLoader: SourceLoader {
    public static let kind = "budget"
    public static let layout = Layout(
        kind: kind,
        columns: [
            ColumnSpec("jaar", aliases: ["budgetjaar", "begrotingsjaar"]),
            ColumnSpec("gemeentecode", aliases: ["gemeente", "gm_code", "code", "gemeente_code", "cbs_code"]),
            ColumnSpec("gemeentenaam", aliases: ["naam", "gemeente_naam"]),
            ColumnSpec("versie", aliases: ["budgetversie", "soort", "versie_budget"]),
            ColumnSpec("bedrag", aliases: ["budget", "totaal", "bedrag_totaal", "buig_budget", "totaal_budget"]),
            ColumnSpec("bedrag_lks", aliases: ["lks", "budget_lks", "waarvan_lks"]),
            ColumnSpec("datum", aliases: ["publicatiedatum", "datum_publicatie"]),
        ],
        required: [["jaar"], ["gemeentecode", "gemeentenaam"], ["versie"], ["bedrag"]])

    private let context: LoadContext
    private let gemeenteColumns: GemeenteColumns
    private let columns: (jaar: Int, versie: Int, bedrag: Int, lks: Int?, datum: Int?)
    private let history: HistoryMover
    private let insert: FastStatement

    public init(context: LoadContext, header: MatchedHeader) throws {
        self.context = context
        gemeenteColumns = GemeenteColumns(context: context, header: header)
        columns = (header["jaar"]!, header["versie"]!, header["bedrag"]!, header["bedrag_lks"], header["datum"])
        history = try HistoryMover(.buigBudget, db: context.db, batch: context.batch)
        insert = try FastStatement(
            context.db,
            """
            INSERT INTO fact_buig_budget (gemeente_id, jaar, versie, versie_rang, bedrag_cent, bedrag_lks_cent,
                publicatiedatum, correctie, voorlopig_cijfer, batch_id, regel)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT DO NOTHING
            """)
    }

    public func load(_ record: CSVRecord) throws -> RowOutcome {
        let jaar: Int
        switch FieldParser.year(record[columns.jaar]) {
        case .success(let value): jaar = value
        case .failure(let problem): throw context.problem(record, columns.jaar, problem)
        }
        let gemeente = try gemeenteColumns.resolve(record, in: Month(year: jaar, month: 1))
        let versie: BudgetVersie
        switch FieldParser.budgetVersie(record[columns.versie]) {
        case .success(let value): versie = value
        case .failure(let problem): throw context.problem(record, columns.versie, problem)
        }
        var footnote = false
        let bedrag = try Money.required(record, columns.bedrag, context, &footnote)
        let lks = try Money.optional(record, columns.lks, context, &footnote)
        var datum: String?
        if let column = columns.datum, !record.isEmpty(column) {
            switch FieldParser.date(record[column]) {
            case .success(let day): datum = day.iso
            case .failure(let problem): throw context.problem(record, column, problem)
            }
        }
        insert.bind(1, gemeente)
        insert.bind(2, jaar)
        insert.bind(3, versie.rawValue)
        insert.bind(4, versie.rank)
        insert.bind(5, bedrag)
        insert.bind(6, lks)
        insert.bind(7, datum)
        insert.bind(8, bedrag < 0 ? 1 : 0)
        insert.bind(9, footnote ? 1 : 0)
        insert.bind(10, context.batch)
        insert.bind(11, record.line)
        let insertion = try history.insert(insert) { statement, first in
            statement.bind(first, gemeente)
            statement.bind(first + 1, jaar)
            statement.bind(first + 2, versie.rawValue)
        }
        if case .duplicate(let earlier) = insertion {
            throw RowProblem.alreadyInFile(
                "the \(versie.rawValue) budget \(jaar) of \(context.gemeenten.code(gemeente) ?? "")", line: earlier)
        }
        if bedrag < 0 {
            try context.warn(
                line: record.line, column: "bedrag",
                "a negative budget (\(DutchFormat.euro(cents: bedrag))) was loaded as a correction")
        }
        return insertion == .replaced ? .replaced : .loaded
    }

    public func finish() throws {}
}

/// Reading money fields to exact cents, for every loader with amounts.
enum Money {
    @inline(__always)
    static func required(_ record: CSVRecord, _ column: Int, _ context: LoadContext, _ footnote: inout Bool) throws -> Int64 {
        switch FieldParser.cents(record[column]) {
        case .success(let parsed):
            if parsed.voorlopig { footnote = true }
            return parsed.cents
        case .failure(let problem):
            throw context.problem(record, column, problem)
        }
    }

    @inline(__always)
    static func optional(_ record: CSVRecord, _ column: Int?, _ context: LoadContext, _ footnote: inout Bool) throws -> Int64? {
        guard let column, !record.isEmpty(column) else { return nil }
        return try required(record, column, context, &footnote)
    }
}
