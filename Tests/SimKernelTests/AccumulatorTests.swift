import Testing
import SimKernel

@Suite("Accumulators")
struct AccumulatorTests {
    @Test("Tally of known data: mean, sample variance, min, max, sum")
    func tallyKnown() {
        var t = Tally()
        for x in [2.0, 4, 4, 4, 5, 5, 7, 9] { t.add(x) }
        #expect(t.count == 8)
        #expect(t.mean == 5)
        // Σ(x − 5)² = 9+1+1+1+0+0+4+16 = 32; sample variance 32 / 7.
        #expect(abs(t.variance - 32.0 / 7.0) < 1e-12)
        #expect(t.min == 2)
        #expect(t.max == 9)
        #expect(abs(t.sum - 40) < 1e-12)
    }

    @Test("Tally edge cases: empty and single observation")
    func tallyEdges() {
        var t = Tally()
        #expect(t.count == 0 && t.variance == 0 && t.mean == 0)
        t.add(-3)
        #expect(t.mean == -3 && t.variance == 0 && t.min == -3 && t.max == -3)
    }

    @Test("Tally is stable for a large offset (Welford)")
    func tallyOffset() {
        var t = Tally()
        for x in [1e9 + 4, 1e9 + 7, 1e9 + 13, 1e9 + 16] { t.add(x) }
        #expect(t.mean == 1e9 + 10)
        // deviations −6, −3, 3, 6: Σd² = 90, variance 90 / 3 = 30.
        #expect(abs(t.variance - 30) < 1e-6)
    }

    @Test("TimeWeighted: integral of a piecewise-constant level, computed by hand")
    func timeWeighted() {
        var w = TimeWeighted(level: 0, at: .zero)
        w.set(2, at: .seconds(1))  // [0,1): 0
        w.set(5, at: .seconds(3))  // [1,3): 2
        w.set(1, at: .seconds(4))  // [3,4): 5
        // [4,6): 1  →  0·1 + 2·2 + 5·1 + 1·2 = 11
        let byHand: Double = 0 * 1 + 2 * 2 + 5 * 1 + 1 * 2
        let toLastChange: Double = 0 * 1 + 2 * 2 + 5 * 1
        #expect(w.integral(upTo: .seconds(6)) == byHand)
        #expect(w.integral == toLastChange)  // up to the last change (t = 4)
        #expect(w.mean(upTo: .seconds(6)) == 11.0 / 6.0)
        #expect(w.level == 1)
        #expect(w.maxLevel == 5)
        #expect(w.lastChange == .seconds(4))
    }

    @Test("TimeWeighted with a non-zero start and repeated changes at one instant")
    func timeWeightedStart() {
        var w = TimeWeighted(level: 3, at: .seconds(10))
        #expect(w.mean(upTo: .seconds(10)) == 3)  // no time passed: the current level
        w.set(7, at: .seconds(12))  // 3 · 2 = 6
        w.set(1, at: .seconds(12))  // zero-length interval at level 7
        // [12, 15): 1 · 3 = 3  →  9 over 5 s
        #expect(w.integral(upTo: .seconds(15)) == 9)
        #expect(w.mean(upTo: .seconds(15)) == 9.0 / 5.0)
        #expect(w.maxLevel == 7)
        #expect(w.start == .seconds(10))
    }
}
