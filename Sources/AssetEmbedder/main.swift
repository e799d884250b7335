// Writes a Swift source file holding the given files as string literals.
// Usage: AssetEmbedder OUTPUT ROOT RELATIVE_PATH...
// Used only by the EmbedAssets build plugin.
import Foundation

let arguments = CommandLine.arguments
guard arguments.count >= 3 else {
    FileHandle.standardError.write(Data("usage: AssetEmbedder OUTPUT ROOT PATH...\n".utf8))
    exit(2)
}
let output = arguments[1]
let root = URL(fileURLWithPath: arguments[2])

/// A Swift string literal for arbitrary UTF-8 text, byte for byte: line ends
/// (CRLF stays CRLF), a byte order mark and control characters are escaped
/// rather than left to the compiler's multi-line literal rules.
func literal(_ text: String) -> String {
    var out = "\""
    out.reserveCapacity(text.utf8.count + text.utf8.count / 8)
    for scalar in text.unicodeScalars {
        switch scalar {
        case "\\": out += "\\\\"
        case "\"": out += "\\\""
        case "\n": out += "\\n"
        case "\r": out += "\\r"
        case "\t": out += "\\t"
        default:
            if scalar.value < 0x20 || scalar.value == 0x7F || scalar.value == 0xFEFF {
                out += "\\u{\(String(scalar.value, radix: 16))}"
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
    }
    out += "\""
    return out
}

var source = """
    // Generated at build time by the EmbedAssets plugin from sql/, etl/ and reports/.
    // Do not edit: change the asset files instead.

    /// The package's embedded asset files, keyed by their path relative to the package root.
    public enum EmbeddedAssets {
        public static let files: [String: String] = [

    """
for relative in arguments.dropFirst(3) {
    let url = root.appendingPathComponent(relative)
    let data = try Data(contentsOf: url)
    guard let text = String(data: data, encoding: .utf8) else {
        FileHandle.standardError.write(Data("error: \(relative) is not UTF-8 text and cannot be embedded\n".utf8))
        exit(1)
    }
    source += "        \(literal(relative)): \(literal(text)),\n"
}
source += "    ]\n}\n"
try source.write(toFile: output, atomically: true, encoding: .utf8)
