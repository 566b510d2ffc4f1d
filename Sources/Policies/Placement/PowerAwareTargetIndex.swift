import DatacenterModel

/// Finds the host whose power rises least when a VM's CPU demand is added (power-aware best
/// fit over measured demand, after Beloglazov & Buyya's PABFD, CCPE 24(13), 2012), without
/// evaluating every host: dynamic consolidation (`consolidation:` on an arm) places the VMs it
/// migrates with it.
///
/// Hosts are kept per host class (a host type, or a (cluster, host type) pair when the caller
/// searches one cluster at a time), sorted by (utilization, id), where utilization is the host's
/// projected CPU demand / its capacity. Adding Δ MIPS to a host of type t at utilization u
/// raises its power by g(u) = P_t(u + Δ/c_t) − P_t(u). On a piecewise-linear curve (linear or
/// SPECpower, `PowerModel.slopeBreakpoints`) g is linear in u between the points b and b − Δ/c_t,
/// so on each such piece the least rise is at its least or its most loaded host. The search
/// evaluates, per type and piece, those two hosts (ties of utilization to the lowest id) and,
/// per type, the lowest-id powered-off host (rise P_t(Δ/c_t) − off power), and offers them in
/// order of (rise, host id).
///
/// - Feasible region: a powered host is offered only if u + Δ/c_t ≤ 1 (room for the VM's
///   demand).
/// - Equal rises: on a piece where g is constant (every host of a linear model), the least and
///   the most loaded host of the piece are offered; the caller compares rises rounded to the
///   nanowatt, and among equal rises the lower id wins. The
///   chosen host's rise equals the least rise over every feasible host up to rounding
///   (1e-9 W; tested against a scan of every host).
/// - A curve without known points (nil `slopeBreakpoints`, e.g. a P-state curve) offers every
///   powered host of its type: correct, O(n).
/// - Complexity: per query O(T · (k + 2) · log n) for T types, k breakpoints and n hosts of a
///   type, plus one step per host the `admits` test skips; insert, remove and update O(log n + n) (a sorted array: memmove, no allocation).
public struct PowerAwareTargetIndex {
    /// A host's place in its type's order.
    @usableFromInline struct Key: Comparable {
        @usableFromInline var u: Double
        @usableFromInline var id: Int32
        @inlinable init(u: Double, id: Int32) { self.u = u; self.id = id }
        @inlinable static func < (a: Key, b: Key) -> Bool { a.u != b.u ? a.u < b.u : a.id < b.id }
    }

    /// Host type of each host (index into the per-type arrays).
    public let typeOfHost: [Int32]
    /// CPU capacity per type, MIPS (> 0).
    public let capacityMips: [Double]
    /// Power curve per type.
    public let power: [any PowerModel]
    /// Off power per type, W.
    public let offW: [Double]

    /// Every class, for searches over all of them.
    let allClasses: [Int]
    @usableFromInline var powered: [[Key]]
    @usableFromInline var off: [[Int32]]
    /// Current utilization of each host in `powered` (valid while `inPowered`).
    @usableFromInline var hostU: [Double]
    /// 0 = absent, 1 = powered, 2 = off.
    @usableFromInline var where_: [UInt8]

    /// An empty index over hosts of the given types.
    public init(typeOfHost: [Int32], capacityMips: [Double], power: [any PowerModel], offW: [Double]) {
        precondition(capacityMips.count == power.count && power.count == offW.count)
        self.typeOfHost = typeOfHost; self.capacityMips = capacityMips; self.power = power; self.offW = offW
        allClasses = Array(capacityMips.indices)
        powered = Array(repeating: [], count: capacityMips.count)
        off = Array(repeating: [], count: capacityMips.count)
        hostU = Array(repeating: 0, count: typeOfHost.count)
        where_ = Array(repeating: 0, count: typeOfHost.count)
    }

    /// Empties the index (keeps its storage).
    public mutating func removeAll() {
        for t in powered.indices {
            for k in powered[t] { where_[Int(k.id)] = 0 }
            for h in off[t] { where_[Int(h)] = 0 }
            powered[t].removeAll(keepingCapacity: true)
            off[t].removeAll(keepingCapacity: true)
        }
    }

    /// Whether host h is offered (powered or off).
    public func contains(_ h: Int) -> Bool { where_[h] != 0 }

    /// Adds a powered host at `demandMips` of projected CPU demand.
    public mutating func insertPowered(_ h: Int, demandMips: Double) {
        precondition(where_[h] == 0, "host \(h) already in the index")
        let t = Int(typeOfHost[h])
        let k = Key(u: demandMips / capacityMips[t], id: Int32(h))
        powered[t].insert(k, at: Self.lowerBound(powered[t], k))
        hostU[h] = k.u
        where_[h] = 1
    }

    /// Adds a powered-off host (it has no demand; adding a VM also boots it).
    public mutating func insertOff(_ h: Int) {
        precondition(where_[h] == 0, "host \(h) already in the index")
        let t = Int(typeOfHost[h])
        let id = Int32(h)
        var lo = 0, hi = off[t].count
        while lo < hi { let m = (lo + hi) >> 1; if off[t][m] < id { lo = m + 1 } else { hi = m } }
        off[t].insert(id, at: lo)
        where_[h] = 2
    }

    /// Takes host h out (no-op if absent).
    public mutating func remove(_ h: Int) {
        let t = Int(typeOfHost[h])
        switch where_[h] {
        case 1:
            let k = Key(u: hostU[h], id: Int32(h))
            let i = Self.lowerBound(powered[t], k)
            precondition(i < powered[t].count && powered[t][i] == k, "index out of step at host \(h)")
            powered[t].remove(at: i)
        case 2:
            if let i = off[t].firstIndex(of: Int32(h)) { off[t].remove(at: i) }
        default: return
        }
        where_[h] = 0
    }

    /// Moves a powered host to its new projected demand.
    public mutating func update(_ h: Int, demandMips: Double) {
        guard where_[h] == 1 else { return }
        remove(h)
        insertPowered(h, demandMips: demandMips)
    }

    /// The rise of host h's power if `deltaMips` is added, W (h must be in the index).
    public func riseW(_ h: Int, deltaMips: Double) -> Double {
        let t = Int(typeOfHost[h])
        let du = deltaMips / capacityMips[t]
        if where_[h] == 2 { return power[t].powerW(utilization: du) - offW[t] }
        let u = hostU[h]
        return power[t].powerW(utilization: u + du) - power[t].powerW(utilization: u)
    }

    /// Utilization of a powered host in the index.
    public func utilization(_ h: Int) -> Double { hostU[h] }

    /// The hosts to evaluate for a VM of `deltaMips` (see the type's doc), appended to `out`
    /// in no particular order, possibly with repeats. `includeOff`: offer off hosts too.
    /// `admits`: a cheap test of the host (e.g. its free reservation); within a piece the
    /// least and the most loaded hosts that pass are offered, so failing hosts cost a step of
    /// the walk, not a new search. `ends` is scratch.
    /// - Parameter classes: the host classes (indexes of `capacityMips`) to search; nil = all.
    ///   A caller that keeps one class per (cluster, host type) searches one cluster this way.
    public func candidates(
        deltaMips: Double, includeOff: Bool, classes: [Int]? = nil, ends: inout [Double], into out: inout [Int],
        admits: (Int) -> Bool
    ) {
        for t in classes ?? allClasses {
            let du = deltaMips / capacityMips[t]
            guard du <= 1 else { continue }
            if includeOff, let h = off[t].first(where: { admits(Int($0)) }) { out.append(Int(h)) }
            let keys = powered[t]
            guard !keys.isEmpty else { continue }
            let top = 1 - du
            guard let bps = power[t].slopeBreakpoints else {
                for k in keys where k.u <= top && admits(Int(k.id)) { out.append(Int(k.id)) }
                continue
            }
            // piece ends in [0, top]: 0, top, every b and b − du inside
            ends.removeAll(keepingCapacity: true)
            ends.append(0); ends.append(top)
            for b in bps {
                if b < top { ends.append(b) }
                let c = b - du
                if c > 0 && c < top { ends.append(c) }
            }
            ends.sort()
            for i in 0..<(ends.count - 1) {
                let a = ends[i], b = ends[i + 1]
                let lo = Self.lowerBound(keys, Key(u: a, id: Int32.min))
                let hi = Self.lowerBound(keys, Key(u: b, id: Int32.max))  // first with u > b
                guard lo < hi else { continue }
                // least loaded admitted host of the piece (lowest id first)
                var i = lo
                while i < hi && !admits(Int(keys[i].id)) { i += 1 }
                guard i < hi else { continue }
                out.append(Int(keys[i].id))
                // most loaded admitted host, lowest id among equal u
                var j = hi - 1
                while j > i && !admits(Int(keys[j].id)) { j -= 1 }
                var k = j
                while k > i && keys[k - 1].u == keys[j].u { k -= 1; if admits(Int(keys[k].id)) { j = k } }
                out.append(Int(keys[j].id))
            }
        }
    }

    /// Sorted-array lower bound.
    @inlinable static func lowerBound(_ a: [Key], _ k: Key) -> Int {
        var lo = 0, hi = a.count
        while lo < hi {
            let mid = (lo + hi) >> 1
            if a[mid] < k { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }
}
