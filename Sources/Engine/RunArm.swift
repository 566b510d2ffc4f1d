import SimKernel
import DatacenterModel
import CloudSimEngine

/// Runs one arm on the engine its profile names: `ArmSimulation` (virtsim's own semantics)
/// or `CloudSimSimulation` (the `cloudsim-3.0.3` profile, module CloudSimEngine).
public func runArm(_ arm: ArmConfig, groups: [VMGroup], settings: RunSettings, seed: UInt64, services: [ServiceSpec] = []) -> ArmResult {
    guard let cs = arm.cloudSim else { return simulateArm(arm, groups: groups, settings: settings, services: services, seed: seed) }
    let types = arm.hostTypes.map { t -> CloudSimHostType in
        // CloudSim's power model is an 11-point table; linear and SPECpower models are
        // sampled at 0%, 10%, …, 100%, which is exact for both.
        let table = (0...10).map { t.power.powerW(utilization: Double($0) / 10) }
        return CloudSimHostType(
            name: t.name, pes: t.cores, peMips: Int(t.coreMips), ramMB: Int(t.ramMiB),
            bwKbps: t.nicGbps * 1_000_000, power: SpecPowerModel(tableW: table))
    }
    let vmGroups = groups.map { g in
        CloudSimVMGroup(
            type: CloudSimVMType(
                name: g.name, mips: g.type.mipsPerVcpu, ramMB: Int(g.type.ramMiB),
                bwKbps: g.type.bandwidthMbps * 1000),
            count: g.count, workload: g.workload)
    }
    let exp = CloudSimExperiment(
        name: arm.name, hostTypes: types, hosts: arm.hosts.map(\.typeIndex), groups: vmGroups,
        allocation: cs.allocation, quirks: cs.quirks, schedulingIntervalS: cs.schedulingIntervalS,
        durationS: settings.duration.seconds, seed: seed)
    var sim = CloudSimSimulation(exp)
    let r = sim.run(progress: settings.progress)
    let hours = settings.duration.hours
    var rows: [HostRow] = []
    for h in 0..<arm.hosts.count {
        let slot = arm.hosts[h]
        rows.append(
            HostRow(
                hostId: h, cluster: arm.clusterNames[slot.cluster], rack: arm.rackNames[slot.rack],
                hostType: arm.hostTypes[slot.typeIndex].name, energyKWh: r.hostEnergyKWh[h],
                cpuUtilMeanPct: 0, hoursOn: r.hostActiveHours[h], boots: 0,
                memReservedMaxPct: 100 * Double(r.hostRamReservedMaxMB[h]) / Double(arm.hostTypes[slot.typeIndex].ramMiB)))
    }
    var out = ArmResult(
        arm: arm.name, isBaseline: arm.isBaseline, hostsTotal: arm.hosts.count, hostsUsedMax: r.hostsUsedMax,
        vms: r.vms, vmsUnplaced: r.vmsUnplaced, simHours: hours, itEnergyKWh: r.energyKWh,
        itPowerMeanW: hours > 0 ? r.energyKWh * 1000 / hours : 0, cpuUtilMeanPct: 100 * r.cpuUtilMean,
        hostsOnMean: r.hostActiveHours.reduce(0, +) / max(hours, 1e-12), migrations: r.migrations, hostBoots: 0,
        cpuDemandUnmetPct: 100 * r.overallSlaViolation, events: r.updates,
        timeseries: r.samples.map {
            TimeseriesRow(
                timeS: $0.time, hostsOn: $0.activeHosts, vmsRunning: $0.vms,
                itPowerW: $0.powerW, cpuUtilMeanPct: $0.utilPct)
        },
        hosts: rows)
    out.slatahPct = 100 * r.slatah
    // CloudSim's VMs all start at once and only ever leave (zero-demand drops)
    out.vmsConcurrentMax = r.vms - r.vmsUnplaced
    out.pdmPct = 100 * r.pdm
    out.hostShutdowns = r.hostShutdowns
    out.overallSlaViolationPct = 100 * r.overallSlaViolation
    out.vmsDropped = r.vmsDropped
    out.migrationTrafficGB = r.migrationBytes / 1e9
    out.hostsUsedMaxByType = r.hostsUsedMaxByType
    out.hostCPUUtil = r.hostUtil
    out.fillHostFigures(types: arm.hostTypes, typeOfHost: arm.hosts.map(\.typeIndex))
    return out
}
