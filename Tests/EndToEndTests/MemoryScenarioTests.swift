import Testing
import Foundation
import DatacenterModel
import Engine
import VirtsimCore

/// bitbrains-p2v.yaml: arm 0 `physical` (hypervisor none), 1 `esxi`, 2 `esxi-mem-1.5`, 3 `kvm`.
private let scenario = packageRoot + "/scenarios/bitbrains-p2v.yaml"

@Suite("The memory arm key and scenarios/bitbrains-p2v.yaml")
struct MemoryScenarioTests {
    @Test("a hypervisor profile reclaims with its default techniques; overrides; memory: ~ turns it off")
    func defaults() throws {
        let (_, m) = try loadScenario(path: scenario, overrides: [])
        #expect(m.arms[0].memory == nil, "bare metal reclaims nothing")
        #expect(m.arms[1].memory == MemorySettings(techniques: [.pageSharingIntraVM, .ballooning, .compression, .swapping]))
        #expect(m.arms[2].memory?.overcommit == 1.5)
        #expect(m.arms[3].memory?.techniques == [.ksm, .ballooning, .swapping])
        let (_, custom) = try loadScenario(
            path: scenario,
            overrides: [
                "arms.1.memory.techniques=[page-sharing-inter-vm, ballooning]", "arms.1.memory.swap_penalty=4",
                "arms.1.memory.min_free=2 GiB"
            ])
        #expect(custom.arms[1].memory?.techniques == [.pageSharingInterVM, .ballooning])
        #expect(custom.arms[1].memory?.model.swapPenalty == 4)
        #expect(custom.arms[1].memory?.model.minFreeOverrideMiB == 2048)
        let (_, off) = try loadScenario(path: scenario, overrides: ["arms.1.memory=~"])
        #expect(off.arms[1].memory == nil)
    }

    @Test("bad values name the field and what was expected")
    func errors() {
        func issues(_ o: String) -> [String] { validateScenarioFile(path: scenario, overrides: [o]) }
        let low = issues("arms.2.memory.overcommit=0.8")
        #expect(low.count == 1 && low[0].contains("arms[2].memory.overcommit"), "\(low)")
        let missing = issues("arms.3.memory.techniques=[compression]")
        #expect(missing.count == 1 && missing[0].contains("kvm has no compression") && missing[0].contains("ksm"), "\(missing)")
        let unknown = issues("arms.1.memory.techniques=[dedup]")
        #expect(unknown.count == 1 && unknown[0].contains("page-sharing-intra-vm"), "\(unknown)")
        let bare = issues("arms.0.memory.overcommit=1.2")
        #expect(bare.count == 1 && bare[0].contains("arms[0].memory") && bare[0].contains("needs a hypervisor profile"), "\(bare)")
        let none = validateScenarioFile(path: scenario, overrides: ["arms.2.memory.techniques=[]"])
        #expect(none.count == 1 && none[0].contains("needs at least one reclamation technique"), "\(none)")
        let noMigration = issues("arms.0.dpm.enabled=true")
        #expect(
            noMigration.count == 1 && noMigration[0].contains("arms[0].dpm") && noMigration[0].contains("none does not have"),
            "\(noMigration)")
        let ratio = issues("arms.1.memory.compression_ratio=0.5")
        #expect(ratio.count == 1 && ratio[0].contains("arms[1].memory.compression_ratio"), "\(ratio)")
    }

    @Test("one week of the 100 Bitbrains VMs: memory overcommit packs fewer hosts, balloons idle memory, and costs CPU contention")
    func week() throws {
        let o = try runScenarioFile(RunOptions(scenarioPath: scenario, outDir: makeTempDir()))
        let byName = Dictionary(uniqueKeysWithValues: o.results.map { ($0.arm, $0) })
        let esxi = try #require(byName["esxi"]), over = try #require(byName["esxi-mem-1.5"])
        let kvm = try #require(byName["kvm"]), dense = try #require(byName["esxi-dense"])
        #expect(over.hostsUsedMax < esxi.hostsUsedMax, "1.5:1 memory overcommit needs fewer hosts")
        #expect(over.memory.balloonedGiBMean > 0 && esxi.memory.balloonedGiBMean == 0)
        #expect(kvm.memory.sharedGiBMean > esxi.memory.sharedGiBMean, "KSM shares across VMs (20%), ESXi only within (5%)")
        #expect(dense.memory.compressedGiBMean + dense.memory.swappedGiBMean > 0)
        #expect(dense.memory.perfLossPct > over.memory.perfLossPct)
        #expect(over.cpuDemandUnmetPct >= esxi.cpuDemandUnmetPct)
        for r in o.results { #expect(r.memory.shortfallGiBMax == 0, "\(r.arm)") }
    }
}
