import Foundation

/// A folder under the system's temporary directory, removed when the value goes away.
public final class TemporaryDirectory {
    public let url: URL

    public init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("bijstand-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(at: url)
    }

    /// A path inside the folder.
    public func path(_ name: String) -> String {
        url.appendingPathComponent(name).path
    }

    /// Writes bytes to a file in the folder and returns its path.
    @discardableResult
    public func write(_ name: String, bytes: [UInt8]) throws -> String {
        let target = path(name)
        try Data(bytes).write(to: URL(fileURLWithPath: target))
        return target
    }

    /// Writes text to a file in the folder, with the given encoding and line ends.
    @discardableResult
    public func write(_ name: String, _ text: String, as encoding: FileEncoding = .utf8, lineEnd: String = "\n") throws -> String {
        let normalised = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\n", with: lineEnd)
        return try write(name, bytes: encoding.encode(normalised))
    }
}

/// How a test file's text is turned into bytes.
public enum FileEncoding {
    case utf8
    case utf8BOM
    case windows1252

    public func encode(_ text: String) -> [UInt8] {
        switch self {
        case .utf8: return Array(text.utf8)
        case .utf8BOM: return [0xEF, 0xBB, 0xBF] + Array(text.utf8)
        case .windows1252:
            // The characters tests use: Latin-1 letters map to their code point; € is 0x80.
            return text.unicodeScalars.map { scalar -> UInt8 in
                switch scalar.value {
                case 0x20AC: return 0x80
                case 0x2019: return 0x92
                case 0x2212: return 0x2D
                case 0..<0x100: return UInt8(scalar.value)
                default: fatalError("no Windows-1252 form for \(scalar) in a test fixture")
                }
            }
        }
    }
}
