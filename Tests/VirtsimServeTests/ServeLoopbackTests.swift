import Foundation
import Reports
import Scenario
import Engine
import Testing
import VirtsimCore

@testable import VirtsimServe

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// Twelve lightly loaded servers against three hypervisor hosts for two hours: a run of about
/// a second in a debug build.
let miniScenario = """
    name: mini
    seed: 7
    duration: 2 h
    sampling_interval: 15 min
    costs: {electricity_usd_per_kwh: 0.10}
    host_types:
      old: {cores: 2, core_mips: 1860, ram: 4 GiB, power: {model: linear, idle_w: 86, max_w: 117}}
      new: {cores: 12, core_mips: 3066, ram: 96 GiB, power: {model: linear, idle_w: 60, max_w: 250}, price_usd: 6000}
    vm_groups:
      - {name: web, count: 12, vcpus: 2, mips_per_vcpu: 1860, ram: 2 GiB, workload: {type: constant, cpu: 0.1}}
    arms:
      - name: physical
        baseline: true
        placement: dedicated
        hypervisor: none
        host_groups: [{type: old, count: 12}]
      - name: consolidated
        placement: best-fit-decreasing
        cpu_overcommit: 2
        host_groups: [{type: new, count: 3}]

    """

/// Three thousand servers for a week: tens of seconds even in a release build, so a run of it
/// is always still going when the test cancels it.
let slowScenario = """
    name: slow
    seed: 7
    duration: 7 d
    sampling_interval: 5 min
    host_types:
      old: {cores: 2, core_mips: 1860, ram: 4 GiB, power: {model: linear, idle_w: 86, max_w: 117}}
      new: {cores: 12, core_mips: 3066, ram: 96 GiB, power: {model: linear, idle_w: 60, max_w: 250}}
    vm_groups:
      - {name: web, count: 3000, vcpus: 2, mips_per_vcpu: 1860, ram: 2 GiB, workload: {type: stochastic, interval: 5 min, cpu: {distribution: beta, a: 2, b: 18}}}
    arms:
      - {name: physical, baseline: true, placement: dedicated, hypervisor: none, host_groups: [{type: old, count: 3000}]}
      - {name: consolidated, placement: best-fit-decreasing, cpu_overcommit: 2, host_groups: [{type: new, count: 600}]}

    """

/// A scenario with a type error on line 3, column 11.
let brokenScenario = """
    name: broken
    seed: 7
    duration: soon
    host_types: {}

    """

/// The virtsim executable `swift build` put beside the test bundle.
func virtsimExecutable() -> String? {
    let besideTests = (CommandLine.arguments[0] as NSString).deletingLastPathComponent + "/virtsim"
    let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
    return [besideTests, repo + "/.build/debug/virtsim"].first { FileManager.default.isExecutableFile(atPath: $0) }
}

final class PortBox: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0
    func set(_ p: Int) { lock.withLock { value = p } }
    var port: Int { lock.withLock { value } }
}

/// One request to the server on loopback, bounded by `timeout` seconds.
func fetch(_ port: Int, _ pathAndQuery: String, body: String? = nil, timeout: Double = 60) async throws -> (Int, String) {
    var r = URLRequest(url: URL(string: "http://127.0.0.1:\(port)\(pathAndQuery)")!)
    r.timeoutInterval = timeout
    if let body {
        r.httpMethod = "POST"
        r.httpBody = Data(body.utf8)
        r.setValue("application/x-www-form-urlencoded", forHTTPHeaderField: "Content-Type")
    }
    let (data, response) = try await URLSession.shared.data(for: r)
    return ((response as? HTTPURLResponse)?.statusCode ?? 0, String(decoding: data, as: UTF8.self))
}

@Suite(.serialized) struct ServeLoopbackTests {
    /// Starts the server on a free loopback port over a folder holding mini.yaml, runs `body`,
    /// then stops the server.
    func withServer(maxRunSeconds: Double = 60, _ body: (Int, String) async throws -> Void) async throws {
        let exe = try #require(virtsimExecutable(), "build virtsim first (swift build)")
        let folder = NSTemporaryDirectory() + "virtsim-serve-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder + "/root", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try miniScenario.write(toFile: folder + "/root/mini.yaml", atomically: true, encoding: .utf8)
        try slowScenario.write(toFile: folder + "/root/slow.yaml", atomically: true, encoding: .utf8)
        try brokenScenario.write(toFile: folder + "/root/broken.yaml", atomically: true, encoding: .utf8)
        try "secret,1\n".write(toFile: folder + "/outside.csv", atomically: true, encoding: .utf8)
        var o = ServeOptions(folder: folder + "/root", executable: exe)
        o.port = 0
        o.maxRunSeconds = maxRunSeconds
        let box = PortBox()
        let app = try makeServeApplication(o) { box.set($0) }
        let server = Task { try await app.run() }
        defer { server.cancel() }
        for _ in 0..<200 where box.port == 0 { try await Task.sleep(nanoseconds: 50_000_000) }
        let port = box.port
        try #require(port > 0, "the server did not start within 10 s")
        try await body(port, folder + "/root")
        server.cancel()
        _ = await server.result
    }

    @Test(.timeLimit(.minutes(3))) func aRunOverLoopbackGivesRunScenarioFilesSavings() async throws {
        try await withServer { port, root in
            let (s0, list) = try await fetch(port, "/")
            #expect(s0 == 200 && list.contains("mini.yaml"))
            let (s1, form) = try await fetch(port, "/scenario?path=mini.yaml")
            #expect(s1 == 200)
            #expect(form.contains("name=\"arms.1.cpu_overcommit\" value=\"2\""))
            #expect(form.contains("name=\"arms.1.host_groups.0.count\" value=\"3\""))
            let overrides = ["arms.1.cpu_overcommit=1.5", "arms.1.host_groups.0.count=4"]
            let (s2, page) = try await fetch(port, "/run", body: "path=mini.yaml&arms.1.cpu_overcommit=1.5&arms.1.host_groups.0.count=4&arms.0.hypervisor=none")
            #expect(s2 == 200)
            #expect(page.contains("id=\"savings\""))
            // the changed fields only, in form order (host counts first)
            #expect(page.contains("virtsim run … --set arms.1.host_groups.0.count=4 --set arms.1.cpu_overcommit=1.5</p>"))
            // the served savings.csv against runScenarioFile's, same overrides
            let link = try #require(page.firstMatch(of: /href="\/file\?path=([^"]*savings\.csv)"/)?.1)
            let (s3, served) = try await fetch(port, "/file?path=" + link)
            #expect(s3 == 200)
            let out = root + "/../direct"
            let direct = try runScenarioFile(RunOptions(scenarioPath: root + "/mini.yaml", outDir: out, overrides: overrides, report: false))
            #expect(served == (try String(contentsOfFile: out + "/savings.csv", encoding: .utf8)))
            let rows = SavingsRow.read(root + "/" + String(link).removingPercentEncoding!)
            #expect(rows.map(\.category) == direct.savings.map(\.category))
            // savings.csv keeps 6 decimals
            #expect(zip(rows, direct.savings).allSatisfy { abs($0.value - $1.value) <= 5e-7 * max(1, abs($1.value)) })
            #expect(rows.count == direct.savings.count)
            // the second run shows its change from the first
            let (_, again) = try await fetch(
                port, "/run", body: "path=mini.yaml&arms.1.host_groups.0.count=4&arms.1.cpu_overcommit=1.5&costs.electricity_usd_per_kwh=0.2")
            #expect(again.contains("class=\"up\"") || again.contains("class=\"down\""))
            #expect(!again.contains("(first run)"))
        }
    }

    @Test(.timeLimit(.minutes(2))) func outsidePathsAndLargeRequestsAreRefused() async throws {
        try await withServer { port, root in
            for q in [
                "/scenario?path=../outside.csv", "/scenario?path=..%2Foutside.csv", "/scenario?path=%2e%2e%2foutside.csv",
                "/scenario?path=%252e%252e%252foutside.csv", "/scenario?path=%2Fetc%2Fpasswd", "/file?path=.virtsim-serve/..%2F..%2Foutside.csv",
                "/file?path=mini.yaml"
            ] {
                let (status, page) = try await fetch(port, q)
                #expect(status == 403, "\(q)")
                #expect(!page.contains("secret"))
            }
            let (saveStatus, _) = try await fetch(port, "/save", body: "path=mini.yaml&save_as=..%2Fevil.yaml")
            #expect(saveStatus == 403)
            #expect(!FileManager.default.fileExists(atPath: root + "/../evil.yaml"))
            let (big, _) = try await fetch(port, "/run", body: "path=mini.yaml&x=" + String(repeating: "a", count: 70_000))
            #expect(big == 413)
            let (longURI, _) = try await fetch(port, "/scenario?path=" + String(repeating: "a", count: 70_000))
            #expect(longURI == 413 || longURI == 431 || longURI == 400)
        }
    }

    @Test(.timeLimit(.minutes(2))) func saveAsWritesANewValidScenarioAndNeverOverwritesUnasked() async throws {
        try await withServer { port, root in
            let (s1, page) = try await fetch(port, "/save", body: "path=mini.yaml&save_as=mini-2.yaml&arms.1.cpu_overcommit=3")
            #expect(s1 == 200)
            #expect(page.contains("Saved mini-2.yaml: valid."))
            #expect(validateScenarioFile(path: root + "/mini-2.yaml", overrides: []).isEmpty)
            let (_, model) = try loadScenario(path: root + "/mini-2.yaml", overrides: [])
            #expect(model.arms[1].cpuOvercommit == 3)
            let (s2, _) = try await fetch(port, "/save", body: "path=mini.yaml&save_as=mini-2.yaml&arms.1.cpu_overcommit=4")
            #expect(s2 == 409)
            let (s3, _) = try await fetch(port, "/save", body: "path=mini.yaml&save_as=mini-2.yaml&overwrite=yes&arms.1.cpu_overcommit=4")
            #expect(s3 == 200)
            #expect(try loadScenario(path: root + "/mini-2.yaml", overrides: []).1.arms[1].cpuOvercommit == 4)
        }
    }

    /// A newer run ends the one in progress; a run over the limit is ended with a message.
    @Test(.timeLimit(.minutes(2))) func aNewerRunCancelsTheRunningOneAndSlowRunsAreStopped() async throws {
        try await withServer(maxRunSeconds: 2) { port, _ in
            let first = Task { try await fetch(port, "/run", body: "path=slow.yaml") }
            try await Task.sleep(nanoseconds: 500_000_000)
            let (s2, second) = try await fetch(port, "/run", body: "path=slow.yaml&arms.1.cpu_overcommit=3")
            let (s1, firstPage) = try await first.value
            #expect(s1 == 200 && firstPage.contains("cancelled: a newer change started another run"))
            #expect(s2 == 200 && second.contains("cancelled: over the time limit of 2 s"))
        }
    }

    /// A run still going after a few seconds says how far it has got (`GET /progress`, which the
    /// page polls); the form carries the script that re-runs on change and shows it.
    @Test(.timeLimit(.minutes(2))) func aLongRunShowsItsProgress() async throws {
        try await withServer(maxRunSeconds: 6) { port, _ in
            let (_, form) = try await fetch(port, "/scenario?path=mini.yaml")
            #expect(form.contains("<script>") && form.contains("fetch('/progress'") && form.contains("id=\"progress\""))
            let (idleStatus, idle) = try await fetch(port, "/progress")
            #expect(idleStatus == 200 && idle.isEmpty, "no run, no progress")
            let run = Task { try await fetch(port, "/run", body: "path=slow.yaml") }
            var seen = ""
            for _ in 0..<40 where !seen.contains("% of 7 d simulated") {
                try await Task.sleep(nanoseconds: 250_000_000)
                seen = try await fetch(port, "/progress").1
            }
            // virtsim run --progress lines: "arm 1/2 physical: 12% of 7 d simulated, elapsed 2.1 s"
            #expect(
                seen.range(of: #"^arm [12]/2 (physical|consolidated): \d+% of 7 d simulated, elapsed [0-9.]+ s(, ETA \d+:\d\d)?$"#, options: .regularExpression)
                    != nil,
                "\(seen)")
            let (_, page) = try await run.value
            #expect(page.contains("cancelled: over the time limit of 6 s"))
            #expect(!page.contains("progress: "), "progress lines are not errors")
        }
    }

    /// A knob inside a section the file does not have says so (no `dpm:` means no DPM, whatever
    /// `dpm.enabled`'s default within the section).
    @Test(.timeLimit(.minutes(2))) func aKnobOfAnAbsentSectionSaysSo() async throws {
        try await withServer { port, _ in
            let (_, form) = try await fetch(port, "/scenario?path=mini.yaml")
            #expect(form.contains("not set, and the file has no dpm: section here (a value adds one); within one: default true"))
        }
    }

    /// A scenario that does not decode shows its problems with file, line and column.
    @Test(.timeLimit(.minutes(2))) func scenarioErrorsShowTheirPosition() async throws {
        try await withServer { port, _ in
            let (status, page) = try await fetch(port, "/scenario?path=broken.yaml")
            #expect(status == 200)
            #expect(page.contains("id=\"issues\""))
            #expect(page.contains("broken.yaml:3:11: duration"))
            let (_, run) = try await fetch(port, "/run", body: "path=broken.yaml")
            #expect(run.contains("broken.yaml:3:11: duration"))
        }
    }
}
