import SimKernel
import DatacenterModel
import Policies
import Stochastic

/// What a CloudSim-profile run measured, with CloudSim's definitions (`EX/Helper.java`,
/// CloudSimPlanetLab.md §7).
public struct CloudSimResult: Sendable {
    public var energyKWh: Double
    public var migrations: Int
    /// RAM of the migrated VMs, bytes (CloudSim sends a VM's RAM once; MB read as MiB).
    public var migrationBytes: Double = 0
    /// SLA time per active host, fraction: Σ time active with allocated < requested / Σ active time.
    public var slatah: Double
    /// Performance degradation due to migration, fraction: Σ (requested − allocated) while
    /// migrating / Σ requested, over all VMs.
    public var pdm: Double
    /// SLATAH × PDM (a fraction).
    public var slav: Double { slatah * pdm }
    /// (Σ requested − Σ allocated) / Σ requested over all VMs, fraction.
    public var overallSlaViolation: Double
    public var hostShutdowns: Int
    /// VMs created.
    public var vms: Int
    /// VMs removed by the zero-demand rule.
    public var vmsDropped: Int
    public var vmsUnplaced: Int
    /// Updates (datacenter processing passes) run.
    public var updates: Int
    public var hostsUsedMax: Int
    /// Mean utilization of active hosts, time-weighted (stored utilization), fraction.
    public var cpuUtilMean: Double
    public var hostEnergyKWh: [Double]
    public var hostActiveHours: [Double]
    /// (time s, active hosts, live VMs, IT power W over the interval ending at time, mean utilization of active hosts)
    public var samples: [(time: Double, activeHosts: Int, vms: Int, powerW: Double, utilPct: Double)]
    /// Every host's utilization in every scheduling interval: Σ utilization × time over Σ
    /// time active (allocated MIPS > 0) within the interval, from the state histories the
    /// other figures use; a host never active in an interval is off in it.
    public var hostUtil = IntervalUtilization(hosts: 0)
    /// Per host type (index into `hostTypes`), the most active hosts of that type at a
    /// sampling instant (as `hostsUsedMax` counts them).
    public var hostsUsedMaxByType: [Int] = []
    /// Per host, the most RAM its VM list ever held (VMs placed at t = 0 and VMs migrating
    /// in, counted when they are added), MB.
    public var hostRamReservedMaxMB: [Int] = []
}

/// Simulates one CloudSim-profile experiment: CloudSim 3.0.3's PlanetLab consolidation
/// semantics (`CloudSimPlanetLab.md`, sections cited inline).
///
/// Time runs on the kernel's integer microseconds; the 300-s events are at 0.1 s + k·300 s
/// and migration completions at RAM/(BW/16000) s after their start, exactly representable.
public struct CloudSimSimulation {
    enum Event { case update; case migrationDone(vm: Int32, target: Int32) }

    let exp: CloudSimExperiment
    var loop = EventLoop<Event>()
    let nHosts: Int
    let nVMs: Int

    // Host constants.
    let hMips: [Double]
    let hPeMips: [Double]
    let hBw: [Double]
    let hPower: [SpecPowerModel]
    /// The 11 SPECpower watts of host h at hPowerW[11·h ..< 11·h + 11] (`hPower[h].tableW`,
    /// flat so that `power` reads no nested array).
    let hPowerW: [Double]
    let hRamMB: [Int]

    // Host state.
    var hList: [[Int32]]
    var hAlloc: [[Double]]  // scheduler allocation, parallel to hList
    /// A round's tentative changes of `hList` and `hAlloc`, undone at its end.
    var tentative: TentativeLog
    var hAvailable: [Double]
    var hMigratingIn: [[Int32]]
    var hStoredMips: [Double]
    var hPrevMips: [Double]
    var hRamUsed: [Int]
    var hBwUsed: [Double]
    var hEnergyJ: [Double]
    var hOn: [Bool]
    var hPrevOn: [Bool]
    // host state-history accounting (pending entry + committed totals)
    var hEntryTime: [Int64]
    var hEntryAlloc: [Double]
    var hEntryReq: [Double]
    var hEntryActive: [Bool]
    var hHasEntry: [Bool]
    var hCommittedActive: [Bool]
    /// Host h is at rest: its last `updateHost` found it empty, with stored and previous MIPS
    /// 0, off and previously off, and its pending and committed state-history entries
    /// inactive. Another `updateHost` of an empty host at rest only rewrites the same values
    /// and the time of an inactive entry, which no sum reads, so `fullUpdate` skips it.
    /// Invariant: only `updateHost` writes the fields this covers (`hAvailable` also changes
    /// in `optimize`, which restores it), so while the list stays empty the flag stays true.
    var hAtRest: [Bool]
    var hActiveS: [Double]
    var hViolationS: [Double]
    var hUtilActiveS: [Double]
    var shutdowns = 0

    // VM constants.
    let vMips: [Double]
    let vRamMB: [Int]
    let vBw: [Double]
    let trace: [Double]  // nVMs × (steps + 1) samples, fractions
    let traceStride: Int

    // VM state.
    var vHost: [Int32]
    var vInMigration: [Bool]
    var vAlive: [Bool]
    var vReq: [Double]
    var vHist: [Double]  // nVMs × 30, newest first
    var vHistCount: [Int]
    /// VM state-history accounting, one record per VM (one array: `updateHost` writes all of
    /// a VM's fields at once).
    var vAccount: [VMAccount]

    var lastProcessUs: Int64 = 0
    var migrations = 0
    var migrationBytes = 0.0
    var dropped = 0
    var unplaced = 0
    var updates = 0
    var pendingCompletions: [Int64: Int] = [:]
    /// Hosts changed by migration completions since the last full update at this instant.
    var completionDirty: [Int] = []
    let rs: RandomStream
    var maxActive = 0
    var samples: [(time: Double, activeHosts: Int, vms: Int, powerW: Double, utilPct: Double)] = []
    var lastSampleEnergy = 0.0
    var lastSampleUs: Int64 = 0
    /// Per host, its active time and utilization integrals at the last sample, s.
    var hSampleActiveS: [Double]
    var hSampleUtilS: [Double]
    var hostUtil: IntervalUtilization
    var activeByTypeMax: [Int]
    var hRamReservedMaxMB: [Int]

    static let historyLength = 30
    var roleScratch: [UInt8] = []
    /// Per host, its history sums newest first (`historyLength` slots); the first
    /// `cacheHistCount[h]` are computed (`extendHistoryCache`).
    var cacheHist: [Double] = []
    var cacheHistCount: [Int] = []
    /// How many history sums a cache rebuild computes at once: all, or one more than the
    /// detector reads (`OverloadDetector.newestValuesRead`), the one that usually shows the
    /// history is long enough.
    let historyPrefix: Int
    var cacheRequested: [Double] = []
    var cacheInUse: [Double] = []
    var cacheEmpty: [Bool] = []
    /// P(stored utilization) per host, fixed during a consolidation round (`host.getPower()`).
    var roundPower: [Double] = []
    var cacheMaxRam: [Int] = []
    var cacheValid: [Bool] = []
    var histOldestFirst = [Double](repeating: 0, count: 30)
    /// The hosts PABFD examines during a placement phase (see `PABFDHostIndex`).
    var hostIndex: PABFDHostIndex
    /// The non-idle hosts of a placement phase by type and tenth of capacity in use (see
    /// `PABFDPowerBuckets`), so that `findHost` examines only those that could win.
    var powerBuckets: PABFDPowerBuckets
    /// The phase's power increase is measured from the MIPS in use (initial placement without
    /// `initialPowerIsIdle`), not from the round power: bucket offsets are then 0.
    var bucketOffsetIsZero = false
    var bucketOrder: [(bound: Double, bucket: Int)] = []
    var candidateScratch: [Int] = []
    /// `findHost`'s eligible hosts with their power increase and MIPS in use.
    var offerScratch: [(host: Int, diff: Double, inUse: Double)] = []
    /// Whether the overload detector reads host histories (the caches then carry them).
    let detectorReadsHistory: Bool
    /// Off: every fast path that an index or cache provides is bypassed (tests compare both).
    var useIndexes = true
    /// On: every index is checked against a brute-force recomputation where it is read (tests).
    var verifyIndexes = false

    public init(_ exp: CloudSimExperiment) {
        self.exp = exp
        nHosts = exp.hosts.count
        nVMs = exp.groups.reduce(0) { $0 + $1.count }
        let ht = exp.hosts.map { exp.hostTypes[$0] }
        hMips = ht.map { Double($0.totalMips) }
        hPeMips = ht.map { Double($0.peMips) }
        hBw = ht.map(\.bwKbps)
        hPower = ht.map(\.power)
        hPowerW = ht.flatMap { t in (0...10).map { t.power.tableW[$0] } }
        hRamMB = ht.map(\.ramMB)
        hList = Array(repeating: [], count: nHosts)
        hAlloc = Array(repeating: [], count: nHosts)
        tentative = TentativeLog(hosts: nHosts)
        hAvailable = hMips
        hMigratingIn = Array(repeating: [], count: nHosts)
        hStoredMips = Array(repeating: 0, count: nHosts)
        hPrevMips = Array(repeating: 0, count: nHosts)
        hRamUsed = Array(repeating: 0, count: nHosts)
        hBwUsed = Array(repeating: 0, count: nHosts)
        hEnergyJ = Array(repeating: 0, count: nHosts)
        hOn = Array(repeating: false, count: nHosts)
        hPrevOn = Array(repeating: false, count: nHosts)
        hEntryTime = Array(repeating: 0, count: nHosts)
        hEntryAlloc = Array(repeating: 0, count: nHosts)
        hEntryReq = Array(repeating: 0, count: nHosts)
        hEntryActive = Array(repeating: false, count: nHosts)
        hHasEntry = Array(repeating: false, count: nHosts)
        hCommittedActive = Array(repeating: true, count: nHosts)
        hAtRest = Array(repeating: false, count: nHosts)
        hActiveS = Array(repeating: 0, count: nHosts)
        hViolationS = Array(repeating: 0, count: nHosts)
        hUtilActiveS = Array(repeating: 0, count: nHosts)
        hSampleActiveS = hUtilActiveS; hSampleUtilS = hUtilActiveS
        hostUtil = IntervalUtilization(hosts: nHosts)
        activeByTypeMax = Array(repeating: 0, count: exp.hostTypes.count)
        hRamReservedMaxMB = Array(repeating: 0, count: nHosts)
        let vt = exp.groups.flatMap { g in Array(repeating: g.type, count: g.count) }
        vMips = vt.map(\.mips)
        vRamMB = vt.map(\.ramMB)
        vBw = vt.map(\.bwKbps)
        // CloudSim's in-memory trace: 288 samples and a copy of the last (§1).
        let steps = Int((exp.durationS / exp.schedulingIntervalS).rounded(.up))
        traceStride = steps + 1
        let stride = steps + 1, groups = exp.groups
        var tr = [Double](repeating: 0, count: nVMs * stride)
        tr.withUnsafeMutableBufferPointer { tr in
            var v = 0
            for g in groups {
                for m in 0..<g.count {
                    let row = UnsafeMutableBufferPointer(rebasing: tr[(v * stride)..<((v + 1) * stride)])
                    g.workload.cpuFractions(member: m, into: row)
                    v += 1
                }
            }
        }
        trace = tr
        vHost = Array(repeating: -1, count: nVMs)
        vInMigration = Array(repeating: false, count: nVMs)
        vAlive = Array(repeating: false, count: nVMs)
        vReq = Array(repeating: 0, count: nVMs)
        vHist = Array(repeating: 0, count: nVMs * Self.historyLength)
        vHistCount = Array(repeating: 0, count: nVMs)
        vAccount = Array(repeating: VMAccount(), count: nVMs)
        rs = RandomStream(seed: exp.seed, purpose: StreamPurpose.selection, entity: 0)
        cacheHist = Array(repeating: 0, count: nHosts * Self.historyLength)
        cacheHistCount = Array(repeating: 0, count: nHosts)
        cacheRequested = Array(repeating: 0, count: nHosts)
        cacheInUse = Array(repeating: 0, count: nHosts)
        cacheEmpty = Array(repeating: true, count: nHosts)
        roundPower = (0..<nHosts).map { h in ht[h].power.tableW[0] }
        cacheMaxRam = Array(repeating: Int.min, count: nHosts)
        cacheValid = Array(repeating: false, count: nHosts)
        hostIndex = PABFDHostIndex(hostType: exp.hosts, typeCount: exp.hostTypes.count)
        powerBuckets = PABFDPowerBuckets(hostType: exp.hosts, tables: exp.hostTypes.map(\.power.tableW))
        if case .migration(let d, _) = exp.allocation {
            detectorReadsHistory = d.readsHistory
            historyPrefix = min(Self.historyLength, (d.newestValuesRead ?? Self.historyLength) + 1)
        } else {
            detectorReadsHistory = false
            historyPrefix = Self.historyLength
        }
    }

    // MARK: power and trace

    /// CloudSim's `PowerModelSpecPower.getPower`, with its exact floating-point steps (§10.8).
    @inline(__always) func power(_ h: Int, _ uIn: Double) -> Double {
        hPowerW.withUnsafeBufferPointer { Self.specPower(UnsafeBufferPointer(rebasing: $0[(h * 11)..<(h * 11 + 11)]), uIn) }
    }

    /// `PowerModelSpecPower.getPower` on one host's 11 SPECpower watts (`tableW`, 0 % to
    /// 100 % load in steps of 10 %), W.
    @inline(__always) static func specPower(_ tableW: UnsafeBufferPointer<Double>, _ uIn: Double) -> Double {
        let u = uIn > 1 ? 1 : uIn
        @inline(__always) func t(_ i: Int) -> Double { tableW[i] }
        if u == 0 { return t(0) }
        // `utilization % 0.1 == 0` (Java's remainder, exact); it can only hold where 10u is
        // within rounding of an integer, so fmod is skipped elsewhere. u ≥ 0, so floor and
        // ceil of 10u are the truncation and the truncation plus one unless 10u is integral.
        let x10 = u * 10
        let i1 = Int(x10)
        let frac = x10 - Double(i1)
        if (frac < 1e-6 || frac > 1 - 1e-6) && Self.isMultipleOfTenth(u) { return t(Int(u * 10)) }
        let i2 = frac == 0 ? i1 : i1 + 1
        let p1 = t(i1), p2 = t(min(i2, 10))
        let delta = (p2 - p1) / 10
        return p1 + delta * (u - Double(i1) / 10) * 100
    }

    /// Java's `u % 0.1 == 0`. Out of line: inlined, the optimizer computes the remainder (a
    /// libm `fmod` call) before the cheap test that almost always makes it unnecessary.
    @inline(never) static func isMultipleOfTenth(_ u: Double) -> Bool {
        u.truncatingRemainder(dividingBy: 0.1) == 0
    }

    /// Stored utilization as a fraction, clamped from (1, 1.01) to 1 (`getUtilizationOfCpu`).
    @inline(__always) func storedU(_ h: Int) -> Double {
        let u = hStoredMips[h] / hMips[h]
        return u > 1 && u < 1.01 ? 1 : u
    }

    /// Where an instant falls in the trace: the samples around it and how far past the first.
    struct TracePosition {
        /// Sample indices (clamped to the trace), and whether the instant is on sample k0.
        let k0: Int, k1: Int, onSample: Bool
        /// t − step·k, s (the interpolation offset).
        let offsetS: Double
    }

    /// The trace position of instant tUs, shared by every VM's `utilization` at that instant.
    func tracePosition(at tUs: Int64) -> TracePosition {
        let stepUs = Int64((exp.schedulingIntervalS * 1_000_000).rounded())
        let t = Double(tUs) / 1_000_000
        let step = exp.schedulingIntervalS
        let k = Int((t / step).rounded(.down))
        return TracePosition(
            k0: min(k, traceStride - 1), k1: min(k + 1, traceStride - 1),
            onSample: tUs % stepUs == 0, offsetS: t - step * Double(k))
    }

    /// u(t): the trace linearly interpolated between 300-s samples (§1).
    @inline(__always) func utilization(_ v: Int, at p: TracePosition) -> Double {
        trace.withUnsafeBufferPointer { Self.utilization(row: $0.baseAddress! + v * traceStride, at: p, stepS: exp.schedulingIntervalS) }
    }

    /// u(t) from one VM's row of trace samples and the scheduling interval, s.
    @inline(__always) static func utilization(row: UnsafePointer<Double>, at p: TracePosition, stepS: Double) -> Double {
        let a = row[p.k0]
        if p.onSample { return a }
        return a + (row[p.k1] - a) / stepS * p.offsetS
    }

    // MARK: run

    /// Runs the experiment. `progress` (optional) is told `(simulated s, duration s)` when the
    /// run starts and after every scheduling round; it changes nothing in the run.
    public mutating func run(progress: ((_ simulatedS: Double, _ durationS: Double) -> Void)? = nil) -> CloudSimResult {
        progress?(0, exp.durationS)
        initialPlacement()
        let first = SimTime.seconds(exp.schedulingIntervalS + 0.1)
        loop.schedule(.update, at: first, priority: 0)
        let end = SimTime.seconds(exp.durationS)
        while let e = loop.next(until: end) {
            switch e {
            case .update:
                periodicUpdate()
                progress?(loop.now.seconds, exp.durationS)
            case .migrationDone(let v, let target): migrationDone(Int(v), Int(target))
            }
        }
        // close every history: the last entries have no following interval (§7)
        for h in 0..<nHosts where hHasEntry[h] { commitHostEntryTransition(h) }
        return result()
    }

    mutating func initialPlacement() {
        // t = 0: VMs in id order, each requesting its full nominal MIPS, RAM and BW (§4).
        rebuildHostIndex(initial: true)
        defer { hostIndex.isValid = false }
        for v in 0..<nVMs {
            vReq[v] = vMips[v]
            var target: Int? = nil
            switch exp.allocation {
            case .npa, .dvfs:
                // a plain loop: a closure here would copy the whole simulation value
                for h in 0..<nHosts where suitableAtCreation(v, h) { target = h; break }
            case .migration:
                target = findHost(v, excluded: nil, initial: true)
            }
            if let h = target {
                create(v, on: h)
                noteRamReserved(h)
                hRamUsed[h] += vRamMB[v]; hBwUsed[h] += vBw[v]
                vHost[v] = Int32(h)
                vAlive[v] = true
            } else {
                unplaced += 1
            }
            vReq[v] = 0  // being-instantiated flag cleared: cloudlet not started yet (§6 step 4)
            if let h = target { cacheValid[h] = false }
        }
    }

    @inline(__always) func suitableAtCreation(_ v: Int, _ h: Int) -> Bool {
        hPeMips[h] >= vReq[v] && hAvailable[h] >= vReq[v]
            && hRamMB[h] - hRamUsed[h] >= vRamMB[v] && hBw[h] - hBwUsed[h] >= vBw[v]
    }

    // MARK: the datacenter update (§10.5)

    mutating func periodicUpdate() {
        let t = loop.now.microseconds
        if t > lastProcessUs {
            // VM histories gain one value per 300-s event (§10.6)
            let position = tracePosition(at: t)
            let alive = vAlive, L = Self.historyLength
            vHist.withUnsafeMutableBufferPointer { hist in
                // each alive VM's values move one place older (a memmove of L - 1 doubles)
                let raw = UnsafeMutableRawPointer(hist.baseAddress!)
                let stride = MemoryLayout<Double>.stride
                for v in 0..<alive.count where alive[v] {
                    (raw + (v * L + 1) * stride).copyMemory(from: raw + v * L * stride, byteCount: (L - 1) * stride)
                }
            }
            for v in 0..<nVMs where vAlive[v] {
                vHist[v * L] = utilization(v, at: position)
                if vHistCount[v] < L { vHistCount[v] += 1 }
            }
            fullUpdate(t)
            sample(t)
            if case .migration(let detector, let selection) = exp.allocation {
                let moves = optimize(detector: detector, selection: selection)
                for (v, target) in moves { startMigration(v, to: target) }
            }
        }
        let next = loop.now + SimDuration.seconds(exp.schedulingIntervalS)
        if next <= SimTime.seconds(exp.durationS) { loop.schedule(.update, at: next, priority: 0) }
    }

    /// Step 1 of §10.5: update every host, add energy, drop zero-demand VMs.
    mutating func fullUpdate(_ t: Int64) {
        updates += 1
        let position = tracePosition(at: t)
        // every alive VM's request at t, through buffer pointers
        let stride = traceStride, stepS = exp.schedulingIntervalS
        trace.withUnsafeBufferPointer { trace in
            vAlive.withUnsafeBufferPointer { alive in
                vMips.withUnsafeBufferPointer { mips in
                    vReq.withUnsafeMutableBufferPointer { req in
                        for v in 0..<alive.count where alive[v] {
                            req[v] = Self.utilization(row: trace.baseAddress! + v * stride, at: position, stepS: stepS) * mips[v]
                        }
                    }
                }
            }
        }
        for h in 0..<nHosts {
            // a host at rest would only rewrite its state as it is (see `hAtRest`)
            if hAtRest[h] && hList[h].isEmpty && useIndexes { continue }
            updateHost(h, t)
        }
        let dtUs = t - lastProcessUs
        var isNPA = false
        if case .npa = exp.allocation { isNPA = true }
        if dtUs > 0 {
            let dt = Double(dtUs) / 1_000_000
            for h in 0..<nHosts {
                switch isNPA {
                case true:
                    hEnergyJ[h] += hPower[h].maxW * dt
                case false:
                    // from = 0 exactly when the previous MIPS are 0: test that before dividing
                    if hPrevMips[h] == 0 && exp.quirks.idleHostDrawsNothing { continue }
                    let from = hPrevMips[h] / hMips[h], to = storedU(h)
                    let fromC = from > 1 && from < 1.01 ? 1 : from
                    let pf = power(h, fromC), pt = power(h, to)
                    hEnergyJ[h] += (pf + (pt - pf) / 2) * dt
                }
            }
        }
        if exp.quirks.dropZeroDemandVMs {
            for h in 0..<nHosts where !hList[h].isEmpty { dropZeroDemand(h) }
        }
        completionDirty.removeAll(keepingCapacity: true)
        lastProcessUs = t
    }

    /// `getCompletedVms`: VMs not in migration whose request is exactly 0 leave for good (§10.5 d).
    mutating func dropZeroDemand(_ h: Int) {
        // almost always no VM leaves: look for one before touching the list
        let any = hList[h].withUnsafeBufferPointer { list in
            vReq.withUnsafeBufferPointer { req in list.contains { req[Int($0)] == 0 } }
        }
        guard any else { return }
        var i = 0
        while i < hList[h].count {
            let v = Int(hList[h][i])
            if !vInMigration[v] && vReq[v] == 0 && !hMigratingIn[h].contains(Int32(v)) {
                hList[h].remove(at: i); hAlloc[h].remove(at: i)
                vAlive[v] = false
                vHost[v] = -1
                dropped += 1
            } else {
                i += 1
            }
        }
    }

    /// `HostDynamicWorkload.updateVmsProcessing` for one host (§10.5 a, §10.4).
    mutating func updateHost(_ h: Int, _ t: Int64) {
        hPrevMips[h] = hStoredMips[h]
        hPrevOn[h] = hOn[h]
        let hasVMs = !hList[h].isEmpty
        hOn[h] = hasVMs
        if !hasVMs {
            // fast path for an empty host: nothing allocated, nothing requested
            hStoredMips[h] = 0
            hAvailable[h] = hMips[h]
            writeHostEntry(h, t, alloc: 0, req: 0)
            hAtRest[h] = hPrevMips[h] == 0 && !hPrevOn[h] && !hCommittedActive[h]
            return
        }
        hAtRest[h] = false
        reallocate(h, migrationRoles: true)
        let incoming = hMigratingIn[h]
        // Through buffer pointers: the same sums in list order, without a uniqueness check of
        // `vAccount` per VM.
        let (stored, requested) = hList[h].withUnsafeBufferPointer { list in
            hAlloc[h].withUnsafeBufferPointer { alloc in
                vReq.withUnsafeBufferPointer { req in
                    vInMigration.withUnsafeBufferPointer { inMigration in
                        vAccount.withUnsafeMutableBufferPointer { account in
                            var stored = 0.0, requested = 0.0
                            for (i, v32) in list.enumerated() {
                                let v = Int(v32)
                                var a = alloc[i]
                                requested += req[v]
                                if !incoming.isEmpty && incoming.contains(v32) {
                                    stored += a
                                } else {
                                    let out = inMigration[v]
                                    account[v].write(t, alloc: a, req: req[v], migrating: out)
                                    if out { a /= 0.9 }
                                    stored += a
                                }
                            }
                            return (stored, requested)
                        }
                    }
                }
            }
        }
        hStoredMips[h] = stored
        writeHostEntry(h, t, alloc: stored, req: requested)
    }

    /// The VM scheduler's allocation of a host's list (§10.4).
    ///
    /// The allocation array keeps its length (it is parallel to the list) and `schedule`
    /// writes every element, and every role is written before it is read: no element is
    /// cleared first, and no generic `append(contentsOf:)` runs per call (this runs for every
    /// busy host at every update).
    mutating func reallocate(_ h: Int, migrationRoles: Bool) {
        var alloc: [Double] = []
        swap(&alloc, &hAlloc[h])
        var roles: [UInt8] = []
        swap(&roles, &roleScratch)  // the scratch buffer, uniquely referenced
        let n = hList[h].count
        if alloc.count != n { alloc = [Double](repeating: 0, count: n) }
        if roles.count < n { roles = [UInt8](repeating: 0, count: max(n, 2 * roles.count)) }
        let incoming = hMigratingIn[h]
        let cap = exp.quirks.capRequestsPerPE, pe = hPeMips[h], mips = hMips[h]
        let available = hList[h].withUnsafeBufferPointer { list in
            vReq.withUnsafeBufferPointer { req in
                vInMigration.withUnsafeBufferPointer { inMigration in
                    alloc.withUnsafeMutableBufferPointer { alloc in
                        roles.withUnsafeMutableBufferPointer { roles in
                            for (i, v32) in list.enumerated() {
                                if !migrationRoles {
                                    roles[i] = 0
                                } else if !incoming.isEmpty && incoming.contains(v32) {
                                    roles[i] = 2
                                } else {
                                    roles[i] = inMigration[Int(v32)] ? 1 : 0
                                }
                            }
                            return Self.schedule(
                                list: list, req: req, roles: UnsafeBufferPointer(rebasing: roles[0..<n]), cap: cap,
                                pe: pe, mips: mips, into: alloc)
                        }
                    }
                }
            }
        }
        swap(&roles, &roleScratch)
        swap(&alloc, &hAlloc[h])
        hAvailable[h] = available
    }

    /// `VmSchedulerTimeSharedOverSubscription` on one list: writes each VM's allocation and
    /// returns the MIPS left. Roles: 0 normal, 1 migrating out, 2 migrating in.
    @inline(__always)
    static func schedule(
        list: UnsafeBufferPointer<Int32>, req: UnsafeBufferPointer<Double>, roles: UnsafeBufferPointer<UInt8>,
        cap: Bool, pe: Double, mips: Double, into alloc: UnsafeMutableBufferPointer<Double>
    ) -> Double {
        var available = mips
        var overflow = false
        for (i, v32) in list.enumerated() {
            let r = req[Int(v32)]
            let c = cap ? min(r, pe) : r
            let rl = roles[i]
            let charged = rl == 2 ? c * 0.1 : c
            if !overflow && available >= charged {
                alloc[i] = rl == 1 ? c * 0.9 : (rl == 2 ? c * 0.1 : c)
                available -= charged
            } else {
                overflow = true
                alloc[i] = 0
            }
        }
        guard overflow else { return available }
        var sum = 0.0
        for (i, v32) in list.enumerated() {
            let r = req[Int(v32)]
            let c = cap ? min(r, pe) : r
            sum += roles[i] == 2 ? c * 0.1 : c
        }
        let sf = mips / sum
        for (i, v32) in list.enumerated() {
            let r = req[Int(v32)]
            let c = cap ? min(r, pe) : r
            switch roles[i] {
            case 1: alloc[i] = (c * sf * 0.9).rounded(.down)
            case 2: alloc[i] = (c * 0.1 * sf).rounded(.down)
            default: alloc[i] = (c * sf).rounded(.down)
            }
        }
        return 0
    }

    // MARK: state histories (§7, §10.7)

    mutating func writeHostEntry(_ h: Int, _ t: Int64, alloc: Double, req: Double) {
        if hHasEntry[h] && hEntryTime[h] < t {
            let dt = Double(t - hEntryTime[h]) / 1_000_000
            commitHostEntryTransition(h)
            if hEntryActive[h] {
                hActiveS[h] += dt
                hUtilActiveS[h] += min(1, hEntryAlloc[h] / hMips[h]) * dt
                if hEntryAlloc[h] < hEntryReq[h] { hViolationS[h] += dt }
            }
        }
        hHasEntry[h] = true
        hEntryTime[h] = t; hEntryAlloc[h] = alloc; hEntryReq[h] = req; hEntryActive[h] = alloc > 0
    }

    /// Counts an active → inactive step of the committed entry sequence.
    mutating func commitHostEntryTransition(_ h: Int) {
        let active = hEntryActive[h]
        if hCommittedActive[h] && !active { shutdowns += 1 }
        hCommittedActive[h] = active
    }

    // MARK: migrations (§4, §10.5)

    mutating func startMigration(_ v: Int, to target: Int) {
        let t = loop.now.microseconds
        vInMigration[v] = true
        if !hMigratingIn[target].contains(Int32(v)) {
            hMigratingIn[target].append(Int32(v))
            hList[target].append(Int32(v))
            hAlloc[target].append(0)
        }
        noteRamReserved(target)
        updateHost(target, t)
        let source = Int(vHost[v])
        if source >= 0 { updateHost(source, t) }
        migrations += 1
        migrationBytes += Double(vRamMB[v]) * 1_048_576
        let seconds = Double(vRamMB[v]) / (hBw[target] / 16000)
        let done = loop.now + SimDuration.seconds(seconds)
        pendingCompletions[done.microseconds, default: 0] += 1
        loop.schedule(.migrationDone(vm: Int32(v), target: Int32(target)), at: done, priority: 1)
    }

    mutating func migrationDone(_ v: Int, _ target: Int) {
        let t = loop.now.microseconds
        pendingCompletions[t, default: 1] -= 1
        if t > lastProcessUs { fullUpdate(t) }
        // Datacenter.processVmMigrate: off the source, off the target's incoming list, then
        // created on the target at the end of its list (§10.1).
        let source = Int(vHost[v])
        if source >= 0, let i = hList[source].firstIndex(of: Int32(v)) {
            hList[source].remove(at: i); hAlloc[source].remove(at: i)
        }
        if let i = hMigratingIn[target].firstIndex(of: Int32(v)) { hMigratingIn[target].remove(at: i) }
        if let i = hList[target].firstIndex(of: Int32(v)) { hList[target].remove(at: i); hAlloc[target].remove(at: i) }
        vInMigration[v] = false
        hList[target].append(Int32(v)); hAlloc[target].append(0)
        vHost[v] = Int32(target)
        vAlive[v] = true
        if source >= 0 { completionDirty.append(source) }
        completionDirty.append(target)
        if pendingCompletions[t] == 0 {
            pendingCompletions[t] = nil
            // The zero-length pass after the last completion at this instant (§10.5). Requests
            // are those of the full pass just run at this instant, so only the hosts the
            // completions changed can change: update those (entries replaced, drop test), in
            // id order. No energy: the interval has zero length.
            updates += 1
            completionDirty.sort()
            var hosts: [Int] = []  // the changed hosts, once each, ascending
            for h in completionDirty where hosts.last != h { hosts.append(h) }
            completionDirty.removeAll(keepingCapacity: true)
            for h in hosts { updateHost(h, t) }
            if exp.quirks.dropZeroDemandVMs { for h in hosts { dropZeroDemand(h) } }
        }
    }

    // MARK: sampling (virtsim's own timeseries)

    /// Records the RAM of host h's VM list if it is the most so far (read only by reports).
    mutating func noteRamReserved(_ h: Int) {
        var mb = 0
        for v in hList[h] { mb += vRamMB[Int(v)] }
        if mb > hRamReservedMaxMB[h] { hRamReservedMaxMB[h] = mb }
    }

    mutating func sample(_ t: Int64) {
        let e = hEnergyJ.reduce(0, +)
        var active = 0, util = 0.0
        for h in 0..<nHosts where hStoredMips[h] > 0 { active += 1; util += storedU(h) }
        if active > maxActive { maxActive = active }
        // per host and per type, read only by reports
        var activeByType = [Int](repeating: 0, count: activeByTypeMax.count)
        hostUtil.appendInterval()
        let hostType = exp.hosts
        for h in 0..<nHosts where hStoredMips[h] > 0 { activeByType[hostType[h]] += 1 }
        for h in 0..<nHosts {
            let activeS = hActiveS[h] - hSampleActiveS[h]
            if activeS > 0 { hostUtil.set(host: h, fraction: (hUtilActiveS[h] - hSampleUtilS[h]) / activeS) }
        }
        // the integrals at this sample: whole-array copies (storage shared until written)
        hSampleActiveS = hActiveS; hSampleUtilS = hUtilActiveS
        for i in activeByType.indices where activeByType[i] > activeByTypeMax[i] { activeByTypeMax[i] = activeByType[i] }
        let span = Double(t - lastSampleUs) / 1_000_000
        samples.append(
            (
                Double(t) / 1_000_000, active, vAlive.lazy.filter { $0 }.count,
                span > 0 ? (e - lastSampleEnergy) / span : 0, active > 0 ? 100 * util / Double(active) : 0
            ))
        lastSampleEnergy = e; lastSampleUs = t
    }

    func result() -> CloudSimResult {
        let active = hActiveS.reduce(0, +), violation = hViolationS.reduce(0, +)
        let req = vAccount.reduce(0) { $0 + $1.reqS }, alloc = vAccount.reduce(0) { $0 + $1.allocS }
        let pdm = vAccount.reduce(0) { $0 + $1.pdmS }
        var r = CloudSimResult(
            energyKWh: hEnergyJ.reduce(0, +) / 3_600_000, migrations: migrations,
            slatah: active > 0 ? violation / active : 0, pdm: req > 0 ? pdm / req : 0,
            overallSlaViolation: req > 0 ? (req - alloc) / req : 0, hostShutdowns: shutdowns,
            vms: nVMs, vmsDropped: dropped, vmsUnplaced: unplaced, updates: updates, hostsUsedMax: maxActive,
            cpuUtilMean: active > 0 ? hUtilActiveS.reduce(0, +) / active : 0,
            hostEnergyKWh: hEnergyJ.map { $0 / 3_600_000 }, hostActiveHours: hActiveS.map { $0 / 3600 },
            samples: samples)
        r.migrationBytes = migrationBytes
        r.hostUtil = hostUtil
        r.hostsUsedMaxByType = activeByTypeMax
        r.hostRamReservedMaxMB = hRamReservedMaxMB
        return r
    }
}

/// One VM's state history (§7): the pending entry, and the sums of the committed intervals.
struct VMAccount {
    var entryTime: Int64 = 0
    var entryAlloc = 0.0
    var entryReq = 0.0
    var entryMigrating = false
    var hasEntry = false
    /// ∫ requested MIPS dt, ∫ allocated MIPS dt, ∫ (requested − allocated) dt while migrating.
    var reqS = 0.0
    var allocS = 0.0
    var pdmS = 0.0

    /// Writes the entry at t; a pending entry from before t is committed over [its time, t].
    @inline(__always) mutating func write(_ t: Int64, alloc: Double, req: Double, migrating: Bool) {
        if hasEntry && entryTime < t {
            let dt = Double(t - entryTime) / 1_000_000
            reqS += entryReq * dt
            allocS += entryAlloc * dt
            if entryMigrating && entryAlloc < entryReq { pdmS += (entryReq - entryAlloc) * dt }
        }
        hasEntry = true
        entryTime = t; entryAlloc = alloc; entryReq = req; entryMigrating = migrating
    }
}
