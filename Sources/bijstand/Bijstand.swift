import ArgumentParser
import Foundation

@main
struct Bijstand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bijstand",
        abstract: "A data warehouse for the bijstand (Participatiewet) administration of a gemeente.",
        discussion: """
            Loads benchmark extracts, BUIG budgets and the gemeente's own registrations into one \
            SQLite file (the warehouse) and reports instroom, uitstroom and the BUIG saldo per period.

            Start with `bijstand demo`. The warehouse is ./bijstand.sqlite unless --db or $BIJSTAND_DB says otherwise.
            """,
        subcommands: [
            InitCommand.self, IngestCommand.self, BatchesCommand.self, RejectsCommand.self, RollbackCommand.self,
            ReportCommand.self, SaldoCommand.self, CohortCommand.self, CheckCommand.self, SqlCommand.self, SchemaCommand.self,
            BackupCommand.self, DemoCommand.self,
        ]
    )

    /// Runs the command with the exit statuses of contract.md: bad usage is 2
    /// (swift-argument-parser's default would be 64).
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            if exitCode(for: error) == .validationFailure {
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }
}
