import BijstandCore
import XCTest

/// The saldo logic against real published figures and hand-worked cases.
final class SaldoTests: XCTestCase {
    /// Twelve months whose sum is exactly `total` cents (the remainder goes to December).
    private func months(totalling total: Int64, count: Int = 12) -> [Int: Int64] {
        var result: [Int: Int64] = [:]
        let each = total / Int64(count)
        for month in 1...count { result[month] = each }
        result[count]! += total - each * Int64(count)
        return result
    }

    private let million: Int64 = 1_000_000_00  // one million euro in cents

    /// Den Haag 2017 (domain.md): budget 334 mln, netto uitgaven 380 mln, saldo −46 mln.
    /// −46 / 334 = −0,13772 → −13,8%; above the 2017 threshold (5% in param_vangnet, 7,5% in recent years).
    func testDenHaag2017IsATekortAboveTheThreshold() throws {
        let input = SaldoInput(
            jaar: 2017, totMaand: 12,
            versies: [BudgetVersion(versie: .definitief, bedragCent: 334 * million)],
            nettoLastenPerMaand: months(totalling: 380 * million),
            vangnet: VangnetRegel(jaar: 2017, drempelPct: 7.5))
        let saldo = try SaldoBerekening.bereken(input).get()
        XCTAssertEqual(saldo.prognoseNettoLastenCent, 380 * million, "completed year: prognosis is the realisation")
        XCTAssertEqual(saldo.prognoseSaldoCent, -46 * million)
        XCTAssertEqual(saldo.uitkomst, .tekort)
        XCTAssertEqual(try XCTUnwrap(saldo.prognoseSaldoPct), -13.772, accuracy: 0.001)
        XCTAssertEqual(DutchFormat.percent(try XCTUnwrap(saldo.prognoseSaldoPct)), "−13,8%")
        XCTAssertEqual(DutchFormat.millions(cents: saldo.prognoseSaldoCent), "€ −46,0 mln")
        XCTAssertEqual(saldo.vangnet?.bovenDrempel, true)
        XCTAssertTrue(saldo.prognoseMethode.contains("afgesloten"))
    }

    /// Den Haag 2021 (domain.md): budget 371 mln, uitgaven 372 mln: nearly balanced, no vangnet.
    func testDenHaag2021IsNearlyBalanced() throws {
        let input = SaldoInput(
            jaar: 2021, totMaand: 12,
            versies: [BudgetVersion(versie: .definitief, bedragCent: 371 * million)],
            nettoLastenPerMaand: months(totalling: 372 * million),
            vangnet: VangnetRegel(jaar: 2021, drempelPct: 7.5))
        let saldo = try SaldoBerekening.bereken(input).get()
        XCTAssertEqual(saldo.prognoseSaldoCent, -1 * million)
        XCTAssertLessThan(abs(try XCTUnwrap(saldo.prognoseSaldoPct)), 1.0)
        XCTAssertEqual(saldo.vangnet?.bovenDrempel, false)
    }

    /// Hand-worked mid-year case: budget €1.200,00; Jan–Jun netto 100, 100, 100, 90, 110, 130 euro.
    /// Naar rato: 1.200 × 6/12 = 600. Realised: 630. Mean of Apr–Jun = (90+110+130)/3 = 110.
    /// Prognosis: 630 + 6 × 110 = 1.290; saldo 1.200 − 1.290 = −90 (−7,5%).
    func testMidYearPrognosisUsesMeanOfLastThreeMonths() throws {
        let perMaand: [Int: Int64] = [1: 10_000, 2: 10_000, 3: 10_000, 4: 9_000, 5: 11_000, 6: 13_000, 7: 99_999]
        let input = SaldoInput(
            jaar: 2024, totMaand: 6, versies: [BudgetVersion(versie: .voorlopig, bedragCent: 120_000)],
            nettoLastenPerMaand: perMaand, vangnet: VangnetRegel(jaar: 2024, drempelPct: 7.5))
        let saldo = try SaldoBerekening.bereken(input).get()
        XCTAssertEqual(saldo.budgetNaarRatoCent, 60_000)
        XCTAssertEqual(saldo.nettoLastenCent, 63_000, "July lies after the period and is not counted")
        XCTAssertEqual(saldo.saldoTotNuCent, -3_000)
        XCTAssertEqual(saldo.prognoseNettoLastenCent, 129_000)
        XCTAssertEqual(saldo.prognoseSaldoCent, -9_000)
        XCTAssertEqual(try XCTUnwrap(saldo.prognoseSaldoPct), -7.5, accuracy: 1e-9)
        XCTAssertEqual(saldo.vangnet?.bovenDrempel, false, "exactly at the threshold is not above it")
        XCTAssertTrue(saldo.waarschuwingen.contains { $0.contains("voorlopig") })
    }

    /// Cents stay exact where a mean does not divide: three months of 1, 1 and 2 cents, 9 months left:
    /// 9 × 4 / 3 = 12 cents exactly; realised 4; prognosis 16.
    func testPrognosisIsExactToTheCent() throws {
        let input = SaldoInput(
            jaar: 2024, totMaand: 3, versies: [BudgetVersion(versie: .definitief, bedragCent: 100)],
            nettoLastenPerMaand: [1: 1, 2: 1, 3: 2])
        let saldo = try SaldoBerekening.bereken(input).get()
        XCTAssertEqual(saldo.prognoseNettoLastenCent, 16)
        XCTAssertEqual(saldo.budgetNaarRatoCent, 25)
        // 2 months: 100 × 2 / 12 = 16,67 → 17 cents (half away from zero).
        let twoMonths = try SaldoBerekening.bereken(
            SaldoInput(
                jaar: 2024, totMaand: 2, versies: [BudgetVersion(versie: .definitief, bedragCent: 100)],
                nettoLastenPerMaand: [1: 1, 2: 1])
        ).get()
        XCTAssertEqual(twoMonths.budgetNaarRatoCent, 17)
    }

    func testNewestVersionWinsUnlessOneIsNamed() throws {
        let versies = [
            BudgetVersion(versie: .voorlopig, bedragCent: 100_00),
            BudgetVersion(versie: .definitief, bedragCent: 300_00),
            BudgetVersion(versie: .naderVoorlopig, bedragCent: 200_00),
        ]
        let lasten: [Int: Int64] = [1: 10_00]
        let newest = try SaldoBerekening.bereken(SaldoInput(jaar: 2024, totMaand: 1, versies: versies, nettoLastenPerMaand: lasten)).get()
        XCTAssertEqual(newest.versie, .definitief)
        XCTAssertEqual(newest.budgetCent, 300_00)
        let named = try SaldoBerekening.bereken(
            SaldoInput(jaar: 2024, totMaand: 1, versies: versies, gevraagdeVersie: .voorlopig, nettoLastenPerMaand: lasten)
        ).get()
        XCTAssertEqual(named.budgetCent, 100_00)
        let missing = SaldoBerekening.bereken(
            SaldoInput(jaar: 2024, totMaand: 1, versies: [versies[0]], gevraagdeVersie: .definitief, nettoLastenPerMaand: lasten))
        XCTAssertEqual(missing.failureValue, .versieOntbreekt(jaar: 2024, versie: .definitief, beschikbaar: [.voorlopig]))
    }

    func testMissingMonthsAreEstimatedAndReported() throws {
        // Jan and Mar delivered, Feb missing: 2 realised months, 10 estimated at the mean of (Jan, Mar).
        let input = SaldoInput(
            jaar: 2024, totMaand: 3, versies: [BudgetVersion(versie: .definitief, bedragCent: 1_000)],
            nettoLastenPerMaand: [1: 10, 3: 30])
        let saldo = try SaldoBerekening.bereken(input).get()
        XCTAssertEqual(saldo.ontbrekendeMaanden, [2])
        XCTAssertEqual(saldo.maandenGerealiseerd, 2)
        XCTAssertEqual(saldo.prognoseNettoLastenCent, 40 + 10 * 20)
        XCTAssertTrue(saldo.waarschuwingen.contains { $0.contains("maand(en) 2") })
    }

    func testNoBudgetOrNoCostsIsAProblemNotANumber() {
        XCTAssertEqual(
            SaldoBerekening.bereken(SaldoInput(jaar: 2024, totMaand: 6, versies: [], nettoLastenPerMaand: [1: 5])).failureValue,
            .geenBudget(jaar: 2024))
        XCTAssertEqual(
            SaldoBerekening.bereken(
                SaldoInput(jaar: 2024, totMaand: 6, versies: [BudgetVersion(versie: .voorlopig, bedragCent: 1)], nettoLastenPerMaand: [:])
            ).failureValue,
            .geenLasten(jaar: 2024))
    }

    /// Bands (hand-worked): budget €100.000, tekort 20% (€20.000), threshold 7,5%,
    /// 7,5–12,5% at 50% → 5% × 100.000 × 0,5 = 2.500; 12,5–17,5% at 75% → 3.750; 17,5–20% at 100% → 2.500.
    /// Total indicative compensation: €8.750.
    func testVangnetBandsGiveAnIndicativeCompensation() throws {
        let regel = VangnetRegel(jaar: 2024, drempelPct: 7.5, banden: [(12.5, 50), (17.5, 75), (nil, 100)])
        let input = SaldoInput(
            jaar: 2024, totMaand: 12, versies: [BudgetVersion(versie: .definitief, bedragCent: 100_000_00)],
            nettoLastenPerMaand: months(totalling: 120_000_00), vangnet: regel)
        let saldo = try SaldoBerekening.bereken(input).get()
        XCTAssertEqual(saldo.vangnet?.tekortPct ?? 0, 20, accuracy: 1e-9)
        XCTAssertEqual(saldo.vangnet?.indicatieveVergoedingCent, 8_750_00)
    }

    func testDivideRoundedRoundsHalfAwayFromZero() {
        XCTAssertEqual(SaldoBerekening.divideRounded(5, by: 2), 3)
        XCTAssertEqual(SaldoBerekening.divideRounded(-5, by: 2), -3)
        XCTAssertEqual(SaldoBerekening.divideRounded(4, by: 3), 1)
        XCTAssertEqual(SaldoBerekening.divideRounded(-4, by: 3), -1)
        XCTAssertEqual(SaldoBerekening.divideRounded(200, by: 12), 17)
    }
}

extension Result {
    fileprivate var failureValue: Failure? {
        if case .failure(let failure) = self { return failure }
        return nil
    }
}

/// Dutch number formatting (domain.md, reporting conventions).
final class DutchFormatTests: XCTestCase {
    func testCountsAndMoney() {
        XCTAssertEqual(DutchFormat.count(2343), "2.343")
        XCTAssertEqual(DutchFormat.count(154_235), "154.235")
        XCTAssertEqual(DutchFormat.count(-46), "−46")
        XCTAssertEqual(DutchFormat.count(0), "0")
        XCTAssertEqual(DutchFormat.euro(cents: 1_234_567_800), "€ 12.345.678")
        XCTAssertEqual(DutchFormat.euro(cents: -4_600), "€ −46")
        XCTAssertEqual(DutchFormat.millions(cents: 33_400_000_000), "€ 334,0 mln")
    }

    func testPercentagesRoundAsWritten() {
        // Haarlemmermeer 2019: 2.343 / 154.235 = 1,519% → "1,5%" (domain.md).
        XCTAssertEqual(DutchFormat.percent(2343.0 * 100 / 154_235), "1,5%")
        XCTAssertEqual(DutchFormat.percent(5.8), "5,8%")
        XCTAssertEqual(DutchFormat.decimal(2.65, decimals: 1), "2,7", "half away from zero on the decimal form")
        XCTAssertEqual(DutchFormat.decimal(-2.65, decimals: 1), "−2,7")
        XCTAssertEqual(DutchFormat.decimal(0.95, decimals: 1), "1,0")
        XCTAssertEqual(DutchFormat.decimal(9.99, decimals: 1), "10,0")
        XCTAssertEqual(DutchFormat.decimal(1234.5, decimals: 0), "1.235")
        XCTAssertEqual(DutchFormat.decimal(-0.04, decimals: 1), "0,0", "no minus on a zero")
        XCTAssertEqual(DutchFormat.percent(0.3, decimals: 0), "< 1%", "between 0 and 1 when rounding to whole percents")
        XCTAssertEqual(DutchFormat.percent(-13.772), "−13,8%")
    }
}
