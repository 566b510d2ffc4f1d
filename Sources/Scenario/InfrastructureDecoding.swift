import DatacenterModel
import Economics

/// Keys of `storage.array` and `network`, for documentation.
let storageArrayKeys = [
    "drive_gb", "drive_w", "drives_per_shelf", "shelf_w", "controllers", "controller_w", "drive_price_usd", "shelf_price_usd",
    "controller_price_usd"
]
let networkKeys = ["ports_per_host", "ports_per_switch", "switch_w", "port_w", "switch_price_usd"]

/// The scenario reference's defaults of these keys (ScenarioReference.swift): an arm's inherit
/// the top level's, key by key.
let infrastructureReferenceDefaults: [String: String] = {
    var d = [
        "storage.array": "none: no array", "arms[].storage.array": "the top-level array (none: no array)", "network": "none: no switches",
        "arms[].network": "the top-level network (none: no switches)"
    ]
    for (path, keys, what) in [("arms[].storage.array.", storageArrayKeys, "array"), ("arms[].network.", networkKeys, "network")] {
        for k in keys { d[path + k] = "the top-level \(what)'s" + (k.hasSuffix("_price_usd") ? " (else 0)" : " (required without one)") }
    }
    for type in ["host_types.<name>.", "arms[].host_groups[].type."] {
        d[type + "extra_disk_w"] = "required with extra_disks ≥ 1"
        d[type + "extra_nic_w"] = "required with extra_nics ≥ 1"
    }
    return d
}()

/// A number of `r` that `previous` (the inherited mapping's value) makes optional: required
/// when nothing is inherited, else the inherited value by default.
private func inheritable(_ r: NodeReader, _ key: String, _ expected: String, range: ClosedRange<Double>, _ previous: Double?) -> Double? {
    if let previous { return r.double(key, range: range, or: previous) }
    return r.required(key, expected: expected)?.double(range: range)
}

private func inheritable(_ r: NodeReader, _ key: String, _ expected: String, range: ClosedRange<Int>, _ previous: Int?) -> Int? {
    if let previous { return r.int(key, range: range, or: previous) }
    return r.required(key, expected: expected)?.int(range: range)
}

/// Whether `r` is `none` (drops what the top level gave); another scalar is an issue.
private func isNone(_ r: NodeReader, mapping: String) -> Bool {
    guard r.isScalar else { return false }
    if r.string() != "none" { r.issue("expected a mapping {\(mapping)} or none") }
    return true
}

/// `storage.array: {drive_gb, drive_w, drives_per_shelf, shelf_w, controllers, controller_w,
/// drive_price_usd, shelf_price_usd, controller_price_usd}` (`StorageArray`), or `none` on an
/// arm to drop the top level's. An arm's keys override the inherited array's key by key; the
/// watts, sizes and counts are required where nothing is inherited (no sourced default: F),
/// prices default to 0 (not priced).
func applyStorageArray(_ node: NodeReader?, to spec: inout SharedInfrastructureSpec) {
    guard let r = node, !r.isNull else { return }
    if isNone(r, mapping: storageArrayKeys.joined(separator: ", ")) { spec.storageArray = nil; return }
    guard r.expectMapping() else { return }
    let p = spec.storageArray
    let watts = 0.0...1e7
    let driveGB = inheritable(r, "drive_gb", "GB of one drive > 0", range: 1e-6...1e9, p?.driveGB)
    let driveW = inheritable(r, "drive_w", "watts of one drive (F: 10k SAS 3.4 idle – 7.33 active)", range: watts, p?.driveW)
    let perShelf = inheritable(r, "drives_per_shelf", "drive bays per shelf, an integer ≥ 1", range: 1...10_000, p?.drivesPerShelf)
    let shelfW = inheritable(r, "shelf_w", "watts of one shelf without drives (a datasheet's)", range: watts, p?.shelfW)
    let controllers = inheritable(r, "controllers", "controllers of the array, an integer ≥ 1", range: 1...1_000, p?.controllers)
    let controllerW = inheritable(r, "controller_w", "watts of one controller (a datasheet's)", range: watts, p?.controllerW)
    let inheritedPrices = [p?.drivePriceUSD, p?.shelfPriceUSD, p?.controllerPriceUSD]
    let prices = zip(["drive_price_usd", "shelf_price_usd", "controller_price_usd"], inheritedPrices).map { r.double($0, range: 0...1e9, or: $1 ?? 0) }
    r.finish()
    guard let driveGB, let driveW, let perShelf, let shelfW, let controllers, let controllerW else { return }
    var a = StorageArray(
        driveGB: driveGB, driveW: driveW, drivesPerShelf: perShelf, shelfW: shelfW, controllers: controllers, controllerW: controllerW)
    a.drivePriceUSD = prices[0]
    a.shelfPriceUSD = prices[1]
    a.controllerPriceUSD = prices[2]
    spec.storageArray = a
}

/// `network: {ports_per_host, ports_per_switch, switch_w, port_w, switch_price_usd}`
/// (`NetworkSwitches`), or `none` on an arm to drop the top level's. As `applyStorageArray`:
/// key by key over the inherited switches; watts and port counts required where nothing is
/// inherited; the price defaults to 0.
func applyNetwork(_ node: NodeReader?, to spec: inout SharedInfrastructureSpec) {
    guard let r = node, !r.isNull else { return }
    if isNone(r, mapping: networkKeys.joined(separator: ", ")) { spec.network = nil; return }
    guard r.expectMapping() else { return }
    let p = spec.network
    let perHost = inheritable(r, "ports_per_host", "switch ports each host uses, an integer ≥ 1", range: 1...1_000, p?.portsPerHost)
    let perSwitch = inheritable(r, "ports_per_switch", "host ports of one switch, an integer ≥ 1 (CARPO ToR: 48)", range: 1...100_000, p?.portsPerSwitch)
    let switchW = inheritable(r, "switch_w", "watts of one switch's chassis (CARPO 1 GbE ToR: 66.7)", range: 0...1e7, p?.chassisW)
    let portW = inheritable(r, "port_w", "watts of one active port (CARPO 1 GbE: 0.91)", range: 0...1e5, p?.portW)
    let price = r.double("switch_price_usd", range: 0...1e9, or: p?.switchPriceUSD ?? 0)
    r.finish()
    guard let perHost, let perSwitch, let switchW, let portW else { return }
    spec.network = NetworkSwitches(portsPerHost: perHost, portsPerSwitch: perSwitch, chassisW: switchW, portW: portW, switchPriceUSD: price)
}

/// Reads the top-level `network:` and each arm's into `economics[i].infrastructure` (arm keys
/// override the top level's key by key), and refuses storage priced twice: an arm whose
/// datastore has `price_per_gb` > 0 and whose array has prices (both would buy the same raw
/// capacity). `arms` are the arm nodes, `economics` the specs `decodeEconomics` made for them
/// (parallel, mapping arms first).
func decodeInfrastructure(_ top: NodeReader, arms: [NodeReader], into economics: inout [ArmEconomicsSpec]) {
    var base = SharedInfrastructureSpec()
    applyNetwork(top.child("network"), to: &base)
    let mappingArms = arms.filter(\.isMapping)
    var reported = false
    for i in economics.indices {
        var spec = economics[i].infrastructure
        spec.network = base.network
        if i < mappingArms.count { applyNetwork(mappingArms[i].child("network"), to: &spec) }
        economics[i].infrastructure = spec
        if let a = spec.storageArray, a.isPriced, let perGB = economics[i].datastore?.tier.pricePerGB, perGB > 0, !reported {
            reported = true
            let at = i < mappingArms.count ? mappingArms[i] : top
            at.issue(
                "storage is priced twice: price_per_gb (\(ParameterValue.number(perGB))) and storage.array's drive, shelf and controller "
                    + "prices both buy the same raw capacity; give one of them (price_per_gb: 0 with an array's prices)")
        }
    }
}

/// `extra_disks`, `extra_disk_w`, `extra_nics`, `extra_nic_w` of a host type (`LocalDevices`):
/// devices beyond the configuration its power curve was measured with. A count without its
/// watts, or watts without a count, is an error (watts alone would be ignored).
func decodeLocalDevices(_ r: NodeReader) -> LocalDevices {
    var counts: [Int] = []
    var watts: [Double] = []
    for (count, w, what) in [("extra_disks", "extra_disk_w", "disk"), ("extra_nics", "extra_nic_w", "NIC")] {
        let n = r.int(count, range: 0...10_000, or: 0)
        var x = 0.0
        if n > 0 {
            x = r.required(w, expected: "watts of one extra \(what) ≥ 0")?.double(range: 0...1e5) ?? 0
        } else if let c = r.child(w), !c.isNull {
            c.issue("\(w) applies with \(count) ≥ 1 (watts of each \(what) beyond the power curve's tested configuration)")
        }
        counts.append(n)
        watts.append(x)
    }
    return LocalDevices(disks: counts[0], diskW: watts[0], nics: counts[1], nicW: watts[1])
}
