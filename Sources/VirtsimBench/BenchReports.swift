import Foundation
import Reports
import VirtsimCore

/// `virtsim bench kernel`: the hold-model table (Swift vs C++), with the target verdict.
public func kernelBenchmarkReport(cxxPath: String, repetitions: Int) throws -> String {
    let rows = try runKernelBenchmark(
        cxxPath: cxxPath, repetitions: max(1, repetitions),
        progress: { line in
            FileHandle.standardError.write((line + "\n").data(using: .utf8)!)
        })
    var s = "hold model, median of \(repetitions) alternating runs (Swift EventQueue vs C++ std::priority_queue -O2)\n"
    s += formatKernelBenchmarkTable(rows)
    let worst = rows.map(\.ratio).min() ?? 0
    s += "target: swift/cxx >= 0.9 at every size: \(worst >= 0.9 ? "met" : "NOT met") (lowest ratio \(formatFixed(worst, decimals: 3)))\n"
    return s
}

/// `virtsim bench hold`: only the Swift hold loop.
public func holdReport(pending: Int, events: Int) -> String {
    let r = runSwiftHold(pending: pending, events: events)
    return
        "swift N=\(r.pending) events=\(r.events) seconds=\(formatFixed(r.seconds, decimals: 6)) events_per_s=\(formatFixed(r.eventsPerSecond, decimals: 0)) checksum=\(r.checksum)"
}

/// `virtsim bench scale`: wall time and peak RSS of the generated datacenter.
public func scaleBenchmarkReport(hosts: Int, vms: Int, hours: Double) throws -> String {
    let r = try runScaleBenchmark(hosts: hosts, vms: vms, hours: hours)
    var s =
        "scale benchmark: \(r.hosts) hosts, \(r.vms) VMs (stochastic beta workloads), \(formatFixed(hours, decimals: 2)) h, 300 s sampling, best-fit-decreasing\n"
    s +=
        "setup_s=\(formatFixed(r.setupSeconds, decimals: 3)) simulate_s=\(formatFixed(r.simulateSeconds, decimals: 3)) wall_s=\(formatFixed(r.wallSeconds, decimals: 3)) peak_rss_mib=\(formatFixed(r.peakRSSMiB, decimals: 1))\n"
    s += "events=\(r.events) hosts_used=\(r.hostsUsed) vms_unplaced=\(r.vmsUnplaced) it_energy_kwh=\(formatFixed(r.itEnergyKWh, decimals: 3))\n"
    let met = r.wallSeconds <= 60 && r.peakRSSMiB <= 4096
    s += "target: wall <= 60 s and peak RSS <= 4096 MiB: \(met ? "met" : "NOT met")\n"
    return s
}
