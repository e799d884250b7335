import BijstandRender
import Foundation

/// CSV for the listing commands (`;`, as Dutch Excel reads it).
extension TextTable {
    func csv() -> String {
        func escape(_ cell: String) -> String {
            cell.contains(where: { $0 == ";" || $0 == "\"" || $0 == "\n" || $0 == "\r" })
                ? "\"" + cell.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : cell
        }
        return ([columns] + rows).map { $0.map(escape).joined(separator: ";") }.joined(separator: "\r\n") + "\r\n"
    }
}

/// JSON output with stable key order.
enum JSONOutput {
    static func encode<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self) + "\n"
    }
}

func printOut(_ text: String) {
    FileHandle.standardOutput.write(Data(text.utf8))
}
