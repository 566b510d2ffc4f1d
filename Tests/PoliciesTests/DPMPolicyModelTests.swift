import Policies
import SimKernel
import Testing
import TestSupport
@testable import DatacenterModel

@Suite("DPM policy model")
struct DPMPolicyModelTests {
    func minutes(_ m: Int64) -> SimTime { SimTime(microseconds: m * 60_000_000) }

    /// Hosts of 10,000 MIPS (memory not binding) with the given CPU demands; nil = standby.
    func hosts(_ demands: [Double?]) -> [DPMHostSample] {
        demands.enumerated().map { i, d in
            DPMHostSample(
                id: i, isOn: d != nil, cpuDemand: d ?? 0, cpuCapacity: 10_000,
                memoryDemandMiB: 0, memoryCapacityMiB: 65_536)
        }
    }

    @Test("the band is 63% ± 18% = 45–81%")
    func band() {
        let d = DPMPolicyModel()
        #expect(abs(d.lowerEdge - 0.45) < 1e-12 && abs(d.upperEdge - 0.81) < 1e-12)
    }

    @Test("a host goes off after exactly 40 minutes below the band, never earlier")
    func fortyMinutes() {
        var d = DPMPolicyModel()
        let low = hosts([2000, 2000, 2000, 2000])  // 20% each
        for m in stride(from: Int64(0), through: 35, by: 5) {
            #expect(d.observe(now: minutes(m), hosts: low) == .none, "t = \(m) min")
        }
        // t = 40 min: 8,000 MIPS on 4 hosts is 20%. Host 0 off: 26.7%, reserve 8000/20000 = 40% ✓.
        // Host 1 off: 40%, reserve 8000/10000 = 80% ≤ 81% ✓. Host 2 off would leave 1 host < N+1.
        #expect(d.observe(now: minutes(40), hosts: low) == DPMDecision(powerOff: [0, 1]))
        // The window restarts after acting.
        #expect(d.observe(now: minutes(45), hosts: low) == .none)
    }

    @Test("one sample inside the band restarts the 40-minute window")
    func windowRestarts() {
        var d = DPMPolicyModel()
        let low = hosts([2000, 2000, 2000, 2000])
        for m in stride(from: Int64(0), through: 30, by: 5) { _ = d.observe(now: minutes(m), hosts: low) }
        #expect(d.observe(now: minutes(35), hosts: hosts([5000, 2000, 2000, 2000])) == .none)  // 50%: not low
        for m in stride(from: Int64(40), through: 75, by: 5) {
            #expect(d.observe(now: minutes(m), hosts: low) == .none, "t = \(m) min")
        }
        #expect(d.observe(now: minutes(80), hosts: low).powerOff == [0, 1])
    }

    @Test("without an HA reserve DPM packs further (N+0), with N+1 it keeps one host more")
    func reserveMatters() {
        var d = DPMPolicyModel(haReserveHosts: 0)
        let low = hosts([2000, 2000, 2000, 2000])
        for m in stride(from: Int64(0), through: 35, by: 5) { _ = d.observe(now: minutes(m), hosts: low) }
        // Host 2 off too: 8000/10000 = 80% ≤ 81%.
        #expect(d.observe(now: minutes(40), hosts: low).powerOff == [0, 1, 2])
    }

    @Test("the least loaded hosts go off first, ties by id")
    func order() {
        var d = DPMPolicyModel()
        let h = hosts([3000, 1000, 2000, 1000, 3000, 2000])
        for m in stride(from: Int64(0), through: 35, by: 5) { _ = d.observe(now: minutes(m), hosts: h) }
        // 12,000 on 60,000 = 20%. Off 1, 3 (10%), 2 (20%): 12000/30000 = 40% < 45%; then host 5
        // (20%) would leave 2 hosts: 60%, reserve 12000/10000 > 81% ✗; hosts 0 and 4 likewise ✗.
        #expect(d.observe(now: minutes(40), hosts: h).powerOff == [1, 3, 2])
    }

    @Test("a host above 81% for 5 minutes powers a standby host on")
    func powerOn() {
        var d = DPMPolicyModel(haReserveHosts: 0)
        // 26,000 on 4 hosts = 65% (≤ 81%: capacity suffices), but host 0 is at 90%.
        let h = hosts([9000, 9000, 3000, 5000, nil, nil])
        #expect(d.observe(now: minutes(0), hosts: h) == .none)
        #expect(d.observe(now: minutes(4), hosts: h) == .none)
        // At 5 min: one standby host (id 4) brings 26000/50000 = 52% ≤ 63%.
        #expect(d.observe(now: minutes(5), hosts: h) == DPMDecision(powerOn: [4]))
    }

    @Test("when the N+1 reserve is broken, hosts are powered on at once")
    func reserveRestored() {
        var d = DPMPolicyModel()
        // 4 hosts minus the largest carry 26000/30000 = 87% > 81%: the reserve is broken.
        let h = hosts([9000, 9000, 3000, 5000, nil, nil])
        // Host 4 on: 26000/50000 = 52%, reserve 26000/40000 = 65% ✓.
        #expect(d.observe(now: minutes(0), hosts: h) == DPMDecision(powerOn: [4]))
    }

    @Test("property: DPM never powers off below the N+1 reserve, over random load sequences")
    func neverViolatesReserve() {
        var rng = SplitMix64(state: 40)
        for _ in 0..<100 {
            var d = DPMPolicyModel()
            let n = Int(rng.next() % 10) + 2
            var on = [Bool](repeating: true, count: n)
            var t: Int64 = 0
            for _ in 0..<60 {
                let total = rng.uniform(0, 0.5) * Double(n) * 10_000
                let perHost = total / Double(max(1, on.filter { $0 }.count))
                let samples = (0..<n).map { i in
                    DPMHostSample(
                        id: i, isOn: on[i], cpuDemand: on[i] ? perHost : 0, cpuCapacity: 10_000,
                        memoryDemandMiB: 0, memoryCapacityMiB: 65_536)
                }
                let decision = d.observe(now: minutes(t), hosts: samples)
                for id in decision.powerOff { on[id] = false }
                for id in decision.powerOn { on[id] = true }
                if !decision.powerOff.isEmpty {
                    // N+1: the hosts left on, minus one, carry the demand at ≤ 81%, and at least 2 stay on.
                    let left = on.filter { $0 }.count
                    #expect(left >= 2)
                    #expect(total / (Double(left - 1) * 10_000) <= 0.81 + 1e-12)
                }
                t += 5
            }
        }
    }

    @Test("invalid parameters are rejected with a message naming the parameter")
    func checks() {
        #expect(
            DPMPolicyModel.check(target: 0.63, tolerance: 0.5, powerOffWindow: .zero, powerOnWindow: .zero, haReserveHosts: 1)
                == "tolerance: expected target ± tolerance within (0, 1], found 0.63 ± 0.5")
        #expect(
            DPMPolicyModel.check(target: 0.63, tolerance: 0.18, powerOffWindow: .zero, powerOnWindow: .zero, haReserveHosts: -1)
                == "haReserveHosts: expected >= 0, found -1")
    }
}
