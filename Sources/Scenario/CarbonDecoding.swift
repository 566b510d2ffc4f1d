import DatacenterModel
import Economics
import Workloads

/// Plausible grid intensities, gCO2e/kWh: 0 (a renewable contract) to 3,000 (above any grid;
/// India's 705 g is the highest preset, `PlannerPractice.md` G).
let gridIntensityRange: ClosedRange<Double> = 0...3000

/// The columns of an hourly intensity file (`carbon.intensity_csv`), after `timestamp`.
public let carbonIntensityColumns = ["location_g_per_kwh", "market_g_per_kwh"]

/// One `carbon:` mapping's keys, before the arm's are laid over the top level's.
private struct CarbonKeys {
    var location: Double? = nil
    var market: Double? = nil
    var hourly: (values: [GridIntensity], firstHourFromStart: Double)? = nil
    var devices: [EmbodiedDevice]? = nil
    /// Whether the mapping names an intensity (grid, location or file), even an invalid one
    /// (already reported: no second "expected a grid intensity").
    var intensityGiven = false
    /// Where the mapping that last set each key is, for problems found when combining them.
    var node: NodeReader? = nil

    /// The arm's keys over these: an intensity source (grid, location or file) replaces the
    /// other kind; a market figure or device list replaces its own.
    mutating func apply(_ o: CarbonKeys) {
        if o.intensityGiven { location = o.location; hourly = o.hourly; intensityGiven = true }
        if o.market != nil { market = o.market }
        if o.devices != nil { devices = o.devices }
        node = o.node
    }

    /// The spec, or nil with an issue when it names no intensity or a market figure beside a file.
    func spec() -> CarbonSpec? {
        if let hourly {
            if market != nil {
                node?.issue(
                    "market_g_per_kwh cannot be combined with intensity_csv: the file's market_g_per_kwh column gives the market-based intensity")
                return nil
            }
            var s = CarbonSpec(constant: hourly.values[0])
            s.hourly = hourly.values
            s.firstHourFromStart = hourly.firstHourFromStart
            s.devices = devices ?? []
            return s
        }
        guard let location else {
            if intensityGiven { return nil }
            node?.issue("expected a grid intensity: location_g_per_kwh, grid (a bundled preset) or intensity_csv (an hourly file)")
            return nil
        }
        var s = CarbonSpec(constant: GridIntensity(locationGPerKWh: location, marketGPerKWh: market ?? location))
        s.devices = devices ?? []
        return s
    }
}

/// The run's time frame, for aligning and checking an hourly intensity file.
struct CarbonTimeFrame {
    /// The scenario start, µs since 1970 UTC (nil if `start` is not a valid date-time).
    var startUs: Int64?
    /// IANA time zone of file timestamps without an offset (the scenario's `time_zone`).
    var timeZone: String
    /// The run's duration, s.
    var durationS: Double?
}

/// Reads `carbon:` at the top level and in each arm (whose keys override the top level's) into
/// each arm's `ArmEconomicsSpec.carbon` (`Carbon.md`). `arms` are the arm nodes, `economics`
/// the specs `decodeEconomics` made for them (parallel, mapping arms first).
func decodeCarbon(_ top: NodeReader, arms: [NodeReader], frame: CarbonTimeFrame, into economics: inout [ArmEconomicsSpec]) {
    let topKeys = top.child("carbon").flatMap { $0.isNull ? nil : readCarbonKeys($0, frame: frame) }
    // the top level's own spec, made (and its problems reported) once, when an arm inherits it
    var base: CarbonSpec?? = nil
    let mappingArms = arms.filter(\.isMapping)
    for i in economics.indices {
        guard i < mappingArms.count, let node = mappingArms[i].child("carbon"), !node.isNull else {
            if base == nil { base = .some(topKeys?.spec()) }
            economics[i].carbon = base ?? nil
            continue
        }
        guard let own = readCarbonKeys(node, frame: frame) else { continue }
        var keys = topKeys ?? CarbonKeys()
        keys.apply(own)
        economics[i].carbon = keys.spec()
    }
}

/// The keys of one `carbon:` mapping; nil (issues recorded) when it is not a mapping.
private func readCarbonKeys(_ r: NodeReader, frame: CarbonTimeFrame) -> CarbonKeys? {
    guard r.isMapping else { _ = r.mappingEntries(); return nil }
    var k = CarbonKeys(node: r)
    let presetNames = GridIntensityPresets.all.map(\.name)
    let grid = r.enumValue("grid", allowed: presetNames)
    let location = r.double("location_g_per_kwh", range: gridIntensityRange)
    k.market = r.double("market_g_per_kwh", range: gridIntensityRange)
    let csv = r.filePath("intensity_csv")
    k.intensityGiven = ["grid", "location_g_per_kwh", "intensity_csv"].contains { r.has($0) }
    if grid != nil && location != nil {
        r.child("location_g_per_kwh")?.issue("give grid or location_g_per_kwh, not both (grid is a bundled location-based intensity)")
    }
    if csv != nil && (grid != nil || location != nil) {
        r.child("intensity_csv")?.issue("give intensity_csv (hourly) or a constant intensity (grid, location_g_per_kwh), not both")
    }
    k.location = location ?? grid.flatMap { GridIntensityPresets.named($0)?.gPerKWh }
    if let csv, let node = r.child("intensity_csv") { k.hourly = readIntensityFile(csv, node: node, frame: frame) }
    if let items = r.sequence("devices") {
        k.devices = items.compactMap(decodeEmbodiedDevice)
    }
    r.finish()
    return k
}

/// An hourly intensity file aligned to the scenario start: nil with an issue when it cannot be
/// read or does not cover the run.
private func readIntensityFile(
    _ path: String, node: NodeReader, frame: CarbonTimeFrame
) -> (values: [GridIntensity], firstHourFromStart: Double)? {
    let file: RegularSeriesFile
    do {
        file = try RegularSeriesFile.read(
            path: path, columns: carbonIntensityColumns, stepS: 3600, range: gridIntensityRange, timeZone: frame.timeZone)
    } catch {
        node.issue("\(error)")
        return nil
    }
    guard let startUs = frame.startUs else { return nil }
    let first = Double(file.firstUs - startUs) / 3.6e9
    let hours = (frame.durationS ?? 0) / 3600
    if first > 0 || first + Double(file.rows.count) < hours {
        node.issue(
            "\(path): the hourly intensities cover hours \(ParameterValue.number(first)) to "
                + "\(ParameterValue.number(first + Double(file.rows.count))) from the scenario start; expected at least hours 0 to "
                + "\(ParameterValue.number(hours)) (the run)")
        return nil
    }
    return (file.rows.map { GridIntensity(locationGPerKWh: $0[0], marketGPerKWh: $0[1]) }, first)
}

/// A storage or network device `{name, count, embodied_kgco2e, life_years}`.
private func decodeEmbodiedDevice(_ r: NodeReader) -> EmbodiedDevice? {
    guard r.isMapping else { _ = r.mappingEntries(); return nil }
    let name = r.string("name", or: "device")
    let count = r.int("count", range: 0...1_000_000, or: 1)
    let kg = r.required("embodied_kgco2e", expected: "kgCO2e of one device ≥ 0")?.double(range: 0...1e9)
    let life = r.double("life_years", range: 0.1...100, or: 4)
    r.finish()
    guard let kg else { return nil }
    return EmbodiedDevice(name: name, count: count, embodiedKgCO2e: kg, lifeYears: life)
}
