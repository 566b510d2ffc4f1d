import Foundation
import SimKernel
import Testing
import Workloads

@Suite("DiurnalWorkload")
struct DiurnalWorkloadTests {
    static let hour = SimDuration.seconds(3600 as Int64)

    @Test func followsTheCosineOfTheStepMidpoint() throws {
        let w = try DiurnalWorkload(mean: 0.5, amplitude: 0.2, peakHour: 14, memoryMean: 0.4, interval: Self.hour)
        // Step 13 covers 13:00–14:00, midpoint 13.5 h: half an hour before the peak.
        #expect(near(w.demand(member: 0, step: 13).cpu, 0.5 + 0.2 * cos(2 * .pi * -0.5 / 24)))
        // Step 14 (midpoint 14.5 h) is symmetric to step 13 around the peak.
        #expect(near(w.demand(member: 0, step: 14).cpu, w.demand(member: 0, step: 13).cpu))
        // Step 1, midpoint 1.5 h = 12.5 h before the peak: the trough side.
        #expect(near(w.demand(member: 0, step: 1).cpu, 0.5 + 0.2 * cos(2 * .pi * -12.5 / 24)))
        // Memory is constant when memoryAmplitude is 0.
        #expect(w.demand(member: 3, step: 7).memory == 0.4)
        #expect(w.step == Self.hour)
    }

    @Test func startHourShiftsTheDay() throws {
        // Start at 08:00, 5-minute steps: step 0's midpoint is 8 h 2.5 min.
        let w = try DiurnalWorkload(mean: 0.3, amplitude: 0.1, peakHour: 14, startHourOfDay: 8, memoryMean: 0.5)
        let h = 8 + 2.5 / 60
        #expect(near(w.demand(member: 0, step: 0).cpu, 0.3 + 0.1 * cos(2 * .pi * (h - 14) / 24)))
        // 14:00–14:05 is step 72 (6 h later); its midpoint is 2.5 min past the peak.
        #expect(near(w.demand(member: 0, step: 72).cpu, 0.3 + 0.1 * cos(2 * .pi * (2.5 / 60) / 24)))
    }

    @Test func repeatsEveryDay() throws {
        let w = try DiurnalWorkload(mean: 0.4, amplitude: 0.3, startHourOfDay: 5.5, memoryMean: 0.5, memoryAmplitude: 0.2)
        for k in 0..<288 {
            let a = w.demand(member: 0, step: k), b = w.demand(member: 9, step: k + 288 * 30)
            #expect(near(a.cpu, b.cpu, 1e-9) && near(a.memory, b.memory, 1e-9))
        }
    }

    @Test func memoryFollowsTheSameShape() throws {
        let w = try DiurnalWorkload(mean: 0.5, amplitude: 0.2, memoryMean: 0.6, memoryAmplitude: 0.1, interval: Self.hour)
        for k in [0, 5, 13, 20] {
            let c = w.cycle(step: k), d = w.demand(member: 0, step: k)
            #expect(near(d.cpu, 0.5 + 0.2 * c) && near(d.memory, 0.6 + 0.1 * c))
        }
    }

    @Test func clampsToOne() throws {
        let w = try DiurnalWorkload(mean: 0.9, amplitude: 0.3, peakHour: 14, memoryMean: 0.5, interval: Self.hour)
        #expect(w.demand(member: 0, step: 13).cpu == 1)
        #expect(near(w.demand(member: 0, step: 1).cpu, 0.9 + 0.3 * cos(2 * .pi * -12.5 / 24)))
    }

    @Test func noiseIsCounterBasedAndCentred() throws {
        let w = try DiurnalWorkload(
            mean: 0.5, amplitude: 0.2, noiseSD: 0.05, memoryMean: 0.5,
            interval: Self.hour, seed: 77, entityBase: 1000)
        let twin = try DiurnalWorkload(
            mean: 0.5, amplitude: 0.2, noiseSD: 0.05, memoryMean: 0.5,
            interval: Self.hour, seed: 77, entityBase: 1000)
        let shifted = try DiurnalWorkload(
            mean: 0.5, amplitude: 0.2, noiseSD: 0.05, memoryMean: 0.5,
            interval: Self.hour, seed: 77, entityBase: 1004)
        #expect(w.demand(member: 4, step: 10) == shifted.demand(member: 0, step: 10))
        #expect(w.demand(member: 1, step: 10) != w.demand(member: 2, step: 10))
        var sum = 0.0
        for m in 0..<10_000 {
            let d = w.demand(member: m, step: 10)
            #expect(d == twin.demand(member: m, step: 10))
            sum += d.cpu
        }
        // Step 10's midpoint is 10.5 h; noise sd 0.05 gives a standard error of 0.0005.
        #expect(abs(sum / 10_000 - (0.5 + 0.2 * cos(2 * .pi * -3.5 / 24))) < 0.003)
    }

    @Test func rejectsInvalidParameters() {
        #expect(
            thrown(WorkloadParameterError.self) {
                try DiurnalWorkload(mean: 0.5, amplitude: 0.1, peakHour: 24, memoryMean: 0.5)
            }?.parameter == "peakHour")
        #expect(
            thrown(WorkloadParameterError.self) {
                try DiurnalWorkload(mean: 0.5, amplitude: -0.1, memoryMean: 0.5)
            }?.parameter == "amplitude")
        #expect(
            thrown(WorkloadParameterError.self) {
                try DiurnalWorkload(mean: 0.5, amplitude: 0.1, startHourOfDay: -1, memoryMean: 0.5)
            }?.parameter == "startHourOfDay")
        #expect(
            thrown(WorkloadParameterError.self) {
                try DiurnalWorkload(mean: 0.5, amplitude: 0.1, noiseSD: .nan, memoryMean: 0.5)
            }?.parameter == "noiseSD")
        #expect(
            thrown(WorkloadParameterError.self) {
                try DiurnalWorkload(mean: 0.5, amplitude: 0.1, memoryMean: 2)
            }?.parameter == "memoryMean")
    }
}
