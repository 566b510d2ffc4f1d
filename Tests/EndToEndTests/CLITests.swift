import Testing
import Foundation

/// The CLI binary built by `swift build` / `swift test` (debug).
let cliPath = packageRoot + "/.build/debug/virtsim"

func runCLI(_ args: [String]) throws -> (status: Int32, out: String, err: String) {
    try runOnProcess(cliPath, args)
}

func runOnProcess(_ executable: String, _ args: [String]) throws -> (status: Int32, out: String, err: String) {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: executable)
    p.arguments = args
    let o = Pipe(), e = Pipe()
    p.standardOutput = o; p.standardError = e
    try p.run()
    let out = o.fileHandleForReading.readDataToEndOfFile()
    let err = e.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    return (p.terminationStatus, String(decoding: out, as: UTF8.self), String(decoding: err, as: UTF8.self))
}

@Suite("CLI: exit status and messages", .enabled(if: FileManager.default.isExecutableFile(atPath: cliPath), "needs .build/debug/virtsim"))
struct CLITests {
    @Test("validate: ok exits 0; every problem on stderr as FILE:LINE:COL: path: message, exit 1")
    func validate() throws {
        let dir = makeTempDir()
        write(miniScenario(), to: dir + "/ok.yaml")
        let ok = try runCLI(["validate", dir + "/ok.yaml"])
        #expect(ok.status == 0 && ok.out.contains("ok"))
        write(miniScenario(count: "abc", placement: "best-fitt"), to: dir + "/bad.yaml")
        let bad = try runCLI(["validate", dir + "/bad.yaml"])
        #expect(bad.status == 1)
        #expect(bad.err.contains("bad.yaml:13:12: vm_groups[0].count: expected an integer"), "\(bad.err)")
        #expect(bad.err.contains("arms[1].placement: unknown value \"best-fitt\""), "\(bad.err)")
        #expect(bad.err.contains("2 problems found"))
    }

    @Test("guard rails: a VM group that fits no host is a validate error; VMs left unplaced make run exit 3 unless allow_unplaced")
    func guardRails() throws {
        let dir = makeTempDir()
        write(miniScenario(), to: dir + "/s.yaml")
        // 8 vCPUs on 4-core hosts, and 32 GiB on 16-GiB hosts: never placeable
        for set in ["vm_groups.0.vcpus=8", "vm_groups.0.ram=32 GiB"] {
            let v = try runCLI(["validate", dir + "/s.yaml", "--set", set])
            #expect(v.status == 1, "\(set): \(v.err)")
            #expect(
                v.err.contains("arms[0]") && v.err.contains("arms[1]") && v.err.contains("VM group \"g\"")
                    && v.err.contains("fits no host type") && v.err.contains("largest: 4 cores"), "\(v.err)")
        }
        // 4 hosts of 4 × 1000 MIPS hold 16 one-vCPU VMs; 20 leave 4 unplaced on the packed arm (the baseline needs 20 servers)
        let r = try runCLI(["run", dir + "/s.yaml", "--out", dir + "/o", "--quiet", "--set", "vm_groups.0.count=20"])
        #expect(r.status == 3, "\(r.err)")
        #expect(r.err.contains("VMs were left unplaced (base: 16 VMs, packed: 4 VMs)") && r.err.contains("allow_unplaced: true"), "\(r.err)")
        #expect(FileManager.default.fileExists(atPath: dir + "/o/summary.csv"), "the files are written all the same")
        let allowed = try runCLI(["run", dir + "/s.yaml", "--out", dir + "/o2", "--quiet", "--set", "vm_groups.0.count=20", "--set", "allow_unplaced=true"])
        #expect(allowed.status == 0, "\(allowed.err)")
    }

    @Test("run --progress: each mode runs and writes nothing but progress on stderr (none in the first second); an unknown mode is refused")
    func progressFlag() throws {
        let dir = makeTempDir()
        write(miniScenario(), to: dir + "/s.yaml")
        for mode in ["lines", "bar", "none", "auto"] {
            let r = try runCLI(["run", dir + "/s.yaml", "--out", dir + "/o-\(mode)", "--progress", mode, "--no-report"])
            let other = r.err.split(whereSeparator: { $0 == "\n" || $0 == "\r" }).filter { !$0.contains("simulated, elapsed") && $0 != "\u{1B}[K" }
            #expect(r.status == 0 && other.isEmpty && r.out.contains("arm"), "\(mode): \(r.err)")
        }
        let bad = try runCLI(["run", dir + "/s.yaml", "--out", dir + "/o", "--progress", "sometimes"])
        #expect(bad.status != 0 && bad.err.contains("--progress sometimes: expected auto, bar, lines or none"), "\(bad.err)")
    }

    /// 1,500 servers against 300 hosts for two days: a few seconds in a debug build, so the
    /// progress display (which waits a second) has something to show.
    static let secondsLongScenario = """
        name: pty
        seed: 7
        duration: 2 d
        sampling_interval: 5 min
        host_types:
          old: {cores: 2, core_mips: 1860, ram: 4 GiB, power: {model: linear, idle_w: 86, max_w: 117}}
          new: {cores: 12, core_mips: 3066, ram: 96 GiB, power: {model: linear, idle_w: 60, max_w: 250}}
        vm_groups:
          - {name: web, count: 1500, vcpus: 2, mips_per_vcpu: 1860, ram: 2 GiB, workload: {type: stochastic, interval: 5 min, cpu: {distribution: beta, a: 2, b: 18}}}
        arms:
          - {name: physical, baseline: true, placement: dedicated, hypervisor: none, host_groups: [{type: old, count: 1500}]}
          - {name: consolidated, placement: best-fit-decreasing, cpu_overcommit: 2, host_groups: [{type: new, count: 300}]}

        """

    @Test(
        "run on a pseudo-terminal: a progress bar with arm, share simulated, elapsed and ETA, erased before the summary; --quiet and a pipe show none",
        .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/script"), "needs script(1) from util-linux for a pseudo-terminal"))
    func progressBarOnATerminal() throws {
        let dir = makeTempDir()
        write(Self.secondsLongScenario, to: dir + "/s.yaml")
        // script(1) runs the command with its standard streams on a new pseudo-terminal
        let onTTY = { (extra: String) throws -> String in
            let r = try runOnProcess("/usr/bin/script", ["-qec", "\(cliPath) run \(dir)/s.yaml --out \(dir)/o --no-report\(extra)", "/dev/null"])
            #expect(r.status == 0, "\(r.err)")
            return r.out
        }
        let shown = try onTTY("")
        #expect(
            shown.range(
                of: #"\rarm [12]/2 (physical|consolidated) \[[#.]{20}\] \d+% of 2 d simulated, elapsed 0:\d\d(, ETA \d+:\d\d)?\x1B\[K"#,
                options: .regularExpression)
                != nil, "\(shown.debugDescription.prefix(400))")
        #expect(shown.contains(", ETA "), "the ETA once a share is done")
        // the bar is erased, and the summary starts on a clean line
        #expect(shown.contains("\r\u{1B}[Kpty: 2 arms"), "\(shown.debugDescription.suffix(2000))")
        let quiet = try onTTY(" --quiet")
        #expect(quiet.isEmpty, "--quiet: \(quiet.debugDescription.prefix(300))")
        let piped = try runCLI(["run", dir + "/s.yaml", "--out", dir + "/o2", "--no-report"])
        #expect(piped.status == 0 && piped.err.isEmpty, "not a terminal: nothing on stderr; \(piped.err.prefix(300))")
    }

    @Test("run: a bad scenario exits 1 with the error; a bad flag exits non-zero; no trap")
    func run() throws {
        let dir = makeTempDir()
        write("name: [", to: dir + "/broken.yaml")
        let r = try runCLI(["run", dir + "/broken.yaml", "--out", dir + "/o"])
        #expect(r.status == 1 && r.err.contains("broken.yaml:"), "\(r.err)")
        let f = try runCLI(["run", dir + "/broken.yaml", "--seed", "-4"])
        #expect(f.status != 0 && f.status < 128, "argument error, not a crash: \(f.status)")
        let m = try runCLI(["run", dir + "/missing.yaml"])
        #expect(m.status == 1 && m.err.contains("missing.yaml"), "\(m.err)")
    }

    @Test("run writes the five files and prints the savings; list names every policy")
    func runAndList() throws {
        let dir = makeTempDir()
        write(miniScenario(), to: dir + "/s.yaml")
        let r = try runCLI(["run", dir + "/s.yaml", "--out", dir + "/out", "--set", "seed=3"])
        #expect(r.status == 0, "\(r.err)")
        #expect(r.out.contains("it_energy"))
        for f in ["summary.csv", "timeseries.csv", "hosts.csv", "savings.csv", "manifest.json"] {
            #expect(FileManager.default.fileExists(atPath: dir + "/out/" + f))
        }
        #expect(read(dir + "/out/manifest.json")?.contains("\"seed\": 3") == true)
        let l = try runCLI(["list"])
        for n in ["first-fit", "best-fit-decreasing", "worst-fit", "power-aware-bfd", "dedicated", "specpower", "planetlab", "bitbrains"] {
            #expect(l.out.contains(n), "\(n)")
        }
    }
}

@Suite("Shell completions", .enabled(if: FileManager.default.isExecutableFile(atPath: cliPath), "needs .build/debug/virtsim"))
struct CompletionTests {
    @Test("bash, zsh and fish scripts complete scenario and sweep files (*.yaml), inventories (*.csv) and output folders")
    func completions() throws {
        for shell in ["bash", "zsh", "fish"] {
            let (status, out, _) = try runCLI(["--generate-completion-script", shell])
            #expect(status == 0 && out.contains("yaml") && out.contains("csv"), "\(shell)")
        }
        let (_, bash, _) = try runCLI(["--generate-completion-script", "bash"])
        #expect(bash.contains("-fX '!*.@(yaml|yml)'"), "run/validate/size/sweep FILE: YAML files")
        #expect(bash.contains("-fX '!*.@(csv)'"), "import FILES: CSV files")
    }
}
