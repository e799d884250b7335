import ArgumentParser
import BijstandRender
import BijstandWarehouse
import Foundation
import GRDB

struct SchemaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schema",
        abstract: "The data dictionary: tables and views, their grain, and every column's meaning and unit.",
        discussion: """
            Without NAME: every view (the stable interface for analysts) and table with what one row is. \
            With the name of a table or view: its columns with type, unit and meaning. Anything else is \
            searched for in the names and meanings of tables, views and columns.

            The text comes from the comments in sql/ and is stored in the warehouse as the table \
            meta_woordenboek, so any SQLite tool shows it too. Without a warehouse, it describes the one \
            `bijstand init` would create.

            Examples:
              bijstand schema
              bijstand schema v_volume_maand
              bijstand schema "uitstroom werk"
              bijstand schema --format md > woordenboek.md
            """)

    @OptionGroup var global: GlobalOptions
    @Argument(help: ArgumentHelp("A table or view, or words to look for in names and meanings.", valueName: "NAME"))
    var name: String?
    @Option(help: "text, json or md.") var format: SchemaFormat = .text

    enum SchemaFormat: String, ExpressibleByArgument, CaseIterable { case text, json, md }

    func run() throws {
        try runReportingErrors {
            let dictionary = try loadDictionary()
            guard let name else {
                printOut(try render(dictionary, title: "Data dictionary"))
                return
            }
            if let object = dictionary.object(named: name) {
                printOut(try render(DataDictionary(objects: [object]), title: object.name))
                return
            }
            let found = dictionary.search(name)
            guard !found.isEmpty else {
                throw SchemaError.nothingFound(name)
            }
            printOut(try renderMatches(found, dictionary: dictionary))
        }
    }

    /// The dictionary stored in the warehouse; the built-in one when there is no warehouse (yet).
    private func loadDictionary() throws -> DataDictionary {
        let path = global.path
        guard FileManager.default.fileExists(atPath: path) else {
            Terminal.note("There is no warehouse at \(path); this is the schema `bijstand init` creates.")
            return try DataDictionary.ofNewWarehouse()
        }
        var configuration = Configuration()
        configuration.readonly = true
        let stored = try DatabaseQueue(path: path, configuration: configuration).read { try DataDictionary.stored(in: $0) }
        guard let stored else {
            Terminal.note(
                "The warehouse \(path) has no data dictionary yet (run `bijstand init --db \(path)` to add it); this is the built-in one.")
            return try DataDictionary.ofNewWarehouse()
        }
        return stored
    }

    private func render(_ dictionary: DataDictionary, title: String) throws -> String {
        switch format {
        case .json: return try JSONOutput.encode(dictionary)
        case .md: return DictionaryMarkdown.render(dictionary, title: title)
        case .text:
            if dictionary.objects.count == 1, let object = dictionary.objects.first { return DictionaryText.object(object) }
            return DictionaryText.overview(dictionary)
        }
    }

    /// Search results: per object the matching columns (all columns when the object itself matched).
    private func renderMatches(_ found: [(object: DataDictionary.Object, column: DataDictionary.Column?)], dictionary: DataDictionary)
        throws
        -> String
    {
        if format == .text { return DictionaryText.matches(found, for: name ?? "") }
        // `search` lists an object (when it matches as a whole) before its matching columns.
        var objects: [DataDictionary.Object] = []
        for (object, column) in found {
            if objects.last?.name != object.name {
                var entry = object
                if column != nil { entry.columns = [] }
                objects.append(entry)
            }
            if let column, !objects[objects.count - 1].columns.contains(column) {
                objects[objects.count - 1].columns.append(column)
            }
        }
        return try render(DataDictionary(objects: objects), title: "Data dictionary: '\(name ?? "")'")
    }
}

enum SchemaError: Error, CustomStringConvertible {
    case nothingFound(String)

    var description: String {
        switch self {
        case .nothingFound(let text):
            return "No table, view or column is named or described by '\(text)'; `bijstand schema` lists them all."
        }
    }
}

/// The dictionary as plain text for the terminal.
enum DictionaryText {
    static func overview(_ dictionary: DataDictionary) -> String {
        var out = ""
        for (kind, heading) in [(DocumentedObject.Kind.view, "Views (stable, for analysts)"), (.table, "Tables")] {
            let objects = dictionary.objects.filter { $0.kind == kind }
            guard !objects.isEmpty else { continue }
            out += heading + "\n\n"
            for object in objects {
                out += "  \(object.name)\n"
                if let description = object.description { out += "      \(description)\n" }
                out += "      Grain: \(object.grain ?? "(not documented)")\n"
            }
            out += "\n"
        }
        out +=
            "`bijstand schema NAME` shows the columns of one; `bijstand schema WORD` searches; `--format md` writes it all as Markdown.\n"
        return out
    }

    static func object(_ object: DataDictionary.Object) -> String {
        var out = "\(object.name) (\(object.kind.rawValue))"
        out += object.description.map { ": \($0)\n" } ?? "\n"
        out += "Grain:  \(object.grain ?? "(not documented)")\n"
        if let source = object.source { out += "Source: \(source)\n" }
        if let notes = object.notes {
            out += notes.split(separator: "\n").enumerated().map { index, line in (index == 0 ? "Notes:  " : "        ") + line + "\n" }
                .joined()
        }
        out += "File:   \(object.file ?? "(made by the program)")\n\n"
        var table = TextTable(columns: ["column", "type", "unit", "meaning"])
        table.rows = object.columns.map { column in
            [column.name, column.type ?? "", column.unit ?? "", meaning(column)]
        }
        return out + table.render()
    }

    static func matches(_ found: [(object: DataDictionary.Object, column: DataDictionary.Column?)], for text: String) -> String {
        var table = TextTable(columns: ["name", "unit", "meaning"])
        table.rows = found.map { object, column in
            guard let column else { return [object.name + " (\(object.kind.rawValue))", "", object.description ?? ""] }
            return ["\(object.name).\(column.name)", column.unit ?? "", meaning(column)]
        }
        return "Tables, views and columns for '\(text)':\n\n" + table.render()
    }

    /// The meaning, with the code list when the comment does not already spell it out.
    static func meaning(_ column: DataDictionary.Column) -> String {
        let meaning = column.meaning ?? "(not documented)"
        guard let codes = column.codes, !codes.allSatisfy({ meaning.contains($0) }) else { return meaning }
        return meaning + " [values: " + codes.joined(separator: ", ") + "]"
    }
}

/// The dictionary as a Markdown document.
enum DictionaryMarkdown {
    static func render(_ dictionary: DataDictionary, title: String) -> String {
        var out = "# \(title)\n\n"
        out += "Generated by `bijstand schema --format md` from the comments in `sql/`; "
        out += "the same text is in the warehouse's table `meta_woordenboek`.\n"
        for (kind, heading) in [(DocumentedObject.Kind.view, "Views"), (.table, "Tables")] {
            let objects = dictionary.objects.filter { $0.kind == kind }
            guard !objects.isEmpty else { continue }
            out += "\n## \(heading)\n"
            for object in objects { out += "\n" + section(object) }
        }
        return out
    }

    static func section(_ object: DataDictionary.Object) -> String {
        var out = "### `\(object.name)`\n\n"
        if let description = object.description { out += description + "\n\n" }
        out += "- **Grain:** \(object.grain ?? "(not documented)")\n"
        if let source = object.source { out += "- **Source:** \(source)\n" }
        out += "- **File:** " + (object.file.map { "`\($0)`" } ?? "made by the program") + "\n"
        if let notes = object.notes {
            out += "\n" + notes.split(separator: "\n").joined(separator: "\n\n") + "\n"
        }
        out += "\n| column | type | unit | values | meaning |\n|---|---|---|---|---|\n"
        for column in object.columns {
            let cells = [
                "`\(column.name)`", column.type ?? "", column.unit ?? "", column.codes?.joined(separator: ", ") ?? "",
                column.meaning ?? "(not documented)",
            ]
            out += "| " + cells.map { cell($0) }.joined(separator: " | ") + " |\n"
        }
        return out
    }

    private static func cell(_ text: String) -> String {
        text.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ")
    }
}
