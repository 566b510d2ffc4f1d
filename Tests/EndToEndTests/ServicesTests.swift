import Foundation
import Testing
import DatacenterModel
import Workloads
import Engine
import Scenario
import VirtsimCore

/// Event-driven services end to end: the queue against queueing theory, and scale to zero
/// coupled with host power-off, hand-computed from the scenario's own request stream.
@Suite("Services: KEDA-style autoscaling in the engine")
struct ServicesTests {
    /// Erlang C: mean time in system of an M/M/c queue, s.
    static func erlangCMeanLatency(lambda: Double, meanService: Double, servers c: Int) -> Double {
        let a = lambda * meanService, rho = a / Double(c)
        var sum = 0.0, term = 1.0
        for k in 0..<c { if k > 0 { term *= a / Double(k) }; sum += term }
        let last = term * a / Double(c) / (1 - rho)  // a^c / (c! (1 − ρ))
        let pWait = last / (sum + last)
        return pWait / (Double(c) / meanService - lambda) + meanService
    }

    @Test("M/M/3 at ρ = 0.8 over 10^6 s: mean latency within 5% of Erlang C (2.079 s), utilization within 1% of 0.8")
    func erlangC() throws {
        let lambda = 2.4, c = 3
        let arrivals = try RequestArrivals(ratePerS: lambda, serviceMeanS: 1, seed: 11, service: 0)
        var q = RequestQueue(slotsPerReplica: 1, maxReplicas: c)
        for r in 0..<c { q.start(replica: r, readyAtS: 0) }
        var busy = [Double](repeating: 0, count: c), busyTotal = 0.0
        let T = 1_000_000.0
        var t = 0.0
        while t < T {
            t += 15
            q.advance(to: t, busyS: &busy) { arrivals.next() }
            busyTotal += busy.reduce(0, +)
        }
        let mean = q.latenciesS.reduce(0, +) / Double(q.latenciesS.count)
        let expected = Self.erlangCMeanLatency(lambda: lambda, meanService: 1, servers: c)
        #expect(abs(expected - 2.0787) < 1e-3)
        #expect(abs(mean / expected - 1) < 0.05, "mean \(mean) vs Erlang C \(expected)")
        #expect(abs(busyTotal / (Double(c) * T) - 0.8) < 0.01)
        #expect(abs(Double(q.arrived) / T / lambda - 1) < 0.01)
    }

    @Test("the request stream is a pure function of (seed, service): same twice, another service differs")
    func streams() throws {
        let a = try RequestArrivals(ratePerS: 5, amplitude: 0.5, serviceMeanS: 0.1, seed: 3, service: 0)
        let b = try RequestArrivals(ratePerS: 5, amplitude: 0.5, serviceMeanS: 0.1, seed: 3, service: 0)
        let c = try RequestArrivals(ratePerS: 5, amplitude: 0.5, serviceMeanS: 0.1, seed: 3, service: 1)
        let xa = (0..<100).map { _ in a.next() }, xb = (0..<100).map { _ in b.next() }, xc = (0..<100).map { _ in c.next() }
        #expect(xa.map(\.arrivalS) == xb.map(\.arrivalS) && xa.map(\.serviceS) == xb.map(\.serviceS))
        #expect(xa.map(\.arrivalS) != xc.map(\.arrivalS))
        // the daily swing: λ at the peak hour is (1 + 0.5)·5, at the trough (1 − 0.5)·5
        #expect(abs(a.rate(atS: 14 * 3600) - 7.5) < 1e-12 && abs(a.rate(atS: 2 * 3600) - 2.5) < 1e-12)
    }

    /// One host (boot 120 s) and one service whose first request arrives at a1, the next after
    /// the run: the scenario, with its duration set from the stream. The replica uses no CPU
    /// while idle (`idle_cpu: 0`), so its host has no CPU contention and service times are
    /// not stretched (`CPUContention`).
    static func scaleToZeroScenario(duration: Double, fixed: Bool) -> String {
        """
        name: scale-to-zero
        seed: 7
        duration: \(Int(duration)) s
        sampling_interval: 60 s
        host_types:
          h: {cores: 4, core_mips: 1000, ram: 16 GiB, boot_time: 120 s, boot_power_w: 150, power: {model: linear, idle_w: 50, max_w: 100}}
        services:
          - name: api
            replica: {vcpus: 1, mips_per_vcpu: 1000, ram: 1 GiB}
            start: 20 s
            cold_start: 10 s
            idle_cpu: 0
            requests: {rate_per_s: 0.0001, service_time: 2 s}
            scaler: {type: keda, target_per_replica: 1}
        arms:
          - name: a
            placement: first-fit
            host_groups: [{type: h, count: 1}]
        \(fixed ? "    service_replicas: {api: 1}" : "")
        """
    }

    @Test(
        "scale to zero and back: the first request waits for the 30 s poll, a host boot (120 s), start (20 s) and cold start (10 s); the first poll more than 300 s after the last active one drains the replica and the host powers off"
    )
    func scaleToZero() throws {
        // the scenario's request stream: seed 7, service 0
        let stream = try RequestArrivals(ratePerS: 0.0001, serviceMeanS: 2, seed: 7, service: 0)
        let (a1, s1) = stream.next()
        let (a2, _) = stream.next()
        let P = (a1 / 30).rounded(.down) * 30 + 30  // the first poll after a1
        let F = P + 120 + 20 + 10 + s1  // ready at P + 150, then served
        let L = (F / 30).rounded(.up) * 30 - 30  // the last poll with the request in the queue
        let Z = L + 330  // the first poll with L + 300 s before it: scale to zero
        let end = Z + 600
        try #require(a2 > end, "the stream's second request must come after the run")
        let dir = makeTempDir("svc")
        write(Self.scaleToZeroScenario(duration: end, fixed: false), to: dir + "/s.yaml")
        let o = try runScenarioFile(RunOptions(scenarioPath: dir + "/s.yaml", outDir: dir + "/out", report: false))
        let r = o.results[0], f = r.services[0]
        #expect(f.requests == 1 && f.served == 1)
        #expect(abs(f.latencyMaxS - (F - a1)) < 1e-6, "latency \(f.latencyMaxS) vs \(F - a1)")
        #expect(f.replicaStarts == 1 && f.replicaStops == 1 && f.coldStarts == 1)
        #expect(r.hostBoots == 1)
        // on from P + 120 (booted) until the drained replica leaves at the tick after Z
        #expect(abs(r.hosts[0].hoursOn - (Z + 15 - (P + 120)) / 3600) < 1e-9)
        // the replica existed from P to Z + 15
        #expect(abs(f.replicaHours - (Z + 15 - P) / 3600) < 1e-9)
        #expect(read(dir + "/out/services.csv")?.contains("\na,api,keda,1,1,0,") == true)

        // a fixed replica is ready from t = 0 on a host that is on from the start: latency = service time
        write(Self.scaleToZeroScenario(duration: end, fixed: true), to: dir + "/f.yaml")
        let g = try runScenarioFile(RunOptions(scenarioPath: dir + "/f.yaml", outDir: dir + "/out-f", report: false)).results[0]
        #expect(abs(g.services[0].latencyMaxS - s1) < 1e-9)
        #expect(g.hostBoots == 0 && abs(g.hosts[0].hoursOn - end / 3600) < 1e-9)
        #expect(g.services[0].scaling == "fixed" && g.services[0].coldStarts == 0)
    }

    @Test("bad service input gets clear errors: a missing target, an unknown service in service_replicas, DPM with services")
    func errors() throws {
        let dir = makeTempDir("svc-err")
        let text =
            Self.scaleToZeroScenario(duration: 3600, fixed: false)
            .replacingOccurrences(of: "scaler: {type: keda, target_per_replica: 1}", with: "scaler: {type: keda}")
            + "    service_replicas: {web: 2}\n    dpm: {}\n"
        write(text, to: dir + "/bad.yaml")
        let issues = validateScenarioFile(path: dir + "/bad.yaml", overrides: [])
        #expect(issues.contains { $0.contains("services[0].scaler") && $0.contains("target_per_replica") })
        #expect(issues.contains { $0.contains("unknown service \"web\"; services are: api") })
        #expect(issues.contains { $0.contains("arms[0].dpm") && $0.contains("not combined with services") })
        #expect(issues.allSatisfy { $0.hasPrefix(dir + "/bad.yaml:") })
        // an arm's scaler override: unknown service, bad value at its field; a good one is applied
        let over =
            Self.scaleToZeroScenario(duration: 3600, fixed: false)
            + "    service_scaler: {web: {min_replicas: 1}, api: {min_replicas: 3, max_replicas: 2}}\n"
        write(over, to: dir + "/over.yaml")
        let o = validateScenarioFile(path: dir + "/over.yaml", overrides: [])
        #expect(o.contains { $0.contains("arms[0].service_scaler.web: unknown service \"web\"; services are: api") })
        #expect(o.contains { $0.hasSuffix("arms[0].service_scaler.api.max_replicas: expected an integer ≥ max(1, min_replicas) = 3, found 2") })
        let (_, model) = try loadScenario(path: KEDAScenarioTests.path, overrides: [])
        #expect(model.arms[4].serviceScalers.first??.minReplicas == 1 && model.arms[3].serviceScalers.first! == nil)
        #expect(model.arms[4].scalerSettings(service: 0, model.services[0]).targetPerReplica == 1.5)
    }
}

/// The bundled scenario, shortened to its first 12 h (a night of cold starts, the morning ramp).
@Suite("scenarios/keda-scale-to-zero.yaml")
struct KEDAScenarioTests {
    static let path = packageRoot + "/scenarios/keda-scale-to-zero.yaml"

    @Test("first 12 h: autoscaling with power-off (packed the most) uses the least energy, pays in the latency tail; same files twice")
    func firstDay() throws {
        let a = makeTempDir("keda-a"), b = makeTempDir("keda-b")
        let o = try runScenarioFile(RunOptions(scenarioPath: Self.path, outDir: a, overrides: ["duration=12 h"]))
        _ = try runScenarioFile(RunOptions(scenarioPath: Self.path, outDir: b, overrides: ["duration=12 h"]))
        for f in ["summary.csv", "services.csv", "services_timeseries.csv", "report.html"] {
            #expect(read(a + "/" + f) != nil && read(a + "/" + f) == read(b + "/" + f), "\(f) identical")
        }
        let byArm = Dictionary(uniqueKeysWithValues: o.results.map { ($0.arm, $0) })
        let fixed = try #require(byArm["fixed-peak"]), keda = try #require(byArm["keda"]), off = try #require(byArm["keda-power-off"])
        let pack = try #require(byArm["keda-pack-power-off"]), warm = try #require(byArm["keda-warm-pack-power-off"])
        // the same requests in every arm, all served; as many as ∫λ over 00:00–12:00 with the
        // peak at 14:00: 20/s · 43200 s · (1 + (sin(−π/6) − sin(−7π/6)) / π) ≈ 589,000 (σ ≈ 770)
        let requests = fixed.services[0].requests
        let expected = 20 * 43200 * (1 + (sin(-Double.pi / 6) - sin(-7 * Double.pi / 6)) / Double.pi)
        #expect(abs(Double(requests) / expected - 1) < 0.01, "\(requests) vs \(expected)")
        #expect([keda, off, pack, warm].allSatisfy { $0.services[0].requests == requests })
        // the warm replica (service_scaler: min_replicas 1) never starts cold: the slowest request
        // is as fast as with fixed replicas
        #expect(warm.services[0].coldStarts == 0 && warm.services[0].latencyMaxS < 10)
        #expect([fixed, keda, off].allSatisfy { $0.services[0].waitingAtEnd == 0 })
        // energy: packed power-off < power-off < hosts on ≈ fixed (hosts on: replicas spread, idle
        // hosts draw most of their power); replica-hours: autoscaled < fixed
        #expect(pack.itEnergyKWh < off.itEnergyKWh && off.itEnergyKWh < 0.9 * keda.itEnergyKWh)
        #expect(abs(keda.itEnergyKWh / fixed.itEnergyKWh - 1) < 0.1)
        #expect(pack.hostsOnMean < off.hostsOnMean && off.hostsOnMean < 4)
        #expect(keda.services[0].replicaHours < 0.75 * fixed.services[0].replicaHours)
        // the median is the same; the tail pays the cold starts, more so behind host boots (≥ 3 min)
        #expect(abs(keda.services[0].latencyP50S / fixed.services[0].latencyP50S - 1) < 0.05)
        #expect(off.services[0].latencyMaxS > 180 && off.services[0].latencyMaxS > keda.services[0].latencyMaxS)
        #expect(keda.services[0].latencyMaxS > fixed.services[0].latencyMaxS)
        #expect(fixed.services[0].coldStarts == 0 && off.services[0].coldStarts > 0 && off.hostBoots > 0)
    }
}
