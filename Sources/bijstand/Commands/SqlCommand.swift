import ArgumentParser
import BijstandQuery
import BijstandRender
import Foundation

struct SqlCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sql",
        abstract: "Run one read-only SQL query on the warehouse.",
        discussion: """
            The query sees every table and view; `bijstand schema` says what they hold. The connection \
            is read-only: any attempt to write, create (also temporary) objects, attach a database, \
            change a PRAGMA setting or load an extension is refused, and the warehouse stays as it was. \
            One statement per call; a query that runs longer than --timeout is stopped.

            The table format shows at most 1000 rows unless --limit says otherwise; csv and json give \
            every row (or --limit). Named parameters (:gemeente) take their value from --param.

            Examples:
              bijstand sql "SELECT maand, instroom, uitstroom FROM v_volume_maand WHERE gemeentecode = 'GM0394' AND regeling = 'PW'"
              bijstand sql "SELECT * FROM v_vergelijking_maand WHERE maand = :m" --param m=2024-03 --format csv > groepen.csv
              bijstand sql - --format json < vraag.sql
            """)

    @OptionGroup var global: GlobalOptions
    @Argument(
        help: ArgumentHelp(
            "One SQL statement (a SELECT, WITH, VALUES or read-only PRAGMA); - reads it from standard input.", valueName: "QUERY"))
    var query: String
    @Option(help: "table, csv or json.") var format: ListFormat = .table
    @Option(help: ArgumentHelp("Show at most this many rows (default: 1000 for table, all for csv and json).", valueName: "N"))
    var limit: Int?
    @Option(help: ArgumentHelp("Stop the query after this many seconds.", valueName: "SECONDS")) var timeout: Double = 30
    @Option(
        name: .customLong("param"),
        help: ArgumentHelp("The value of the parameter :NAME in the query; repeat for more.", valueName: "NAME=VALUE"))
    var parameters: [String] = []

    static let defaultTableLimit = 1000

    func validate() throws {
        if query.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            throw ValidationError("The query is empty; give one SELECT statement, or - to read it from standard input.")
        }
        if !(timeout > 0 && timeout.isFinite) {
            throw ValidationError("--timeout must be a number of seconds above 0, such as 30 or 0.5.")
        }
        if let limit, limit < 1 {
            throw ValidationError("--limit must be 1 or more.")
        }
        for parameter in parameters where !(parameter.firstIndex(of: "=").map { $0 > parameter.startIndex } ?? false) {
            throw ValidationError("--param '\(parameter)' is not NAME=VALUE (for example --param gemeente=GM0394).")
        }
    }

    func run() throws {
        try runReportingErrors {
            var analystQuery = AnalystQuery(sql: try readQuery())
            for parameter in parameters {
                let equals = parameter.firstIndex(of: "=")!
                analystQuery.parameters[String(parameter[..<equals])] = String(parameter[parameter.index(after: equals)...])
            }
            analystQuery.timeout = timeout
            analystQuery.rowLimit = limit ?? (format == .table ? Self.defaultTableLimit : nil)
            let output = QueryOutput(format: format)
            let outcome = try analystQuery.run(on: global.path, columns: output.begin, row: output.add)
            output.finish()
            if outcome.truncated {
                Terminal.note(
                    "Showing the first \(outcome.rows) rows; there are more. Raise --limit, or use --format csv or json for all of them.")
            }
        }
    }

    private func readQuery() throws -> String {
        guard query == "-" else { return query }
        let text = String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
        guard !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { throw AnalystQueryError.empty }
        return text
    }
}

/// Writes a query's rows as a table (collected, then aligned), or streams them as CSV or JSON.
final class QueryOutput {
    private let format: ListFormat
    private var columns: [String] = []
    private var keys: [String] = []
    private var rows: [[AnalystValue]] = []
    private var buffer = ""
    private var written = 0

    init(format: ListFormat) {
        self.format = format
    }

    func begin(_ columns: [String]) {
        self.columns = columns
        switch format {
        case .table:
            break
        case .csv:
            buffer += columns.map(Self.csvField).joined(separator: ";") + "\r\n"
        case .json:
            keys = Self.uniqueKeys(columns).map(Self.jsonString)
            buffer += "["
        }
    }

    func add(_ row: [AnalystValue]) {
        switch format {
        case .table:
            rows.append(row)
            return
        case .csv:
            buffer += row.map { Self.csvField(Self.text($0, null: "")) }.joined(separator: ";") + "\r\n"
        case .json:
            let fields = zip(keys, row).map { "\($0): \(Self.json($1))" }
            buffer += (written == 0 ? "\n  {" : ",\n  {") + fields.joined(separator: ", ") + "}"
        }
        written += 1
        if buffer.utf8.count > 1 << 16 { flush() }
    }

    func finish() {
        switch format {
        case .table:
            var table = TextTable(columns: columns)
            table.rows = rows.map { $0.map { Self.text($0, null: "NULL") } }
            table.numeric = Set(
                columns.indices.filter { index in
                    let values = rows.map { $0[index] }.filter { $0 != .null }
                    return !values.isEmpty && values.allSatisfy(\.isNumber)
                })
            buffer += table.render()
        case .csv:
            break
        case .json:
            buffer += written == 0 ? "]\n" : "\n]\n"
        }
        flush()
    }

    private func flush() {
        printOut(buffer)
        buffer = ""
    }

    /// A value as text the way SQLite's own shell shows it: reals with up to 15 significant digits.
    static func text(_ value: AnalystValue, null: String) -> String {
        switch value {
        case .null: return null
        case .integer(let number): return String(number)
        case .real(let number):
            if number == number.rounded(), abs(number) < 1e15 { return String(Int64(number)) + ".0" }
            return String(format: "%.15g", number)
        case .text(let text): return text
        case .blob(let bytes): return "X'" + bytes.map { String(format: "%02X", $0) }.joined() + "'"
        }
    }

    static func csvField(_ text: String) -> String {
        text.contains(where: { $0 == ";" || $0 == "\"" || $0 == "\n" || $0 == "\r" })
            ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
    }

    static func json(_ value: AnalystValue) -> String {
        switch value {
        case .null: return "null"
        case .integer(let number): return String(number)
        case .real(let number): return number.isFinite ? "\(number)" : "null"
        case .text(let text): return jsonString(text)
        case .blob(let bytes): return jsonString(Data(bytes).base64EncodedString())
        }
    }

    static func jsonString(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20: out += String(format: "\\u%04x", scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    /// JSON objects need distinct keys: a second `naam` becomes `naam_2`.
    static func uniqueKeys(_ columns: [String]) -> [String] {
        var seen: Set<String> = []
        return columns.map { name in
            var key = name
            var number = 2
            while seen.contains(key) {
                key = "\(name)_\(number)"
                number += 1
            }
            seen.insert(key)
            return key
        }
    }
}
