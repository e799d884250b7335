import Crypto
import Foundation
import Glibc

/// The secret key of the pseudonyms, kept outside the warehouse.
///
/// It comes from `$BIJSTAND_PSEUDONYM_KEY` (64 hex digits) when that is set,
/// else from the file `<warehouse>.pseudonym-key` beside the warehouse. That
/// file is created on first use with 32 random bytes, readable by its owner
/// only (0600), and published atomically so two loads starting together agree
/// on one key. A key file that others can read is refused: with the key, a
/// pseudonym can be traced back to its BSN by trying all numbers.
///
/// ```swift
/// let key = try PseudonymKey.resolve(warehousePath: "bijstand.sqlite")
/// key.origin        // .file(path: "bijstand.sqlite.pseudonym-key", created: true)
/// key.checkValue    // "3f1c…" (16 hex digits; reveals nothing about the key)
/// ```
public struct PseudonymKey {
    /// Where the key came from.
    public enum Origin: Equatable, Sendable {
        case file(path: String, created: Bool)
        case environment
    }

    public static let environmentVariable = "BIJSTAND_PSEUDONYM_KEY"
    /// Bytes of a key.
    public static let byteCount = 32

    let key: SymmetricKey
    public let origin: Origin

    /// A fingerprint of the key, stored in the warehouse to notice a load with
    /// another key: HMAC-SHA256(key, a fixed text), 64 bits in hex.
    public var checkValue: String {
        let mac = HMAC<SHA256>.authenticationCode(for: Array("bijstand:pseudoniem-sleutelcontrole".utf8), using: key)
        return Hex.encode(Array(mac).prefix(8))
    }

    /// A key from raw bytes (tests, and keys read from the environment or a file).
    public init(bytes: [UInt8], origin: Origin) {
        precondition(bytes.count == Self.byteCount, "a pseudonym key has \(Self.byteCount) bytes")
        key = SymmetricKey(data: bytes)
        self.origin = origin
    }

    /// The key file that belongs to a warehouse.
    public static func filePath(forWarehouse path: String) -> String {
        path + ".pseudonym-key"
    }

    /// The key to use: the environment variable when set, else the key file
    /// beside the warehouse, created when it does not exist yet and `mayCreate`
    /// (a warehouse that already holds pseudonyms must get its own key back, not a new one).
    public static func resolve(
        warehousePath: String?, environment: [String: String] = ProcessInfo.processInfo.environment, mayCreate: Bool = true
    ) throws -> PseudonymKey {
        if let text = environment[environmentVariable] {
            guard let bytes = Hex.decode(text.trimmingCharacters(in: .whitespacesAndNewlines)), bytes.count == byteCount else {
                throw PseudonymKeyError.badEnvironment
            }
            return PseudonymKey(bytes: bytes, origin: .environment)
        }
        guard let warehousePath, !warehousePath.isEmpty else { throw PseudonymKeyError.noWarehouseFile }
        let path = filePath(forWarehouse: warehousePath)
        if let existing = try read(path) { return existing }
        guard mayCreate else { throw PseudonymKeyError.missingFile(path: path) }
        return try create(path)
    }

    /// Reads an existing key file; nil when there is none.
    static func read(_ path: String) throws -> PseudonymKey? {
        let fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        if fd < 0 {
            if errno == ENOENT { return nil }
            throw PseudonymKeyError.unreadable(path: path, reason: String(cString: strerror(errno)))
        }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            throw PseudonymKeyError.unreadable(path: path, reason: String(cString: strerror(errno)))
        }
        guard (info.st_mode & S_IFMT) == S_IFREG else {
            throw PseudonymKeyError.unreadable(path: path, reason: "it is not a regular file")
        }
        let permissions = info.st_mode & 0o777
        guard info.st_uid == geteuid(), permissions & 0o077 == 0 else {
            throw PseudonymKeyError.tooOpen(path: path, permissions: permissions, otherOwner: info.st_uid != geteuid())
        }
        var buffer = [UInt8](repeating: 0, count: 256)
        let count = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
        guard count >= 0 else {
            throw PseudonymKeyError.unreadable(path: path, reason: String(cString: strerror(errno)))
        }
        let text = String(decoding: buffer.prefix(count), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard let bytes = Hex.decode(text), bytes.count == byteCount else {
            throw PseudonymKeyError.malformedFile(path: path)
        }
        return PseudonymKey(bytes: bytes, origin: .file(path: path, created: false))
    }

    /// Creates the key file: written in full to a private temporary file, then
    /// linked to its name, which fails if another process was first (then its key is used).
    static func create(_ path: String) throws -> PseudonymKey {
        let bytes = SymmetricKey(size: .bits256).withUnsafeBytes { Array($0) }
        let temporary = path + ".tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            throw PseudonymKeyError.cannotCreate(path: path, reason: String(cString: strerror(errno)))
        }
        defer { unlink(temporary) }
        let content = Array((Hex.encode(bytes) + "\n").utf8)
        let written = content.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
        // The umask can only take bits away, but be explicit about the result.
        let ok = written == content.count && fchmod(fd, 0o600) == 0 && fsync(fd) == 0
        let failure = errno
        close(fd)
        guard ok else {
            throw PseudonymKeyError.cannotCreate(path: path, reason: String(cString: strerror(failure)))
        }
        if link(temporary, path) != 0 {
            if errno == EEXIST, let winner = try read(path) { return winner }
            throw PseudonymKeyError.cannotCreate(path: path, reason: String(cString: strerror(errno)))
        }
        let folder = (path as NSString).deletingLastPathComponent
        let directory = open(folder.isEmpty ? "." : folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if directory >= 0 {
            fsync(directory)
            close(directory)
        }
        return PseudonymKey(bytes: bytes, origin: .file(path: path, created: true))
    }
}

/// Why the pseudonym key cannot be used. Nothing is loaded without it.
public enum PseudonymKeyError: Error, CustomStringConvertible, Equatable {
    case badEnvironment
    case noWarehouseFile
    case unreadable(path: String, reason: String)
    case tooOpen(path: String, permissions: mode_t, otherOwner: Bool)
    case malformedFile(path: String)
    case cannotCreate(path: String, reason: String)
    case missingFile(path: String)
    case otherKey(path: String?)

    public var description: String {
        switch self {
        case .badEnvironment:
            return
                "\(PseudonymKey.environmentVariable) must hold a key of 64 hexadecimal digits (32 bytes), and it does not; nothing was loaded."
        case .noWarehouseFile:
            return
                "This warehouse has no file to keep a pseudonym key beside; set \(PseudonymKey.environmentVariable) to a key of 64 hexadecimal digits."
        case .unreadable(let path, let reason):
            return "Cannot read the pseudonym key file \(path): \(reason)."
        case .tooOpen(let path, let permissions, let otherOwner):
            if otherOwner {
                return
                    "The pseudonym key file \(path) belongs to another user; a key must be private to the user who loads. Nothing was loaded."
            }
            return
                "The pseudonym key file \(path) can be read by others (permissions \(String(permissions, radix: 8))); make it private with `chmod 600 \(path)` and load again."
        case .malformedFile(let path):
            return "The pseudonym key file \(path) does not hold a key of 64 hexadecimal digits; restore it from your backup."
        case .cannotCreate(let path, let reason):
            return "Cannot create the pseudonym key file \(path): \(reason)."
        case .missingFile(let path):
            return
                "The pseudonym key file \(path) is missing, but this warehouse already holds pseudonyms made with it; restore the file from your backup (or set \(PseudonymKey.environmentVariable) to that key). Nothing was loaded."
        case .otherKey(let path):
            let source = path.map { "the key file \($0)" } ?? "\(PseudonymKey.environmentVariable)"
            return
                "The pseudonym key from \(source) is not the key this warehouse's pseudonyms were made with, so the same person would get another pseudonym; use the original key (file or \(PseudonymKey.environmentVariable)). Nothing was loaded."
        }
    }
}

/// Lower-case hexadecimal, for keys, check values and pseudonyms.
enum Hex {
    static let digits = Array("0123456789abcdef".utf8)

    static func encode<C: Collection>(_ bytes: C) -> String where C.Element == UInt8 {
        String(unsafeUninitializedCapacity: bytes.count * 2) { buffer in
            var index = 0
            for byte in bytes {
                buffer[index] = digits[Int(byte >> 4)]
                buffer[index + 1] = digits[Int(byte & 0x0F)]
                index += 2
            }
            return index
        }
    }

    static func decode(_ text: String) -> [UInt8]? {
        let utf8 = Array(text.utf8)
        guard utf8.count % 2 == 0 else { return nil }
        func value(_ c: UInt8) -> UInt8? {
            switch c {
            case 0x30...0x39: return c - 0x30
            case 0x61...0x66: return c - 0x61 + 10
            case 0x41...0x46: return c - 0x41 + 10
            default: return nil
            }
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(utf8.count / 2)
        var index = 0
        while index < utf8.count {
            guard let high = value(utf8[index]), let low = value(utf8[index + 1]) else { return nil }
            bytes.append(high << 4 | low)
            index += 2
        }
        return bytes
    }
}
