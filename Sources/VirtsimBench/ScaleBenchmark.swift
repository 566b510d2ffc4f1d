import SimKernel
import DatacenterModel
import Policies
import Workloads
import Engine
import VirtsimCore

/// The scale benchmark of issue 2: a generated datacenter of `hosts` hosts and `vms` VMs
/// with stochastic (beta-distributed) workloads, simulated for `hours` at a 300 s sampling
/// interval with best-fit-decreasing placement. Target on a 2-core machine: 100k hosts,
/// 1M VMs, 1 h in ≤ 60 s wall and ≤ 4 GB peak RSS.
public struct ScaleBenchmarkResult: Sendable {
    public var hosts: Int
    public var vms: Int
    public var setupSeconds: Double
    public var simulateSeconds: Double
    public var wallSeconds: Double
    public var peakRSSMiB: Double
    public var events: Int
    public var hostsUsed: Int
    public var itEnergyKWh: Double
    public var vmsUnplaced: Int
}

public func runScaleBenchmark(hosts: Int = 100_000, vms: Int = 1_000_000, hours: Double = 1, seed: UInt64 = 1) throws -> ScaleBenchmarkResult {
    let t0 = monotonicSeconds()
    // A 2012-era 2×16-core server (SPEC 2012q3-00478, DCSim) with 256 GiB.
    let host = HostType(
        name: "dcsim-2x16", cores: 32, coreMips: 2400, ramMiB: 262_144,
        power: SpecPowerModel(tableW: SpecPowerLibrary.table(named: "dcsim-2x16-2.4ghz")!),
        offW: 10, bootTimeS: 120)
    let arm = ArmConfig(
        name: "scale", isBaseline: false, hostTypes: [host],
        hosts: (0..<hosts).map { HostSlot(typeIndex: 0, cluster: $0 / 1000, rack: $0 / 40) },
        clusterNames: (0..<(hosts + 999) / 1000).map { "cluster-\($0)" },
        rackNames: (0..<(hosts + 39) / 40).map { "rack-\($0)" },
        hypervisor: Hypervisor(name: "generic", cpuOverhead: 0.03, memoryOverheadMiBPerVM: 100),
        placement: BestFitDecreasing(), cpuOvercommit: 1, powerOffIdleHosts: true)
    // Four VM sizes, a quarter of the VMs each; mean CPU 10–20% (beta distributions).
    let sizes: [(VMType, Distribution)] = [
        (VMType(vcpus: 1, mipsPerVcpu: 2400, ramMiB: 2048), .beta(a: 2, b: 8)),
        (VMType(vcpus: 2, mipsPerVcpu: 2400, ramMiB: 4096), .beta(a: 2, b: 10)),
        (VMType(vcpus: 2, mipsPerVcpu: 2400, ramMiB: 8192), .beta(a: 1.5, b: 10)),
        (VMType(vcpus: 4, mipsPerVcpu: 2400, ramMiB: 16384), .beta(a: 1, b: 8))
    ]
    var groups: [VMGroup] = []
    var base = 0
    for (i, (type, dist)) in sizes.enumerated() {
        let n = vms / sizes.count + (i < vms % sizes.count ? 1 : 0)
        let w = try StochasticWorkload(
            cpu: dist, memory: .uniform(min: 0.3, max: 0.7),
            interval: .seconds(Int64(300)), seed: seed, entityBase: UInt64(base))
        groups.append(VMGroup(name: "size-\(i)", count: n, type: type, workload: w))
        base += n
    }
    let settings = RunSettings(duration: .seconds(hours * 3600), samplingInterval: .seconds(Int64(300)))
    var sim = ArmSimulation(arm: arm, groups: groups, settings: settings)
    let t1 = monotonicSeconds()
    let r = sim.run()
    let t2 = monotonicSeconds()
    return ScaleBenchmarkResult(
        hosts: hosts, vms: vms, setupSeconds: t1 - t0, simulateSeconds: t2 - t1,
        wallSeconds: t2 - t0, peakRSSMiB: peakRSSMiB(), events: r.events,
        hostsUsed: r.hostsUsedMax, itEnergyKWh: r.itEnergyKWh, vmsUnplaced: r.vmsUnplaced)
}
