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
}
