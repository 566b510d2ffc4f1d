import Testing
@testable import CloudSimEngine
import DatacenterModel
import Policies
import Workloads
import TestSupport

/// The CloudSim engine's indexes and caches (`PABFDHostIndex`, hosts at rest, incremental
/// host caches, the lazy overload order in `findHost`) against the plain scans they replace:
/// the same run with `useIndexes` off must give bit-identical results, and with
/// `verifyIndexes` on the host index is checked against a brute-force recomputation at every
/// `findHost`.
@Suite("CloudSim engine: indexes match brute force")
struct CloudSimIndexTests {
    /// A random day: VMs whose CPU follows random walks in whole percents (some drop to 0,
    /// as PlanetLab VMs do), on a small interleaved estate of CloudSim's two host types.
    static func experiment(
        seed: UInt64, vms: Int, hosts: Int, allocation: CloudSimAllocation,
        quirks: CloudSimQuirks = .cloudsim303
    ) -> CloudSimExperiment {
        var rng = SplitMix64(state: seed)
        let steps = 289
        var rows: [[Double]] = []
        for _ in 0..<vms {
            var u = rng.int(101)
            var row: [Double] = []
            for _ in 0..<steps {
                u = max(0, min(100, u + rng.int(41) - 20))
                if rng.int(200) == 0 { u = 0 }
                row.append(Double(u) / 100)
            }
            rows.append(row)
        }
        let table = MemberTable(rows)
        let g5 = CloudSimHostType(
            name: "hp-ml110-g5", pes: 2, peMips: 2660, ramMB: 4096, bwKbps: 1_000_000,
            power: SpecPowerModel(tableW: SpecPowerLibrary.table(named: "hp-ml110-g5")!))
        let types = [PlanetLabFixture.hostTypes[0], g5]
        let vmTypes = PlanetLabFixture.vmTypes + [CloudSimVMType(name: "micro", mips: 500, ramMB: 613, bwKbps: 100_000)]
        let block = (vms + 3) / 4
        var groups: [CloudSimVMGroup] = []
        for k in 0..<4 where k * block < vms {
            let n = min(block, vms - k * block)
            groups.append(CloudSimVMGroup(type: vmTypes[k], count: n, workload: MemberOffset(table, offset: k * block)))
        }
        return CloudSimExperiment(
            name: "random", hostTypes: types, hosts: (0..<hosts).map { $0 % 2 }, groups: groups,
            allocation: allocation, quirks: quirks, durationS: 86400, seed: seed)
    }

    static let policies: [(String, CloudSimAllocation)] = [
        ("lr-mmt", .migration(detector: LocalRegressionDetector(), selection: MinimumMigrationTime())),
        ("thr-mu", .migration(detector: ThresholdDetector(threshold: 0.8), selection: MinimumUtilization())),
        ("iqr-mc", .migration(detector: IQRDetector(), selection: MaximumCorrelation())),
        ("lr-rs", .migration(detector: LocalRegressionDetector(), selection: RandomSelection()))
    ]

    static func run(_ exp: CloudSimExperiment, indexes: Bool) -> CloudSimResult {
        var sim = CloudSimSimulation(exp)
        sim.useIndexes = indexes
        sim.verifyIndexes = indexes
        return sim.run()
    }

    static func expectIdentical(_ a: CloudSimResult, _ b: CloudSimResult, _ what: String) {
        #expect(a.energyKWh == b.energyKWh, "\(what): energy")
        #expect(a.migrations == b.migrations, "\(what): migrations")
        #expect(a.slatah == b.slatah && a.pdm == b.pdm, "\(what): SLATAH, PDM")
        #expect(a.overallSlaViolation == b.overallSlaViolation, "\(what): overall SLA violation")
        #expect(a.hostShutdowns == b.hostShutdowns && a.vmsDropped == b.vmsDropped && a.updates == b.updates, "\(what): counts")
        #expect(a.hostEnergyKWh == b.hostEnergyKWh && a.hostActiveHours == b.hostActiveHours, "\(what): per host")
        #expect(
            a.samples.map(\.powerW) == b.samples.map(\.powerW) && a.samples.map(\.activeHosts) == b.samples.map(\.activeHosts),
            "\(what): timeseries")
    }

    @Test("random days, four policies, with and without indexes", arguments: [UInt64(1), 2, 3])
    func randomDays(seed: UInt64) {
        for (name, allocation) in Self.policies {
            let exp = Self.experiment(seed: seed, vms: 60, hosts: 40, allocation: allocation)
            let fast = Self.run(exp, indexes: true), plain = Self.run(exp, indexes: false)
            #expect(fast.migrations > 0, "\(name) seed \(seed): the run consolidates")
            Self.expectIdentical(fast, plain, "\(name) seed \(seed)")
        }
    }

    @Test("every quirk off, with and without indexes")
    func allQuirksOff() {
        let exp = Self.experiment(seed: 7, vms: 50, hosts: 30, allocation: Self.policies[0].1, quirks: .allOff)
        Self.expectIdentical(Self.run(exp, indexes: true), Self.run(exp, indexes: false), "all quirks off")
    }

    @Test("a tiled day (every VM repeated, ties everywhere), with and without indexes", arguments: [UInt64(4), 5])
    func tiledDay(seed: UInt64) {
        // 4 copies of 30 VMs: hosts and VMs in identical states, so power increases tie exactly
        var exp = Self.experiment(seed: seed, vms: 30, hosts: 24, allocation: Self.policies[0].1)
        exp.groups = exp.groups.flatMap { g in Array(repeating: g, count: 4) }
        exp.hosts = Array((0..<96).map { $0 % 2 })
        let fast = Self.run(exp, indexes: true), plain = Self.run(exp, indexes: false)
        #expect(fast.migrations > 0)
        Self.expectIdentical(fast, plain, "tiled seed \(seed)")
    }

    @Test("the idle sets' first accepted host is the first in id order")
    func idleSets() {
        var index = PABFDHostIndex(hostType: (0..<150).map { $0 % 3 }, typeCount: 3)
        var rng = SplitMix64(state: 11)
        var idle = [Bool](repeating: false, count: 150)
        for _ in 0..<2000 {
            let h = rng.int(150)
            idle[h] = rng.int(2) == 0
            index.place(h, isIdle: idle[h])
        }
        for h in 0..<150 { #expect(index.isIdle(h) == idle[h] && index.isInScan(h) == !idle[h]) }
        for type in 0..<3 {
            let first = index.firstIdle(ofType: type) { $0 > 40 }
            #expect(first == (0..<150).first { $0 % 3 == type && idle[$0] && $0 > 40 })
        }
    }

    /// The bound `findHost` prunes with is below every increase `power` computes: random
    /// MIPS in use and requests on CloudSim's two host types, slice edges included.
    @Test("a power bucket's lower bound never exceeds a host's computed power increase", arguments: [UInt64(1), 2, 3])
    func bucketBound(seed: UInt64) {
        let exp = Self.experiment(seed: seed, vms: 4, hosts: 2, allocation: Self.policies[0].1)
        let sim = CloudSimSimulation(exp)
        var buckets = PABFDPowerBuckets(hostType: [0, 1], tables: exp.hostTypes.map(\.power.tableW))
        var rng = SplitMix64(state: seed)
        for i in 0..<20000 {
            let h = i % 2
            let m = Double(exp.hostTypes[h].totalMips)
            // whole-percent and 2%-slice edges half of the time, as tiled traces give
            let inUse = i % 4 < 2 ? m * Double(rng.int(1051)) / 1000 : m * Double(rng.int(51)) / 50
            let r = Double(rng.int(2501)) * (i % 3 == 0 ? 1 : 0.37)
            let y = inUse / m
            let offset = sim.power(h, y) - 90
            buckets.place(h, utilization: y, offset: offset)
            let b = Int(buckets.bucketOf[h])
            let increase = sim.power(h, (inUse + r) / m) - 90
            let bound = buckets.lowerBound(b, delta: r / m)
            #expect(bound <= increase, "host \(h) in use \(inUse) request \(r): bound \(bound) > increase \(increase)")
            buckets.reset()
        }
    }
}
