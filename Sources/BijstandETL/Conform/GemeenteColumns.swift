import BijstandCore

/// The gemeente of a row, from its code column, or its name column when there
/// is no code, or `--gemeente` when there is neither. Every source kind with a
/// gemeente uses this, so every kind accepts the same spellings.
final class GemeenteColumns {
    private let code: Int?
    private let naam: Int?
    private let context: LoadContext
    private let header: MatchedHeader
    private var warnedNames = Set<String>()

    init(context: LoadContext, header: MatchedHeader) {
        self.code = header["gemeentecode"]
        self.naam = header["gemeentenaam"]
        self.context = context
        self.header = header
    }

    /// Conforms the row's gemeente, checking that it existed in `month` (nil: at any time).
    func resolve(_ record: CSVRecord, in month: Month?) throws -> Int {
        var resolved: Result<Int, GemeenteProblem>?
        var column = code ?? naam
        if let code, !record.isEmpty(code) {
            switch FieldParser.gemeenteNummer(record[code]) {
            case .success(let number): resolved = context.gemeenten.resolve(number: number, in: month)
            // A name in the code column is still a way to name the gemeente.
            case .failure: resolved = context.gemeenten.resolve(name: record.string(code), in: month)
            }
        } else if let naam, !record.isEmpty(naam) {
            column = naam
            resolved = context.gemeenten.resolve(name: record.string(naam), in: month)
        } else if let gemeente = context.defaultGemeente {
            return gemeente
        }
        guard let resolved else {
            throw RowProblem(column: column, value: "", reason: "the gemeente is missing")
        }
        switch resolved {
        case .success(let id):
            try warnIfNameContradicts(record, id: id)
            return id
        case .failure(let problem):
            throw RowProblem(column: column, value: column.map { record.string($0) }, reason: problem.reason)
        }
    }

    /// A name that names another gemeente than the code is worth a warning
    /// (once per name), not a reject: the code is what counts.
    private func warnIfNameContradicts(_ record: CSVRecord, id: Int) throws {
        guard let naam, code != nil, !record.isEmpty(naam) else { return }
        let name = record.string(naam)
        if !context.gemeenten.nameMatches(name, id: id), warnedNames.insert("\(id)|\(name)").inserted {
            try context.warn(
                line: record.line, column: header.describe(column: naam),
                "the name '\(name)' does not match code \(context.gemeenten.code(id) ?? "") (\(context.gemeenten.naam(id) ?? "")); the code was used"
            )
        }
    }
}
