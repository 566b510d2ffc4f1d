/// Linear power model: P(u) = P_idle + (P_max − P_idle)·u.
///
/// The standard first-order server power model (Fan, Weber, Barroso, "Power provisioning for
/// a warehouse-sized computer", ISCA 2007; CloudSim's `PowerModelLinear`).
/// Valid range: 0 ≤ idleW ≤ maxW. Units: watts; u is a fraction 0...1 (clamped).
public struct LinearPowerModel: PowerModel, Registered, Equatable {
    public static let name = "linear"
    public static let summary = "P(u) = idle + (max - idle)·u (Fan et al., ISCA 2007)"

    public let idleW: Double
    public let maxW: Double

    public init(idleW: Double, maxW: Double) {
        precondition(idleW >= 0 && maxW >= idleW, "linear power model needs 0 <= idle <= max")
        self.idleW = idleW; self.maxW = maxW
    }

    /// Linear on [0, 1]: no inner points.
    public var slopeBreakpoints: [Double]? { [] }
    @inlinable public func powerW(utilization u: Double) -> Double {
        let x = u < 0 ? 0 : (u > 1 ? 1 : u)
        return idleW + (maxW - idleW) * x
    }
}
