import BijstandCore

/// Small helpers the loaders share for reading typed fields out of a record.
extension CSVRecord {
    /// Whether field `index` is absent, empty or only spaces.
    @inline(__always)
    public func isEmpty(_ index: Int?) -> Bool {
        guard let index else { return true }
        for byte in self[index] where byte != 0x20 && byte != 0x09 && byte != 0xA0 && byte != 0xC2 {
            return false
        }
        return true
    }
}

/// The reason vocabulary of the benchmark's `uitstroom_<reden>` / `instroom_<reden>` columns.
enum RedenVocabulary {
    /// Column suffix (header key) → dim_reden.code.
    static let suffixes: [String: String] = [
        "werk": "werk", "arbeid": "werk",
        "werk_regulier": "werk_regulier", "regulier_werk": "werk_regulier", "regulier": "werk_regulier",
        "werk_gesubsidieerd": "werk_gesubsidieerd", "gesubsidieerd_werk": "werk_gesubsidieerd",
        "gesubsidieerd": "werk_gesubsidieerd",
        "opleiding": "opleiding", "onderwijs": "opleiding", "scholing": "opleiding", "studie": "opleiding",
        "verhuizing": "verhuizing", "verhuisd": "verhuizing",
        "samenwonen": "samenwonen", "huwelijk": "samenwonen", "relatie": "samenwonen",
        "samenwonen_huwelijk": "samenwonen",
        "andere_uitkering": "andere_uitkering", "uitkering": "andere_uitkering",
        "aow": "aow", "aow_leeftijd": "aow", "pensioen": "aow",
        "detentie": "detentie",
        "handhaving": "handhaving", "fraude": "handhaving", "handhaving_fraude": "handhaving",
        "overlijden": "overlijden",
        "overig": "overig", "overige": "overig", "anders": "overig", "overig_onbekend": "overig",
        "onbekend": "onbekend",
        "einde_ww": "einde_ww", "ww": "einde_ww",
        "verlies_werk": "verlies_werk", "werkloos": "verlies_werk", "ontslag": "verlies_werk",
        "scheiding": "scheiding",
        "statushouder": "statushouder", "statushouders": "statushouder",
    ]

    /// The dim_reden code for a column suffix: a word above, or a BUS code (`uitstroom_11`).
    static func code(forSuffix suffix: String) -> String? {
        if let code = suffixes[suffix] { return code }
        if suffix.count <= 2, let number = Int(suffix) {
            return number < 10 ? "0\(number)" : "\(number)"
        }
        return nil
    }
}
