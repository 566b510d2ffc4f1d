import Foundation
import SimKernel
import Workloads

/// The package root (two folders above this file's folder).
let packageRoot: String = {
    var url = URL(fileURLWithPath: #filePath)
    url.deleteLastPathComponent(); url.deleteLastPathComponent(); url.deleteLastPathComponent()
    return url.path
}()

/// A fresh temporary folder.
func makeTempDir(_ tag: String = "virtsim") -> String {
    let p = NSTemporaryDirectory() + "\(tag)-\(UUID().uuidString)"
    try! FileManager.default.createDirectory(atPath: p, withIntermediateDirectories: true)
    return p
}

func write(_ text: String, to path: String) {
    try! text.write(toFile: path, atomically: true, encoding: .utf8)
}

func read(_ path: String) -> String? { try? String(contentsOfFile: path, encoding: .utf8) }

/// CPU demand per member and step from a table (memory 0); a member's last value holds.
final class MemberTable: WorkloadSource {
    let values: [[Double]]
    let step: SimDuration?
    var memberLimit: Int? { values.count }
    init(_ values: [[Double]], stepS: Int64 = 300) { self.values = values; self.step = .seconds(stepS) }
    func demand(member: Int, step k: Int) -> Demand {
        let v = values[member]
        return Demand(cpu: v[min(k, v.count - 1)], memory: 0)
    }
}

