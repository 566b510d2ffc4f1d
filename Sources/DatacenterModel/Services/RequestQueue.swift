/// A service's request queue: one FCFS queue in front of its replicas, each replica serving up
/// to `slotsPerReplica` requests at once (one per slot; a request occupies its slot for its
/// service time). The model behind event-driven autoscaling (`DomainModels.md` B8).
///
/// Time advances window by window (`advance(to:)`): within a window the set of replicas is
/// fixed — they change only at the window edges, where the autoscaler decides — so requests
/// are dispatched by the Kiefer–Wolfowitz recursion: the head of the queue starts at
/// max(its arrival, the earliest time a slot of a started, non-draining replica is free and
/// ready); start times are non-decreasing in arrival order (FCFS). A request whose start
/// would fall after the window waits for the next one, where new replicas may serve it.
/// Ties go to the lowest replica id, then the lowest slot: deterministic.
///
/// - A replica *starts* at `readyAtS` (its VM's boot and the replica's start-up, set by the
///   caller); before that it serves nothing. A *draining* replica takes no new request and is
///   *drained* once its slots are free (Kubernetes' graceful termination).
/// - Latency of a request = finish − arrival (waiting, including for replicas to start, plus
///   service), seconds. Its service time is stretched by its replica's factor in the window it
///   is dispatched in (host CPU contention, `advance(to:busyS:stretch:next:)`).
/// - Busy time per replica within each window is returned, so the caller can set the
///   replica's CPU demand for that window: a slot busy from t0 on at the window's start was
///   busy without a break since t0 (at most one request per slot crosses a window edge).
public struct RequestQueue: Sendable {
    /// Slots per replica, ≥ 1.
    public let slotsPerReplica: Int
    /// Replicas that exist (started, possibly draining).
    public private(set) var exists: [Bool]
    public private(set) var draining: [Bool]
    public private(set) var readyAtS: [Double]
    /// Per replica × slot: when the slot's last request finishes, s (0: none yet). The slot
    /// can take a request from max(this, the replica's `readyAtS`).
    private var slotFreeS: [Double]
    /// Waiting requests (FIFO from `head`): arrival and service time, s.
    private var waitArrival: [Double] = [], waitService: [Double] = []
    private var head = 0
    /// The next request not yet admitted (arrival ≥ the current window's end).
    private var lookahead: (arrivalS: Double, serviceS: Double)? = nil
    /// End of the last window, s.
    public private(set) var nowS = 0.0
    /// Latency of every request finished or dispatched so far, s (dispatch fixes the finish).
    public private(set) var latenciesS: [Double] = []
    /// Requests admitted (arrived before `nowS`).
    public private(set) var arrived = 0

    public init(slotsPerReplica: Int, maxReplicas: Int) {
        precondition(slotsPerReplica >= 1 && maxReplicas >= 0)
        self.slotsPerReplica = slotsPerReplica
        exists = Array(repeating: false, count: maxReplicas)
        draining = Array(repeating: false, count: maxReplicas)
        readyAtS = Array(repeating: 0, count: maxReplicas)
        slotFreeS = Array(repeating: 0, count: maxReplicas * slotsPerReplica)
    }

    /// Replica `r` exists from now and serves from `readyAtS` (≥ now).
    public mutating func start(replica r: Int, readyAtS t: Double) {
        precondition(!exists[r], "replica \(r) already exists")
        exists[r] = true; draining[r] = false; readyAtS[r] = t
        for k in 0..<slotsPerReplica { slotFreeS[r * slotsPerReplica + k] = 0 }
    }

    /// Replica `r` takes no new request from now on.
    public mutating func drain(replica r: Int) { if exists[r] { draining[r] = true } }

    /// Whether draining replica `r` has finished every request by `t`.
    public func isDrained(replica r: Int, at t: Double) -> Bool {
        guard exists[r] && draining[r] else { return false }
        for k in 0..<slotsPerReplica where slotFreeS[r * slotsPerReplica + k] > t { return false }
        return true
    }

    /// Removes replica `r` (drained, or never ready).
    public mutating func remove(replica r: Int) { exists[r] = false; draining[r] = false }

    /// Replicas that exist (starting, serving or draining).
    public var replicaCount: Int { exists.lazy.filter { $0 }.count }

    /// Requests waiting (not started) plus requests in service at the end of the last window.
    public var length: Int {
        var inService = 0
        for (i, f) in slotFreeS.enumerated() where exists[i / slotsPerReplica] && f > nowS { inService += 1 }
        return waitArrival.count - head + inService
    }

    /// Requests waiting, not started, at the end of the last window.
    public var waiting: Int { waitArrival.count - head }

    /// Advances from the last window's end to `t1`: admits the requests that arrive before
    /// `t1` (from `next`, which yields requests in arrival order, arrival = +∞ for none) and
    /// dispatches those that can start before `t1`.
    /// - Parameters:
    ///   - busyS: set to each replica's busy slot-seconds within the window (size ≥ replicas).
    ///   - stretch: per replica, the factor (≥ 1) its requests' service times are multiplied by
    ///     when dispatched in this window: its host's CPU contention (`CPUContention.stretch`);
    ///     empty = 1 for every replica.
    public mutating func advance(
        to t1: Double, busyS: inout [Double], stretch: [Double] = [], next: () -> (arrivalS: Double, serviceS: Double)
    ) {
        let t0 = nowS
        precondition(t1 >= t0)
        let S = slotsPerReplica
        for r in exists.indices {
            busyS[r] = 0
            guard exists[r] else { continue }
            for k in 0..<S {
                let f = slotFreeS[r * S + k]
                if f > t0 { busyS[r] += min(f, t1) - t0 }
            }
        }
        // admit arrivals before t1
        while true {
            let req = lookahead ?? next()
            if req.arrivalS < t1 {
                waitArrival.append(req.arrivalS); waitService.append(req.serviceS)
                arrived += 1
                lookahead = nil
            } else {
                lookahead = req
                break
            }
        }
        // dispatch in FCFS order while the head can start before t1
        while head < waitArrival.count {
            var best = -1
            var bestAvail = Double.infinity
            for r in exists.indices where exists[r] && !draining[r] {
                for k in 0..<S {
                    let i = r * S + k
                    let avail = max(slotFreeS[i], readyAtS[r])
                    if avail < bestAvail { bestAvail = avail; best = i }
                }
            }
            guard best >= 0 else { break }
            let a = waitArrival[head], s = waitService[head] * (stretch.isEmpty ? 1 : stretch[best / S])
            let startS = max(a, bestAvail)
            guard startS < t1 else { break }
            let finish = startS + s
            slotFreeS[best] = finish
            busyS[best / S] += min(finish, t1) - startS
            latenciesS.append(finish - a)
            head += 1
        }
        if head > 4096 && head * 2 > waitArrival.count {
            waitArrival.removeFirst(head); waitService.removeFirst(head); head = 0
        }
        nowS = t1
    }
}
