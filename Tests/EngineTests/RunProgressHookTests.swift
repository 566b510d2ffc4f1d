import Foundation
import Testing
import SimKernel
import DatacenterModel
import Policies
@testable import Engine

/// What the engine told a progress callback, in order.
final class ProgressLog: @unchecked Sendable {
    private let lock = NSLock()
    private var calls: [(Double, Double)] = []
    func add(_ s: Double, _ d: Double) { lock.withLock { calls.append((s, d)) } }
    var all: [(Double, Double)] { lock.withLock { calls } }
}

@Suite("Engine: the progress callback (virtsim run --progress)")
struct RunProgressHookTests {
    @Test("told 0 at the start, then every sample up to the duration, in order; results unchanged")
    func reportsEverySampleAndChangesNothing() {
        let g = VMGroup(
            name: "g", count: 3, type: VMType(vcpus: 1, mipsPerVcpu: 1000, ramMiB: 1024),
            workload: TableWorkload([0.2, 0.7, 0.4], stepS: 1200))
        let log = ProgressLog()
        var settings = oneHour
        settings.progress = { log.add($0, $1) }
        let with = simulateArm(arm(hosts: 3), groups: [g], settings: settings)
        let without = simulateArm(arm(hosts: 3), groups: [g], settings: oneHour)
        let calls = log.all
        // 1 h sampled every 5 min: the start, then 12 samples at 300, 600, …, 3600 s
        #expect(calls.map(\.0) == [0] + (1...12).map { Double($0 * 300) })
        #expect(calls.allSatisfy { $0.1 == 3600 })
        #expect(
            with.itEnergyKWh == without.itEnergyKWh && with.timeseries.map(\.itPowerW) == without.timeseries.map(\.itPowerW)
                && with.migrations == without.migrations)
    }
}
