import Testing
import Foundation
@testable import VirtsimCore
import Engine
import Reports

/// The mini scenario (4 VMs of 1000 MIPS at 50% on 4-core hosts) with facility, storage and
/// cost inputs.
func economicsScenario(extraTop: String = "", packedExtra: String = "") -> String {
    """
    name: econ
    seed: 7
    duration: 1 h
    sampling_interval: 5 min
    facility: {model: fixed-pue, pue: 1.5}
    costs: {electricity_usd_per_kwh: 0.2, hypervisor_licence: {price_usd: 100}, rack_usd_per_year: 4000, servers_per_rack: 2}
    \(extraTop)
    host_types:
      small:
        cores: 8
        core_mips: 500
        ram: 16 GiB
        price_usd: 3000
        power: {model: linear, idle_w: 100, max_w: 200}
    vm_groups:
      - {name: g, count: 4, vcpus: 1, mips_per_vcpu: 1000, ram: 2 GiB, disk: 100 GB, workload: {type: constant, cpu: 0.5, memory: 0.5}}
    arms:
      - name: base
        baseline: true
        placement: dedicated
        hypervisor: none
        storage: {provisioning: thick, raid: raid1, price_per_gb: 0.5}
        host_groups: [{type: small, count: 4}]
      - name: packed
        placement: best-fit-decreasing
        hypervisor: esxi
        storage: {provisioning: thin, used_fraction: 0.4, raid: raid5, data_disks: 4, price_per_gb: 0.5}
        \(packedExtra)
        host_groups: [{type: small, count: 1}]
    """
}

/// Writes `yaml` to `path` and returns the path.
func writeScenario(_ yaml: String, _ path: String) -> String {
    write(yaml, to: path)
    return path
}

@Suite("Facility, storage and costs per arm (hand-computed)")
struct EconomicsTests {
    func run(_ yaml: String) throws -> [ArmResult] {
        let dir = makeTempDir()
        write(yaml, to: dir + "/s.yaml")
        return try runScenarioFile(RunOptions(scenarioPath: dir + "/s.yaml", outDir: dir + "/out")).results
    }

    @Test("fixed PUE 1.5: facility = 1.5 × IT, cooling = 0.5 × IT")
    func facility() throws {
        let r = try run(economicsScenario())
        for a in r {
            #expect(abs(a.economics.facilityEnergyKWh - 1.5 * a.itEnergyKWh) < 1e-9)
            #expect(abs(a.economics.coolingEnergyKWh - 0.5 * a.itEnergyKWh) < 1e-9)
        }
    }

    @Test("storage: thick RAID-1 vs thin 40% on RAID-5 4+1, the thin pool kept 15% free")
    func storage() throws {
        let r = try run(economicsScenario())
        #expect(abs(r[0].economics.storagePhysicalGB - 4 * 100 * 2) < 1e-9)  // 800 GB
        #expect(abs(r[1].economics.storagePhysicalGB - 4 * 100 * 0.4 * 1.25 / 0.85) < 1e-9)  // 200 GB / 0.85 = 235.29 GB
        // no headroom: 200 GB; headroom on a thick pool is refused
        let full = try run(
            economicsScenario(packedExtra: "").replacingOccurrences(
                of: "data_disks: 4, price_per_gb: 0.5}", with: "data_disks: 4, price_per_gb: 0.5, free_space_headroom: 0}"))
        #expect(abs(full[1].economics.storagePhysicalGB - 200) < 1e-9)
        let dir = makeTempDir()
        write(
            economicsScenario().replacingOccurrences(of: "raid1, price_per_gb: 0.5}", with: "raid1, price_per_gb: 0.5, free_space_headroom: 0.1}"),
            to: dir + "/s.yaml")
        let bad = validateScenarioFile(path: dir + "/s.yaml", overrides: [])
        #expect(bad.count == 1 && bad[0].contains("arms[0].storage.free_space_headroom: free_space_headroom applies to provisioning: thin only"), "\(bad)")
        #expect(abs(r[0].economics.storageProvisionedGB - 400) < 1e-9)
    }

    @Test("costs: amortized servers, per-core licence with a 16-core minimum, power at the tariff, racks; total = sum")
    func costs() throws {
        let r = try run(economicsScenario())
        let base = r[0].economics, packed = r[1].economics
        // annual: hardware 4 × 3000 / 3 and 1 × 3000 / 3
        #expect(abs(base.costAnnualUSD[0] - 4000) < 1e-9 && abs(packed.costAnnualUSD[0] - 1000) < 1e-9)
        // ESXi per core, 16-core minimum per CPU: one 8-core socket licenses 16 cores × $100;
        // a subscription (Broadcom): support included, none added; bare metal needs none
        #expect(abs(packed.costAnnualUSD[3] - 1600) < 1e-9 && packed.costAnnualUSD[4] == 0)
        #expect(base.costAnnualUSD[3] == 0)
        // power and cooling over the hour: facility kWh × $0.2
        #expect(abs(packed.costPeriodUSD[2] - packed.facilityEnergyKWh * 0.2) < 1e-9)
        // space: 4 servers at 2 per rack = 2 racks × 4000; 1 server = 1 rack
        #expect(abs(base.costAnnualUSD[6] - 8000) < 1e-9 && abs(packed.costAnnualUSD[6] - 4000) < 1e-9)
        for e in [base, packed] {
            #expect(abs(e.costPeriodUSD[8] - e.costPeriodUSD[0..<8].reduce(0, +)) < 1e-9)
            #expect(abs(e.costAnnualUSD[8] - e.costAnnualUSD[0..<8].reduce(0, +)) < 1e-9)
        }
    }

    @Test("costs.csv and the savings categories are written")
    func files() throws {
        let dir = makeTempDir()
        write(economicsScenario(), to: dir + "/s.yaml")
        _ = try runScenarioFile(RunOptions(scenarioPath: dir + "/s.yaml", outDir: dir + "/out"))
        let costs = read(dir + "/out/costs.csv") ?? ""
        #expect(costs.hasPrefix("arm,category,period_usd,annual_usd,horizon_usd\n"))
        #expect(costs.split(separator: "\n").count == 1 + 2 * 9)
        let savings = read(dir + "/out/savings.csv") ?? ""
        for c in [
            "it_energy", "cooling_energy", "facility_energy", "storage_physical", "storage_cost", "power_cooling_cost",
            "licence_cost", "hardware_cost", "admin_cost", "space_cost", "total_cost"
        ] {
            #expect(savings.contains("packed,\(c),"), "\(c)")
        }
    }

    @Test("priced on what is bought: a pool of 3 where 1 host holds the VMs buys 1; idle hosts kept on buy all 3; the dedicated baseline buys its pool")
    func hostsBought() throws {
        let r = try run(economicsScenario().replacingOccurrences(of: "[{type: small, count: 1}]", with: "[{type: small, count: 3}]"))
        let base = r[0].economics, packed = r[1].economics
        #expect(r[1].hostsUsedMax == 1 && r[1].hostsTotal == 3)
        #expect(packed.hostsBought == 1 && base.hostsBought == 4)
        // hardware 1 × 3000 / 3 per year, one 8-core socket licensed (16-core minimum), one rack
        #expect(abs(packed.costAnnualUSD[0] - 1000) < 1e-9)
        #expect(abs(packed.costAnnualUSD[3] - 1600) < 1e-9)
        #expect(abs(packed.costAnnualUSD[6] - 4000) < 1e-9)
        // the whole pool when idle hosts stay on (they all run)
        let on = try run(
            economicsScenario(packedExtra: "power_off_idle_hosts: false")
                .replacingOccurrences(of: "[{type: small, count: 1}]", with: "[{type: small, count: 3}]"))
        #expect(on[1].economics.hostsBought == 3)
        #expect(abs(on[1].economics.costAnnualUSD[0] - 3000) < 1e-9)
        #expect(abs(on[1].economics.costAnnualUSD[6] - 2 * 4000) < 1e-9)  // 3 servers at 2 per rack
        // energy is the simulation's either way: the two unused hosts of the first run are off at 0 W
        #expect(r[1].itEnergyKWh < on[1].itEnergyKWh)
    }

    @Test("horizon TCO over 3 years (the default), by hand: purchases once, running costs × 3")
    func horizon() throws {
        let r = try run(economicsScenario())
        let years = 3.0, hourAsYears = 1 / 8766.0
        // thick RAID-1: 800 GB; thin 40% on RAID-5 4+1 with 15% of the pool kept free: 200 / 0.85 GB
        for (a, servers, storageGB, racks, bareMetal) in [(r[0], 4.0, 800.0, 2.0, true), (r[1], 1.0, 200.0 / 0.85, 1.0, false)] {
            let e = a.economics
            #expect(e.horizonYears == 3)
            #expect(abs(e.horizonCost("hardware") - servers * 3000) < 1e-9)  // bought once
            #expect(abs(e.horizonCost("storage") - storageGB * 0.5) < 1e-9)
            // power and cooling: the hour's facility energy at $0.2/kWh, as a year, × 3
            #expect(abs(e.horizonCost("power_cooling") - e.facilityEnergyKWh * 0.2 / hourAsYears * years) < 1e-6)
            let licence = bareMetal ? 0.0 : 16 * 100.0
            #expect(abs(e.horizonCost("licence") - licence * years) < 1e-9)
            #expect(e.horizonCost("support") == 0)  // the per-core subscription includes support
            // admin: 4 servers per 45 (bare metal), or 4 VMs per 76 plus 1 host per 45 (virtual), $85,000 a year
            #expect(abs(e.horizonCost("admin") - (bareMetal ? 4 / 45.0 : 4 / 76.0 + 1 / 45.0) * 85_000 * years) < 1e-6)
            #expect(abs(e.horizonCost("space") - racks * 4000 * years) < 1e-9)
            let sum = ["hardware", "storage", "power_cooling", "licence", "support", "admin", "space", "cloud"].map(e.horizonCost).reduce(0, +)
            #expect(abs(e.horizonCost("total") - sum) < 1e-6)
        }
        // a 5-year horizon on the packed arm only: running costs × 5; the server (3-year life)
        // bought at the start and again at year 3
        let five = try run(economicsScenario(packedExtra: "costs: {horizon_years: 5}"))
        #expect(five[0].economics.horizonYears == 3 && five[1].economics.horizonYears == 5)
        #expect(abs(five[1].economics.horizonCost("hardware") - 2 * 3000) < 1e-9)
        #expect(abs(five[1].economics.horizonCost("licence") - 1600 * 5) < 1e-9)
        // summary.csv: tco_usd is the horizon total, total_cost_usd still the hour's
        let dir = makeTempDir()
        write(economicsScenario(), to: dir + "/s.yaml")
        _ = try runScenarioFile(RunOptions(scenarioPath: dir + "/s.yaml", outDir: dir + "/out"))
        let lines = (read(dir + "/out/summary.csv") ?? "").split(separator: "\n").map {
            $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        }
        let tco = try #require(lines[0].firstIndex(of: "tco_usd")), bought = try #require(lines[0].firstIndex(of: "hosts_bought"))
        #expect(lines[2][tco] == formatFixed(r[1].economics.horizonCost("total"), decimals: 2))
        #expect(lines[1][bought] == "4" && lines[2][bought] == "1")
    }

    @Test("saving_pct is empty where the baseline is 0: the bare-metal baseline pays no licence")
    func emptyPercentOfZero() throws {
        let dir = makeTempDir()
        write(economicsScenario(), to: dir + "/s.yaml")
        let o = try runScenarioFile(RunOptions(scenarioPath: dir + "/s.yaml", outDir: dir + "/out"))
        let licence = try #require(o.savings.first { $0.arm == "packed" && $0.category == "licence_cost" })
        #expect(licence.baseline == 0 && licence.savingPct == nil)
        let saving = try #require(licence.saving)
        let hourOfLicenceAndSupport: Double = 1600 / 8766.0  // a subscription: no support on top
        #expect(abs(saving + hourOfLicenceAndSupport) < 1e-9)
        let csv = read(dir + "/out/savings.csv") ?? ""
        #expect(csv.hasPrefix("arm,category,unit,baseline,value,saving,saving_pct,valid,note\n"))
        let row = try #require(csv.split(separator: "\n").first { $0.hasPrefix("packed,licence_cost,") })
        #expect(row.hasSuffix(",,1,"), "\(row)")  // saving_pct empty, valid, no note
        #expect(!o.summaryText.contains("licence_cost") || !o.summaryText.contains("(0%)"))
    }

    @Test("an arm without storage: against a baseline with storage is a validate error naming the arm")
    func storageMissing() throws {
        let dir = makeTempDir()
        let yaml = economicsScenario().replacingOccurrences(
            of: "    storage: {provisioning: thin, used_fraction: 0.4, raid: raid5, data_disks: 4, price_per_gb: 0.5}\n", with: "")
        write(yaml, to: dir + "/s.yaml")
        let problems = validateScenarioFile(path: dir + "/s.yaml", overrides: []).joined(separator: "\n")
        #expect(problems.contains("\"packed\" has no storage") && problems.contains("\"base\""), "\(problems)")
        // a top-level storage: gives every arm one, and then it validates
        write(yaml + "\nstorage: {provisioning: thick}\n", to: dir + "/top.yaml")
        #expect(validateScenarioFile(path: dir + "/top.yaml", overrides: []) == [])
    }

    @Test("savings against a baseline that lost VMs are flagged: valid = 0 with a note, a console warning, a report warning")
    func baselineLostVMs() throws {
        let dir = makeTempDir()
        // the dedicated baseline has 3 servers for 4 VMs: one VM is left unplaced
        let yaml = economicsScenario(extraTop: "allow_unplaced: true").replacingOccurrences(
            of: "[{type: small, count: 4}]", with: "[{type: small, count: 3}]")
        write(yaml, to: dir + "/s.yaml")
        let o = try runScenarioFile(RunOptions(scenarioPath: dir + "/s.yaml", outDir: dir + "/out"))
        #expect(o.results[0].vmsUnplaced == 1 && o.results[1].vmsUnplaced == 0)
        #expect(!o.savings.isEmpty && o.savings.allSatisfy { !$0.valid && $0.note.contains("left 1 VM(s) unplaced") })
        let rows = (read(dir + "/out/savings.csv") ?? "").split(separator: "\n").dropFirst()
        #expect(!rows.isEmpty && rows.allSatisfy { $0.contains(",0,baseline base left 1 VM(s) unplaced") })
        #expect(o.summaryText.contains("warning: savings of packed are NOT valid (baseline base left 1 VM(s) unplaced)"), "\(o.summaryText)")
        let html = read(dir + "/out/report.html") ?? ""
        #expect(html.contains("<p class=\"warning\"><strong>Warning:</strong> the savings of packed are not valid"))
        // with every VM placed nothing is flagged
        let ok = try runScenarioFile(RunOptions(scenarioPath: writeScenario(economicsScenario(), dir + "/ok.yaml"), outDir: dir + "/ok"))
        #expect(ok.savings.allSatisfy(\.valid) && !ok.summaryText.contains("NOT valid"))
        #expect(!(read(dir + "/ok/report.html") ?? "").contains("class=\"warning\""))
    }

    @Test("bad facility and storage values are clear errors")
    func badValues() throws {
        let dir = makeTempDir()
        write(economicsScenario(extraTop: ""), to: dir + "/ok.yaml")
        #expect(validateScenarioFile(path: dir + "/ok.yaml", overrides: []) == [])
        let pue = validateScenarioFile(path: dir + "/ok.yaml", overrides: ["facility.pue=0.9"]).joined()
        #expect(pue.contains("pue") && pue.contains("0.9"), "\(pue)")
        let dedup = validateScenarioFile(path: dir + "/ok.yaml", overrides: ["arms.1.storage.dedup=0.5"]).joined()
        #expect(dedup.contains("dedup") && dedup.contains("0.5"), "\(dedup)")
        let hv = validateScenarioFile(path: dir + "/ok.yaml", overrides: ["arms.1.hypervisor=vmware"]).joined()
        #expect(hv.contains("esxi") && hv.contains("kvm"), "\(hv)")
        write("hour,temperature_c\n0,10\n1,11\n3,12\n", to: dir + "/gap.csv")
        let gap = validateScenarioFile(path: dir + "/ok.yaml", overrides: ["facility={model: economizer, temperature_series: \(dir)/gap.csv}"]).joined()
        #expect(gap.contains("gap.csv:4"), "\(gap)")
    }
}

@Suite("Capex, opex, payback and admin on distinct VMs (hand-computed)")
struct CapexOpexTests {
    func run(_ yaml: String) throws -> [ArmResult] {
        let dir = makeTempDir()
        write(yaml, to: dir + "/s.yaml")
        return try runScenarioFile(RunOptions(scenarioPath: dir + "/s.yaml", outDir: dir + "/out", report: false)).results
    }

    @Test("payback: the purchase beyond the baseline's over the monthly opex saving; immediate where the arm buys less")
    func payback() throws {
        // baseline: 4 servers at $3,000 = $12,000 + 800 GB × $0.5 = $400; packed: 1 server + 200 / 0.85 GB × $0.5
        let r = try run(economicsScenario())
        let base = r[0].economics, packed = r[1].economics
        let packedStorage = 200 / 0.85 * 0.5
        #expect(base.capexUSD == 12_400 && abs(packed.capexUSD - (3_000 + packedStorage)) < 1e-9)
        #expect(packed.paybackMonths == 0, "buys about $9,280 less: immediate")
        // the packed host at $20,000: $20,117.65 − $12,400 more, paid by the monthly opex saving
        let dear = try run(
            economicsScenario().replacingOccurrences(of: "    host_groups: [{type: small, count: 1}]", with: "    host_groups: [{type: dear, count: 1}]")
                .replacingOccurrences(
                    of: "vm_groups:",
                    with: "  dear: {cores: 8, core_mips: 500, ram: 16 GiB, price_usd: 20000, power: {model: linear, idle_w: 100, max_w: 200}}\nvm_groups:"))
        let b = dear[0].economics, p = dear[1].economics
        let saving = (b.opexAnnualUSD - p.opexAnnualUSD) / 12
        #expect(abs(p.capexUSD - (20_000 + packedStorage)) < 1e-9 && saving > 0)
        #expect(abs((p.paybackMonths ?? -1) - (20_000 + packedStorage - 12_400) / saving) < 1e-9)
        // opex = every operating category of the year
        #expect(
            abs(
                p.opexAnnualUSD
                    - ["power_cooling", "licence", "support", "admin", "space", "cloud"].map { name in
                        p.costAnnualUSD[ArmEconomicsFigures.costCategories.firstIndex(of: name)!]
                    }.reduce(0, +)) < 1e-6)
    }

    @Test("admin counts the most VMs running at once: 10 VMs leave at 1 h and 10 others arrive at 2 h manage as 10, not 20")
    func adminDistinct() throws {
        let yaml = """
            name: admin
            duration: 3 h
            costs: {admin_salary_usd_per_year: 76000, hosts_per_admin: 2}
            host_types:
              h: {cores: 8, core_mips: 1000, ram: 64 GiB, power: {model: linear, idle_w: 100, max_w: 200}}
            vm_groups:
              - {name: day, count: 10, vcpus: 1, mips_per_vcpu: 1000, ram: 2 GiB, departure: 1 h, workload: {type: constant, cpu: 0.2}}
              - {name: night, count: 10, vcpus: 1, mips_per_vcpu: 1000, ram: 2 GiB, arrival: 2 h, workload: {type: constant, cpu: 0.2}}
            arms:
              - {name: virt, placement: first-fit, hypervisor: esxi, host_groups: [{type: h, count: 2}]}
            """
        let r = try run(yaml)[0]
        #expect(r.vms == 20 && r.vmsConcurrentMax == 10)
        // 10 × 1,000 MIPS reserved need 2 hosts of 8,000: 10 VMs / 76 per admin × $76,000 + 2 hosts / 2 per admin × $76,000
        #expect(r.economics.hostsBought == 2)
        let admin = r.economics.costAnnualUSD[ArmEconomicsFigures.costCategories.firstIndex(of: "admin")!]
        #expect(abs(admin - (10.0 / 76 * 76_000 + 2.0 / 2 * 76_000)) < 1e-6, "\(admin)")
        // hosts_per_admin: ~ (ASG's method): the VMs alone
        let asg = try run(yaml.replacingOccurrences(of: "hosts_per_admin: 2", with: "hosts_per_admin: ~"))[0]
        let vmsOnly = asg.economics.costAnnualUSD[ArmEconomicsFigures.costCategories.firstIndex(of: "admin")!]
        #expect(abs(vmsOnly - 10.0 / 76 * 76_000) < 1e-6, "\(vmsOnly)")
    }

    @Test("support_prepaid_years: 5 buys 5 years of licence support with the licences (capex) and leaves it out of the opex payback uses")
    func prepaidSupport() throws {
        // a perpetual licence: vSphere 4 Enterprise Plus, $3,495 per CPU, support 20% a year
        let yaml = economicsScenario().replacingOccurrences(
            of: "hypervisor_licence: {price_usd: 100}", with: "hypervisor_licence: {rule: vsphere4-enterprise-plus}")
        let plain = try run(yaml)[1].economics
        let support = plain.costAnnualUSD[ArmEconomicsFigures.costCategories.firstIndex(of: "support")!]
        #expect(abs(support - 0.2 * 3_495) < 1e-9, "one CPU licence's support")
        let prepaid = try run(yaml.replacingOccurrences(of: "servers_per_rack: 2}", with: "servers_per_rack: 2, support_prepaid_years: 5}"))
        let p = prepaid[1].economics, b = prepaid[0].economics
        #expect(abs(p.capexUSD - (plain.capexUSD + 5 * support)) < 1e-9)
        #expect(abs(p.opexAnnualUSD - (plain.opexAnnualUSD - support)) < 1e-9)
        #expect(p.costAnnualUSD == plain.costAnnualUSD, "the same money per year, paid earlier")
        let expected = (p.capexUSD - b.capexUSD) / ((b.opexAnnualUSD - p.opexAnnualUSD) / 12)
        #expect(p.paybackMonths.map { abs($0 - max(0, expected)) < 1e-9 } == true, "\(String(describing: p.paybackMonths)) vs \(expected)")
    }
}

@Suite("Swap files are a hypervisor's")
struct SwapFileTests {
    @Test("storage.swap_files: true at the top level gives the virtualized arm swap files and the bare-metal baseline none; on a bare-metal arm it is an error")
    func swapFiles() throws {
        let dir = makeTempDir()
        let yaml = economicsScenario(extraTop: "storage: {provisioning: thick, swap_files: true}")
        write(yaml, to: dir + "/s.yaml")
        let r = try runScenarioFile(RunOptions(scenarioPath: dir + "/s.yaml", outDir: dir + "/out", report: false)).results
        // baseline: thick RAID-1, 4 × 100 GB, no swap: 800 GB; packed: thin 40% of 400 GB + 4 × 2 GiB swap
        // (RAM beyond a reservation of 0) on RAID-5 4+1, 15% kept free
        #expect(abs(r[0].economics.storagePhysicalGB - 800) < 1e-9)
        let swapGB = 4 * 2 * 1_073_741_824 / 1e9
        #expect(abs(r[1].economics.storagePhysicalGB - (160 + swapGB) * 1.25 / 0.85) < 1e-9, "\(r[1].economics.storagePhysicalGB)")
        write(
            economicsScenario().replacingOccurrences(of: "raid1, price_per_gb: 0.5}", with: "raid1, price_per_gb: 0.5, swap_files: true}"),
            to: dir + "/bad.yaml")
        let bad = validateScenarioFile(path: dir + "/bad.yaml", overrides: [])
        #expect(bad.count == 1 && bad[0].contains("arms[0].storage.swap_files: swap files are a hypervisor's"), "\(bad)")
    }
}

/// `facility: {model: losses}` on the mini scenario: the baseline's 4 dedicated hosts draw
/// 4 × 112.5 W = 450 W, the packed arm's one host 152.5 W (linear 100 → 200 W at 52.5%: 50%
/// of demand plus ESXi's 5% CPU overhead), for 1 h.
@Suite("Facility losses in a kept or right-sized room (hand-computed)")
struct FacilityLossScenarioTests {
    static let losses =
        "{model: losses, room: ROOM, ups: {no_load: 0.1, proportional: 0.05, square: 0.02}, distribution: {no_load: 0.02, proportional: 0, square: 0.01}, cooling: {no_load: 0.2, proportional: 0.1, square: 0}}"

    func run(room: String) throws -> [ArmResult] {
        let dir = makeTempDir()
        write(economicsScenario(), to: dir + "/s.yaml")
        let facility = Self.losses.replacingOccurrences(of: "ROOM", with: room)
        return try runScenarioFile(RunOptions(scenarioPath: dir + "/s.yaml", outDir: dir + "/out", overrides: ["facility=\(facility)"], report: false))
            .results
    }

    @Test("room: keep rates the room at the baseline's 450 W: the baseline 675 W (PUE 1.5), the packed host 320.93 W (PUE 2.10), 144 W of it fixed")
    func keep() throws {
        let r = try run(room: "keep")
        #expect(abs(r[0].itEnergyKWh - 0.450) < 1e-9 && abs(r[1].itEnergyKWh - 0.1525) < 1e-9)
        // baseline, L = 1: UPS 45 + 22.5 + 9, distribution 9 + 4.5, cooling 90 + 45 → 225 W
        #expect(abs(r[0].economics.facilityEnergyKWh - 0.675) < 1e-9)
        #expect(abs(r[0].economics.facilityFixedEnergyKWh - 0.144) < 1e-9)
        // packed, P = 152.5 W: UPS 45 + 0.05 P + 0.02 P²/450, distribution 9 + 0.01 P²/450,
        // cooling 90 + 0.1 P = 105.25 W
        let p = 152.5, ups = 45 + 0.05 * p + 0.02 * p * p / 450, distribution = 9 + 0.01 * p * p / 450
        #expect(abs(ups + distribution + 105.25 - 168.425_416_666_7) < 1e-9)
        #expect(abs(r[1].economics.facilityEnergyKWh - (p + 168.425_416_666_7) / 1000) < 1e-9)
        #expect(abs(r[1].economics.coolingEnergyKWh - 0.105_25) < 1e-9)
        #expect(abs(r[1].economics.facilityFixedEnergyKWh - 0.144) < 1e-9)
        #expect(r[1].economics.roomRatedITPowerW.map { abs($0 - 450) < 1e-9 } == true)
    }

    @Test("room: right-size rates the packed arm's room at its own 152.5 W: 228.75 W (PUE 1.5), 48.8 W fixed; the baseline unchanged")
    func rightSize() throws {
        let r = try run(room: "right-size")
        #expect(abs(r[0].economics.facilityEnergyKWh - 0.675) < 1e-9)
        // L = 1: UPS 15.25 + 7.625 + 3.05, distribution 3.05 + 1.525, cooling 30.5 + 15.25 → 76.25 W
        #expect(abs(r[1].economics.facilityEnergyKWh - 0.228_75) < 1e-9)
        #expect(abs(r[1].economics.facilityFixedEnergyKWh - 0.048_8) < 1e-9)
        #expect(r[1].economics.roomRatedITPowerW.map { abs($0 - 152.5) < 1e-9 } == true)
    }

    @Test("rated_it_kw fixes the rating; keep without a baseline and without rated_it_kw is an error; every term is required")
    func errors() throws {
        let dir = makeTempDir()
        write(economicsScenario(), to: dir + "/s.yaml")
        let keep = Self.losses.replacingOccurrences(of: "ROOM", with: "keep")
        #expect(validateScenarioFile(path: dir + "/s.yaml", overrides: ["facility=\(keep)"]) == [])
        let noBase = validateScenarioFile(path: dir + "/s.yaml", overrides: ["facility=\(keep)", "arms.0.baseline=false"]).joined()
        #expect(noBase.contains("facility") && noBase.contains("rated_it_kw"), "\(noBase)")
        let rated = keep.replacingOccurrences(of: "room: keep", with: "room: keep, rated_it_kw: 0.9")
        #expect(validateScenarioFile(path: dir + "/s.yaml", overrides: ["facility=\(rated)", "arms.0.baseline=false"]) == [])
        let r = try runScenarioFile(
            RunOptions(scenarioPath: dir + "/s.yaml", outDir: dir + "/out", overrides: ["facility=\(rated)"], report: false)
        ).results
        #expect(r.allSatisfy { $0.economics.roomRatedITPowerW == 900 })
        let missing = validateScenarioFile(
            path: dir + "/s.yaml", overrides: ["facility=\(keep.replacingOccurrences(of: "square: 0.02", with: "sq: 0.02"))"]
        ).joined()
        #expect(missing.contains("facility.ups") && missing.contains("square") && missing.contains("sq"), "\(missing)")
        let range = validateScenarioFile(path: dir + "/s.yaml", overrides: ["facility=\(keep)", "facility.ups.no_load=1.5"]).joined()
        #expect(range.contains("no_load"), "\(range)")
    }
}
