import SimKernel

/// What a VM asks of its host during one workload step.
public struct Demand: Sendable, Equatable {
    /// CPU demand as a fraction of the VM's CPU capacity (vCPUs × MIPS per vCPU), 0...1.
    public var cpu: Double
    /// Active memory as a fraction of the VM's configured RAM, 0...1 (drives memory
    /// overcommit in a later issue).
    public var memory: Double
    // Disk I/O and network join here as further fractions/rates.

    @inlinable public init(cpu: Double, memory: Double) { self.cpu = cpu; self.memory = memory }
    /// No CPU and no memory demand.
    public static let idle = Demand(cpu: 0, memory: 0)
}

/// A workload model instantiated for one VM group: it gives the demand of each member VM
/// in each step.
///
/// Contract (every source, checked by the conformance tests):
/// - demand is piecewise constant: step k covers [start + k·step, start + (k+1)·step), where
///   start is the group's arrival time; a source whose `step` is nil is constant in time;
/// - `demand(member:step:)` is a pure function of (member, step) for a given seed — it may be
///   called in any order, any number of times, from any arm (common random numbers);
/// - every value returned is finite and within 0...1.
public protocol WorkloadSource: AnyObject {
    /// Length of one step; nil if the demand never changes.
    var step: SimDuration? { get }
    /// How many member VMs the source can drive (a trace folder's file count), nil if any.
    var memberLimit: Int? { get }
    /// Demand of member `member` (0-based within the group) during step `step` (0-based).
    func demand(member: Int, step: Int) -> Demand
    /// The CPU fractions of member `member` in steps `0..<out.count`, written to `out`: each
    /// exactly `demand(member:step:).cpu` (the default calls it; a trace gives them in one
    /// loop).
    func cpuFractions(member: Int, into out: UnsafeMutableBufferPointer<Double>)
}

extension WorkloadSource {
    /// `demand(member:step:).cpu` for each step.
    public func cpuFractions(member: Int, into out: UnsafeMutableBufferPointer<Double>) {
        for k in out.indices { out[k] = demand(member: member, step: k).cpu }
    }
}

/// An error in a trace or other workload input, with the file and (where known) the line.
public struct WorkloadInputError: Error, Sendable, CustomStringConvertible, Equatable {
    /// The file (or folder) at fault.
    public var file: String
    /// 1-based line, where known.
    public var line: Int?
    /// 1-based column, where known.
    public var column: Int?
    /// What was found and what was expected.
    public var message: String

    /// An error in `file` at 1-based `line` and `column` (nil where unknown).
    public init(file: String, line: Int? = nil, column: Int? = nil, message: String) {
        self.file = file; self.line = line; self.column = column; self.message = message
    }

    /// `file:line:column: message`, omitting the unknown parts.
    public var description: String {
        var s = file
        if let line { s += ":\(line)"; if let column { s += ":\(column)" } }
        return s + ": " + message
    }
}
