import SimKernel

/// A view of a workload source shifted by `offset` members: member i is member `offset + i`
/// of the base. VM groups that share one trace take consecutive files this way.
public final class MemberOffset: WorkloadSource {
    public let base: any WorkloadSource
    public let offset: Int
    public init(_ base: any WorkloadSource, offset: Int) { self.base = base; self.offset = offset }
    public var step: SimDuration? { base.step }
    public var memberLimit: Int? { base.memberLimit.map { $0 - offset } }
    public func demand(member: Int, step: Int) -> Demand { base.demand(member: member + offset, step: step) }
    public func cpuFractions(member: Int, into out: UnsafeMutableBufferPointer<Double>) {
        base.cpuFractions(member: member + offset, into: out)
    }
}
