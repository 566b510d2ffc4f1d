import Testing
import DatacenterModel

/// Each registered licence rule on a small estate, counted by hand (`PlannerPractice.md` D).
@Suite("Licence rules by era (hand-computed)")
struct LicenceRuleTests {
    func rule(_ name: String) throws -> LicencePreset { try #require(LicenceRegistry.preset(named: name)) }

    /// `hosts` hosts of `sockets` × `cores` cores, each licensed for `vms` VMs.
    func units(_ name: String, hosts: Int = 1, sockets: Int, cores: Int, vms: Int = 0, vramGB: Double = 0) throws -> Int {
        try rule(name).units(
            LicensedEstate(hosts: [.init(count: hosts, sockets: sockets, coresPerSocket: cores)], vmsPerHost: vms, vramGB: vramGB))
    }

    @Test("vSphere 4: vsphere4-consolidation's 7 hosts × 2 sockets × 6 cores = 14 socket licences (not 7 × 2 × 16 = 224 core units)")
    func vsphere4() throws {
        #expect(try units("vsphere4-enterprise-plus", hosts: 7, sockets: 2, cores: 6) == 7 * 2)
        #expect(try units("vsphere4-standard", hosts: 7, sockets: 2, cores: 6) == 14)
        // core caps: 8 cores per CPU need ⌈8/6⌉ = 2 Standard licences per CPU, 1 Enterprise Plus (≤ 12)
        #expect(try units("vsphere4-standard", sockets: 2, cores: 8) == 2 * 2)
        #expect(try units("vsphere4-enterprise-plus", sockets: 2, cores: 8) == 2)
        #expect(try units("vsphere4-advanced", sockets: 2, cores: 16) == 2 * 2)  // ⌈16/12⌉ = 2 per CPU
        #expect(try rule("vsphere4-enterprise-plus").listPriceUSD == 3_495 && rule("vsphere4-enterprise-plus").model == .perpetual)
    }

    @Test("vSphere 5 vRAM: licences = max(CPUs, ⌈pooled vRAM / entitlement⌉)")
    func vsphere5() throws {
        // 4 hosts × 2 CPUs = 8 licences give 8 × 32 = 256 GB of Standard vRAM; 300 GB needs ⌈300/32⌉ = 10
        #expect(try units("vsphere5-standard", hosts: 4, sockets: 2, cores: 6, vramGB: 300) == 10)
        // Enterprise Plus: 8 × 96 = 768 GB ≥ 300 GB → the 8 CPU licences suffice
        #expect(try units("vsphere5-enterprise-plus", hosts: 4, sockets: 2, cores: 6, vramGB: 300) == 8)
        #expect(try units("vsphere5-enterprise", hosts: 4, sockets: 2, cores: 6, vramGB: 640) == 10)  // ⌈640/64⌉
        #expect(try rule("vsphere5-standard").listPriceUSD == nil)  // D gives none
    }

    @Test("vSphere 2020: one licence per CPU up to 32 cores; 2 × 64 cores = 4")
    func vsphere2020() throws {
        #expect(try units("vsphere-2012-per-cpu", sockets: 2, cores: 64) == 2, "no core cap before 2020")
        #expect(try units("vsphere-2020-per-cpu", sockets: 2, cores: 64) == 4)
        #expect(try units("vsphere-2020-per-cpu", sockets: 2, cores: 32) == 2)
        #expect(try units("vsphere-2020-per-cpu", sockets: 2, cores: 33) == 4)
    }

    @Test("Broadcom 2024 per core with 16 per CPU minimum: 2 × 12 cores = 32 cores; 2 × 24 = 48")
    func broadcom() throws {
        #expect(try units("vsphere-2024-vvf", sockets: 2, cores: 12) == 2 * 16)
        #expect(try units("vsphere-2024-vcf", sockets: 2, cores: 24) == 48)
        #expect(try rule("vsphere-2024-vcf").model == .subscription && rule("vsphere-2024-vcf").supportFraction == 0)
    }

    @Test("Windows Server 2008 R2: Standard 1 VM, Enterprise 4 VMs per licence, Datacenter per processor")
    func windows2008() throws {
        #expect(try units("windows-2008r2-enterprise", sockets: 2, cores: 6, vms: 10) == 3)  // ⌈10/4⌉
        #expect(try units("windows-2008r2-standard", sockets: 2, cores: 6, vms: 10) == 10)
        #expect(try units("windows-2008r2-standard", sockets: 2, cores: 6, vms: 0) == 1)  // the physical OS
        #expect(try units("windows-2008r2-datacenter", sockets: 2, cores: 6, vms: 50) == 2)
    }

    @Test("Windows Server 2012 R2: per 2 processors; Datacenter on a 4-socket host = 2; Standard stacks per 2 VMs")
    func windows2012() throws {
        #expect(try units("windows-2012r2-datacenter", sockets: 4, cores: 8, vms: 40) == 2)
        #expect(try units("windows-2012r2-standard", sockets: 2, cores: 8, vms: 5) == 3)  // ⌈5/2⌉
        #expect(try units("windows-2012r2-standard", sockets: 4, cores: 8, vms: 1) == 2)  // ⌈4/2⌉ for the processors
    }

    @Test("Windows Server 2016: Datacenter on 2 × 12 cores = 24 core licences; Standard with 10 VMs on 2 × 8 = 16 × 5 = 80")
    func windows2016() throws {
        #expect(try units("windows-2016-datacenter", sockets: 2, cores: 12, vms: 30) == 24)
        #expect(try units("windows-2016-standard", sockets: 2, cores: 8, vms: 10) == 16 * 5)
        // minimums: 1 × 4 cores counts 16 (per server); 2 × 6 counts 2 × 8 = 16; 3 × 9 = 27 → 28 (2-core packs)
        #expect(try units("windows-2016-datacenter", sockets: 1, cores: 4) == 16)
        #expect(try units("windows-2016-datacenter", sockets: 2, cores: 6) == 16)
        #expect(try units("windows-2016-datacenter", sockets: 3, cores: 9) == 28)
        #expect(try units("windows-2016-standard", sockets: 2, cores: 8, vms: 0) == 16)
        // D: 2016 Datacenter $6,155 per 16 cores
        #expect(try rule("windows-2016-datacenter").listPriceUSD == 6_155.0 / 16)
    }

    @Test("RHEL for Virtual Datacenters per socket pair; XenServer per socket; SQL Server all cores, ≥4 per CPU")
    func others() throws {
        #expect(try units("rhel-virtual-datacenter", sockets: 2, cores: 12, vms: 40) == 1)
        #expect(try units("rhel-virtual-datacenter", sockets: 4, cores: 12) == 2)
        #expect(try units("xenserver-per-socket", hosts: 3, sockets: 2, cores: 6) == 6)
        #expect(try units("sqlserver-2022-enterprise", sockets: 2, cores: 2) == 8)  // 2 × max(4, 2)
        #expect(try units("sqlserver-2012-enterprise", sockets: 1, cores: 7) == 8)  // 2-core packs
    }

    @Test("support: 20% SnS on a perpetual vSphere 4 purchase; none on a subscription; Microsoft SA 25%")
    func support() throws {
        let estate = LicensedEstate(hosts: [.init(count: 1, sockets: 2, coresPerSocket: 12)], vmsPerHost: 10)
        let perpetual = LicenceTerms(try rule("vsphere4-enterprise-plus")).charge(estate)
        #expect(perpetual == LicenceCharge(capexUSD: 2 * 3_495, annualUSD: 0, supportAnnualUSD: 0.2 * 2 * 3_495))
        let subscription = LicenceTerms(try rule("vsphere-2024-vvf"), supportFraction: 0.2).charge(estate)
        #expect(subscription == LicenceCharge(capexUSD: 0, annualUSD: 32 * 135, supportAnnualUSD: 0))
        let windows = LicenceTerms(try rule("windows-2016-datacenter"), priceUSD: 400).charge(estate)
        #expect(windows == LicenceCharge(capexUSD: 24 * 400, annualUSD: 0, supportAnnualUSD: 0.25 * 24 * 400))
    }

    @Test("worst day: 40 VMs on 5 hosts are licensed for ⌈40/4⌉ = 10 per host after one failure; 2 failures ⌈40/3⌉ = 14; one host takes all")
    func worstDay() {
        #expect(LicensedEstate.worstDayVMsPerHost(peakVMs: 40, hosts: 5, failures: 1) == 10)
        #expect(LicensedEstate.worstDayVMsPerHost(peakVMs: 40, hosts: 5, failures: 2) == 14)
        #expect(LicensedEstate.worstDayVMsPerHost(peakVMs: 40, hosts: 1, failures: 1) == 40)
        #expect(LicensedEstate.worstDayVMsPerHost(peakVMs: 0, hosts: 5, failures: 1) == 0)
        #expect(LicensedEstate.worstDayVMsPerHost(peakVMs: 40, hosts: 0, failures: 1) == 0)
    }

    @Test("conformance: every rule has a unique kebab-case name, a unit, an era, a price source; counts are monotone in hosts and ≥ 0")
    func conformance() {
        let names = LicenceRegistry.all.map(\.name)
        #expect(Set(names).count == names.count)
        for p in LicenceRegistry.all {
            #expect(p.name.allSatisfy { $0.isLowercase || $0.isNumber || $0 == "-" }, "\(p.name)")
            #expect(!p.unit.isEmpty && !p.era.isEmpty && !p.priceSource.isEmpty, "\(p.name)")
            #expect(p.listPriceUSD.map { $0 > 0 } ?? true, "\(p.name)")
            if p.model == .subscription { #expect(p.supportFraction == 0, "\(p.name)") }
            var previous = 0
            for n in 0...4 {
                let u = p.units(LicensedEstate(hosts: [.init(count: n, sockets: 2, coresPerSocket: 12)], vmsPerHost: 6, vramGB: Double(n) * 100))
                #expect(u >= previous, "\(p.name) at \(n) hosts")
                previous = u
            }
            #expect(p.units(LicensedEstate(hosts: [])) == 0, "\(p.name) with no hosts")
        }
    }
}
