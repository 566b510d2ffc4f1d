/// A segment tree over host ids with each subtree's largest free CPU and free RAM (and the
/// largest free CPU among empty hosts): finds the lowest-id host that fits without scanning
/// every host.
///
/// - Complexity: update O(log n); a query descends only into subtrees whose maxima admit
///   the request, O(log n) when CPU and RAM are not anti-correlated, O(n) in the worst case.
public struct FirstFitTree {
    @usableFromInline var size: Int
    @usableFromInline var maxCpu: [Int64]
    @usableFromInline var maxRam: [Int64]
    @usableFromInline var maxCpuEmpty: [Int64]
    public let count: Int

    public init(count n: Int) {
        count = n
        var s = 1
        while s < max(1, n) { s <<= 1 }
        size = s
        maxCpu = Array(repeating: Int64.min, count: 2 * s)
        maxRam = Array(repeating: Int64.min, count: 2 * s)
        maxCpuEmpty = Array(repeating: Int64.min, count: 2 * s)
    }

    /// Sets host `id`'s free CPU, free RAM and whether it holds no VM.
    public mutating func update(id: Int, cpuFree: Int64, ramFree: Int64, empty: Bool) {
        var i = id + size
        maxCpu[i] = cpuFree; maxRam[i] = ramFree; maxCpuEmpty[i] = empty ? cpuFree : Int64.min
        i >>= 1
        while i >= 1 {
            maxCpu[i] = max(maxCpu[2 * i], maxCpu[2 * i + 1])
            maxRam[i] = max(maxRam[2 * i], maxRam[2 * i + 1])
            maxCpuEmpty[i] = max(maxCpuEmpty[2 * i], maxCpuEmpty[2 * i + 1])
            i >>= 1
        }
    }

    /// The lowest host id with cpuFree ≥ cpu and ramFree ≥ ram (and no VM, if `emptyOnly`).
    public func first(cpu: Int64, ram: Int64, emptyOnly: Bool = false) -> Int? {
        search(node: 1, cpu: cpu, ram: ram, emptyOnly: emptyOnly)
    }

    func search(node: Int, cpu: Int64, ram: Int64, emptyOnly: Bool) -> Int? {
        let c = emptyOnly ? maxCpuEmpty[node] : maxCpu[node]
        if c < cpu || maxRam[node] < ram { return nil }
        if node >= size { return node - size }
        return search(node: 2 * node, cpu: cpu, ram: ram, emptyOnly: emptyOnly)
            ?? search(node: 2 * node + 1, cpu: cpu, ram: ram, emptyOnly: emptyOnly)
    }
}
