#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// The P-states (DVFS frequency steps) of a host type: each step's capacity and power curve.
///
/// P-state 0 is the highest frequency; frequencies are strictly decreasing (ACPI numbering,
/// SimGrid's `speed="100.0Mf,50.0Mf,20.0Mf"`). Capacity is proportional to frequency: at
/// P-state k the host serves `cores × core_mips × f_k / f_0` — the host type's `core_mips` is
/// its capacity at P-state 0, and only the ratios of the frequencies matter (MHz by
/// convention; Mflop/s or any unit works).
///
/// Power at P-state k is a function of the utilization *relative to that P-state's capacity*
/// (u = demand / capacity_k, clamped to 0...1), in one of two forms:
///
/// - **Explicit** (`explicit(idleW:maxW:)`), as SimGrid's host energy plugin
///   (`src/plugins/host_energy.cpp`, property `wattage_per_state`, `DomainModels.md` B1):
///   P_k(u) = idle_k + (max_k − idle_k)·u. SimGrid's documented example is pstates
///   100/50/20 Mflop/s with `95:120:200, 93:115:170, 90:110:150` (Idle:Epsilon:AllCores W);
///   here that is `idleW = [95, 93, 90]`, `maxW = [200, 170, 150]`. SimGrid's **Epsilon** (power
///   with all cores awake at ≈0%, as opposed to Idle, "nothing to do") is not used: SimGrid draws
///   Idle at a load of exactly 0 and Epsilon + (AllCores − Epsilon)·u above it, a jump at 0⁺.
///   virtsim's power curves are continuous with P(0) = idle (the `PowerModel` laws), and a
///   powered-on hypervisor host is modelled as idle only when its VMs demand nothing, so the
///   line from Idle to AllCores is used. ASSUMPTION: with SimGrid's own numbers this draws up to
///   ε − idle less at low load (25 W at P-state 0 near u = 0, 0 W at u = 1).
/// - **Derived** (`derived(exponent:)`) from the host type's own power model P(u):
///   P_k(u) = P(0) + (P(u) − P(0)) × (f_k / f_0)^exponent. Dynamic CPU power is ∝ C·V²·f and
///   the voltage scales with the frequency, so the dynamic part scales with f³ (default
///   exponent 3); static power P(0) does not scale (Mannheim DCSim's P = A·f³ + P_idle,
///   `DomainModels.md` B1 "DVFS"). ASSUMPTIONS: the whole load-dependent part of the server's
///   power scales like the CPU's dynamic power (it also holds memory and fans, so this
///   overstates DVFS savings on real servers); idle power does not depend on the P-state;
///   a SPEC-curve's shape in u is kept at every P-state. Exponent 0 makes every P-state draw
///   the base power (frequency changes capacity only), 1 makes dynamic power ∝ f.
///
/// Laws (tested): P_k(0) = idleW(k), P_k(1) = maxW(k), P_k monotone non-decreasing in u; in
/// the derived form also P_k(u) ≤ P_{k−1}(u) (a lower frequency never draws more).
public struct PStateTable: Sendable, Equatable {
    /// How the power of each P-state is given.
    public enum Power: Sendable, Equatable {
        /// Idle and full-load watts per P-state (SimGrid's Idle and AllCores), linear between.
        case explicit(idleW: [Double], maxW: [Double])
        /// The host type's power model with the dynamic part scaled by (f_k / f_0)^exponent.
        case derived(exponent: Double)
    }

    /// Default exponent of the derived form: dynamic power ∝ C·V²·f with V ∝ f (B1).
    public static let defaultExponent = 3.0

    /// Frequency of each P-state, MHz (any unit: only ratios matter), strictly decreasing, > 0.
    public let frequenciesMHz: [Double]
    /// Power of each P-state.
    public let power: Power
    /// Capacity of each P-state as a fraction of P-state 0's: f_k / f_0, in (0, 1].
    public let capacityFractions: [Double]
    /// (f_k / f_0)^exponent per P-state (derived form; all 1 for the explicit form).
    let dynamicScale: [Double]

    /// Nil if the frequencies and power are valid, else what is wrong (naming the key).
    public static func check(frequenciesMHz f: [Double], power: Power) -> String? {
        if f.isEmpty { return "frequencies_mhz: expected at least one P-state frequency" }
        for (i, x) in f.enumerated() where !(x > 0 && x.isFinite) {
            return "frequencies_mhz[\(i)]: expected a finite frequency > 0, found \(x)"
        }
        for i in 1..<f.count where !(f[i] < f[i - 1]) {
            return
                "frequencies_mhz: expected strictly decreasing frequencies (P-state 0 is the highest); \(f[i]) at [\(i)] is not below \(f[i - 1]) at [\(i - 1)]"
        }
        switch power {
        case let .explicit(idle, max):
            if idle.count != f.count { return "idle_w: expected one value per P-state (\(f.count)), found \(idle.count)" }
            if max.count != f.count { return "max_w: expected one value per P-state (\(f.count)), found \(max.count)" }
            for i in 0..<f.count {
                if !(idle[i] >= 0 && idle[i].isFinite) { return "idle_w[\(i)]: expected finite watts ≥ 0, found \(idle[i])" }
                if !(max[i] >= idle[i] && max[i].isFinite) {
                    return "max_w[\(i)]: expected finite watts ≥ idle_w[\(i)] (\(idle[i])), found \(max[i])"
                }
            }
        case let .derived(e):
            if !(e >= 0 && e <= 10) { return "exponent: expected a number between 0 and 10, found \(e)" }
        }
        return nil
    }

    /// A table.
    /// - Precondition: `check(frequenciesMHz:power:)` is nil.
    public init(frequenciesMHz: [Double], power: Power) {
        let problem = Self.check(frequenciesMHz: frequenciesMHz, power: power)
        precondition(problem == nil, problem ?? "")
        self.frequenciesMHz = frequenciesMHz
        self.power = power
        let f0 = frequenciesMHz[0]
        capacityFractions = frequenciesMHz.map { $0 / f0 }
        switch power {
        case .explicit: dynamicScale = Array(repeating: 1, count: frequenciesMHz.count)
        case let .derived(e): dynamicScale = frequenciesMHz.map { pow($0 / f0, e) }
        }
    }

    /// Number of P-states, ≥ 1.
    public var count: Int { frequenciesMHz.count }

    /// Power at P-state `k` and utilization `u` of that P-state's capacity (clamped to 0...1), W.
    /// `base` is the host type's power model (used by the derived form only).
    @inlinable public func powerW(pstate k: Int, utilization u: Double, base: any PowerModel) -> Double {
        switch power {
        case let .explicit(idle, max):
            let x = u > 0 ? (u < 1 ? u : 1) : 0
            return idle[k] + (max[k] - idle[k]) * x
        case .derived:
            let idle = base.idleW
            return idle + (base.powerW(utilization: u) - idle) * dynamicScaleAt(k)
        }
    }

    @usableFromInline func dynamicScaleAt(_ k: Int) -> Double { dynamicScale[k] }

    /// Idle power at P-state `k`, W.
    public func idleW(pstate k: Int, base: any PowerModel) -> Double { powerW(pstate: k, utilization: 0, base: base) }
    /// Full-load power at P-state `k`, W.
    public func maxW(pstate k: Int, base: any PowerModel) -> Double { powerW(pstate: k, utilization: 1, base: base) }

    /// The same table with every explicit power level lowered by `savingW` (floored at 0 W),
    /// as an embedded hypervisor lowers static power (`EmbeddedHypervisor`). The derived form
    /// follows the host type's (already lowered) power model and is returned unchanged.
    public func lowered(byW savingW: Double) -> PStateTable { shifted(byW: -savingW) }

    /// The same table with every explicit power level moved by `deltaW` (floored at 0 W): down
    /// for an embedded hypervisor (`lowered`), up for local devices beyond a curve's tested
    /// configuration (`LocalDevices`). The derived form follows the host type's (already
    /// shifted) power model and is returned unchanged, as is a table moved by 0.
    public func shifted(byW deltaW: Double) -> PStateTable {
        guard case let .explicit(idle, max) = power, deltaW != 0 else { return self }
        return PStateTable(
            frequenciesMHz: frequenciesMHz,
            power: .explicit(
                idleW: idle.map { Swift.max(0, $0 + deltaW) },
                maxW: max.map { Swift.max(0, $0 + deltaW) }))
    }
}

/// The power curve of one P-state as a `PowerModel` (for the conformance laws and for code
/// that takes a power model).
public struct PStatePowerModel: PowerModel {
    /// The table.
    public let table: PStateTable
    /// The P-state, 0..<table.count.
    public let pstate: Int
    /// The host type's power model (derived form).
    public let base: any PowerModel

    /// P-state `pstate` of `table` on a host whose own power model is `base`.
    public init(table: PStateTable, pstate: Int, base: any PowerModel) {
        precondition(pstate >= 0 && pstate < table.count, "pstate \(pstate) outside 0..<\(table.count)")
        self.table = table; self.pstate = pstate; self.base = base
    }

    /// Power at utilization `u` of this P-state's capacity, W.
    public func powerW(utilization u: Double) -> Double { table.powerW(pstate: pstate, utilization: u, base: base) }
    /// Idle power at this P-state, W.
    public var idleW: Double { table.idleW(pstate: pstate, base: base) }
    /// Full-load power at this P-state, W.
    public var maxW: Double { table.maxW(pstate: pstate, base: base) }
}
