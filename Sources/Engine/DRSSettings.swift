import Policies
import SimKernel
import DatacenterModel

/// Load balancing of a `virtsim`-profile arm after pre-7.0 vSphere DRS (scenario key `drs:` of
/// an arm; issue 4 item 6: "a DRS-like balancer (runs every 5 min, threshold 1–5)").
///
/// Every `interval` the engine gives `DRSBalancerModel.balance` each cluster's powered-on hosts
/// (not booting, in standby or being evacuated) with their CPU demand, capacity and
/// reservations, and the VMs settled on them; the model returns live migrations that lower the
/// current host load standard deviation (KB 1007485) until it is within the tolerance of the
/// migration threshold: CHLSD ≤ 0.1 × (5 − threshold) / √N. Defaults: threshold 3 and a 5-min
/// pass (vSphere's, `DomainModels.md` B5); at most 8 moves out of one host per pass
/// (`MaxMovesPerHost`, Denneman 2010); no cluster-wide cap; a move must cut CHLSD by ≥ 1%
/// (ASSUMPTION). See `DRSBalancerModel` for the rules and sources.
public struct DRSSettings: Sendable, Equatable {
    /// Migration threshold 1–5: 1 applies only mandatory moves (no load balancing), 3 (default)
    /// priorities 1–3, 5 every recommendation (B5).
    public var threshold: Int
    /// Time between DRS passes, > 0. Default 5 min (pre-7.0 DRS, B5).
    public var interval: SimDuration
    /// Most moves in one pass (whole cluster); nil (default) = no limit beyond `maxMovesPerHost`.
    public var maxMovesPerPass: Int?
    /// Most moves out of one host in one pass; nil = no limit. Default 8 (`MaxMovesPerHost`).
    public var maxMovesPerHost: Int?
    /// Least relative CHLSD reduction a move must bring, fraction in [0, 1). Default 0.01
    /// (ASSUMPTION).
    public var minImprovement: Double

    /// DRS with vSphere's defaults (threshold 3, every 5 min).
    public init(
        threshold: Int = 3, interval: SimDuration = .seconds(Int64(5 * 60)),
        maxMovesPerPass: Int? = nil, maxMovesPerHost: Int? = 8, minImprovement: Double = 0.01
    ) {
        self.threshold = threshold; self.interval = interval; self.maxMovesPerPass = maxMovesPerPass
        self.maxMovesPerHost = maxMovesPerHost; self.minImprovement = minImprovement
    }

    /// Nil if valid, else the first problem (`interval` > 0, and `DRSBalancerModel.check`).
    public func check() -> String? {
        if interval <= .zero { return "interval: expected a duration > 0, found \(interval.seconds) s" }
        return DRSBalancerModel.check(
            threshold: threshold, minImprovement: minImprovement,
            maxMovesPerPass: maxMovesPerPass, maxMovesPerHost: maxMovesPerHost)
    }

    /// The balancer with these parameters.
    /// - Precondition: `check()` is nil.
    public func makeModel() -> DRSBalancerModel {
        DRSBalancerModel(
            threshold: threshold, minImprovement: minImprovement,
            maxMovesPerPass: maxMovesPerPass, maxMovesPerHost: maxMovesPerHost)
    }
}
