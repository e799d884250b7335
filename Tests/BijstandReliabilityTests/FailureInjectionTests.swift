import BijstandETL
import BijstandWarehouse
import Foundation
import GRDB
import TestSupport
import XCTest

/// Failure injection, the way SQLite tests itself: the k-th write of a load
/// fails, for every k (or a spread of them on long loads), for every source
/// kind and for rollback. After each failure nothing of the load is in the
/// warehouse, the ledger shows it as failed, SQLite's checks pass, and the
/// retry gives exactly what a load without failures gives.
///
/// No hook in the program: SQLite itself fails. A TEMP trigger on every table
/// of the warehouse calls `fault_tick()`, a function of this test that counts
/// the writes and throws at the k-th: as an I/O error (SQLite then rolls the
/// whole transaction back itself, as on a real disk error) or as a plain
/// error (only the statement is undone and the Ingestor must roll back).
final class FailureInjectionTests: XCTestCase {
    /// The writes of the current load, counted outside any transaction so a rollback cannot reset them.
    final class FaultPlan: @unchecked Sendable {
        var writes = 0
        var failAt: Int?
        var code: ResultCode = .SQLITE_IOERR
        var fired = false

        func tick() throws {
            writes += 1
            if writes == failAt {
                fired = true
                throw DatabaseError(resultCode: code, message: "injected fault at write \(writes)")
            }
        }

        func arm(_ k: Int?, code: ResultCode) {
            writes = 0
            failAt = k
            self.code = code
            fired = false
        }
    }

    /// Puts a trigger on every insert, update and delete of every table in the warehouse.
    static func install(_ plan: FaultPlan, on warehouse: Warehouse) throws {
        try warehouse.database.writeWithoutTransaction { db in
            db.add(
                function: DatabaseFunction("fault_tick", argumentCount: 0, pure: false) { _ in
                    try plan.tick()
                    return 0
                })
            let tables = try String.fetchAll(
                db,
                sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND sql NOT LIKE 'CREATE VIRTUAL%'")
            for table in tables {
                for event in ["INSERT", "UPDATE", "DELETE"] {
                    try db.execute(
                        sql:
                            "CREATE TEMP TRIGGER IF NOT EXISTS \("fault_\(table)_\(event)".quotedDatabaseIdentifier) BEFORE \(event) ON main.\(table.quotedDatabaseIdentifier) BEGIN SELECT fault_tick(); END"
                    )
                }
            }
        }
    }

    /// One source kind: a delivery loaded first (so the one under test replaces
    /// and moves rows to history), and the delivery under test, with a reject.
    struct Case {
        var kind: String
        var before: String?
        var delivery: String
    }

    static let cases: [Case] = [
        Case(
            kind: "benchmark",
            before: """
                gemeentecode;periode;regeling;lopend_begin;instroom;uitstroom;lopend_eind;uitstroom_werk
                GM0394;2024-01;PW;2100;40;10;2130;4
                GM0394;2024-02;PW;2130;40;10;2160;5
                GM0394;2024-03;PW;2160;40;10;2190;6
                """,
            delivery: """
                gemeentecode;periode;regeling;lopend_begin;instroom;uitstroom;lopend_eind;uitstroom_werk
                GM0394;2024-02;PW;2130;45;12;2163;7
                GM0394;2024-03;PW;2163;41;11;2193;8
                GM0394;2024-04;PW;2193;40;10;2223;5
                GM0394;2024-05;PW;2223;x;10;2253;5
                GM0518;2024-04;IOAW;900;20;10;910;2
                """),
        Case(
            kind: "budget",
            before: "jaar;gemeentecode;versie;bedrag;bedrag_lks\n2024;GM0394;voorlopig;€ 100.000.000,00;€ 2.000.000,00\n",
            delivery: """
                jaar;gemeentecode;versie;bedrag;bedrag_lks
                2024;GM0394;voorlopig;€ 101.000.000,00;€ 2.100.000,00
                2024;GM0394;nader voorlopig;€ 102.500.000,50;
                2025;GM0394;voorlopig;honderd;
                """),
        Case(
            kind: "lasten",
            before: "gemeentecode;periode;regeling;lasten;baten\nGM0394;2024-01;PW;10.426.114,17;341.251,18\n",
            delivery: """
                gemeentecode;periode;regeling;lasten;baten
                GM0394;2024-01;PW;10.500.000,00;300.000,00
                GM0394;2024-02;PW;10.426.114,17;341.251,18
                GM0394;2024-13;PW;1,00;0
                GM0394;2024-02;LKS;200.000,00;0
                """),
        Case(kind: "vangnet", before: nil, delivery: "jaar;drempel_pct;bron\n2024;5,0;test\n2025;vijf;test\n"),
        Case(
            kind: "doelen", before: nil,
            delivery: """
                gemeentecode;jaar;indicator;minimum;maximum;bron
                GM0394;2024;uitstroom_werk;30;;Begroting 2024, p. 12
                GM0394;2024;instroom_pct;;2,5;Beleidsplan, p. 3
                GM0394;2024;geluk;1;;nergens
                """),
        Case(
            kind: "gemeenten", before: nil,
            delivery: """
                gemeentecode;gemeentenaam;provincie;geldig_vanaf;geldig_tot;opgegaan_in
                GM9901;Proefdorp;Utrecht;2030-01-01;;
                GM9902;Proefstad;Utrecht;2030-01-01;;
                GM0394;Haarlemmermeer;Noord-Holland;;;
                GM99X;Kapot;Utrecht;;;
                """),
        Case(
            kind: "herindelingen", before: nil,
            delivery: """
                datum;soort;oud_code;nieuw_code;inwoners_overgegaan
                2030-01-01;herindeling;GM9901;GM9902;1200
                2030-01-01;herindeling;GM9901;GM0394;300
                2030-01-01;herindeling;GM9901;GM8888;1
                """),
        Case(
            kind: "inwoners", before: nil,
            delivery: "gemeentecode;jaar;inwoners\nGM0394;2027;165000\nGM0518;2027;560000\nGM0394;2028;veel\n"),
        Case(
            kind: "groepen", before: nil,
            delivery: "groep;gemeentecode;geldig_vanaf;geldig_tot\nRandstad;GM0394;;\nRandstad;GM0518;;\nRandstad;GM9999;;\n"),
        Case(
            kind: "uitkeringen",
            before: """
                gemeentecode;dossiernummer;bsn;regeling;startdatum;einddatum;uitstroomreden
                GM0394;D1;123456782;PW;2019-01-01;;
                GM0394;D2;;PW;2019-02-01;;
                GM0394;D3;;IOAW;2019-03-01;2019-09-30;11
                """,
            delivery: """
                gemeentecode;dossiernummer;bsn;regeling;startdatum;einddatum;uitstroomreden
                GM0394;D1;123456782;PW;2019-01-01;2019-12-31;32
                GM0394;D3;;IOAW;2019-03-01;2019-09-30;11
                GM0394;D4;;PW;2019-05-01;;
                GM0394;D5;123456789;PW;2019-05-01;;
                """),
        Case(
            kind: "trajecten", before: nil,
            delivery: """
                gemeentecode;dossiernummer;bsn;client_id;voorziening;aanbieder;startdatum;einddatum;resultaat;kosten
                GM0394;D1;;;WEP;Werkbedrijf;2019-02-01;2019-07-31;uitstroom naar werk;€ 1.250,50
                GM0394;;123456782;;Jobcoach;;2019-03-01;;lopend;
                GM0394;;;;scholing;;2019-03-01;;;
                """),
    ]

    /// Every k for a short load; for a long one the first 30, the last 10 and 15 spread between.
    static func faultPoints(writes: Int) -> [Int] {
        guard writes > 55 else { return Array(1...max(writes, 1)) }
        var points = Set(1...30).union((writes - 9)...writes)
        var k = 30
        while k < writes - 10 {
            k += max(1, (writes - 40) / 15)
            points.insert(min(k, writes))
        }
        return points.sorted()
    }

    /// Loads `delivery` with a fault at every k in turn, on one warehouse; returns the number of faults injected.
    private func injectFaults(_ fixture: WarehouseFixture, _ plan: FaultPlan, kind: String, name: String, text: String, code: ResultCode)
        throws -> Int
    {
        let path = try fixture.directory.write(name, text)
        var options = IngestOptions()
        options.kind = kind
        let ingestor = Ingestor(warehouse: fixture.warehouse)

        // Count the writes of a clean load on a copy, so k can reach the very last write.
        let copyPath = fixture.directory.path("count-\(UUID().uuidString).sqlite")
        _ = try WarehouseBackup.make(from: fixture.path, to: copyPath)
        let copy = try Warehouse.open(path: copyPath)
        let counter = FaultPlan()
        try Self.install(counter, on: copy)
        counter.arm(nil, code: code)
        // The copy needs the same pseudonym key as the warehouse it was copied from.
        let key = PseudonymKey.filePath(forWarehouse: fixture.path)
        if FileManager.default.fileExists(atPath: key) {
            try FileManager.default.copyItem(atPath: key, toPath: PseudonymKey.filePath(forWarehouse: copyPath))
        }
        let counted = try Ingestor(warehouse: copy).ingest(.file(path: path), options: options)
        XCTAssertEqual(counted.outcome, .loaded, "\(kind): \(counted.message ?? "")")
        let writes = counter.writes
        XCTAssertGreaterThan(writes, 3, kind)

        let sha256 = try Fingerprint.compute(.file(path: path)).sha256
        let before = try fixture.warehouse.database.read { try WarehouseState.dump($0) }
        // The I/O error runs every k; the plain error (a different path: SQLite undoes only the
        // statement) the first and the last writes, where the ledger row is opened and completed.
        let all = Self.faultPoints(writes: writes)
        let points = code == .SQLITE_IOERR ? all : Array(Set(all.prefix(8) + all.suffix(4))).sorted()
        for k in points {
            plan.arm(k, code: code)
            let failedBefore = try fixture.int("SELECT count(*) FROM load_batch WHERE status = 'mislukt'") ?? 0
            XCTAssertThrowsError(try ingestor.ingest(.file(path: path), options: options), "\(kind), fault at write \(k)") { error in
                XCTAssertTrue("\(error)".contains("injected fault"), "\(kind), k = \(k): \(error)")
            }
            XCTAssertTrue(plan.fired, "\(kind): the load made fewer than \(k) writes")
            try fixture.warehouse.database.read { db in
                let after = try WarehouseState.dump(db)
                XCTAssertEqual(
                    WarehouseState.differences(before, after), [], "\(kind): fault at write \(k) of \(writes) left part of the load")
                try WarehouseState.assertSound(db, "\(kind), k = \(k)")
            }
            // The ledger: this attempt as one failed load naming the fault, and no completed load of this content.
            XCTAssertEqual(
                try fixture.int("SELECT count(*) FROM load_batch WHERE status = 'mislukt'"), failedBefore + 1, "\(kind), k = \(k)")
            let melding = try fixture.warehouse.database.read {
                try String.fetchOne($0, sql: "SELECT melding FROM load_batch ORDER BY batch_id DESC LIMIT 1")
            }
            XCTAssertTrue(melding?.contains("injected fault") ?? false, "\(kind), k = \(k): \(melding ?? "no ledger row")")
            XCTAssertEqual(try fixture.int("SELECT count(*) FROM load_batch WHERE status = 'geladen' AND sha256 = ?", [sha256]), 0)
        }
        // The retry, without faults, succeeds and equals the clean load on the copy.
        plan.arm(nil, code: code)
        let retry = try ingestor.ingest(.file(path: path), options: options)
        XCTAssertEqual(retry.outcome, .loaded, "\(kind): \(retry.message ?? "")")
        XCTAssertEqual(retry.counts, counted.counts, kind)
        let retried = try fixture.warehouse.database.read { try WarehouseState.dump($0, portable: true) }
        let clean = try copy.database.read { try WarehouseState.dump($0, portable: true) }
        XCTAssertEqual(WarehouseState.differences(retried, clean), [], "\(kind): the retry differs from a clean load")
        return points.count
    }

    private func runEveryKind(code: ResultCode) throws {
        let fixture = try WarehouseFixture()
        let plan = FaultPlan()
        try Self.install(plan, on: fixture.warehouse)
        var injected = 0
        for (index, source) in Self.cases.enumerated() {
            if let before = source.before {
                plan.arm(nil, code: code)
                var options = IngestOptions()
                options.kind = source.kind
                let path = try fixture.directory.write("\(index)-voor-\(source.kind).csv", before)
                XCTAssertEqual(try Ingestor(warehouse: fixture.warehouse).ingest(.file(path: path), options: options).outcome, .loaded)
            }
            injected += try injectFaults(
                fixture, plan, kind: source.kind, name: "\(index)-\(source.kind).csv", text: source.delivery, code: code)
        }
        print("failure injection (\(code)): \(injected) faults over \(Self.cases.count) source kinds")
    }

    /// An I/O error at the k-th write: SQLite rolls the transaction back by itself.
    func testIOErrorAtEveryWriteOfEverySourceKind() throws {
        try runEveryKind(code: .SQLITE_IOERR)
    }

    /// A plain error at the first and last writes: only the statement is undone; the Ingestor must roll back the rest.
    func testStatementErrorAtEveryWriteOfEverySourceKind() throws {
        try runEveryKind(code: .SQLITE_ERROR)
    }

    /// `rollback` is one transaction too: a fault at any of its writes changes nothing.
    func testFaultAtEveryWriteOfARollback() throws {
        let fixture = try WarehouseFixture()
        let plan = FaultPlan()
        try Self.install(plan, on: fixture.warehouse)
        let benchmark = Self.cases[0]
        try fixture.ingest("a.csv", benchmark.before!)
        let b = try fixture.ingest("b.csv", benchmark.delivery)
        let before = try fixture.warehouse.database.read { try WarehouseState.dump($0) }
        let batch = try XCTUnwrap(b.batch)
        plan.arm(nil, code: .SQLITE_IOERR)
        // Count the rollback's writes on a copy.
        let copyPath = fixture.directory.path("copy.sqlite")
        _ = try WarehouseBackup.make(from: fixture.path, to: copyPath)
        let copy = try Warehouse.open(path: copyPath)
        let counter = FaultPlan()
        try Self.install(counter, on: copy)
        try copy.database.write { try LoadLedger.rollback(batch: batch, in: $0) }
        XCTAssertGreaterThan(counter.writes, 5)
        for code in [ResultCode.SQLITE_IOERR, .SQLITE_ERROR] {
            for k in 1...counter.writes {
                plan.arm(k, code: code)
                XCTAssertThrowsError(try fixture.warehouse.database.write { try LoadLedger.rollback(batch: batch, in: $0) })
                let after = try fixture.warehouse.database.read { try WarehouseState.dump($0) }
                XCTAssertEqual(WarehouseState.differences(before, after), [], "rollback, fault at write \(k)")
            }
        }
        plan.arm(nil, code: .SQLITE_IOERR)
        try fixture.warehouse.database.write { try LoadLedger.rollback(batch: batch, in: $0) }
        let rolledBack = try fixture.warehouse.database.read { try WarehouseState.dump($0, portable: true) }
        let clean = try copy.database.read { try WarehouseState.dump($0, portable: true) }
        XCTAssertEqual(WarehouseState.differences(rolledBack, clean), [])
    }

    // MARK: disk full

    /// A benchmark delivery of `months` × 4 regelingen for GM0394.
    static func largeBenchmark(months: Int) -> String {
        var text = "gemeentecode;periode;regeling;lopend_begin;instroom;uitstroom;lopend_eind;uitstroom_werk\n"
        for index in 0..<months {
            let maand = "\(2000 + index / 12)-\(index % 12 < 9 ? "0" : "")\(index % 12 + 1)"
            for regeling in ["PW", "IOAW", "IOAZ", "BBZ"] {
                text +=
                    "GM0394;\(maand);\(regeling);\(1000 + index);\(index % 50);\(index % 40);\(1000 + index + index % 50 - index % 40);\(index % 13)\n"
            }
        }
        return text
    }

    /// A disk that fills up mid-load (`PRAGMA max_page_count`, at several
    /// sizes): a clean error that says what happened, nothing partial, and the
    /// load succeeds once there is room.
    func testDiskFullIsACleanErrorAndLeavesNothing() throws {
        let fixture = try WarehouseFixture()
        let path = try fixture.directory.write("groot.csv", Self.largeBenchmark(months: 300))
        let before = try fixture.warehouse.database.read { try WarehouseState.dump($0) }
        let pages = try XCTUnwrap(try fixture.int("PRAGMA page_count"))
        for room in [0, 1, 3, 10, 25, 40] {
            try fixture.warehouse.database.writeWithoutTransaction { try $0.execute(sql: "PRAGMA max_page_count = \(pages + room)") }
            XCTAssertThrowsError(try Ingestor(warehouse: fixture.warehouse).ingest(.file(path: path)), "room \(room)") { error in
                guard case IngestError.diskFull = error else { return XCTFail("room \(room): \(error)") }
                XCTAssertTrue("\(error)".contains("nothing was loaded"), "\(error)")
            }
            try fixture.warehouse.database.read { db in
                XCTAssertEqual(WarehouseState.differences(before, try WarehouseState.dump(db)), [], "room \(room)")
                try WarehouseState.assertSound(db, "room \(room)")
            }
        }
        try fixture.warehouse.database.writeWithoutTransaction { try $0.execute(sql: "PRAGMA max_page_count = 1073741823") }
        let result = try Ingestor(warehouse: fixture.warehouse).ingest(.file(path: path))
        XCTAssertEqual(result.outcome, .loaded)
        XCTAssertEqual(result.counts.read, 1_200)
        XCTAssertGreaterThan(result.counts.loaded, 900)
    }
}
