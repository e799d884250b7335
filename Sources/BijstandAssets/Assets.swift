/// Access to the files of `sql/`, `etl/` and `reports/`, embedded in the binary
/// at build time so `bijstand` works wherever it is copied.
///
/// ```swift
/// let schema = Assets.text("sql/views/v_volume_maand.sql")
/// let migrations = Assets.paths(under: "sql/migrations/")
/// ```
public enum Assets {
    /// The text of one embedded file, or nil when no such file was embedded.
    public static func text(_ path: String) -> String? {
        EmbeddedAssets.files[path]
    }

    /// The paths of all embedded files below a folder, sorted by name.
    public static func paths(under folder: String) -> [String] {
        let prefix = folder.hasSuffix("/") ? folder : folder + "/"
        return EmbeddedAssets.files.keys.filter { $0.hasPrefix(prefix) }.sorted()
    }
}
