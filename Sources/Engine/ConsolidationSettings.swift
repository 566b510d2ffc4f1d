import SimKernel
import Policies

/// Dynamic consolidation on the event-driven engine (arm key `consolidation:` on the `virtsim`
/// profile): every `interval`, an overload detector, a VM-selection policy, power-aware
/// placement of the selected VMs and an underload step (Beloglazov & Buyya, CCPE 24(13),
/// 2012; semantics in `ArmSimulation+Consolidation.swift`).
public struct ConsolidationSettings: Sendable {
    /// Decides whether a host is overloaded (THR, IQR, MAD, LR, LRR: `ConsolidationRegistry`).
    public var detector: any OverloadDetector
    /// Chooses which VM leaves an overloaded host next (MMT, MU, MC, RS).
    public var selection: any VMSelectionPolicy
    /// Period of the rounds, and the step of the utilization histories the detectors read
    /// (arm key `scheduling_interval`, default 300 s as CloudSim's). > 0.
    public var interval: SimDuration
    /// Whether the underload step runs (the least loaded hosts are emptied when their VMs fit
    /// elsewhere). Default true, as in the paper.
    public var underload: Bool

    /// Settings; the interval defaults to 300 s.
    public init(
        detector: any OverloadDetector, selection: any VMSelectionPolicy,
        interval: SimDuration = .seconds(300.0), underload: Bool = true
    ) {
        self.detector = detector; self.selection = selection; self.interval = interval; self.underload = underload
    }
}
