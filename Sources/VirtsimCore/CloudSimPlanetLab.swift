import Engine
import DatacenterModel
import Policies
import Workloads
import Reports

/// CloudSim 3.0.3's PlanetLab experiment setup (`EX/Constants.java`,
/// `EX/planetlab/PlanetLabConstants.java`; cloudsim-planetlab.md §2): 800 hosts alternating
/// HP ML110 G4 (2 × 1860 MIPS) and G5 (2 × 2660 MIPS), 4096 MB, 1 Gbit/s; four VM types in
/// contiguous blocks of ceil(N/4) ids.
public enum CloudSimPlanetLab {
    public static let hostTypes = [
        CloudSimHostType(name: "hp-ml110-g4", pes: 2, peMips: 1860, ramMB: 4096, bwKbps: 1_000_000,
                         power: SpecPowerModel(tableW: SpecPowerLibrary.table(named: "hp-ml110-g4")!)),
        CloudSimHostType(name: "hp-ml110-g5", pes: 2, peMips: 2660, ramMB: 4096, bwKbps: 1_000_000,
                         power: SpecPowerModel(tableW: SpecPowerLibrary.table(named: "hp-ml110-g5")!)),
    ]
    public static let vmTypes = [
        CloudSimVMType(name: "high-cpu-medium", mips: 2500, ramMB: 870, bwKbps: 100_000),
        CloudSimVMType(name: "extra-large", mips: 2000, ramMB: 1740, bwKbps: 100_000),
        CloudSimVMType(name: "small", mips: 1000, ramMB: 1740, bwKbps: 100_000),
        CloudSimVMType(name: "micro", mips: 500, ramMB: 613, bwKbps: 100_000),
    ]

    /// The experiment on a PlanetLab trace folder (files in byte order of their names).
    public static func experiment(traceFolder: String, allocation: CloudSimAllocation,
                                  quirks: CloudSimQuirks = CloudSimQuirks(), hosts: Int = 800, seed: UInt64 = 1) throws -> CloudSimExperiment {
        let trace = try PlanetLabTrace(folder: traceFolder, afterEnd: .hold)
        let n = trace.memberLimit ?? 0
        let block = (n + vmTypes.count - 1) / vmTypes.count
        let groups = vmTypes.indices.map { k in
            CloudSimVMGroup(type: vmTypes[k], count: max(0, min(block, n - k * block)),
                            workload: MemberOffset(trace, offset: k * block))
        }
        return CloudSimExperiment(name: "planetlab", hostTypes: hostTypes, hosts: (0..<hosts).map { $0 % 2 },
                                  groups: groups, allocation: allocation, quirks: quirks, seed: seed)
    }

    /// Allocation from a policy name such as `npa`, `dvfs`, `thr-mmt-0.8`, `lr-mc-1.2`.
    public static func allocation(named name: String) -> CloudSimAllocation? {
        if name == "npa" { return .npa }
        if name == "dvfs" { return .dvfs }
        let parts = name.split(separator: "-").map(String.init)
        guard parts.count == 3, let p = Double(parts[2]) else { return nil }
        let key = ["thr": "threshold", "iqr": "safety", "mad": "safety", "lr": "safety", "lrr": "safety"][parts[0]] ?? "safety"
        guard let d = ConsolidationRegistry.makeDetector(parts[0], parameters: [key: .number(p)]),
              let s = ConsolidationRegistry.makeSelectionPolicy(parts[1]) else { return nil }
        return .migration(detector: d, selection: s)
    }
}

/// Runs one CloudSim-profile PlanetLab experiment and returns a one-line report (debugging aid).
public func cloudSimPlanetLabReport(traceFolder: String, policy: String) throws -> String {
    guard let a = CloudSimPlanetLab.allocation(named: policy) else { throw RunError(description: "unknown policy \(policy)") }
    let t0 = monotonicSeconds()
    var sim = CloudSimSimulation(try CloudSimPlanetLab.experiment(traceFolder: traceFolder, allocation: a))
    let r = sim.run()
    let wall = monotonicSeconds() - t0
    return "\(policy): energy_kwh=\(formatFixed(r.energyKWh, decimals: 2)) migrations=\(r.migrations) slatah_pct=\(formatFixed(100 * r.slatah, decimals: 2)) pdm_pct=\(formatFixed(100 * r.pdm, decimals: 4)) slav=\(r.slav) shutdowns=\(r.hostShutdowns) dropped=\(r.vmsDropped) unplaced=\(r.vmsUnplaced) updates=\(r.updates) wall_s=\(formatFixed(wall, decimals: 3)) rss_mib=\(formatFixed(peakRSSMiB(), decimals: 1))"
}
