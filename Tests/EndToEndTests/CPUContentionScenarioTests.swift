import Testing
import Foundation
import Workloads
import Engine
import VirtsimCore

/// CPU contention end to end (`CPUContention.md`): ready time from the M/M/c model per sampling
/// interval, hyper-threading, stretched service times, and sizing bounded by ready time —
/// each on micro-scenarios whose figures are hand-computed.
@Suite("CPU contention in scenarios: ready time, hyper-threading, slower services, sizing")
struct CPUContentionScenarioTests {
    /// One 4-core host (1000 MIPS a core) per arm and a constant CPU demand of `mips` in total
    /// (VMs of 500 MIPS at 100%); the second arm's host type has hyper-threading with `ht_gain: 0.25`.
    static func hostScenario(vms: Int) -> String {
        """
        name: ready
        seed: 1
        duration: 1 h
        sampling_interval: 5 min
        host_types:
          plain: {cores: 4, core_mips: 1000, ram: 64 GiB, power: {model: linear, idle_w: 100, max_w: 200}}
          ht: {cores: 4, core_mips: 1000, ram: 64 GiB, hyperthreading: true, ht_gain: 0.25, power: {model: linear, idle_w: 100, max_w: 200}}
        vm_groups:
          - {name: g, count: \(vms), vcpus: 1, mips_per_vcpu: 500, ram: 1 GiB, workload: {type: constant, cpu: 1}}
        arms:
          - {name: plain, placement: first-fit, cpu_overcommit: 4, host_groups: [{type: plain, count: 1}]}
          - {name: ht, placement: first-fit, cpu_overcommit: 4, host_groups: [{type: ht, count: 1}]}
        """
    }

    static func run(_ yaml: String, _ tag: String) throws -> RunOutcome {
        let dir = makeTempDir(tag)
        write(yaml, to: dir + "/s.yaml")
        return try runScenarioFile(RunOptions(scenarioPath: dir + "/s.yaml", outDir: dir + "/out", report: false))
    }

    /// 3000 MIPS on 4 × 1000: ρ = 0.75, a = 3 Erlangs. Erlang B: B₁ = 3/4, B₂ = (9/4)/(2 + 9/4) =
    /// 9/17, B₃ = (27/17)/(3 + 27/17) = 9/26, B₄ = (27/26)/(4 + 27/26) = 27/131; Erlang C =
    /// (27/131)/(1 − 0.75·104/131) = 27/53; Wq/S = (27/53)/(4·0.25) = 27/53; ready =
    /// (27/53)/(80/53) = 27/80 = 33.75%. Every interval is the same, so mean = p95 = 33.75%,
    /// and every unit of CPU work waits with probability 27/53: perf loss 50.94% (nothing unmet).
    @Test("ready above zero below saturation: 75% on 4 cores → 33.75% in every interval; perf loss = P(wait) = 27/53")
    func readyBelowSaturation() throws {
        let r = try Self.run(Self.hostScenario(vms: 6), "ready").results[0]
        #expect(abs(r.cpuUtilMeanPct - 75) < 1e-9 && r.cpuDemandUnmetPct == 0)
        // utilization is stored to 1/65534 of full load: ready within 0.01 points
        #expect(abs(r.cpuReady.meanPct - 33.75) < 0.01, "\(r.cpuReady)")
        #expect(abs((r.cpuReady.p95Pct ?? 0) - 33.75) < 0.01)
        #expect(abs(r.cpuReady.perfLossPct - 100 * 27 / 53) < 0.01)
        #expect(abs((r.hosts[0].cpuReadyMeanPct ?? 0) - 33.75) < 0.01 && abs((r.hosts[0].cpuReadyP95Pct ?? 0) - 33.75) < 0.01)
    }

    /// 3500 MIPS. Without hyper-threading: 4 threads at ρ = 0.875 → ready 59.61% (Erlang C
    /// 0.737861, Wq/S = 0.737861/(4·0.125) = 1.475722). With it: capacity 4000 × 1.25 = 5000 on
    /// 8 threads, ρ = 0.7 → Erlang C 0.270603, Wq/S = 0.270603/(8·0.3) = 0.112751, ready 10.13%.
    /// At 4500 MIPS the plain host is saturated (500 MIPS unmet, 11.1%), the HT host is not (90%).
    @Test("hyper-threading: 3500 MIPS on 4 cores is 87.5% and 59.6% ready; with HT (+25%, 8 threads) 70% and 10.1%")
    func hyperthreading() throws {
        let o = try Self.run(Self.hostScenario(vms: 7), "ready-ht")
        let plain = o.results[0], ht = o.results[1]
        #expect(abs(plain.cpuUtilMeanPct - 87.5) < 1e-9 && abs(ht.cpuUtilMeanPct - 70) < 1e-9)
        #expect(abs(plain.cpuReady.meanPct - 59.6077) < 0.01, "\(plain.cpuReady)")
        #expect(abs(ht.cpuReady.meanPct - 10.1327) < 0.01, "\(ht.cpuReady)")
        let over = try Self.run(Self.hostScenario(vms: 9), "ready-ht-over")
        #expect(abs(over.results[0].cpuDemandUnmetPct - 100.0 / 9) < 1e-9 && over.results[1].cpuDemandUnmetPct == 0)
        #expect(abs(over.results[1].cpuUtilMeanPct - 90) < 1e-9)
        // saturated: the figures at their cap, ρ = 0.99 on 4 threads (Erlang C 0.977905, Wq/S =
        // 0.977905/0.04 = 24.447629, ready 96.07%); perf loss = unmet 1/9 + served 8/9 × 0.977905
        let cap = over.results[0].cpuReady
        #expect(abs(cap.meanPct - 96.0704) < 0.01 && abs(cap.perfLossPct - (100.0 / 9 + 800.0 / 9 * 0.977905)) < 0.01, "\(cap)")
        let columns = o.outDir
        let summary = try #require(read(columns + "/summary.csv"))
        #expect(summary.split(separator: "\n")[0].hasSuffix(",cpu_ready_mean_pct,cpu_ready_p95_pct,cpu_perf_loss_pct"))
        #expect(try #require(read(columns + "/hosts.csv")).split(separator: "\n")[0].hasSuffix(",cpu_ready_mean_pct,cpu_ready_p95_pct"))
    }

    /// The services' scale-to-zero scenario with its fixed replica (one 4-core host, on from
    /// the start; the replica uses no CPU while idle; one request in the run); with `contended`,
    /// six VMs keep 3000 MIPS of the host busy.
    static func serviceScenario(duration: Double, contended: Bool) -> String {
        let yaml = ServicesTests.scaleToZeroScenario(duration: duration, fixed: true)
        let busy = "vm_groups: [{name: busy, count: 6, vcpus: 1, mips_per_vcpu: 500, ram: 1 GiB, workload: {type: constant, cpu: 1}}]\n"
        return contended ? yaml.replacingOccurrences(of: "\nservices:\n", with: "\n" + busy + "services:\n") : yaml
    }

    /// The request (the scenario's stream: seed 7, service 0) arrives at a1 and needs s1 of
    /// service. Idle host: ρ = 0, latency s1. Contended host: ρ = 3000/4000 = 0.75 when the
    /// request is dispatched, stretch 1 + Wq/S = 1 + 27/53 = 80/53 (see `readyBelowSaturation`),
    /// latency s1 × 80/53.
    @Test("a service on a contended host is slower: latency = service time × 80/53 at 75% on 4 cores, = service time on an idle host")
    func slowerService() throws {
        let stream = try RequestArrivals(ratePerS: 0.0001, serviceMeanS: 2, seed: 7, service: 0)
        let (a1, s1) = stream.next()
        let (a2, _) = stream.next()
        let end = (a1 / 60).rounded(.up) * 60 + 600
        try #require(a2 > end)
        let idle = try Self.run(Self.serviceScenario(duration: end, contended: false), "svc-idle").results[0].services[0]
        let busy = try Self.run(Self.serviceScenario(duration: end, contended: true), "svc-busy").results[0].services[0]
        #expect(idle.served == 1 && busy.served == 1)
        #expect(abs(idle.latencyMaxS - s1) < 1e-9, "\(idle.latencyMaxS) vs \(s1)")
        #expect(abs(busy.latencyMaxS - s1 * 80 / 53) < 1e-9, "\(busy.latencyMaxS) vs \(s1 * 80 / 53)")
        #expect(busy.latencyMaxS > idle.latencyMaxS)
    }

    /// Ten VMs of 500 MIPS (5000 MIPS) spread by worst-fit over 4-core hosts. 1 host: 125%,
    /// unmet. 2 hosts: 5 + 5 VMs, ρ = 0.625 → ready 17.58% (Erlang C at a = 2.5 on 4 threads
    /// 0.319857; Wq/S = 0.319857/1.5 = 0.213238). 3 hosts: 4 + 3 + 3 VMs, the fullest at ρ = 0.5
    /// → a = 2: B = 2/3, 2/5, 4/19, 2/21; Erlang C = (2/21)/(1 − 0.5·19/21) = 4/23; Wq/S =
    /// (4/23)/2 = 2/23; ready = 2/25 = 8%. With `cpu_ready_max_pct: 10` two hosts fail on
    /// `cpu_ready` only: the answer is 3; without it, 2.
    @Test("sizing bounds ready time: cpu_ready_max_pct 10 → 3 hosts (2 hosts have 17.6% ready at p95), binding cpu_ready; unbounded → 2")
    func sizingBound() throws {
        func scenario(_ sizing: String) -> String {
            """
            name: ready-sizing
            seed: 1
            duration: 1 h
            sampling_interval: 5 min
            host_types:
              h: {cores: 4, core_mips: 1000, ram: 64 GiB, power: {model: linear, idle_w: 100, max_w: 200}}
            vm_groups:
              - {name: g, count: 10, vcpus: 1, mips_per_vcpu: 1000, ram: 1 GiB, workload: {type: constant, cpu: 0.5}}
            arms:
              - {name: sized, placement: worst-fit, cpu_overcommit: 4, host_groups: [{type: h, count: auto}]\(sizing)}
            """
        }
        let bounded = try Self.run(scenario(", sizing: {cpu_ready_max_pct: 10}"), "ready-size").results[0]
        let o = try #require(bounded.sizing)
        #expect(o.hosts == 3 && o.binding == ["cpu_ready"], "\(o)")
        let two = try #require(o.tried.first { $0.hosts == 2 })
        #expect(abs((two.hostCPUReadyPercentileMaxPct ?? 0) - 17.5759) < 0.01 && two.failed == ["cpu_ready"])
        #expect(abs((bounded.hostCPUReadyPercentileMaxPct(95) ?? 0) - 8) < 0.01)
        // virtsim size shows each trial's ready
        let dir = makeTempDir("ready-size-cli")
        write(scenario(", sizing: {cpu_ready_max_pct: 10}"), to: dir + "/s.yaml")
        let text = try sizeScenarioFile(path: dir + "/s.yaml", overrides: [])
        #expect(text.contains("CPU ready p95 ≤ 10%") && text.contains("max host ready %"), "\(text)")
        #expect(text.contains("17.6  cpu_ready") && text.contains("→ 3 hosts; binding: cpu_ready"), "\(text)")
        let free = try Self.run(scenario(""), "ready-size-free").results[0]
        #expect(free.sizing?.hosts == 2)
    }
}

@Suite("CPU contention input errors")
struct CPUContentionInputTests {
    @Test("ht_gain without hyperthreading, a gain above 1, a ready bound of 0 and hyperthreading on the cloudsim profile are refused with the field path")
    func refused() throws {
        let dir = makeTempDir("ready-bad")
        func problems(_ overrides: [String]) -> [String] {
            write(CPUContentionScenarioTests.hostScenario(vms: 2), to: dir + "/s.yaml")
            return validateScenarioFile(path: dir + "/s.yaml", overrides: overrides)
        }
        let noHT = problems(["host_types.plain.ht_gain=0.2"])
        #expect(noHT.count == 1 && noHT[0].contains("host_types.plain.ht_gain") && noHT[0].contains("ht_gain applies with hyperthreading: true"), "\(noHT)")
        let big = problems(["host_types.ht.ht_gain=1.5"])
        #expect(big.count == 1 && big[0].contains("host_types.ht.ht_gain"), "\(big)")
        let bound = problems(["arms.0.host_groups.0.count=auto", "arms.0.sizing={cpu_ready_max_pct: 0}"])
        #expect(bound.contains { $0.contains("arms[0].sizing.cpu_ready_max_pct") }, "\(bound)")
        let cloudSim = problems(["arms.1.profile=cloudsim-3.0.3", "arms.1.consolidation=npa"])
        #expect(cloudSim.contains { $0.contains("arms[1]: host type ht sets off_w, boot_time, pstates or hyperthreading") }, "\(cloudSim)")
    }
}
