import ArgumentParser
import BijstandETL
import BijstandWarehouse
import Foundation
import GRDB

/// Talking to the user: errors as one sentence on stderr, exit codes of contract.md.
enum Terminal {
    static let stderrIsTerminal = isatty(STDERR_FILENO) == 1
    static let stdoutIsTerminal = isatty(STDOUT_FILENO) == 1

    static func error(_ message: String) {
        FileHandle.standardError.write(Data(("bijstand: " + message + "\n").utf8))
    }

    static func note(_ message: String) {
        FileHandle.standardError.write(Data((message + "\n").utf8))
    }

    /// Prints an error as one sentence and turns it into the exit status of the contract:
    /// 2 for an unreadable or unrecognised file, 1 for any other failure.
    static func fail(_ error: Error) -> ExitCode {
        switch error {
        case let exit as ExitCode:
            return exit
        case let input as InputFileError:
            self.error(input.description)
            return ExitCode(2)
        case let database as DatabaseError:
            self.error("The warehouse refused the operation: \(database.message ?? "\(database.resultCode)").")
            return ExitCode(1)
        case let described as CustomStringConvertible:
            self.error(described.description)
            return ExitCode(1)
        default:
            self.error("\(error)")
            return ExitCode(1)
        }
    }
}

/// Runs a command body with the contract's error handling.
func runReportingErrors(_ body: () throws -> Void) throws {
    do {
        try body()
    } catch {
        throw Terminal.fail(error)
    }
}

/// A progress bar on stderr, drawn only on a terminal and at most ten times a second.
final class ProgressBar {
    private let label: String
    private var lastDraw = Date.distantPast
    private var drawn = false

    init(label: String) {
        self.label = label
    }

    func update(_ done: Int64, _ total: Int64) {
        guard Terminal.stderrIsTerminal, total > 4_000_000 else { return }
        let now = Date()
        guard now.timeIntervalSince(lastDraw) > 0.1 || done == total else { return }
        lastDraw = now
        let fraction = total > 0 ? Double(done) / Double(total) : 1
        let width = 30
        let filled = Int(fraction * Double(width))
        let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
        let line = "\r\(label) \(bar) \(Int(fraction * 100))% (\(done / 1_000_000)/\(total / 1_000_000) MB)"
        FileHandle.standardError.write(Data(line.utf8))
        drawn = true
    }

    func finish() {
        if drawn { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    }
}
