import SimKernel
import DatacenterModel
import Policies
import Stochastic

/// What a CloudSim-profile run measured, with CloudSim's definitions (`EX/Helper.java`,
/// cloudsim-planetlab.md §7).
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
    /// Host switch-ons charged with boot energy (realistic power accounting only).
    public var hostBoots: Int
    /// Mean utilization of active hosts, time-weighted (stored utilization), fraction.
    public var cpuUtilMean: Double
    public var hostEnergyKWh: [Double]
    public var hostActiveHours: [Double]
    /// (time s, active hosts, live VMs, IT power W over the interval ending at time, mean utilization of active hosts)
    public var samples: [(time: Double, activeHosts: Int, vms: Int, powerW: Double, utilPct: Double)]
}

/// Simulates one CloudSim-profile experiment: CloudSim 3.0.3's PlanetLab consolidation
/// semantics (`../shared/reference/cloudsim-planetlab.md`, sections cited inline).
///
/// Time runs on the kernel's integer microseconds; the 300-s events are at 0.1 s + k·300 s
/// and migration completions at RAM/(BW/16000) s after their start, exactly representable.
public struct CloudSimSimulation {
    enum Event { case update; case firstUpdate; case migrationDone(vm: Int32, target: Int32) }

    let exp: CloudSimExperiment
    var loop = EventLoop<Event>()
    let nHosts: Int
    let nVMs: Int

    // Host constants.
    let hMips: [Double]
    let hPeMips: [Double]
    let hBw: [Double]
    let hPower: [SpecPowerModel]
    let hRamMB: [Int]

    // Host state.
    var hList: [[Int32]]
    var hAlloc: [[Double]]            // scheduler allocation, parallel to hList
    var hAvailable: [Double]
    var hMigratingIn: [[Int32]]
    var hStoredMips: [Double]
    var hPrevMips: [Double]
    var hRamUsed: [Int]
    var hBwUsed: [Double]
    var hEnergyJ: [Double]
    var hOn: [Bool]
    var hPrevOn: [Bool]
    var boots = 0
    // host state-history accounting (pending entry + committed totals)
    var hEntryTime: [Int64]
    var hEntryAlloc: [Double]
    var hEntryReq: [Double]
    var hEntryActive: [Bool]
    var hHasEntry: [Bool]
    var hCommittedActive: [Bool]
    var hActiveS: [Double]
    var hViolationS: [Double]
    var hUtilActiveS: [Double]
    var shutdowns = 0

    // VM constants.
    let vMips: [Double]
    let vRamMB: [Int]
    let vBw: [Double]
    let trace: [Double]              // nVMs × (steps + 1) samples, fractions
    let traceStride: Int

    // VM state.
    var vHost: [Int32]
    var vInMigration: [Bool]
    var vAlive: [Bool]
    var vReq: [Double]
    var vHist: [Double]              // nVMs × 30, newest first
    var vHistCount: [Int]
    // VM state-history accounting
    var vEntryTime: [Int64]
    var vEntryAlloc: [Double]
    var vEntryReq: [Double]
    var vEntryMig: [Bool]
    var vHasEntry: [Bool]
    var vReqS: [Double]
    var vAllocS: [Double]
    var vPdmS: [Double]

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

    static let historyLength = 30
    var histScratch = [Double](repeating: 0, count: 30)
    var roleScratch: [UInt8] = []
    var cacheHist: [Double] = []
    var cacheRequested: [Double] = []
    var cacheInUse: [Double] = []
    var cacheEmpty: [Bool] = []
    /// P(stored utilization) per host, fixed during a consolidation round (`host.getPower()`).
    var roundPower: [Double] = []
    var cacheMaxRam: [Int] = []
    var cacheValid: [Bool] = []
    var histOldestFirst = [Double](repeating: 0, count: 30)

    public init(_ exp: CloudSimExperiment) {
        self.exp = exp
        nHosts = exp.hosts.count
        nVMs = exp.groups.reduce(0) { $0 + $1.count }
        let ht = exp.hosts.map { exp.hostTypes[$0] }
        hMips = ht.map { Double($0.totalMips) }
        hPeMips = ht.map { Double($0.peMips) }
        hBw = ht.map(\.bwKbps)
        hPower = ht.map(\.power)
        hRamMB = ht.map(\.ramMB)
        hList = Array(repeating: [], count: nHosts)
        hAlloc = Array(repeating: [], count: nHosts)
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
        hActiveS = Array(repeating: 0, count: nHosts)
        hViolationS = Array(repeating: 0, count: nHosts)
        hUtilActiveS = Array(repeating: 0, count: nHosts)
        let vt = exp.groups.flatMap { g in Array(repeating: g.type, count: g.count) }
        vMips = vt.map(\.mips)
        vRamMB = vt.map(\.ramMB)
        vBw = vt.map(\.bwKbps)
        // CloudSim's in-memory trace: 288 samples and a copy of the last (§1).
        let steps = Int((exp.durationS / exp.schedulingIntervalS).rounded(.up))
        traceStride = steps + 1
        var tr = [Double](repeating: 0, count: nVMs * traceStride)
        var v = 0
        for g in exp.groups {
            for m in 0..<g.count {
                for k in 0...steps { tr[v * traceStride + k] = g.workload.demand(member: m, step: k).cpu }
                v += 1
            }
        }
        trace = tr
        vHost = Array(repeating: -1, count: nVMs)
        vInMigration = Array(repeating: false, count: nVMs)
        vAlive = Array(repeating: false, count: nVMs)
        vReq = Array(repeating: 0, count: nVMs)
        vHist = Array(repeating: 0, count: nVMs * Self.historyLength)
        vHistCount = Array(repeating: 0, count: nVMs)
        vEntryTime = Array(repeating: 0, count: nVMs)
        vEntryAlloc = Array(repeating: 0, count: nVMs)
        vEntryReq = Array(repeating: 0, count: nVMs)
        vEntryMig = Array(repeating: false, count: nVMs)
        vHasEntry = Array(repeating: false, count: nVMs)
        vReqS = Array(repeating: 0, count: nVMs)
        vAllocS = Array(repeating: 0, count: nVMs)
        vPdmS = Array(repeating: 0, count: nVMs)
        rs = RandomStream(seed: exp.seed, purpose: StreamPurpose.selection, entity: 0)
        cacheHist = Array(repeating: 0, count: nHosts * Self.historyLength)
        cacheRequested = Array(repeating: 0, count: nHosts)
        cacheInUse = Array(repeating: 0, count: nHosts)
        cacheEmpty = Array(repeating: true, count: nHosts)
        roundPower = (0..<nHosts).map { h in ht[h].power.tableW[0] }
        cacheMaxRam = Array(repeating: Int.min, count: nHosts)
        cacheValid = Array(repeating: false, count: nHosts)
    }

    // MARK: power and trace

    /// CloudSim's `PowerModelSpecPower.getPower`, with its exact floating-point steps (§10.8).
    @inline(__always) func power(_ h: Int, _ uIn: Double) -> Double {
        let u = uIn > 1 ? 1 : uIn
        let t = hPower[h].tableW
        if u == 0 { return t[0] }
        // `utilization % 0.1 == 0` (Java's remainder, exact); it can only hold where 10u is
        // within rounding of an integer, so fmod is skipped elsewhere. u ≥ 0, so floor and
        // ceil of 10u are the truncation and the truncation plus one unless 10u is integral.
        let x10 = u * 10
        let i1 = Int(x10)
        let frac = x10 - Double(i1)
        if (frac < 1e-6 || frac > 1 - 1e-6) && u.truncatingRemainder(dividingBy: 0.1) == 0 { return t[Int(u * 10)] }
        let i2 = frac == 0 ? i1 : i1 + 1
        let p1 = t[i1], p2 = t[min(i2, 10)]
        let delta = (p2 - p1) / 10
        return p1 + delta * (u - Double(i1) / 10) * 100
    }

    /// Stored utilization as a fraction, clamped from (1, 1.01) to 1 (`getUtilizationOfCpu`).
    @inline(__always) func storedU(_ h: Int) -> Double {
        let u = hStoredMips[h] / hMips[h]
        return u > 1 && u < 1.01 ? 1 : u
    }

    /// u(t): the trace linearly interpolated between 300-s samples (§1).
    @inline(__always) func utilization(_ v: Int, at tUs: Int64) -> Double {
        let stepUs = Int64((exp.schedulingIntervalS * 1_000_000).rounded())
        let t = Double(tUs) / 1_000_000
        let step = exp.schedulingIntervalS
        let k = Int((t / step).rounded(.down))
        let base = v * traceStride
        let kk = min(k, traceStride - 1), k1 = min(k + 1, traceStride - 1)
        let a = trace[base + kk], b = trace[base + k1]
        if tUs % stepUs == 0 { return a }
        return a + (b - a) / step * (t - step * Double(k))
    }

    // MARK: run

    public mutating func run() -> CloudSimResult {
        initialPlacement()
        if exp.quirks.realisticPower {
            for h in 0..<nHosts { hOn[h] = !hList[h].isEmpty }   // the running estate: no boot
            loop.schedule(.firstUpdate, at: SimTime.seconds(0.1), priority: 0)
        }
        let first = SimTime.seconds(exp.schedulingIntervalS + 0.1)
        loop.schedule(.update, at: first, priority: 0)
        let end = SimTime.seconds(exp.durationS)
        while let e = loop.next(until: end) {
            switch e {
            case .update: periodicUpdate()
            case .firstUpdate: fullUpdate(loop.now.microseconds)
            case .migrationDone(let v, let target): migrationDone(Int(v), Int(target))
            }
        }
        // close every history: the last entries have no following interval (§7)
        for h in 0..<nHosts where hHasEntry[h] { commitHostEntryTransition(h) }
        return result()
    }

    mutating func initialPlacement() {
        // t = 0: VMs in id order, each requesting its full nominal MIPS, RAM and BW (§4).
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
                hRamUsed[h] += vRamMB[v]; hBwUsed[h] += vBw[v]
                vHost[v] = Int32(h)
                vAlive[v] = true
            } else {
                unplaced += 1
            }
            vReq[v] = 0   // being-instantiated flag cleared: cloudlet not started yet (§6 step 4)
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
            for v in 0..<nVMs where vAlive[v] {
                let u = utilization(v, at: t)
                let base = v * Self.historyLength
                var i = Self.historyLength - 1
                while i > 0 { vHist[base + i] = vHist[base + i - 1]; i -= 1 }
                vHist[base] = u
                if vHistCount[v] < Self.historyLength { vHistCount[v] += 1 }
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
        for v in 0..<nVMs where vAlive[v] { vReq[v] = utilization(v, at: t) * vMips[v] }
        for h in 0..<nHosts { updateHost(h, t) }
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
                    if exp.quirks.realisticPower && !hPrevOn[h] {
                        hEnergyJ[h] += exp.hostTypes[exp.hosts[h]].offW * dt
                        continue
                    }
                    let from = hPrevMips[h] / hMips[h], to = storedU(h)
                    let fromC = from > 1 && from < 1.01 ? 1 : from
                    if fromC == 0 && exp.quirks.idleHostDrawsNothing { continue }
                    let pf = power(h, fromC), pt = power(h, to)
                    hEnergyJ[h] += (pf + (pt - pf) / 2) * dt
                }
            }
        }
        if exp.quirks.dropZeroDemandVMs {
            for h in 0..<nHosts { dropZeroDemand(h) }
        }
        completionDirty.removeAll(keepingCapacity: true)
        lastProcessUs = t
    }

    /// `getCompletedVms`: VMs not in migration whose request is exactly 0 leave for good (§10.5 d).
    mutating func dropZeroDemand(_ h: Int) {
        var i = 0
        while i < hList[h].count {
            let v = Int(hList[h][i])
            if !vInMigration[v] && vReq[v] == 0 && !hMigratingIn[h].contains(Int32(v)) {
                hList[h].remove(at: i); hAlloc[h].remove(at: i)
                vAlive[v] = false
                vHost[v] = -1
                dropped += 1
            } else { i += 1 }
        }
    }

    /// `HostDynamicWorkload.updateVmsProcessing` for one host (§10.5 a, §10.4).
    mutating func updateHost(_ h: Int, _ t: Int64) {
        hPrevMips[h] = hStoredMips[h]
        hPrevOn[h] = hOn[h]
        let hasVMs = !hList[h].isEmpty
        if exp.quirks.realisticPower && hasVMs && !hOn[h] {
            let type = exp.hostTypes[exp.hosts[h]]
            hEnergyJ[h] += type.bootTimeS * type.bootPowerW
            boots += 1
        }
        hOn[h] = hasVMs
        if !hasVMs {
            // fast path for an empty host: nothing allocated, nothing requested
            hStoredMips[h] = 0
            hAvailable[h] = hMips[h]
            writeHostEntry(h, t, alloc: 0, req: 0)
            return
        }
        reallocate(h, migrationRoles: true)
        var stored = 0.0, requested = 0.0
        let list = hList[h]
        let incoming = hMigratingIn[h]
        let alloc = hAlloc[h]
        for (i, v32) in list.enumerated() {
            let v = Int(v32)
            var a = alloc[i]
            requested += vReq[v]
            if !incoming.isEmpty && incoming.contains(v32) {
                stored += a
            } else {
                let out = vInMigration[v]
                writeVMEntry(v, t, alloc: a, req: vReq[v], migrating: out)
                if out { a /= 0.9 }
                stored += a
            }
        }
        hStoredMips[h] = stored
        writeHostEntry(h, t, alloc: stored, req: requested)
    }

    /// The VM scheduler's allocation of a host's list (§10.4).
    mutating func reallocate(_ h: Int, migrationRoles: Bool) {
        let list = hList[h]
        var alloc: [Double] = []
        swap(&alloc, &hAlloc[h])
        alloc.removeAll(keepingCapacity: true)
        var available = hMips[h]
        var overflow = false
        let pe = hPeMips[h]
        let cap = exp.quirks.capRequestsPerPE
        // role per VM: 0 normal, 1 migrating out, 2 migrating in
        var roles = roleScratch
        roles.removeAll(keepingCapacity: true)
        let incoming = hMigratingIn[h]
        for v32 in list {
            var rl: UInt8 = 0
            if migrationRoles {
                if !incoming.isEmpty && incoming.contains(v32) { rl = 2 } else if vInMigration[Int(v32)] { rl = 1 }
            }
            roles.append(rl)
        }
        for (i, v32) in list.enumerated() {
            let r = vReq[Int(v32)]
            let c = cap ? min(r, pe) : r
            let rl = roles[i]
            let charged = rl == 2 ? c * 0.1 : c
            if !overflow && available >= charged {
                alloc.append(rl == 1 ? c * 0.9 : (rl == 2 ? c * 0.1 : c))
                available -= charged
            } else {
                overflow = true
                alloc.append(0)
            }
        }
        if overflow {
            var sum = 0.0
            for (i, v32) in list.enumerated() {
                let r = vReq[Int(v32)]
                let c = cap ? min(r, pe) : r
                sum += roles[i] == 2 ? c * 0.1 : c
            }
            let sf = hMips[h] / sum
            for (i, v32) in list.enumerated() {
                let r = vReq[Int(v32)]
                let c = cap ? min(r, pe) : r
                switch roles[i] {
                case 1: alloc[i] = (c * sf * 0.9).rounded(.down)
                case 2: alloc[i] = (c * 0.1 * sf).rounded(.down)
                default: alloc[i] = (c * sf).rounded(.down)
                }
            }
            available = 0
        }
        roleScratch = roles
        swap(&alloc, &hAlloc[h])
        hAvailable[h] = available
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

    mutating func writeVMEntry(_ v: Int, _ t: Int64, alloc: Double, req: Double, migrating: Bool) {
        if vHasEntry[v] && vEntryTime[v] < t {
            let dt = Double(t - vEntryTime[v]) / 1_000_000
            vReqS[v] += vEntryReq[v] * dt
            vAllocS[v] += vEntryAlloc[v] * dt
            if vEntryMig[v] && vEntryAlloc[v] < vEntryReq[v] { vPdmS[v] += (vEntryReq[v] - vEntryAlloc[v]) * dt }
        }
        vHasEntry[v] = true
        vEntryTime[v] = t; vEntryAlloc[v] = alloc; vEntryReq[v] = req; vEntryMig[v] = migrating
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
            let hosts = Array(Set(completionDirty)).sorted()
            completionDirty.removeAll(keepingCapacity: true)
            for h in hosts { updateHost(h, t) }
            if exp.quirks.dropZeroDemandVMs { for h in hosts { dropZeroDemand(h) } }
        }
    }

    // MARK: sampling (virtsim's own timeseries)

    mutating func sample(_ t: Int64) {
        let e = hEnergyJ.reduce(0, +)
        var active = 0, util = 0.0
        for h in 0..<nHosts where hStoredMips[h] > 0 { active += 1; util += storedU(h) }
        if active > maxActive { maxActive = active }
        let span = Double(t - lastSampleUs) / 1_000_000
        samples.append((Double(t) / 1_000_000, active, vAlive.lazy.filter { $0 }.count,
                        span > 0 ? (e - lastSampleEnergy) / span : 0, active > 0 ? 100 * util / Double(active) : 0))
        lastSampleEnergy = e; lastSampleUs = t
    }

    func result() -> CloudSimResult {
        let active = hActiveS.reduce(0, +), violation = hViolationS.reduce(0, +)
        let req = vReqS.reduce(0, +), alloc = vAllocS.reduce(0, +), pdm = vPdmS.reduce(0, +)
        var r = CloudSimResult(
            energyKWh: hEnergyJ.reduce(0, +) / 3_600_000, migrations: migrations,
            slatah: active > 0 ? violation / active : 0, pdm: req > 0 ? pdm / req : 0,
            overallSlaViolation: req > 0 ? (req - alloc) / req : 0, hostShutdowns: shutdowns,
            vms: nVMs, vmsDropped: dropped, vmsUnplaced: unplaced, updates: updates, hostsUsedMax: maxActive, hostBoots: boots,
            cpuUtilMean: active > 0 ? hUtilActiveS.reduce(0, +) / active : 0,
            hostEnergyKWh: hEnergyJ.map { $0 / 3_600_000 }, hostActiveHours: hActiveS.map { $0 / 3600 },
            samples: samples)
        r.migrationBytes = migrationBytes
        return r
    }
}
