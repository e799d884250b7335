import BijstandETL
import BijstandQuery
import Foundation
import GRDB
import TestSupport
import XCTest

/// `check`: registratie against benchmark, the benchmark against itself, and the registration's own findings.
final class CheckTests: XCTestCase {
    private var fixture: WarehouseFixture!

    override func setUpWithError() throws {
        fixture = try WarehouseFixture()
        // 100 PW dossiers running all of 2019 (registratie stand 100 in every month).
        var spells = ["gemeentecode;dossiernummer;regeling;startdatum;einddatum;uitstroomreden;peildatum"]
        for index in 0..<100 { spells.append("GM0394;P\(index);PW;2018-01-01;;;2019-06-30") }
        // Two overlapping IOAW spells of one dossier, and a reason nobody knows.
        spells.append("GM0394;O1;IOAW;2018-01-01;2018-12-31;11;2019-06-30")
        spells.append("GM0394;O1;IOAW;2018-06-01;;;2019-06-30")
        spells.append("GM0394;O2;IOAW;2018-01-01;2019-02-28;Baan bij de buren;2019-06-30")
        _ = try fixture.ingest("spells.csv", spells.joined(separator: "\n"))
        _ = try fixture.ingest(
            "trajecten.csv", "gemeentecode;dossiernummer;instrument;startdatum\nGM0394;P1;WEP;2019-01-01\nGM0394;ONBEKEND;WEP;2019-01-01\n")
        _ = try fixture.ingest(
            "benchmark.csv",
            """
            gemeentecode;periode;regeling;lopend_begin;instroom;uitstroom;lopend_eind
            GM0394;2019-01;PW;97;0;0;97
            GM0394;2019-02;PW;90;0;0;90
            GM0394;2019-03;PW;100;5;3;101
            GM0394;2019-06;PW;100;0;0;100
            """)
    }

    override func tearDown() {
        fixture = nil
    }

    private func findings(_ opties: Bevindingen.Opties = .init()) throws -> [Bevinding] {
        try fixture.warehouse.database.read { try Bevindingen.zoek(opties, in: $0) }
    }

    func testEveryKindIsFound() throws {
        let found = try findings()
        func of(_ soort: Bevindingen.Soort) -> [Bevinding] { found.filter { $0.soort == soort.rawValue } }
        // January: 100 against 97 is within 5 benefits; February: 100 against 90 is 10 (11,1%).
        XCTAssertEqual(of(.registratieBenchmark).map(\.maand), ["2019-02"])
        XCTAssertEqual(
            of(.registratieBenchmark).first?.detail,
            "PW stand_eind: registratie 100 dossiers, benchmark 90 uitkeringen, difference +10 (+11,1%)")
        XCTAssertEqual(of(.stroomBenchmark).map(\.maand), ["2019-03"])
        XCTAssertEqual(
            of(.stroomBenchmark).first?.detail, "PW: stand_eind 101 ≠ stand_begin 100 + instroom 5 − uitstroom 3 = 102 (difference −1)")
        XCTAssertEqual(of(.aansluitingBenchmark).map(\.maand), ["2019-02", "2019-03"])
        XCTAssertEqual(of(.ontbrekendeMaand).map(\.detail), ["PW: 2 months missing in the benchmark series (2019-04 to 2019-05)"])
        XCTAssertEqual(of(.onbekendeReden).count, 1)
        XCTAssertTrue(of(.onbekendeReden)[0].detail.contains("'Baan bij de buren'"))
        XCTAssertEqual(of(.overlappendeUitkering).count, 1)
        XCTAssertTrue(of(.overlappendeUitkering)[0].detail.hasPrefix("1 spell(s) start while an earlier spell"))
        XCTAssertEqual(of(.trajectZonderUitkering).map(\.detail).first?.hasPrefix("1 traject(en)"), true)
        XCTAssertTrue(found.allSatisfy { $0.gemeente == "GM0394" })
    }

    func testTolerance() throws {
        XCTAssertEqual(try findings(.init(soorten: [.registratieBenchmark], tolerantiePct: 20)), [])
        XCTAssertEqual(try findings(.init(soorten: [.registratieBenchmark], minimumVerschil: 2)).map(\.maand), ["2019-01", "2019-02"])
        XCTAssertFalse(Bevindingen.wijktAf(registratie: 105, benchmark: 100, tolerantiePct: 2, minimumVerschil: 5))
        XCTAssertTrue(Bevindingen.wijktAf(registratie: 106, benchmark: 100, tolerantiePct: 2, minimumVerschil: 5))
        XCTAssertFalse(Bevindingen.wijktAf(registratie: 1_060, benchmark: 1_000, tolerantiePct: 10, minimumVerschil: 5))
    }

    func testTheCommand() throws {
        let cli = CLIRunner(database: fixture.path, workingDirectory: fixture.directory.url)
        let json = try cli.run(["check", "--gemeente", "Haarlemmermeer", "--format", "json"])
        XCTAssertEqual(json.status, 0, json.stderr)
        let rows = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        XCTAssertEqual(Set(rows.compactMap { $0["soort"] as? String }).count, 7)
        let table = try cli.run(["check", "--soort", "stroom_benchmark"])
        XCTAssertTrue(table.stdout.contains("1 finding(s): stroom_benchmark 1."), table.stdout)
        let wrong = try cli.run(["check", "--soort", "iets"])
        XCTAssertNotEqual(wrong.status, 0)
    }
}
