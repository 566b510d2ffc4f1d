import Testing
import DatacenterModel
import Policies
import TestSupport

@Suite("PowerAwareTargetIndex: the least power rise without a scan of every host")
struct PowerAwareTargetIndexTests {
    /// The best offered host by (rise, id), as the engine picks it.
    static func pick(_ index: PowerAwareTargetIndex, delta: Double, includeOff: Bool, admits: (Int) -> Bool) -> Int? {
        var out: [Int] = [], ends: [Double] = []
        index.candidates(deltaMips: delta, includeOff: includeOff, ends: &ends, into: &out, admits: admits)
        var best: Int? = nil, rise = Double.infinity
        for h in out {
            let r = (index.riseW(h, deltaMips: delta) * 1e9).rounded()  // as the engine: nanowatt ties
            if r < rise || (r == rise && h < best!) { best = h; rise = r }
        }
        return best
    }

    @Test("over 2,000 random cases the chosen host's rise is the least over every admitted host with room (±1e-9 W)")
    func matchesScan() {
        var rng = SplitMix64(state: 42)
        let g4 = SpecPowerModel(tableW: SpecPowerLibrary.table(named: "hp-ml110-g4")!)
        let g5 = SpecPowerModel(tableW: SpecPowerLibrary.table(named: "hp-ml110-g5")!)
        let lin = LinearPowerModel(idleW: 100, maxW: 250)
        for case_ in 0..<2000 {
            let n = rng.int(1, 60)
            let types: [Int32] = (0..<n).map { _ in Int32(rng.int(3)) }
            var index = PowerAwareTargetIndex(
                typeOfHost: types, capacityMips: [3720, 5320, 4000], power: [g4, g5, lin],
                offW: [0, 6, 10])
            var u = [Double](repeating: 0, count: n), isOff = [Bool](repeating: false, count: n)
            for h in 0..<n {
                let cap = index.capacityMips[Int(types[h])]
                switch rng.int(5) {
                case 0: isOff[h] = true; index.insertOff(h)
                case 1: index.insertPowered(h, demandMips: 0)  // idle: ties everywhere
                case 2: let d = Double(rng.int(0, 10)) / 10 * cap; u[h] = d / cap; index.insertPowered(h, demandMips: d)  // on a breakpoint
                default: let d = rng.uniform(0, 1.05) * cap; u[h] = d / cap; index.insertPowered(h, demandMips: d)
                }
            }
            let admitted = (0..<n).map { _ in rng.int(4) != 0 }
            let delta = rng.int(3) == 0 ? rng.uniform(0, 0.05) * 4000 : rng.uniform(0, 1) * 4000
            let includeOff = rng.int(2) == 0
            // reference: every host
            var least = Double.infinity
            for h in 0..<n where admitted[h] && (includeOff || !isOff[h]) {
                let t = Int(types[h])
                let du = delta / index.capacityMips[t]
                guard du <= 1 else { continue }
                if !isOff[h] && u[h] + du > 1 + 1e-12 { continue }
                least = min(least, index.riseW(h, deltaMips: delta))
            }
            let chosen = Self.pick(index, delta: delta, includeOff: includeOff) { admitted[$0] }
            if least == .infinity {
                #expect(chosen == nil, "case \(case_): chose \(String(describing: chosen)) but no host has room")
                continue
            }
            guard let h = chosen else { Issue.record("case \(case_): nothing chosen, least rise \(least)"); continue }
            #expect(admitted[h], "case \(case_)")
            #expect(index.riseW(h, deltaMips: delta) <= least + 1e-9, "case \(case_): \(index.riseW(h, deltaMips: delta)) > \(least)")
        }
    }

    @Test("linear curve, equal rises: the offered hosts are the least and the most loaded; lowest id wins")
    func linearTies() {
        let lin = LinearPowerModel(idleW: 100, maxW: 200)
        var index = PowerAwareTargetIndex(typeOfHost: [0, 0, 0, 0], capacityMips: [1000], power: [lin], offW: [0])
        index.insertPowered(0, demandMips: 500)
        index.insertPowered(1, demandMips: 200)
        index.insertPowered(2, demandMips: 700)
        index.insertOff(3)
        var out: [Int] = [], ends: [Double] = []
        index.candidates(deltaMips: 250, includeOff: false, ends: &ends, into: &out) { _ in true }
        // room for 250 MIPS: u ≤ 0.75 — all three; rise 25 W each
        #expect(Set(out) == [1, 2])
        #expect(abs(index.riseW(1, deltaMips: 250) - 25) < 1e-9)
        // an off host: its rise counts from off power, 0 W → P(0.25) = 125 W
        #expect(abs(index.riseW(3, deltaMips: 250) - 125) < 1e-9)
        #expect(Self.pick(index, delta: 250, includeOff: true) { _ in true } == 1)
        // host 2 at 700 has no room for 400 MIPS
        #expect(Self.pick(index, delta: 400, includeOff: false) { $0 != 1 } == 0)
        index.update(0, demandMips: 650)
        #expect(Self.pick(index, delta: 400, includeOff: false) { $0 != 1 } == nil)
        #expect(Self.pick(index, delta: 400, includeOff: true) { $0 != 1 } == 3)
    }
}
