import BijstandCore
import BijstandWarehouse
import Foundation
import GRDB

/// `ingest uitkeringen`: the gemeente's own registration of benefit spells (formats.md §4).
///
/// A file is a full snapshot of each gemeente in it (by its gemeentecode
/// column, or `--gemeente`). Per spell (gemeente × dossier × regeling ×
/// startdatum) it is new, unchanged, or changed (the old version moves to
/// `hist_uitkering`); spells of the previous snapshot that this one lacks are
/// closed into history and listed as a warning, never silently deleted. The
/// ledger counts new spells as `geladen` and spells that were already in the
/// previous snapshot (changed or not) as `vervangen`.
///
/// Privacy: the BSN is checked with the elfproef and replaced by a keyed
/// pseudonym before anything is written (`Pseudonymizer`); a row whose BSN
/// fails is rejected with a reason that does not show it, and the quarantine
/// masks it. Of the birth date only the year and the age class are kept.
///
/// After the last row, still in the same transaction, the monthly registratie
/// figures of every gemeente in the file are derived anew (`RegistratieMaand`).
///
/// Memory stays bounded by the reader's buffers: nothing per spell is kept in
/// memory; duplicates within the file are found through the table's key.
public final class UitkeringenLoader: SourceLoader {
    public static let kind = "uitkeringen"
    public static let bulkTables = ["fact_uitkering", "fact_volume_maand", "fact_stroom_reden_maand"]
    public static let layout = Layout(
        kind: kind,
        columns: [
            ColumnSpec("gemeentecode", aliases: ["gemeente", "gm_code", "gemeente_code", "cbs_code"]),
            ColumnSpec("gemeentenaam", aliases: ["gemeente_naam"]),
            ColumnSpec("dossiernummer", aliases: ["dossier", "dossier_id", "dossiernr", "dossier_nummer"]),
            ColumnSpec("bsn", aliases: ["burgerservicenummer", "bsn_aanvrager", "bsn_klant", "sofinummer"]),
            ColumnSpec("client_id", aliases: ["clientnummer", "client_nummer", "klantnummer", "klant_id", "clientid", "persoon_id"]),
            ColumnSpec("regeling", aliases: ["wet", "uitkeringssoort", "soort_uitkering", "statistiekcode"]),
            ColumnSpec("startdatum", aliases: ["ingangsdatum", "begindatum", "datum_ingang", "startdatum_uitkering"]),
            ColumnSpec("einddatum", aliases: ["beeindigingsdatum", "datum_beeindiging", "datum_einde", "einddatum_uitkering"]),
            ColumnSpec("instroomreden", aliases: ["instroom_reden", "reden_instroom", "reden_toekenning"]),
            ColumnSpec("uitstroomreden", aliases: ["uitstroom_reden", "reden_uitstroom", "reden_beeindiging", "reden_einde"]),
            ColumnSpec("personen", aliases: ["aantal_personen"]),
            ColumnSpec("geboortedatum", aliases: ["geboorte_datum", "geb_datum"]),
            ColumnSpec("geboortejaar", aliases: ["geboorte_jaar", "geb_jaar"]),
            ColumnSpec("geslacht", aliases: ["sekse"]),
            ColumnSpec("huishouden", aliases: ["leefvorm", "huishoudtype", "huishoudsamenstelling", "leefsituatie"]),
            ColumnSpec("categorie", aliases: ["klantcategorie", "doelgroep"]),
            ColumnSpec("statushouder", aliases: ["vergunninghouder", "is_statushouder"]),
            ColumnSpec("peildatum", aliases: ["extractiedatum", "datum_extractie", "standdatum"]),
        ],
        required: [["dossiernummer"], ["startdatum"]])

    /// The BSN and the full birth date never reach the quarantine.
    public static let sensitiveColumns: Set<String> = ["bsn", "geboortedatum"]

    private struct Columns {
        var dossier: Int
        var bsn: Int?
        var client: Int?
        var regeling: Int?
        var start: Int
        var eind: Int?
        var instroomreden: Int?
        var uitstroomreden: Int?
        var personen: Int?
        var geboortedatum: Int?
        var geboortejaar: Int?
        var geslacht: Int?
        var huishouden: Int?
        var categorie: Int?
        var statushouder: Int?
        var peildatum: Int?
    }

    private let context: LoadContext
    private let gemeenteColumns: GemeenteColumns
    private let columns: Columns
    private let redenen: RedenIndex
    private let pseudonyms: Pseudonymizer
    private let mover: SnapshotMover
    private let insert: FastStatement
    private let today: Int
    private var snapshots: [Int: SnapshotTally] = [:]

    private var unknownReasons: [RedenIndex.Richting: [String: (count: Int, line: Int)]] = [.instroom: [:], .uitstroom: [:]]
    private var unknownReasonTotal: [RedenIndex.Richting: Int] = [.instroom: 0, .uitstroom: 0]
    private var endedWithoutReason = 0
    private var reasonOnRunningSpell = UnrecognisedValues()
    private var unrecognised: [String: UnrecognisedValues] = [:]
    private var keptStored = 0
    private var firstKeptStoredLine: Int?
    private var peildatumConflicts = 0
    private var attributeMemo: [String: [String: Result<String?, FieldProblem>]] = [:]

    public init(context: LoadContext, header: MatchedHeader) throws {
        self.context = context
        gemeenteColumns = GemeenteColumns(context: context, header: header)
        if header["gemeentecode"] == nil && header["gemeentenaam"] == nil && context.defaultGemeente == nil {
            throw InputFileError.unrecognisedHeader(
                file: context.file, line: 1, found: header.header.map { RejectMasking.maskNumbers(in: $0, onlyValidBSNs: false) },
                expected:
                    "for uitkeringen: a gemeentecode (or gemeentenaam) column, or the option --gemeente CODE for a file of one gemeente")
        }
        columns = Columns(
            dossier: header["dossiernummer"]!, bsn: header["bsn"], client: header["client_id"], regeling: header["regeling"],
            start: header["startdatum"]!, eind: header["einddatum"], instroomreden: header["instroomreden"],
            uitstroomreden: header["uitstroomreden"], personen: header["personen"], geboortedatum: header["geboortedatum"],
            geboortejaar: header["geboortejaar"], geslacht: header["geslacht"], huishouden: header["huishouden"],
            categorie: header["categorie"], statushouder: header["statushouder"], peildatum: header["peildatum"])
        redenen = try RedenIndex(context.db)
        pseudonyms = Pseudonymizer(context: context)
        mover = try SnapshotMover(.uitkering, db: context.db, batch: context.batch)
        insert = try FastStatement(
            context.db,
            """
            INSERT INTO fact_uitkering (gemeente_id, dossiernummer, regeling_id, startdatum, einddatum, persoon_pseudoniem,
                client_id, personen, instroom_reden_id, uitstroom_reden_id, instroom_reden_label, uitstroom_reden_label,
                geboortejaar, leeftijdsklasse, geslacht, huishouden, categorie, statushouder, inhoud_hash, laad_markering,
                batch_id, regel)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT DO NOTHING
            """)
        today = Int(Date().timeIntervalSince1970 / 86_400)
    }

    public func load(_ record: CSVRecord) throws -> RowOutcome {
        let gemeente = try gemeenteColumns.resolve(record, in: nil)
        snapshots[gemeente, default: SnapshotTally()].regels += 1
        var key: [SnapshotMover.KeyPart]?
        do {
            let dossier = try requiredIdentifier(record, columns.dossier, name: "dossiernummer")
            let regeling = try regelingOf(record)
            let start = try date(record, columns.start, required: true)!
            let startISO = start.iso
            key = [.int(gemeente), .text(dossier), .int(regeling.id), .text(startISO)]
            var spell = try readSpell(record, start: start)
            spell.hash.add(dossier)
            if try mover.isEmpty(gemeente: gemeente) {
                // Nothing stored for this gemeente: insert at once; a conflict can only be a duplicate in this file.
                if try write(gemeente, dossier, regeling, startISO, spell, record.line) {
                    noteDates(gemeente, start: start, record: record)
                    snapshots[gemeente]!.nieuw += 1
                    return .loaded
                }
            }
            switch try mover.classify(key!, contentHash: spell.hash.signed) {
            case .duplicateInFile(let line):
                let earlier = line.map { "on line \($0)" } ?? "earlier"
                throw RowProblem(
                    column: nil, value: nil,
                    reason: "dossier \(dossier) \(regeling.rawValue) from \(start.iso) already occurs \(earlier) in this file")
            case .unchanged:
                noteDates(gemeente, start: start, record: record)
                snapshots[gemeente]!.ongewijzigd += 1
                return .replaced
            case .changed:
                try write(gemeente, dossier, regeling, startISO, spell, record.line)
                noteDates(gemeente, start: start, record: record)
                snapshots[gemeente]!.gewijzigd += 1
                return .replaced
            case .new:
                try write(gemeente, dossier, regeling, startISO, spell, record.line)
                noteDates(gemeente, start: start, record: record)
                snapshots[gemeente]!.nieuw += 1
                return .loaded
            }
        } catch let problem as RowProblem {
            snapshots[gemeente]!.afgewezen += 1
            if let key, try mover.keepStored(key) {
                keptStored += 1
                if firstKeptStoredLine == nil { firstKeptStoredLine = record.line }
            }
            throw problem
        }
    }

    public func finish() throws {
        for gemeente in snapshots.keys.sorted() {
            try finishSnapshot(gemeente)
        }
        try warnAboutReasons()
        for name in unrecognised.keys.sorted() {
            let why = name == "geboortedatum" ? ": not a date, or not before the startdatum (values not shown)" : ""
            try unrecognised[name]!.warn(
                context, column: name, consequence: "they were stored as unknown (empty)\(why); the spells were loaded")
        }
        try reasonOnRunningSpell.warn(
            context, column: "uitstroomreden", consequence: "these spells are still running (no einddatum), so the reason was not stored")
        if endedWithoutReason > 0 {
            try context.warn(
                line: nil, column: "uitstroomreden",
                "\(DutchFormat.count(endedWithoutReason)) ended spell(s) have no uitstroomreden; they count as 'onbekend'")
        }
        if keptStored > 0 {
            try context.warn(
                line: firstKeptStoredLine, column: nil,
                "\(DutchFormat.count(keptStored)) rejected row(s) name a spell of the previous snapshot; that spell was kept as it was (see `bijstand rejects`)"
            )
        }
        if peildatumConflicts > 0 {
            try context.warn(line: nil, column: "peildatum", "the peildatum column holds different dates; the latest one was used")
        }
        try pseudonyms.finish(column: "dossiernummer or client_id")
    }

    // MARK: one spell

    private struct Spell {
        var einde: Day?
        var pseudoniem: String?
        var client: String?
        var personen: Int64 = 1
        var instroomReden: Int64
        var instroomLabel: String?
        var uitstroomReden: Int64?
        var uitstroomLabel: String?
        var geboortejaar: Int?
        var leeftijdsklasse: String?
        var geslacht: String?
        var huishouden: String?
        var categorie: String?
        var statushouder: Int?
        var hash = ContentHash()
    }

    private func readSpell(_ record: CSVRecord, start: Day) throws -> Spell {
        let einde = try date(record, columns.eind, required: false)
        if let einde, einde < start {
            throw RowProblem(
                column: columns.eind, value: record.string(columns.eind!),
                reason: "the einddatum \(einde.iso) lies before the startdatum \(start.iso)")
        }
        let pseudoniem = try pseudonyms.pseudonym(of: record, column: columns.bsn)
        var client: String?
        if let column = columns.client, !record.isEmpty(column) {
            client = try pseudonyms.storableIdentifier(record[column], line: record.line)
            if client!.utf8.count > 100 {
                throw RowProblem(column: column, value: nil, reason: "the client_id is longer than 100 characters")
            }
        }
        var personen: Int64 = 1
        if let column = columns.personen, !record.isEmpty(column) {
            switch FieldParser.count(record[column]) {
            case .success(let parsed) where parsed.value == 1 || parsed.value == 2: personen = parsed.value
            case .success:
                throw RowProblem(
                    column: column, value: record.string(column),
                    reason: "personen must be 1 or 2 (2 = partners on one dossier), not \(record.string(column))")
            case .failure(let problem): throw context.problem(record, column, problem)
            }
        }
        var spell = Spell(einde: einde, pseudoniem: pseudoniem, client: client, personen: personen, instroomReden: redenen.onbekend)
        if let column = columns.instroomreden, !record.isEmpty(column) {
            switch redenen.resolve(record[column], richting: .instroom) {
            case .known(let id): spell.instroomReden = id
            case .unknown:
                spell.instroomLabel = String(Pseudonymizer.trimmedText(record[column]).prefix(100))
                noteUnknownReason(spell.instroomLabel!, .instroom, line: record.line)
            }
        }
        if let column = columns.uitstroomreden, !record.isEmpty(column) {
            if einde == nil {
                reasonOnRunningSpell.note(record.string(column), line: record.line)
            } else {
                switch redenen.resolve(record[column], richting: .uitstroom) {
                case .known(let id): spell.uitstroomReden = id
                case .unknown:
                    spell.uitstroomReden = redenen.onbekend
                    spell.uitstroomLabel = String(Pseudonymizer.trimmedText(record[column]).prefix(100))
                    noteUnknownReason(spell.uitstroomLabel!, .uitstroom, line: record.line)
                }
            }
        } else if einde != nil {
            spell.uitstroomReden = redenen.onbekend
            endedWithoutReason += 1
        }
        readAttributes(record, start: start, into: &spell)

        spell.hash.add(spell.einde?.iso)
        spell.hash.add(spell.pseudoniem)
        spell.hash.add(spell.client)
        spell.hash.add(spell.personen)
        spell.hash.add(spell.instroomReden)
        spell.hash.add(spell.instroomLabel)
        spell.hash.add(spell.uitstroomReden)
        spell.hash.add(spell.uitstroomLabel)
        spell.hash.add(spell.geboortejaar)
        spell.hash.add(spell.leeftijdsklasse)
        spell.hash.add(spell.geslacht)
        spell.hash.add(spell.huishouden)
        spell.hash.add(spell.categorie)
        spell.hash.add(spell.statushouder)
        return spell
    }

    /// The optional client attributes: what is not recognised stays unknown, with a warning.
    private func readAttributes(_ record: CSVRecord, start: Day, into spell: inout Spell) {
        if let column = columns.geboortedatum, !record.isEmpty(column) {
            if case .success(let born) = FieldParser.date(record[column]), born <= start,
                case let age = ClientAttributes.age(born: born, on: start), age < 120
            {
                spell.geboortejaar = born.year
                spell.leeftijdsklasse = ClientAttributes.leeftijdsklasse(age: age)
            } else {
                // The value itself is not shown: a birth date is personal data.
                note("geboortedatum", nil, record.line)
            }
        }
        if spell.geboortejaar == nil, let column = columns.geboortejaar, !record.isEmpty(column) {
            if case .success(let year) = FieldParser.year(record[column]), year <= start.year, start.year - year < 120 {
                spell.geboortejaar = year
                // Without the day, the age is the difference of the years: at most one year high.
                spell.leeftijdsklasse = ClientAttributes.leeftijdsklasse(age: start.year - year)
            } else {
                note("geboortejaar", record.string(column), record.line)
            }
        }
        spell.geslacht = attribute(record, columns.geslacht, "geslacht", ClientAttributes.geslacht)
        spell.huishouden = attribute(record, columns.huishouden, "huishouden", ClientAttributes.huishouden)
        spell.categorie = attribute(record, columns.categorie, "categorie", ClientAttributes.categorie)
        if let column = columns.statushouder, !record.isEmpty(column) {
            switch FieldParser.boolean(record[column]) {
            case .success(let value): spell.statushouder = value ? 1 : 0
            case .failure: note("statushouder", record.string(column), record.line)
            }
        }
    }

    private func attribute(
        _ record: CSVRecord, _ column: Int?, _ name: String, _ parse: (String) -> Result<String?, FieldProblem>
    ) -> String? {
        guard let column, !record.isEmpty(column) else { return nil }
        let text = record.string(column)
        // A column holds a handful of distinct values: fold each once.
        let parsed: Result<String?, FieldProblem>
        if let known = attributeMemo[name]?[text] {
            parsed = known
        } else {
            parsed = parse(text)
            if attributeMemo[name, default: [:]].count < 1_000 { attributeMemo[name, default: [:]][text] = parsed }
        }
        switch parsed {
        case .success(let value): return value
        case .failure:
            note(name, text, record.line)
            return nil
        }
    }

    private func note(_ column: String, _ value: String?, _ line: Int) {
        unrecognised[column, default: UnrecognisedValues()].note(value, line: line)
    }

    private func noteUnknownReason(_ label: String, _ richting: RedenIndex.Richting, line: Int) {
        unknownReasonTotal[richting]! += 1
        if let seen = unknownReasons[richting]![label] {
            unknownReasons[richting]![label] = (seen.count + 1, seen.line)
        } else if unknownReasons[richting]!.count < 50 {
            unknownReasons[richting]![label] = (1, line)
        }
    }

    /// Inserts a spell; false when its key is already stored (nothing written).
    @discardableResult
    private func write(_ gemeente: Int, _ dossier: String, _ regeling: Regeling, _ start: String, _ spell: Spell, _ line: Int) throws
        -> Bool
    {
        insert.bind(1, gemeente)
        insert.bind(2, dossier)
        insert.bind(3, regeling.id)
        insert.bind(4, start)
        insert.bind(5, spell.einde?.iso)
        insert.bind(6, spell.pseudoniem)
        insert.bind(7, spell.client)
        insert.bind(8, spell.personen)
        insert.bind(9, spell.instroomReden)
        insert.bind(10, spell.uitstroomReden)
        insert.bind(11, spell.instroomLabel)
        insert.bind(12, spell.uitstroomLabel)
        insert.bind(13, spell.geboortejaar.map(Int64.init))
        insert.bind(14, spell.leeftijdsklasse)
        insert.bind(15, spell.geslacht)
        insert.bind(16, spell.huishouden)
        insert.bind(17, spell.categorie)
        insert.bind(18, spell.statushouder.map(Int64.init))
        insert.bind(19, spell.hash.signed)
        insert.bind(20, context.batch)
        insert.bind(21, context.batch)
        insert.bind(22, line)
        try insert.run()
        return insert.changes > 0
    }

    // MARK: fields

    private func requiredIdentifier(_ record: CSVRecord, _ column: Int, name: String) throws -> String {
        guard !record.isEmpty(column) else {
            throw RowProblem(column: column, value: "", reason: "the \(name) is missing")
        }
        let value = try pseudonyms.storableIdentifier(record[column], line: record.line)
        guard value.utf8.count <= 64 else {
            throw RowProblem(column: column, value: nil, reason: "the \(name) is longer than 64 characters")
        }
        return value
    }

    private func regelingOf(_ record: CSVRecord) throws -> Regeling {
        guard let column = columns.regeling, !record.isEmpty(column) else { return .pw }
        switch FieldParser.regeling(record[column]) {
        case .success(.lks):
            throw RowProblem(
                column: column, value: record.string(column),
                reason: "LKS is a wage-cost subsidy, not a benefit spell; load it as a traject or with `ingest lasten`")
        case .success(let value): return value
        case .failure(let problem): throw context.problem(record, column, problem)
        }
    }

    private func date(_ record: CSVRecord, _ column: Int?, required: Bool) throws -> Day? {
        try context.date(record, column, requiredAs: required ? "startdatum" : nil)
    }

    /// Keeps what the gemeente's peildatum is derived from.
    private func noteDates(_ gemeente: Int, start: Day, record: CSVRecord) {
        if !snapshots[gemeente]!.note(start: start, record: record, peildatumColumn: columns.peildatum, today: today) {
            peildatumConflicts += 1
        }
    }

    // MARK: the end of a gemeente's snapshot

    private func finishSnapshot(_ gemeente: Int) throws {
        let snapshot = snapshots[gemeente]!
        let naam = "\(context.gemeenten.code(gemeente) ?? "") \(context.gemeenten.naam(gemeente) ?? "")"
        let closed = try mover.closeMissing(gemeente: gemeente, exampleColumns: ["dossiernummer", "regeling_id", "startdatum"])
        if closed.count > 0 {
            let examples = closed.examples.map { row -> String in
                let regeling = Regeling.allCases.first { $0.id == (row[1] as Int) }?.rawValue ?? "?"
                return "dossier \(row[0] as String) \(regeling) from \(row[2] as String)"
            }
            try context.warn(
                line: nil, column: nil,
                "\(naam): \(DutchFormat.count(closed.count)) spell(s) of the previous snapshot are not in this one; they were closed into history (hist_uitkering, ontbreekt), e.g. \(examples.joined(separator: "; "))"
            )
        }
        let (peildatum, derivedAs) = snapshot.peildatum(today: today)
        if let how = derivedAs {
            try context.warn(
                line: nil, column: "peildatum",
                "\(naam): the file has no peildatum column, so the snapshot's peildatum is taken as \(peildatum.iso), \(how); the registratie figures run up to \(peildatum.monthValue.code), which is voorlopig"
            )
        }
        let overlaps = try RegistratieMaand.derive(gemeente: gemeente, peildatum: peildatum, batch: context.batch, in: context.db)
        if overlaps.count > 0 {
            try context.warn(
                line: nil, column: nil,
                "\(naam): \(DutchFormat.count(overlaps.count)) spell(s) start while an earlier spell of the same dossier and regeling still runs (e.g. dossier \(overlaps.example ?? "?")); they count twice in the registratie figures, see `bijstand check`"
            )
        }
        try snapshot.record(
            soort: Self.kind, gemeente: gemeente, peildatum: peildatum, ontbrekend: closed.count, batch: context.batch, in: context.db)
    }

    private func warnAboutReasons() throws {
        for (richting, column) in [(RedenIndex.Richting.instroom, "instroomreden"), (.uitstroom, "uitstroomreden")] {
            let labels = unknownReasons[richting]!
            guard !labels.isEmpty else { continue }
            let shown = labels.sorted { $0.value.count > $1.value.count }.prefix(10).map {
                "'\(RejectMasking.maskNumbers(in: $0.key, onlyValidBSNs: false))' (\($0.value.count)×, first on line \($0.value.line))"
            }
            let more = labels.count > 10 ? " and \(labels.count - 10) more" : ""
            try context.warn(
                line: nil, column: column,
                "\(DutchFormat.count(unknownReasonTotal[richting]!)) \(column)(s) are not a known reason and count as 'onbekend': \(shown.joined(separator: ", "))\(more); `bijstand check` lists them"
            )
        }
    }
}
