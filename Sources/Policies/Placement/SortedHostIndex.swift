/// Hosts ordered by (free CPU, free RAM, host id), in blocks of bounded size with each
/// block's largest free RAM: answers "the feasible host with the least CPU left" (best fit)
/// and "the most CPU left" (worst fit) without scanning every host.
///
/// It returns exactly what a linear scan with the same tie-breaks returns (tested against
/// the scan on random cases): best fit = least CPU left after placing, ties by least RAM
/// left, then lowest host id.
///
/// - Complexity: insert/remove O(log b + B) for b blocks of at most 2B keys; a query is
///   O(log b) to find the first block plus the blocks it must skip, each skipped in O(1)
///   when its largest free RAM is too small.
public struct SortedHostIndex {
    public struct Key: Comparable, Sendable {
        public var cpuFree: Int64
        public var ramFree: Int64
        public var id: Int32
        @inlinable public init(cpuFree: Int64, ramFree: Int64, id: Int32) {
            self.cpuFree = cpuFree; self.ramFree = ramFree; self.id = id
        }
        @inlinable public static func < (a: Key, b: Key) -> Bool {
            if a.cpuFree != b.cpuFree { return a.cpuFree < b.cpuFree }
            if a.ramFree != b.ramFree { return a.ramFree < b.ramFree }
            return a.id < b.id
        }
    }

    @usableFromInline var blocks: [[Key]] = []
    @usableFromInline var blockMaxRam: [Int64] = []
    @usableFromInline let blockSize: Int
    public private(set) var count = 0

    public init(blockSize: Int = 256) { self.blockSize = max(4, blockSize) }

    /// Builds the index from keys in any order.
    public init(keys: [Key], blockSize: Int = 256) {
        self.init(blockSize: blockSize)
        let sorted = keys.sorted()
        var i = 0
        while i < sorted.count {
            let chunk = Array(sorted[i..<min(i + self.blockSize, sorted.count)])
            blocks.append(chunk)
            blockMaxRam.append(chunk.map(\.ramFree).max()!)
            i += self.blockSize
        }
        count = sorted.count
    }

    /// Index of the first block whose last key is ≥ k (blocks.count if none).
    @usableFromInline func blockIndex(for k: Key) -> Int {
        var lo = 0, hi = blocks.count
        while lo < hi {
            let mid = (lo + hi) >> 1
            if blocks[mid].last! < k { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    @usableFromInline static func lowerBound(_ a: [Key], _ k: Key) -> Int {
        var lo = 0, hi = a.count
        while lo < hi {
            let mid = (lo + hi) >> 1
            if a[mid] < k { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    public mutating func insert(_ k: Key) {
        count += 1
        if blocks.isEmpty { blocks = [[k]]; blockMaxRam = [k.ramFree]; return }
        var b = blockIndex(for: k)
        if b == blocks.count { b -= 1 }
        let pos = Self.lowerBound(blocks[b], k)
        blocks[b].insert(k, at: pos)
        if k.ramFree > blockMaxRam[b] { blockMaxRam[b] = k.ramFree }
        if blocks[b].count > 2 * blockSize {
            let right = Array(blocks[b][blockSize...])
            blocks[b].removeSubrange(blockSize...)
            blocks.insert(right, at: b + 1)
            blockMaxRam[b] = blocks[b].map(\.ramFree).max()!
            blockMaxRam.insert(right.map(\.ramFree).max()!, at: b + 1)
        }
    }

    /// Removes a key that is present (precondition).
    public mutating func remove(_ k: Key) {
        let b = blockIndex(for: k)
        precondition(b < blocks.count, "key not in index")
        let pos = Self.lowerBound(blocks[b], k)
        precondition(pos < blocks[b].count && blocks[b][pos] == k, "key not in index")
        blocks[b].remove(at: pos)
        count -= 1
        if blocks[b].isEmpty {
            blocks.remove(at: b); blockMaxRam.remove(at: b)
        } else if k.ramFree == blockMaxRam[b] {
            var m = Int64.min
            for x in blocks[b] where x.ramFree > m { m = x.ramFree }
            blockMaxRam[b] = m
        }
    }

    /// Best fit: the smallest key with cpuFree ≥ cpu and ramFree ≥ ram.
    public func firstFeasible(cpu: Int64, ram: Int64) -> Key? {
        let start = Key(cpuFree: cpu, ramFree: Int64.min, id: Int32.min)
        var b = blockIndex(for: start)
        guard b < blocks.count else { return nil }
        var pos = Self.lowerBound(blocks[b], start)
        while b < blocks.count {
            if blockMaxRam[b] >= ram {
                let blk = blocks[b]
                var i = pos
                while i < blk.count {
                    if blk[i].ramFree >= ram { return blk[i] }
                    i += 1
                }
            }
            b += 1; pos = 0
        }
        return nil
    }

    /// Worst fit: among feasible keys the one with the most CPU left, ties by most RAM left,
    /// then by lowest host id.
    public func worstFeasible(cpu: Int64, ram: Int64) -> Key? {
        var b = blocks.count - 1
        while b >= 0 {
            if blockMaxRam[b] >= ram {
                let blk = blocks[b]
                var i = blk.count - 1
                while i >= 0 {
                    let k = blk[i]
                    if k.cpuFree < cpu { return nil }
                    if k.ramFree >= ram {
                        // lowest id with the same (cpuFree, ramFree): the start of this run
                        let first = Key(cpuFree: k.cpuFree, ramFree: k.ramFree, id: Int32.min)
                        let fb = blockIndex(for: first)
                        return blocks[fb][Self.lowerBound(blocks[fb], first)]
                    }
                    i -= 1
                }
            } else if let last = blocks[b].last, last.cpuFree < cpu {
                return nil
            }
            b -= 1
        }
        return nil
    }

    /// All keys in order (tests and debugging).
    public var allKeys: [Key] { blocks.flatMap { $0 } }
}
