import ArgumentParser
import BijstandCore
import BijstandETL
import BijstandWarehouse
import Foundation

struct BackupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "Copy the warehouse to a new file, safely, also while loads and reports run.",
        discussion: """
            Uses SQLite's online backup API: the copy is the warehouse as it was at one moment (a load \
            that is still running is not in it), is checked with SQLite's integrity check, and is \
            readable by its owner only. An existing file is never overwritten.

            The pseudonym key (the file <warehouse>.pseudonym-key) is not part of the copy: keep a copy \
            of it in another safe place, because registrations can only be added to a restored \
            warehouse with the same key.

            To restore, with no load running: move the damaged warehouse away together with its -wal \
            and -shm files, then copy the backup back with this same command.

            Examples:
              bijstand backup /backups/bijstand-2026-05-01.sqlite
              bijstand backup --db /backups/bijstand-2026-05-01.sqlite bijstand.sqlite   # restore
            """)

    @OptionGroup var global: GlobalOptions

    @Argument(help: ArgumentHelp("The new file to write the copy to; it must not exist yet.", valueName: "FILE"))
    var file: String

    func validate() throws {
        if file.isEmpty { throw ValidationError("Name the file to write the backup to.") }
    }

    func run() throws {
        try runReportingErrors {
            let result = try WarehouseBackup.make(from: global.path, to: file)
            let megabytes = Double(result.bytes) / 1_000_000
            let last = result.lastBatch.map { "up to and including load \($0)" } ?? "no loads yet"
            printOut(
                "Backup of \(global.path) written to \(file) (\(DutchFormat.decimal(megabytes, decimals: 1)) MB, \(last)); integrity check ok.\n"
            )
            let key = PseudonymKey.filePath(forWarehouse: global.path)
            if FileManager.default.fileExists(atPath: key) {
                Terminal.note("Note: the pseudonym key \(key) is not in the backup; keep a copy of it in another safe place.")
            }
        }
    }
}
