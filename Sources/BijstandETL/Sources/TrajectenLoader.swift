import BijstandCore
import BijstandWarehouse
import Foundation
import GRDB

/// `ingest trajecten`: re-integration instruments from the gemeente's registration (formats.md §5).
///
/// Like `uitkeringen`, a file is a full snapshot of each gemeente in it: per
/// traject (gemeente × client × instrument × startdatum) new, unchanged or
/// changed, and trajecten of the previous snapshot that are missing move to
/// `hist_traject` with a warning. A traject joins to its client through the
/// dossiernummer, else the BSN (pseudonymised at the door, never stored), else
/// the client_id.
public final class TrajectenLoader: SourceLoader {
    public static let kind = "trajecten"
    public static let layout = Layout(
        kind: kind,
        columns: [
            ColumnSpec("gemeentecode", aliases: ["gemeente", "gm_code", "gemeente_code", "cbs_code"]),
            ColumnSpec("gemeentenaam", aliases: ["gemeente_naam"]),
            ColumnSpec("dossiernummer", aliases: ["dossier", "dossier_id", "dossiernr", "dossier_nummer"]),
            ColumnSpec("bsn", aliases: ["burgerservicenummer", "bsn_klant", "sofinummer"]),
            ColumnSpec("client_id", aliases: ["clientnummer", "client_nummer", "klantnummer", "klant_id", "clientid", "persoon_id"]),
            ColumnSpec("instrument", aliases: ["voorziening", "traject", "instrumentsoort", "soort_traject", "re_integratie_instrument"]),
            ColumnSpec("aanbieder", aliases: ["leverancier", "uitvoerder", "aanbieder_naam"]),
            ColumnSpec("startdatum", aliases: ["ingangsdatum", "begindatum", "datum_start"]),
            ColumnSpec("einddatum", aliases: ["beeindigingsdatum", "datum_einde"]),
            ColumnSpec("resultaat", aliases: ["uitkomst", "resultaat_traject"]),
            ColumnSpec("kosten", aliases: ["bedrag", "kosten_totaal", "kosten_traject"]),
            ColumnSpec("peildatum", aliases: ["extractiedatum", "datum_extractie", "standdatum"]),
        ],
        required: [["instrument"], ["startdatum"], ["dossiernummer", "bsn", "client_id"]])

    public static let sensitiveColumns: Set<String> = ["bsn"]

    private let context: LoadContext
    private let gemeenteColumns: GemeenteColumns
    private let columns:
        (
            dossier: Int?, bsn: Int?, client: Int?, instrument: Int, aanbieder: Int?, start: Int, eind: Int?,
            resultaat: Int?, kosten: Int?, peildatum: Int?
        )
    private let pseudonyms: Pseudonymizer
    private let mover: SnapshotMover
    private let insert: FastStatement
    private let today: Int
    private var snapshots: [Int: SnapshotTally] = [:]
    private var unrecognisedResultaat = UnrecognisedValues()
    private var keptStored = 0

    public init(context: LoadContext, header: MatchedHeader) throws {
        self.context = context
        gemeenteColumns = GemeenteColumns(context: context, header: header)
        if header["gemeentecode"] == nil && header["gemeentenaam"] == nil && context.defaultGemeente == nil {
            throw InputFileError.unrecognisedHeader(
                file: context.file, line: 1, found: header.header.map { RejectMasking.maskNumbers(in: $0, onlyValidBSNs: false) },
                expected: "for trajecten: a gemeentecode (or gemeentenaam) column, or the option --gemeente CODE for a file of one gemeente"
            )
        }
        columns = (
            header["dossiernummer"], header["bsn"], header["client_id"], header["instrument"]!, header["aanbieder"],
            header["startdatum"]!, header["einddatum"], header["resultaat"], header["kosten"], header["peildatum"]
        )
        pseudonyms = Pseudonymizer(context: context)
        mover = try SnapshotMover(.traject, db: context.db, batch: context.batch)
        insert = try FastStatement(
            context.db,
            """
            INSERT INTO fact_traject (gemeente_id, koppeling, instrument, startdatum, einddatum, dossiernummer,
                persoon_pseudoniem, client_id, aanbieder, resultaat, kosten_cent, inhoud_hash, laad_markering, batch_id, regel)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        today = Int(Date().timeIntervalSince1970 / 86_400)
    }

    public func load(_ record: CSVRecord) throws -> RowOutcome {
        let gemeente = try gemeenteColumns.resolve(record, in: nil)
        snapshots[gemeente, default: SnapshotTally()].regels += 1
        var key: [SnapshotMover.KeyPart]?
        do {
            var dossier: String?
            if let column = columns.dossier, !record.isEmpty(column) {
                dossier = try pseudonyms.storableIdentifier(record[column], line: record.line)
            }
            let pseudoniem = try pseudonyms.pseudonym(of: record, column: columns.bsn)
            var client: String?
            if let column = columns.client, !record.isEmpty(column) {
                client = try pseudonyms.storableIdentifier(record[column], line: record.line)
            }
            for (name, value) in [("dossiernummer", dossier), ("client_id", client)] where (value?.utf8.count ?? 0) > 100 {
                throw RowProblem(column: nil, value: nil, reason: "the \(name) is longer than 100 characters")
            }
            guard let koppeling = dossier ?? pseudoniem.map({ "p:" + $0 }) ?? client.map({ "c:" + $0 }) else {
                throw RowProblem(
                    column: columns.dossier ?? columns.bsn ?? columns.client, value: "",
                    reason: "a traject needs a dossiernummer, bsn or client_id to join it to its client")
            }
            guard !record.isEmpty(columns.instrument), let instrument = TrajectFields.instrument(record.string(columns.instrument)) else {
                throw RowProblem(column: columns.instrument, value: "", reason: "the instrument is missing")
            }
            let start = try date(record, columns.start)!
            key = [.int(gemeente), .text(koppeling), .text(instrument), .text(start.iso)]
            let einde = try date(record, columns.eind)
            if let einde, einde < start {
                throw RowProblem(
                    column: columns.eind, value: record.string(columns.eind!),
                    reason: "the einddatum \(einde.iso) lies before the startdatum \(start.iso)")
            }
            var resultaat: String?
            if let column = columns.resultaat, !record.isEmpty(column) {
                switch TrajectFields.resultaat(record.string(column)) {
                case .success(let value): resultaat = value
                case .failure: unrecognisedResultaat.note(record.string(column), line: record.line)
                }
            }
            var footnote = false
            let kosten = try Money.optional(record, columns.kosten, context, &footnote)
            let aanbieder = columns.aanbieder.flatMap {
                record.isEmpty($0) ? nil : String(Pseudonymizer.trimmedText(record[$0]).prefix(200))
            }

            var hash = ContentHash()
            for text in [einde?.iso, dossier, pseudoniem, client, aanbieder, resultaat] { hash.add(text) }
            hash.add(kosten)
            let outcome = try mover.classify(key!, contentHash: hash.signed)
            switch outcome {
            case .duplicateInFile(let line):
                let earlier = line.map { "on line \($0)" } ?? "earlier"
                throw RowProblem(
                    column: nil, value: nil,
                    reason: "the traject \(instrument) from \(start.iso) of this client already occurs \(earlier) in this file")
            case .unchanged:
                snapshots[gemeente]!.ongewijzigd += 1
            case .new, .changed:
                insert.bind(1, gemeente)
                insert.bind(2, koppeling)
                insert.bind(3, instrument)
                insert.bind(4, start.iso)
                insert.bind(5, einde?.iso)
                insert.bind(6, dossier)
                insert.bind(7, pseudoniem)
                insert.bind(8, client)
                insert.bind(9, aanbieder)
                insert.bind(10, resultaat)
                insert.bind(11, kosten)
                insert.bind(12, hash.signed)
                insert.bind(13, context.batch)
                insert.bind(14, context.batch)
                insert.bind(15, record.line)
                try insert.run()
                if outcome == .new { snapshots[gemeente]!.nieuw += 1 } else { snapshots[gemeente]!.gewijzigd += 1 }
            }
            noteDates(gemeente, start: start, record: record)
            return outcome == .new ? .loaded : .replaced
        } catch let problem as RowProblem {
            snapshots[gemeente]!.afgewezen += 1
            if let key, try mover.keepStored(key) { keptStored += 1 }
            throw problem
        }
    }

    public func finish() throws {
        for gemeente in snapshots.keys.sorted() {
            let snapshot = snapshots[gemeente]!
            let naam = "\(context.gemeenten.code(gemeente) ?? "") \(context.gemeenten.naam(gemeente) ?? "")"
            let closed = try mover.closeMissing(gemeente: gemeente, exampleColumns: ["koppeling", "instrument", "startdatum"])
            if closed.count > 0 {
                let examples = closed.examples.map { row -> String in
                    let koppeling: String = row[0]
                    // A pseudonym is no use in a message; a dossiernummer is.
                    let client =
                        koppeling.hasPrefix("p:") || koppeling.hasPrefix("c:") ? "a client without dossiernummer" : "dossier \(koppeling)"
                    return "\(row[1] as String) from \(row[2] as String) of \(client)"
                }
                try context.warn(
                    line: nil, column: nil,
                    "\(naam): \(DutchFormat.count(closed.count)) traject(en) of the previous snapshot are not in this one; they were closed into history (hist_traject, ontbreekt), e.g. \(examples.joined(separator: "; "))"
                )
            }
            try snapshot.record(
                soort: Self.kind, gemeente: gemeente, peildatum: snapshot.peildatum(today: today).day, ontbrekend: closed.count,
                batch: context.batch, in: context.db)
        }
        try unrecognisedResultaat.warn(context, column: "resultaat", consequence: "they were stored as unknown (empty)")
        if keptStored > 0 {
            try context.warn(
                line: nil, column: nil,
                "\(keptStored) rejected row(s) name a traject of the previous snapshot; that traject was kept as it was (see `bijstand rejects`)"
            )
        }
        try pseudonyms.finish(column: "dossiernummer or client_id")
    }

    private func date(_ record: CSVRecord, _ column: Int?) throws -> Day? {
        try context.date(record, column, requiredAs: column == columns.start ? "startdatum" : nil)
    }

    private func noteDates(_ gemeente: Int, start: Day, record: CSVRecord) {
        snapshots[gemeente]!.note(start: start, record: record, peildatumColumn: columns.peildatum, today: today)
    }
}
