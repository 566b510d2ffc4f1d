import Testing
@testable import DatacenterModel

@Suite("Hypervisor profiles")
struct HypervisorProfileTests {
    @Test("the registry lists esxi, hyper-v, xen, kvm and none, and every profile is valid")
    func registry() {
        #expect(HypervisorProfileRegistry.names == ["esxi", "hyper-v", "xen", "kvm", "none"])
        for p in HypervisorProfileRegistry.all {
            #expect(HypervisorProfile.check(p) == nil, "\(p.name)")
            #expect(p.availableReclamation.isSuperset(of: p.defaultReclamation), "\(p.name)")
            #expect(HypervisorProfileRegistry.profile(named: p.name) == p)
        }
    }

    @Test("an unknown hypervisor is an error that lists the valid names")
    func unknownName() {
        guard case let .failure(e) = HypervisorProfileRegistry.lookup("vmware") else {
            Issue.record("expected a failure"); return
        }
        #expect(e.description == "unknown hypervisor `vmware`: valid names are esxi, hyper-v, xen, kvm, none")
    }

    @Test("ESXi: inter-VM page sharing is available but off by default (since 2014/15)")
    func esxiSharing() {
        let p = HypervisorProfile.esxi
        #expect(p.availableReclamation.contains(.pageSharingInterVM))
        #expect(!p.defaultReclamation.contains(.pageSharingInterVM))
        #expect(p.defaultReclamation == [.pageSharingIntraVM, .ballooning, .compression, .swapping])
        #expect(p.licence == .perCore(minimumCoresPerCPU: 16, minimumCoresPerOrder: 0))
    }

    @Test("Hyper-V has Dynamic Memory and no page sharing; KVM has KSM; bare metal has nothing")
    func techniques() {
        #expect(HypervisorProfile.hyperV.availableReclamation == [.dynamicMemory])
        #expect(!HypervisorProfile.hyperV.availableReclamation.sharesPages)
        #expect(HypervisorProfile.hyperV.licence == .bundledWithOS)
        #expect(HypervisorProfile.kvm.defaultReclamation.contains(.ksm))
        #expect(HypervisorProfile.kvm.maxMigrationDowntimeS == 0.300)
        let none = HypervisorProfile.none
        #expect(none.availableReclamation.isEmpty && !none.liveMigration && none.licence == .free)
        #expect(none.cpuOverhead == 0 && none.hostReservationMiB == 0)
        #expect(none.memoryOverheadMiB(vcpus: 8, ramMiB: 65536) == 0)
    }

    @Test("vSphere 6.5 table: the published points, and linear interpolation between them")
    func vsphere65() {
        let t = VMMemoryOverheadTable.vsphere65
        #expect(t.overheadMiB(vcpus: 1, ramMiB: 1024) == 25.90)
        #expect(t.overheadMiB(vcpus: 8, ramMiB: 16384) == 168.60)
        #expect(t.overheadMiB(vcpus: 4, ramMiB: 4096) == 60.67)
        // 1 vCPU, 2 GiB: a third of the way from 1 GiB (25.90) to 4 GiB (48.64).
        #expect(abs(t.overheadMiB(vcpus: 1, ramMiB: 2048) - (25.90 + (48.64 - 25.90) * (2048 - 1024) / (4096 - 1024))) < 1e-9)
        // 3 vCPUs, 1 GiB: halfway between 2 vCPUs (29.91) and 4 vCPUs (37.86).
        #expect(abs(t.overheadMiB(vcpus: 3, ramMiB: 1024) - (29.91 + 37.86) / 2) < 1e-9)
        // 32 GiB, 1 vCPU: the 4–16 GiB segment extrapolated.
        #expect(abs(t.overheadMiB(vcpus: 1, ramMiB: 32768) - (139.62 + (139.62 - 48.64) * (32768 - 16384) / (16384 - 4096))) < 1e-9)
        // 128 MiB is held at the 256 MiB row.
        #expect(t.overheadMiB(vcpus: 1, ramMiB: 128) == 20.29)
    }

    @Test("vSphere 4.0 table extrapolated reproduces the guide's larger rows and vSphere 4.1's 4 vCPU / 8 GB = 413.91 MB")
    func vsphere40() {
        let t = VMMemoryOverheadTable.vsphere40
        // The guide's 4096 MB row for 1–4 vCPUs (not in the grid).
        for (v, published) in [(1, 165.98), (2, 242.51), (3, 283.75), (4, 324.99)] {
            #expect(abs(t.overheadMiB(vcpus: v, ramMiB: 4096) - published) < 0.02, "\(v) vCPUs")
        }
        // The 1-vCPU column up to 256 GB, within 0.1%.
        for (ram, published) in [(8192.0, 222.30), (16384, 334.96), (65536, 1011.21), (262144, 3714.99)] {
            #expect(abs(t.overheadMiB(vcpus: 1, ramMiB: ram) / published - 1) < 0.001, "\(ram) MB")
        }
        // Denneman 2010 (vSphere 4.1): 4 vCPU, 8 GB -> 413.91 MB = 280.53 + 6 × (280.53 − 258.30).
        #expect(abs(t.overheadMiB(vcpus: 4, ramMiB: 8192) - 413.91) < 0.005)
    }

    @Test("KVM, Xen and Hyper-V per-VM overhead formulas, hand-computed")
    func formulas() {
        // KVM (OpenShift): 0.002 × 8192 + 218 + 8 × 4 + 16 × 1 graphics device.
        #expect(abs(HypervisorProfile.kvm.memoryOverheadMiB(vcpus: 4, ramMiB: 8192) - (0.002 * 8192 + 218 + 8 * 4 + 16)) < 1e-9)
        // Xen (libxl): 1 MiB × 2 vCPUs + 8 KiB per MiB of 4096 MiB = 2 + 32.
        #expect(HypervisorProfile.xen.memoryOverheadMiB(vcpus: 2, ramMiB: 4096) == 2 + 4096 * 8 / 1024)
        // Hyper-V: 0.005% of 8192 MiB.
        #expect(abs(HypervisorProfile.hyperV.memoryOverheadMiB(vcpus: 4, ramMiB: 8192) - 8192 * 0.00005) < 1e-12)
    }

    @Test(
        "every profile's overhead is non-negative and non-decreasing in RAM and vCPUs",
        arguments: HypervisorProfileRegistry.all)
    func overheadLaws(profile: HypervisorProfile) {
        for v in 1...16 {
            var previous = -1.0
            for ram in stride(from: 0.0, through: 262_144, by: 4096) {
                let o = profile.memoryOverheadMiB(vcpus: v, ramMiB: ram)
                #expect(o >= 0 && o >= previous && o.isFinite)
                #expect(profile.memoryOverheadMiB(vcpus: v + 1, ramMiB: ram) >= o)
                previous = o
            }
        }
    }

    @Test("the v1 engine hypervisor of a profile rounds the per-VM overhead up to whole MiB")
    func v1Hypervisor() {
        let h = HypervisorProfile.esxi.hypervisor(for: VMType(vcpus: 1, mipsPerVcpu: 1000, ramMiB: 1024))
        #expect(h == Hypervisor(name: "esxi", cpuOverhead: 0.05, memoryOverheadMiBPerVM: 26))  // 25.90 -> 26
    }

    @Test("embedded: boot shortened and static power lowered by the documented assumptions; off power unchanged")
    func embedded() {
        let host = HostType(
            name: "h", cores: 8, coreMips: 2500, ramMiB: 32768,
            power: LinearPowerModel(idleW: 100, maxW: 200), offW: 5, bootTimeS: 120, bootPowerW: 150)
        var p = HypervisorProfile.esxi
        #expect(p.hostType(host).bootTimeS == 120, "not embedded: unchanged")
        p.embedded = true
        let e = p.hostType(host)
        #expect(e.bootTimeS == 120 - 30)
        #expect(e.bootPowerW == 150 - 12)
        #expect(e.power.idleW == 100 - 12 && e.power.maxW == 200 - 12)
        #expect(e.power.powerW(utilization: 0.5) == 150 - 12)
        #expect(e.offW == 5)
        // Savings never push below zero.
        let tiny = EmbeddedHypervisor(staticPowerSavingW: 500, bootTimeSavingS: 500).apply(to: host)
        #expect(tiny.bootTimeS == 0 && tiny.power.maxW == 0 && tiny.power.powerW(utilization: 1) == 0)
    }

    @Test("invalid profiles are rejected with a message naming the field")
    func checks() {
        var p = HypervisorProfile.kvm
        p.cpuOverhead = 1.5
        #expect(HypervisorProfile.check(p)?.hasPrefix("cpuOverhead: expected a fraction 0...1, found 1.5") == true)
        p = .esxi
        p.defaultReclamation = [.ksm]
        #expect(HypervisorProfile.check(p)?.hasPrefix("defaultReclamation:") == true)
        p = .xen
        p.memoryOverhead = .linear(baseMiB: -1, perVcpuMiB: 0, fractionOfRAM: 0)
        #expect(HypervisorProfile.check(p) == "memoryOverhead.baseMiB: expected finite MiB >= 0, found -1.0")
        p = .esxi
        p.licence = .perCore(minimumCoresPerCPU: -16, minimumCoresPerOrder: 0)
        #expect(HypervisorProfile.check(p)?.hasPrefix("licence.minimumCoresPerCPU") == true)
        #expect(
            VMMemoryOverheadTable.check(ramMiB: [1024, 512], vcpus: [1, 2], overheadMiB: [[1, 2], [3, 4]])?
                .hasPrefix("ramMiB: expected strictly increasing rows") == true)
    }
}
