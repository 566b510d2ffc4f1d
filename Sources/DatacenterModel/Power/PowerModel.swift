/// Electrical power drawn by a powered-on host as a function of its CPU utilization.
///
/// Laws every model obeys (checked by the conformance tests for every registered model):
/// `power(0) == idleW`, `power(1) == maxW`, monotone non-decreasing on [0, 1], finite;
/// utilizations outside [0, 1] are clamped (a host cannot run above 100%).
public protocol PowerModel: Sendable {
    /// Power at utilization `u` (fraction of the host's CPU capacity, 0...1), in watts.
    func powerW(utilization u: Double) -> Double
    /// Power of an idle, powered-on host, in watts.
    var idleW: Double { get }
    /// Power at 100% utilization, in watts.
    var maxW: Double { get }
    /// The utilizations in (0, 1) where the curve's slope may change, ascending: the curve is
    /// linear between consecutive points (and between 0, them and 1). `[]` for a linear model,
    /// 0.1, 0.2, …, 0.9 for a SPECpower table; nil when the curve is not piecewise linear or
    /// its points are not known, so power-aware searches fall back to evaluating every host
    /// (`PowerAwareTargetIndex`).
    var slopeBreakpoints: [Double]? { get }
}

extension PowerModel {
    /// Unknown (nil) unless a model states its points.
    public var slopeBreakpoints: [Double]? { nil }
}
