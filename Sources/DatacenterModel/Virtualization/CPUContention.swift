/// CPU contention on one host: what its vCPUs wait for a hardware thread (CPU ready), modelled
/// as an M/M/c queue (`CPUContention.md`).
///
/// Model: the host's schedulable hardware threads are c identical servers
/// (``HostType/schedulableThreads``: cores, or 2 × cores with hyper-threading); the vCPUs'
/// runnable bursts arrive as a Poisson stream and each holds a thread for an exponential
/// service time S; the load per thread is ρ = CPU demand / capacity (the host's CPU
/// utilization below saturation; ``HostType/cpuCapacityMips`` includes the hyper-threading
/// gain). With offered load a = c·ρ (Erlang), Erlang C (Erlang 1917; Kleinrock, *Queueing
/// Systems* I, 1975, §3.5) gives
/// - P_W = C(c, a) = B / (1 − ρ(1 − B)), B = Erlang B from the recursion B₀ = 1,
///   Bₖ = a·Bₖ₋₁ / (k + a·Bₖ₋₁): the probability that a burst waits (all threads busy);
/// - Wq / S = P_W / (c(1 − ρ)): the mean wait per unit of service;
/// - ready fraction r = Wq / (Wq + S): the share of a runnable vCPU's time spent ready but not
///   running — VMware's %RDY per vCPU for a vCPU with work throughout the sample (%RUN + %RDY
///   = 100%; Broadcom KB 387750, `PlannerPractice.md` B); practitioners read < 5% as
///   unnoticeable, 5–10% as noticeable, > 10% as serious (same section);
/// - stretch k = 1 + Wq / S = 1 / (1 − r): how much longer a piece of CPU work takes than on an
///   idle host (applied to service times).
///
/// Laws: r = 0 at ρ = 0; r > 0 for every ρ > 0; r, P_W and k increase with ρ and fall with c at
/// a fixed ρ; r → 1 as ρ → 1.
///
/// Saturation: the stationary queue has no finite wait at ρ ≥ 1, so ρ is evaluated at most at
/// ``saturationLoad`` (0.99, an ASSUMPTION, no source): at or above it every figure stays at
/// its value there, and demand above capacity is counted as unmet, as before.
public enum CPUContention {
    /// The highest load per thread the queue is evaluated at, 0.99 (ASSUMPTION): the cap of
    /// every figure at and above saturation.
    public static let saturationLoad = 0.99

    /// What the queue gives at one load.
    public struct Figures: Sendable, Equatable {
        /// Probability that a burst of CPU work waits for a thread (Erlang C), 0...1.
        public var waitProbability: Double
        /// Mean wait per unit of service, Wq / S, ≥ 0.
        public var waitPerService: Double
        /// Ready share of a runnable vCPU's time, Wq / (Wq + S), 0..<1.
        public var readyFraction: Double { waitPerService / (1 + waitPerService) }
        /// Service-time stretch factor, 1 + Wq / S, ≥ 1.
        public var stretch: Double { 1 + waitPerService }
    }

    /// Erlang C: the probability of waiting in an M/M/c queue with `servers` servers and
    /// offered load `load` = λ/μ Erlangs, 0 ≤ load < servers (load ≥ servers gives 1).
    /// - Complexity: O(c).
    public static func erlangC(servers c: Int, load a: Double) -> Double {
        precondition(c >= 1 && a >= 0)
        guard a < Double(c) else { return 1 }
        var b = 1.0
        for k in 1...c { b = a * b / (Double(k) + a * b) }
        let rho = a / Double(c)
        return b / (1 - rho * (1 - b))
    }

    /// The figures of a host with `threads` schedulable threads at utilization (load per
    /// thread) `rho` ≥ 0, evaluated at min(rho, ``saturationLoad``).
    /// - Complexity: O(threads).
    public static func figures(threads c: Int, utilization rho: Double) -> Figures {
        let r = min(max(rho, 0), saturationLoad)
        let pw = erlangC(servers: c, load: Double(c) * r)
        return Figures(waitProbability: pw, waitPerService: pw / (Double(c) * (1 - r)))
    }
}
