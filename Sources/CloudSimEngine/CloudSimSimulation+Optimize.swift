import Policies

/// Candidates of one host for VM selection: a view over the simulation's arrays.
struct CloudSimCandidates: VMCandidateList {
    let ids: [Int32]
    let ram: [Int]
    let req: [Double]
    let mipsV: [Double]
    let hist: [Double]
    let histCount: [Int]
    var count: Int { ids.count }
    func ramMB(_ i: Int) -> Int { ram[Int(ids[i])] }
    func requestedMips(_ i: Int) -> Double { req[Int(ids[i])] }
    func mips(_ i: Int) -> Double { mipsV[Int(ids[i])] }
    func historyCount(_ i: Int) -> Int { histCount[Int(ids[i])] }
    func history(_ i: Int, age: Int) -> Double { hist[Int(ids[i]) * CloudSimSimulation.historyLength + age] }
}

/// The lists and allocations of the hosts a consolidation round changed tentatively, as
/// they were before the round's first change of each, in flat arrays: logging copies a few
/// values, where keeping a copy of the whole `hList` and `hAlloc` made every changed host's
/// arrays copy on write and be freed at the end of each round.
struct TentativeLog {
    var isRecording = false
    /// Per host: logged this round.
    var touched: [Bool]
    /// The logged hosts, in order of first change; host k's values at `starts[k]` in `vms`
    /// and `alloc`, up to the next host's start.
    var hosts: [Int] = []
    var starts: [Int] = []
    var vms: [Int32] = []
    var alloc: [Double] = []
    init(hosts: Int) { touched = Array(repeating: false, count: hosts) }
}

extension CloudSimSimulation {
    // MARK: tentative changes during a round (vmCreate / vmDestroy)

    /// `Host.vmCreate` during optimization or at t = 0: append and allocate the capped request.
    ///
    /// A valid cache of h stays valid: v comes last in the list, so adding its terms to the
    /// cached sums gives the same numbers as summing the new list in order (`rebuildCache`).
    mutating func create(_ v: Int, on h: Int) {
        noteTentativeChange(h)
        hList[h].append(Int32(v))
        defer { if hostIndex.isValid { reindex(h) } }
        let r = vReq[v]
        let c = exp.quirks.capRequestsPerPE ? min(r, hPeMips[h]) : r
        let appended = hAvailable[h] >= c
        if appended {
            hAlloc[h].append(c)
            hAvailable[h] -= c
        } else {
            hAlloc[h].append(0)
            reallocate(h, migrationRoles: false)
        }
        guard cacheValid[h] && useIndexes else { cacheValid[h] = false; return }
        cacheRequested[h] += vReq[v]
        if vRamMB[v] > cacheMaxRam[h] { cacheMaxRam[h] = vRamMB[v] }
        if detectorReadsHistory {
            // the sums computed so far gain v's term; the others will sum the new list
            let L = Self.historyLength, cb = h * L, base = v * L, k = cacheHistCount[h]
            let hm = hMips[h], mips = vMips[v]
            vHist.withUnsafeBufferPointer { hist in
                cacheHist.withUnsafeMutableBufferPointer { cache in
                    for j in 0..<k { cache[cb + j] += hist[base + j] * mips / hm }
                }
            }
        }
        if appended {
            cacheInUse[h] += c
        } else {
            var inUse = 0.0
            for a in hAlloc[h] { inUse += a }
            cacheInUse[h] = inUse
        }
        cacheEmpty[h] = false
    }

    /// `Host.vmDestroy`: remove and re-allocate the rest (`VmSchedulerTimeShared.deallocatePesForVm`).
    mutating func destroy(_ v: Int, from h: Int) {
        guard let i = hList[h].firstIndex(of: Int32(v)) else { return }
        noteTentativeChange(h)
        cacheValid[h] = false
        hList[h].remove(at: i); hAlloc[h].remove(at: i)
        reallocate(h, migrationRoles: false)
        if hostIndex.isValid { reindex(h) }
    }

    /// Logs host h's list and allocation before the round's first tentative change of h
    /// (while `tentative.isRecording`, i.e. in `optimize`).
    @inline(__always) mutating func noteTentativeChange(_ h: Int) {
        guard tentative.isRecording && !tentative.touched[h] else { return }
        let list = hList[h], alloc = hAlloc[h]
        tentative.touched[h] = true
        tentative.hosts.append(h)
        tentative.starts.append(tentative.vms.count)
        tentative.vms.append(contentsOf: list)
        tentative.alloc.append(contentsOf: alloc)
    }

    /// Puts back the list and allocation of every host the round changed, as logged, and
    /// stops recording. The arrays keep their storage: same contents, no allocation.
    mutating func undoTentativeChanges() {
        let log = tentative
        for (k, h) in log.hosts.enumerated() {
            let range = log.starts[k]..<(k + 1 < log.starts.count ? log.starts[k + 1] : log.vms.count)
            hList[h].removeAll(keepingCapacity: true)
            hList[h].append(contentsOf: log.vms[range])
            hAlloc[h].removeAll(keepingCapacity: true)
            hAlloc[h].append(contentsOf: log.alloc[range])
            tentative.touched[h] = false
        }
        tentative.isRecording = false
        tentative.hosts.removeAll(keepingCapacity: true)
        tentative.starts.removeAll(keepingCapacity: true)
        tentative.vms.removeAll(keepingCapacity: true)
        tentative.alloc.removeAll(keepingCapacity: true)
    }

    /// The overload test of host h, as if VM `extra` were appended to its list (PABFD's
    /// tentative create, §10.3). Requested utilization, host history and the longest migration
    /// time are built from the current list in list order (§10.2 a, b; §10.6).
    mutating func isOverloaded(_ h: Int, extra: Int?, detector: any OverloadDetector) -> Bool {
        let L = Self.historyLength
        if !cacheValid[h] { rebuildCache(h, withHistory: detectorReadsHistory) }
        var requested = cacheRequested[h]
        var maxRam = cacheMaxRam[h]
        if let e = extra { requested += vReq[e]; if vRamMB[e] > maxRam { maxRam = vRamMB[e] } }
        let tm = maxRam == Int.min ? 0 : Double(maxRam) / (hBw[h] / 16000)
        var n = 0
        if detector.readsHistory {
            // The host history newest first is x[j] = cached sum (+ the extra VM's term, added
            // last as a tentative vmCreate does), trimmed of trailing zeros; it is written
            // reversed, x[j] at L-1-j, so that its first n values oldest first are the last n.
            // A detector that reads only the k newest values (`newestValuesRead`) gets those
            // and, before them, the first older non-zero value if there is one: its trimmed
            // history is then k + 1 long where the whole one is longer (the same decision by
            // the protocol's law), or else the whole trimmed history itself.
            let k = useIndexes ? min(L, detector.newestValuesRead ?? L) : L  // off: the whole history
            extendHistoryCache(h, to: min(L, k + 1))
            let cb = h * L, hm = hMips[h]
            let extraBase = extra.map { $0 * L }, extraMips = extra.map { vMips[$0] } ?? 0
            n = cacheHist.withUnsafeBufferPointer { cache in
                vHist.withUnsafeBufferPointer { hist in
                    histOldestFirst.withUnsafeMutableBufferPointer { out in
                        var n = 0
                        for j in 0..<k {
                            var x = cache[cb + j]
                            if let base = extraBase { x += hist[base + j] * extraMips / hm }
                            out[L - 1 - j] = x
                            if x != 0 { n = j + 1 }
                        }
                        return n
                    }
                }
            }
            var j = k
            while j < L {
                extendHistoryCache(h, to: j + 1)
                var x = cacheHist[cb + j]
                if let base = extraBase { x += vHist[base + j] * extraMips / hm }
                if x != 0 { histOldestFirst[L - 1 - k] = x; n = k + 1; break }
                j += 1
            }
        }
        let cap = hMips[h]
        return histOldestFirst.withUnsafeBufferPointer { buf in
            let view = HostHistoryView(
                history: UnsafeBufferPointer(rebasing: buf[(L - n)..<L]), requestedMips: requested,
                capacityMips: cap, maxMigrationTimeS: tm)
            return detector.isOverloaded(view)
        }
    }

    /// Requested MIPS, largest RAM and host history of h's current list, summed in list order
    /// (§10.2 a, b; §10.6), kept until the list changes.
    mutating func rebuildCache(_ h: Int, withHistory: Bool) {
        var requested = 0.0
        var maxRam = Int.min
        for v32 in hList[h] {
            let v = Int(v32)
            requested += vReq[v]
            if vRamMB[v] > maxRam { maxRam = vRamMB[v] }
        }
        cacheHistCount[h] = 0
        if withHistory { extendHistoryCache(h, to: useIndexes ? historyPrefix : Self.historyLength) }
        var inUse = 0.0
        for a in hAlloc[h] { inUse += a }
        cacheInUse[h] = inUse
        cacheEmpty[h] = hList[h].isEmpty
        cacheRequested[h] = requested
        cacheMaxRam[h] = maxRam
        cacheValid[h] = true
    }

    /// Computes host h's cached history sums (newest first) up to index k − 1: each value
    /// summed over the list in list order (§10.6), through buffer pointers. Values from
    /// `cacheHistCount[h]` on are computed when first needed (`isOverloaded`).
    mutating func extendHistoryCache(_ h: Int, to k: Int) {
        let from = cacheHistCount[h]
        guard k > from else { return }
        let L = Self.historyLength, cb = h * L, hm = hMips[h]
        hList[h].withUnsafeBufferPointer { list in
            vHist.withUnsafeBufferPointer { hist in
                vMips.withUnsafeBufferPointer { vMips in
                    cacheHist.withUnsafeMutableBufferPointer { cache in
                        for j in from..<k { cache[cb + j] = 0 }
                        for v32 in list {
                            let v = Int(v32), base = v * L, mips = vMips[v]
                            for j in from..<k { cache[cb + j] += hist[base + j] * mips / hm }
                        }
                    }
                }
            }
        }
        cacheHistCount[h] = k
    }

    // MARK: PABFD (§6 step 4, §10.3)

    /// `findHostForVm`: the non-excluded suitable host whose power rises least.
    /// - Parameter within: the hosts to consider, in id order; nil = every host. The underload
    ///   step passes the hosts with stored utilization > 0, since it excludes all others.
    ///
    /// With the host index valid, only the idle representatives (`PABFDHostIndex`) and the
    /// power buckets that could hold the winner (`PABFDPowerBuckets`) are examined: the same
    /// choice as a scan of every host.
    mutating func findHost(_ v: Int, excluded: [Bool]?, initial: Bool, within: [Int]? = nil) -> Int? {
        if verifyIndexes { checkHostIndex(excluded: excluded) }
        guard useIndexes && hostIndex.isValid else {
            if let within { return findHost(v, excluded: excluded, initial: initial, among: within) }
            return findHost(v, excluded: excluded, initial: initial, among: 0..<nHosts)
        }
        // `within` is the hosts with stored utilization > 0: no idle host has any (`isIdleEmpty`)
        let reps = within == nil ? idleRepresentatives(v, excluded: excluded, initial: initial) : []
        return findHostInBuckets(v, excluded: excluded, initial: initial, adding: reps, activeOnly: within != nil)
    }

    /// Per host type, the first idle empty host (`PABFDHostIndex.idle`) that `findHost` would
    /// not skip as excluded or unsuitable, in id order.
    func idleRepresentatives(_ v: Int, excluded: [Bool]?, initial: Bool) -> [Int] {
        var reps: [Int] = []
        let r = vReq[v]
        for type in 0..<hostIndex.typeCount {
            // every host of a type has its PE MIPS: a type whose PEs are too small has no candidate
            guard Double(exp.hostTypes[type].peMips) >= r else { continue }
            let first = hostIndex.firstIdle(ofType: type) { h in
                if let ex = excluded, ex[h] { return false }
                return initial ? suitableAtCreation(v, h) : hAvailable[h] >= r
            }
            if let h = first { reps.append(h) }
        }
        reps.sort()
        return reps
    }

    /// `findHost` over the hosts of `hosts`, in their order (ascending ids).
    ///
    /// CloudSim scans in order, keeping a host when its power increase is below the best so
    /// far and it passes the overload test. The result is the first host, in scan order, with
    /// the least increase among those that pass. Here every increase is computed first and
    /// the overload test runs in increasing (increase, scan position) order, stopping at the
    /// first pass: the same host, with fewer tests (the test has no effect but caching).
    mutating func findHost<C: Collection>(_ v: Int, excluded: [Bool]?, initial: Bool, among hosts: C) -> Int? where C.Element == Int {
        let r = vReq[v]
        var offers: [(host: Int, diff: Double, inUse: Double)] = []
        swap(&offers, &offerScratch)  // the scratch buffer, uniquely referenced
        offers.removeAll(keepingCapacity: true)
        defer { swap(&offers, &offerScratch) }
        // Empty hosts of one type and one current power all show the same power increase, so
        // only the first of them (lowest id) can win under the strict `<`: skip the rest.
        var seenEmpty: [(Int, Double)] = []
        for h in hosts {
            guard isEligible(v, h, r: r, excluded: excluded, initial: initial) else { continue }
            if !cacheValid[h] { rebuildCache(h, withHistory: detectorReadsHistory) }
            if !initial && cacheEmpty[h] {
                let key = (exp.hosts[h], roundPower[h])
                if seenEmpty.contains(where: { $0 == key }) { continue }
                seenEmpty.append(key)
            }
            addOffer(h, r: r, initial: initial, to: &offers)
        }
        while true {
            var k = -1
            var least = Double.infinity
            for i in offers.indices where offers[i].diff < least { k = i; least = offers[i].diff }
            guard k >= 0 else { return nil }
            if !isRefused(offers[k], v) { return offers[k].host }
            offers[k].diff = .infinity
        }
    }

    /// Whether `findHost` looks at host h at all: suitable for v and not excluded.
    @inline(__always) func isEligible(_ v: Int, _ h: Int, r: Double, excluded: [Bool]?, initial: Bool) -> Bool {
        if initial {
            guard suitableAtCreation(v, h) else { return false }
        } else {
            guard hPeMips[h] >= r && hAvailable[h] >= r else { return false }
        }
        if let ex = excluded, ex[h] { return false }
        return true
    }

    /// Appends host h's offer for r MIPS: its power increase and MIPS in use (cache valid).
    @inline(__always) func addOffer(_ h: Int, r: Double, initial: Bool, to offers: inout [(host: Int, diff: Double, inUse: Double)]) {
        let inUse = cacheInUse[h]
        let uAfter = (inUse + r) / hMips[h]
        let current: Double
        if initial && !exp.quirks.initialPowerIsIdle {
            current = power(h, inUse / hMips[h])
        } else {
            current = roundPower[h]
        }
        let diff = power(h, uAfter) - current
        // CloudSim's best starts at Double.MAX_VALUE
        guard diff < Double.greatestFiniteMagnitude else { return }
        offers.append((h, diff, inUse))
    }

    /// Whether the overload test refuses the best offer. It never refuses an empty host
    /// (nothing in use).
    @inline(__always) mutating func isRefused(_ offer: (host: Int, diff: Double, inUse: Double), _ v: Int) -> Bool {
        guard offer.inUse != 0, case .migration(let d, _) = exp.allocation else { return false }
        return isOverloaded(offer.host, extra: v, detector: d)
    }

    /// `findHost` through the power buckets: the offers of `extra` (idle representatives) and
    /// of every bucket whose lower bound does not exceed the best offer not yet refused; the
    /// best offer is the least (increase, host id), which is the first least in a scan.
    /// - Parameter activeOnly: only hosts with stored utilization > 0 (the underload step).
    mutating func findHostInBuckets(_ v: Int, excluded: [Bool]?, initial: Bool, adding extra: [Int], activeOnly: Bool) -> Int? {
        let r = vReq[v]
        var offers: [(host: Int, diff: Double, inUse: Double)] = []
        swap(&offers, &offerScratch)  // the scratch buffer, uniquely referenced
        offers.removeAll(keepingCapacity: true)
        defer { swap(&offers, &offerScratch) }
        for h in extra where isEligible(v, h, r: r, excluded: excluded, initial: initial) {
            if !cacheValid[h] { rebuildCache(h, withHistory: detectorReadsHistory) }
            let n = offers.count
            addOffer(h, r: r, initial: initial, to: &offers)
            Self.settle(&offers, from: n, isHeap: false)
        }
        // every non-empty bucket with its bound; examined least bound first, when needed
        var order: [(bound: Double, bucket: Int)] = []
        swap(&order, &bucketOrder)  // the scratch buffer, uniquely referenced
        defer { swap(&order, &bucketOrder) }
        order.removeAll(keepingCapacity: true)
        // with few hosts in buckets, bounds cost more than they save: examine them all
        let examineAll = powerBuckets.count <= Self.bucketedHostsExaminedWhole
        for b in 0..<powerBuckets.members.count where !powerBuckets.members[b].isEmpty {
            if examineAll {
                addOffers(ofBucket: b, v, excluded: excluded, initial: initial, activeOnly: activeOnly, isHeap: false, to: &offers)
                continue
            }
            let type = b / PABFDPowerBuckets.segments
            order.append((powerBuckets.lowerBound(b, delta: r / Double(exp.hostTypes[type].totalMips)), b))
        }
        // Until the first refusal the least offer (on (increase, host id)) is kept first; from
        // then on the offers are a min-heap, so each further refusal costs O(log offers).
        var isHeap = false
        while true {
            var next = -1
            var nextBound = Double.infinity
            for i in order.indices where next < 0 || order[i].bound < nextBound || (order[i].bound == nextBound && order[i].bucket < order[next].bucket) {
                next = i; nextBound = order[i].bound
            }
            // a bucket that may hold an offer as good as the best is examined first (a NaN bound too)
            if next >= 0 && (offers.isEmpty || !(nextBound > offers[0].diff)) {
                let b = order[next].bucket
                order.swapAt(next, order.count - 1)
                order.removeLast()
                addOffers(ofBucket: b, v, excluded: excluded, initial: initial, activeOnly: activeOnly, isHeap: isHeap, to: &offers)
                continue
            }
            guard let best = offers.first else { return nil }
            if !isRefused(best, v) { return best.host }
            if !isHeap {
                offers.swapAt(0, offers.count - 1)
                offers.removeLast()
                Self.heapify(&offers)
                isHeap = true
            } else {
                Self.popMin(&offers)
            }
        }
    }

    /// Appends the offers of bucket b's eligible hosts for VM v (`activeOnly`: only hosts with
    /// stored utilization > 0), keeping the least offer first or the heap (`settle`).
    @inline(__always) mutating func addOffers(
        ofBucket b: Int, _ v: Int, excluded: [Bool]?, initial: Bool, activeOnly: Bool, isHeap: Bool, to offers: inout [Offer]
    ) {
        let r = vReq[v]
        let members = powerBuckets.members[b]
        guard !initial else {
            for h32 in members {
                let h = Int(h32)
                guard isEligible(v, h, r: r, excluded: excluded, initial: true) else { continue }
                if activeOnly && !(storedU(h) > 0) { continue }
                if !cacheValid[h] { rebuildCache(h, withHistory: detectorReadsHistory) }
                let n = offers.count
                addOffer(h, r: r, initial: true, to: &offers)
                Self.settle(&offers, from: n, isHeap: isHeap)
            }
            return
        }
        // The caches first (rebuilding one changes no other host's offer), so that the loop
        // below mutates nothing but `offers` and reads every array through a buffer pointer.
        for h32 in members where !cacheValid[Int(h32)] {
            let h = Int(h32)
            guard isEligible(v, h, r: r, excluded: excluded, initial: false) else { continue }
            if activeOnly && !(storedU(h) > 0) { continue }
            rebuildCache(h, withHistory: detectorReadsHistory)
        }
        // The same tests and offers as `isEligible`, `storedU` and `addOffer` (not initial:
        // the increase is measured from the round power), in the same order.
        hPeMips.withUnsafeBufferPointer { pe in
            hAvailable.withUnsafeBufferPointer { available in
                hMips.withUnsafeBufferPointer { mips in
                    hStoredMips.withUnsafeBufferPointer { stored in
                        cacheInUse.withUnsafeBufferPointer { inUseOf in
                            roundPower.withUnsafeBufferPointer { current in
                                hPowerW.withUnsafeBufferPointer { tables in
                                    Self.withOptionalBuffer(excluded) { ex in
                                        for h32 in members {
                                            let h = Int(h32)
                                            guard pe[h] >= r && available[h] >= r else { continue }
                                            if let ex, ex[h] { continue }
                                            if activeOnly {
                                                let u = stored[h] / mips[h]
                                                if !((u > 1 && u < 1.01 ? 1 : u) > 0) { continue }
                                            }
                                            let inUse = inUseOf[h]
                                            let uAfter = (inUse + r) / mips[h]
                                            let table = UnsafeBufferPointer(rebasing: tables[(h * 11)..<(h * 11 + 11)])
                                            let diff = Self.specPower(table, uAfter) - current[h]
                                            // CloudSim's best starts at Double.MAX_VALUE
                                            guard diff < Double.greatestFiniteMagnitude else { continue }
                                            let n = offers.count
                                            offers.append((h, diff, inUse))
                                            Self.settle(&offers, from: n, isHeap: isHeap)
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// `body` with a buffer pointer to the array, or nil for nil.
    @inline(__always) static func withOptionalBuffer<R>(_ a: [Bool]?, _ body: (UnsafeBufferPointer<Bool>?) -> R) -> R {
        guard let a else { return body(nil) }
        return a.withUnsafeBufferPointer { body($0) }
    }

    /// After appending at index n: keeps the least offer first (a scan's order), or the heap.
    @inline(__always) static func settle(_ offers: inout [Offer], from n: Int, isHeap: Bool) {
        guard offers.count > n else { return }
        if isHeap {
            siftUp(&offers, n)
        } else if n > 0 && precedes(offers[n], offers[0]) {
            offers.swapAt(0, n)
        }
    }

    typealias Offer = (host: Int, diff: Double, inUse: Double)

    /// Up to this many hosts in buckets, `findHostInBuckets` examines every bucket.
    static let bucketedHostsExaminedWhole = 256

    @inline(__always) static func precedes(_ a: Offer, _ b: Offer) -> Bool {
        a.diff < b.diff || (a.diff == b.diff && a.host < b.host)
    }

    /// Makes `heap` a binary min-heap under `precedes`. - Complexity: O(n).
    static func heapify(_ heap: inout [Offer]) {
        var i = heap.count / 2
        while i > 0 { i -= 1; siftDown(&heap, i) }
    }

    /// Removes the least offer. - Complexity: O(log n).
    static func popMin(_ heap: inout [Offer]) {
        let last = heap.removeLast()
        guard !heap.isEmpty else { return }
        heap[0] = last
        siftDown(&heap, 0)
    }

    static func siftUp(_ heap: inout [Offer], _ start: Int) {
        var i = start
        while i > 0 {
            let p = (i - 1) / 2
            if !precedes(heap[i], heap[p]) { return }
            heap.swapAt(i, p)
            i = p
        }
    }

    static func siftDown(_ heap: inout [Offer], _ start: Int) {
        var i = start
        let n = heap.count
        while true {
            let l = 2 * i + 1
            if l >= n { return }
            var m = l
            if l + 1 < n && precedes(heap[l + 1], heap[l]) { m = l + 1 }
            if !precedes(heap[m], heap[i]) { return }
            heap.swapAt(i, m)
            i = m
        }
    }

    // MARK: the host index (PABFDHostIndex)

    /// Whether host h belongs to its type's idle set: empty, at its type's P(0) this round,
    /// with stored utilization 0 (so that the underload step, which looks only at hosts with
    /// stored utilization > 0, needs no idle host).
    @inline(__always) func isIdleEmpty(_ h: Int) -> Bool {
        hList[h].isEmpty && roundPower[h] == hPowerW[h * 11] && hStoredMips[h] == 0
    }

    /// Classifies every host; called once `roundPower` is set for a placement phase.
    mutating func rebuildHostIndex(initial: Bool = false) {
        bucketOffsetIsZero = initial && !exp.quirks.initialPowerIsIdle
        powerBuckets.reset()
        for h in 0..<nHosts { reindex(h) }
        hostIndex.isValid = true
    }

    /// Reclassifies host h after its list or allocation changed.
    @inline(__always) mutating func reindex(_ h: Int) {
        let idle = isIdleEmpty(h)
        hostIndex.place(h, isIdle: idle)
        if idle {
            powerBuckets.remove(h)
        } else {
            let (y, offset) = bucketKey(h)
            powerBuckets.place(h, utilization: y, offset: offset)
        }
    }

    /// Host h's MIPS in use as a fraction of its capacity (summed in list order, as
    /// `rebuildCache` does) and its offset: power there minus the phase's current power.
    func bucketKey(_ h: Int) -> (y: Double, offset: Double) {
        var inUse = 0.0
        for a in hAlloc[h] { inUse += a }
        let y = inUse / hMips[h]
        return (y, bucketOffsetIsZero ? 0 : power(h, y) - roundPower[h])
    }

    /// Brute-force check of the index invariants (tests set `verifyIndexes`); every retired
    /// host must be excluded by the caller.
    func checkHostIndex(excluded: [Bool]?) {
        guard hostIndex.isValid else { return }
        for h in 0..<nHosts {
            let idle = isIdleEmpty(h)
            precondition(hostIndex.isIdle(h) == idle && hostIndex.isInScan(h) == !idle, "host index wrong at host \(h)")
            let b = Int(powerBuckets.bucketOf[h])
            if powerBuckets.retired[h] {
                precondition(b < 0 && excluded?[h] == true, "retired host \(h) in a bucket or not excluded")
            } else if idle {
                precondition(b < 0, "idle host \(h) in a bucket")
            } else {
                let (y, offset) = bucketKey(h)
                let want = exp.hosts[h] * PABFDPowerBuckets.segments + PABFDPowerBuckets.segment(y)
                precondition(b == want && !(powerBuckets.minOffset[b] > offset), "host \(h) in the wrong bucket")
            }
        }
    }

    /// Stable sort by current requested MIPS, decreasing (`PowerVmList.sortByCpuUtilization`).
    func sortedByRequestDescending(_ vms: [Int]) -> [Int] {
        let req = vReq
        return vms.enumerated().sorted { a, b in
            let ra = req[a.element], rb = req[b.element]
            return ra != rb ? ra > rb : a.offset < b.offset
        }.map(\.element)
    }

    // MARK: optimizeAllocation (§6)

    mutating func optimize(detector: any OverloadDetector, selection: any VMSelectionPolicy) -> [(Int, Int)] {
        // the round's creates and destroys are tentative: lists and allocations are logged
        // before their first change and put back at the end (`undoTentativeChanges`)
        let savedAvailable = hAvailable
        tentative.isRecording = true
        for h in 0..<nHosts { cacheValid[h] = false; roundPower[h] = power(h, storedU(h)) }
        rebuildHostIndex()
        var overloaded = [Bool](repeating: false, count: nHosts)
        var overList: [Int] = []
        for h in 0..<nHosts where !hList[h].isEmpty {
            if isOverloaded(h, extra: nil, detector: detector) { overloaded[h] = true; overList.append(h) }
        }
        // overloaded hosts are excluded as targets for the whole round
        for h in overList { powerBuckets.retire(h) }
        // VM selection on each overloaded host, hosts in id order (§6 step 3)
        var toMigrate: [Int] = []
        let stream = rs
        let inMigration = vInMigration  // closures below capture these, not the simulation
        for h in overList {
            while true {
                let candidates = hList[h].filter { !inMigration[Int($0)] }
                if candidates.isEmpty { break }
                let view = CloudSimCandidates(ids: candidates, ram: vRamMB, req: vReq, mipsV: vMips, hist: vHist, histCount: vHistCount)
                guard let i = selection.selectVM(from: view, uniform: { stream.uniform() }) else { break }
                let v = Int(candidates[i])
                destroy(v, from: h)
                toMigrate.append(v)
                if !isOverloaded(h, extra: nil, detector: detector) { break }
            }
        }
        var moves: [(Int, Int)] = []
        for v in sortedByRequestDescending(toMigrate) {
            if let h = findHost(v, excluded: overloaded, initial: false) {
                create(v, on: h)
                moves.append((v, h))
            }
        }
        // underload (§6 step 5)
        var exclUnder = overloaded
        var exclTarget = overloaded
        for h in 0..<nHosts where storedU(h) == 0 { exclUnder[h] = true; exclTarget[h] = true; powerBuckets.retire(h) }
        if !exp.quirks.underloadIgnoresOverloadTargets { for (_, t) in moves { exclUnder[t] = true } }
        var us = [Double](repeating: 0, count: nHosts)
        for h in 0..<nHosts { us[h] = storedU(h) }
        let order = (0..<nHosts).filter { us[$0] > 0 && us[$0] < 1 }.sorted { (us[$0], $0) < (us[$1], $1) }
        // every host with stored utilization 0 is excluded as a target below
        let activeHosts = (0..<nHosts).filter { us[$0] > 0 }
        var cursor = 0
        while true {
            while cursor < order.count && exclUnder[order[cursor]] { cursor += 1 }
            var pick: Int? = nil
            var i = cursor
            while i < order.count {
                let h = order[i]
                if !exclUnder[h] && !skipAsUnderloaded(h) { pick = h; break }
                i += 1
            }
            guard let h = pick else { break }
            exclUnder[h] = true
            exclTarget[h] = true
            powerBuckets.retire(h)
            let vms = hList[h].map { Int($0) }.filter { !inMigration[$0] }
            if vms.isEmpty { continue }
            var placed: [(Int, Int)] = []
            var failed = false
            for v in sortedByRequestDescending(vms) {
                if let t = findHost(v, excluded: exclTarget, initial: false, within: activeHosts) {
                    create(v, on: t)
                    placed.append((v, t))
                } else {
                    failed = true; break
                }
            }
            if failed {
                for (v, t) in placed { destroy(v, from: t) }
                continue
            }
            for (_, t) in placed { exclUnder[t] = true }
            moves += placed
        }
        undoTentativeChanges()
        hAvailable = savedAvailable
        hostIndex.isValid = false
        for h in 0..<nHosts { cacheValid[h] = false }
        return moves
    }

    /// `areAllVmsMigratingOutOrAnyVmMigratingIn` (§10.1): skip when the list is empty, or a
    /// migrating-in VM comes before the first VM not in migration.
    func skipAsUnderloaded(_ h: Int) -> Bool {
        for v32 in hList[h] {
            if hMigratingIn[h].contains(v32) { return true }
            if !vInMigration[Int(v32)] { return false }
        }
        return true
    }
}
