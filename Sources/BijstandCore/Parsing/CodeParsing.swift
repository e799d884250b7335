// Coded values: gemeentecodes, regelingen, statuses and yes/no flags.
//
// Labels are matched word by word (see `WordCursor`), so "Bbz 2004",
// "Bbz (levensonderhoud)" and "nader-voorlopig" need no list of variants.

/// The benefit scheme a figure or spell belongs to.
///
/// ```swift
/// FieldParser.regeling("algemene bijstand")  // .success(.pw)
/// Regeling.bbz.id  // 4
/// ```
public enum Regeling: String, CaseIterable, Sendable {
    /// Participatiewet, algemene bijstand.
    case pw = "PW"
    /// IOAW: older and partially disabled unemployed employees.
    case ioaw = "IOAW"
    /// IOAZ: older and partially disabled former self-employed.
    case ioaz = "IOAZ"
    /// Bbz 2004: bijstand for self-employed.
    case bbz = "BBZ"
    /// Loonkostensubsidie (a BUIG cost, not a benefit).
    case lks = "LKS"

    /// Dimension key, 1...5 in declaration order.
    public var id: Int {
        switch self {
        case .pw: return 1
        case .ioaw: return 2
        case .ioaz: return 3
        case .bbz: return 4
        case .lks: return 5
        }
    }
}

/// Whether a delivered figure is provisional or final.
public enum Status: String, Sendable {
    /// Provisional; may still be corrected by a later delivery.
    case voorlopig
    /// Final.
    case definitief
}

/// The version of a BUIG budget the ministry published; later versions replace earlier ones.
///
/// ```swift
/// BudgetVersie.naderVoorlopig.rank > BudgetVersie.voorlopig.rank  // true
/// ```
public enum BudgetVersie: String, CaseIterable, Sendable {
    /// Voorlopig budget, published in the autumn before the budget year.
    case voorlopig
    /// Nader voorlopig budget, published during the budget year.
    case naderVoorlopig = "nader voorlopig"
    /// Definitief budget, published after the budget year.
    case definitief

    /// Order of publication, 1...3: the highest available rank is the current budget.
    public var rank: Int {
        switch self {
        case .voorlopig: return 1
        case .naderVoorlopig: return 2
        case .definitief: return 3
        }
    }
}

extension FieldParser {
    /// The number of a CBS gemeentecode: `GM0394`, `gm394`, `GM 0394`, `0394`
    /// and `394` all give 394. Only 1...9999 is a code; anything else is
    /// `.notAGemeenteCode`, so the caller can try the text as a gemeentenaam.
    ///
    /// ```swift
    /// FieldParser.gemeenteNummer("GM0394")     // .success(394)
    /// FieldParser.gemeenteNummer("Den Haag")   // .failure(.notAGemeenteCode)
    /// ```
    public static func gemeenteNummer(_ f: UnsafeBufferPointer<UInt8>) -> Result<Int, FieldProblem> {
        let span = ByteScan.trimmed(f)
        if span.isEmpty { return .failure(.empty) }
        var i = span.lower
        if span.count >= 3 && ByteScan.lower(f[i]) == UInt8(ascii: "g") && ByteScan.lower(f[i + 1]) == UInt8(ascii: "m") {
            i += 2
            while i < span.upper {
                let n = f[i] == ByteScan.minus ? 1 : ByteScan.blankLength(f, at: i, upTo: span.upper)
                if n == 0 { break }
                i += n
            }
        }
        let digits = ByteSpan(lower: i, upper: ByteScan.digitRunEnd(f, from: i, upTo: span.upper))
        guard digits.upper == span.upper, (1...4).contains(digits.count) else { return .failure(.notAGemeenteCode) }
        let number = ByteScan.smallNumber(f, digits)
        guard number >= 1 else { return .failure(.notAGemeenteCode) }
        return .success(number)
    }

    /// String overload of `gemeenteNummer(_:)`.
    public static func gemeenteNummer(_ s: String) -> Result<Int, FieldProblem> {
        ByteScan.withBytes(s) { gemeenteNummer($0) }
    }

    /// What `.unknownValue` lists for an unrecognised regeling.
    public static let regelingenExpected = "PW, IOAW, IOAZ, BBZ or LKS, or statistiekcode 01, 02, 03 or 14"

    /// The regeling, from a code, a BUS statistiekcode or a label.
    ///
    /// Codes `PW`, `IOAW`, `IOAZ`, `BBZ`, `LKS` (any case, extra words such as
    /// "Bbz 2004" or "Bbz levensonderhoud" allowed); statistiekcodes `01`/`1`
    /// PW, `02` IOAW, `03` IOAZ, `14` BBZ, also followed by their label
    /// ("01 Algemene bijstand"); labels "Participatiewet", "algemene
    /// bijstand", "bijstand", "PW/ABW", "WWB", "loonkostensubsidie". Words
    /// naming two different regelingen ("IOAW/IOAZ") are rejected. An empty
    /// field is `.empty`: the caller applies its default (PW).
    ///
    /// ```swift
    /// FieldParser.regeling("Bbz 2004")  // .success(.bbz)
    /// FieldParser.regeling("14")        // .success(.bbz)
    /// ```
    public static func regeling(_ f: UnsafeBufferPointer<UInt8>) -> Result<Regeling, FieldProblem> {
        let span = ByteScan.trimmed(f)
        if span.isEmpty { return .failure(.empty) }
        let unknown = FieldProblem.unknownValue(expected: regelingenExpected)
        var words = WordCursor(f, span)
        guard let first = words.next() else { return .failure(unknown) }

        var found: Regeling?
        if ByteScan.digitRunEnd(f, from: first.lower, upTo: first.upper) == first.upper {
            guard first.count <= 3 else { return .failure(unknown) }
            switch ByteScan.smallNumber(f, first) {
            case 1: found = .pw
            case 2: found = .ioaw
            case 3: found = .ioaz
            case 14: found = .bbz
            default: return .failure(unknown)
            }
        } else if let r = regelingForWord(f, first) {
            found = r
        } else if !(ByteScan.equalsLowercased(f, first, "algemene") || ByteScan.equalsLowercased(f, first, "wet")) {
            // Only these words may precede the name; "geen bijstand" must not become PW.
            return .failure(unknown)
        }
        while let word = words.next() {
            guard let r = regelingForWord(f, word) else { continue }
            if let earlier = found, earlier != r { return .failure(unknown) }
            found = r
        }
        guard let regeling = found else { return .failure(unknown) }
        return .success(regeling)
    }

    /// String overload of `regeling(_:)`.
    public static func regeling(_ s: String) -> Result<Regeling, FieldProblem> {
        ByteScan.withBytes(s) { regeling($0) }
    }

    /// Whether a delivery is `voorlopig` or `definitief`; also `v`, `voorl.`,
    /// `prov`, `provisional`, `nader voorlopig` and `d`, `def`, `final`.
    /// An empty field is `.empty`: the caller applies its default.
    ///
    /// ```swift
    /// FieldParser.status("Voorl.")  // .success(.voorlopig)
    /// ```
    public static func status(_ f: UnsafeBufferPointer<UInt8>) -> Result<Status, FieldProblem> {
        let span = ByteScan.trimmed(f)
        if span.isEmpty { return .failure(.empty) }
        let unknown = FieldProblem.unknownValue(expected: "voorlopig or definitief")
        var words = WordCursor(f, span)
        guard let first = words.next() else { return .failure(unknown) }
        var word = first
        if ByteScan.equalsLowercased(f, first, "nader") {
            // A "nader voorlopig" figure is still provisional.
            guard let next = words.next(), isVoorlopig(f, next) else { return .failure(unknown) }
            word = next
        }
        guard words.next() == nil else { return .failure(unknown) }
        if isVoorlopig(f, word) || ByteScan.equalsLowercased(f, word, "v") || ByteScan.equalsLowercased(f, word, "prov")
            || ByteScan.equalsLowercased(f, word, "provisional") || ByteScan.equalsLowercased(f, word, "nadervoorlopig")
        {
            return .success(.voorlopig)
        }
        if isDefinitief(f, word) || ByteScan.equalsLowercased(f, word, "d")
            || ByteScan.equalsLowercased(f, word, "final")
            || ByteScan.equalsLowercased(f, word, "definitive")
        {
            return .success(.definitief)
        }
        return .failure(unknown)
    }

    /// String overload of `status(_:)`.
    public static func status(_ s: String) -> Result<Status, FieldProblem> {
        ByteScan.withBytes(s) { status($0) }
    }

    /// The BUIG budget version: `voorlopig`, `nader voorlopig` (any separator,
    /// also `nadervoorlopig`), `definitief`, the abbreviations `voorl.` and
    /// `def.`, and the ministry's titles "Voorlopig budget 2024", "Nader
    /// voorlopig budget 2024", "Definitief budget 2023". The words "budget",
    /// "BUIG", "versie" and years are ignored; short codes such as "NV" are
    /// not guessed.
    ///
    /// ```swift
    /// FieldParser.budgetVersie("nader-voorlopig")  // .success(.naderVoorlopig)
    /// ```
    public static func budgetVersie(_ f: UnsafeBufferPointer<UInt8>) -> Result<BudgetVersie, FieldProblem> {
        let span = ByteScan.trimmed(f)
        if span.isEmpty { return .failure(.empty) }
        let unknown = FieldProblem.unknownValue(expected: "voorlopig, nader voorlopig or definitief")
        var words = WordCursor(f, span)
        var first: ByteSpan?
        var second: ByteSpan?
        while let word = words.next() {
            let isNumber = ByteScan.digitRunEnd(f, from: word.lower, upTo: word.upper) == word.upper
            if isNumber || ByteScan.equalsLowercased(f, word, "budget") || ByteScan.equalsLowercased(f, word, "buig")
                || ByteScan.equalsLowercased(f, word, "versie")
            {
                continue
            }
            if first == nil {
                first = word
            } else if second == nil {
                second = word
            } else {
                return .failure(unknown)
            }
        }
        guard let one = first else { return .failure(unknown) }
        if let two = second {
            guard ByteScan.equalsLowercased(f, one, "nader"), isVoorlopig(f, two) else { return .failure(unknown) }
            return .success(.naderVoorlopig)
        }
        if isVoorlopig(f, one) { return .success(.voorlopig) }
        if ByteScan.equalsLowercased(f, one, "nadervoorlopig") { return .success(.naderVoorlopig) }
        if isDefinitief(f, one) { return .success(.definitief) }
        return .failure(unknown)
    }

    /// String overload of `budgetVersie(_:)`.
    public static func budgetVersie(_ s: String) -> Result<BudgetVersie, FieldProblem> {
        ByteScan.withBytes(s) { budgetVersie($0) }
    }

    /// A yes/no flag such as `statushouder`: `ja`/`nee`, `j`/`n`, `1`/`0`,
    /// `true`/`false`, `yes`/`no`, `y`, and Dutch Excel's `WAAR`/`ONWAAR`.
    ///
    /// ```swift
    /// FieldParser.boolean("Ja")      // .success(true)
    /// FieldParser.boolean("ONWAAR")  // .success(false)
    /// ```
    public static func boolean(_ f: UnsafeBufferPointer<UInt8>) -> Result<Bool, FieldProblem> {
        let span = ByteScan.trimmed(f)
        if span.isEmpty { return .failure(.empty) }
        func eq(_ literal: StaticString) -> Bool { ByteScan.equalsLowercased(f, span, literal) }
        if eq("ja") || eq("j") || eq("1") || eq("true") || eq("yes") || eq("y") || eq("waar") { return .success(true) }
        if eq("nee") || eq("n") || eq("0") || eq("false") || eq("no") || eq("onwaar") { return .success(false) }
        return .failure(.unknownValue(expected: "ja or nee"))
    }

    /// String overload of `boolean(_:)`.
    public static func boolean(_ s: String) -> Result<Bool, FieldProblem> {
        ByteScan.withBytes(s) { boolean($0) }
    }

    static func isVoorlopig(_ f: UnsafeBufferPointer<UInt8>, _ word: ByteSpan) -> Bool {
        ByteScan.equalsLowercased(f, word, "voorlopig") || ByteScan.equalsLowercased(f, word, "voorl")
    }

    static func isDefinitief(_ f: UnsafeBufferPointer<UInt8>, _ word: ByteSpan) -> Bool {
        ByteScan.equalsLowercased(f, word, "definitief") || ByteScan.equalsLowercased(f, word, "def")
    }

    /// The regeling a single label word names, if any.
    static func regelingForWord(_ f: UnsafeBufferPointer<UInt8>, _ word: ByteSpan) -> Regeling? {
        func eq(_ literal: StaticString) -> Bool { ByteScan.equalsLowercased(f, word, literal) }
        if eq("pw") || eq("participatiewet") || eq("bijstand") || eq("abw") || eq("wwb") || eq("pwet") { return .pw }
        if eq("ioaw") { return .ioaw }
        if eq("ioaz") { return .ioaz }
        if eq("bbz") { return .bbz }
        if eq("lks") || eq("loonkostensubsidie") { return .lks }
        return nil
    }
}
