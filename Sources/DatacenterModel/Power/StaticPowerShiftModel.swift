/// A power model moved by a constant: P'(u) = max(0, P(u) + shiftW). Down (shiftW < 0) for an
/// embedded hypervisor's missing boot disks (`EmbeddedHypervisor`), up (shiftW > 0) for local
/// devices beyond a curve's tested configuration (`LocalDevices`). Keeps the laws of
/// `PowerModel` (p(0) = idle, p(1) = max, monotone) when the base model has them.
public struct StaticPowerShiftModel: PowerModel {
    /// The model before the shift.
    public let base: any PowerModel
    /// Watts added to every level (negative: removed, each level floored at 0 W).
    public let shiftW: Double

    /// `base` moved by `shiftW` (finite).
    public init(base: any PowerModel, shiftW: Double) {
        precondition(shiftW.isFinite, "shiftW: expected finite watts, found \(shiftW)")
        self.base = base; self.shiftW = shiftW
    }

    /// max(0, base(u) + shiftW), W.
    public func powerW(utilization u: Double) -> Double { max(0, base.powerW(utilization: u) + shiftW) }
    /// max(0, base idle + shiftW), W.
    public var idleW: Double { max(0, base.idleW + shiftW) }
    /// max(0, base max + shiftW), W.
    public var maxW: Double { max(0, base.maxW + shiftW) }
    /// The base's when the shift is upward (a constant moves no breakpoint); unknown (nil)
    /// downward, where the floor at 0 W may add one.
    public var slopeBreakpoints: [Double]? { shiftW >= 0 ? base.slopeBreakpoints : nil }
}
