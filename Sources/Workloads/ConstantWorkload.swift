import SimKernel

/// A workload whose demand never changes: every member asks for the same CPU and memory
/// fractions at all times (`step` is nil, `memberLimit` nil).
public final class ConstantWorkload: WorkloadSource {
    /// CPU demand as a fraction of the VM's CPU capacity, 0...1.
    public let cpu: Double
    /// Active memory as a fraction of the VM's configured RAM, 0...1.
    public let memory: Double
    private let value: Demand

    /// A constant workload.
    /// - Parameters:
    ///   - cpu: CPU fraction, finite, 0...1.
    ///   - memory: memory fraction, finite, 0...1.
    /// - Throws: `WorkloadParameterError` naming the parameter outside 0...1.
    public init(cpu: Double, memory: Double) throws(WorkloadParameterError) {
        try WorkloadParameterError.checkFraction(cpu, "cpu")
        try WorkloadParameterError.checkFraction(memory, "memory")
        self.cpu = cpu
        self.memory = memory
        value = Demand(cpu: cpu, memory: memory)
    }

    /// Always nil: the demand never changes.
    public var step: SimDuration? { nil }
    /// Always nil: any number of members.
    public var memberLimit: Int? { nil }

    /// `Demand(cpu: cpu, memory: memory)` for every member and step.
    public func demand(member: Int, step: Int) -> Demand { value }
}
