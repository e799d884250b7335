import BijstandCore

/// A user's mapping file (`--mapping FILE`): extra header aliases and code
/// mappings for an export whose spelling the built-in aliases do not know.
///
/// The file is delimited text with the columns `soort;van;naar`:
///
/// ```
/// soort;van;naar
/// kolom;Aantal lopend 1e vd maand;lopend_begin
/// gemeente;Gem. Den Haag;GM0518
/// ```
///
/// `soort` is `kolom` (a header name and the canonical column it means;
/// prefix it with the source kind, `benchmark:kolom`, to limit it to one kind)
/// or `gemeente` (a name or code as written and the CBS code it stands for).
public struct Mapping: Sendable {
    /// header key → canonical name, for every kind ("") or one kind.
    var columns: [String: [String: String]] = [:]
    /// folded gemeente name or code as written → gemeente number.
    public private(set) var gemeenten: [String: Int] = [:]

    public init() {}

    /// The canonical column a header key stands for under this mapping (the key itself when unmapped).
    func columnAlias(_ key: String, kind: String) -> String {
        columns[kind]?[key] ?? columns[""]?[key] ?? key
    }

    mutating func addColumn(_ from: String, to canonical: String, kind: String = "") {
        columns[kind, default: [:]][TextFolding.headerKey(from)] = TextFolding.headerKey(canonical)
    }

    mutating func addGemeente(_ from: String, number: Int) {
        gemeenten[TextFolding.foldName(from)] = number
    }

    /// Reads a mapping file. Bad lines are errors naming file and line: a
    /// mapping is configuration, and a half-read one would mislead silently.
    public static func load(_ input: CSVInput) throws -> Mapping {
        let fingerprint = try Fingerprint.compute(input)
        let reader = try CSVReader(input: input, fingerprint: fingerprint)
        var mapping = Mapping()
        var sawHeader = false
        var problem: MappingError?
        try reader.read(
            { record in
                guard problem == nil else { return }
                if !sawHeader {
                    sawHeader = true
                    let keys = (0..<record.count).map { TextFolding.headerKey(record.string($0)) }
                    if keys.prefix(3) != ["soort", "van", "naar"] {
                        problem = MappingError(file: input.name, line: record.line, message: "the header must be soort;van;naar")
                    }
                    return
                }
                let soort = TextFolding.headerKey(record.string(0))
                let from = record.string(1).trimmingSpaces
                let to = record.string(2).trimmingSpaces
                let parts = soort.split(separator: ":").map(String.init)
                let (kind, what) = parts.count == 2 ? (parts[0], parts[1]) : ("", soort)
                switch what {
                case "kolom":
                    mapping.addColumn(from, to: to, kind: kind)
                case "gemeente":
                    guard case .success(let number) = FieldParser.gemeenteNummer(to) else {
                        problem = MappingError(
                            file: input.name, line: record.line, message: "'\(to)' is not a gemeente code (GM0000)")
                        return
                    }
                    mapping.addGemeente(from, number: number)
                default:
                    problem = MappingError(
                        file: input.name, line: record.line,
                        message: "soort '\(record.string(0))' is unknown; use kolom or gemeente")
                }
            },
            malformed: { bad in
                if problem == nil {
                    problem = MappingError(file: input.name, line: bad.line, message: bad.reason)
                }
            })
        if let problem { throw problem }
        return mapping
    }
}

/// A mapping file that could not be used.
public struct MappingError: Error, CustomStringConvertible {
    public let file: String
    public let line: Int
    public let message: String
    public var description: String { "\(file), line \(line): \(message)." }
}

extension String {
    /// The string without leading and trailing spaces and tabs.
    var trimmingSpaces: String {
        var view = Substring(self)
        while let first = view.first, first == " " || first == "\t" || first == "\u{A0}" { view = view.dropFirst() }
        while let last = view.last, last == " " || last == "\t" || last == "\u{A0}" { view = view.dropLast() }
        return String(view)
    }
}
