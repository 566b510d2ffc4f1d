import Testing
import SimKernel

@Suite("SimTime and SimDuration")
struct TimeTests {
    @Test("instant ± duration, instant − instant")
    func arithmetic() {
        let t = SimTime(microseconds: 1_500_000)
        let d = SimDuration(microseconds: 250_000)
        #expect((t + d).microseconds == 1_750_000)
        #expect((t - d).microseconds == 1_250_000)
        #expect((t + d) - t == d)
        #expect(t - (t + d) == SimDuration(microseconds: -250_000))
        #expect(SimTime.zero + .zero == .zero)
    }

    @Test("duration sums, scaling and units")
    func durations() {
        #expect(SimDuration.seconds(Int64(3)).microseconds == 3_000_000)
        #expect(SimDuration.seconds(0.5) + .seconds(0.25) == .seconds(0.75))
        #expect(SimDuration.seconds(Int64(2)) * 3 == .seconds(Int64(6)))
        #expect(SimDuration.seconds(Int64(7200)).hours == 2)
        #expect(SimDuration(microseconds: 1_500_000).seconds == 1.5)
        #expect(SimDuration.zero.microseconds == 0)
    }

    @Test("seconds(Double) rounds to the nearest microsecond, halves away from zero")
    func rounding() {
        #expect(SimTime.seconds(1e-6).microseconds == 1)
        #expect(SimTime.seconds(0.4e-6).microseconds == 0)
        #expect(SimTime.seconds(2.5e-6).microseconds == 3)
        #expect(SimDuration.seconds(-2.5e-6).microseconds == -3)
        #expect(SimTime.seconds(0.1 + 0.2).microseconds == 300_000)
        #expect(SimTime.seconds(3600).seconds == 3600)
    }

    @Test("ordering and equality")
    func ordering() {
        let a = SimTime(microseconds: 1), b = SimTime(microseconds: 2)
        #expect(a < b && b > a && a <= a && !(a < a))
        #expect([b, a, .zero].sorted() == [.zero, a, b])
        #expect(SimDuration(microseconds: -1) < .zero)
        #expect(Set([a, a, b]).count == 2)
    }

    @Test("descriptions")
    func descriptions() {
        #expect(SimTime.seconds(1.5).description == "t=1.5s")
        #expect(SimDuration.seconds(0.25).description == "0.25s")
    }
}
