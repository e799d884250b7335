import Foundation
import GRDB

/// A consistent copy of a warehouse, made with SQLite's online backup API
/// while loads and reports may go on.
///
/// The copy is what the warehouse held at one moment: the backup reads inside
/// one read transaction, and in WAL mode a load that commits meanwhile is simply
/// not in it. The copy is written to a private temporary file beside the target
/// (0600, like the warehouse), checked with `PRAGMA integrity_check`, flushed to
/// disk and only then given its name, so an interrupted backup never leaves a
/// half file under the target's name. An existing file is never overwritten.
///
/// Restoring is the same operation in the other direction (README, "Reliability"):
///
/// ```swift
/// let copy = try WarehouseBackup.make(from: "bijstand.sqlite", to: "/backups/bijstand-2026-05-01.sqlite")
/// print(copy.bytes, copy.lastBatch ?? 0)
/// ```
public enum WarehouseBackup {
    /// What was copied.
    public struct Result: Sendable, Equatable {
        public var path: String
        public var bytes: Int64
        public var pages: Int
        /// The newest load in the copy (nil for a warehouse without loads).
        public var lastBatch: Int64?
    }

    /// Copies the warehouse at `source` to the new file `target`.
    /// `busyTimeout` is how long to wait for a moment when the file can be read.
    public static func make(from source: String, to target: String, busyTimeout: Double = 10) throws -> Result {
        let fileManager = FileManager.default
        guard fileManager.fileExists(atPath: source) else { throw WarehouseError.notInitialised(path: source) }
        if fileManager.fileExists(atPath: target) { throw BackupError.targetExists(path: target) }
        for suffix in ["-wal", "-shm", "-journal"] where fileManager.fileExists(atPath: target + suffix) {
            throw BackupError.strayJournal(path: target + suffix)
        }
        if sameFile(source, target) { throw BackupError.targetExists(path: target) }
        let folder = (target as NSString).deletingLastPathComponent
        if !folder.isEmpty, !fileManager.fileExists(atPath: folder) {
            throw BackupError.cannotCreate(path: target, reason: "the folder \(folder) does not exist")
        }

        var configuration = Configuration()
        configuration.readonly = true
        configuration.busyMode = .timeout(busyTimeout)
        let from: DatabaseQueue
        do {
            from = try DatabaseQueue(path: source, configuration: configuration)
        } catch let error as DatabaseError {
            throw WarehouseError.cannotOpen(path: source, reason: error.message ?? "\(error)")
        }
        defer { try? from.close() }
        let initialised = try from.read { db in
            try db.tableExists("grdb_migrations") && db.tableExists("load_batch")
        }
        guard initialised else { throw WarehouseError.notInitialised(path: source) }

        // Created by us, private from the start: the copy holds the same client-level data.
        let temporary = target + ".partial-\(getpid())"
        let fd = open(temporary, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw BackupError.cannotCreate(path: target, reason: String(cString: strerror(errno))) }
        close(fd)
        var published = false
        defer {
            if !published {
                for suffix in ["", "-wal", "-shm", "-journal"] { unlink(temporary + suffix) }
            }
        }

        var result = Result(path: target, bytes: 0, pages: 0, lastBatch: nil)
        do {
            let to = try DatabaseQueue(path: temporary)
            // One step: the whole copy comes from one read transaction, one moment of the source.
            try from.backup(to: to)
            try to.writeWithoutTransaction { db in
                let check = try String.fetchAll(db, sql: "PRAGMA integrity_check")
                guard check == ["ok"] else { throw BackupError.verificationFailed(findings: check) }
                result.pages = try Int.fetchOne(db, sql: "PRAGMA page_count") ?? 0
                result.lastBatch = try Int64.fetchOne(db, sql: "SELECT max(batch_id) FROM load_batch")
                // Everything into the main file, so the copy is one self-contained file.
                try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)")
            }
            try to.close()
        } catch let error as DatabaseError {
            throw BackupError.failed(reason: error.message ?? "\(error.resultCode)")
        }

        try syncFile(temporary)
        // link() fails when the name was taken meanwhile: never overwrite a file.
        if link(temporary, target) != 0 {
            let reason = errno == EEXIST ? nil : String(cString: strerror(errno))
            if let reason { throw BackupError.cannotCreate(path: target, reason: reason) }
            throw BackupError.targetExists(path: target)
        }
        published = true
        unlink(temporary)
        syncFolder(folder)
        let attributes = try? fileManager.attributesOfItem(atPath: target)
        result.bytes = (attributes?[.size] as? NSNumber)?.int64Value ?? 0
        return result
    }

    private static func sameFile(_ a: String, _ b: String) -> Bool {
        var first = stat()
        var second = stat()
        guard stat(a, &first) == 0, stat(b, &second) == 0 else { return false }
        return first.st_dev == second.st_dev && first.st_ino == second.st_ino
    }

    private static func syncFile(_ path: String) throws {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw BackupError.cannotCreate(path: path, reason: String(cString: strerror(errno))) }
        defer { close(fd) }
        if fsync(fd) != 0 { throw BackupError.failed(reason: String(cString: strerror(errno))) }
    }

    private static func syncFolder(_ folder: String) {
        let fd = open(folder.isEmpty ? "." : folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if fd >= 0 {
            fsync(fd)
            close(fd)
        }
    }
}

/// Why a backup was not made, as a sentence for the user. Nothing is left behind.
public enum BackupError: Error, CustomStringConvertible, Equatable {
    case targetExists(path: String)
    case strayJournal(path: String)
    case cannotCreate(path: String, reason: String)
    case failed(reason: String)
    case verificationFailed(findings: [String])

    public var description: String {
        switch self {
        case .targetExists(let path):
            return "\(path) already exists; a backup never overwrites a file, so choose a new name or move the old file away."
        case .strayJournal(let path):
            return "\(path) is left over from another database; move it away first, or SQLite would mix it into the copy."
        case .cannotCreate(let path, let reason):
            return "Cannot create the backup \(path): \(reason)."
        case .failed(let reason):
            return "The backup failed and nothing was written: \(reason)."
        case .verificationFailed(let findings):
            return "The copy did not pass SQLite's integrity check (\(findings.prefix(3).joined(separator: "; "))); nothing was written."
        }
    }
}
