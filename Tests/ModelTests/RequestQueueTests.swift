import Testing
import DatacenterModel

/// The FCFS request queue in front of a service's replicas, hand-computed.
@Suite("Request queue: FCFS over replicas, start-up, draining, busy time per window")
struct RequestQueueTests {
    /// A source yielding `requests` (arrival s, service s) in order, then none.
    final class Source {
        var requests: [(Double, Double)]
        init(_ r: [(Double, Double)]) { requests = r }
        func next() -> (arrivalS: Double, serviceS: Double) {
            requests.isEmpty ? (.infinity, 0) : requests.removeFirst()
        }
    }

    @Test("one replica, one slot: requests at 0 (3 s), 1 (1 s), 10 (2 s) → latencies 3, 3, 2; busy 4 s in [0, 5), 2 s in [5, 15)")
    func fcfs() {
        var q = RequestQueue(slotsPerReplica: 1, maxReplicas: 1)
        q.start(replica: 0, readyAtS: 0)
        let src = Source([(0, 3), (1, 1), (10, 2)])
        var busy = [0.0]
        q.advance(to: 5, busyS: &busy) { src.next() }
        #expect(busy == [4])
        #expect(q.latenciesS == [3, 3])
        q.advance(to: 15, busyS: &busy) { src.next() }
        #expect(busy == [2])
        #expect(q.latenciesS == [3, 3, 2])
        #expect(q.arrived == 3 && q.length == 0)
    }

    @Test("a request crossing a window edge: 4 s → 7 s counts 1 s in [0, 5) and 2 s in [5, 10); it is in the queue length at 5")
    func crossing() {
        var q = RequestQueue(slotsPerReplica: 1, maxReplicas: 1)
        q.start(replica: 0, readyAtS: 0)
        let src = Source([(4, 3)])
        var busy = [0.0]
        q.advance(to: 5, busyS: &busy) { src.next() }
        #expect(busy == [1] && q.length == 1 && q.waiting == 0)
        q.advance(to: 10, busyS: &busy) { src.next() }
        #expect(busy == [2] && q.length == 0)
    }

    @Test("nothing is served before the replica is ready: a request at 0 (1 s) on a replica ready at 5 waits 5 s")
    func startUp() {
        var q = RequestQueue(slotsPerReplica: 1, maxReplicas: 1)
        q.start(replica: 0, readyAtS: 5)
        let src = Source([(0, 1)])
        var busy = [0.0]
        q.advance(to: 3, busyS: &busy) { src.next() }
        #expect(q.latenciesS.isEmpty && q.waiting == 1 && busy == [0])  // starts at 5, after the window
        q.advance(to: 10, busyS: &busy) { src.next() }
        #expect(q.latenciesS == [6] && busy == [1])
    }

    @Test("two slots serve two requests at once; the third waits for the first free slot")
    func slots() {
        var q = RequestQueue(slotsPerReplica: 2, maxReplicas: 1)
        q.start(replica: 0, readyAtS: 0)
        let src = Source([(0, 4), (0, 2), (1, 1)])
        var busy = [0.0]
        q.advance(to: 10, busyS: &busy) { src.next() }
        // slot 0: 0–4; slot 1: 0–2, then the third at 2–3 (arrived at 1: latency 2)
        #expect(q.latenciesS == [4, 2, 2] && busy == [7])
    }

    @Test("no replica: requests wait; a draining replica takes no new request and is drained once free")
    func draining() {
        var q = RequestQueue(slotsPerReplica: 1, maxReplicas: 2)
        let src = Source([(0, 3), (1, 1), (2.5, 1)])
        var busy = [0.0, 0.0]
        q.advance(to: 0.5, busyS: &busy) { src.next() }
        #expect(q.waiting == 1 && q.length == 1)
        q.start(replica: 0, readyAtS: 0.5)
        q.start(replica: 1, readyAtS: 0.5)
        q.advance(to: 2, busyS: &busy) { src.next() }
        // request 0 on replica 0 (0.5–3.5), request 1 on replica 1 (1–2)
        #expect(q.latenciesS == [3.5, 1] && busy == [1.5, 1])
        q.drain(replica: 0)
        #expect(!q.isDrained(replica: 0, at: 2))
        #expect(q.isDrained(replica: 0, at: 3.5))
        q.advance(to: 5, busyS: &busy) { src.next() }
        // the new request goes to replica 1 although replica 0 is draining
        #expect(q.latenciesS.last == 1 && busy == [1.5, 1])
        q.remove(replica: 0)
        #expect(!q.exists[0])
    }
}
