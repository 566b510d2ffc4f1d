import DatacenterModel
import Economics
import Engine

/// Reads the economics of every arm: `base` is the top-level mapping, each arm's own mapping
/// of the same name overrides it. `licenceNodes[i]` is the `hypervisor_licence` node arm i
/// uses (for `checkHypervisorLicences`).
func decodeEconomics(_ top: NodeReader, arms: [NodeReader], armCount: Int) -> (specs: [ArmEconomicsSpec], licenceNodes: [NodeReader?]) {
    let topFacility = top.child("facility")
    let topStorage = top.child("storage")
    let topCosts = top.child("costs")
    var base = ArmEconomicsSpec()
    var baseNode: NodeReader? = nil
    if let f = topFacility, !f.isNull { applyFacility(f, to: &base) }
    if let s = topStorage, !s.isNull { applyStorage(s, to: &base) }
    if let c = topCosts, !c.isNull { applyCosts(c, to: &base, licenceNode: &baseNode) }
    var out: [ArmEconomicsSpec] = []
    var nodes: [NodeReader?] = []
    for a in arms where a.isMapping {
        var e = base
        var node = baseNode
        if let f = a.child("facility"), !f.isNull { applyFacility(f, to: &e) }
        if let s = a.child("storage"), !s.isNull { applyStorage(s, to: &e) }
        if let c = a.child("costs"), !c.isNull { applyCosts(c, to: &e, licenceNode: &node) }
        out.append(e)
        nodes.append(node)
    }
    while out.count < armCount { out.append(base); nodes.append(baseNode) }
    return (out, nodes)
}

func applyFacility(_ r: NodeReader, to e: inout ArmEconomicsSpec) {
    guard let decoded = decodeSelected(r, selector: "model", from: FacilityModelRegistry.all) else { return }
    e.facility = decoded.model
    e.temperature = decoded.temperature
}

/// A decoded facility model, with the outside-temperature series it reads (economizer).
public struct FacilityDecoded {
    public var model: any FacilityPowerModel
    public var temperature: OutsideTemperatureSeries?
}

/// Every facility (power and cooling) model, one entry each. `facility: {model: NAME, …}`;
/// decoding, `virtsim list` and "valid names are …" come from this list.
public enum FacilityModelRegistry {
    /// CRAC supply temperature, °C (the models with a chiller read it).
    static func supply(_ r: NodeReader) -> Double {
        r.double("supply_c", range: CRACModel.minimumSupplyTemperatureC...CRACModel.maximumSupplyTemperatureC, or: 20)
    }

    static let supplyParameter = RegistryParameter(
        name: "supply_c", summary: "CRAC supply air temperature", unit: "°C", defaultValue: .number(20),
        range: CRACModel.minimumSupplyTemperatureC...CRACModel.maximumSupplyTemperatureC)

    public static let all: [ModelEntry<FacilityDecoded>] = [
        .init(
            name: FixedPUE.name, summary: FixedPUE.summary,
            parameters: [.init(name: "pue", summary: "facility power / IT power (Uptime 2023 average)", defaultValue: .number(1.58), range: 1...5)]
        ) { r in
            let pue = r.double("pue", range: -1e9...1e9, or: 1.58)
            if let p = FixedPUE.check(pue: pue) { r.child("pue")?.issue(p) ?? r.issue(p); return nil }
            return FacilityDecoded(model: FixedPUE(pue: pue), temperature: nil)
        },
        .init(
            name: LoadDependentPUE.name, summary: LoadDependentPUE.summary,
            parameters: [
                .init(name: "fixed_loss_w", summary: "facility losses at no IT load", unit: "W", range: 0...1e12),
                .init(name: "proportional", summary: "losses per watt of IT power", unit: "fraction", range: 0...100)
            ]
        ) { r in
            guard let fixed = r.required("fixed_loss_w", expected: "watts ≥ 0")?.double(range: 0...1e12),
                let prop = r.required("proportional", expected: "a fraction ≥ 0 of IT power")?.double(range: 0...100)
            else { return nil }
            if let p = LoadDependentPUE.check(fixedLossW: fixed, proportionalFraction: prop) { r.issue(p); return nil }
            return FacilityDecoded(model: LoadDependentPUE(fixedLossW: fixed, proportionalFraction: prop), temperature: nil)
        },
        .init(
            name: FacilityLossModel.name, summary: FacilityLossModel.summary,
            parameters: [
                .init(
                    name: "room", summary: "keep the room as rated for the estate, or right-size it to the arm's own peak", kind: .choice,
                    defaultText: RoomSizing.keep.rawValue, choices: RoomSizing.allCases.map(\.rawValue)),
                .init(
                    name: "rated_it_kw", summary: "the room's rated IT power (default: keep → the baseline arm's peak IT power, right-size → the arm's own)",
                    unit: "kW", defaultText: "the baseline's peak", range: 1e-6...1e9),
                .init(name: "ups", summary: "UPS losses {no_load, proportional, square}: fractions of the rated IT power", kind: .mapping),
                .init(name: "distribution", summary: "PDU/transformer losses {no_load, proportional, square}", kind: .mapping),
                .init(
                    name: "cooling",
                    summary: "cooling losses {no_load, proportional, square}, or {no_load, model: crac|economizer, …} removing IT + UPS + distribution heat",
                    kind: .mapping)
            ]
        ) { r in
            let room = r.enumValue("room", as: RoomSizing.self, or: .keep)
            let rated = r.has("rated_it_kw") ? r.double("rated_it_kw", range: 1e-6...1e9, or: 1) * 1000 : nil
            let ups = lossTerms(r, "ups")
            let distribution = lossTerms(r, "distribution")
            guard let coolingNode = r.required("cooling", expected: "a mapping: {no_load, proportional, square} or {no_load, model: crac|economizer, …}")
            else { return nil }
            var cooling: FacilityLossModel.Cooling? = nil
            var temperature: OutsideTemperatureSeries? = nil
            if coolingNode.isMapping && coolingNode.has("model") {
                let chillers = all.filter { [CRACModel.name, EconomizerModel.name].contains($0.name) }
                let noLoad = coolingNode.required("no_load", expected: "a fraction 0...1 of the rated IT power (fans, pumps)")?.double(range: 0...1)
                if let decoded = decodeSelected(coolingNode, selector: "model", from: chillers), let noLoad {
                    cooling = .chiller(noLoad: noLoad, model: decoded.model)
                    temperature = decoded.temperature
                }
            } else if let t = lossTerms(r, "cooling") {
                cooling = .terms(t)
            }
            guard let ups, let distribution, let cooling else { return nil }
            return FacilityDecoded(
                model: FacilityLossModel(ups: ups, distribution: distribution, cooling: cooling, room: room, ratedITPowerW: rated),
                temperature: temperature)
        },
        .init(name: CRACModel.name, summary: CRACModel.summary, parameters: [supplyParameter]) { r in
            FacilityDecoded(model: CRACModel(supplyTemperatureC: supply(r)), temperature: nil)
        },
        .init(
            name: EconomizerModel.name, summary: EconomizerModel.summary,
            parameters: [
                .init(name: "temperature_series", summary: "hourly CSV `hour,temperature_c` from the scenario start", kind: .path),
                .init(
                    name: "threshold_c", summary: "outside temperature below which cooling is free (65 °F)", unit: "°C",
                    defaultValue: .number((65.0 - 32) * 5 / 9), defaultText: "18.33", range: -90...60),
                .init(
                    name: "free_cooling_overhead", summary: "cooling power per IT watt while free", unit: "fraction",
                    defaultValue: .number(0.05), range: 0...10),
                supplyParameter
            ]
        ) { r in
            let supplyC = supply(r)
            let threshold = r.double("threshold_c", range: -90...60, or: (65.0 - 32) * 5 / 9)
            let overhead = r.double("free_cooling_overhead", range: 0...10, or: 0.05)
            let node = r.required("temperature_series", expected: "an hourly CSV file (hour,temperature_c)")
            if let p = EconomizerModel.check(thresholdC: threshold, freeCoolingOverheadFraction: overhead) { r.issue(p); return nil }
            var series: OutsideTemperatureSeries? = nil
            if let node, let path = node.filePath() {
                do { series = try OutsideTemperatureSeries.read(path: path) } catch { node.issue("\(error)") }
            }
            return FacilityDecoded(
                model: EconomizerModel(
                    thresholdC: threshold, freeCoolingOverheadFraction: overhead,
                    chiller: CRACModel(supplyTemperatureC: supplyC)),
                temperature: series)
        }
    ]
}

/// The loss terms at `key` of `r`: a mapping `{no_load, proportional, square}`, each a fraction
/// 0…1 of the rated IT power, all three required (`LossTerms`: no sourced defaults).
func lossTerms(_ r: NodeReader, _ key: String) -> LossTerms? {
    guard let node = r.required(key, expected: "a mapping {no_load, proportional, square} of fractions of the rated IT power") else { return nil }
    guard node.expectMapping() else { return nil }
    let expected = "a fraction 0...1 of the rated IT power"
    let noLoad = node.required("no_load", expected: expected)?.double(range: 0...1)
    let proportional = node.required("proportional", expected: "a fraction 0...1 of the IT power")?.double(range: 0...1)
    let square = node.required("square", expected: expected + " (the I²R loss at rated load)")?.double(range: 0...1)
    node.finish()
    guard let noLoad, let proportional, let square else { return nil }
    return LossTerms(noLoad: noLoad, proportional: proportional, square: square)
}

func applyStorage(_ r: NodeReader, to e: inout ArmEconomicsSpec) {
    guard r.isMapping else { _ = r.mappingEntries(); return }
    applyStorageArray(r.child("array"), to: &e.infrastructure)  // InfrastructureDecoding.swift
    let price = r.double("price_per_gb", range: 0...1e6, or: e.datastore?.tier.pricePerGB ?? 0)
    let raidNames = ["none", "raid1", "raid5", "raid6", "vsan-ftt1", "vsan-ftt2"]
    let raidName = r.enumValue("raid", allowed: raidNames, or: "none")
    let dataDisks = r.int("data_disks", range: 2...64, or: (raidName == "raid6" ? 4 : 4))
    let raid: RAIDLevel
    switch raidName {
    case "raid1": raid = .raid1
    case "raid5": raid = .raid5(dataDisks: dataDisks)
    case "raid6": raid = .raid6(dataDisks: dataDisks)
    case "vsan-ftt1": raid = .vsanMirror(failuresToTolerate: 1)
    case "vsan-ftt2": raid = .vsanMirror(failuresToTolerate: 2)
    default: raid = e.datastore?.raid ?? .none
    }
    // the headroom a thin pool inherits from the top level (a thick one has none to inherit)
    var previousHeadroom: Double? = nil
    if case .thin = e.provisioning { previousHeadroom = e.datastore?.freeSpaceHeadroom }
    let dedup = r.double("dedup", range: -1e9...1e9, or: e.datastore?.dedupRatio ?? 1)
    let compression = r.double("compression", range: -1e9...1e9, or: e.datastore?.compressionRatio ?? 1)
    if let p = Datastore.check(raid: raid, dedupRatio: dedup, compressionRatio: compression) { r.issue(p); r.finish(); return }
    e.datastore = Datastore(
        name: r.string("name", or: "datastore"), tier: StorageTier(name: r.string("tier", or: "tier-1"), pricePerGB: price),
        raid: raid, dedupRatio: dedup, compressionRatio: compression)
    if let prov = r.enumValue("provisioning", allowed: ["thick", "thin"]) {
        if prov == "thin" {
            let used = r.double("used_fraction", range: 0...1, or: 0.4)
            let growth = r.double("growth_per_day", range: 0...1, or: 0)
            e.provisioning = .thin(initialUsedFraction: used, growthPerDay: growth)
        } else {
            e.provisioning = .thick
            // A thick disk is allocated whole: thin-only keys are a mistake, not unknown keys.
            for k in ["used_fraction", "growth_per_day"] {
                if let c = r.child(k), !c.isNull { c.issue("\(k) applies to provisioning: thin only (thick disks are allocated whole)") }
            }
        }
    }
    if case .thin = e.provisioning {
        // B4: thin provisioning drives pool utilization to 80–90%: 15% kept free by default
        e.datastore?.freeSpaceHeadroom = r.double("free_space_headroom", range: 0...0.95, or: previousHeadroom ?? 0.15)
    } else if let c = r.child("free_space_headroom"), !c.isNull {
        c.issue("free_space_headroom applies to provisioning: thin only (thick disks are allocated whole when created)")
    }
    e.snapshotFraction = r.double("snapshot_fraction", range: 0...10, or: e.snapshotFraction)
    e.swapFiles = r.bool("swap_files", or: e.swapFiles)
    if let lc = r.child("linked_clones"), !lc.isNull, lc.isMapping {
        let groups = (lc.sequence("groups") ?? []).compactMap { $0.string() }
        let replica = lc.required("replica_gb", expected: "GB of the parent image's replica")?.double(range: 0...1e9) ?? 0
        let delta = lc.double("delta_gb", range: 0...1e9, or: 0)
        let growth = lc.double("delta_growth_gb_per_day", range: 0...1e9, or: 0)
        lc.finish()
        e.linkedCloneGroups = Set(groups)
        e.linkedClone = .linkedClone(parentImage: "golden", replicaGB: replica, initialDeltaGB: delta, deltaGrowthGBPerDay: growth)
    }
    r.finish()
}

func applyCosts(_ r: NodeReader, to e: inout ArmEconomicsSpec, licenceNode: inout NodeReader?) {
    guard r.isMapping else { _ = r.mappingEntries(); return }
    if let p = r.double("electricity_usd_per_kwh", range: 0...100) { e.electricity = .flat(pricePerKWh: p) }
    if let c = r.child("electricity_usd_per_kwh_by_hour"), !c.isNull {
        if r.has("electricity_usd_per_kwh") {
            c.issue("give either electricity_usd_per_kwh (one flat price) or electricity_usd_per_kwh_by_hour (24 hourly prices), not both")
        } else if let prices = c.doubleArray(range: 0...100) {
            if prices.count == 24 {
                e.electricity = .timeOfUse(pricesPerKWh: prices)
            } else {
                c.issue("expected 24 prices (hours 0..23), found \(prices.count)")
            }
        }
    }
    for (old, hint) in retiredLicenceKeys {
        if r.presentKeys.contains(old), let c = r.child(old) { c.issue("\(old) is retired: \(hint)") }
    }
    if let h = r.child("hypervisor_licence"), !h.isNull {
        e.hypervisorLicence = decodeLicence(h, role: .hypervisor)
        licenceNode = h
    }
    if let g = r.child("guest_os_licence"), !g.isNull {
        let items = g.isSequence ? (g.sequence() ?? []) : [g]
        e.guestOSLicences = items.compactMap { decodeLicence($0, role: .guestOS) }
    }
    e.serversPerAdmin = r.double("servers_per_admin", range: 0.001...1e6) ?? e.serversPerAdmin
    // `hosts_per_admin: ~`: hosts cost no administration of their own (ASG's method); absent:
    // the top level's (or the default)
    let hostsPerAdmin = r.double("hosts_per_admin", range: 0.001...1e6, or: AdminLabour.physicalServersPerAdmin)
    if r.child("hosts_per_admin")?.isNull == true {
        e.hostsPerAdmin = nil
    } else if r.has("hosts_per_admin") {
        e.hostsPerAdmin = hostsPerAdmin
    }
    e.supportPrepaidYears = r.double("support_prepaid_years", range: 0...100, or: e.supportPrepaidYears)
    e.adminSalaryPerYear = r.double("admin_salary_usd_per_year", range: 0...1e9, or: e.adminSalaryPerYear)
    e.rackPricePerYear = r.double("rack_usd_per_year", range: 0...1e9, or: e.rackPricePerYear)
    e.serversPerRack = r.int("servers_per_rack", range: 1...10_000, or: e.serversPerRack)
    e.amortizationYears = r.double("amortization_years", range: 0.1...100, or: e.amortizationYears)
    e.horizonYears = r.double("horizon_years", range: 0.1...100, or: e.horizonYears)
    r.finish()
}

/// Cost keys that a licence key replaced, with the hint their error gives.
let retiredLicenceKeys = [
    ("licence_usd_per_unit_per_year", "write hypervisor_licence: {price_usd: N} (the profile's rule, or name one with rule:)"),
    ("support_fraction", "write hypervisor_licence: {support_pct: N} or guest_os_licence: {support_pct: N} (perpetual rules only)")
]

/// Keys of `costs.hypervisor_licence` and `costs.guest_os_licence`, for documentation.
let licenceKeys = ["rule", "price_usd", "support_pct"]

/// One licence mapping: `{rule: NAME, price_usd: N, support_pct: P}`. `rule` names a rule of
/// `role` in `LicenceRegistry` (required for a guest OS licence; for the hypervisor, absent =
/// the profile's rule); `price_usd` (≥ 0) is a unit's purchase price for a perpetual rule and
/// its yearly price for a subscription, default the rule's list price (required where the rule
/// has none); `support_pct` (0–100, perpetual rules only) defaults to the rule's.
func decodeLicence(_ r: NodeReader, role: LicenceRole) -> LicenceChoice? {
    guard r.isMapping else { r.issue("expected a mapping {rule, price_usd, support_pct}"); return nil }
    var choice = LicenceChoice()
    let names = LicenceRegistry.names(role)
    func given(_ key: String) -> Bool { r.child(key).map { !$0.isNull } ?? false }
    var ok = true
    if role == .guestOS {
        if let n = r.required("rule", expected: "a guest OS licence rule: " + names.joined(separator: ", "))?.enumValue(allowed: names) {
            choice.preset = LicenceRegistry.preset(named: n)
        } else {
            ok = false
        }
    } else if let n = r.enumValue("rule", allowed: names) {
        choice.preset = LicenceRegistry.preset(named: n)
    } else if given("rule") {
        ok = false
    }
    choice.priceUSD = r.double("price_usd", range: 0...1e9)
    if choice.priceUSD == nil && given("price_usd") { ok = false }
    if let pct = r.double("support_pct", range: 0...100) {
        choice.supportFraction = pct / 100
        if let preset = choice.preset, preset.model == .subscription {
            r.child("support_pct")?.issue("\(preset.name) is a subscription, which includes support: remove support_pct")
            ok = false
        }
    } else if given("support_pct") {
        ok = false
    }
    if let preset = choice.preset, preset.listPriceUSD == nil, choice.priceUSD == nil {
        r.issue("\(preset.name) has no bundled list price (\(preset.priceSource)): set price_usd")
        ok = false
    }
    r.finish()
    return ok ? choice : nil
}

/// Refuses an arm's `hypervisor_licence` that names no rule and a price > 0 where the arm's
/// hypervisor profile needs no licence (Hyper-V bundled with Windows Server; Xen, KVM free):
/// its price would be ignored. Bare-metal arms (`hypervisor: none`) are not concerned. Support on the profile's per-core subscription is refused too.
func checkHypervisorLicences(_ arms: [ArmConfig], _ specs: [ArmEconomicsSpec], nodes: [NodeReader?]) {
    var reported = Set<ObjectIdentifier>()
    for (i, arm) in arms.enumerated() where i < specs.count && i < nodes.count {
        // a bare-metal arm runs no hypervisor: a scenario-wide hypervisor licence does not concern it
        guard let choice = specs[i].hypervisorLicence, choice.preset == nil, let node = nodes[i], !arm.isBareMetal else { continue }
        guard !reported.contains(ObjectIdentifier(node)) else { continue }
        let rule = arm.hypervisorProfile?.licence ?? .free
        let profile = arm.hypervisorProfile?.name ?? arm.hypervisor.name
        if let preset = LicenceRegistry.profileDefault(rule) {
            if preset.model == .subscription, choice.supportFraction != nil {
                reported.insert(ObjectIdentifier(node))
                node.issue("arm \(arm.name): the \(profile) profile's rule (\(rule)) is a subscription, which includes support: remove support_pct")
            }
        } else if let price = choice.priceUSD, price > 0 {
            reported.insert(ObjectIdentifier(node))
            node.issue(
                "arm \(arm.name): the \(profile) profile needs no hypervisor licence (\(rule)), so this price would be ignored; "
                    + "name a rule (rule: …), price the guest OS with guest_os_licence (Hyper-V: windows-2016-datacenter), "
                    + "or set hypervisor_licence on the arms that pay it")
        }
    }
}
