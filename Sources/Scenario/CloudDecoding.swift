import Engine

/// Keys of an arm's `cloud` mapping, for documentation.
let cloudKeys = [
    "provider", "host", "min_hosts", "max_hosts", "provision_time", "release_after", "host_usd_per_hour",
    "billing_increment", "cpu_overcommit"
]

/// Reads an arm's `cloud:` — hybrid-cloud bursting onto a dedicated-host cluster billed per
/// host-hour (`CloudBurstSettings`; `DomainModels.md` B7):
///
///     cloud:
///       provider: vmc-aws                                   # a label (default "cloud")
///       host: {cores: 36, core_mips: 2300, ram: 512 GiB}    # i3.metal (B7)
///       min_hosts: 2                                        # the provider's minimum cluster (1)
///       max_hosts: 16                                       # (= min_hosts × 8)
///       provision_time: 30 min                              # required: request → VMs run
///       release_after: 1 h                                  # empty host released after (0)
///       host_usd_per_hour: 8.5                              # required: regional list price
///       billing_increment: 1 h                              # bill by started hour (0: exactly)
///       cpu_overcommit: 1                                   # vCPU:pCPU on cloud hosts (1)
///
/// `cloud: ~` means none. Only arms of the virtsim profile, and not with `dpm`, `drs` or
/// `memory` in this version.
func decodeCloud(_ arm: NodeReader, cloudSimProfile: Bool, hasDPM: Bool, hasDRS: Bool, hasMemory: Bool) -> CloudBurstSettings? {
    guard let r = arm.child("cloud"), !r.isNull else { return nil }
    guard r.expectMapping() else { return nil }
    let provider = r.string("provider", or: "cloud")
    var cores: Int? = nil, mips: Double? = nil, ram: Int64? = nil
    if let h = r.required("host", expected: "a mapping {cores, core_mips, ram} (e.g. VMC on AWS i3.metal: 36 cores, 2300 MHz, 512 GiB)"),
        h.expectMapping()
    {
        cores = h.required("cores", expected: "an integer ≥ 1")?.int(range: 1...100_000)
        mips = h.required("core_mips", expected: "MIPS (or MHz) per core > 0")?.double(range: 1e-6...1e12)
        ram = h.required("ram", expected: "a size such as \"512 GiB\"")?.bytes()
        h.finish()
    }
    let minHosts = r.int("min_hosts", range: 1...100_000, or: 1)
    let maxHosts = r.int("max_hosts", range: 1...100_000, or: 8 * minHosts)
    let provision = r.required("provision_time", expected: "a duration ≥ 0 from asking for a host to running VMs on it (no published constant: an input)")?
        .duration()
    let release = r.duration("release_after", or: 0)
    let price = r.required("host_usd_per_hour", expected: "the price of a host-hour, USD ≥ 0 (published per region and term: an input)")?.double(range: 0...1e9)
    let overcommit = r.double("cpu_overcommit", range: 1...1000, or: 1)
    let increment = r.duration("billing_increment", or: 0)
    r.finish()
    if cloudSimProfile { r.issue("cloud applies to arms of the virtsim profile only"); return nil }
    if let (key, hint) = uncombinedFeatures(arm, hasDPM: hasDPM, hasDRS: hasDRS, hasMemory: hasMemory).first {
        r.issue("cloud is not combined with \(key) in this version" + hint); return nil
    }
    guard let cores, let mips, let ram, let provision, let price else { return nil }
    if ram < 1_048_576 { r.child("host")?.child("ram")?.issue("expected at least 1 MiB"); return nil }
    var s = CloudBurstSettings(
        provider: provider, hostCores: cores, hostCoreMips: mips, hostRAMMiB: ram / 1_048_576,
        minHosts: minHosts, maxHosts: maxHosts, provisionS: provision, releaseAfterS: release,
        hostUSDPerHour: price, cpuOvercommit: overcommit)
    s.billingIncrementS = increment
    if let problem = s.check() { r.issue(checkProblem: problem); return nil }
    return s
}
