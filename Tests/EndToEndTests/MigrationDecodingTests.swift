import Testing
import Foundation
import DatacenterModel
import Engine
import VirtsimCore

/// dpm-night.yaml: arm 0 `no-dpm` and arm 1 `dpm` have no `migration` key; arm 2 uses pre-copy.
private let scenario = packageRoot + "/scenarios/dpm-night.yaml"

@Suite("The migration arm key")
struct MigrationDecodingTests {
    @Test("absent → RAM/bandwidth with vMotion limits and the default energy; pre-copy with its defaults; overrides")
    func defaultsAndOverrides() throws {
        let (_, plain) = try loadScenario(path: scenario, overrides: [])
        #expect(plain.arms.prefix(2).allSatisfy { $0.migration == MigrationSettings() })
        let (_, pre) = try loadScenario(path: scenario, overrides: ["arms.1.migration.model=pre-copy"])
        #expect(pre.arms[1].migration.model == .preCopy(dirtyRateBytesPerS: 80e6, dirtyScalesWithCPU: true, maxDowntimeS: 0.030, maxRounds: 30))
        let (_, custom) = try loadScenario(
            path: scenario,
            overrides: [
                "arms.1.migration.model=pre-copy", "arms.1.migration.dirty_rate_mb_per_s=200", "arms.1.migration.max_downtime=300 ms",
                "arms.1.migration.max_rounds=5", "arms.1.migration.dirty_scales_with_cpu=false", "arms.1.migration.max_per_host=2",
                "arms.1.migration.energy.joules_per_mb=1", "arms.0.migration.energy=~"
            ])
        #expect(
            custom.arms[1].migration
                == MigrationSettings(
                    model: .preCopy(dirtyRateBytesPerS: 200e6, dirtyScalesWithCPU: false, maxDowntimeS: 0.3, maxRounds: 5), maxPerHost: 2,
                    energy: MigrationEnergyModel(joulesPerByte: 1e-6, fixedJ: 20.165)))
        #expect(custom.arms[0].migration.energy == nil)
        // Pre-copy's pause defaults to the hypervisor profile's (KVM: QEMU's 300 ms).
        let (_, kvm) = try loadScenario(path: scenario, overrides: ["arms.1.hypervisor=kvm", "arms.1.migration.model=pre-copy"])
        #expect(kvm.arms[1].migration.model == .preCopy(dirtyRateBytesPerS: 80e6, dirtyScalesWithCPU: true, maxDowntimeS: 0.3, maxRounds: 30))
    }

    @Test("bad values name the field and what was expected")
    func errors() {
        func issues(_ o: [String]) -> [String] { validateScenarioFile(path: scenario, overrides: o) }
        let model = issues(["arms.1.migration.model=post-copy"])
        #expect(model.count == 1 && model[0].contains("arms[1].migration.model") && model[0].contains("pre-copy"), "\(model)")
        let misplaced = issues(["arms.1.migration.max_rounds=5"])
        #expect(
            misplaced.count == 1 && misplaced[0].contains("arms[1].migration.max_rounds")
                && misplaced[0].contains("model: pre-copy only"), "\(misplaced)")
        let zero = issues(["arms.1.migration.max_per_host=0"])
        #expect(zero.count == 1 && zero[0].contains("arms[1].migration.max_per_host"), "\(zero)")
        let down = issues(["arms.1.migration.model=pre-copy", "arms.1.migration.max_downtime=0"])
        #expect(down.count == 1 && down[0].contains("arms[1].migration.max_downtime"), "\(down)")
        let typo = issues(["arms.1.migration.dirty_rate=80"])
        #expect(typo.first?.contains("unknown key") == true, "\(typo)")
        let cloud = issues(["arms.0.migration.model=pre-copy", "arms.0.profile=cloudsim-3.0.3"])
        #expect(cloud.contains { $0.contains("arms[0].migration") && $0.contains("virtsim profile only") }, "\(cloud)")
    }
}
