/// RS, random selection: a uniformly random candidate, index = ⌊u · n⌋ for u from the caller's
/// seeded uniform source (CloudSimPlanetLab.md §6 step 3 and §9; CloudSim class
/// `PowerVmSelectionPolicyRandomSelection`).
///
/// CloudSim 3.0.3 draws `new Random().nextInt(n)` from a new, unseeded generator on every call,
/// so its RS runs cannot be repeated (none is in the §8 targets). Here the draw comes from the
/// stream the engine passes, so the same seed gives the same choices; no particular CloudSim
/// sequence can be reproduced.
public struct RandomSelection: VMSelectionPolicy {
    /// Registry name.
    public static let name = "rs"
    /// One-line summary for `virtsim list`.
    public static let summary = "random selection: a uniformly random VM from a seeded stream (CloudSim RS, unseeded there)"
    /// Registry name (`rs`).
    public var name: String { Self.name }

    /// RS.
    public init() {}

    /// `⌊uniform() · n⌋` (clamped to n − 1); nil if there are no candidates, in which case no
    /// number is drawn. Exactly one number is drawn per non-empty call.
    /// - Parameter uniform: numbers in [0, 1).
    public func selectVM<C: VMCandidateList>(from c: C, uniform: () -> Double) -> Int? {
        let n = c.count
        if n == 0 { return nil }
        let u = uniform()
        precondition(u >= 0 && u < 1, "uniform() must return a number in [0, 1)")
        return min(Int(u * Double(n)), n - 1)
    }
}
