import Testing
import Policies

/// KEDA activation and the HPA algorithm with its default behavior, hand-computed
/// (`DomainModels.md` B8).
@Suite("KEDA scaler: activation, HPA math, stabilization and rate limits")
struct KEDAScalerTests {
    static func scaler(target: Double = 4, _ edit: (inout KEDAScaler.Settings) -> Void = { _ in }) -> KEDAScaler {
        var s = KEDAScaler.Settings(targetPerReplica: target)
        edit(&s)
        return KEDAScaler(settings: s)
    }

    @Test("activation only at KEDA's 30 s polls: a queue at t = 15 s waits for the poll at 30 s, which starts 1 replica")
    func activation() {
        var k = Self.scaler()
        #expect(k.decide(nowS: 0, metric: 0, current: 0) == 0)
        #expect(k.decide(nowS: 15, metric: 5, current: 0) == 0)  // HPA idle at 0, no poll
        #expect(k.decide(nowS: 30, metric: 5, current: 0) == 1)  // poll: active → max(1, min)
        // minReplicas 2: activation goes to 2
        var m = Self.scaler { $0.minReplicas = 2 }
        #expect(m.decide(nowS: 0, metric: 3, current: 0) == 2)
    }

    @Test("HPA: desired = ceil(metric / target): 2 replicas, queue 20, target 4 → 5; within 10% tolerance nothing moves")
    func hpaMath() {
        var k = Self.scaler()
        _ = k.decide(nowS: 0, metric: 1, current: 0)
        #expect(k.decide(nowS: 15, metric: 20, current: 2) == 5)
        var t = Self.scaler()
        _ = t.decide(nowS: 0, metric: 1, current: 0)
        // 5 replicas, queue 21: ratio 21 / 20 = 1.05 ≤ 1.1 → stay; queue 23: 1.15 → ceil(5.75) = 6
        #expect(t.decide(nowS: 15, metric: 21, current: 5) == 5)
        #expect(t.decide(nowS: 30, metric: 23, current: 5) == 6)
    }

    @Test("scale-up rate limit: max(current + 4, 2 × current) per 15 s sync; max_replicas caps")
    func scaleUpLimit() {
        var k = Self.scaler(target: 1) { $0.maxReplicas = 50 }
        _ = k.decide(nowS: 0, metric: 1, current: 0)
        #expect(k.decide(nowS: 15, metric: 100, current: 1) == 5)  // +4 beats ×2
        #expect(k.decide(nowS: 30, metric: 100, current: 5) == 10)  // ×2 = 10 beats +4 = 9
        #expect(k.decide(nowS: 45, metric: 100, current: 10) == 20)
        #expect(k.decide(nowS: 60, metric: 100, current: 40) == 50)  // capped at max_replicas
    }

    @Test("scale-down stabilization: the highest recommendation newer than 300 s holds; at 315 s the one of 15 s is 300 s old and no longer counts")
    func scaleDownStabilization() {
        var k = Self.scaler()
        _ = k.decide(nowS: 0, metric: 40, current: 0)  // poll: → 1
        #expect(k.decide(nowS: 15, metric: 40, current: 10) == 10)  // rec 10
        #expect(k.decide(nowS: 30, metric: 4, current: 10) == 10)  // rec 1, window max 10
        #expect(k.decide(nowS: 300, metric: 4, current: 10) == 10)  // 15 > 300 − 300: rec 10 still counts
        // Kubernetes keeps recommendations with timestamp.After(now − window): 15 is not after 15
        #expect(k.decide(nowS: 315, metric: 4, current: 10) == 1)  // recs 1 only; down 100% allowed
    }

    @Test("scale to zero: at the first poll with last-active + 300 s cooldown before now (KEDA: Before(now)), not before")
    func scaleToZero() {
        var k = Self.scaler()
        #expect(k.decide(nowS: 0, metric: 0, current: 0) == 0)
        #expect(k.decide(nowS: 30, metric: 2, current: 0) == 1)  // active at 30
        var t = 45.0
        while t < 360 {
            #expect(k.decide(nowS: t, metric: 0, current: 1) == 1, "t = \(t)")  // HPA floor is 1; 30 + 300 is not before 330
            t += 15
        }
        #expect(k.decide(nowS: 360, metric: 0, current: 1) == 0)  // poll at 360: 30 + 300 < 360
        // minReplicas 1 never goes to zero
        var m = Self.scaler { $0.minReplicas = 1 }
        _ = m.decide(nowS: 0, metric: 2, current: 0)
        #expect(m.decide(nowS: 600, metric: 0, current: 1) == 1)
        // an initial cooldown holds a service that was never active (KEDA: LastActiveTime nil)
        var i = Self.scaler { $0.initialCooldownPeriodS = 900 }
        #expect(i.decide(nowS: 0, metric: 0, current: 1) == 1)
        #expect(i.decide(nowS: 600, metric: 0, current: 1) == 1)
        #expect(i.decide(nowS: 930, metric: 0, current: 1) == 0)
        // once active, only the cooldown counts
        var j = Self.scaler { $0.initialCooldownPeriodS = 900 }
        #expect(j.decide(nowS: 0, metric: 2, current: 0) == 1)
        #expect(j.decide(nowS: 330, metric: 0, current: 1) == 0)
    }

    @Test("rate limits count from the replicas at the start of the 15 s period, whatever the sync period (5 s here)")
    func ratePeriod() {
        var k = Self.scaler(target: 1) { $0.syncPeriodS = 5 }
        #expect(k.decide(nowS: 0, metric: 100, current: 0) == 1)  // poll: activation
        #expect(k.decide(nowS: 5, metric: 100, current: 1) == 5)  // start 1: max(1 + 4, 2)
        #expect(k.decide(nowS: 10, metric: 100, current: 5) == 5)  // +4 in (−5, 10]: start 1 again
        #expect(k.decide(nowS: 15, metric: 100, current: 5) == 5)  // the +4 of t = 5 is still after 15 − 15 = 0
        #expect(k.decide(nowS: 20, metric: 100, current: 5) == 10)  // 5 is not after 20 − 15: start 5, ×2
    }

    @Test("scale-down percent: the floor is ⌊start · (1 − p)⌋ (3 at 50% → 1; 9 at 10% → 8, never frozen)")
    func scaleDownPercent() {
        var k = Self.scaler {
            $0.scaleDownPercent = 50; $0.scaleDownStabilizationS = 0
        }
        _ = k.decide(nowS: 0, metric: 1, current: 0)
        #expect(k.decide(nowS: 15, metric: 0.1, current: 3) == 1)
        var m = Self.scaler {
            $0.scaleDownPercent = 10; $0.scaleDownStabilizationS = 0
        }
        _ = m.decide(nowS: 0, metric: 1, current: 0)
        #expect(m.decide(nowS: 15, metric: 0.1, current: 9) == 8)
    }

    @Test("polls run on their own grid: with a 5 s polling interval a queue at 5 s activates at 5 s, not at the 15 s sync")
    func pollGrid() {
        var k = Self.scaler { $0.pollingIntervalS = 5 }
        #expect(k.decide(nowS: 0, metric: 0, current: 0) == 0)
        #expect(k.nextDecisionS == 5)
        #expect(k.decide(nowS: 5, metric: 3, current: 0) == 1)
        #expect(k.nextDecisionS == 10)
    }

    @Test("idle_replicas 0 with min_replicas 2: idles at 0, activates straight to 2, back to 0 after the cooldown")
    func idleReplicas() {
        var k = Self.scaler {
            $0.minReplicas = 2; $0.idleReplicas = 0
        }
        #expect(k.decide(nowS: 0, metric: 0, current: 0) == 0)
        #expect(k.decide(nowS: 30, metric: 3, current: 0) == 2)
        #expect(k.decide(nowS: 45, metric: 0, current: 2) == 2)  // the HPA floor is min_replicas
        #expect(k.decide(nowS: 360, metric: 0, current: 2) == 0)  // 30 + 300 < 360
        var bad = KEDAScaler.Settings(targetPerReplica: 1)
        bad.idleReplicas = 1; bad.minReplicas = 2
        #expect(bad.check() == "idle_replicas: expected 0 (the only value KEDA supports) with min_replicas > 0, found 1 with min_replicas 2")
    }

    @Test("bad settings are rejected with the scenario's field names")
    func check() {
        #expect(KEDAScaler.Settings(targetPerReplica: 0).check() == "target_per_replica: expected requests > 0, found 0.0")
        var s = KEDAScaler.Settings(targetPerReplica: 1)
        s.minReplicas = 5; s.maxReplicas = 3
        #expect(s.check() == "max_replicas: expected an integer ≥ max(1, min_replicas) = 5, found 3")
        s = KEDAScaler.Settings(targetPerReplica: 1)
        s.tolerance = 1
        #expect(s.check() == "tolerance: expected a fraction in [0, 1), found 1.0")
        s = KEDAScaler.Settings(targetPerReplica: 1)
        s.syncPeriodS = 1e-9
        #expect(s.check() == "sync_period: expected a duration ≥ 1 s, found 1e-09 s")
    }
}
