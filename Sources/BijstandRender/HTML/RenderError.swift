/// Why a renderer could not produce its bytes. These are defects of the build or of
/// the machine (a template missing from the binary, a temporary file that cannot be
/// written), never of the report's data: a renderer shows whatever the report holds.
public enum RenderError: Error, CustomStringConvertible, Equatable {
    /// The format cannot be produced by this build.
    case unsupported(String)
    /// A file of `reports/` was not embedded in the binary.
    case missingAsset(String)
    /// A template of `reports/` does not parse.
    case template(String, String)
    /// The Excel workbook could not be written.
    case workbook(String)

    public var description: String {
        switch self {
        case .unsupported(let reason): return reason
        case .missingAsset(let path): return "The report template \(path) is missing from this build; rebuild bijstand."
        case .template(let path, let problem):
            return "The report template \(path) does not parse (\(problem)); fix the template and rebuild."
        case .workbook(let problem): return "The Excel workbook could not be written: \(problem)."
        }
    }
}
