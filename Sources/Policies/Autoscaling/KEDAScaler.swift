/// KEDA's ScaledObject with the Kubernetes HPA behind it: event-driven scaling of a service's
/// replicas on a queue-length trigger, scale to zero included (`DomainModels.md` B8).
///
/// Semantics reproduced (KEDA ScaledObject spec,
/// https://keda.sh/docs/latest/reference/scaledobject-spec ; concepts,
/// https://keda.sh/docs/concepts/scaling-deployments/ ; Kubernetes HPA algorithm and
/// `behavior` defaults, KEP-853, `HPAScalingRules`):
/// - **Activation (0 ↔ 1), KEDA** (`scale_scaledobjects.go`): every `pollingIntervalS` (30 s)
///   the trigger is *active* when the metric exceeds `activationThreshold` (0). An active
///   trigger at 0 replicas scales the service to max(1, `minReplicas`). With `minReplicas` =
///   0, the service goes back to 0 at a poll once last-active + `cooldownPeriodS` (300 s) is
///   before now; a service never active waits `initialCooldownPeriodS` (0) from the start.
///   With `idleReplicas` (0) and `minReplicas` > 0 it idles at 0 the same way and activates
///   to `minReplicas`.
/// - **Scaling (1 ↔ N), HPA** (`horizontal.go`): every `syncPeriodS` (15 s) while replicas > 0,
///   with the metric an external `AverageValue` target: desired = ceil(metric /
///   `targetPerReplica`), skipped while |metric / (target · current) − 1| ≤ `tolerance` (0.1).
///   Stabilization: min(max(current, least of this and the past recommendations newer than
///   `scaleUpStabilizationS` (0 s)), greatest of this and those newer than
///   `scaleDownStabilizationS` (300 s)). Rate limits relative to the replicas at the start of
///   each policy's period (current − replicas added, or + removed, in the last
///   `scaleUpPeriodS` / `scaleDownPeriodS`, 15 s): up to max(start + `scaleUpPods` (4),
///   ceil(start · (1 + `scaleUpPercent` (100)/100))) — "double or +4 pods per 15 s"; down to
///   no fewer than ⌊start · (1 − `scaleDownPercent` (100)/100)⌋ — "all pods per 15 s". The
///   HPA keeps between max(1, `minReplicas`) and `maxReplicas` (100).
/// - Polls and syncs run on their own grids (multiples of their periods from 0); the caller
///   calls `decide` at every `nextDecisionS`.
///
/// The metric is what KEDA's queue scalers read as queue length: requests waiting plus
/// requests in service (RabbitMQ's `QueueLength` counts ready and unacknowledged messages).
/// Units: seconds, replicas, requests. Deterministic: a pure function of its calls.
public struct KEDAScaler: Sendable {
    /// The registry name (`services[].scaler.type`).
    public static let name = "keda"
    public static let summary = "KEDA ScaledObject + Kubernetes HPA: queue-length trigger, scale to zero after a cooldown, HPA stabilization and rate limits"

    /// The ScaledObject's and the HPA behavior's settings; defaults are KEDA's and Kubernetes'.
    public struct Settings: Sendable, Equatable {
        /// Metric per replica the HPA aims at (the trigger's `value`), requests > 0; no default:
        /// KEDA's queue scalers require it.
        public var targetPerReplica: Double
        /// KEDA `pollingInterval`, s > 0 (30).
        public var pollingIntervalS: Double = 30
        /// KEDA `cooldownPeriod`, s ≥ 0 (300): inactive time before scaling to zero.
        public var cooldownPeriodS: Double = 300
        /// KEDA `initialCooldownPeriod`, s ≥ 0 (0): no scale to zero before this time.
        public var initialCooldownPeriodS: Double = 0
        /// KEDA `minReplicaCount` ≥ 0 (0: scale to zero).
        public var minReplicas: Int = 0
        /// KEDA `idleReplicaCount`: nil (none) or 0 — the only value KEDA supports — with
        /// `minReplicas` > 0: the service idles at 0 and activates straight to `minReplicas`.
        public var idleReplicas: Int? = nil
        /// KEDA `maxReplicaCount` ≥ max(1, minReplicas) (100).
        public var maxReplicas: Int = 100
        /// The trigger's `activationValue`, ≥ 0 (0): active while metric > this.
        public var activationThreshold: Double = 0
        /// HPA tolerance, fraction in [0, 1) (0.1).
        public var tolerance: Double = 0.1
        /// HPA sync period, s > 0 (15; kube-controller-manager `--horizontal-pod-autoscaler-sync-period`).
        public var syncPeriodS: Double = 15
        /// HPA scale-up policies per period: Pods (4) and Percent (100); the larger applies.
        public var scaleUpPods: Int = 4
        public var scaleUpPercent: Double = 100
        /// HPA scale-down policy per period: Percent (100).
        public var scaleDownPercent: Double = 100
        /// HPA policy periods, s > 0 (15 each): the rate limits apply to the replicas at the
        /// start of the period (`periodSeconds`).
        public var scaleUpPeriodS: Double = 15
        public var scaleDownPeriodS: Double = 15
        /// HPA stabilization windows, s ≥ 0 (scale up 0, scale down 300).
        public var scaleUpStabilizationS: Double = 0
        public var scaleDownStabilizationS: Double = 300

        public init(targetPerReplica: Double) { self.targetPerReplica = targetPerReplica }

        /// Nil if valid, else what is wrong (field names as in the scenario).
        public func check() -> String? {
            if !(targetPerReplica > 0 && targetPerReplica.isFinite) { return "target_per_replica: expected requests > 0, found \(targetPerReplica)" }
            // KEDA and Kubernetes take whole seconds for both
            if !(pollingIntervalS >= 1 && pollingIntervalS.isFinite) { return "polling_interval: expected a duration ≥ 1 s, found \(pollingIntervalS) s" }
            if !(syncPeriodS >= 1 && syncPeriodS.isFinite) { return "sync_period: expected a duration ≥ 1 s, found \(syncPeriodS) s" }
            for (k, v) in [("scale_up_period", scaleUpPeriodS), ("scale_down_period", scaleDownPeriodS)]
            where !(v >= 1 && v.isFinite) { return "\(k): expected a duration ≥ 1 s, found \(v) s" }
            for (k, v) in [
                ("cooldown_period", cooldownPeriodS), ("initial_cooldown_period", initialCooldownPeriodS),
                ("scale_up_stabilization", scaleUpStabilizationS), ("scale_down_stabilization", scaleDownStabilizationS)
            ]
            where !(v >= 0 && v.isFinite) { return "\(k): expected a duration ≥ 0" }
            if minReplicas < 0 { return "min_replicas: expected an integer ≥ 0, found \(minReplicas)" }
            if let i = idleReplicas, !(i == 0 && minReplicas > 0) {
                return "idle_replicas: expected 0 (the only value KEDA supports) with min_replicas > 0, found \(i) with min_replicas \(minReplicas)"
            }
            if maxReplicas < max(1, minReplicas) {
                return "max_replicas: expected an integer ≥ max(1, min_replicas) = \(max(1, minReplicas)), found \(maxReplicas)"
            }
            if !(activationThreshold >= 0 && activationThreshold.isFinite) { return "activation_threshold: expected a number ≥ 0" }
            if !(tolerance >= 0 && tolerance < 1) { return "tolerance: expected a fraction in [0, 1), found \(tolerance)" }
            if scaleUpPods < 0 { return "scale_up_pods: expected an integer ≥ 0" }
            if !(scaleUpPercent >= 0 && scaleUpPercent.isFinite) { return "scale_up_percent: expected a percentage ≥ 0" }
            if !(scaleDownPercent >= 0 && scaleDownPercent <= 100) { return "scale_down_percent: expected a percentage in [0, 100]" }
            if scaleUpPods == 0 && scaleUpPercent == 0 { return "scale_up_pods and scale_up_percent are both 0: the HPA could never scale up" }
            return nil
        }
    }

    public let settings: Settings
    /// Last time the trigger was active, s (−∞: never).
    public private(set) var lastActiveS = -Double.infinity
    /// Past HPA recommendations (before stabilization): (time s, replicas).
    private var history: [(t: Double, replicas: Int)] = []
    /// Past rescales by the HPA: (time s, replicas added (> 0) or removed (< 0)).
    private var events: [(t: Double, change: Int)] = []
    /// Next KEDA poll and next HPA sync, s.
    private var nextPollS = 0.0, nextSyncS = 0.0

    /// - Precondition: `settings.check()` is nil.
    public init(settings: Settings) {
        precondition(settings.check() == nil, settings.check() ?? "")
        self.settings = settings
    }

    /// When `decide` next has something to do: the next KEDA poll or HPA sync, s.
    public var nextDecisionS: Double { min(nextPollS, nextSyncS) }

    /// The controller at `nowS` (call at every `nextDecisionS`, from 0, in time order): a KEDA
    /// poll when one is due, then an HPA sync when one is due.
    /// - Parameters:
    ///   - metric: queue length now (requests waiting + in service), ≥ 0.
    ///   - current: replicas the service has now.
    /// - Returns: the replicas it should have.
    public mutating func decide(nowS: Double, metric: Double, current: Int) -> Int {
        let s = settings
        let hpaMin = max(1, s.minReplicas)
        let eps = 1e-9
        let isPoll = nowS + eps >= nextPollS, isSync = nowS + eps >= nextSyncS
        if isPoll { nextPollS = ((nowS + eps) / s.pollingIntervalS).rounded(.down) * s.pollingIntervalS + s.pollingIntervalS }
        if isSync { nextSyncS = ((nowS + eps) / s.syncPeriodS).rounded(.down) * s.syncPeriodS + s.syncPeriodS }
        if isPoll {
            // KEDA (pkg/scaling/executor/scale_scaledobjects.go): activation and scale to zero
            let active = metric > s.activationThreshold
            if active { lastActiveS = nowS }
            if current == 0 {
                guard active || (s.minReplicas > 0 && s.idleReplicas == nil) else { return 0 }
                history.removeAll(); events.removeAll()
                return min(s.maxReplicas, hpaMin)
            }
            let cooledDown =
                lastActiveS == -Double.infinity
                ? nowS > s.initialCooldownPeriodS
                : lastActiveS + s.cooldownPeriodS < nowS - eps
            if !active && (s.minReplicas == 0 || s.idleReplicas != nil) && cooledDown {
                history.removeAll(); events.removeAll()
                return 0
            }
        }
        guard isSync, current > 0 else { return current }
        // HPA (pkg/controller/podautoscaler/horizontal.go): the raw recommendation
        var rec = current
        let ratio = metric / (s.targetPerReplica * Double(current))
        if abs(ratio - 1) > s.tolerance {
            rec = Int((metric / s.targetPerReplica - eps).rounded(.up))
        }
        rec = min(s.maxReplicas, max(hpaMin, rec))
        // stabilization over the past recommendations strictly inside each window
        var up = rec, down = rec
        for h in history {
            if h.t > nowS - s.scaleUpStabilizationS + eps { up = min(up, h.replicas) }
            if h.t > nowS - s.scaleDownStabilizationS + eps { down = max(down, h.replicas) }
        }
        history.removeAll { $0.t <= nowS - max(s.scaleUpStabilizationS, s.scaleDownStabilizationS) + eps }
        history.append((nowS, rec))
        var desired = min(max(current, up), down)
        // rate limits relative to the replicas at the start of each policy's period
        events.removeAll { $0.t <= nowS - max(s.scaleUpPeriodS, s.scaleDownPeriodS) + eps }
        if desired > current {
            let added = events.filter { $0.t > nowS - s.scaleUpPeriodS + eps && $0.change > 0 }.reduce(0) { $0 + $1.change }
            let start = current - added
            let byPods = start + s.scaleUpPods
            let byPercent = Int((Double(start) * (1 + s.scaleUpPercent / 100) - eps).rounded(.up))
            desired = min(desired, max(byPods, byPercent))
        } else if desired < current {
            let removed = events.filter { $0.t > nowS - s.scaleDownPeriodS + eps && $0.change < 0 }.reduce(0) { $0 - $1.change }
            let start = current + removed
            desired = max(desired, Int(Double(start) * (1 - s.scaleDownPercent / 100) + eps))
        }
        desired = min(s.maxReplicas, max(hpaMin, desired))
        if desired != current { events.append((nowS, desired - current)) }
        return desired
    }
}
