import SimKernel

/// An arm's cloud cluster during the run (`CloudBurstSettings`).
struct CloudState {
    let settings: CloudBurstSettings
    /// Per cloud host (ids in request order): free CPU (MIPS × overcommit) and RAM (MiB).
    var cpuFree: [Double] = []
    var ramFree: [Int64] = []
    /// When the host was requested and when it can run VMs, s.
    var requestedS: [Double] = []
    var readyS: [Double] = []
    var vmCount: [Int] = []
    var alive: [Bool] = []
    var releaseEvent: [EventHandle?] = []
    /// VMs in the cloud.
    var vms = 0
    /// Host-seconds of released hosts.
    var billedS = 0.0
    /// Cloud host of each VM, -1 if none; when it burst and when its host was ready, s.
    var vmHost: [Int32]
    var vmBurstS: [Double]
    var vmReadyS: [Double]
    var figures = CloudFigures()

    var aliveCount: Int { alive.lazy.filter { $0 }.count }
}

/// Hybrid-cloud bursting (`arm.cloud`) in the engine.
///
/// Semantics:
/// - The cluster exists only once a VM bursts: a VM of the initial estate that bursts waits
///   for provisioning like any other.
/// - A VM (or a service replica) that the arm's placement policy cannot put on any
///   on-premises host goes to the cloud cluster instead of being rejected: onto the first
///   cloud host (in request order) with room for its vCPUs × MIPS (against the host's
///   capacity × `cpu_overcommit`) and RAM, counting hosts still being provisioned. With no
///   room, the cluster asks for a host — for `min_hosts` at once when it has none — up to
///   `max_hosts`; beyond that the VM is rejected as before (`vms_unplaced`).
/// - A cloud VM runs from when its host is ready (`provision_time` after the request); its
///   load draws no on-premises power. It stays in the cloud until it departs (no migration
///   back).
/// - An empty host beyond `min_hosts` is released `release_after` after its last VM left;
///   once the cluster holds no VM, every host is released `release_after` later. Hosts are
///   billed per host-hour (`host_usd_per_hour`) from the request to the release (or the
///   run's end), rounded up to `billing_increment` (0: exactly): the cost category `cloud`.
/// - Not combined with DPM, DRS or memory reclamation in this version (decoding refuses it).
extension ArmSimulation {
    /// The cloud state moved out of `self` (nil left behind), so that mutating it does not copy
    /// its per-VM arrays; the caller puts it back.
    mutating func takeCloud() -> CloudState? {
        let c = cloud
        cloud = nil
        return c
    }

    /// Puts `vm` on the cloud cluster at now; the time it can run (s), or nil if the cluster
    /// is full (or there is none).
    mutating func burstToCloud(_ vm: Int) -> Double? {
        guard var c = takeCloud() else { return nil }
        defer { cloud = c }
        let t = loop.now.seconds
        let r = vmRequest[vm]
        let cpu = Double(r.cpu) / 1000, ram = r.ramMiB
        let s = c.settings
        let hostCPU = Double(s.hostCores) * s.hostCoreMips * s.cpuOvercommit
        guard cpu <= hostCPU && ram <= s.hostRAMMiB else { return nil }
        var host = -1
        for h in c.alive.indices where c.alive[h] && c.cpuFree[h] >= cpu && c.ramFree[h] >= ram { host = h; break }
        if host < 0 {
            let alive = c.aliveCount
            guard alive < s.maxHosts else { return nil }
            let add = alive == 0 ? s.minHosts : 1
            for _ in 0..<add {
                c.cpuFree.append(hostCPU); c.ramFree.append(s.hostRAMMiB)
                c.requestedS.append(t); c.readyS.append(t + s.provisionS)
                c.vmCount.append(0); c.alive.append(true); c.releaseEvent.append(nil)
            }
            host = c.alive.count - add
            c.figures.hostsMax = max(c.figures.hostsMax, c.aliveCount)
            // the other new hosts of a new cluster wait, empty, for VMs or their release
            for h in (host + 1)..<c.alive.count { scheduleCloudRelease(&c, h) }
        }
        if let ev = c.releaseEvent[host] { loop.cancel(ev); c.releaseEvent[host] = nil }
        c.cpuFree[host] -= cpu; c.ramFree[host] -= ram
        c.vmCount[host] += 1; c.vms += 1
        c.vmHost[vm] = Int32(host)
        c.figures.vmsBurst += 1
        c.vmBurstS[vm] = t; c.vmReadyS[vm] = c.readyS[host]
        vmStarted()
        return c.readyS[host]
    }

    /// `vm` leaves the cloud (if it is there).
    mutating func leaveCloud(_ vm: Int) {
        guard cloud?.vmHost[vm] ?? -1 >= 0, var c = takeCloud() else { return }
        defer { cloud = c }
        let h = Int(c.vmHost[vm])
        let r = vmRequest[vm]
        c.cpuFree[h] += Double(r.cpu) / 1000; c.ramFree[h] += r.ramMiB
        c.vmCount[h] -= 1; c.vms -= 1
        c.vmHost[vm] = -1
        vmsLive -= 1
        // the wait for provisioning, up to the VM's departure
        let t = loop.now.seconds
        c.figures.vmWaitHours += max(0, min(c.vmReadyS[vm], t) - c.vmBurstS[vm]) / 3600
        if c.vmCount[h] == 0 { scheduleCloudRelease(&c, h) }
        // the cluster empty: every host is released `release_after` from now (older timers restart)
        if c.vms == 0 {
            for k in c.alive.indices where c.alive[k] { scheduleCloudRelease(&c, k) }
        }
    }

    private mutating func scheduleCloudRelease(_ c: inout CloudState, _ h: Int) {
        if let ev = c.releaseEvent[h] { loop.cancel(ev) }
        c.releaseEvent[h] = nil
        // compared in seconds first: a release after the run's end is never scheduled
        guard loop.now.seconds + c.settings.releaseAfterS <= end.seconds else { return }
        let at = loop.now + SimDuration(microseconds: Int64((c.settings.releaseAfterS * 1_000_000).rounded()))
        c.releaseEvent[h] = loop.schedule(.cloudRelease(Int32(h)), at: at, priority: Self.pDeparture)
    }

    /// A release timer of cloud host h ran out.
    mutating func cloudRelease(_ h: Int) {
        guard var c = takeCloud() else { return }
        defer { cloud = c }
        c.releaseEvent[h] = nil
        guard c.alive[h] && c.vmCount[h] == 0 else { return }
        // keep the minimum cluster while it holds VMs
        if c.vms > 0 && c.aliveCount <= c.settings.minHosts { return }
        c.alive[h] = false
        c.billedS += billed(loop.now.seconds - c.requestedS[h], c.settings)
    }

    /// A host's billed time for `seconds` of use: rounded up to the billing increment, s.
    func billed(_ seconds: Double, _ s: CloudBurstSettings) -> Double {
        guard s.billingIncrementS > 0 else { return seconds }
        return (seconds / s.billingIncrementS - 1e-9).rounded(.up) * s.billingIncrementS
    }

    /// The cloud figures at the end of the run.
    func cloudFigures() -> CloudFigures {
        guard let c = cloud else { return CloudFigures() }
        var f = c.figures
        var s = c.billedS
        for h in c.alive.indices where c.alive[h] { s += billed(end.seconds - c.requestedS[h], c.settings) }
        for vm in c.vmHost.indices where c.vmHost[vm] >= 0 {
            f.vmWaitHours += max(0, min(c.vmReadyS[vm], end.seconds) - c.vmBurstS[vm]) / 3600
        }
        f.hostHours = s / 3600
        return f
    }
}
