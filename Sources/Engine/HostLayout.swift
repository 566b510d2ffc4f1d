import DatacenterModel

/// One entry of an arm's `host_groups`: `count` hosts of one type in one cluster, racked
/// `hostsPerRack` to a rack.
public struct HostGroupSpec: Sendable, Equatable {
    /// Index into the arm's `hostTypes`.
    public var typeIndex: Int
    /// Cluster name (hosts of one cluster share placement and migration).
    public var cluster: String
    /// Hosts per rack, ≥ 1.
    public var hostsPerRack: Int
    /// Hosts in the group, ≥ 0 (0 only while automatic sizing tries counts).
    public var count: Int
    /// Failures of the group's hosts (`failures:`), nil = none.
    public var failures: HostFailureSettings? = nil
    public init(typeIndex: Int, cluster: String, hostsPerRack: Int, count: Int, failures: HostFailureSettings? = nil) {
        self.typeIndex = typeIndex; self.cluster = cluster; self.hostsPerRack = hostsPerRack; self.count = count
        self.failures = failures
    }
}

/// The hosts of an arm laid out from its host groups: slots in host-id order, cluster names
/// in first-use order, rack names `<cluster>-rack-<k>` numbered per cluster.
public struct HostLayout: Sendable {
    public var slots: [HostSlot]
    public var clusters: [String]
    public var racks: [String]

    /// Lays out `groups` in order. `interleave: false` gives each group's hosts consecutive
    /// ids; `true` puts host i of group g at position i·G + g while every group has hosts left
    /// (CloudSim's "host i gets type i % 2", CloudSimPlanetLab.md §2).
    public init(_ groups: [HostGroupSpec], interleave: Bool) {
        var clusters: [String] = [], clusterIndex: [String: Int] = [:], racks: [String] = []
        var racksInCluster: [Int: Int] = [:]
        var byGroup: [[HostSlot]] = []
        for (gi, g) in groups.enumerated() {
            let ci: Int
            if let c = clusterIndex[g.cluster] { ci = c } else { ci = clusters.count; clusterIndex[g.cluster] = ci; clusters.append(g.cluster) }
            var ordinal = racksInCluster[ci] ?? 0
            var left = g.count
            var slots: [HostSlot] = []
            while left > 0 {
                let n = min(g.hostsPerRack, left)
                let ri = racks.count
                racks.append("\(g.cluster)-rack-\(ordinal)")
                ordinal += 1
                for _ in 0..<n { slots.append(HostSlot(typeIndex: g.typeIndex, cluster: ci, rack: ri, group: gi, member: slots.count)) }
                left -= n
            }
            racksInCluster[ci] = ordinal
            byGroup.append(slots)
        }
        var slots: [HostSlot] = []
        if interleave {
            let total = byGroup.reduce(0) { $0 + $1.count }
            var k = 0
            while slots.count < total {
                for g in byGroup where k < g.count { slots.append(g[k]) }
                k += 1
            }
        } else {
            slots = byGroup.flatMap { $0 }
        }
        self.slots = slots; self.clusters = clusters; self.racks = racks
    }
}

extension ArmConfig {
    /// This arm with host group `group` at `count` hosts (layout redone; every other setting
    /// kept). Used by automatic sizing (`count: auto`).
    public func withHostCount(_ count: Int, inGroup group: Int) -> ArmConfig {
        var arm = self
        arm.hostGroups[group].count = count
        let layout = HostLayout(arm.hostGroups, interleave: arm.interleaveHosts)
        arm.hosts = layout.slots; arm.clusterNames = layout.clusters; arm.rackNames = layout.racks
        return arm
    }

    /// This arm without its `n` largest hosts (CPU capacity, then RAM; among equals the
    /// highest ids): the capacity an HA reserve of `n` host failures holds back.
    public func withoutLargestHosts(_ n: Int) -> ArmConfig {
        guard n > 0 else { return self }
        var arm = self
        let order = hosts.indices.sorted { a, b in
            let ta = hostTypes[hosts[a].typeIndex], tb = hostTypes[hosts[b].typeIndex]
            if ta.cpuCapacityMips != tb.cpuCapacityMips { return ta.cpuCapacityMips > tb.cpuCapacityMips }
            if ta.ramMiB != tb.ramMiB { return ta.ramMiB > tb.ramMiB }
            return a > b
        }
        let dropped = Set(order.prefix(n))
        arm.hosts = hosts.indices.filter { !dropped.contains($0) }.map { hosts[$0] }
        return arm
    }
}
