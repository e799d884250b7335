/// A column's meaning, unit and code list, read from its `--` comment.
///
/// The comment is kept whole as the meaning. The unit is what the comment
/// states in parentheses, such as `(count)`, `(euro cents)`, `(ISO date)`,
/// `(percent per month)`, or a comment that is nothing but a format (`YYYY-MM`).
/// A code list is a `CHECK (column IN (...))`, or a comment that is nothing but a
/// list of short values (`PW, IOAW, IOAZ, BBZ`; `voorlopig or definitief`;
/// `source kind: benchmark, budget, ...`); `1 = ...` marks a 0/1 flag.
///
/// ```swift
/// ColumnMeaning(comment: "running at the start of the month (count); NULL = not delivered").unit   // "count"
/// ColumnMeaning(comment: "benchmark or registratie").codes                                          // ["benchmark", "registratie"]
/// ```
public struct ColumnMeaning: Sendable, Equatable {
    public var meaning: String?
    public var unit: String?
    public var codes: [String]?

    public init(meaning: String?, unit: String?, codes: [String]?) {
        self.meaning = meaning
        self.unit = unit
        self.codes = codes
    }

    /// `column` is the column's name: a key column (`regeling_id`) stores numbers, so a
    /// list in its comment ("PW, IOAW, IOAZ or BBZ") names what they stand for, not its values,
    /// unless the list pairs them ("1 PW, 2 IOAW").
    public init(comment: String?, checkValues: [String]? = nil, column: String? = nil) {
        meaning = comment
        unit = comment.flatMap(Self.unit(in:))
        var listed = unit == nil ? comment.flatMap(Self.codes(in:)) : nil
        if let column, column.lowercased().hasSuffix("_id"), let list = listed, !list.allSatisfy({ $0.first?.isNumber ?? false }) {
            listed = nil
        }
        codes = checkValues ?? listed
    }

    /// Units as comments write them, lower-cased, with the spelling the dictionary shows.
    static let units: [String: String] = [
        "count": "count", "persons": "persons", "euro": "euro", "euro cents": "euro cents", "percent": "percent",
        "percent per month": "percent per month", "bytes": "bytes", "iso date": "ISO date", "iso 8601": "ISO 8601",
        "iso 8601, utc": "ISO 8601, UTC", "yyyy-mm": "YYYY-MM", "gm0000": "GM0000", "months": "months", "days": "days",
        "years": "years", "0..1": "fraction 0..1",
    ]

    static func unit(in comment: String) -> String? {
        let whole = comment.trimmedSpaces.lowercased()
        if let unit = units[whole] { return unit }
        var rest = Substring(comment)
        while let open = rest.firstIndex(of: "("), let close = rest[open...].firstIndex(of: ")") {
            let inside = rest[rest.index(after: open)..<close].trimmedSpaces.lowercased()
            if let unit = units[inside] { return unit }
            // "(euro cents, exact)": the unit comes first.
            if let first = inside.split(separator: ",").first, let unit = units[first.trimmedSpaces] { return unit }
            rest = rest[rest.index(after: close)...]
        }
        if whole.hasPrefix("yyyy-mm") { return "YYYY-MM" }
        if whole.hasPrefix("gm0000") { return "GM0000" }
        if whole.contains(" in bytes") { return "bytes" }
        if whole.contains("% of") { return "percent" }
        return nil
    }

    static func codes(in comment: String) -> [String]? {
        let clause = comment.split(separator: ";", maxSplits: 1).first.map(String.init) ?? comment
        if clause.trimmedSpaces.hasPrefix("1 = ") { return ["0", "1"] }
        var candidates = [clause]
        // "source kind: benchmark, budget, ..." and "1 voorlopig, 2 definitief: the highest is the newest".
        if let colon = clause.firstIndex(of: ":") {
            candidates.append(String(clause[clause.index(after: colon)...]))
            candidates.append(String(clause[..<colon]))
        }
        return candidates.lazy.compactMap(list(in:)).first
    }

    /// Words that make an item prose rather than a value ("lower case, no diacritics or punctuation").
    private static let proseWords: Set<String> = [
        "a", "an", "the", "no", "not", "of", "for", "with", "without", "to", "from", "by", "is", "are", "as", "at", "in",
        "on", "this", "that", "it", "its",
    ]

    /// `a, b or c` → [a, b, c] when every item is a short value (at most three words, no punctuation, no prose).
    private static func list(in text: String) -> [String]? {
        var items: [String] = []
        for part in text.components(separatedBy: ", ") {
            items += part.components(separatedBy: " or ")
        }
        items = items.map { $0.trimmedSpaces }
        guard items.count >= 2,
            items.allSatisfy({ item in
                let words = item.split(separator: " ")
                return !words.isEmpty && words.count <= 3 && !words.contains { proseWords.contains($0.lowercased()) }
                    && item.allSatisfy { $0.isLetter || $0.isNumber || $0 == " " || $0 == "_" || $0 == "-" || $0 == "." || $0 == "+" }
                    && !item.contains("..")
            })
        else { return nil }
        return items
    }
}
