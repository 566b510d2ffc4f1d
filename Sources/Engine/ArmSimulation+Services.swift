import SimKernel
import DatacenterModel
import Policies
import Workloads
import Stochastic

/// One service during an arm's run.
struct ServiceRuntime {
    let spec: ServiceSpec
    /// A fixed replica count (no autoscaler), or nil.
    let fixed: Int?
    var queue: RequestQueue
    let arrivals: RequestArrivals
    var scaler: KEDAScaler
    /// VM id of replica 0; replica r is VM `firstVM + r`.
    let firstVM: Int
    /// Replica ids (`ServiceSpec.replicaIds`).
    let maxReplicas: Int
    /// Busy slot-seconds per replica in the current window (scratch).
    var busy: [Double]
    /// When each replica was started, s (scale-down removes the newest first).
    var startedAtS: [Double]
    var figures: ServiceFigures
    /// Σ replicas × time, s.
    var replicaS = 0.0
    /// Time of the last tick, s.
    var lastTickS = 0.0
}

/// Event-driven services (`services` in a scenario; `DomainModels.md` B8) in the engine.
///
/// Semantics:
/// - A service steps at every KEDA poll and HPA sync (their grids from t = 0; a fixed-count
///   service at every sync), before the run's end: (1) draining replicas that have finished
///   their requests are removed (their VM departs, so an emptied host powers off with
///   `power_off_idle_hosts` — at the end of the step, if no new replica of (3) took it: a
///   host is never switched off and booted again at one instant); (2) the autoscaler (`KEDAScaler`) reads the queue length
///   (waiting + in service) and sets the desired replicas — or the arm's fixed count
///   (`service_replicas`); (3) new replicas are placed as VMs by the arm's placement policy
///   and are ready after their host is up (an off host boots: its type's boot time), then
///   `start` (+ `cold_start` when the service was at zero); at t = 0 they belong to the
///   initial estate and are ready at once. Surplus replicas drain in the arm's
///   `scale_down_order` (Kubernetes' ReplicaSet ranking by default: not ready, then on crowded
///   hosts, then newest; or `pack`: on the emptiest hosts first) and take no new request; draining replicas keep their VM, and ids are reserved for twice
///   `max_replicas` so new ones start meanwhile; (4) the queue advances to the next step
///   (`RequestQueue`), which fixes each replica's busy time in the window, and each replica's
///   CPU demand for the window is set to (idle + (1 − idle) · busy / (window · slots)) of its
///   size — `idle` while it starts.
/// - A replica no host can take is not started, and tried again at the next step
///   (`replicas_short_max`: the most replicas missing at once); the autoscaler sees the
///   replicas that exist. Replicas are not counted in the summary's `vms` (their starts are in
///   `services.csv`), so per-VM administration costs count the VM groups only. A cold start is
///   a step that started replicas of an autoscaled service that had none.
/// - Requests are the same in every arm (their own streams). Host CPU contention slows them:
///   in each window a replica's service times are stretched by 1 + Wq/S of its host's M/M/c
///   queue (`CPUContention`, `CPUContention.md`) at the host's demand over capacity at the
///   window's start (a replica in the cloud runs at full speed).
/// - Not combined with DPM, DRS or memory reclamation in this version (decoding refuses it).
extension ArmSimulation {
    mutating func setUpServices(_ specs: [ServiceSpec], firstVM: Int, seed: UInt64) {
        precondition(specs.isEmpty || !trackMem, "services are not combined with DPM, DRS or memory reclamation")
        var vm = firstVM
        for (i, spec) in specs.enumerated() {
            let fixed = arm.fixedReplicas(service: i)
            let n = arm.replicaIds(service: i, spec)
            let t = spec.replicaType
            let cpu = Int64((t.cpuCapacityMips * 1000).rounded())
            let overhead = arm.hypervisorProfile?.hypervisor(for: t).memoryOverheadMiBPerVM ?? arm.hypervisor.memoryOverheadMiBPerVM
            for r in 0..<n { vmRequest.append(PlacementRequest(vmId: vm + r, cpu: cpu, ramMiB: t.ramMiB + overhead)) }
            // The parameters were checked when the scenario was decoded.
            let arrivals = try! RequestArrivals(
                ratePerS: spec.ratePerS, amplitude: spec.amplitude, peakHour: spec.peakHour,
                startHourOfDay: spec.startHourOfDay, serviceMeanS: spec.serviceMeanS,
                seed: seed, service: i)
            arrivals.clockShifts = spec.clockShifts
            services.append(
                ServiceRuntime(
                    spec: spec, fixed: fixed, queue: RequestQueue(slotsPerReplica: spec.slotsPerReplica, maxReplicas: n),
                    arrivals: arrivals, scaler: KEDAScaler(settings: arm.scalerSettings(service: i, spec)), firstVM: vm, maxReplicas: n,
                    busy: Array(repeating: 0, count: n), startedAtS: Array(repeating: 0, count: n),
                    figures: ServiceFigures(service: spec.name, scaling: fixed == nil ? KEDAScaler.name : "fixed")))
            vm += n
        }
    }

    /// Replicas of service i that exist and do not drain.
    func activeReplicas(_ i: Int) -> Int {
        let q = services[i].queue
        var n = 0
        for r in 0..<services[i].maxReplicas where q.exists[r] && !q.draining[r] { n += 1 }
        return n
    }

    /// One step of service i (see the extension's semantics). The runtime is mutated in place
    /// (`services[i]`): a copy would duplicate its latency log every tick.
    mutating func serviceTick(_ i: Int) {
        let now = loop.now
        let t = now.seconds
        let n = services[i].maxReplicas, firstVM = services[i].firstVM, spec = services[i].spec
        services[i].replicaS += Double(services[i].queue.replicaCount) * (t - services[i].lastTickS)
        services[i].lastTickS = t
        guard now < end else { return }
        // (1) drained replicas leave; a host they empty stays on until (3) has placed this
        // step's new replicas (it is not switched off and booted again at one instant)
        var emptied: [Int] = []
        for r in 0..<n where services[i].queue.isDrained(replica: r, at: t) {
            services[i].queue.remove(replica: r)
            let vm = firstVM + r
            if vmHost[vm] >= 0 {
                let h = Int(vmHost[vm])
                releaseVM(vm, from: h, keepOn: true)
                emptied.append(h)
            } else {
                leaveCloud(vm)
            }
            services[i].figures.replicaStops += 1
        }
        // (2) how many
        let current = activeReplicas(i)
        let metric = Double(services[i].queue.length)
        let desired = services[i].fixed ?? services[i].scaler.decide(nowS: t, metric: metric, current: current)
        // (3) start or drain
        if desired > current {
            var toStart = desired - current
            let initial = now == .zero
            var started = 0
            for r in 0..<n where toStart > 0 && !services[i].queue.exists[r] {
                let vm = firstVM + r
                var ready = t
                if let h = placeVM(vm, cpuDemand: spec.idleCPU * spec.replicaType.cpuCapacityMips, counted: false) {
                    powerUp(h, forArrivalAt: initial)
                    if hState[h] == Self.booting { ready = max(ready, Double(hBootEndUs[h]) / 1_000_000) }
                } else if let cloudReady = burstToCloud(vm) {
                    ready = max(ready, cloudReady)  // no on-premises host: the cloud cluster's
                } else {
                    break
                }
                if !initial || ready > t { ready += spec.startS + (current == 0 ? spec.coldStartExtraS : 0) }
                services[i].queue.start(replica: r, readyAtS: ready)
                services[i].startedAtS[r] = t
                services[i].figures.replicaStarts += 1
                toStart -= 1
                started += 1
            }
            // no host (or no free id) for the rest: tried again at the next step
            services[i].figures.replicasShortMax = max(services[i].figures.replicasShortMax, toStart)
            if current == 0 && started > 0 && !initial && services[i].fixed == nil { services[i].figures.coldStarts += 1 }
        } else if desired < current {
            drainReplicas(i, count: current - desired, at: t)
        }
        for h in emptied { powerOffIfIdle(h) }
        let existing = services[i].queue.replicaCount
        services[i].figures.replicasMax = max(services[i].figures.replicasMax, existing)
        // (4) the next window: to the next poll or sync (autoscaled) or sync (fixed)
        let nextS =
            services[i].fixed == nil
            ? services[i].scaler.nextDecisionS
            : ((t + 1e-9) / spec.scaler.syncPeriodS).rounded(.down) * spec.scaler.syncPeriodS + spec.scaler.syncPeriodS
        var next = SimTime.zero + SimDuration(microseconds: Int64((nextS * 1_000_000).rounded()))
        if next > end { next = end }
        let window = (next - now).seconds
        let arrivals = services[i].arrivals
        var busy: [Double] = []
        swap(&busy, &services[i].busy)  // the scratch buffer, uniquely referenced
        defer { swap(&busy, &services[i].busy) }
        let stretch = replicaStretch(i)
        services[i].queue.advance(to: next.seconds, busyS: &busy, stretch: stretch) { arrivals.next() }
        let size = spec.replicaType.cpuCapacityMips, idle = spec.idleCPU
        for r in 0..<n where services[i].queue.exists[r] {
            let vm = firstVM + r
            guard vmHost[vm] >= 0 else { continue }
            let frac = min(1, busy[r] / (window * Double(spec.slotsPerReplica)))
            setCPUDemand(vm, on: Int(vmHost[vm]), (idle + (1 - idle) * frac) * size)
        }
        refreshDirtyPower()
        loop.schedule(.serviceTick(Int32(i)), at: next, priority: Self.pService)
    }

    /// Per replica of service i, the factor its requests' service times are stretched by in the
    /// coming window: 1 + Wq/S of its host's CPU contention (`CPUContention`) at the host's
    /// CPU demand now (its own replicas' included) over its current capacity; 1 for a replica
    /// in the cloud or not placed.
    func replicaStretch(_ i: Int) -> [Double] {
        let first = services[i].firstVM
        return (0..<services[i].maxReplicas).map { r in
            let h32 = vmHost[first + r]
            guard h32 >= 0 else { return 1 }
            let h = Int(h32)
            let threads = arm.hostTypes[Int(hType[h])].schedulableThreads
            return CPUContention.figures(threads: threads, utilization: hDemand[h] / hCapNow[h]).stretch
        }
    }

    /// Drains `count` of service i's active replicas in the arm's `scaleDownOrder`: not yet
    /// ready first, then those in the cloud (billed per host-hour), then those on hosts holding
    /// more (`kubernetes`) or fewer (`pack`) replicas of the service, then the newest, then the
    /// highest id.
    mutating func drainReplicas(_ i: Int, count: Int, at t: Double) {
        let q = services[i].queue
        let first = services[i].firstVM
        // a replica's host: on premises its id, in the cloud −(cloud host + 2)
        func hostKey(_ vm: Int) -> Int32 { vmHost[vm] >= 0 ? vmHost[vm] : -((cloud?.vmHost[vm] ?? 0) + 2) }
        var perHost: [Int32: Int] = [:]
        var active: [Int] = []
        for r in 0..<services[i].maxReplicas where q.exists[r] && !q.draining[r] {
            active.append(r)
            perHost[hostKey(first + r), default: 0] += 1
        }
        let started = services[i].startedAtS
        let pack = arm.scaleDownOrder == .pack
        active.sort { a, b in
            let ra = q.readyAtS[a] > t, rb = q.readyAtS[b] > t
            if ra != rb { return ra }
            // paid cloud replicas before on-premises ones
            let ka = hostKey(first + a), kb = hostKey(first + b)
            if (ka < 0) != (kb < 0) { return ka < 0 }
            let ca = perHost[ka] ?? 0, cb = perHost[kb] ?? 0
            if ca != cb { return pack ? ca < cb : ca > cb }
            if started[a] != started[b] { return started[a] > started[b] }
            return a > b
        }
        for r in active.prefix(count) { services[i].queue.drain(replica: r) }
    }

    /// One `ServiceSample` per service at the current sampling instant.
    mutating func sampleServices() {
        let t = loop.now.seconds
        for i in services.indices {
            let q = services[i].queue
            var exist = 0, ready = 0
            for r in 0..<services[i].maxReplicas where q.exists[r] {
                exist += 1
                if !q.draining[r] && q.readyAtS[r] <= t { ready += 1 }
            }
            serviceSamples.append(ServiceSample(timeS: t, service: i, replicas: exist, replicasReady: ready, queueLength: q.length))
        }
    }

    /// Each service's figures at the end of the run, and all services together (requests and
    /// latencies pooled, replica-hours and cold starts summed).
    func serviceFigures() -> (each: [ServiceFigures], all: ServiceFigures) {
        let each = services.map { sv in
            var f = sv.figures
            let endS = end.seconds
            f.replicaHours = (sv.replicaS + Double(sv.queue.replicaCount) * (endS - sv.lastTickS)) / 3600
            f.requests = sv.queue.arrived
            f.served = sv.queue.latenciesS.count
            f.waitingAtEnd = sv.queue.waiting
            Self.setLatencies(&f, sv.queue.latenciesS)
            return f
        }
        guard services.count > 1 else { return (each, each.first ?? ServiceFigures(service: "all", scaling: "")) }
        var all = ServiceFigures(service: "all", scaling: "")
        for f in each {
            all.requests += f.requests; all.served += f.served; all.waitingAtEnd += f.waitingAtEnd
            all.replicaHours += f.replicaHours; all.replicaStarts += f.replicaStarts; all.replicaStops += f.replicaStops
            all.coldStarts += f.coldStarts; all.replicasShortMax += f.replicasShortMax
        }
        Self.setLatencies(&all, services.flatMap(\.queue.latenciesS))
        return (each, all)
    }

    /// Mean, percentiles (GSL, one sort) and maximum of `lat` into `f`; zeros when empty.
    static func setLatencies(_ f: inout ServiceFigures, _ lat: [Double]) {
        guard !lat.isEmpty else { return }
        f.latencyMeanS = Statistics.mean(lat)
        let p = Statistics.quantiles(lat, [0.50, 0.95, 0.99, 0.999])
        f.latencyP50S = p[0]; f.latencyP95S = p[1]; f.latencyP99S = p[2]; f.latencyP999S = p[3]
        f.latencyMaxS = lat.max() ?? 0
    }
}
