import Foundation
import SimKernel
import TestSupport
import Testing
import Workloads

/// The same samples give the same demand whether exported long (one file, rows of all VMs
/// interleaved, columns in any order) or as one file per VM, and whatever the timestamps'
/// notation (epoch seconds, ISO 8601 in UTC or with any offset).
@Suite("CSVTimeSeriesTrace: long format and per-VM files agree")
struct CSVTimeSeriesPropertyTests {
    /// One VM's samples: time (s), CPU percent, memory percent (nil: not given).
    typealias Sample = (t: Int, cpu: String, mem: String?)

    /// A random name pool: quotes, delimiters, non-ASCII and case; or all-numeric names.
    static let words = ["web-1", "db \"primary\"", "a,b", "Ünïcode", "B", "a", "a b", "z;9"]

    static func samples(_ rng: inout SplitMix64) -> [Sample] {
        var t = 1_767_571_200 + rng.int(0, 3600)
        return (0..<rng.int(1, 30)).map { _ in
            let r = rng.uniform(0, 1)
            if r < 0.1 {
                // equal timestamp: the later row wins
            } else if r < 0.2 {
                t += rng.int(1200, 3000)  // a gap
            } else {
                t += 300 + rng.int(-5, 5)  // jitter
            }
            let mem: String? = rng.uniform(0, 1) < 0.3 ? nil : "\(Double(rng.int(0, 10000)) / 100)"
            return (t, "\(Double(rng.int(0, 10000)) / 100)", mem)
        }
    }

    /// `t` in a random notation.
    static func timestamp(_ t: Int, _ rng: inout SplitMix64) -> String {
        let date = Date(timeIntervalSince1970: Double(t))
        switch rng.int(3) {
        case 0: return "\(t)"
        case 1:
            let f = ISO8601DateFormatter()
            f.timeZone = TimeZone(secondsFromGMT: 0)
            return f.string(from: date)
        default:
            let f = ISO8601DateFormatter()
            f.timeZone = TimeZone(secondsFromGMT: rng.int(-48, 56) * 900)
            return f.string(from: date)
        }
    }

    /// `s` as a CSV field, quoted when it must be (or at random).
    static func field(_ s: String, _ rng: inout SplitMix64) -> String {
        s.contains(where: { ",;\"".contains($0) }) || rng.int(4) == 0 ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
    }

    @Test(arguments: 0..<40)
    func bothLayoutsGiveIdenticalDemand(seed: Int) throws {
        var rng = SplitMix64(state: UInt64(seed) &* 0x9E37_79B9 &+ 17)
        let count = rng.int(1, 6)
        var names: [String] = []
        let numeric = rng.int(3) == 0
        while names.count < count {
            let n = numeric ? "\(rng.int(0, 120))" : Self.words[rng.int(Self.words.count)]
            if !names.contains(n) { names.append(n) }
        }
        let data = names.map { _ in Self.samples(&rng) }

        // Per-VM files.
        let folder = TempFolder()
        for (name, rows) in zip(names, data) {
            var text = "timestamp,cpu_pct,mem_pct\n"
            for r in rows { text += "\(Self.timestamp(r.t, &rng)),\(r.cpu),\(r.mem ?? "")\n" }
            folder.write(name + ".csv", text)
        }
        // One long file: columns in a random order, rows of the VMs randomly interleaved.
        var order = ["timestamp", "vm", "cpu_pct", "mem_pct"]
        for i in stride(from: order.count - 1, to: 0, by: -1) { order.swapAt(i, rng.int(i + 1)) }
        var text = order.joined(separator: ",") + "\n"
        var next = [Int](repeating: 0, count: count)
        while case let open = (0..<count).filter({ next[$0] < data[$0].count }), !open.isEmpty {
            let vm = open[rng.int(open.count)]
            let r = data[vm][next[vm]]
            next[vm] += 1
            let values = [
                "timestamp": Self.timestamp(r.t, &rng), "vm": Self.field(names[vm], &rng), "cpu_pct": r.cpu, "mem_pct": r.mem ?? ""
            ]
            text += order.map { values[$0]! }.joined(separator: ",") + "\n"
        }
        let file = TempFolder()
        file.write("util.csv", text)

        let step = SimDuration.seconds([60, 300, 900][rng.int(3)] as Int64)
        let alignment: TraceAlignment = rng.int(2) == 0 ? .commonOrigin : .perFile
        let afterEnd: AfterTraceEnd = rng.int(2) == 0 ? .repeat : .hold
        let mem = Double(rng.int(0, 100)) / 100
        let long = try CSVTimeSeriesTrace(path: file.path + "/util.csv", step: step, alignment: alignment, afterEnd: afterEnd, memoryFraction: mem)
        let perVM = try CSVTimeSeriesTrace(path: folder.path, step: step, alignment: alignment, afterEnd: afterEnd, memoryFraction: mem)
        #expect(long.memberNames == perVM.memberNames)
        #expect(Set(long.memberNames) == Set(names))
        #expect(long.sampleCounts == perVM.sampleCounts)
        #expect(long.gridOrigins == perVM.gridOrigins)
        for m in 0..<count {
            #expect(long.length(of: m) == perVM.length(of: m))
            let steps = long.length(of: m) + 10
            let same = (0..<steps).allSatisfy { long.demand(member: m, step: $0) == perVM.demand(member: m, step: $0) }
            #expect(same, "seed \(seed), member \(long.memberNames[m])")
        }
    }
}
