/// The hosts PABFD's `findHost` examines one by one during a placement phase, grouped so that
/// most of them need not be examined: host h is in bucket (type, s) when the MIPS in use on it
/// put it in the s-th slice of its capacity (y = inUse / capacity in [s/S, (s+1)/S), S =
/// `segments`).
///
/// Why it is exact: h's power increase for a VM of r MIPS is
/// `power(h, (inUse + r)/m) − roundPower[h]` = `offset(h) + [P(y + δ) − P(y)]`, with
/// `offset(h) = power(h, y) − roundPower[h]` and δ = r/m. P is the type's SPECpower curve,
/// piecewise linear; for a monotone curve the bracket is at least `F_s(δ)`, the least increase
/// over δ from any y in slice s, and `F_s` grows with δ. So every host of a bucket has an
/// increase of at least `lowerBound` = (least offset in the bucket) + `F_s(δ')` − margin,
/// δ' ≤ δ on a grid (`gridSteps`), and a margin far above the rounding error of `power`
/// (~1e-13 W). `findHost` examines buckets in increasing bound and stops when the next bound
/// exceeds its best offer: the hosts left unexamined could not have been chosen.
///
/// A curve that is not monotone gets bound −∞ for every bucket: each is examined (a full scan).
///
/// Invariant, while the phase lasts: every host that is neither idle (`PABFDHostIndex`) nor
/// retired (excluded as a target for the rest of the round) is in exactly one bucket, the one
/// of its current MIPS in use, and the bucket's `minOffset` is at most its offset.
struct PABFDPowerBuckets {
    /// Buckets per host type: 2%-of-capacity slices, so that a slice's bound is tight.
    static let segments = 50
    static let gridSteps = 1024
    /// W: far above `power`'s rounding error, far below the differences between slices.
    static let margin = 1e-7

    /// Host id → host type.
    let hostType: [Int]
    let typeCount: Int
    /// Per bucket (type · `segments` + slice), its hosts in no particular order.
    private(set) var members: [[Int32]]
    /// Per bucket, a lower bound of its hosts' offsets (lowered on insert, exact after `reset`).
    private(set) var minOffset: [Double]
    /// Per host, its bucket (−1: none) and its position in that bucket's members.
    private(set) var bucketOf: [Int32]
    private var position: [Int32]
    /// Hosts in buckets.
    private(set) var count = 0
    /// Per host, true once retired for the round (`retire`).
    private(set) var retired: [Bool]
    /// Per bucket, `F_s` on the δ grid, computed when first needed (NaN until then):
    /// `leastIncrease[b · (gridSteps + 1) + k]` = F_s(k / gridSteps).
    private var leastIncrease: [Double]
    /// Per type, its SPECpower table, or nil if it is not monotone.
    private let tables: [[Double]?]

    /// - Parameters:
    ///   - hostType: host id → type.
    ///   - tables: per type, its 11 SPECpower watts at 0, 10, …, 100% utilization.
    init(hostType: [Int], tables: [[Double]]) {
        self.hostType = hostType
        typeCount = tables.count
        let nb = tables.count * Self.segments
        members = Array(repeating: [], count: nb)
        minOffset = Array(repeating: .infinity, count: nb)
        bucketOf = Array(repeating: -1, count: hostType.count)
        position = Array(repeating: 0, count: hostType.count)
        retired = Array(repeating: false, count: hostType.count)
        leastIncrease = Array(repeating: .nan, count: nb * (Self.gridSteps + 1))
        self.tables = tables.map { t in zip(t, t.dropFirst()).allSatisfy { $0 <= $1 } ? t : nil }
    }

    /// The mathematical curve: linear between the table's points, clamped to [0, 1].
    static func curve(_ t: [Double], _ u: Double) -> Double {
        if u <= 0 { return t[0] }
        if u >= 1 { return t[10] }
        let i = min(Int(u * 10), 9)
        return t[i] + (t[i + 1] - t[i]) * (u * 10 - Double(i))
    }

    /// min over y in slice s (widened by 1e-9 either side) of P(min(y + δ, 1)) − P(y): a
    /// piecewise linear function of y, least at an end or where y or y + δ meets a tenth
    /// (a point of the table).
    static func leastIncrease(_ t: [Double], segment s: Int, delta: Double) -> Double {
        let lo = max(0, Double(s) / Double(segments) - 1e-9), hi = min(1, Double(s + 1) / Double(segments) + 1e-9)
        @inline(__always) func f(_ y: Double) -> Double { curve(t, min(y + delta, 1)) - curve(t, y) }
        var least = min(f(lo), f(hi))
        for k in 0...10 {
            let y1 = Double(k) / 10, y2 = Double(k) / 10 - delta
            if y1 > lo && y1 < hi { least = min(least, f(y1)) }
            if y2 > lo && y2 < hi { least = min(least, f(y2)) }
        }
        return least
    }

    /// The slice of capacity that MIPS in use `y` (a fraction) falls in.
    @inline(__always) static func segment(_ y: Double) -> Int {
        y >= 1 ? segments - 1 : (y > 0 ? min(Int(y * Double(segments)), segments - 1) : 0)
    }

    /// Empties every bucket and un-retires every host, for a new phase.
    mutating func reset() {
        for b in members.indices {
            for h in members[b] { bucketOf[Int(h)] = -1 }
            members[b].removeAll(keepingCapacity: true)
            minOffset[b] = .infinity
        }
        count = 0
        for h in retired.indices where retired[h] { retired[h] = false }
    }

    /// Puts host h in the bucket of its MIPS in use (fraction y), with its offset, W.
    @inline(__always) mutating func place(_ h: Int, utilization y: Double, offset: Double) {
        if retired[h] { return }
        let b = hostType[h] * Self.segments + Self.segment(y)
        if bucketOf[h] != Int32(b) {
            remove(h)
            bucketOf[h] = Int32(b)
            position[h] = Int32(members[b].count)
            members[b].append(Int32(h))
            count += 1
        }
        if offset < minOffset[b] { minOffset[b] = offset }
    }

    /// Takes host h out of its bucket, if it is in one.
    @inline(__always) mutating func remove(_ h: Int) {
        let b = Int(bucketOf[h])
        guard b >= 0 else { return }
        let i = Int(position[h])
        let last = members[b].removeLast()
        if Int(last) != h {
            members[b][i] = last
            position[Int(last)] = Int32(i)
        }
        bucketOf[h] = -1
        count -= 1
    }

    /// Takes host h out for the rest of the phase: the caller excludes it as a target from now on.
    mutating func retire(_ h: Int) {
        remove(h)
        retired[h] = true
    }

    /// A lower bound, minus the margin, of the power increase of every host of bucket b for a
    /// VM of `delta` = MIPS / host capacity (−∞ for a curve that is not monotone).
    @inline(__always) mutating func lowerBound(_ b: Int, delta: Double) -> Double {
        // δ' = ⌊δ · grid⌋ / grid ≤ δ (NaN as 0); F_s grows with δ, so F_s(δ') ≤ F_s(δ)
        let k = delta >= 1 ? Self.gridSteps : (delta > 0 ? Int(delta * Double(Self.gridSteps)) : 0)
        let i = b * (Self.gridSteps + 1) + k
        if leastIncrease[i].isNaN {
            if let t = tables[b / Self.segments] {
                leastIncrease[i] = Self.leastIncrease(t, segment: b % Self.segments, delta: Double(k) / Double(Self.gridSteps))
            } else {
                leastIncrease[i] = -.infinity
            }
        }
        return minOffset[b] + leastIncrease[i] - Self.margin
    }
}
