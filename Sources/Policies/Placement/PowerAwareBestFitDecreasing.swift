/// Power-aware best fit decreasing (after Beloglazov & Buyya's PABFD, CCPE 2012): VMs by
/// decreasing CPU request; each goes to the feasible host whose power rises least, where a
/// host's power is evaluated at its reserved CPU fraction before and after placing the VM.
/// An off host's "before" power is its off power, so powered hosts are naturally preferred
/// unless a powered-off host is far more efficient. Ties by lowest host id.
/// (The CloudSim 3.0.3 variant, which uses measured utilization, comes with issue 3.)
/// - Complexity: O(n) per VM (every host's power curve is evaluated).
public struct PowerAwareBestFitDecreasing: PlacementPolicy {
    public static let name = "power-aware-bfd"
    public static let summary = "largest VMs first; host whose power increases least (PABFD, Beloglazov & Buyya 2012)"
    public var name: String { Self.name }
    public var placesDecreasing: Bool { true }
    public init() {}
    public func selectHost(for r: PlacementRequest, in s: PlacementState) -> Int? {
        var best: Int? = nil
        var bestDelta = Double.infinity
        for h in 0..<s.hostCount where s.fits(r, on: h) {
            let before = s.powered[h] ? s.power[h].powerW(utilization: s.allocatedFraction(h)) : s.offW[h]
            let after = s.power[h].powerW(utilization: s.allocatedFraction(h, adding: r.cpu))
            let delta = after - before
            if delta < bestDelta { bestDelta = delta; best = h }
        }
        return best
    }
}
