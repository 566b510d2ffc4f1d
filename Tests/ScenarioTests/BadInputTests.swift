import Foundation
import Testing
@testable import Scenario

/// Bad inputs a new user might try (issue 16): each is refused with its reason, never a trap,
/// a hang or a silent answer.
@Suite("Bad inputs are refused")
struct BadInputTests {
    static let base = """
        name: t
        seed: 1
        start: "2026-01-05T00:00:00"
        time_zone: UTC
        duration: 2 h
        sampling_interval: 15 min
        host_types:
          h: {cores: 4, core_mips: 2000, ram: 16 GiB, power: {model: linear, idle_w: 100, max_w: 200}}
        vm_groups:
          - {name: web, count: 4, vcpus: 1, mips_per_vcpu: 1000, ram: 1 GiB, workload: {type: constant, cpu: 0.2}}
        arms:
          - {name: a, placement: first-fit, host_groups: [{type: h, count: 2}]}
        """

    /// A fresh folder for files of one test.
    static func folder() -> String {
        let dir = NSTemporaryDirectory() + "bad-input-\(UUID().uuidString)"
        try! FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    /// The issues of ``base`` (or `yaml`) with `overrides` applied (paths in them absolute), as message lines.
    static func issues(_ overrides: [String], yaml: String = base) throws -> [String] {
        let doc = try YAMLDocument.parse(yaml: yaml, file: "s.yaml", directory: "/tmp")
        try doc.apply(overrides: overrides)
        let collector = IssueCollector()
        _ = decodeScenario(doc, collector: collector)
        return collector.issues.map(\.description)
    }

    @Test("the base scenario is valid")
    func baseIsValid() throws { #expect(try Self.issues([]).isEmpty) }

    @Test(
        "a duration beyond 1000 years is refused with the clock's range (it overflowed the microsecond clock)",
        arguments: [
            "duration=9.3e12", "duration=1e13", "vm_groups.0.arrival=9.3e12", "vm_groups.0.departure=1e300",
            "host_types.h.boot_time=9.3e12", "vm_groups.0.workload={type: stochastic, interval: 9.3e12, cpu: {distribution: constant, value: 0.2}}",
            "sampling_interval=9.3e12", "duration=60000 w"
        ])
    func durationBeyondClock(_ set: String) throws {
        let found = try Self.issues([set])
        #expect(found.count == 1, "\(found)")
        #expect(found.first?.contains("expected a duration ≤ 1000 years (31557600000 s; the microsecond clock spans ±292,000 years)") == true, "\(found)")
    }

    @Test(
        "a positive duration below 1 µs is refused (it rounded to 0 and the run allocated without end)",
        arguments: ["sampling_interval=1e-7", "duration=1e-9", "sampling_interval=0.5 us"])
    func durationBelowResolution(_ set: String) throws {
        let found = try Self.issues([set])
        #expect(found.count == 1 && found[0].contains("expected a duration ≥ 1 µs"), "\(found)")
    }

    @Test("1000 years exactly and 1 µs exactly are accepted")
    func durationBounds() throws {
        #expect(try Self.issues(["vm_groups.0.arrival=31557600000"]).isEmpty)
        #expect(try Self.issues(["sampling_interval=1 us", "duration=1 s"]).isEmpty)
    }

    @Test("a FIFO or a link to /dev/zero as a trace file or a climate file is refused, not read forever")
    func notRegularFiles() throws {
        let dir = Self.folder()
        try FileManager.default.createDirectory(atPath: dir + "/fifo", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: dir + "/zero", withIntermediateDirectories: true)
        #expect(mkfifo(dir + "/fifo/1.csv", 0o644) == 0)
        try FileManager.default.createSymbolicLink(atPath: dir + "/zero/1.csv", withDestinationPath: "/dev/zero")
        try FileManager.default.createSymbolicLink(atPath: dir + "/zero.csv", withDestinationPath: "/dev/zero")
        #expect(mkfifo(dir + "/fifo.csv", 0o644) == 0)
        for folder in ["fifo", "zero"] {
            for type in ["bitbrains", "planetlab"] {
                let found = try Self.issues(["vm_groups.0.workload={type: \(type), path: \(dir)/\(folder)}"])
                #expect(found.count == 1 && found[0].contains("not a regular file (a FIFO, device or socket)"), "\(found)")
            }
        }
        let csv = try Self.issues(["vm_groups.0.workload={type: csv, path: \(dir)/fifo.csv}"])
        #expect(csv.count == 1 && csv[0].contains("not a regular file"), "\(csv)")
        for (file, kind) in [("fifo.csv", "a FIFO (named pipe)"), ("zero.csv", "a device")] {
            let found = try Self.issues(["facility={model: economizer, supply_c: 20, temperature_series: \(dir)/\(file)}"])
            #expect(found.count == 1 && found[0].contains("cannot read the temperature series: it is \(kind), not a regular file"), "\(found)")
        }
        #expect(throws: ScenarioErrors.self) { try YAMLDocument.load(path: dir + "/fifo.csv") }
    }

    @Test("a Bitbrains VM size beyond the model's range is refused (1e30 KB trapped with sizes_from_trace)")
    func bitbrainsHugeCapacity() throws {
        let dir = Self.folder()
        try FileManager.default.createDirectory(atPath: dir + "/bb", withIntermediateDirectories: true)
        let header =
            "Timestamp [ms];\tCPU cores;\tCPU capacity provisioned [MHZ];\tCPU usage [MHZ];\tCPU usage [%];\t"
            + "Memory capacity provisioned [KB];\tMemory usage [KB]\n"
        try (header + "1000;\t2;\t4000;\t100;\t2.5;\t1e30;\t100\n1300;\t2;\t4000;\t100;\t2.5;\t1e30;\t100\n")
            .write(toFile: dir + "/bb/1.csv", atomically: true, encoding: .utf8)
        let found = try Self.issues(
            ["vm_groups.0.workload={type: bitbrains, path: \(dir)/bb}", "vm_groups.0.count=1", "vm_groups.0.sizes_from_trace=true"])
        #expect(found.count == 1 && found[0].contains("records a VM size out of range (2 cores, 4000.0 MHz, 1e+30 KB)"), "\(found)")
    }

    /// The problems of a sweep over ``base`` with `axes` (YAML lines under `axes:`).
    static func sweepProblems(_ axes: String, design: String = "grid") -> [String] {
        let dir = folder()
        try! base.write(toFile: dir + "/base.yaml", atomically: true, encoding: .utf8)
        let points = design == "grid" ? "" : "points: 3\n"
        try! "scenario: base.yaml\ndesign: \(design)\n\(points)axes:\n\(axes)\n".write(toFile: dir + "/sweep.yaml", atomically: true, encoding: .utf8)
        do {
            _ = try SweepPlan(try SweepSpec.load(path: dir + "/sweep.yaml"))
            return []
        } catch let e as ScenarioErrors {
            return e.issues.map { $0.description.replacingOccurrences(of: dir + "/", with: "") }
        } catch {
            return ["\(error)"]
        }
    }

    @Test("sweep ranges with a tiny step or huge bounds are refused with the run count (they trapped in planning)")
    func sweepRanges() {
        #expect(
            Self.sweepProblems("  vm_groups.0.count: {min: 1, max: 2, step: 1e-300}")
                == ["sweep.yaml:4:45: axes.vm_groups.0.count.step: step 1e-300 gives 1e+300 values; at most 10000000"])
        #expect(
            Self.sweepProblems("  vm_groups.0.count: {min: 1, max: 1e30, integer: true}", design: "random")
                == ["sweep.yaml:5:22: axes.vm_groups.0.count: integer: true needs min and max within ±9007199254740992 (2^53, exact in a double)"])
        #expect(
            Self.sweepProblems("  costs.electricity_usd_per_kwh: {min: -1e308, max: 1e308}", design: "random")
                == ["sweep.yaml:5:34: axes.costs.electricity_usd_per_kwh: the range max − min overflows a double; narrow the range"])
    }

    @Test("nested aliases that expand tenfold per level are refused when parsed (a sweep axis of them hung)")
    func nestedAliases() {
        var yaml = "name: t\nx0: &a0 [1, 1, 1, 1, 1, 1, 1, 1, 1, 1]\n"
        for k in 1...7 { yaml += "x\(k): &a\(k) [" + Array(repeating: "*a\(k - 1)", count: 10).joined(separator: ", ") + "]\n" }
        yaml += "axes:\n  vm_groups.0.count: [*a7]\n"
        do {
            _ = try YAMLDocument.parse(yaml: yaml, file: "s.yaml", directory: "/tmp")
            Issue.record("accepted")
        } catch {
            #expect(
                error.issues.map(\.description) == [
                    "s.yaml:8:1: x6: the document expands to more than 2000000 YAML nodes with its aliases substituted (aliases of aliases?); expected at most that"
                ])
        }
        // a few levels are fine
        #expect(throws: Never.self) { try YAMLDocument.parse(yaml: "a: &a [1, 2]\nb: &b [*a, *a]\nc: [*b, *b]\n", file: "s.yaml", directory: "/tmp") }
    }

    @Test("a run needing more memory than the machine has is refused with the estimate (count: 100000000 hosts, 1000 years at 1 µs)")
    func memoryEstimate() throws {
        #expect(
            RunMemoryEstimate(hosts: 100_000_000).problem(physicalBytes: 25_300_000_000)
                == "the run would need at least 64.0 GB of memory (100000000 hosts), more than this machine's 25.3 GB: lower the host counts")
        #expect(RunMemoryEstimate(hosts: 1000).problem(physicalBytes: 25_300_000_000) == nil)
        let found = try Self.issues(["duration=31557600000", "sampling_interval=1 us"])
        #expect(found.count == 1 && found[0].hasPrefix("s.yaml:1:1: the run would need at least "), "\(found)")
        #expect(found.first?.contains("(4 VMs, 2 hosts in the largest arm, 31557600000000000 samples of every host per arm)") == true, "\(found)")
    }

    static let twoArms = base + "\n  - {name: b, placement: first-fit, host_groups: [{type: h, count: 2}]}\n"

    @Test(
        "what was silently dropped or misread is an error (empty list items, impossible dates, YAML 1.1 numbers)",
        arguments: [
            ("arms.1=", "s.yaml: arms[1] (from --set): expected a mapping (key: value lines), found nothing"),
            ("arms.1.host_groups.0=", "s.yaml: arms[1].host_groups[0] (from --set): expected a mapping (key: value lines), found nothing"),
            ("vm_groups.0=~", "s.yaml: vm_groups[0] (from --set): expected a mapping (key: value lines), found null"),
            ("start=2026-02-30T00:00:00", "s.yaml: start (from --set): \"2026-02-30T00:00:00\" does not exist: month 2 of 2026 has 28 days"),
            ("start=2100-02-29T00:00:00", "s.yaml: start (from --set): \"2100-02-29T00:00:00\" does not exist: month 2 of 2100 has 28 days"),
            (
                "vm_groups.0.count=010",
                "s.yaml: vm_groups[0].count (from --set): expected an integer between 1 and 100000000, found 010 (a leading zero: YAML 1.1 reads 010 as octal 8, YAML 1.2 as 10; write the number without leading zeros)"
            ),
            (
                "vm_groups.0.count=0b11",
                "s.yaml: vm_groups[0].count (from --set): expected an integer between 1 and 100000000, found 0b11 (binary numbers are YAML 1.1 only; write the number in decimal)"
            ),
            (
                "vm_groups.0.count=1:30",
                "s.yaml: vm_groups[0].count (from --set): expected an integer between 1 and 100000000, found 1:30 (YAML 1.1 reads it as a base-60 number; write the number in decimal)"
            ),
            (
                "vm_groups.0.mips_per_vcpu=01000",
                "s.yaml: vm_groups[0].mips_per_vcpu (from --set): expected a number between 1e-06 and 1000000000000, found 01000 (a leading zero: YAML 1.1 reads 010 as octal 8, YAML 1.2 as 10; write the number without leading zeros)"
            )
        ])
    func silentAnswersRefused(_ set: String, _ expected: String) throws {
        #expect(try Self.issues([set], yaml: Self.twoArms) == [expected])
    }

    @Test("an empty item in the file (a bare \"-\" under host_groups) is an error at its line, not a deleted group")
    func bareDashInFile() throws {
        let yaml = Self.base + "\n  - name: b\n    placement: first-fit\n    host_groups:\n      - {type: h, count: 2}\n      -\n"
        let found = try Self.issues([], yaml: yaml)
        #expect(found == ["s.yaml:17:8: arms[1].host_groups[1]: expected a mapping (key: value lines), found nothing"], "\(found)")
    }

    @Test("a local start time the clocks skip (daylight saving) is an error with the reason; one just after is fine")
    func startInDSTGap() throws {
        #expect(
            try Self.issues(["start=2026-03-29T02:30:00", "time_zone=Europe/Amsterdam"]) == [
                "s.yaml: start (from --set): \"2026-03-29T02:30:00\" does not exist in Europe/Amsterdam: the clocks skip it at a daylight-saving change"
            ])
        #expect(try Self.issues(["start=2026-03-29T03:30:00", "time_zone=Europe/Amsterdam"]).isEmpty)
        #expect(try Self.issues(["start=2024-02-29T00:00:00", "time_zone=America/New_York"]).isEmpty)
        #expect(try Self.issues(["start=2026-03-08T02:30:00", "time_zone=America/New_York"]).count == 1)
    }

    @Test("a flat and an hourly electricity price in one costs mapping is an error (the flat one was ignored)")
    func flatAndHourlyPrice() throws {
        let hourly = "[" + Array(repeating: "0.2", count: 24).joined(separator: ", ") + "]"
        let found = try Self.issues(["costs={electricity_usd_per_kwh: 0.1, electricity_usd_per_kwh_by_hour: \(hourly)}"])
        #expect(
            found == [
                "s.yaml: costs.electricity_usd_per_kwh_by_hour (from --set): give either electricity_usd_per_kwh (one flat price) or electricity_usd_per_kwh_by_hour (24 hourly prices), not both"
            ])
        #expect(try Self.issues(["costs={electricity_usd_per_kwh_by_hour: \(hourly)}"]).isEmpty)
    }

    @Test("a VM group with vcpus: 2 on a cloudsim-3.0.3 arm is an error (CloudSim's VMs have one PE; the vCPUs were ignored)")
    func cloudSimVCPUs() throws {
        let sets = ["arms.0={name: a, profile: cloudsim-3.0.3, consolidation: npa, host_groups: [{type: h, count: 2}]}"]
        #expect(try Self.issues(sets).isEmpty)
        #expect(
            try Self.issues(sets + ["vm_groups.0.vcpus=2"]) == [
                "s.yaml: arms[0] (from --set): the cloudsim-3.0.3 profile runs each VM on one PE (CloudSim's PlanetLab VMs); VM group \"web\" has vcpus: 2: give it vcpus: 1 (mips_per_vcpu is then the VM's MIPS), or run this arm on the virtsim profile"
            ])
    }

    @Test(
        "a host type with problems is reported where it is defined, not as unknown where used; a trace error is not followed by a false missing workload",
        arguments: [
            ("host_types.h.power=", "s.yaml: host_types.h.power (from --set): expected a power model mapping {model: linear|specpower, ...}, found nothing"),
            ("host_types.h=", "s.yaml: host_types.h (from --set): expected a mapping (key: value lines), found nothing"),
            ("host_types.h.cores=abc", "s.yaml: host_types.h.cores (from --set): expected an integer between 1 and 1000000, found \"abc\"")
        ])
    func oneErrorPerCause(_ set: String, _ expected: String) throws {
        #expect(try Self.issues([set]) == [expected])
    }

    @Test("a shared workload with a trace error: its error alone, no \"missing key workload\" per group")
    func sharedWorkloadError() throws {
        let found = try Self.issues(["vm_groups.0.workload=", "workload={type: bitbrains, path: /nonexistent-virtsim}"])
        #expect(found == ["s.yaml: workload.path (from --set): /nonexistent-virtsim: trace folder not found: expected a folder of Bitbrains <vm id>.csv files"])
    }

    @Test("a service whose requests would not fit in memory is refused with the estimate (rate_per_s 1e9 for 24 h)")
    func serviceRequestsEstimate() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
        let doc = try YAMLDocument.load(path: root + "/scenarios/keda-scale-to-zero.yaml")
        try doc.apply(overrides: ["services.0.requests.rate_per_s=1e9"])
        let collector = IssueCollector()
        #expect(decodeScenario(doc, collector: collector) == nil)
        let found = collector.issues.map(\.message)
        #expect(found.count == 1 && found[0].contains(", 1.73e+14 service requests), more than this machine's"), "\(found)")
        #expect(found.first?.hasSuffix("lower the counts and request rates") == true)
    }
}
