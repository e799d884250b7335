import BijstandCore
import BijstandETL
import BijstandQuery
import Foundation
import GRDB
import TestSupport
import XCTest

/// The cohort question. The main fixture has the shape of the Haarlemmermeer
/// figure in domain.md (rekenkamer Haarlemmermeer): of the 2.105 dossiers
/// running on 1 January 2019, 123 had left for work by 1 November 2019 = 5,8%.
/// The test builds those spells itself, with the distractors a real
/// registration has around them.
final class CohortTests: XCTestCase {
    private var fixture: WarehouseFixture!

    override func setUpWithError() throws {
        fixture = try WarehouseFixture()
    }

    override func tearDown() {
        fixture = nil
    }

    /// The spells of the Haarlemmermeer-shaped cohort, with BSNs (each dossier its own person).
    static func haarlemmermeer() -> String {
        var lines = ["gemeentecode;dossiernummer;bsn;regeling;startdatum;einddatum;uitstroomreden;peildatum"]
        let peildatum = "2020-12-31"
        func spell(_ dossier: String, _ bsn: String, _ start: String, _ end: String?, _ reden: String?, gemeente: String = "GM0394") {
            lines.append("\(gemeente);\(dossier);\(bsn);PW;\(start);\(end ?? "");\(reden ?? "");\(peildatum)")
        }
        let base = Day(year: 2019, month: 1, day: 2)!
        var index = 0
        func next() -> (String, String) {
            defer { index += 1 }
            return ("H\(index)", TestBSN.valid(index))
        }
        // 123 left for work before 1 November 2019.
        for i in 0..<123 {
            let (dossier, bsn) = next()
            if i < 10 {
                // A technical re-registration on 1 April, then work on 30 June: one benefit, one exit (werk).
                spell(dossier, bsn, "2016-01-01", "2019-03-31", "98")
                spell(dossier, bsn, "2019-04-01", "2019-06-30", "11")
            } else if i < 113 {
                let exit = base.adding(days: i % 300)
                spell(dossier, bsn, "2015-03-01", exit.iso, i % 5 == 0 ? "13" : "11")
                if (10..<30).contains(i) {
                    // 20 of them come back within 12 months, on another dossier.
                    spell("R\(i)", bsn, exit.adding(days: 60).iso, nil, nil)
                } else if (30..<35).contains(i) {
                    // 5 come back after 14 months: outside the window.
                    spell("R\(i)", bsn, exit.adding(days: 430).iso, nil, nil)
                }
            } else {
                spell(dossier, bsn, "2014-07-01", "2019-10-31", "11")  // the last day before --tot counts
            }
        }
        for _ in 0..<20 {  // work on 1 November itself: not before --tot
            let (dossier, bsn) = next()
            spell(dossier, bsn, "2017-02-01", "2019-11-01", "11")
        }
        for _ in 0..<150 {  // moved away
            let (dossier, bsn) = next()
            spell(dossier, bsn, "2018-02-01", "2019-05-15", "32")
        }
        for _ in 0..<15 {  // a werk code on a spell that continues the next day: no exit
            let (dossier, bsn) = next()
            spell(dossier, bsn, "2013-01-01", "2019-05-31", "11")
            spell(dossier, bsn, "2019-06-01", nil, nil)
        }
        for _ in 0..<5 {  // started on the peildatum itself: in the cohort
            let (dossier, bsn) = next()
            spell(dossier, bsn, "2019-01-01", nil, nil)
        }
        for _ in 0..<3 {  // ended on the peildatum itself: running that day, so in the cohort
            let (dossier, bsn) = next()
            spell(dossier, bsn, "2018-01-01", "2019-01-01", "98")
        }
        while index < 2105 {  // still running
            let (dossier, bsn) = next()
            spell(dossier, bsn, "20\(10 + index % 9)-0\(1 + index % 9)-01", nil, nil)
        }
        // Not in the cohort: inflow after the peildatum, ended before it, another gemeente.
        for j in 0..<200 { spell("N\(j)", TestBSN.valid(10_000 + j), "2019-02-01", "2019-06-30", "11") }
        for j in 0..<100 { spell("E\(j)", TestBSN.valid(20_000 + j), "2016-01-01", "2018-12-31", "11") }
        for j in 0..<50 { spell("A\(j)", TestBSN.valid(30_000 + j), "2016-01-01", "2019-03-31", "11", gemeente: "GM0363") }
        return lines.joined(separator: "\n")
    }

    private func load() throws {
        let result = try fixture.ingest("haarlemmermeer.csv", Self.haarlemmermeer())
        XCTAssertEqual(result.outcome, .loaded, result.message ?? "")
        XCTAssertEqual(result.counts.rejected, 0)
    }

    private func vraag(_ reden: String?, _ db: Database) throws -> CohortVraag {
        CohortVraag(
            gemeente: 394, peildatum: Day(year: 2019, month: 1, day: 1)!, tot: Day(year: 2019, month: 11, day: 1)!,
            reden: try reden.map { try RedenSelectie.parse($0, in: db) })
    }

    func testHaarlemmermeerCohort() throws {
        try load()
        let uitkomst = try fixture.warehouse.database.read { db in try Cohort.bereken(try vraag("werk", db), in: db) }
        XCTAssertEqual(uitkomst.cohort, 2105)
        XCTAssertEqual(uitkomst.uitgestroomd, 123)
        XCTAssertEqual(uitkomst.pct!, 5.8, accuracy: 0.05)
        XCTAssertEqual(DutchFormat.percent(uitkomst.pct!), "5,8%")
        XCTAssertEqual(uitkomst.uitgestroomdTotaal, 123 + 150 + 3)
        XCTAssertEqual(uitkomst.perRedenGroep, ["werk": 123, "administratief": 150, "overig": 3])
        // Every exit of 2019 lies 12 months before the registration's peildatum (2020-12-31): all observable.
        XCTAssertEqual(uitkomst.herinstroom, .init(maanden: 12, waarneembaar: 123, aantal: 20, pct: 2000.0 / 123))
        XCTAssertEqual(uitkomst.duurzaam, .init(maanden: 12, waarneembaar: 123, aantal: 103, pct: 10300.0 / 123))
        XCTAssertEqual(uitkomst.waarschuwingen, [])
    }

    func testReasonSelections() throws {
        try load()
        try fixture.warehouse.database.read { db in
            XCTAssertEqual(try Cohort.bereken(try vraag("13", db), in: db).uitgestroomd, 21)  // i = 10, 15, ..., 110
            XCTAssertEqual(try Cohort.bereken(try vraag("11,13", db), in: db).uitgestroomd, 123)
            XCTAssertEqual(try Cohort.bereken(try vraag("administratief", db), in: db).uitgestroomd, 150)
            XCTAssertEqual(try Cohort.bereken(try vraag(nil, db), in: db).uitgestroomd, 276)
            XCTAssertThrowsError(try RedenSelectie.parse("loterij", in: db))
        }
    }

    func testTheWindowMustHavePassedToJudgeAReturn() {
        let peil = Day(year: 2020, month: 3, day: 31)!
        let vraag = CohortVraag(
            gemeente: 394, peildatum: Day(year: 2019, month: 1, day: 1)!, tot: Day(year: 2020, month: 1, day: 1)!, duurzaamMaanden: 6)
        let leden = [
            // Window to 2019-08-28: duurzaam.
            CohortLid(einde: Day(year: 2019, month: 2, day: 28)!, redenId: 111, redenGroep: "werk", terugkeer: nil),
            // Back on the last day of the window.
            CohortLid(
                einde: Day(year: 2019, month: 3, day: 31)!, redenId: 111, redenGroep: "werk", terugkeer: Day(year: 2019, month: 9, day: 30)!
            ),
            // The window ends after the peildatum.
            CohortLid(einde: Day(year: 2019, month: 12, day: 31)!, redenId: 111, redenGroep: "werk", terugkeer: nil),
            CohortLid(einde: nil, redenId: nil, redenGroep: nil, terugkeer: nil),
        ]
        let uitkomst = Cohort.tel(leden, vraag: vraag, registratiePeildatum: peil)
        XCTAssertEqual(uitkomst.cohort, 4)
        XCTAssertEqual(uitkomst.uitgestroomd, 3)
        XCTAssertEqual(uitkomst.duurzaam, .init(maanden: 6, waarneembaar: 2, aantal: 1, pct: 50))
        // 12 months after the first two exits lies on or before 2020-03-31, after the third not.
        XCTAssertEqual(uitkomst.herinstroom, .init(maanden: 12, waarneembaar: 2, aantal: 1, pct: 50))
        var later = vraag
        later.herinstroomMaanden = 13
        XCTAssertEqual(
            Cohort.tel(leden, vraag: later, registratiePeildatum: peil).herinstroom, .init(maanden: 13, waarneembaar: 1, aantal: 0, pct: 0))
    }

    func testTheCommandAnswersInOneLine() throws {
        try load()
        let cli = CLIRunner(database: fixture.path, workingDirectory: fixture.directory.url)
        let json = try cli.run([
            "cohort", "--gemeente", "GM0394", "--peildatum", "2019-01-01", "--tot", "2019-11-01", "--reden", "werk", "--format", "json",
        ])
        XCTAssertEqual(json.status, 0, json.stderr)
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as! [String: Any]
        XCTAssertEqual(object["cohort"] as? Int, 2105)
        XCTAssertEqual(object["uitgestroomd"] as? Int, 123)
        XCTAssertEqual(object["pct"] as? Double, 5.8)
        XCTAssertEqual(object["eenheid"] as? String, "dossiers")
        let text = try cli.run([
            "cohort", "--gemeente", "Haarlemmermeer", "--peildatum", "2019-01-01", "--tot", "2019-11-01", "--reden", "werk",
        ])
        XCTAssertEqual(text.status, 0, text.stderr)
        XCTAssertTrue(text.stdout.contains("2.105"), text.stdout)
        XCTAssertTrue(text.stdout.contains("5,8%"), text.stdout)
        let bad = try cli.run(["cohort", "--gemeente", "GM0394", "--peildatum", "2019-11-01", "--tot", "2019-01-01"])
        XCTAssertNotEqual(bad.status, 0)
        XCTAssertTrue(bad.stderr.contains("--tot must lie after --peildatum"), bad.stderr)
        let none = try cli.run(["cohort", "--gemeente", "GM0518", "--peildatum", "2019-01-01", "--tot", "2019-11-01"])
        XCTAssertEqual(none.status, 1)
        XCTAssertTrue(none.stderr.contains("has no registration loaded"), none.stderr)
    }
}
