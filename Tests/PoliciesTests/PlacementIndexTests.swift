import Policies
import Testing
@testable import Policies
import DatacenterModel

/// A tiny deterministic generator for test cases (xorshift64*).
struct TestRNG {
    var s: UInt64
    mutating func next() -> UInt64 { s ^= s >> 12; s ^= s << 25; s ^= s >> 27; return s &* 2685821657736338717 }
    mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
}

func randomState(_ rng: inout TestRNG, hosts: Int) -> PlacementState {
    // few distinct capacities so ties are frequent
    let cpus: [Int64] = [4000, 8000, 8000, 16000]
    let rams: [Int64] = [4096, 8192, 16384]
    let cpu = (0..<hosts).map { _ in cpus[rng.below(cpus.count)] }
    let ram = (0..<hosts).map { _ in rams[rng.below(rams.count)] }
    return PlacementState(
        cpuTotal: cpu, ramTotal: ram, cpuPhysical: cpu,
        power: Array(repeating: LinearPowerModel(idleW: 100, maxW: 200), count: hosts),
        offW: Array(repeating: 0, count: hosts))
}

@Suite("Placement indexes return exactly what a linear scan returns")
struct PlacementIndexTests {
    @Test(
        "best fit, worst fit, first fit and dedicated vs linear scan over random allocations and releases",
        arguments: [1, 2, 3, 4, 5, 6, 7, 8])
    func againstLinearScan(seed: UInt64) {
        var rng = TestRNG(s: seed &* 0x9E3779B97F4A7C15 | 1)
        let hosts = 50 + rng.below(400)
        let s = randomState(&rng, hosts: hosts)
        var placed: [(PlacementRequest, Int)] = []
        for i in 0..<3000 {
            if !placed.isEmpty && rng.below(3) == 0 {
                let k = rng.below(placed.count)
                let (r, h) = placed.remove(at: k)
                s.release(r, on: h)
                continue
            }
            let r = PlacementRequest(vmId: i, cpu: Int64(250 * (1 + rng.below(16))), ramMiB: Int64(256 * (1 + rng.below(24))))
            let bf = BestFitDecreasing().selectHost(for: r, in: s)
            #expect(bf == PlacementReference.bestFit(r, s))
            #expect(WorstFit().selectHost(for: r, in: s) == PlacementReference.worstFit(r, s))
            #expect(FirstFit().selectHost(for: r, in: s) == PlacementReference.firstFit(r, s))
            #expect(Dedicated().selectHost(for: r, in: s) == PlacementReference.firstFit(r, s, emptyOnly: true))
            let choice = [bf, WorstFit().selectHost(for: r, in: s), FirstFit().selectHost(for: r, in: s)][rng.below(3)]
            if let h = choice { s.allocate(r, on: h); placed.append((r, h)) }
        }
        #expect(s.sorted.count == hosts)
        #expect(s.sorted.allKeys == s.sorted.allKeys.sorted())
    }

    @Test("best fit picks least CPU left, then least RAM left, then lowest id")
    func tieBreaks() {
        let s = PlacementState(
            cpuTotal: [8000, 6000, 6000, 6000], ramTotal: [4096, 8192, 4096, 4096],
            cpuPhysical: [8000, 6000, 6000, 6000],
            power: Array(repeating: LinearPowerModel(idleW: 1, maxW: 2), count: 4),
            offW: [0, 0, 0, 0])
        let r = PlacementRequest(vmId: 0, cpu: 5000, ramMiB: 1024)
        #expect(BestFitDecreasing().selectHost(for: r, in: s) == 2)
        #expect(WorstFit().selectHost(for: r, in: s) == 0)
        #expect(FirstFit().selectHost(for: r, in: s) == 0)
        // nothing fits 9000
        #expect(BestFitDecreasing().selectHost(for: .init(vmId: 1, cpu: 9000, ramMiB: 1), in: s) == nil)
    }

    @Test("power-aware BFD prefers the host whose power rises least")
    func pabfd() {
        // host 0: steep 100->300 W, host 1: flat 100->150 W, same capacity, both powered
        let s = PlacementState(
            cpuTotal: [10000, 10000], ramTotal: [8192, 8192], cpuPhysical: [10000, 10000],
            power: [LinearPowerModel(idleW: 100, maxW: 300), LinearPowerModel(idleW: 100, maxW: 150)],
            offW: [0, 0])
        s.setPowered(0, true); s.setPowered(1, true)
        #expect(PowerAwareBestFitDecreasing().selectHost(for: .init(vmId: 0, cpu: 2000, ramMiB: 1), in: s) == 1)
        // an off host costs its idle power to switch on: prefer the powered steep host
        s.setPowered(1, false)
        #expect(PowerAwareBestFitDecreasing().selectHost(for: .init(vmId: 0, cpu: 2000, ramMiB: 1), in: s) == 0)
    }

    /// PABFD over state classes against the scan of every host it replaced, in id order with
    /// a strict `<` (the first host with the least increase wins).
    static func pabfdScan(_ r: PlacementRequest, _ s: PlacementState) -> Int? {
        var best: Int? = nil
        var bestDelta = Double.infinity
        for h in 0..<s.hostCount where s.fits(r, on: h) {
            let before = s.powered[h] ? s.power[h].powerW(utilization: s.allocatedFraction(h)) : s.offW[h]
            let delta = s.power[h].powerW(utilization: s.allocatedFraction(h, adding: r.cpu)) - before
            if delta < bestDelta { bestDelta = delta; best = h }
        }
        return best
    }

    @Test(
        "power-aware BFD over state classes chooses what a scan of every host chooses (SPECpower and linear types, power toggles, releases)",
        arguments: [1, 2, 3, 4, 5, 6])
    func pabfdAgainstScan(seed: UInt64) {
        var rng = TestRNG(s: seed &* 0x9E3779B97F4A7C15 | 1)
        let hosts = 40 + rng.below(300)
        // three host classes: two SPECpower tables (HP ML110 G4 and G5, CloudSim's) and a linear model
        let g4 = SpecPowerModel(tableW: [86, 89.4, 92.6, 96, 99.5, 102, 106, 108, 112, 114, 117])
        let g5 = SpecPowerModel(tableW: [93.7, 97, 101, 105, 110, 116, 121, 125, 129, 133, 135])
        let models: [any PowerModel] = [g4, g5, LinearPowerModel(idleW: 100, maxW: 250)]
        let cpus: [Int64] = [3_720_000, 5_320_000, 4_000_000], rams: [Int64] = [4096, 4096, 8192]
        let cls = (0..<hosts).map { _ in Int32(rng.below(3)) }
        let s = PlacementState(
            cpuTotal: cls.map { cpus[Int($0)] }, ramTotal: cls.map { rams[Int($0)] }, cpuPhysical: cls.map { cpus[Int($0)] },
            power: cls.map { models[Int($0)] }, offW: cls.map { $0 == 2 ? 5 : 0 }, hostClass: cls)
        var placed: [(PlacementRequest, Int)] = []
        for i in 0..<3000 {
            switch rng.below(8) {
            case 0 where !placed.isEmpty:
                let (r, h) = placed.remove(at: rng.below(placed.count))
                s.release(r, on: h)
            case 1:
                let h = rng.below(hosts)
                s.setPowered(h, !s.powered[h])
            default:
                // PlanetLab-like VM sizes, so that many hosts end up in identical states
                let sizes: [(Int64, Int64)] = [(2_500_000, 870), (2_000_000, 1740), (1_000_000, 1740), (500_000, 613)]
                let (cpu, ram) = sizes[rng.below(sizes.count)]
                let r = PlacementRequest(vmId: i, cpu: cpu, ramMiB: ram)
                let h = PowerAwareBestFitDecreasing().selectHost(for: r, in: s)
                #expect(h == Self.pabfdScan(r, s))
                if let h {
                    s.allocate(r, on: h); placed.append((r, h))
                    if !s.powered[h] { s.setPowered(h, true) }
                }
            }
        }
        // the classes really group hosts: fewer representatives than hosts
        #expect(s.stateClassRepresentatives().count < hosts)
        #expect(Set(s.stateClassRepresentatives()).count == s.stateClassRepresentatives().count)
    }

    @Test("registry names are unique and each makes its own policy")
    func registry() {
        let names = PlacementRegistry.names
        #expect(Set(names).count == names.count)
        for e in PlacementRegistry.builtIn { #expect(e.make()?.name == e.name) }
    }
}
