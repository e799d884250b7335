import BijstandCore
import GRDB

// Coded fields of the gemeente registrations (formats.md §4 and §5): reasons,
// client attributes and trajecten. Benefit systems write BUS codes (the CBS
// statistics delivery) or labels in their own words; both are accepted. An
// optional attribute that is not recognised becomes unknown (NULL) with a
// warning, never a rejected spell: losing a spell would distort the stand.

/// Conforms instroom and uitstroom reasons to `dim_reden`: BUS codes (`11`,
/// `011`, `11 arbeid in dienstbetrekking`), the benchmark words (`werk`,
/// `opleiding`), descriptions (`verhuizing naar andere gemeente`) and common
/// labels (`werk aanvaard`, `overleden`). What is not recognised is `onbekend`,
/// and the label is kept so `check` can show it.
///
/// ```swift
/// let index = try RedenIndex(db)
/// index.resolve("11", richting: .uitstroom)            // .known(111)
/// index.resolve("Werk gevonden", richting: .uitstroom) // .known(2)
/// index.resolve("xyz", richting: .uitstroom)           // .unknown
/// ```
final class RedenIndex {
    enum Richting { case instroom, uitstroom }

    enum Outcome: Equatable {
        case known(Int64)
        case unknown
    }

    let onbekend: Int64
    private var byCode: [String: (id: Int64, richting: String)] = [:]
    private var byLabel: [String: (id: Int64, richting: String)] = [:]
    private var memo: [Richting: [String: Outcome]] = [.instroom: [:], .uitstroom: [:]]

    /// Labels benefit systems use that are neither a code nor a description, folded.
    static let extraUitstroom: [String: String] = [
        "werk aanvaard": "werk", "werk gevonden": "werk", "betaald werk": "werk", "aanvaarding werk": "werk",
        "aanvaarding arbeid": "werk", "arbeid": "werk", "baan": "werk", "baan gevonden": "werk", "loondienst": "werk",
        "inkomsten uit arbeid": "werk", "arbeid in loondienst": "11", "dienstbetrekking": "11",
        "eigen bedrijf": "13", "zelfstandige": "13", "zelfstandig ondernemer": "13", "start eigen bedrijf": "13",
        "studie": "opleiding", "studiefinanciering": "01", "scholing": "opleiding",
        "overleden": "overlijden", "gedetineerd": "detentie",
        "verhuisd": "verhuizing", "verhuizing andere gemeente": "32", "vertrek naar andere gemeente": "32",
        "emigratie": "33", "vertrek buitenland": "33", "verhuizing buitenland": "33",
        "huwelijk": "samenwonen", "relatie": "samenwonen", "samenwonend": "samenwonen", "samenwonen huwelijk": "samenwonen",
        "aow": "aow", "pensioen": "aow", "aow leeftijd": "aow",
        "ww": "andere_uitkering", "ww uitkering": "14", "wia": "15", "wao": "15", "wajong": "15",
        "andere uitkering": "andere_uitkering", "uitkering": "andere_uitkering",
        "fraude": "handhaving", "handhaving": "handhaving", "maatregel": "handhaving",
        "geen inlichtingen": "31", "inlichtingenplicht": "34",
        "overig": "overig", "overige": "overig", "anders": "overig", "andere oorzaak": "98", "onbekend": "onbekend",
    ]

    static let extraInstroom: [String: String] = [
        "einde ww": "einde_ww", "ww afgelopen": "einde_ww", "ww beeindigd": "einde_ww", "ww": "einde_ww",
        "ontslag": "verlies_werk", "werkloos": "verlies_werk", "verlies werk": "verlies_werk",
        "verlies van werk": "verlies_werk", "verlies van inkomen": "verlies_werk", "baanverlies": "verlies_werk",
        "scheiding": "scheiding", "echtscheiding": "scheiding", "einde relatie": "scheiding",
        "statushouder": "statushouder", "vergunninghouder": "statushouder", "vestiging statushouder": "statushouder",
        "verhuizing": "verhuizing", "vestiging": "verhuizing", "verhuisd": "verhuizing",
        "overig": "overig", "overige": "overig", "anders": "overig", "onbekend": "onbekend",
    ]

    init(_ db: Database) throws {
        var id: Int64?
        for row in try Row.fetchAll(db, sql: "SELECT reden_id, code, omschrijving, richting FROM dim_reden") {
            let entry: (Int64, String) = (row[0], row[3])
            let code: String = row[1]
            if code == "onbekend" { id = entry.0 }
            byCode[code] = entry
            byLabel[TextFolding.foldName(code)] = entry
            byLabel[TextFolding.foldName(row[2])] = byLabel[TextFolding.foldName(row[2])] ?? entry
        }
        onbekend = id ?? 1
        for (suffix, code) in RedenVocabulary.suffixes where byLabel[TextFolding.foldName(suffix)] == nil {
            if let entry = byCode[code] { byLabel[TextFolding.foldName(suffix)] = entry }
        }
    }

    /// The reason a delivered value names, for a flow; `.unknown` when it names none
    /// (or one that belongs to the other flow).
    func resolve(_ field: UnsafeBufferPointer<UInt8>, richting: Richting) -> Outcome {
        let text = String(decoding: field, as: UTF8.self)
        if let known = memo[richting]![text] { return known }
        let outcome = lookup(text, richting: richting)
        if memo[richting]!.count < 10_000 { memo[richting]![text] = outcome }
        return outcome
    }

    func resolve(_ text: String, richting: Richting) -> Outcome {
        var copy = text
        return copy.withUTF8 { resolve($0, richting: richting) }
    }

    private func lookup(_ text: String, richting: Richting) -> Outcome {
        let folded = TextFolding.foldName(text)
        let words = folded.split(separator: " ")
        guard let first = words.first else { return .unknown }
        // A leading number is a BUS code (uitstroom only: the codes of the
        // instroom delivery mean other things); the words after it may still name the reason.
        if first.allSatisfy(\.isNumber) {
            if richting == .uitstroom, first.count <= 3, let number = Int(first) {
                let code = number < 10 ? "0\(number)" : "\(number)"
                if let entry = byCode[code], Self.fits(entry.richting, richting) { return .known(entry.id) }
            }
            let rest = words.dropFirst().joined(separator: " ")
            return rest.isEmpty ? .unknown : label(rest, richting: richting)
        }
        return label(folded, richting: richting)
    }

    private func label(_ folded: String, richting: Richting) -> Outcome {
        let extra = richting == .uitstroom ? Self.extraUitstroom : Self.extraInstroom
        if let code = extra[folded], let entry = byCode[code], Self.fits(entry.richting, richting) { return .known(entry.id) }
        if let entry = byLabel[folded], Self.fits(entry.richting, richting) { return .known(entry.id) }
        return .unknown
    }

    private static func fits(_ richting: String, _ wanted: Richting) -> Bool {
        richting == "beide" || (wanted == .instroom ? richting == "instroom" : richting == "uitstroom")
    }
}

/// The client attributes of a spell: their accepted spellings, and the age classes.
enum ClientAttributes {
    /// `man`, `vrouw` or `anders`; `.empty` for values that say "unknown"; `.failure` for anything else.
    static func geslacht(_ text: String) -> Result<String?, FieldProblem> {
        switch TextFolding.foldName(text) {
        case "": return .success(nil)
        case "m", "man", "male", "1", "mannelijk", "jongen": return .success("man")
        case "v", "vrouw", "f", "female", "2", "vrouwelijk", "meisje": return .success("vrouw")
        case "x", "anders", "overig", "divers", "non binair", "3": return .success("anders")
        case "o", "onbekend", "unknown", "0", "9": return .success(nil)
        default: return .failure(.unknownValue(expected: "man, vrouw or anders (M/V/X)"))
        }
    }

    /// Leefvorm: BUS codes 1..4 or labels.
    static func huishouden(_ text: String) -> Result<String?, FieldProblem> {
        let folded = TextFolding.foldName(text)
        switch folded {
        case "": return .success(nil)
        case "1", "alleenstaande", "alleenstaand", "alleenstaande zonder kinderen", "alleenstaand zonder kinderen", "alleen":
            return .success("alleenstaande")
        case "2", "alleenstaande ouder", "alleenstaande ouders", "eenoudergezin", "alleenstaande met kinderen",
            "alleenstaande met kind", "alleenstaand met kinderen", "alleenstaande ouder met kinderen":
            return .success("alleenstaande ouder")
        case "3", "gehuwd", "gehuwden", "samenwonend", "samenwonenden", "gehuwden en samenwonenden", "echtpaar", "paar",
            "gezin", "partners", "gehuwd samenwonend", "gehuwden samenwonenden", "paar met kinderen", "paar zonder kinderen",
            "meerpersoonshuishouden":
            return .success("gehuwden en samenwonenden")
        case "4", "anders", "overig", "overige", "anders overig":
            return .success("anders")
        case "onbekend", "0", "9": return .success(nil)
        default:
            return .failure(
                .unknownValue(expected: "alleenstaande, alleenstaande ouder, gehuwden en samenwonenden or anders (BUS code 1 to 4)"))
        }
    }

    /// Categorie A to D: a letter, optionally after "categorie" / "cat" and before a description.
    static func categorie(_ text: String) -> Result<String?, FieldProblem> {
        var words = TextFolding.foldName(text).split(separator: " ").map(String.init)
        if words.isEmpty || words == ["onbekend"] { return .success(nil) }
        if let first = words.first, first == "categorie" || first == "cat" || first == "doelgroep" { words.removeFirst() }
        if let letter = words.first, ["a", "b", "c", "d"].contains(letter) { return .success(letter.uppercased()) }
        return .failure(.unknownValue(expected: "A, B, C or D"))
    }

    /// The age class at a date, from the age in whole years.
    static func leeftijdsklasse(age: Int) -> String {
        switch age {
        case ..<27: return "tot 27"
        case 27..<45: return "27 tot 45"
        case 45..<55: return "45 tot 55"
        default: return "55 en ouder"
        }
    }

    /// Age in whole years on `day` of someone born on `birth`.
    static func age(born birth: Day, on day: Day) -> Int {
        var years = day.year - birth.year
        if (day.month, day.day) < (birth.month, birth.day) { years -= 1 }
        return years
    }
}

/// The trajecten vocabulary (formats.md §5).
enum TrajectFields {
    /// Instruments everyone names the same, by their usual spellings. Others are kept as delivered (folded).
    static let instruments: [String: String] = [
        "werkervaringsplek": "werkervaringsplek", "werkervaringsplaats": "werkervaringsplek", "wep": "werkervaringsplek",
        "werkervaring": "werkervaringsplek",
        "proefplaatsing": "proefplaatsing", "proefplaats": "proefplaatsing", "proefperiode": "proefplaatsing",
        "scholing": "scholing", "opleiding": "scholing", "cursus": "scholing", "training": "scholing",
        "jobcoaching": "jobcoaching", "jobcoach": "jobcoaching", "job coaching": "jobcoaching",
        "loonkostensubsidie": "loonkostensubsidie", "lks": "loonkostensubsidie",
        "beschut werk": "beschut werk", "beschutte werkplek": "beschut werk", "beschut": "beschut werk",
        "beschutte werkplaats": "beschut werk",
    ]

    /// The instrument as stored: the canonical name, else the label folded (lower case, single spaces).
    static func instrument(_ text: String) -> String? {
        let folded = TextFolding.foldName(text)
        if folded.isEmpty { return nil }
        return instruments[folded] ?? String(folded.prefix(100))
    }

    static func resultaat(_ text: String) -> Result<String?, FieldProblem> {
        switch TextFolding.foldName(text) {
        case "": return .success(nil)
        case "werk", "uitstroom naar werk", "betaald werk", "baan", "werk gevonden", "plaatsing": return .success("werk")
        case "opleiding", "scholing", "onderwijs", "studie": return .success("opleiding")
        case "gestopt", "afgebroken", "uitgevallen", "voortijdig beeindigd", "voortijdig gestopt", "beeindigd zonder resultaat":
            return .success("gestopt")
        case "lopend", "loopt", "actief", "nog lopend", "in behandeling": return .success("lopend")
        case "overig", "overige", "anders": return .success("overig")
        case "onbekend": return .success(nil)
        default: return .failure(.unknownValue(expected: "werk, opleiding, gestopt, lopend or overig"))
        }
    }
}

/// A stable 64-bit hash (FNV-1a) of a row's content. Swift's `Hasher` is
/// seeded per process, so it cannot compare a row with one stored by an earlier load.
struct ContentHash {
    private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

    mutating func add(_ text: String?) {
        guard let text else {
            add(byte: 0xFE)
            return
        }
        for byte in text.utf8 { add(byte: byte) }
        add(byte: 0x1F)
    }

    mutating func add(_ number: Int64?) {
        guard let number else {
            add(byte: 0xFE)
            return
        }
        withUnsafeBytes(of: number.littleEndian) { for byte in $0 { add(byte: byte) } }
        add(byte: 0x1F)
    }

    mutating func add(_ number: Int?) { add(number.map(Int64.init)) }

    @inline(__always)
    private mutating func add(byte: UInt8) {
        value = (value ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
    }

    var signed: Int64 { Int64(bitPattern: value) }
}

/// Counts values of an optional column that were not recognised, for one warning per column at the end of a load.
struct UnrecognisedValues {
    private(set) var count = 0
    private(set) var firstLine: Int?
    private(set) var examples: [String] = []

    /// Notes a value; nil for one that must not be shown (a birth date).
    mutating func note(_ value: String?, line: Int) {
        count += 1
        if firstLine == nil { firstLine = line }
        guard let value else { return }
        let shown = RejectMasking.maskNumbers(in: String(value.prefix(40)), onlyValidBSNs: false)
        if examples.count < 5, !examples.contains(shown) { examples.append(shown) }
    }

    func warn(_ context: LoadContext, column: String, consequence: String) throws {
        guard count > 0 else { return }
        let shown = examples.isEmpty ? "" : " (" + examples.map { "'\($0)'" }.joined(separator: ", ") + ")"
        try context.warn(
            line: firstLine, column: column,
            "\(DutchFormat.count(count)) value(s) of \(column) were not recognised\(shown); \(consequence)")
    }
}
