/// The configured size of a VM (or, on a bare-metal baseline, of the workload that ran on its
/// own server).
public struct VMType: Sendable, Equatable {
    /// Virtual CPUs, ≥ 1.
    public var vcpus: Int
    /// Capacity of one vCPU, MIPS (the same unit as `HostType.coreMips`), > 0.
    public var mipsPerVcpu: Double
    /// Configured RAM, MiB, ≥ 1.
    public var ramMiB: Int64
    /// Provisioned disk, GB (10^9 bytes), ≥ 0.
    public var diskGB: Double
    /// Network bandwidth reserved, Mbit/s, ≥ 0 (CloudSim's PlanetLab VMs: 100).
    public var bandwidthMbps: Double

    public init(vcpus: Int, mipsPerVcpu: Double, ramMiB: Int64, diskGB: Double = 0, bandwidthMbps: Double = 0) {
        self.vcpus = vcpus; self.mipsPerVcpu = mipsPerVcpu; self.ramMiB = ramMiB; self.diskGB = diskGB
        self.bandwidthMbps = bandwidthMbps
    }

    /// CPU capacity of the VM, MIPS.
    public var cpuCapacityMips: Double { Double(vcpus) * mipsPerVcpu }
}
