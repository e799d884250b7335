import ArgumentParser

@main
struct Bijstand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bijstand",
        abstract: "A data warehouse for the bijstand (Participatiewet) administration of a gemeente.",
        discussion: """
            Loads benchmark extracts, BUIG budgets and the gemeente's own registrations into one
            SQLite file (the warehouse) and reports instroom, uitstroom and the BUIG saldo per period.

            Start with `bijstand demo`. The warehouse is ./bijstand.sqlite unless --db or $BIJSTAND_DB says otherwise.
            """,
        subcommands: [
            InitCommand.self, IngestCommand.self, BatchesCommand.self, RejectsCommand.self, RollbackCommand.self,
            ReportCommand.self, SaldoCommand.self, DemoCommand.self,
        ]
    )
}
