import SimKernel
import Testing
import Workloads

@Suite("StochasticWorkload")
struct StochasticWorkloadTests {
    static let fiveMinutes = SimDuration.seconds(300 as Int64)

    static func make(
        seed: UInt64, base: UInt64 = 0,
        cpu: Distribution = .beta(a: 2, b: 5),
        memory: Distribution = .uniform(min: 0.2, max: 0.8)
    ) throws -> StochasticWorkload {
        try StochasticWorkload(cpu: cpu, memory: memory, interval: fiveMinutes, seed: seed, entityBase: base)
    }

    static func table(_ w: StochasticWorkload, members: Int = 20, steps: Int = 50) -> [Demand] {
        (0..<members).flatMap { m in (0..<steps).map { k in w.demand(member: m, step: k) } }
    }

    @Test func sameSeedGivesIdenticalSequences() throws {
        #expect(Self.table(try Self.make(seed: 42)) == Self.table(try Self.make(seed: 42)))
    }

    @Test func differentSeedsDiffer() throws {
        let a = Self.table(try Self.make(seed: 42)), b = Self.table(try Self.make(seed: 43))
        let same = zip(a, b).filter { $0.cpu == $1.cpu || $0.memory == $1.memory }.count
        #expect(same == 0)
    }

    @Test func memberIsTheGlobalVMIdMinusTheBase() throws {
        let a = try Self.make(seed: 9, base: 100), b = try Self.make(seed: 9, base: 105)
        for k in 0..<20 { #expect(a.demand(member: 5, step: k) == b.demand(member: 0, step: k)) }
    }

    @Test func stepsAndMembersAreIndependentDraws() throws {
        let w = try Self.make(seed: 1)
        let d = Self.table(w, members: 10, steps: 10)
        #expect(Set(d.map(\.cpu)).count == d.count)
        #expect(Set(d.map(\.memory)).count == d.count)
    }

    @Test func cpuAndMemoryUseDifferentStreams() throws {
        let w = try Self.make(seed: 5, cpu: .uniform(min: 0, max: 1), memory: .uniform(min: 0, max: 1))
        for k in 0..<20 {
            let d = w.demand(member: 3, step: k)
            #expect(d.cpu != d.memory)
        }
    }

    @Test func uniformMeanOverMembersAndSteps() throws {
        let w = try Self.make(seed: 2024, cpu: .uniform(min: 0.2, max: 0.4), memory: .constant(0.5))
        var sum = 0.0
        for m in 0..<100 { for k in 0..<100 { sum += w.demand(member: m, step: k).cpu } }
        #expect(abs(sum / 10_000 - 0.3) < 0.005)
        #expect(w.demand(member: 17, step: 3).memory == 0.5)
    }

    @Test func stepIsTheInterval() throws {
        let w = try Self.make(seed: 0)
        #expect(w.step == Self.fiveMinutes)
        #expect(w.memberLimit == nil)
    }

    @Test func rejectsInvalidParameters() {
        let e = thrown(WorkloadParameterError.self) { try Self.make(seed: 0, cpu: .beta(a: 0, b: 1)) }
        #expect(e?.parameter == "cpu")
        #expect(e?.message.contains("expected a > 0") == true)
        #expect(
            thrown(WorkloadParameterError.self) {
                try Self.make(seed: 0, memory: .uniform(min: 0.9, max: 0.1))
            }?.parameter == "memory")
        #expect(
            thrown(WorkloadParameterError.self) {
                try StochasticWorkload(cpu: .constant(0.1), memory: .constant(0.1), interval: .zero, seed: 0, entityBase: 0)
            }?.parameter == "interval")
    }
}
