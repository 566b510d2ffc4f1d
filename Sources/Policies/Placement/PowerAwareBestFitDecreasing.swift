/// Power-aware best fit decreasing (after Beloglazov & Buyya's PABFD, CCPE 2012): VMs by
/// decreasing CPU request; each goes to the feasible host whose power rises least, where a
/// host's power is evaluated at its reserved CPU fraction before and after placing the VM.
/// An off host's "before" power is its off power, so powered hosts are naturally preferred
/// unless a powered-off host is far more efficient. Ties by lowest host id.
/// (The CloudSim 3.0.3 variant, which uses measured utilization, comes with issue 3.)
/// - Complexity: O(k) per VM for k state classes (`PlacementState.stateClassRepresentatives`):
///   hosts of one class and with the same powered flag and free CPU and RAM show the same
///   increase, so only the lowest id of each can win; the choice is a scan's.
public struct PowerAwareBestFitDecreasing: PlacementPolicy {
    public static let name = "power-aware-bfd"
    public static let summary = "largest VMs first; host whose power increases least (PABFD, Beloglazov & Buyya 2012)"
    public var name: String { Self.name }
    public var placesDecreasing: Bool { true }
    public init() {}
    public func selectHost(for r: PlacementRequest, in s: PlacementState) -> Int? {
        var best: Int? = nil
        var bestDelta = Double.infinity
        // a scan in id order keeps the first host with the least increase: the least
        // (increase, id) over the classes' lowest ids
        for h in s.stateClassRepresentatives() where s.fits(r, on: h) {
            let delta = Self.increase(r, h, s)
            if delta < bestDelta || (delta == bestDelta && best.map { h < $0 } == true) { bestDelta = delta; best = h }
        }
        return best
    }

    /// Host h's power increase for request r, W (off power as "before" for an off host).
    @inline(__always) static func increase(_ r: PlacementRequest, _ h: Int, _ s: PlacementState) -> Double {
        let before = s.powered[h] ? s.power[h].powerW(utilization: s.allocatedFraction(h)) : s.offW[h]
        let after = s.power[h].powerW(utilization: s.allocatedFraction(h, adding: r.cpu))
        return after - before
    }
}
