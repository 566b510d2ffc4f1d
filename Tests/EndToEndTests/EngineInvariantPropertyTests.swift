import Testing
import Foundation
import Engine
import Policies
@testable import VirtsimCore

/// Invariants of the event engine over many generated scenarios (issue 16, item 5).
///
/// Each seed gives a small scenario (`PropertyScenario`) written as YAML and decoded as a user's
/// file would be; every arm runs with an observer (`ArmSimulation.observer`) that hands the test
/// the state after the set-up, after every event and at the end. From that log alone the test
/// checks:
/// - reservations: on every host at every event, Σ CPU (vCPUs × MIPS) and Σ RAM (configured RAM
///   + the hypervisor's per-VM overhead) of the VMs placed there — a VM in flight on both its
///   source and its target, a VM with a planned move also on its target — are ≤ the host's
///   capacity as the YAML gives it: cores × MIPS per core (× f_min/f_0 under the powersave
///   governor, which never leaves its lowest P-state) × `cpu_overcommit`, and RAM ×
///   `memory.overcommit` (1 without memory reclamation); and they equal what the placement
///   index holds as reserved;
/// - power: every host holding a VM is powered; a host's power until the next event is its
///   off power when off, its boot power while booting and, when on (arms without DVFS), its
///   power curve at min(1, Σ VM demand × (1 + hypervisor CPU overhead) / capacity);
/// - energy: Σ over events of each host's power × the time to the next event, plus the energy
///   of finished live migrations, equals the arm's IT energy to 1e-9 (relative); the mean
///   number of powered hosts, each host's hours on and (without DVFS) mean CPU utilization,
///   and each sampling interval's mean IT power in `timeseries.csv` likewise;
/// - VMs: after the last event of each instant, every VM of a group is exactly one of: not
///   yet arrived, placed (on a host that is on, or booting: waiting), in the cloud, down (its
///   host failed; waiting for its restart), unplaced
///   (found no host when its group arrived, and never placed afterwards), or departed;
/// - migrations: every move that starts finishes (its VM on the target, the source let go),
///   is aborted by its VM's departure, or is still in flight when the horizon cuts the run;
///   over NICs of 0 Gb/s a move finishes at the instant it starts;
/// - counts: `vms`, `vmsUnplaced`, `migrations`, `hostBoots`, `hostShutdowns`, `hostsUsedMax`
///   and `vmsConcurrentMax` of the arm's result equal the counts from the log;
/// - observing changes nothing: the same arm without an observer gives the same figures.
///
/// `swift test` runs `VIRTSIM_PROPERTY_COUNT` scenarios (default 40) from seed
/// `VIRTSIM_PROPERTY_SEED` (default 1); `make properties` runs 1,000 in a release build.
@Suite("Engine invariants over generated scenarios")
struct EngineInvariantPropertyTests {
    static let environment = ProcessInfo.processInfo.environment
    static let count = environment["VIRTSIM_PROPERTY_COUNT"].flatMap(Int.init) ?? 40
    static let firstSeed = environment["VIRTSIM_PROPERTY_SEED"].flatMap(UInt64.init) ?? 1

    /// What the runs of many seeds add up to (the summary line).
    struct Tally {
        var arms = 0, events = 0, migrations = 0, unplaced = 0, boots = 0, cutMoves = 0, hostFailures = 0, vmRestarts = 0
        var features: [String: Int] = [:]
    }

    /// Runs every arm of seed's scenario under the checks; the problems found (empty: all hold).
    static func check(seed: UInt64, in dir: String, tally: inout Tally) -> [String] {
        let g = PropertyScenario(seed: seed)
        let path = dir + "/prop-\(seed).yaml"
        write(g.yaml, to: path)
        var problems: [String] = []
        do {
            let (_, model) = try loadScenario(path: path, overrides: [])
            for (ai, arm) in model.arms.enumerated() {
                let check = ArmInvariantCheck(scenario: g, arm: g.arms[ai])
                var sim = ArmSimulation(arm: arm, groups: model.groups, settings: model.settings, services: model.services, seed: model.seed)
                sim.observer = { check.observe($0) }
                let r = sim.run()
                check.finish(r)
                let plain = runArm(arm, groups: model.groups, settings: model.settings, seed: model.seed, services: model.services)
                if plain.itEnergyKWh != r.itEnergyKWh || plain.events != r.events || plain.migrations != r.migrations {
                    check.fail("observing changed the run: energy \(plain.itEnergyKWh) vs \(r.itEnergyKWh) kWh, events \(plain.events) vs \(r.events)")
                }
                problems += check.problems.prefix(8).map { "arm \(arm.name): \($0)" }
                tally.arms += 1; tally.events += r.events; tally.migrations += r.migrations
                tally.unplaced += r.vmsUnplaced; tally.boots += r.hostBoots
                tally.cutMoves += check.migratingFrom.filter { $0 >= 0 }.count
                for f in g.arms[ai].features { tally.features[String(f.prefix { $0 != ":" }), default: 0] += 1 }
                if !g.services.isEmpty { tally.features["services", default: 0] += 1 }
                if g.arms[ai].failures != nil { tally.features["failures", default: 0] += 1 }
                tally.hostFailures += r.failures?.hostFailures ?? 0; tally.vmRestarts += r.failures?.vmRestarts ?? 0
            }
        } catch {
            problems.append("does not decode: \(error)")
        }
        if !problems.isEmpty {
            let message =
                "seed \(seed) fails (reproduce: VIRTSIM_PROPERTY_SEED=\(seed) VIRTSIM_PROPERTY_COUNT=1):\n  "
                + problems.joined(separator: "\n  ") + "\n--- scenario (\(path)) ---\n" + g.yaml
            Issue.record(Comment(rawValue: message))
        }
        return problems
    }

    @Test("reservations ≤ capacity, energy = Σ power × time, every VM accounted for, migrations end, counts match the log")
    func invariants() throws {
        let dir = makeTempDir("virtsim-props")
        var failed: [UInt64] = []
        var t = Tally()
        let t0 = Date()
        for i in 0..<Self.count {
            let seed = Self.firstSeed + UInt64(i)
            if !Self.check(seed: seed, in: dir, tally: &t).isEmpty { failed.append(seed) }
        }
        let last = Self.firstSeed + UInt64(max(Self.count, 1) - 1)
        let verdict = failed.isEmpty ? "all invariants hold" : "FAILING seeds: " + failed.map { String($0) }.joined(separator: " ")
        let seconds = String(format: "%.1f", Date().timeIntervalSince(t0))
        print(
            "property suite: \(Self.count) scenarios (seeds \(Self.firstSeed)…\(last)), \(t.arms) arms, \(t.events) events, "
                + "\(t.migrations) migrations (\(t.cutMoves) in flight at the horizon), \(t.unplaced) VMs unplaced, \(t.boots) host boots, "
                + "\(t.hostFailures) host failures (\(t.vmRestarts) VM restarts), \(seconds) s; \(verdict)\n  arms with: "
                + t.features.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
    }

    /// Seeds that failed once, each with the bug it found (fixed in the engine).
    /// - 529: a service step drained a replica off its host, switching the host off, and placed
    ///   a new replica there, booting it again at the same instant (180 s at boot power, a boot
    ///   and a shutdown the log never saw); the host now stays on through the step.
    @Test("regressions: seeds that once failed", arguments: [529 as UInt64])
    func regression(seed: UInt64) {
        var t = Tally()
        #expect(Self.check(seed: seed, in: makeTempDir("virtsim-props"), tally: &t).isEmpty)
    }

    @Test("same seed → byte-identical sweep CSV files at --jobs 1, 2 and 3")
    func sameOutputAtAnyJobs() throws {
        let n = max(2, Self.count / 100)
        for i in 0..<n {
            let seed = Self.firstSeed + UInt64(i)
            let dir = makeTempDir("virtsim-props-jobs")
            write(PropertyScenario(seed: seed).yaml, to: dir + "/scenario.yaml")
            write("scenario: scenario.yaml\nseed: \(seed)\nreplications: 3\n", to: dir + "/sweep.yaml")
            var outputs: [[String: [String]]] = []
            for jobs in [1, 2, 3] {
                let out = dir + "/j\(jobs)"
                let o = try runSweep(SweepOptions(sweepPath: dir + "/sweep.yaml", outDir: out, jobs: jobs, progress: .none, environment: [:]))
                #expect(o.failed == 0, "seed \(seed): \(o.failed) failed runs at --jobs \(jobs)")
                var files: [String: [String]] = [:]
                for f in try FileManager.default.subpathsOfDirectory(atPath: out) where f.hasSuffix(".csv") {
                    files[f] = withoutWallColumns(read(out + "/" + f) ?? "")
                }
                outputs.append(files)
            }
            #expect(!outputs[0].isEmpty)
            for k in 1..<outputs.count {
                for (f, lines) in outputs[0] {
                    #expect(outputs[k][f] == lines, "seed \(seed): \(f) differs between --jobs 1 and --jobs \(k + 1)")
                }
                #expect(Set(outputs[k].keys) == Set(outputs[0].keys))
            }
        }
    }
}

/// The checks of one arm's run, fed by its observer (`EngineInvariantPropertyTests`).
final class ArmInvariantCheck {
    let scenario: PropertyScenario
    let arm: PropertyScenario.Arm
    let groupVMs: Int
    /// Per VM: its group (nil for a service replica).
    let vmGroup: [Int?]
    /// Per host: its type, CPU capacity (milli-MIPS, × overcommit) and RAM (MiB, × overcommit).
    let hostType: [Int]
    let cpuCapMilli: [Int64], ramCapMiB: [Int64]
    let endUs: Int64
    var problems: [String] = []

    var last: ArmObservation? = nil
    var energyJ = 0.0, poweredS = 0.0
    /// Per host: seconds on, and ∫ CPU utilization over them (arms without DVFS), s.
    var hostOnS: [Double] = [], hostUtilS: [Double] = []
    /// Per host, the CPU demand (with overhead) at the last observation, MIPS.
    var hostDemand: [Double] = []
    /// Energy from 0 to the start of each instant observed (before its events), J.
    var energyAtUs: [Int64: Double] = [0: 0]
    var migrationEnergyJ = 0.0
    var unplaced = Set<Int>()
    /// Hosts that went from up to failed (`failures:`).
    var failures = 0
    var migratingFrom: [Int32] = []
    var moveStartUs: [Int64] = []
    var starts = 0, finishes = 0, aborts = 0
    var boots = 0, shutdowns = 0
    var hostsUsedMax = 0, vmsLiveMax = 0
    var arrivedGroups = Set<Int>()

    init(scenario: PropertyScenario, arm: PropertyScenario.Arm) {
        self.scenario = scenario
        self.arm = arm
        var vg: [Int?] = []
        for (gi, g) in scenario.groups.enumerated() { vg += Array(repeating: gi, count: g.count) }
        groupVMs = vg.count
        vmGroup = vg
        hostType = arm.hostGroups.flatMap { Array(repeating: $0.type, count: $0.count) }
        let memOver = arm.memOvercommit ?? 1
        cpuCapMilli = hostType.map { t in
            let ht = scenario.hostTypes[t]
            let fraction = arm.dvfsGovernor == "powersave" ? ht.pstatesMHz.last! / ht.pstatesMHz[0] : 1
            return Int64((Double(ht.cores) * ht.coreMips * fraction * 1000 * arm.cpuOvercommit).rounded(.down))
        }
        ramCapMiB = hostType.map { Int64((Double(scenario.hostTypes[$0].ramGiB * 1024) * memOver).rounded(.down)) }
        endUs = Int64(scenario.durationS) * 1_000_000
    }

    func fail(_ s: String) { problems.append(s) }

    /// Whether group g's VMs are present after every event at `us`.
    func alive(_ g: Int, atUs us: Int64) -> Bool {
        let grp = scenario.groups[g]
        let a = Int64(grp.arrivalS) * 1_000_000
        return a <= us && a <= endUs && grp.departureS.map { us < Int64($0) * 1_000_000 } ?? true
    }

    func observe(_ o: ArmObservation) {
        guard problems.count < 8 else { return }
        let hosts = o.hostPowerW.count
        if let p = last {
            if o.timeUs < p.timeUs { fail("time went back: \(p.timeUs) → \(o.timeUs) µs") }
            let dt = Double(o.timeUs - p.timeUs) / 1e6
            for h in 0..<hosts { energyJ += p.hostPowerW[h] * dt }
            poweredS += Double(p.hostState.filter { $0 != 0 }.count) * dt
            for h in 0..<hosts where p.hostState[h] == 2 {
                hostOnS[h] += dt
                let t = scenario.hostTypes[hostType[h]]
                hostUtilS[h] += min(1, hostDemand[h] / (Double(t.cores) * t.coreMips)) * dt
            }
            if o.timeUs > p.timeUs { energyAtUs[o.timeUs] = energyJ + p.migrationEnergyJ }
            // the previous instant is over: its VM states are final
            if o.timeUs > p.timeUs { checkVMs(p) }
            for h in 0..<hosts {
                let fails = !o.hostFailed.isEmpty && o.hostFailed[h] && !p.hostFailed[h]
                if fails { failures += 1 }
                if p.hostState[h] == 0 && o.hostState[h] == 1 { boots += 1 }
                if p.hostState[h] != 0 && o.hostState[h] == 0 && !fails { shutdowns += 1 }  // a failure is not a shutdown
            }
        } else {
            if hosts != hostType.count { fail("\(hosts) hosts, the YAML has \(hostType.count)") }
            if o.vmRequest.count < groupVMs { fail("\(o.vmRequest.count) VMs, the groups have \(groupVMs)") }
            for v in 0..<min(groupVMs, o.vmRequest.count) {
                let g = scenario.groups[vmGroup[v]!]
                let cpu = Int64((Double(g.vcpus) * g.mipsPerVcpu * 1000).rounded()), ram = Int64(g.ramMiB + arm.memOverheadMiB)
                if o.vmRequest[v].cpu != cpu || o.vmRequest[v].ramMiB != ram {
                    fail("VM \(v) reserves \(o.vmRequest[v].cpu) milli-MIPS and \(o.vmRequest[v].ramMiB) MiB; the YAML gives \(cpu) and \(ram)")
                }
            }
            migratingFrom = Array(repeating: -1, count: o.vmHost.count)
            hostOnS = Array(repeating: 0, count: hosts)
            hostUtilS = hostOnS
            moveStartUs = Array(repeating: 0, count: o.vmHost.count)
        }
        checkReservationsAndPower(o)
        trackMigrations(o)
        migrationEnergyJ = o.migrationEnergyJ
        last = o
    }

    func checkReservationsAndPower(_ o: ArmObservation) {
        let hosts = o.hostPowerW.count
        var cpu = [Int64](repeating: 0, count: hosts), ram = [Int64](repeating: 0, count: hosts)
        var demand = [Double](repeating: 0, count: hosts), holdsVM = [Bool](repeating: false, count: hosts)
        var live = 0
        for v in 0..<o.vmHost.count {
            let r = o.vmRequest[v]
            var holders: [Int] = []
            if o.vmHost[v] >= 0 { holders.append(Int(o.vmHost[v])); live += 1 } else if !o.vmCloudHost.isEmpty && o.vmCloudHost[v] >= 0 { live += 1 }
            if !o.vmMigratingFrom.isEmpty && o.vmMigratingFrom[v] >= 0 { holders.append(Int(o.vmMigratingFrom[v])) }
            for h in holders {
                demand[h] += o.vmDemandMIPS[v] * (1 + arm.cpuOverhead)
                holdsVM[h] = true
            }
            if !o.vmPlannedTarget.isEmpty && o.vmPlannedTarget[v] >= 0 { holders.append(Int(o.vmPlannedTarget[v])) }
            for h in holders { cpu[h] += r.cpu; ram[h] += r.ramMiB }
        }
        vmsLiveMax = max(vmsLiveMax, live)
        hostDemand = demand
        hostsUsedMax = max(hostsUsedMax, (0..<hosts).filter { cpu[$0] > 0 || ram[$0] > 0 }.count)
        for h in 0..<hosts {
            let at = "t=\(o.timeUs) µs host \(h)"
            if cpu[h] > cpuCapMilli[h] { fail("\(at): CPU reserved \(cpu[h]) > capacity \(cpuCapMilli[h]) milli-MIPS") }
            if ram[h] > ramCapMiB[h] { fail("\(at): RAM reserved \(ram[h]) > capacity \(ramCapMiB[h]) MiB") }
            let failed = !o.hostFailed.isEmpty && o.hostFailed[h]
            if failed {
                // a failed host is off, holds no VM, and its whole capacity is blocked for placement
                if o.hostState[h] != 0 || holdsVM[h] || cpu[h] > 0 || ram[h] > 0 { fail("\(at): failed, yet state \(o.hostState[h]) or holding VMs") }
                if o.cpuFree[h] > 0 && o.ramFree[h] > 0 { fail("\(at): failed, yet the placement index offers \(o.cpuFree[h]) milli-MIPS") }
            } else if o.cpuTotal[h] - o.cpuFree[h] != cpu[h] || o.ramTotal[h] - o.ramFree[h] != ram[h] {
                fail(
                    "\(at): the placement index holds \(o.cpuTotal[h] - o.cpuFree[h]) milli-MIPS / \(o.ramTotal[h] - o.ramFree[h]) MiB, "
                        + "its VMs reserve \(cpu[h]) / \(ram[h])")
            }
            if holdsVM[h] && o.hostState[h] == 0 { fail("\(at): holds VMs but is off") }
            let t = scenario.hostTypes[hostType[h]]
            let want: Double?
            switch o.hostState[h] {
            case 0: want = t.offW
            case 1: want = t.bootPowerW
            default:
                let cap = Double(t.cores) * t.coreMips
                want = arm.dvfsGovernor == nil ? t.powerW(min(1, demand[h] / cap)) : nil
            }
            if let w = want, abs(o.hostPowerW[h] - w) > 1e-9 * max(1, w) {
                fail("\(at) (state \(o.hostState[h])): power \(o.hostPowerW[h]) W, its model gives \(w) W at demand \(demand[h]) MIPS")
            }
        }
    }

    func trackMigrations(_ o: ArmObservation) {
        guard !o.vmMigratingFrom.isEmpty else { return }
        for v in 0..<o.vmHost.count {
            let was = migratingFrom[v], now = o.vmMigratingFrom[v]
            guard was != now else { continue }
            if was >= 0 {
                // the move from `was` ended: finished (VM on its target) or aborted (VM gone)
                if o.vmHost[v] >= 0 && o.vmHost[v] != was {
                    finishes += 1
                } else if o.vmHost[v] < 0 {
                    aborts += 1
                } else {
                    fail("t=\(o.timeUs) µs VM \(v): its move from host \(was) ended with the VM back on it")
                }
                let s = Int(was), t = Int(last?.vmHost[v] ?? -1)
                if t >= 0 && scenario.hostTypes[hostType[s]].nicGbps == 0 && scenario.hostTypes[hostType[t]].nicGbps == 0
                    && o.timeUs != moveStartUs[v]
                {
                    fail("VM \(v): a move over 0 Gb/s NICs took \(o.timeUs - moveStartUs[v]) µs")
                }
            }
            if now >= 0 {
                starts += 1
                moveStartUs[v] = o.timeUs
                if o.vmHost[v] < 0 || o.vmHost[v] == now { fail("t=\(o.timeUs) µs VM \(v): in flight from host \(now) to host \(o.vmHost[v])") }
            }
            migratingFrom[v] = now
        }
    }

    /// VM states after the last event of `o`'s instant.
    func checkVMs(_ o: ArmObservation) {
        for v in 0..<groupVMs {
            let g = vmGroup[v]!
            let onPrem = o.vmHost[v] >= 0, inCloud = !o.vmCloudHost.isEmpty && o.vmCloudHost[v] >= 0
            let at = "t=\(o.timeUs) µs VM \(v) (group \(scenario.groups[g].name))"
            if onPrem && inCloud { fail("\(at): both on premises and in the cloud") }
            let placed = onPrem || inCloud
            if alive(g, atUs: o.timeUs) {
                if !arrivedGroups.contains(g) {
                    // the group's arrival instant is over: who found no host is unplaced for good
                    arrivedGroups.insert(g)
                    for w in v..<groupVMs where vmGroup[w] == g && o.vmHost[w] < 0 && (o.vmCloudHost.isEmpty || o.vmCloudHost[w] < 0) {
                        unplaced.insert(w)
                    }
                }
                if placed && unplaced.contains(v) { fail("\(at): unplaced at its arrival, placed later") }
                let down = !o.vmDownSinceUs.isEmpty && o.vmDownSinceUs[v] != nil
                if !placed && !unplaced.contains(v) && !down { fail("\(at): was placed, now is nowhere before its departure (and not down)") }
            } else if placed {
                let grp = scenario.groups[g]
                fail("\(at): placed outside its group's life (arrival \(grp.arrivalS) s, departure \(grp.departureS.map(String.init) ?? "none"))")
            }
        }
    }

    func finish(_ r: ArmResult) {
        guard let o = last else { fail("no observation"); return }
        checkVMs(o)
        if o.timeUs != endUs { fail("the last observation is at \(o.timeUs) µs, the horizon at \(endUs) µs") }
        let engineJ = r.itEnergyKWh * 3_600_000, loggedJ = energyJ + migrationEnergyJ
        if abs(engineJ - loggedJ) > 1e-9 * max(1, abs(engineJ)) {
            fail("IT energy \(engineJ) J, the per-event power log integrates to \(loggedJ) J (rel. \(abs(engineJ - loggedJ) / max(1, engineJ)))")
        }
        let hostsOn = poweredS / Double(scenario.durationS)
        if abs(r.hostsOnMean - hostsOn) > 1e-9 * max(1, hostsOn) { fail("hosts on (mean) \(r.hostsOnMean), the log gives \(hostsOn)") }
        for (h, row) in r.hosts.enumerated() where h < hostOnS.count {
            if abs(row.hoursOn * 3600 - hostOnS[h]) > 1e-9 * max(1, hostOnS[h]) { fail("host \(h): on \(row.hoursOn * 3600) s, the log \(hostOnS[h]) s") }
            let util = hostOnS[h] > 0 ? 100 * hostUtilS[h] / hostOnS[h] : 0
            if arm.dvfsGovernor == nil && abs(row.cpuUtilMeanPct - util) > 1e-9 * max(1, util) {
                fail("host \(h): mean CPU utilization \(row.cpuUtilMeanPct)%, the log \(util)%")
            }
        }
        // each sampling interval's mean power = the log's energy over it / its length
        var previous: (us: Int64, j: Double) = (0, 0)
        for row in r.timeseries {
            let us = Int64((row.timeS * 1e6).rounded())
            guard let j = energyAtUs[us] else { fail("a sample at \(row.timeS) s, where the log has no event"); break }
            let span = Double(us - previous.us) / 1e6, want = span > 0 ? (j - previous.j) / span : 0
            if abs(row.itPowerW - want) > 1e-9 * max(1, abs(want), loggedJ / Double(scenario.durationS)) {
                fail("timeseries at \(row.timeS) s: IT power \(row.itPowerW) W, the log \(want) W")
            }
            previous = (us, j)
        }
        if previous.us != endUs { fail("the last sample is at \(previous.us) µs, not at the horizon") }
        let vms = scenario.groups.filter { $0.arrivalS <= scenario.durationS }.reduce(0) { $0 + $1.count }
        let inFlight = migratingFrom.filter { $0 >= 0 }.count
        let counts: [(String, Int, Int)] = [
            ("vms", r.vms, vms), ("vmsUnplaced", r.vmsUnplaced, unplaced.count), ("migrations", r.migrations, starts),
            ("moves started − finished − aborted − in flight at the end", 0, starts - finishes - aborts - inFlight),
            ("hostBoots", r.hostBoots, boots), ("hostShutdowns", r.hostShutdowns, shutdowns),
            ("hostFailures", r.failures?.hostFailures ?? 0, failures),
            ("hostsUsedMax", r.hostsUsedMax, hostsUsedMax), ("vmsConcurrentMax", r.vmsConcurrentMax, vmsLiveMax)
        ]
        for (name, engine, logged) in counts where engine != logged { fail("\(name): the result says \(engine), the log \(logged)") }
    }
}
