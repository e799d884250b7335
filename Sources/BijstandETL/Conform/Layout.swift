import BijstandCore

/// A column a source layout knows, with the other names extracts give it.
public struct ColumnSpec: Sendable {
    /// Canonical name, as in formats.md (`lopend_begin`).
    public let name: String
    /// Other accepted header names (`stand_begin`, `bestand_begin`).
    public let aliases: [String]

    public init(_ name: String, aliases: [String] = []) {
        self.name = name
        self.aliases = aliases
    }
}

/// The header a source kind expects: its columns, and which must be present.
public struct Layout: Sendable {
    public let kind: String
    public let columns: [ColumnSpec]
    /// Groups of columns of which at least one must be present; a single-member group is simply required.
    public let required: [[String]]
    /// Prefixes of open-ended column families (`uitstroom_` for `uitstroom_<reden>`).
    public let families: [String]

    public init(kind: String, columns: [ColumnSpec], required: [[String]], families: [String] = []) {
        self.kind = kind
        self.columns = columns
        self.required = required
        self.families = families
    }

    /// Human description of what is required, for the error on an unrecognised header.
    public var requirementText: String {
        let parts = required.map { group in
            group.count == 1 ? group[0] : group.joined(separator: " or ")
        }
        return "for \(kind): " + parts.joined(separator: ", ")
    }

    /// Matches a header row against this layout. Nil when a required column is missing.
    public func match(_ header: [String], mapping: Mapping) -> MatchedHeader? {
        let keys = header.map { mapping.columnAlias(TextFolding.headerKey($0), kind: kind) }
        var index: [String: Int] = [:]
        var used = Set<Int>()
        for spec in columns {
            let candidates = [spec.name] + spec.aliases
            for candidate in candidates {
                if let position = keys.firstIndex(of: candidate), !used.contains(position) {
                    index[spec.name] = position
                    used.insert(position)
                    break
                }
            }
        }
        for group in required where !group.contains(where: { index[$0] != nil }) {
            return nil
        }
        var family: [(prefix: String, suffix: String, position: Int)] = []
        var unused: [String] = []
        for (position, key) in keys.enumerated() where !used.contains(position) {
            if let prefix = families.first(where: { key.hasPrefix($0) && key.count > $0.count }) {
                family.append((prefix, String(key.dropFirst(prefix.count)), position))
            } else if !key.isEmpty {
                unused.append(header[position])
            }
        }
        return MatchedHeader(layout: self, header: header, index: index, family: family, unused: unused)
    }
}

/// A header matched to a layout: where each known column is.
public struct MatchedHeader: Sendable {
    public let layout: Layout
    public let header: [String]
    /// Canonical column name → position in the row.
    public let index: [String: Int]
    /// Columns of an open-ended family: prefix, the rest of the name, position.
    public let family: [(prefix: String, suffix: String, position: Int)]
    /// Header names that no column of the layout uses (reported as a warning).
    public let unused: [String]

    /// Position of a canonical column, nil when absent.
    public subscript(_ name: String) -> Int? { index[name] }

    /// How a column is named in messages: its header as written and its position ("'Lopend eind' (kolom 8)").
    public func describe(column position: Int) -> String {
        let name = position < header.count ? header[position] : "?"
        return "'\(name)' (kolom \(position + 1))"
    }

    /// Number of layout columns matched (used to choose between kinds).
    public var strength: Int { index.count + family.count }
}
