import SimKernel
import Workloads

/// CPU demand per member and step from a table (memory 0); a member's last value holds.
public final class MemberTable: WorkloadSource {
    public let values: [[Double]]
    public let step: SimDuration?
    public var memberLimit: Int? { values.count }
    public init(_ values: [[Double]], stepS: Int64 = 300) { self.values = values; self.step = .seconds(stepS) }
    public func demand(member: Int, step k: Int) -> Demand {
        let v = values[member]
        return Demand(cpu: v[min(k, v.count - 1)], memory: 0)
    }
}
