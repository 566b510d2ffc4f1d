import Foundation
import Testing
import Engine
import VirtsimCore

/// Hybrid-cloud bursting, hand-computed: VMs that no on-premises host can take run on a
/// cloud cluster billed per host-hour.
@Suite("Cloud bursting: overflow VMs on a host-hour-billed cluster")
struct CloudBurstTests {
    /// One on-premises host (4 × 1000 MIPS, 16 GiB) filled by 4 one-vCPU VMs at t = 0; `burst`
    /// more one-vCPU VMs arrive at 1 h and leave at 3 h; cloud hosts of 2 × 1000 MIPS, 8 GiB.
    static func scenario(burst: Int, maxHosts: Int) -> String {
        """
        name: burst
        duration: 6 h
        sampling_interval: 1 h
        host_types:
          onprem: {cores: 4, core_mips: 1000, ram: 16 GiB, power: {model: linear, idle_w: 100, max_w: 200}}
        vm_groups:
          - {name: base, count: 4, vcpus: 1, mips_per_vcpu: 1000, ram: 2 GiB, workload: {type: constant, cpu: 0.5, memory: 0.5}}
          - {name: peak, count: \(burst), vcpus: 1, mips_per_vcpu: 1000, ram: 2 GiB, arrival: 1 h, departure: 3 h,
             workload: {type: constant, cpu: 0.5, memory: 0.5}}
        arms:
          - name: hybrid
            placement: first-fit
            host_groups: [{type: onprem, count: 1}]
            cloud: {provider: vmc-aws, host: {cores: 2, core_mips: 1000, ram: 8 GiB}, min_hosts: 2, max_hosts: \(maxHosts),
                    provision_time: 30 min, release_after: 1 h, host_usd_per_hour: 10}
        """
    }

    func run(_ text: String) throws -> (ArmResult, String) {
        let dir = makeTempDir("burst")
        write(text, to: dir + "/s.yaml")
        let o = try runScenarioFile(RunOptions(scenarioPath: dir + "/s.yaml", outDir: dir + "/out", report: false))
        return (o.results[0], read(dir + "/out/costs.csv") ?? "")
    }

    @Test("3 overflow VMs: a 2-host cluster (the minimum) from 1 h, released 1 h after they leave at 3 h: 6 host-hours, $60")
    func basic() throws {
        let (r, costs) = try run(Self.scenario(burst: 3, maxHosts: 4))
        #expect(r.cloud.vmsBurst == 3 && r.vmsUnplaced == 0 && r.vms == 7)
        #expect(r.cloud.hostsMax == 2)
        #expect(abs(r.cloud.vmWaitHours - 3 * 0.5) < 1e-9)  // each waits the 30 min provisioning
        #expect(abs(r.cloud.hostHours - 6) < 1e-9)  // 2 hosts × (4 h − 1 h)
        #expect(costs.contains("\nhybrid,cloud,60,"))
        #expect(abs(r.economics.periodCost("cloud") - 60) < 1e-9)
        // the on-premises host is unaffected: 4 VMs at 50% of 1000 MIPS = 50% of 4000 all along
        #expect(abs(r.itEnergyKWh - 0.150 * 6) < 1e-9)
    }

    @Test("billing by started hour: released 30 min after the VMs leave, each host's 2.5 h are billed as 3 h")
    func billingIncrement() throws {
        let text = Self.scenario(burst: 3, maxHosts: 4).replacingOccurrences(of: "release_after: 1 h", with: "release_after: 30 min")
        let (exact, _) = try run(text)
        #expect(abs(exact.cloud.hostHours - 5) < 1e-9)
        let (hourly, _) = try run(text.replacingOccurrences(of: "host_usd_per_hour: 10}", with: "host_usd_per_hour: 10, billing_increment: 1 h}"))
        #expect(abs(hourly.cloud.hostHours - 6) < 1e-9 && abs(hourly.economics.periodCost("cloud") - 60) < 1e-9)
    }

    @Test("5 overflow VMs on at most 2 cloud hosts of 2 slots: 4 burst, 1 rejected")
    func full() throws {
        let (r, _) = try run(Self.scenario(burst: 5, maxHosts: 2))
        #expect(r.cloud.vmsBurst == 4 && r.vmsUnplaced == 1 && r.cloud.hostsMax == 2)
        // with a third host allowed, it is asked for at 1 h too and released with the others
        let (s, _) = try run(Self.scenario(burst: 5, maxHosts: 3))
        #expect(s.cloud.vmsBurst == 5 && s.vmsUnplaced == 0 && s.cloud.hostsMax == 3)
        #expect(abs(s.cloud.hostHours - 9) < 1e-9)
    }

    @Test("an emptied cluster keeps both minimum hosts release_after from its last VM: hosts emptied earlier wait too")
    func releaseTimers() throws {
        // everything bursts (a 100-MIPS on-premises host); 4-vCPU VMs fill a cloud host each.
        // B empties at 1 h, A at 1.5 h: both stay until 2.5 h, so the VMs at 2.2 h and 2.3 h find
        // them; all leave at 4 h and the hosts are billed to the end (5 h): 2 × 5 = 10 host-hours
        let text = """
            name: rel
            duration: 5 h
            sampling_interval: 1 h
            host_types:
              tiny: {cores: 1, core_mips: 100, ram: 1 GiB, power: {model: linear, idle_w: 10, max_w: 20}}
            vm_groups:
              - {name: g1, count: 1, vcpus: 4, mips_per_vcpu: 1000, ram: 1 GiB, departure: 90 min, workload: {type: constant, cpu: 0.5}}
              - {name: g2, count: 1, vcpus: 4, mips_per_vcpu: 1000, ram: 1 GiB, departure: 60 min, workload: {type: constant, cpu: 0.5}}
              - {name: g3, count: 1, vcpus: 4, mips_per_vcpu: 1000, ram: 1 GiB, arrival: 132 min, departure: 4 h, workload: {type: constant, cpu: 0.5}}
              - {name: g4, count: 1, vcpus: 4, mips_per_vcpu: 1000, ram: 1 GiB, arrival: 138 min, departure: 4 h, workload: {type: constant, cpu: 0.5}}
            arms:
              - name: a
                placement: first-fit
                host_groups: [{type: tiny, count: 1}]
                cloud: {host: {cores: 4, core_mips: 1000, ram: 8 GiB}, min_hosts: 2, max_hosts: 4, provision_time: 0 s,
                        release_after: 1 h, host_usd_per_hour: 1}
            """
        let (r, _) = try run(text)
        #expect(r.cloud.vmsBurst == 4 && r.cloud.hostsMax == 2)
        #expect(abs(r.cloud.hostHours - 10) < 1e-9)
        #expect(r.cloud.vmWaitHours == 0)
        // provisioning 3 h: the hosts asked for at 0 are ready at 3 h. g1 and g2 wait until they
        // leave (1.5 h, 1 h: never longer than they existed); g3 and g4 find the same two hosts
        // (kept until 2.5 h) and wait for them until 3 h (0.8 h, 0.7 h)
        let (w, _) = try run(text.replacingOccurrences(of: "provision_time: 0 s", with: "provision_time: 3 h"))
        #expect(abs(w.cloud.vmWaitHours - (1.5 + 1 + 0.8 + 0.7)) < 1e-9)
    }

    @Test("bad cloud input: a missing price and provision time, max below min, cloud with DPM")
    func errors() throws {
        let dir = makeTempDir("burst-err")
        let text = Self.scenario(burst: 1, maxHosts: 1)
            .replacingOccurrences(of: "provision_time: 30 min, release_after: 1 h, host_usd_per_hour: 10", with: "release_after: 1 h")
        write(text, to: dir + "/a.yaml")
        let a = validateScenarioFile(path: dir + "/a.yaml", overrides: [])
        #expect(a.contains { $0.contains("arms[0].cloud") && $0.contains("\"provision_time\"") })
        #expect(a.contains { $0.contains("arms[0].cloud") && $0.contains("\"host_usd_per_hour\"") })
        write(Self.scenario(burst: 1, maxHosts: 1), to: dir + "/b.yaml")
        let b = validateScenarioFile(path: dir + "/b.yaml", overrides: [])
        #expect(b.contains { $0.hasSuffix("arms[0].cloud.max_hosts: expected an integer ≥ min_hosts (2), found 1") })
        let c = validateScenarioFile(path: dir + "/b.yaml", overrides: ["arms.0.cloud.max_hosts=4", "arms.0.dpm={}"])
        #expect(c.contains { $0.contains("cloud is not combined with dpm") })
    }
}

@Suite("scenarios/hybrid-burst.yaml")
struct HybridBurstScenarioTests {
    @Test("the weekday peak bursts onto at most 4 cloud hosts; the costs add up; same files twice")
    func week() throws {
        let path = packageRoot + "/scenarios/hybrid-burst.yaml"
        let a = makeTempDir("hb-a"), b = makeTempDir("hb-b")
        let o = try runScenarioFile(RunOptions(scenarioPath: path, outDir: a))
        _ = try runScenarioFile(RunOptions(scenarioPath: path, outDir: b))
        for f in ["summary.csv", "costs.csv", "savings.csv", "report.html"] { #expect(read(a + "/" + f) == read(b + "/" + f), "\(f)") }
        let peak = o.results[0], burst = o.results[1]
        #expect(peak.cloud.vmsBurst == 0 && peak.vmsUnplaced == 0 && burst.vmsUnplaced == 0)
        // 100 peak VMs a day, 5 days; those the 19 hosts cannot take go to the cloud
        #expect(burst.cloud.vmsBurst > 0 && burst.cloud.vmsBurst <= 500)
        // 2 vCPU × 2930 MIPS and 8 GiB per VM on 36 × 2300 × 2 MIPS, 512 GiB hosts: 28 per host
        #expect(burst.cloud.hostsMax == Int((Double(burst.cloud.vmsBurst) / 5 / 28).rounded(.up)))
        // each burst VM waits the 30 min provisioning (a host asked for when it arrives)
        #expect(abs(burst.cloud.vmWaitHours - Double(burst.cloud.vmsBurst) * 0.5) < 1e-9)
        // the cloud cost is host-hours × $8.50, and the total is the sum of the categories
        #expect(abs(burst.economics.periodCost("cloud") - burst.cloud.hostHours * 8.5) < 1e-6)
        let cats = ArmEconomicsFigures.costCategories.filter { $0 != "total" }
        #expect(abs(cats.map { burst.economics.periodCost($0) }.reduce(0, +) - burst.economics.periodCost("total")) < 1e-6)
        #expect(burst.itEnergyKWh < peak.itEnergyKWh)
    }
}
