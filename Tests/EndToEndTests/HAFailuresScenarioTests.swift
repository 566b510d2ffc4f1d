import Foundation
import Testing
@testable import VirtsimCore

private let haFailures = packageRoot + "/scenarios/ha-failures.yaml"

@Suite("Host failures: scenarios/ha-failures.yaml")
struct HAFailuresScenarioTests {
    @Test("N+1 restarts every VM after the restart delay; N+0 leaves the failed hosts' VMs waiting for room under the same failures")
    func nPlusZeroAgainstNPlusOne() throws {
        let out = makeTempDir("ha-failures")
        let o = try runScenarioFile(RunOptions(scenarioPath: haFailures, outDir: out))
        let n0 = try #require(o.results[0].failures), n1 = try #require(o.results[1].failures)
        #expect(o.results[0].hostsTotal == 8 && o.results[1].hostsTotal == 9)
        #expect(n0.hostFailures > 0 && n1.hostFailures >= n0.hostFailures)  // hosts 0–7 fail alike; host 8 may add
        // N+0: every host is full, so each failed host's VMs wait for its repair
        #expect(n0.vmFailures > 0 && n0.haWaitVMH > 0 && n0.haShortVcpusMax > 0)
        // N+1: every VM is down exactly the 2 min restart delay
        #expect(n1.vmFailures > 0 && n1.vmRestarts == n1.vmFailures && n1.haWaitVMH == 0 && n1.vmsNotRestarted == 0)
        #expect(abs(n1.vmDowntimeH - Double(n1.vmFailures) * 120 / 3600) < 1e-9)
        #expect(n0.vmDowntimeH > 10 * n1.vmDowntimeH)
        let csv = try #require(read(out + "/failures.csv"))
        #expect(
            csv.hasPrefix("arm,host_failures,vm_failures,vm_restarts,vm_downtime_h,vms_not_restarted,ha_wait_vm_h,ha_short_vcpus_max,ha_short_ram_gib_max\n"))
    }

    @Test("a scenario without failures writes no failures.csv")
    func noFailuresNoFile() throws {
        let out = makeTempDir("no-failures")
        _ = try runScenarioFile(RunOptions(scenarioPath: packageRoot + "/scenarios/quickstart.yaml", outDir: out))
        #expect(read(out + "/failures.csv") == nil)
    }
}
