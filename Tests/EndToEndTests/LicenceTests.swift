import Testing
import Foundation
@testable import VirtsimCore
import DatacenterModel
import Engine

/// `costs.hypervisor_licence` and `costs.guest_os_licence`: decoding, errors and the costs
/// they give on the economics mini scenario (4 VMs; 8-core single-socket hosts; the packed
/// arm holds them on one host), computed by hand.
@Suite("Licence keys: decoding and hand-computed costs")
struct LicenceTests {
    func problems(_ yaml: String, _ overrides: [String] = []) -> [String] {
        let dir = makeTempDir()
        return validateScenarioFile(path: writeScenario(yaml, dir + "/s.yaml"), overrides: overrides)
    }

    func run(_ yaml: String) throws -> [ArmResult] {
        let dir = makeTempDir()
        write(yaml, to: dir + "/s.yaml")
        return try runScenarioFile(RunOptions(scenarioPath: dir + "/s.yaml", outDir: dir + "/out")).results
    }

    func packed(_ costs: String) -> String { economicsScenario(packedExtra: "costs: \(costs)") }

    @Test("an unknown rule names the valid ones and the closest; a rule of the other key is unknown there")
    func unknownRule() {
        let typo = problems(packed("{hypervisor_licence: {rule: vsphere4-standrd}}"))
        #expect(typo.count == 1 && typo[0].contains("arms[1].costs.hypervisor_licence.rule"), "\(typo)")
        #expect(typo.first?.contains("did you mean \"vsphere4-standard\"") == true, "\(typo)")
        let role = problems(packed("{guest_os_licence: {rule: vsphere-2024-vvf}}"))
        #expect(role.count == 1 && role[0].contains("valid values are: windows-2008r2-standard"), "\(role)")
        let missing = problems(packed("{guest_os_licence: {price_usd: 3}}"))
        #expect(missing.count == 1 && missing[0].contains("missing required key \"rule\""), "\(missing)")
    }

    @Test("bad prices and support: negative, support on a subscription, no list price and none given")
    func badValues() {
        let negative = problems(packed("{hypervisor_licence: {rule: vsphere4-standard, price_usd: -5}}"))
        #expect(negative.count == 1 && negative[0].contains("hypervisor_licence.price_usd"), "\(negative)")
        let pct = problems(packed("{guest_os_licence: {rule: windows-2016-standard, support_pct: 120}}"))
        #expect(pct.count == 1 && pct[0].contains("guest_os_licence.support_pct"), "\(pct)")
        let sub = problems(packed("{hypervisor_licence: {rule: vsphere-2024-vvf, support_pct: 20}}"))
        #expect(sub.count == 1 && sub[0].contains("subscription, which includes support"), "\(sub)")
        let noPrice = problems(packed("{hypervisor_licence: {rule: vsphere5-standard}}"))
        #expect(noPrice.count == 1 && noPrice[0].contains("set price_usd"), "\(noPrice)")
        #expect(problems(packed("{hypervisor_licence: {rule: vsphere5-standard, price_usd: 1000}}")).isEmpty)
        // the profile's per-core rule is a subscription too
        let profileSupport = problems(packed("{hypervisor_licence: {price_usd: 100, support_pct: 20}}"))
        #expect(profileSupport.count == 1 && profileSupport[0].contains("includes support"), "\(profileSupport)")
    }

    @Test("the retired keys are refused with the key that replaced them")
    func retired() {
        let yaml = economicsScenario().replacingOccurrences(of: "hypervisor_licence: {price_usd: 100}", with: "licence_usd_per_unit_per_year: 100")
        let old = problems(yaml)
        #expect(old.count == 1 && old[0].contains("costs.licence_usd_per_unit_per_year") && old[0].contains("hypervisor_licence: {price_usd: N}"), "\(old)")
        let support = problems(packed("{support_fraction: 0.2}"))
        #expect(support.count == 1 && support[0].contains("support_pct"), "\(support)")
    }

    @Test("a hypervisor price on a Hyper-V arm without a rule would be ignored: refused; at 0, or with a rule, accepted")
    func hyperV() {
        let refused = problems(economicsScenario(), ["arms.1.hypervisor=hyper-v"])
        #expect(refused.count == 1 && refused[0].contains("arm packed: the hyper-v profile needs no hypervisor licence"), "\(refused)")
        let free = economicsScenario().replacingOccurrences(of: "{price_usd: 100}", with: "{price_usd: 0}")
        #expect(problems(free, ["arms.1.hypervisor=hyper-v"]).isEmpty)
        #expect(problems(packed("{hypervisor_licence: {rule: xenserver-per-socket}}"), ["arms.1.hypervisor=xen"]).isEmpty)
    }

    @Test("perpetual vSphere 4 Enterprise Plus on one 8-core socket: 1 licence, $3,495 bought once, 20% SnS a year")
    func perpetual() throws {
        let r = try run(packed("{hypervisor_licence: {rule: vsphere4-enterprise-plus}}"))
        let e = r[1].economics
        #expect(abs(e.costAnnualUSD[3] - 3_495.0 / 3) < 1e-9)  // amortized over amortization_years 3
        #expect(abs(e.costAnnualUSD[4] - 0.2 * 3_495) < 1e-9)
        #expect(abs(e.horizonCost("licence") - 3_495) < 1e-9)  // bought once over the 3-year horizon
        #expect(abs(e.horizonCost("support") - 0.2 * 3_495 * 3) < 1e-9)
        // support_pct overrides the rule's 20%
        let sns25 = try run(packed("{hypervisor_licence: {rule: vsphere4-enterprise-plus, price_usd: 3000, support_pct: 25}}"))
        #expect(abs(sns25[1].economics.costAnnualUSD[4] - 750) < 1e-9)
    }

    @Test("guest OS for the worst day: with ha N+1 the packed arm buys 2 hosts, each licensed for all 4 VMs")
    func guestOSWorstDay() throws {
        let yaml = economicsScenario(
            packedExtra:
                "ha: {failures_tolerated: 1}\n    costs: {guest_os_licence: [{rule: windows-2008r2-standard}, {rule: sqlserver-2022-enterprise, price_usd: 100}]}"
        )
        .replacingOccurrences(of: "[{type: small, count: 1}]", with: "[{type: small, count: 3}]")
        let r = try run(yaml)
        let e = r[1].economics
        #expect(e.hostsBought == 2)
        // worst day: 4 VMs over 2 − 1 hosts = 4 per host; 2008 R2 Standard: 4 licences a host × 2 hosts × $1,029;
        // SQL Server: 8 cores a host × 2 × $100; hypervisor: ESXi per core, 16 a socket × 2 hosts × $100 a year
        let windows = 4 * 2 * 1_029.0, sql = 8 * 2 * 100.0
        #expect(abs(e.horizonCost("licence") - (windows + sql + 16 * 2 * 100 * 3)) < 1e-9)
        #expect(abs(e.costAnnualUSD[4] - 0.25 * (windows + sql)) < 1e-9)
        // the bare-metal baseline licenses each server's own OS: 4 × 1 Standard, 4 × 4 SQL cores (≥4 per CPU)
        let base = try run(
            economicsScenario().replacingOccurrences(
                of: "hypervisor_licence: {price_usd: 100}", with: "guest_os_licence: {rule: windows-2008r2-standard}"))
        #expect(abs(base[0].economics.horizonCost("licence") - 4 * 1_029) < 1e-9)
    }

    @Test("the docs list every registered rule with its list price as virtsim list prints it")
    func documented() throws {
        let doc = try #require(read(packageRoot + "/Sources/VirtsimCore/VirtsimCore.docc/HypervisorsFacilityStorageCost.md"))
        for p in LicenceRegistry.all {
            let row = doc.split(separator: "\n").first { $0.hasPrefix("| `\(p.name)` |") }
            #expect(row != nil, "\(p.name) is not in HypervisorsFacilityStorageCost.md")
            if let row, let price = p.listPriceUSD { #expect(row.contains("$" + LicencePreset.money(price)), "\(p.name)") }
        }
    }
}
