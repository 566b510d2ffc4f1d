/// Which hosts PABFD's `findHost` has to look at, during one placement phase (the initial
/// placement, or one consolidation round's overload step).
///
/// Why it is exact: an empty host's power increase for a VM depends only on its type and its
/// round power (`roundPower`, P(stored utilization) for the round; P(0) at t = 0), and an
/// empty host is never refused by the overload test (its MIPS in use is 0). Among empty hosts
/// of one type whose round power is the type's idle power P(0) — most of the 800 hosts in the
/// PlanetLab runs — only the first eligible one (lowest id, not excluded, suitable) can win
/// under PABFD's strict `<`; the others tie with it and come after it. The same holds for the
/// empty hosts an earlier eligible one of the same (type, round power) precedes, which
/// `findHost` still skips one by one (`seenEmpty`).
///
/// Invariant, while `isValid`: every host is in exactly one of two sets —
/// - `idle[type]`: its list is empty, its stored utilization is 0 and its round power equals
///   its type's P(0);
/// - `scan`: every other host, which `PABFDPowerBuckets` groups for `findHost`.
///
/// The simulation rebuilds the index at the start of a phase (`rebuild`) and reclassifies a
/// host whenever `create`/`destroy` change its list (`place`). Outside a phase the index is
/// stale and `isValid` is false; `findHost` then scans every host.
///
/// - Complexity: `place` O(1); `firstIdle` O(hosts / 64) words at most.
struct PABFDHostIndex {
    /// Host id → index into the experiment's host types.
    let hostType: [Int]
    /// One bit per host id (bit h % 64 of word h / 64): the hosts examined one by one.
    private(set) var scan: [UInt64]
    /// Per host type, one bit per host id: the empty hosts at their type's idle power.
    private(set) var idle: [[UInt64]]
    var isValid = false

    init(hostType: [Int], typeCount: Int) {
        self.hostType = hostType
        let words = (hostType.count + 63) / 64
        scan = Array(repeating: 0, count: words)
        idle = Array(repeating: Array(repeating: 0, count: words), count: typeCount)
    }

    var typeCount: Int { idle.count }

    /// Puts host h in `idle[type]` (isIdle) or in `scan`.
    @inline(__always) mutating func place(_ h: Int, isIdle: Bool) {
        let w = h >> 6, bit = UInt64(1) << UInt64(h & 63)
        if isIdle {
            scan[w] &= ~bit
            idle[hostType[h]][w] |= bit
        } else {
            scan[w] |= bit
            idle[hostType[h]][w] &= ~bit
        }
    }

    func isInScan(_ h: Int) -> Bool { scan[h >> 6] & (UInt64(1) << UInt64(h & 63)) != 0 }
    func isIdle(_ h: Int) -> Bool { idle[hostType[h]][h >> 6] & (UInt64(1) << UInt64(h & 63)) != 0 }

    /// The first host of `idle[type]`, in id order, for which `accept` holds.
    func firstIdle(ofType type: Int, where accept: (Int) -> Bool) -> Int? {
        let bits = idle[type]
        for w in 0..<bits.count {
            var word = bits[w]
            while word != 0 {
                let h = w << 6 | word.trailingZeroBitCount
                if accept(h) { return h }
                word &= word - 1
            }
        }
        return nil
    }
}
