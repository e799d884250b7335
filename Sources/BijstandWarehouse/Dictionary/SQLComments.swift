import Foundation

/// What the comments of one `sql/` file say about the tables and views it creates.
///
/// The conventions it reads (see any file of `sql/migrations/`):
///
/// ```sql
/// -- fact_inwoners: inhabitants on 1 January.              <- name: description
/// -- Grain: one row per gemeente × year.                   <- Grain:
/// -- Source: CBS StatLine 03759ned (built in, Bron: CBS).  <- Source:
/// -- Further lines: why the table is as it is.             <- notes
/// CREATE TABLE fact_inwoners (
///     jaar     INTEGER NOT NULL,   -- year; the count is on 1 January of it
///     inwoners INTEGER NOT NULL,   -- inhabitants (persons)
/// ```
///
/// A labelled field runs on over the next comment lines until a line ends with a
/// full stop; an empty `--` line ends it too. In a view, the comment on a line of
/// the select list documents the column that line names (`f.instroom,` or
/// `... AS saldo_pct,`). `ALTER TABLE t ADD COLUMN c ... -- comment` documents an
/// added column.
public enum SQLComments {
    /// Everything one file documents.
    public struct FileDocumentation: Sendable, Equatable {
        public var objects: [DocumentedObject] = []
        /// Columns added by `ALTER TABLE ... ADD COLUMN`, with the table they belong to.
        public var addedColumns: [(table: String, column: DocumentedColumn)] = []

        public static func == (lhs: Self, rhs: Self) -> Bool {
            lhs.objects == rhs.objects
                && lhs.addedColumns.elementsEqual(rhs.addedColumns) { $0.table == $1.table && $0.column == $1.column }
        }
    }

    /// Reads the documentation out of the text of one SQL file.
    ///
    /// ```swift
    /// let documentation = SQLComments.parse(Assets.text(path)!, file: path)
    /// documentation.objects.first?.grain   // "one row per gemeente × year."
    /// ```
    public static func parse(_ text: String, file: String) -> FileDocumentation {
        var result = FileDocumentation()
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" })
            .map { String($0).trimmingTrailingCarriageReturn }
        var header: [String] = []
        var index = 0
        while index < lines.count {
            let line = lines[index]
            let trimmed = line.trimmedSpaces
            if trimmed.hasPrefix("--") {
                header.append(String(trimmed.dropFirst(2)))
                index += 1
                continue
            }
            if trimmed.isEmpty {
                index += 1
                continue
            }
            if let start = createStatement(trimmed) {
                var object = DocumentedObject(name: start.name, kind: start.kind, file: file)
                applyHeader(header, to: &object)
                let body = statementLines(lines, from: index, codeStart: start.rest)
                switch start.kind {
                case .table: object.columns = tableColumns(body)
                case .view: (object.columns, object.tableAliases) = viewColumns(body)
                }
                result.objects.append(object)
                index = body.nextLine
            } else {
                if let added = addedColumn(line) { result.addedColumns.append(added) }
                index += 1
            }
            header = []
        }
        return result
    }

    // MARK: header

    private static func applyHeader(_ lines: [String], to object: inout DocumentedObject) {
        enum Field { case description, grain, source, notes }
        var fields: [Field: [String]] = [:]
        var notes: [String] = []  // paragraphs
        var current: Field?
        var open = false  // the current field's last line ended without a full stop
        for raw in lines {
            let line = raw.trimmedSpaces
            guard !line.isEmpty else {
                open = false
                current = nil
                continue
            }
            var field = Field.notes
            var content = line
            if fields.isEmpty, notes.isEmpty, let colon = line.firstIndex(of: ":"),
                line[..<colon].trimmedSpaces.caseInsensitiveEquals(object.name)
            {
                field = .description
                content = line[line.index(after: colon)...].trimmedSpaces
            } else if let value = line.valueAfterLabel("Grain") {
                field = .grain
                content = value
            } else if let value = line.valueAfterLabel("Source") {
                field = .source
                content = value
            } else if open, let current {
                field = current
            }
            if field == .notes {
                if current == .notes, !notes.isEmpty {
                    notes[notes.count - 1] += " " + content
                } else {
                    notes.append(content)
                }
            } else {
                fields[field, default: []].append(content)
            }
            current = field
            open = !content.hasSuffix(".")
        }
        func text(_ field: Field) -> String? {
            fields[field].map { $0.joined(separator: " ") }
        }
        object.description = text(.description)
        object.grain = text(.grain)
        object.source = text(.source)
        object.notes = notes.isEmpty ? nil : notes.joined(separator: "\n")
    }

    // MARK: statements

    private struct CreateStart {
        var kind: DocumentedObject.Kind
        var name: String
        /// The code after the name on the same line (`(` for a table).
        var rest: String
    }

    /// `CREATE [TEMP] TABLE|VIEW [IF NOT EXISTS] name` at the start of a line.
    private static func createStatement(_ line: String) -> CreateStart? {
        var words = Scanner(line)
        guard words.keyword("CREATE") else { return nil }
        _ = words.keyword("TEMP") || words.keyword("TEMPORARY")
        let kind: DocumentedObject.Kind
        if words.keyword("TABLE") {
            kind = .table
        } else if words.keyword("VIEW") {
            kind = .view
        } else {
            return nil
        }
        if words.keyword("IF") { _ = words.keyword("NOT") && words.keyword("EXISTS") }
        guard var name = words.identifier() else { return nil }
        if words.peek("."), let second = words.identifier() { name = second }  // main.table
        return CreateStart(kind: kind, name: name, rest: words.rest)
    }

    /// `ALTER TABLE t ADD [COLUMN] c TYPE ... -- comment`.
    private static func addedColumn(_ line: String) -> (table: String, column: DocumentedColumn)? {
        let (code, comment) = splitComment(line)
        var words = Scanner(code.trimmedSpaces)
        guard words.keyword("ALTER"), words.keyword("TABLE"), let table = words.identifier(), words.keyword("ADD") else {
            return nil
        }
        _ = words.keyword("COLUMN")
        let definition = words.rest.trimmedSpaces.trimmingSuffix(";")
        guard var column = columnDefinition(definition) else { return nil }
        column.comment = comment
        return (table, column)
    }

    private struct Body {
        /// Code and comment of each line of the statement, the first line's code starting after the name.
        var lines: [(code: String, comment: String?)]
        var nextLine: Int
    }

    /// The lines of the statement that starts on `start`, up to its `;`.
    private static func statementLines(_ lines: [String], from start: Int, codeStart: String) -> Body {
        var body: [(code: String, comment: String?)] = []
        var index = start
        while index < lines.count {
            let (code, comment) = index == start ? splitComment(codeStart) : splitComment(lines[index])
            body.append((code, comment))
            index += 1
            if code.containsStatementEnd { break }
        }
        return Body(lines: body, nextLine: index)
    }

    // MARK: tables

    private static let constraintKeywords: Set<String> = ["PRIMARY", "FOREIGN", "CHECK", "UNIQUE", "CONSTRAINT"]
    private static let columnConstraintKeywords: Set<String> = [
        "NOT", "NULL", "PRIMARY", "REFERENCES", "CHECK", "DEFAULT", "UNIQUE", "COLLATE", "GENERATED", "AS", "CONSTRAINT",
    ]

    /// The columns of a `CREATE TABLE` body, each with the comment of the line it starts on
    /// (or of the comment lines just above it, when its own line has none).
    private static func tableColumns(_ body: Body) -> [DocumentedColumn] {
        var elements: [(text: String, comment: String?)] = []
        var depth = 0
        var started = false  // inside the column list
        var currentHasText = false
        var lastWithText: Int?
        var pendingComment: String?
        var quote: Character?
        for (code, comment) in body.lines {
            var firstStartedHere: Int?
            for character in code {
                if let open = quote {
                    if character == open.closingQuote { quote = nil }
                    if started, depth >= 1 { elements[elements.count - 1].text.append(character) }
                    continue
                }
                switch character {
                case "(":
                    depth += 1
                    if depth == 1, !started {
                        started = true
                        elements.append(("", nil))
                        continue
                    }
                case ")":
                    depth -= 1
                case "," where depth == 1 && started:
                    elements.append(("", nil))
                    currentHasText = false
                    continue
                default:
                    break
                }
                guard started, depth >= 1 else { continue }
                if character.isQuote { quote = character }
                if !currentHasText, !character.isWhitespace {
                    currentHasText = true
                    lastWithText = elements.count - 1
                    if firstStartedHere == nil { firstStartedHere = elements.count - 1 }
                    if let pending = pendingComment {
                        elements[elements.count - 1].comment = pending
                        pendingComment = nil
                    }
                }
                elements[elements.count - 1].text.append(character)
            }
            guard started, let comment else { continue }
            if let index = firstStartedHere {
                elements[index].comment = comment
            } else if code.allSatisfy(\.isWhitespace) {
                pendingComment = pendingComment.map { $0 + " " + comment } ?? comment
            } else if let last = lastWithText, elements[last].comment == nil {
                elements[last].comment = comment
            }
        }
        return elements.compactMap { element in
            guard var column = columnDefinition(element.text.trimmedSpaces) else { return nil }
            column.comment = element.comment
            return column
        }
    }

    /// `name TYPE constraints...` → the column, or nil for a table constraint.
    private static func columnDefinition(_ text: String) -> DocumentedColumn? {
        var words = Scanner(text)
        guard let name = words.identifier(), !constraintKeywords.contains(name.uppercased()) else { return nil }
        var typeWords: [String] = []
        while let word = words.typeWord(), !columnConstraintKeywords.contains(word.uppercased()) {
            typeWords.append(word)
        }
        return DocumentedColumn(
            name: name, declaredType: typeWords.isEmpty ? nil : typeWords.joined(separator: " "),
            checkValues: checkValues(in: text, column: name))
    }

    /// The values of `CHECK (column IN ('a', 'b'))` or `CHECK (column = 'a' OR column = 'b')`.
    static func checkValues(in text: String, column: String) -> [String]? {
        guard text.range(of: "CHECK", options: .caseInsensitive) != nil else { return nil }
        for match in text.matches(of: Patterns.check) where String(match.1).caseInsensitiveEquals(column) {
            let values = match.2.split(separator: ",").map { literal($0.trimmedSpaces) }
            return values.isEmpty ? nil : values
        }
        for match in text.matches(of: Patterns.checkBody) {
            var values: [String] = []
            for comparison in match.1.split(separator: Patterns.or) {
                guard let equals = comparison.wholeMatch(of: Patterns.equalsLiteral), String(equals.1).caseInsensitiveEquals(column) else {
                    values = []
                    break
                }
                values.append(literal(String(equals.2)))
            }
            if values.count >= 2 { return values }
        }
        return nil
    }

    /// `'y''s'` → `y's`; a number stays as written.
    private static func literal(_ text: String) -> String {
        guard text.count >= 2, let first = text.first, first == "'" || first == "\"", text.last == first else { return text }
        return String(text.dropFirst().dropLast()).replacingOccurrences(of: "''", with: "'")
    }

    // MARK: views

    private static let joinWords: Set<String> = [
        "ON", "USING", "WHERE", "JOIN", "LEFT", "RIGHT", "FULL", "INNER", "OUTER", "CROSS", "NATURAL", "GROUP", "ORDER",
        "LIMIT", "UNION", "EXCEPT", "INTERSECT", "WINDOW", "HAVING",
    ]

    /// The documented columns of a view's select list, and the aliases its tables are read under.
    private static func viewColumns(_ body: Body) -> ([DocumentedColumn], [String: String]) {
        var columns: [DocumentedColumn] = []
        var aliases: [String: String] = [:]
        for (code, comment) in body.lines {
            let upper = code.uppercased()
            for match in (upper.contains("FROM") || upper.contains("JOIN") ? code.matches(of: Patterns.source) : []) {
                let table = String(match.1)
                aliases[table.lowercased()] = table
                if let alias = match.2, !joinWords.contains(alias.uppercased()) { aliases[alias.lowercased()] = table }
            }
            guard let comment, let (name, expression) = selectedColumn(code) else { continue }
            let column = DocumentedColumn(name: name, comment: comment, expression: expression)
            if let existing = columns.firstIndex(where: { $0.name.caseInsensitiveEquals(name) }) {
                columns[existing] = column  // the outer select list comes last
            } else {
                columns.append(column)
            }
        }
        return (columns, aliases)
    }

    /// The name a line of a select list gives its column: `f.instroom,` → instroom; `... AS saldo_pct,` → saldo_pct.
    static func selectedColumn(_ code: String) -> (name: String, expression: String)? {
        var text = code.trimmedSpaces
        while text.hasSuffix(",") || text.hasSuffix(";") { text = String(text.dropLast()).trimmedSpaces }
        if let match = text.wholeMatch(of: Patterns.selectKeyword) { text = String(match.1) }
        if let match = text.wholeMatch(of: Patterns.alias) {
            return (String(match.2), String(match.1).trimmedSpaces)
        }
        if let match = text.wholeMatch(of: Patterns.columnReference) {
            return (String(match.1), text)
        }
        return nil
    }

    // MARK: lexing

    /// Compiled once: a regex literal is parsed again every time it is evaluated.
    private enum Patterns {
        /// `CHECK (column IN ('a', 'b'))`
        static let check = #/(?i)CHECK\s*\(\s*["`\[]?(\w+)["`\]]?\s+IN\s*\(([^()]*)\)\s*\)/#
        /// `CHECK (a = 'x' OR a = 'y')`: the body, without parentheses inside
        static let checkBody = #/(?i)CHECK\s*\(([^()]*)\)/#
        /// ` OR ` between comparisons
        static let or = #/(?i)\s+OR\s+/#
        /// `column = 'value'` or `column = 12`
        static let equalsLiteral = #/\s*["`\[]?(\w+)["`\]]?\s*=\s*('(?:[^']|'')*'|-?\d+(?:\.\d+)?)\s*/#
        /// `FROM table alias`, `JOIN table AS alias`
        static let source = #/(?i)\b(?:FROM|JOIN)\s+(\w+)(?:\s+(?:AS\s+)?(\w+))?/#
        /// `SELECT [DISTINCT] rest`
        static let selectKeyword = #/(?i)SELECT\s+(?:DISTINCT\s+|ALL\s+)?(.*)/#
        /// `expression AS name`
        static let alias = #/(?i)(.*\S)\s+AS\s+["`\[]?(\w+)["`\]]?/#
        /// `alias.column` or `column`
        static let columnReference = #/(?:\w+\.)?["`\[]?(\w+)["`\]]?/#
    }

    /// Splits a line into its code and its `--` comment (outside quotes).
    static func splitComment(_ line: String) -> (code: String, comment: String?) {
        var quote: Character?
        var previous: Character?
        for index in line.indices {
            let character = line[index]
            if let open = quote {
                if character == open.closingQuote { quote = nil }
            } else if character.isQuote {
                quote = character
            } else if character == "-", previous == "-" {
                let start = line.index(before: index)
                let comment = String(line[line.index(after: index)...]).trimmedSpaces
                return (String(line[..<start]), comment.isEmpty ? nil : comment)
            }
            previous = quote == nil ? character : nil
        }
        return (line, nil)
    }
}

/// A table or view as `sql/` documents it.
public struct DocumentedObject: Sendable, Equatable {
    public enum Kind: String, Sendable, Codable { case table, view }

    public var name: String
    public var kind: Kind
    /// The header's first line after `name:`.
    public var description: String?
    public var grain: String?
    public var source: String?
    /// The remaining header lines, one paragraph per line.
    public var notes: String?
    /// The `sql/` file that creates it; nil for a table the program itself makes.
    public var file: String?
    public var columns: [DocumentedColumn] = []
    /// Views: the table each alias of the FROM and JOIN clauses stands for (`f` → `fact_volume_maand`), lower-cased keys.
    public var tableAliases: [String: String] = [:]

    public init(
        name: String, kind: Kind, file: String?, description: String? = nil, grain: String? = nil, source: String? = nil,
        columns: [DocumentedColumn] = []
    ) {
        self.name = name
        self.kind = kind
        self.file = file
        self.description = description
        self.grain = grain
        self.source = source
        self.columns = columns
    }
}

/// A column as `sql/` documents it.
public struct DocumentedColumn: Sendable, Equatable {
    public var name: String
    /// Tables: the declared type (INTEGER, TEXT, REAL).
    public var declaredType: String?
    /// The `--` comment of its line.
    public var comment: String?
    /// Tables: the values of a `CHECK (column IN (...))`.
    public var checkValues: [String]?
    /// Views: the expression the column is computed from (`f.stand_begin`).
    public var expression: String?

    public init(name: String, declaredType: String? = nil, comment: String? = nil, checkValues: [String]? = nil, expression: String? = nil)
    {
        self.name = name
        self.declaredType = declaredType
        self.comment = comment
        self.checkValues = checkValues
        self.expression = expression
    }
}

// MARK: - small text helpers

/// Reads SQL words off the front of a line.
private struct Scanner {
    private var text: Substring

    init(_ text: String) { self.text = Substring(text) }

    var rest: String { String(text) }

    private mutating func skipSpaces() {
        text = text.drop { $0.isWhitespace }
    }

    /// Consumes `word` (any case) when it is the next word.
    mutating func keyword(_ word: String) -> Bool {
        skipSpaces()
        guard text.count >= word.count, text.prefix(word.count).uppercased() == word else { return false }
        let after = text.dropFirst(word.count)
        if let next = after.first, next.isLetter || next.isNumber || next == "_" { return false }
        text = after
        return true
    }

    /// Consumes `character` when it comes next.
    mutating func peek(_ character: Character) -> Bool {
        guard text.first == character else { return false }
        text = text.dropFirst()
        return true
    }

    /// An identifier, bare or quoted with "", ``, or [].
    mutating func identifier() -> String? {
        skipSpaces()
        guard let first = text.first else { return nil }
        if first.isQuote {
            let closing = first.closingQuote
            guard let end = text.dropFirst().firstIndex(of: closing) else { return nil }
            let name = String(text[text.index(after: text.startIndex)..<end])
            text = text[text.index(after: end)...]
            return name
        }
        let name = text.prefix { $0.isLetter || $0.isNumber || $0 == "_" }
        guard !name.isEmpty else { return nil }
        text = text.dropFirst(name.count)
        return String(name)
    }

    /// A word of a type name, with its size in parentheses: `VARCHAR(10)`.
    mutating func typeWord() -> String? {
        skipSpaces()
        let word = text.prefix { $0.isLetter || $0.isNumber || $0 == "_" }
        guard !word.isEmpty else { return nil }
        var end = text.index(text.startIndex, offsetBy: word.count)
        if text[end...].first == "(", let close = text[end...].firstIndex(of: ")") {
            end = text.index(after: close)
        }
        let result = String(text[..<end])
        text = text[end...]
        return result
    }
}

extension Character {
    fileprivate var isQuote: Bool { self == "'" || self == "\"" || self == "`" || self == "[" }
    fileprivate var closingQuote: Character { self == "[" ? "]" : self }
}

extension StringProtocol {
    var trimmedSpaces: String {
        guard let first = firstIndex(where: { !$0.isWhitespace }), let last = lastIndex(where: { !$0.isWhitespace }) else { return "" }
        return String(self[first...last])
    }

    func caseInsensitiveEquals<Other: StringProtocol>(_ other: Other) -> Bool {
        lowercased() == other.lowercased()
    }
}

extension String {
    fileprivate var trimmingTrailingCarriageReturn: String {
        hasSuffix("\r") ? String(dropLast()) : self
    }

    fileprivate func trimmingSuffix(_ suffix: String) -> String {
        hasSuffix(suffix) ? String(dropLast(suffix.count)).trimmedSpaces : self
    }

    /// `Grain: one row` → `one row` for the label Grain.
    fileprivate func valueAfterLabel(_ label: String) -> String? {
        guard count > label.count, prefix(label.count).caseInsensitiveEquals(label),
            self[index(startIndex, offsetBy: label.count)] == ":"
        else { return nil }
        return String(dropFirst(label.count + 1)).trimmedSpaces
    }

    /// Whether a line of code holds a `;` outside quotes: the statement ends on it.
    fileprivate var containsStatementEnd: Bool {
        var quote: Character?
        for character in self {
            if let open = quote {
                if character == open.closingQuote { quote = nil }
            } else if character.isQuote {
                quote = character
            } else if character == ";" {
                return true
            }
        }
        return false
    }
}
