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

extension CloudSimSimulation {
    // MARK: tentative changes during a round (vmCreate / vmDestroy)

    /// `Host.vmCreate` during optimization or at t = 0: append and allocate the capped request.
    ///
    /// A valid cache of h stays valid: v comes last in the list, so adding its terms to the
    /// cached sums gives the same numbers as summing the new list in order (`rebuildCache`).
    mutating func create(_ v: Int, on h: Int) {
        hList[h].append(Int32(v))
        hostIndex.place(h, isIdle: false)
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
            let L = Self.historyLength, cb = h * L, base = v * L
            let hm = hMips[h]
            for j in 0..<L { cacheHist[cb + j] += vHist[base + j] * vMips[v] / hm }
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
        cacheValid[h] = false
        hList[h].remove(at: i); hAlloc[h].remove(at: i)
        if hList[h].isEmpty { hostIndex.place(h, isIdle: isIdleEmpty(h)) }
        reallocate(h, migrationRoles: false)
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
            let cb = h * L
            let hm = hMips[h]
            if let e = extra {
                // appended last, as a tentative vmCreate does: base sum (list order) + its term
                let base = e * L
                for j in 0..<L { histScratch[j] = cacheHist[cb + j] + vHist[base + j] * vMips[e] / hm }
            } else {
                for j in 0..<L { histScratch[j] = cacheHist[cb + j] }
            }
            n = L
            while n > 0 && histScratch[n - 1] == 0 { n -= 1 }
            for i in 0..<n { histOldestFirst[i] = histScratch[n - 1 - i] }
        }
        let cap = hMips[h]
        return histOldestFirst.withUnsafeBufferPointer { buf in
            let view = HostHistoryView(
                history: UnsafeBufferPointer(rebasing: buf[0..<n]), requestedMips: requested,
                capacityMips: cap, maxMigrationTimeS: tm)
            return detector.isOverloaded(view)
        }
    }

    /// Requested MIPS, largest RAM and host history of h's current list, summed in list order
    /// (§10.2 a, b; §10.6), kept until the list changes.
    mutating func rebuildCache(_ h: Int, withHistory: Bool) {
        let L = Self.historyLength
        var requested = 0.0
        var maxRam = Int.min
        let cb = h * L
        for j in 0..<L { cacheHist[cb + j] = 0 }
        let hm = hMips[h]
        for v32 in hList[h] {
            let v = Int(v32)
            requested += vReq[v]
            if vRamMB[v] > maxRam { maxRam = vRamMB[v] }
            if withHistory {
                let base = v * L
                for j in 0..<L { cacheHist[cb + j] += vHist[base + j] * vMips[v] / hm }
            }
        }
        var inUse = 0.0
        for a in hAlloc[h] { inUse += a }
        cacheInUse[h] = inUse
        cacheEmpty[h] = hList[h].isEmpty
        cacheRequested[h] = requested
        cacheMaxRam[h] = maxRam
        cacheValid[h] = true
    }

    // MARK: PABFD (§6 step 4, §10.3)

    /// `findHostForVm`: the non-excluded suitable host whose power rises least.
    /// - Parameter within: the hosts to consider, in id order; nil = every host. The underload
    ///   step passes the hosts with stored utilization > 0, since it excludes all others.
    ///
    /// With `within` nil and the host index valid, only the index's candidates are examined
    /// (`PABFDHostIndex`): the same choice as a scan of every host.
    mutating func findHost(_ v: Int, excluded: [Bool]?, initial: Bool, within: [Int]? = nil) -> Int? {
        if verifyIndexes { checkHostIndex() }
        if let within { return findHost(v, excluded: excluded, initial: initial, among: within) }
        guard useIndexes && hostIndex.isValid else {
            return findHost(v, excluded: excluded, initial: initial, among: 0..<nHosts)
        }
        var cands: [Int] = []
        swap(&cands, &candidateScratch)  // the scratch buffer, uniquely referenced
        defer { swap(&cands, &candidateScratch) }
        hostIndex.candidates(adding: idleRepresentatives(v, excluded: excluded, initial: initial), into: &cands)
        return findHost(v, excluded: excluded, initial: initial, among: cands)
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
        let detector: (any OverloadDetector)?
        if case .migration(let d, _) = exp.allocation { detector = d } else { detector = nil }
        var offers: [(host: Int, diff: Double, inUse: Double)] = []
        swap(&offers, &offerScratch)  // the scratch buffer, uniquely referenced
        offers.removeAll(keepingCapacity: true)
        defer { swap(&offers, &offerScratch) }
        // Empty hosts of one type and one current power all show the same power increase, so
        // only the first of them (lowest id) can win under the strict `<`: skip the rest.
        var seenEmpty: [(Int, Double)] = []
        for h in hosts {
            if initial {
                guard suitableAtCreation(v, h) else { continue }
            } else {
                guard hPeMips[h] >= r && hAvailable[h] >= r else { continue }
            }
            if let ex = excluded, ex[h] { continue }
            if !cacheValid[h] { rebuildCache(h, withHistory: detectorReadsHistory) }
            let inUse = cacheInUse[h]
            if !initial && cacheEmpty[h] {
                let key = (exp.hosts[h], roundPower[h])
                if seenEmpty.contains(where: { $0 == key }) { continue }
                seenEmpty.append(key)
            }
            let uAfter = (inUse + r) / hMips[h]
            let current: Double
            if initial && !exp.quirks.initialPowerIsIdle {
                current = power(h, inUse / hMips[h])
            } else {
                current = roundPower[h]
            }
            let diff = power(h, uAfter) - current
            // CloudSim's best starts at Double.MAX_VALUE
            guard diff < Double.greatestFiniteMagnitude else { continue }
            offers.append((h, diff, inUse))
        }
        while true {
            var k = -1
            var least = Double.infinity
            for i in offers.indices where offers[i].diff < least { k = i; least = offers[i].diff }
            guard k >= 0 else { return nil }
            let h = offers[k].host
            // the overload test only excludes, and never an empty host (nothing in use)
            guard offers[k].inUse != 0, let d = detector, isOverloaded(h, extra: v, detector: d) else { return h }
            offers[k].diff = .infinity
        }
    }

    // MARK: the host index (PABFDHostIndex)

    /// Whether host h belongs to its type's idle set: empty, at its type's P(0) this round.
    @inline(__always) func isIdleEmpty(_ h: Int) -> Bool {
        hList[h].isEmpty && roundPower[h] == hPowerW[h * 11]
    }

    /// Classifies every host; called once `roundPower` is set for a placement phase.
    mutating func rebuildHostIndex() {
        for h in 0..<nHosts { hostIndex.place(h, isIdle: isIdleEmpty(h)) }
        hostIndex.isValid = true
    }

    /// Brute-force check of the index invariant (tests set `verifyIndexes`).
    func checkHostIndex() {
        guard hostIndex.isValid else { return }
        for h in 0..<nHosts {
            let idle = isIdleEmpty(h)
            precondition(hostIndex.isIdle(h) == idle && hostIndex.isInScan(h) == !idle, "host index wrong at host \(h)")
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
        let savedList = hList, savedAlloc = hAlloc, savedAvailable = hAvailable
        for h in 0..<nHosts { cacheValid[h] = false; roundPower[h] = power(h, storedU(h)) }
        rebuildHostIndex()
        var overloaded = [Bool](repeating: false, count: nHosts)
        var overList: [Int] = []
        for h in 0..<nHosts where !hList[h].isEmpty {
            if isOverloaded(h, extra: nil, detector: detector) { overloaded[h] = true; overList.append(h) }
        }
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
        for h in 0..<nHosts where storedU(h) == 0 { exclUnder[h] = true; exclTarget[h] = true }
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
        hList = savedList; hAlloc = savedAlloc; hAvailable = savedAvailable
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
