import Testing
import DatacenterModel

/// Erlang C by its textbook sum, an independent check of the recursion in `CPUContention`:
/// C(c, a) = (aᶜ/c!)·(1/(1 − ρ)) / (Σₖ₌₀..c₋₁ aᵏ/k! + (aᶜ/c!)·(1/(1 − ρ))), ρ = a/c.
private func erlangCBySum(_ c: Int, _ a: Double) -> Double {
    var sum = 0.0, term = 1.0
    for k in 0..<c {
        if k > 0 { term *= a / Double(k) }
        sum += term
    }
    let last = term * a / Double(c) / (1 - a / Double(c))
    return last / (sum + last)
}

@Suite("CPU contention: the M/M/c ready-time model")
struct CPUContentionTests {
    @Test("2 threads at ρ = 0.5 (a = 1 Erlang): P_W = (1/2)/(1 − 1/2) / (1 + 1 + 1) = 1/3, Wq/S = (1/3)/(2·0.5) = 1/3, ready 1/4, stretch 4/3")
    func twoThreads() {
        let f = CPUContention.figures(threads: 2, utilization: 0.5)
        #expect(abs(f.waitProbability - 1.0 / 3) < 1e-12)
        #expect(abs(f.waitPerService - 1.0 / 3) < 1e-12)
        #expect(abs(f.readyFraction - 0.25) < 1e-12)
        #expect(abs(f.stretch - 4.0 / 3) < 1e-12)
    }

    @Test("one thread (M/M/1): P_W = ρ, Wq/S = ρ/(1 − ρ), so the ready fraction is ρ itself")
    func mm1() {
        for rho in [0.1, 0.3, 0.7, 0.9] {
            let f = CPUContention.figures(threads: 1, utilization: rho)
            #expect(abs(f.waitProbability - rho) < 1e-12)
            #expect(abs(f.waitPerService - rho / (1 - rho)) < 1e-12)
            #expect(abs(f.readyFraction - rho) < 1e-12)
        }
    }

    /// 4 threads at 70%: a = 2.8. Erlang B: B₁ = 2.8/3.8 = 0.736842, B₂ = 2.063158/4.063158 =
    /// 0.507772, B₃ = 1.421762/4.421762 = 0.321537, B₄ = 0.900303/4.900303 = 0.183724;
    /// C = 0.183724 / (1 − 0.7 × 0.816276) = 0.428654; Wq/S = 0.428654 / (4 × 0.3) = 0.357212;
    /// ready = 0.357212 / 1.357212 = 26.32% — well above VMware's 10% "serious" line.
    @Test("ready is above zero below saturation: 4 threads at 70% → 26.32% (Erlang B recursion written out)")
    func belowSaturation() {
        let f = CPUContention.figures(threads: 4, utilization: 0.7)
        #expect(abs(f.waitProbability - 0.428654) < 1e-6)
        #expect(abs(f.readyFraction - 0.263195) < 1e-6)
        #expect(f.readyFraction > 0)
        // and it matches the textbook sum
        #expect(abs(f.waitProbability - erlangCBySum(4, 2.8)) < 1e-12)
        // 3 Erlangs on 4 threads in exact fractions: C = 27/53, Wq/S = 27/53, ready = 27/80
        #expect(abs(CPUContention.figures(threads: 4, utilization: 0.75).readyFraction - 27.0 / 80) < 1e-12)
    }

    @Test("ready rises steeply near saturation: 95% ≫ 70% (×3.1 on 4 threads, ×18.8 on 16), and more threads wait less at the same load")
    func nearSaturation() {
        for (c, r70, r95) in [(4, 0.263195, 0.816752), (16, 0.026305, 0.493733)] {
            let lo = CPUContention.figures(threads: c, utilization: 0.7).readyFraction
            let hi = CPUContention.figures(threads: c, utilization: 0.95).readyFraction
            #expect(abs(lo - r70) < 1e-6 && abs(hi - r95) < 1e-6, "c = \(c): \(lo), \(hi)")
            #expect(hi > 3 * lo)
        }
        // monotone in ρ, falling with c
        var last = -1.0
        for k in 0...99 {
            let r = CPUContention.figures(threads: 8, utilization: Double(k) / 100).readyFraction
            #expect(r > last || (k == 0 && r == 0))
            last = r
        }
        #expect(CPUContention.figures(threads: 32, utilization: 0.8).readyFraction < CPUContention.figures(threads: 8, utilization: 0.8).readyFraction)
    }

    @Test("at and above saturation every figure stays at its value at ρ = 0.99 (the documented cap)")
    func saturation() {
        let cap = CPUContention.figures(threads: 4, utilization: CPUContention.saturationLoad)
        #expect(CPUContention.figures(threads: 4, utilization: 1) == cap)
        #expect(CPUContention.figures(threads: 4, utilization: 1.7) == cap)
        #expect(abs(cap.waitProbability - erlangCBySum(4, 3.96)) < 1e-12)
        let idle = CPUContention.figures(threads: 4, utilization: 0)
        #expect(idle.waitProbability == 0 && idle.readyFraction == 0 && idle.stretch == 1)
        #expect(CPUContention.erlangC(servers: 3, load: 3) == 1)
    }

    @Test("hyper-threading: 2 threads per core, capacity × (1 + gain); default gain 0.15")
    func hyperthreading() {
        var t = HostType(name: "h", cores: 4, coreMips: 1000, ramMiB: 1024, power: LinearPowerModel(idleW: 100, maxW: 200))
        #expect(t.schedulableThreads == 4 && t.cpuCapacityMips == 4000)
        t.hyperthreading = true
        #expect(t.schedulableThreads == 8 && abs(t.cpuCapacityMips - 4000 * 1.15) < 1e-9)
        t.htGain = 0.25
        #expect(t.cpuCapacityMips == 5000)
    }

    @Test("a request queue with a stretch factor: service 1 s at stretch 1.5 finishes at 1.5 s; the next (arrival 0.5 s) waits and finishes at 3 s")
    func stretchedService() {
        var q = RequestQueue(slotsPerReplica: 1, maxReplicas: 1)
        q.start(replica: 0, readyAtS: 0)
        var busy = [0.0]
        var requests = [(arrivalS: 0.0, serviceS: 1.0), (arrivalS: 0.5, serviceS: 1.0)]
        q.advance(to: 10, busyS: &busy, stretch: [1.5]) { requests.isEmpty ? (.infinity, 0) : requests.removeFirst() }
        #expect(q.latenciesS == [1.5, 3.0 - 0.5])
        #expect(busy[0] == 3)
    }
}
