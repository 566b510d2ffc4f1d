import SimKernel
import DatacenterModel
import Policies

/// Dynamic voltage and frequency scaling in `ArmSimulation` (`arm.dvfs`: a cpufreq governor
/// over each host type's P-state table, `PStateTable`; the rules of each governor are on its
/// type in `Policies/PowerManagement`).
///
/// Semantics:
/// - **P-state.** Every powered-on host has a governor state (`GovernorState`: its P-state and,
///   for `conservative`, the frequency last requested). A host that is switched on (at t = 0,
///   after booting, or woken by DPM) starts in the governor's initial state (P-state 0, or the
///   lowest for `powersave`); booting and off hosts have no P-state (boot and off power as
///   without DVFS) and start afresh at the next power-on.
/// - **Capacity for SLA, utilization and power** is the current P-state's: capacity_k =
///   cores × core_mips × f_k / f_0. Utilization = demand / capacity_k (capped at 1), demand above
///   capacity_k is unmet (`cpu_demand_unmet_pct`, SLATAH), and power is the P-state's curve at
///   that utilization (`PStateTable.powerW`). Energy is integrated exactly at every change, P-state
///   changes included.
/// - **Placement and DPM see the capacity of the highest P-state the governor may choose**
///   (`DVFSGovernor.highestPState`: P-state 0 for performance, ondemand and conservative, the
///   lowest for powersave), with that P-state's power curve for power-aware placement — as
///   cpufreq's `scaling_max_freq` bounds what a governor may pick, so the capacity a host can
///   reach is what VMs are reserved against. CPU overcommit applies on top.
/// - **Sampling.** The governor samples a host's load at instants of a global grid, multiples of
///   `interval` from t = 0 (cpufreq samples every `sampling_rate`; its CPUs "do sampling nearly on
///   same jiffy"), after every other event of that instant. Load = demand / capacity_k, capped at
///   1, at the sampling instant (ASSUMPTION: the kernel averages busy time over the past period;
///   the two differ only in a period in which the demand changed, i.e. for ≤ one `interval` per
///   change). A host is sampled at the first grid instant strictly after a change of its demand,
///   power state or P-state, and again after each sample that changed its governor state, until
///   a sample leaves the state unchanged: since decisions are pure functions of (state, load),
///   later samples at the same load would change nothing, so skipping them is exact. Each
///   pending grid instant is one event for all hosts. `performance` and `powersave` never sample.
///   So a demand change is served at the old P-state for up to one `interval` (10 ms by default),
///   which counts as unmet demand if it exceeds the old capacity.
/// - **Outputs.** `cpuFreqMeanPct`: the time-weighted mean of f_k / f_0 over hosts that were on,
///   percent (100 without DVFS).
/// - A host type without P-states in a DVFS arm (the scenario decoder rejects this; for API users)
///   behaves as a single P-state at its nominal capacity and power.
extension ArmSimulation {
    /// Grid events run after the instant's departures, boots, arrivals, workload steps and DPM.
    static let pDVFS: Int16 = 6

    /// The capacity placement reserves against for a host of type `t`, MIPS: the nominal
    /// capacity, or with DVFS the capacity of the highest P-state the governor may choose.
    static func placementCapacityMips(_ t: HostType, _ dvfs: DVFSSettings?) -> Double {
        guard let d = dvfs, let table = t.pstates else { return t.cpuCapacityMips }
        return t.cpuCapacityMips * table.capacityFractions[d.governor.highestPState(table.frequenciesMHz)]
    }

    /// The power curve placement sees for a host of type `t` (power-aware placement): the host
    /// type's, or with DVFS that of the highest P-state the governor may choose.
    static func placementPowerModel(_ t: HostType, _ dvfs: DVFSSettings?) -> any PowerModel {
        guard let d = dvfs, let table = t.pstates else { return t.power }
        return PStatePowerModel(table: table, pstate: d.governor.highestPState(table.frequenciesMHz), base: t.power)
    }

    /// Sets up the per-host DVFS state (called once, at the end of `init`).
    mutating func setUpDVFS() {
        hCapNow = hCapacity
        guard let d = arm.dvfs else { return }
        precondition(d.check() == nil, d.check() ?? "")
        dvfs = DVFSState(settings: d, types: arm.hostTypes, hosts: hState.count)
    }

    // MARK: hooks

    /// The power of host `h` in its current power state, keeping its P-state in step: a host
    /// that has just been switched on gets the governor's initial state, one that has left the
    /// on state loses its P-state. Marks a load-following host for sampling. Called by
    /// `refreshPower` (after every change of the host's demand or power state).
    mutating func dvfsPowerW(_ h: Int) -> Double {
        let ti = Int(hType[h])
        let t = arm.hostTypes[ti]
        guard hState[h] == Self.on else {
            if dvfs!.active[h] {
                accrueFrequency(h)
                dvfs!.active[h] = false
                dvfs!.freqFraction[h] = 0
            }
            return hState[h] == Self.booting ? t.bootPowerW : t.offW
        }
        if !dvfs!.active[h] {
            dvfs!.active[h] = true
            setGovernorState(h, dvfs!.settings.governor.initialState(dvfs!.typeFreqs[ti]))
        }
        if dvfs!.followsLoad { markForSampling(h) }
        let d = hDemand[h], c = hCapNow[h]
        let u = d < c ? d / c : 1
        guard let table = t.pstates else { return t.power.powerW(utilization: u) }
        return table.powerW(pstate: Int(dvfs!.pstate[h]), utilization: u, base: t.power)
    }

    /// One instant of the sampling grid: samples every host marked before now.
    mutating func dvfsTick() {
        dvfs!.tickPending = false
        let now = loop.now.microseconds
        let batch = dvfs!.marked
        dvfs!.marked.removeAll(keepingCapacity: true)
        let governor = dvfs!.settings.governor
        for h32 in batch {
            let h = Int(h32)
            if dvfs!.markedAtUs[h] >= now {
                // Changed at this very instant: sampled at the next grid instant.
                dvfs!.marked.append(h32)
                continue
            }
            dvfs!.isMarked[h] = false
            guard hState[h] == Self.on, dvfs!.active[h] else { continue }
            dvfs!.samples += 1
            let c = hCapNow[h], d = hDemand[h]
            let load = c > 0 ? (d > 0 ? (d < c ? d / c : 1) : 0) : 1
            let ti = Int(hType[h])
            let old = GovernorState(pstate: Int(dvfs!.pstate[h]), requestedMHz: dvfs!.requestedMHz[h])
            let new = governor.next(old, load: load, frequenciesMHz: dvfs!.typeFreqs[ti])
            if new != old {
                touch(h)
                setGovernorState(h, new)
                refreshPower(h)
                markForSampling(h)
            }
        }
        if !dvfs!.marked.isEmpty { scheduleTick() }
    }

    // MARK: bookkeeping

    /// Moves host `h` to governor state `s` now: capacity, P-state count, frequency time.
    /// The caller has integrated the host up to now (`touch`) and refreshes its power.
    mutating func setGovernorState(_ h: Int, _ s: GovernorState) {
        let ti = Int(hType[h])
        let fractions = dvfs!.typeFractions[ti]
        let k = min(max(s.pstate, 0), fractions.count - 1)
        if Int(dvfs!.pstate[h]) != k && dvfs!.freqFraction[h] > 0 { dvfs!.pstateChanges += 1 }
        accrueFrequency(h)
        dvfs!.pstate[h] = Int32(k)
        dvfs!.requestedMHz[h] = s.requestedMHz
        dvfs!.freqFraction[h] = fractions[k]
        hCapNow[h] = arm.hostTypes[ti].cpuCapacityMips * fractions[k]
    }

    /// Adds the frequency × time of host `h` since its last change (while on).
    @inline(__always) mutating func accrueFrequency(_ h: Int) {
        let now = loop.now.microseconds
        let dt = now - dvfs!.freqSinceUs[h]
        if dt > 0 { dvfs!.freqS[h] += dvfs!.freqFraction[h] * Double(dt) / 1_000_000 }
        dvfs!.freqSinceUs[h] = now
    }

    /// Queues host `h` for the first grid instant after now.
    mutating func markForSampling(_ h: Int) {
        dvfs!.markedAtUs[h] = loop.now.microseconds
        if !dvfs!.isMarked[h] {
            dvfs!.isMarked[h] = true
            dvfs!.marked.append(Int32(h))
        }
        scheduleTick()
    }

    /// Schedules the grid instant after now, unless one is pending (none beyond the end of the run).
    mutating func scheduleTick() {
        guard !dvfs!.tickPending else { return }
        let step = dvfs!.settings.interval.microseconds
        let next = (loop.now.microseconds / step + 1) * step
        guard next <= end.microseconds else { return }
        loop.schedule(.dvfsTick, at: SimTime(microseconds: next), priority: Self.pDVFS)
        dvfs!.tickPending = true
    }

    /// Time-weighted mean frequency of powered-on hosts relative to P-state 0, percent, given
    /// the run's total host-on seconds; 100 without DVFS or without on-time.
    func dvfsFreqMeanPct(onS: Double) -> Double {
        guard let s = dvfs, onS > 0 else { return 100 }
        let now = loop.now.microseconds
        var total = 0.0
        for h in 0..<s.freqS.count {
            total += s.freqS[h] + s.freqFraction[h] * Double(now - s.freqSinceUs[h]) / 1_000_000
        }
        return 100 * total / onS
    }
}

/// The DVFS state of one arm's run (`ArmSimulation.dvfs`), hosts as structure of arrays.
struct DVFSState {
    let settings: DVFSSettings
    /// Whether the governor samples the load (`DVFSGovernor.followsLoad`).
    let followsLoad: Bool
    /// P-state frequencies of each host type of the arm (a single nominal step without a table).
    let typeFreqs: [[Double]]
    /// f_k / f_0 of each host type's P-states.
    let typeFractions: [[Double]]

    /// Whether each host has a P-state (it is on and its governor has started).
    var active: [Bool]
    var pstate: [Int32]
    var requestedMHz: [Double]
    /// f_k / f_0 while on, 0 otherwise; integrated over time in `freqS` (s).
    var freqFraction: [Double]
    var freqSinceUs: [Int64]
    var freqS: [Double]
    /// Hosts waiting for a sample, with the instant of their last change.
    var marked: [Int32] = []
    var isMarked: [Bool]
    var markedAtUs: [Int64]
    var tickPending = false
    /// Host samples taken and P-state changes made (diagnostics, tests).
    var samples = 0
    var pstateChanges = 0

    init(settings: DVFSSettings, types: [HostType], hosts n: Int) {
        self.settings = settings
        followsLoad = settings.governor.followsLoad
        typeFreqs = types.map { $0.pstates?.frequenciesMHz ?? [1] }
        typeFractions = types.map { $0.pstates?.capacityFractions ?? [1] }
        active = Array(repeating: false, count: n)
        pstate = Array(repeating: 0, count: n)
        requestedMHz = Array(repeating: 0, count: n)
        freqFraction = Array(repeating: 0, count: n)
        freqSinceUs = Array(repeating: 0, count: n)
        freqS = Array(repeating: 0, count: n)
        isMarked = Array(repeating: false, count: n)
        markedAtUs = Array(repeating: 0, count: n)
    }
}
