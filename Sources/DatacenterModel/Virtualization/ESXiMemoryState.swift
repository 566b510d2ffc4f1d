/// ESXi's host memory states (vSphere 6+), from free memory relative to `minFree`.
///
/// Source (`DomainModels.md` B3; running-system.com, systemadminguide.in, jgriffiths.org):
/// high — enough free memory, no reclamation; clear — free < 100% of minFree, page sharing;
/// soft — < 64%, page sharing + ballooning; hard — < 32%, + compression + swapping;
/// low — < 16%, + blocking of VM memory allocations. Ordered from high (best) to low.
/// (A reader of the running-system article reports that "high" needs > 400% of minFree; the
/// reference's thresholds are used here: reclamation starts below 100%.)
public enum ESXiMemoryState: Int, Sendable, Comparable, CaseIterable, CustomStringConvertible {
    case high, clear, soft, hard, low

    /// The state for `freeMiB` free memory given `minFreeMiB`, with the thresholds of
    /// `thresholds` (fractions of minFree for clear, soft, hard, low).
    public static func state(
        freeMiB: Double, minFreeMiB: Double,
        thresholds: MemoryStateThresholds = .esxi
    ) -> ESXiMemoryState {
        if freeMiB < thresholds.low * minFreeMiB { return .low }
        if freeMiB < thresholds.hard * minFreeMiB { return .hard }
        if freeMiB < thresholds.soft * minFreeMiB { return .soft }
        if freeMiB < thresholds.clear * minFreeMiB { return .clear }
        return .high
    }

    /// minFree for a host with `physicalMiB` of RAM, MiB (vSphere 6; B3): 899 MiB for the first
    /// 28 GiB + 1% of the rest. Below 28 GiB: ESXi's sliding scale, 6% of the first 4 GiB + 4%
    /// of the next 8 GiB + 2% of the next 16 GiB (virtualmaestro.in 2016/2020 — not in the
    /// reference), capped at 899 MiB so that the function is continuous and non-decreasing.
    /// Example: 128 GiB → 899 + 0.01 × 100 GiB = 1923 MiB (systemadminguide.in).
    public static func minFreeMiB(physicalMiB p: Double) -> Double {
        let first28 = 28.0 * 1024
        if p >= first28 { return 899 + 0.01 * (p - first28) }
        let a = min(p, 4096), b = min(max(p - 4096, 0), 8192), c = min(max(p - 12288, 0), 16384)
        return min(899, 0.06 * a + 0.04 * b + 0.02 * c)
    }

    /// Orders states from high (best) to low (worst).
    public static func < (a: ESXiMemoryState, b: ESXiMemoryState) -> Bool { a.rawValue < b.rawValue }

    /// `high`, `clear`, `soft`, `hard`, `low`.
    public var description: String {
        switch self {
        case .high: return "high"
        case .clear: return "clear"
        case .soft: return "soft"
        case .hard: return "hard"
        case .low: return "low"
        }
    }
}

/// Thresholds of the memory states as fractions of minFree (B3: 100%, 64%, 32%, 16%).
public struct MemoryStateThresholds: Sendable, Equatable {
    /// Below this fraction of minFree: clear (page sharing). Default 1.00.
    public var clear: Double
    /// Below this: soft (+ ballooning). Default 0.64.
    public var soft: Double
    /// Below this: hard (+ compression, swapping). Default 0.32.
    public var hard: Double
    /// Below this: low (+ blocking). Default 0.16.
    public var low: Double

    /// Thresholds as fractions of minFree; defaults are ESXi's (B3).
    /// - Precondition: `check` passes.
    public init(clear: Double = 1.00, soft: Double = 0.64, hard: Double = 0.32, low: Double = 0.16) {
        self.clear = clear; self.soft = soft; self.hard = hard; self.low = low
        let problem = Self.check(self)
        precondition(problem == nil, problem ?? "")
    }

    /// ESXi's thresholds (vSphere 6; B3).
    public static let esxi = MemoryStateThresholds()

    /// Nil if 0 ≤ low ≤ hard ≤ soft ≤ clear (all finite), else what is wrong.
    public static func check(_ t: MemoryStateThresholds) -> String? {
        let all = [t.clear, t.soft, t.hard, t.low]
        if all.contains(where: { !$0.isFinite || $0 < 0 }) {
            return "memory state thresholds: expected finite fractions of minFree >= 0, found clear \(t.clear), soft \(t.soft), hard \(t.hard), low \(t.low)"
        }
        if !(t.low <= t.hard && t.hard <= t.soft && t.soft <= t.clear) {
            return "memory state thresholds: expected low <= hard <= soft <= clear, found low \(t.low), hard \(t.hard), soft \(t.soft), clear \(t.clear)"
        }
        return nil
    }
}
