import Testing
@testable import DatacenterModel

@Suite("Live migration models")
struct MigrationModelTests {
    /// The issue's case: 4 GiB over 1 Gb/s, 80 MB/s dirty rate, 30 ms maximum downtime.
    let issue = PreCopyMigration(
        ramBytes: 4_294_967_296, bandwidthBytesPerS: 125_000_000,
        dirtyRateBytesPerS: 80_000_000, maxDowntimeS: 0.030)

    @Test("pre-copy, the issue's example: 16 rounds, ≈ 11.92 GB, ≈ 95.4 s, ≈ 27 ms downtime")
    func issueExample() {
        let r = issue.run()
        let m = 4_294_967_296.0, b = 125_000_000.0, ratio = 80_000_000.0 / 125_000_000  // r = 0.64
        #expect(r.rounds == 16)
        #expect(r.converged)
        #expect(r.bytesPerTransfer.count == 16 + 1, "rounds 0…15 live, then the stop-and-copy")
        // Traffic M(1 − r^17)/(1 − r) ≈ 11.92 GB.
        let traffic = m * (1 - pow(ratio, 17)) / (1 - ratio)
        #expect(abs(r.bytesSent / traffic - 1) < 1e-12)
        #expect(abs(r.bytesSent - 11.92e9) < 0.005e9)
        // Time = traffic / B ≈ 95.4 s.
        #expect(abs(r.durationS - traffic / b) < 1e-9)
        #expect(abs(r.durationS - 95.4) < 0.05)
        // Downtime = V16 / B = M·0.64^16 / B ≈ 27.2 ms.
        #expect(abs(r.downtimeS - m * pow(ratio, 16) / b) < 1e-12)
        #expect(abs(r.downtimeS - 0.027) < 0.0005)
        // Round 15 would not have fitted in 30 ms: M·0.64^15 > B × 0.030 = 3,750,000 bytes.
        #expect(m * pow(ratio, 15) > 125_000_000 * 0.030)
        #expect(m * pow(ratio, 16) <= 125_000_000 * 0.030)
    }

    @Test("the same VM by RAM / bandwidth: 4,294,967,296 / 125,000,000 ≈ 34.4 s")
    func naive() {
        let t = PreCopyMigration.ramOverBandwidthS(ramBytes: 4_294_967_296, bandwidthBytesPerS: 125_000_000)
        #expect(t == 4_294_967_296.0 / 125_000_000)
        #expect(abs(t - 34.4) < 0.05)
    }

    @Test("B6's 10 GbE row: 4 GiB, 10 MiB/s dirty -> 1 round, ≈ 4.03 GiB, ≈ 3.4 s, ≈ 29 ms")
    func tenGbE() {
        let r = PreCopyMigration(
            ramBytes: 4 * 1_073_741_824, bandwidthBytesPerS: 1_250_000_000,
            dirtyRateBytesPerS: 10 * 1_048_576
        ).run()
        #expect(r.rounds == 1)
        #expect(abs(r.bytesSent / 1_073_741_824 - 4.03) < 0.005)
        #expect(abs(r.durationS - 3.4) < 0.1)
        #expect(abs(r.downtimeS - 0.029) < 0.0005)
    }

    @Test("a round cap forces an early stop-and-copy with a long pause")
    func cap() {
        var m = issue
        m.maxRounds = 5  // cloud-hypervisor's first implementation (B6)
        let r = m.run()
        #expect(r.rounds == 5 && !r.converged)
        #expect(abs(r.downtimeS - 4_294_967_296 * pow(0.64, 5) / 125_000_000) < 1e-9)  // ≈ 3.7 s
    }

    @Test("a dirty rate at or above the bandwidth never converges: every round resends all memory")
    func noConvergence() {
        let r = PreCopyMigration(ramBytes: 1e9, bandwidthBytesPerS: 1e8, dirtyRateBytesPerS: 2e8, maxRounds: 30).run()
        #expect(r.rounds == 30 && !r.converged)
        #expect(r.bytesPerTransfer.allSatisfy { $0 == 1e9 })
        #expect(r.bytesSent == 31 * 1e9)
    }

    @Test("edge cases: no dirtying, a VM that fits in the downtime, setup and resume times")
    func edges() {
        let idle = PreCopyMigration(ramBytes: 1e9, bandwidthBytesPerS: 1e8, dirtyRateBytesPerS: 0).run()
        #expect(idle.rounds == 1 && idle.downtimeS == 0 && idle.bytesSent == 1e9)
        let tiny = PreCopyMigration(ramBytes: 1e6, bandwidthBytesPerS: 1e8, dirtyRateBytesPerS: 5e7).run()
        #expect(tiny.rounds == 0 && tiny.downtimeS == 1e6 / 1e8, "1 MB fits in 30 ms at 100 MB/s: pure stop-and-copy")
        let slow = PreCopyMigration(ramBytes: 1e9, bandwidthBytesPerS: 1e8, dirtyRateBytesPerS: 0, setupS: 2, resumeS: 0.1).run()
        #expect(slow.durationS == 2 + 10 && slow.downtimeS == 0.1)
    }

    @Test("vMotion concurrency limits: 4 per 1 GbE, 8 per 10 GbE, 8 per host")
    func limits() {
        #expect(VMotionLimits.perNetwork1GbE == 4 && VMotionLimits.perNetwork10GbE == 8 && VMotionLimits.perHost == 8)
        #expect(VMotionLimits.maxConcurrent(nicGbps: 1) == 4)
        #expect(VMotionLimits.maxConcurrent(nicGbps: 10) == 8)
        #expect(VMotionLimits.maxConcurrent(nicGbps: 40) == 8)
    }

    @Test("migration energy E = α·V + β: 1 GB at 0.512 J/MB + 20.165 J")
    func energy() {
        #expect(abs(MigrationEnergyModel().energyJ(bytesTransferred: 1e9) - (0.512 * 1000 + 20.165)) < 1e-9)
        #expect(MigrationEnergyModel.check(joulesPerByte: -1, fixedJ: 0) == "joulesPerByte: expected finite J/B >= 0, found -1.0")
    }

    @Test("invalid migrations are rejected with a message naming the parameter")
    func checks() {
        var m = issue
        m.bandwidthBytesPerS = 0
        #expect(PreCopyMigration.check(m) == "bandwidthBytesPerS: expected finite bytes/s > 0, found 0.0")
        m = issue
        m.maxRounds = 0
        #expect(PreCopyMigration.check(m) == "maxRounds: expected >= 1, found 0")
    }
}

private func pow(_ x: Double, _ n: Int) -> Double { (0..<n).reduce(1) { r, _ in r * x } }
