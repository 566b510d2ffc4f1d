/// Live migration by iterative pre-copy, then stop-and-copy (Clark et al., NSDI 2005).
///
/// Model (`DomainModels.md` B6): round 0 sends all memory, V₀ = M; each next round sends the
/// pages dirtied while the previous round was on the wire, V_{i+1} = min(M, D·V_i/B) = M·rⁱ⁺¹
/// with r = D/B. The VM is paused for stop-and-copy as soon as the next round would fit in
/// the maximum downtime (V_n ≤ B·t_maxdown), or after `maxRounds` live rounds, whichever
/// comes first (with r ≥ 1 the rounds never shrink: the cap forces a stop-and-copy).
///
/// Counting: `rounds` = n, the number of live pre-copy rounds (rounds 0 … n−1 run while the VM
/// runs); the stop-and-copy sends V_n while it is paused. n + 1 transfers in all, so
/// traffic = Σ_{i=0..n} V_i = M(1 − rⁿ⁺¹)/(1 − r) (r < 1 and no cap hit),
/// time = traffic / B + setupS, downtime = V_n / B + resumeS.
/// Example (the test): M = 4 GiB, B = 125,000,000 B/s (1 Gb/s), D = 80,000,000 B/s,
/// 30 ms: r = 0.64, B·t = 3,750,000 B; V_15 = M·0.64¹⁵ ≈ 5.32 MB > 3.75 MB, V_16 ≈ 3.40 MB ≤
/// 3.75 MB → 16 rounds, ≈ 11.92 GB sent, ≈ 95.4 s, ≈ 27.2 ms downtime (RAM/B alone: 34.4 s).
///
/// Defaults: maximum downtime 30 ms (SimGrid's `VmLiveMigration.cpp`; QEMU's default is
/// 300 ms, B6). maxRounds 30: ASSUMPTION — the reference's only cap is cloud-hypervisor's
/// first implementation, 5 dirty passes (B6), which would stop the example above at
/// V₅ = M·0.64⁵ ≈ 461 MB, a 3.7 s pause; 30 lets a 4 GiB VM on 1 GbE converge up to
/// r = 0.75 (25 rounds).
/// Units: bytes, bytes per second, seconds.
public struct PreCopyMigration: Sendable, Equatable {
    /// VM memory to move, bytes, ≥ 0.
    public var ramBytes: Double
    /// Migration bandwidth, bytes/s, > 0.
    public var bandwidthBytesPerS: Double
    /// Rate at which the running VM dirties memory, bytes/s, ≥ 0.
    public var dirtyRateBytesPerS: Double
    /// Largest acceptable stop-and-copy pause, s, > 0.
    public var maxDowntimeS: Double
    /// Most live rounds before a forced stop-and-copy, ≥ 1.
    public var maxRounds: Int
    /// Fixed time before the first round (connection, reservation), s, ≥ 0. Default 0.
    public var setupS: Double
    /// Fixed time to resume the VM on the destination, added to the downtime, s, ≥ 0. Default 0.
    public var resumeS: Double

    /// A migration of `ramBytes` over `bandwidthBytesPerS` with `dirtyRateBytesPerS`; 30 ms / 30 rounds by default.
    /// - Precondition: `check` passes.
    public init(
        ramBytes: Double, bandwidthBytesPerS: Double, dirtyRateBytesPerS: Double,
        maxDowntimeS: Double = 0.030, maxRounds: Int = 30, setupS: Double = 0, resumeS: Double = 0
    ) {
        self.ramBytes = ramBytes; self.bandwidthBytesPerS = bandwidthBytesPerS
        self.dirtyRateBytesPerS = dirtyRateBytesPerS; self.maxDowntimeS = maxDowntimeS
        self.maxRounds = maxRounds; self.setupS = setupS; self.resumeS = resumeS
        let problem = Self.check(self)
        precondition(problem == nil, problem ?? "")
    }

    /// Nil if valid, else the first problem, naming the parameter.
    public static func check(_ m: PreCopyMigration) -> String? {
        if !(m.ramBytes >= 0 && m.ramBytes.isFinite) { return "ramBytes: expected finite bytes >= 0, found \(m.ramBytes)" }
        if !(m.bandwidthBytesPerS > 0 && m.bandwidthBytesPerS.isFinite) {
            return "bandwidthBytesPerS: expected finite bytes/s > 0, found \(m.bandwidthBytesPerS)"
        }
        if !(m.dirtyRateBytesPerS >= 0 && m.dirtyRateBytesPerS.isFinite) {
            return "dirtyRateBytesPerS: expected finite bytes/s >= 0, found \(m.dirtyRateBytesPerS)"
        }
        if !(m.maxDowntimeS > 0 && m.maxDowntimeS.isFinite) { return "maxDowntimeS: expected finite seconds > 0, found \(m.maxDowntimeS)" }
        if m.maxRounds < 1 { return "maxRounds: expected >= 1, found \(m.maxRounds)" }
        if !(m.setupS >= 0 && m.setupS.isFinite) { return "setupS: expected finite seconds >= 0, found \(m.setupS)" }
        if !(m.resumeS >= 0 && m.resumeS.isFinite) { return "resumeS: expected finite seconds >= 0, found \(m.resumeS)" }
        return nil
    }

    /// Runs the model.
    /// - Complexity: O(rounds) ≤ O(maxRounds).
    public func run() -> PreCopyResult {
        let b = bandwidthBytesPerS
        let threshold = b * maxDowntimeS
        var v = ramBytes
        var sent = 0.0
        var n = 0
        var perRound: [Double] = []
        while v > threshold && n < maxRounds {
            sent += v; perRound.append(v)
            v = min(ramBytes, dirtyRateBytesPerS * (v / b))
            n += 1
        }
        sent += v; perRound.append(v)
        return PreCopyResult(
            rounds: n, bytesSent: sent, durationS: setupS + sent / b,
            downtimeS: v / b + resumeS, converged: v <= threshold, bytesPerTransfer: perRound)
    }

    /// Migration time when all memory is sent once (the naive model of the CloudSim family):
    /// RAM / bandwidth, s. CloudSim itself uses RAM / (bandwidth / 2) (B6 appendix).
    public static func ramOverBandwidthS(ramBytes: Double, bandwidthBytesPerS: Double) -> Double {
        ramBytes / bandwidthBytesPerS
    }
}

/// The outcome of a pre-copy migration (`PreCopyMigration.run`).
public struct PreCopyResult: Sendable, Equatable {
    /// Live pre-copy rounds n (the stop-and-copy is transfer n, not counted).
    public var rounds: Int
    /// Bytes sent over the link, all n + 1 transfers.
    public var bytesSent: Double
    /// From start to the VM running on the destination, s.
    public var durationS: Double
    /// Stop-and-copy pause (+ resume), s.
    public var downtimeS: Double
    /// True if the stop-and-copy fit in the maximum downtime (false: forced by maxRounds).
    public var converged: Bool
    /// Bytes of each transfer: V₀ … V_n (the last is the stop-and-copy).
    public var bytesPerTransfer: [Double]
}
