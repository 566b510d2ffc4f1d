import Testing
import Foundation
@testable import VirtsimCore
import Engine

/// `scenarios/published/asg-tco.yaml`: the ASG Economics 2016 case (400 physical servers →
/// 24 VMware blades, 10-month payback) from its stated inputs; the unstated prices are fixed
/// in the scenario and varied here.
@Suite("Published case: ASG Economics 2016 (scenarios/published/asg-tco.yaml)")
struct ASGCaseTests {
    static let path = packageRoot + "/scenarios/published/asg-tco.yaml"

    func run(_ overrides: [String] = []) throws -> [ArmResult] {
        try runScenarioFile(RunOptions(scenarioPath: Self.path, outDir: makeTempDir("asg"), overrides: overrides, report: false)).results
    }

    /// Monthly operating saving, USD: the baseline's opex minus the blades'.
    static func monthlySaving(_ r: [ArmResult]) -> Double { (r[0].economics.opexAnnualUSD - r[1].economics.opexAnnualUSD) / 12 }

    @Test("the stated inputs alone fix the monthly saving: admin 400/45 − 400/76 admins × $85,000, power (147.4 − 10.17 kW) × PUE 1.7 × $0.13 × 8,766 h")
    func monthlySavingByHand() throws {
        let r = try run()
        #expect(r[0].hostsUsedMax == 400 && r[1].hostsUsedMax == 24 && r[1].vmsUnplaced == 0, "400 → 24 blades, 17:1 as stated")
        let admin = (400.0 / 45 - 400.0 / 76) * 85_000
        let powerKW = (400 * 368.5 - 24 * 368.5 * 1.15) / 1000  // 67% of 550 W; blades +15%
        let power = powerKW * 1.7 * 0.13 * 8_766
        #expect(abs(Self.monthlySaving(r) - (admin + power) / 12) < 1e-6, "\(Self.monthlySaving(r)) vs \((admin + power) / 12)")
        #expect(abs(Self.monthlySaving(r) - 47_836.64) < 0.01)
        // the blades' capex: 24 × $10,000 + 48 CPU licences × $3,495 with 5 years of SnS (20%) prepaid
        #expect(abs(r[1].economics.capexUSD - (24 * 10_000 + 48 * 3_495 * (1 + 5 * 0.2))) < 1e-6)
    }

    @Test(
        "payback: immediate against a refresh at $3,000 a server; 12.0 months against keeping the old servers (ASG's 10 + 20%); 10.0–14.5 over the unstated prices"
    )
    func payback() throws {
        let refresh = try run()
        #expect(refresh[1].economics.paybackMonths == 0, "the blades cost $575,520 against the refresh's $1,200,000")
        let statusQuo = try run(["host_types.server-1u.price_usd=0"])
        let months = try #require(statusQuo[1].economics.paybackMonths)
        #expect(abs(months - 575_520 / Self.monthlySaving(statusQuo)) < 1e-9 && abs(months - 12.03) < 0.01)
        // the unstated prices over their ranges (status-quo reading): blade $6,000–15,000, PUE 1.58–2.0
        var paybacks: [Double] = []
        for set in [["host_types.blade.price_usd=6000"], ["host_types.blade.price_usd=15000"], ["facility.pue=1.58"], ["facility.pue=2.0"]] {
            let r = try run(["host_types.server-1u.price_usd=0"] + set)
            paybacks.append(try #require(r[1].economics.paybackMonths))
        }
        #expect(abs(paybacks.min()! - 10.02) < 0.01 && abs(paybacks.max()! - 14.54) < 0.01, "\(paybacks)")
        #expect(abs(paybacks[0] - 10.02) < 0.01, "only the cheapest blade in the range ($6,000) gives ASG's 10 months")
    }
}
