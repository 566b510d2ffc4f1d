/// Hosts grouped by identical placement state, for searches whose answer is the lowest-id host
/// among hosts that look the same to them (power-aware best fit, `PowerAwareBestFitDecreasing`).
///
/// Two hosts are in the same state class when they are of the same host class (the caller's
/// promise: same CPU and RAM totals, physical CPU, power model and off power; `PlacementState`
/// checks the numbers) and have the same powered flag, free CPU (milli-MIPS) and free RAM
/// (MiB). Reservations are integers, so such hosts show bit-identical utilizations before and
/// after any request and so bit-identical power increases: a search that keeps the first host
/// with the least increase, in id order, can only choose the lowest id of a state class, and
/// need evaluate that one alone. A tiled estate (hosts holding the same few VM sizes) has a
/// few hundred state classes where it has 100,000 hosts.
///
/// - Complexity: `move` O(log k) amortized for a class of k hosts (a min-heap of ids with
///   lazy deletion); `lowestHost` O(1) amortized; iterating the live classes O(classes).
public struct PlacementClassIndex {
    /// A state class: what makes two hosts indistinguishable to a power-aware search.
    public struct Key: Hashable, Sendable {
        public var hostClass: Int32
        public var powered: Bool
        public var cpuFree: Int64
        public var ramFree: Int64
    }

    /// Per host, its current state class (an index into `heaps`) and a stamp that changes
    /// whenever the host changes class (heap entries with an older stamp are stale).
    private var classOf: [Int32]
    private var stamp: [UInt32]
    /// Per class id: its key, its live host count, a min-heap of (host id, stamp) entries.
    private var keys: [Key]
    private var counts: [Int32]
    private var heaps: [[Entry]]
    private var idOfKey: [Key: Int32] = [:]
    /// Class ids no longer in use, for reuse.
    private var freeIds: [Int32] = []
    /// The class ids with at least one host, in no particular order, and each one's position.
    public private(set) var live: [Int32] = []
    private var livePosition: [Int32] = []

    struct Entry {
        var host: Int32
        var stamp: UInt32
    }

    /// Every host in the class of its initial key.
    init(initial: [Key]) {
        classOf = Array(repeating: -1, count: initial.count)
        stamp = Array(repeating: 0, count: initial.count)
        keys = []; counts = []; heaps = []
        for (h, k) in initial.enumerated() { enter(h, k) }
    }

    /// Host h's state changed to `key` (no-op if its class is the same).
    mutating func move(_ h: Int, to key: Key) {
        let c = Int(classOf[h])
        if keys[c] == key { return }
        leave(h)
        enter(h, key)
    }

    /// The lowest host id of live class `c`.
    public mutating func lowestHost(ofClass c: Int32) -> Int {
        let i = Int(c)
        while true {
            let top = heaps[i][0]
            if classOf[Int(top.host)] == c && stamp[Int(top.host)] == top.stamp { return Int(top.host) }
            Self.popMin(&heaps[i])
        }
    }

    private mutating func leave(_ h: Int) {
        let c = Int(classOf[h])
        counts[c] -= 1
        classOf[h] = -1
        guard counts[c] == 0 else { return }
        // the class is empty: free its id (every heap entry of it is stale now)
        heaps[c].removeAll(keepingCapacity: false)
        idOfKey[keys[c]] = nil
        freeIds.append(Int32(c))
        let p = Int(livePosition[c])
        let last = live.removeLast()
        if Int(last) != c {
            live[p] = last
            livePosition[Int(last)] = Int32(p)
        }
    }

    private mutating func enter(_ h: Int, _ key: Key) {
        let c: Int
        if let id = idOfKey[key] {
            c = Int(id)
        } else {
            if let id = freeIds.popLast() {
                c = Int(id)
                keys[c] = key
            } else {
                c = keys.count
                keys.append(key); counts.append(0); heaps.append([]); livePosition.append(0)
            }
            idOfKey[key] = Int32(c)
            livePosition[c] = Int32(live.count)
            live.append(Int32(c))
        }
        counts[c] += 1
        classOf[h] = Int32(c)
        stamp[h] &+= 1
        // stale entries pile up in a class that hosts keep leaving and re-entering: compact
        if heaps[c].count > 2 * Int(counts[c]) + 64 {
            let cls = Int32(c), classOf = self.classOf, stamp = self.stamp
            heaps[c].removeAll { classOf[Int($0.host)] != cls || stamp[Int($0.host)] != $0.stamp }
            Self.heapify(&heaps[c])
        }
        heaps[c].append(Entry(host: Int32(h), stamp: stamp[h]))
        Self.siftUp(&heaps[c], heaps[c].count - 1)
    }

    // MARK: min-heap on host id

    static func heapify(_ a: inout [Entry]) {
        var i = a.count / 2 - 1
        while i >= 0 { siftDown(&a, i); i -= 1 }
    }

    static func popMin(_ a: inout [Entry]) {
        let last = a.removeLast()
        guard !a.isEmpty else { return }
        a[0] = last
        siftDown(&a, 0)
    }

    static func siftUp(_ a: inout [Entry], _ start: Int) {
        var i = start
        let e = a[i]
        while i > 0 {
            let p = (i - 1) / 2
            guard e.host < a[p].host else { break }
            a[i] = a[p]
            i = p
        }
        a[i] = e
    }

    static func siftDown(_ a: inout [Entry], _ start: Int) {
        var i = start
        let e = a[i], n = a.count
        while true {
            var c = 2 * i + 1
            guard c < n else { break }
            if c + 1 < n && a[c + 1].host < a[c].host { c += 1 }
            guard a[c].host < e.host else { break }
            a[i] = a[c]
            i = c
        }
        a[i] = e
    }
}
