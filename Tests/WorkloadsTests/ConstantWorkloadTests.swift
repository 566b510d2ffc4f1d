import Testing
import Workloads

@Suite("ConstantWorkload")
struct ConstantWorkloadTests {
    @Test func givesTheSameDemandEverywhere() throws {
        let w = try ConstantWorkload(cpu: 0.25, memory: 0.75)
        #expect(w.step == nil)
        #expect(w.memberLimit == nil)
        for (m, k) in [(0, 0), (7, 0), (0, 1_000_000), (999_999, 42)] {
            #expect(w.demand(member: m, step: k) == Demand(cpu: 0.25, memory: 0.75))
        }
    }

    @Test func acceptsTheEndsOfTheRange() throws {
        #expect(try ConstantWorkload(cpu: 0, memory: 1).demand(member: 0, step: 0) == Demand(cpu: 0, memory: 1))
    }

    @Test func rejectsFractionsOutsideZeroToOne() {
        let e = thrown(WorkloadParameterError.self) { try ConstantWorkload(cpu: 1.5, memory: 0.5) }
        #expect(e?.parameter == "cpu")
        #expect(e?.message == "expected a fraction in 0...1, found 1.5")
        #expect(thrown(WorkloadParameterError.self) { try ConstantWorkload(cpu: 0.5, memory: .nan) }?.parameter == "memory")
        #expect(thrown(WorkloadParameterError.self) { try ConstantWorkload(cpu: -0.1, memory: 0) }?.parameter == "cpu")
    }
}
