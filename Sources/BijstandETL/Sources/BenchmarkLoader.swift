import BijstandCore
import BijstandWarehouse
import GRDB

/// `ingest benchmark`: the Divosa-like monthly benchmark extract (formats.md §1).
///
/// One row per gemeente × month × regeling: stand at the start and the end of
/// the month, instroom, uitstroom and optionally the flows per reason. A newer
/// delivery of the same gemeente × month × regeling replaces the current row;
/// the replaced row and its reasons move to the history tables.
public final class BenchmarkLoader: SourceLoader {
    public static let kind = "benchmark"
    public static let bulkTables = ["fact_volume_maand", "fact_stroom_reden_maand"]
    public static let layout = Layout(
        kind: kind,
        columns: [
            ColumnSpec("gemeentecode", aliases: ["gemeente", "gm_code", "code", "gemeente_code", "cbs_code"]),
            ColumnSpec("gemeentenaam", aliases: ["naam", "gemeente_naam"]),
            ColumnSpec("periode", aliases: ["maand", "peilmaand", "jaarmaand", "perioden"]),
            ColumnSpec("regeling", aliases: ["wet", "uitkeringssoort"]),
            ColumnSpec("lopend_begin", aliases: ["stand_begin", "bestand_begin", "lopende_uitkeringen_begin"]),
            ColumnSpec("instroom", aliases: ["instroom_totaal", "nieuwe_uitkeringen"]),
            ColumnSpec("uitstroom", aliases: ["uitstroom_totaal", "beeindigde_uitkeringen"]),
            ColumnSpec("lopend_eind", aliases: ["stand_eind", "bestand_eind", "volume", "lopende_uitkeringen_eind"]),
            ColumnSpec("volume_betaald", aliases: ["betaald_volume", "volume_met_betaling"]),
            ColumnSpec("status", aliases: ["cijferstatus"]),
        ],
        required: [["gemeentecode", "gemeentenaam"], ["periode"], ["instroom"], ["uitstroom"], ["lopend_begin", "lopend_eind"]],
        families: ["uitstroom_", "instroom_"])

    private struct ReasonColumn {
        let position: Int
        let redenId: Int64
        let uitstroom: Bool
    }

    private let context: LoadContext
    private let header: MatchedHeader
    private let gemeenteColumns: GemeenteColumns
    private let columns:
        (
            periode: Int, regeling: Int?, begin: Int?, instroom: Int,
            uitstroom: Int, eind: Int?, betaald: Int?, status: Int?
        )
    private let reasonColumns: [ReasonColumn]
    private let onbekend: Int64
    private let hasInstroomReasons: Bool
    private var stockFlowMismatches = 0
    private var firstMismatchLine = 0
    private var reasonCounts: [Int64] = []
    /// The sums per gemeente × month of this file's rows, written to `agg_volume_maand` at the end.
    private var sums = VolumeAggregate.Accumulator()

    private let history: HistoryMover
    private let insertVolume: FastStatement
    private let insertReason: FastStatement

    public init(context: LoadContext, header: MatchedHeader) throws {
        self.context = context
        self.header = header
        gemeenteColumns = GemeenteColumns(context: context, header: header)
        columns = (
            header["periode"]!, header["regeling"],
            header["lopend_begin"], header["instroom"]!, header["uitstroom"]!, header["lopend_eind"],
            header["volume_betaald"], header["status"]
        )
        let redenIds = Dictionary(
            uniqueKeysWithValues: try Row.fetchAll(context.db, sql: "SELECT code, reden_id FROM dim_reden").map {
                (row: Row) -> (String, Int64) in (row[0], row[1])
            })
        onbekend = redenIds["onbekend"]!
        var reasons: [ReasonColumn] = []
        for column in header.family {
            let described = header.describe(column: column.position)
            guard let code = RedenVocabulary.code(forSuffix: column.suffix), let id = redenIds[code] else {
                try context.warn(
                    line: nil, column: described,
                    "\(described) is not a known reason and was not loaded; its count is part of 'onbekend'")
                continue
            }
            let uitstroom = column.prefix == "uitstroom_"
            if reasons.contains(where: { $0.redenId == id && $0.uitstroom == uitstroom }) {
                try context.warn(
                    line: nil, column: described,
                    "\(described) names the same reason as an earlier column and was not loaded; its count is part of 'onbekend'")
                continue
            }
            reasons.append(ReasonColumn(position: column.position, redenId: id, uitstroom: column.prefix == "uitstroom_"))
        }
        reasonColumns = reasons
        hasInstroomReasons = reasons.contains { !$0.uitstroom }
        reasonCounts = Array(repeating: 0, count: reasons.count)

        history = try HistoryMover(.volumeMaand, dependants: [.stroomRedenMaand], db: context.db, batch: context.batch)
        insertVolume = try FastStatement(
            context.db,
            """
            INSERT INTO fact_volume_maand (gemeente_id, maand_id, regeling_id, bron_id, eenheid, stand_begin, instroom,
                uitstroom, stand_eind, volume_betaald, status, batch_id, regel)
            VALUES (?, ?, ?, 1, 'uitkeringen', ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT DO NOTHING
            """)
        insertReason = try FastStatement(
            context.db,
            """
            INSERT INTO fact_stroom_reden_maand (gemeente_id, maand_id, regeling_id, bron_id, eenheid, richting, reden_id, aantal, batch_id)
            VALUES (?, ?, ?, 1, 'uitkeringen', ?, ?, ?, ?)
            """)
    }

    public func load(_ record: CSVRecord) throws -> RowOutcome {
        var voorlopig = false

        let month = try context.month(record, columns.periode)
        let gemeente = try gemeenteColumns.resolve(record, in: month)

        var regeling = Regeling.pw
        if let column = columns.regeling, !record.isEmpty(column) {
            switch FieldParser.regeling(record[column]) {
            case .success(.lks):
                throw RowProblem(
                    column: column, value: record.string(column),
                    reason: "LKS is a cost line, not a benefit with a stand; load it with `ingest lasten`")
            case .success(let value): regeling = value
            case .failure(let problem): throw context.problem(record, column, problem)
            }
        }

        let begin = try optionalCount(record, columns.begin, &voorlopig)
        let eind = try optionalCount(record, columns.eind, &voorlopig)
        if begin == nil && eind == nil {
            throw RowProblem(
                column: columns.begin ?? columns.eind, value: "",
                reason: "neither lopend_begin nor lopend_eind has a value; at least one stand is needed")
        }
        let instroom = try requiredCount(record, columns.instroom, &voorlopig)
        let uitstroom = try requiredCount(record, columns.uitstroom, &voorlopig)
        let betaald = try optionalCount(record, columns.betaald, &voorlopig)

        var uitstroomReasons: Int64 = 0
        var instroomReasons: Int64 = 0
        for (index, reason) in reasonColumns.enumerated() {
            let count = try optionalCount(record, reason.position, &voorlopig) ?? 0
            reasonCounts[index] = count
            if reason.uitstroom { uitstroomReasons += count } else { instroomReasons += count }
        }
        if uitstroomReasons > uitstroom {
            throw RowProblem(
                column: columns.uitstroom, value: record.string(columns.uitstroom),
                reason: "the uitstroom reasons add up to \(uitstroomReasons), more than the uitstroom of \(uitstroom)")
        }
        if instroomReasons > instroom {
            throw RowProblem(
                column: columns.instroom, value: record.string(columns.instroom),
                reason: "the instroom reasons add up to \(instroomReasons), more than the instroom of \(instroom)")
        }

        if let column = columns.status, !record.isEmpty(column) {
            switch FieldParser.status(record[column]) {
            case .success(.voorlopig): voorlopig = true
            case .success(.definitief): break
            case .failure(let problem): throw context.problem(record, column, problem)
            }
        }

        // Validation is complete: only now is anything written.
        insertVolume.bind(1, gemeente)
        insertVolume.bind(2, month.id)
        insertVolume.bind(3, regeling.id)
        insertVolume.bind(4, begin)
        insertVolume.bind(5, instroom)
        insertVolume.bind(6, uitstroom)
        insertVolume.bind(7, eind)
        insertVolume.bind(8, betaald)
        if voorlopig { insertVolume.bind(9, static: "voorlopig") } else { insertVolume.bind(9, static: "definitief") }
        insertVolume.bind(10, context.batch)
        insertVolume.bind(11, record.line)
        let insertion = try history.insert(insertVolume) { statement, first in
            statement.bind(first, gemeente)
            statement.bind(first + 1, month.id)
            statement.bind(first + 2, regeling.id)
            statement.bind(first + 3, 1)
            statement.bind(first + 4, static: "uitkeringen")
        }
        if case .duplicate(let earlier) = insertion {
            throw RowProblem.alreadyInFile("\(context.gemeenten.code(gemeente) ?? "") \(month.code) \(regeling.rawValue)", line: earlier)
        }
        // Only a row that is in the table counts in its month's sums and checks.
        sums.add(gemeente: gemeente, maand: month.id, standBegin: begin, instroom: instroom, uitstroom: uitstroom, standEind: eind)
        if let begin, let eind, begin + instroom - uitstroom != eind {
            stockFlowMismatches += 1
            if firstMismatchLine == 0 { firstMismatchLine = record.line }
        }

        var unknownUitstroom = uitstroom - uitstroomReasons
        var unknownInstroom = instroom - instroomReasons
        for (index, reason) in reasonColumns.enumerated() {
            var count = reasonCounts[index]
            // An explicit `onbekend` column and the uncovered remainder are one member.
            if reason.redenId == onbekend {
                if reason.uitstroom {
                    count += unknownUitstroom
                    unknownUitstroom = 0
                } else {
                    count += unknownInstroom
                    unknownInstroom = 0
                }
            }
            // A reason with no benefits is no fact: absent means 0, and the rows stay few.
            if count > 0 {
                try insertReasonRow(gemeente, month.id, regeling.id, uitstroom: reason.uitstroom, reason.redenId, count)
            }
        }
        // Uitstroom its reasons do not cover (all of it when the file has no reason
        // columns) is reden `onbekend`: shares are computed over totals that include it.
        if unknownUitstroom > 0 {
            try insertReasonRow(gemeente, month.id, regeling.id, uitstroom: true, onbekend, unknownUitstroom)
        }
        if hasInstroomReasons && unknownInstroom > 0 {
            try insertReasonRow(gemeente, month.id, regeling.id, uitstroom: false, onbekend, unknownInstroom)
        }
        return insertion == .replaced ? .replaced : .loaded
    }

    public func finish() throws {
        try sums.write(in: context.db)
        if stockFlowMismatches > 0 {
            try context.warn(
                line: firstMismatchLine, column: nil,
                "\(stockFlowMismatches) row(s) where lopend_eind ≠ lopend_begin + instroom − uitstroom; loaded as delivered, see `bijstand check`"
            )
        }
    }

    // MARK: steps

    @inline(__always)
    private func requiredCount(_ record: CSVRecord, _ column: Int, _ voorlopig: inout Bool) throws -> Int64 {
        switch FieldParser.count(record[column]) {
        case .success(let parsed):
            if parsed.voorlopig { voorlopig = true }
            return parsed.value
        case .failure(let problem):
            throw context.problem(record, column, problem)
        }
    }

    @inline(__always)
    private func optionalCount(_ record: CSVRecord, _ column: Int?, _ voorlopig: inout Bool) throws -> Int64? {
        guard let column, !record.isEmpty(column) else { return nil }
        return try requiredCount(record, column, &voorlopig)
    }

    @inline(__always)
    private func insertReasonRow(_ gemeente: Int, _ month: Int, _ regeling: Int, uitstroom: Bool, _ reden: Int64, _ count: Int64)
        throws
    {
        insertReason.bind(1, gemeente)
        insertReason.bind(2, month)
        insertReason.bind(3, regeling)
        if uitstroom { insertReason.bind(4, static: "uitstroom") } else { insertReason.bind(4, static: "instroom") }
        insertReason.bind(5, reden)
        insertReason.bind(6, count)
        insertReason.bind(7, context.batch)
        try insertReason.run()
    }
}
