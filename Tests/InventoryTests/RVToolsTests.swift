import Foundation
import Testing

@testable import Inventory

@Suite("RVTools CSV tabs")
struct RVToolsTests {
    /// Records without their provenance (file), for comparing two files of one estate.
    func canonical(_ r: InventoryResult) -> ([VMRecord], [HostRecord]) {
        (
            r.vms.map {
                var v = $0; v.file = ""; return v
            },
            r.hosts.map {
                var h = $0; h.file = ""; return h
            }
        )
    }

    @Test("the GUI's headers and the CSV export's internal names give identical canonical records")
    func headerSets() {
        let gui = Inventory.read(paths: [estate + "vinfo-gui.csv", estate + "vhost.csv"])
        let export = Inventory.read(paths: [estate + "vhost-export.csv", estate + "vinfo-export.csv"])  // any order
        #expect(gui.issues.isEmpty && export.issues.isEmpty, "\(gui.issues) \(export.issues)")
        #expect(gui.vms.count == 374 && gui.hosts.count == 24)
        let (gv, gh) = canonical(gui), (ev, eh) = canonical(export)
        #expect(gv == ev)
        #expect(gh == eh)
        #expect(gui.notes.contains { $0.contains("the GUI's headers") })
        #expect(export.notes.contains { $0.contains("the CSV export's internal names") })
        // MiB as read, clock from vHost Speed, OS from VMware Tools first
        let first = gui.vms[0]  // syn-db-002 (syn-app-001 is powered off)
        #expect(first.name == "syn-db-002" && first.vcpus == 4 && first.memMiB == 2048 && first.diskUsedMiB == 400230.4)
        #expect(first.cpuMHz == 2300 && first.host == "esx-test-06.synthetic.example" && first.guestOS == "Ubuntu Linux (64-bit)")
    }

    @Test("templates and SRM placeholders are dropped; powered-off and suspended VMs counted and left out, or kept on request")
    func filters() {
        let r = Inventory.read(paths: [estate + "vinfo-gui.csv"])
        #expect(r.rows == 420)
        #expect(r.templates == 12 && r.srmPlaceholders == 6 && r.poweredOff == 28)
        #expect(r.vms.count == 420 - 12 - 6 - 28)
        #expect(r.vms.allSatisfy { $0.powerState == .on && !$0.isTemplate && !$0.isSRMPlaceholder })
        var o = InventoryOptions()
        o.includePoweredOff = true
        let kept = Inventory.read(paths: [estate + "vinfo-gui.csv"], options: o)
        #expect(kept.vms.count == 420 - 12 - 6 && kept.poweredOff == 28)
    }

    @Test("utilisation: the vCPU/vMemory snapshot where given, else the stated default, marked as an assumption")
    func utilisationSources() {
        let bare = Inventory.read(paths: [estate + "vinfo-gui.csv"])
        #expect(bare.cpuSource.allSatisfy { $0 == .assumed })
        #expect(bare.vms.allSatisfy { $0.cpuAvgPct == 10 && $0.cpuP95Pct == 30 && $0.cpuMHz == 2400 && $0.memActivePct == 30 })
        #expect(bare.assumptions.contains { $0.hasPrefix("374 of 374 VMs have no CPU utilisation: mean 10%, p95 30%") })
        let snap = Inventory.read(paths: [
            estate + "vinfo-gui.csv", estate + "vhost.csv", estate + "vcpu.csv", estate + "vmemory.csv", estate + "monitoring.csv"
        ])
        #expect(snap.issues.isEmpty, "\(snap.issues)")
        // the monitoring export's series win: 364 VMs have one, the other 10 take the snapshot
        #expect(snap.cpuSource.filter { $0 == .series }.count == 364 && snap.cpuSource.filter { $0 == .snapshot }.count == 10)
        #expect(snap.assumptions.contains { $0.hasPrefix("10 of 374 VMs take CPU from the vCPU tab's snapshot") }, "\(snap.assumptions)")
        #expect(snap.monitoringFiles == [estate + "monitoring.csv"] && snap.monitoringStepS == 3600)
        #expect(snap.monitoringStartUnixS == 1_767_571_200, "2026-01-05T00:00:00Z")
        // vCPU Overall / (CPUs × Speed); vMemory Active / Size MiB
        let vcpu = try! CSVFile(path: estate + "vcpu.csv"), vmem = try! CSVFile(path: estate + "vmemory.csv")
        let v = snap.vms[0]
        let row = vcpu.rows.first { $0.fields[0] == v.name }!, mrow = vmem.rows.first { $0.fields[0] == v.name }!
        let overall = Double(row.fields[vcpu.column("Overall")!])!, active = Double(mrow.fields[vmem.column("Active")!])!
        #expect(abs(v.cpuAvgPct! - overall / (Double(v.vcpus) * v.cpuMHz!) * 100) < 1e-9)
        #expect(abs(v.cpuP95Pct! - min(100, v.cpuAvgPct! * 3)) < 1e-9)
        #expect(abs(v.memActivePct! - active / Double(v.memMiB) * 100) < 1e-9)
    }

    @Test("every row problem names file:line and the column, and what was expected; the read carries on")
    func rowProblems() {
        let text = """
            VM,Powerstate,Template,SRM Placeholder,CPUs,Memory,In Use MiB,Folder
            a,poweredOn,False,False,abc,4096,100,x
            b,poweredOn,False,False,2,,100,"multi
            line, quoted"
            c,running,maybe,False,2,4096,-5,y
            a,poweredOn,False,False,2,4096,100,z
            """
        let path = tempFile("vinfo.csv", text)
        let r = Inventory.read(paths: [path])
        let messages = r.issues.map(\.description)
        #expect(messages.contains("\(path):2: column \"CPUs\": expected vCPUs, an integer ≥ 1, found \"abc\""), "\(messages)")
        #expect(messages.contains("\(path):3: column \"Memory\": empty: expected MiB, a number ≥ 1"), "\(messages)")
        // the quoted field spans two lines: the next row starts on line 5
        #expect(messages.contains("\(path):5: column \"Powerstate\": expected poweredOn, poweredOff or suspended, found \"running\""), "\(messages)")
        #expect(messages.contains("\(path):5: column \"Template\": expected True or False, found \"maybe\""), "\(messages)")
        #expect(messages.contains("\(path):5: column \"In Use MiB\": expected MiB, a number ≥ 0, found -5"), "\(messages)")
        #expect(r.vms.map(\.name) == ["a"] && r.badRows == 3)
        // with skip_bad_rows the same problems are warnings
        var o = InventoryOptions()
        o.skipBadRows = true
        let skipped = Inventory.read(paths: [path], options: o)
        #expect(skipped.issues.isEmpty && skipped.warnings.count == r.issues.count)
    }

    @Test("duplicate VMs: the natural key is VM + VI SDK Server (same name on two vCenters is two VMs)")
    func duplicates() {
        let text = """
            VM,Powerstate,Template,CPUs,Memory,In Use MiB,VI SDK Server
            a,poweredOn,False,1,1024,10,vc1
            a,poweredOn,False,1,1024,10,vc2
            a,poweredOn,False,1,1024,10,vc1
            """
        let path = tempFile("vinfo.csv", text)
        let r = Inventory.read(paths: [path])
        #expect(r.vms.count == 2)
        #expect(
            r.issues.map(\.description) == [
                "\(path):4: duplicate VM \"a\" of VI SDK Server \"vc1\" (first at \(path):2); the natural key is VM + VI SDK Server"
            ])
    }

    @Test("never a crash: empty file, missing required column, no vInfo, unknown tab, open quote, BOM and CRLF, semicolons")
    func robustness() {
        let empty = tempFile("empty.csv", "")
        #expect(Inventory.read(paths: [empty]).issues.map(\.description) == ["\(empty):1: empty file: expected a header row and data rows"])
        let missing = tempFile("vinfo.csv", "VM,Powerstate,Template,Memory,In Use MiB\na,poweredOn,False,1024,1\n")
        #expect(
            Inventory.read(paths: [missing]).issues.map(\.description).contains {
                $0.hasPrefix("\(missing):1: missing required column \"CPUs\" or \"# CPUs\" or \"vInfoCPUs\"")
            })
        let host = tempFile("vhost.csv", "Host,Speed,# CPU,# Cores,# Memory\nh,2000,2,16,262144\n")
        #expect(Inventory.read(paths: [host]).issues.map(\.description).contains { $0.contains("no vInfo tab") })
        let other = tempFile("x.csv", "foo,bar\n1,2\n")
        #expect(Inventory.read(paths: [other]).issues.map(\.description).contains { $0.hasPrefix("\(other):1: not an RVTools tab") })
        let open = tempFile("o.csv", "VM,Powerstate,Template,CPUs,Memory,In Use MiB\n\"a,poweredOn,False,1,1024,1\n")
        #expect(Inventory.read(paths: [open]).issues.map(\.description) == ["\(open):2: a quoted field opened here is never closed"])
        let crlf = tempFile("c.csv", "\u{FEFF}VM;Powerstate;Template;CPUs;Memory;In Use MiB\r\n\"x;y\";poweredOn;False;2;2048;5\r\n\r\n")
        let r = Inventory.read(paths: [crlf])
        #expect(r.issues.isEmpty && r.vms.map(\.name) == ["x;y"] && r.vms[0].memMiB == 2048)
        #expect(Inventory.read(paths: [NSTemporaryDirectory() + "no-such-file.csv"]).issues.count == 1)
        #expect(Inventory.read(paths: []).issues.count == 1)
    }
}

@Suite("Inventory: no input traps")
struct InventoryRobustnessTests {
    @Test("300 random mutations of a vInfo tab and of a generic file (bytes cut, swapped, quotes and separators added): every read returns")
    func mutations() throws {
        let sources = [
            try String(contentsOfFile: estate + "vinfo-export.csv", encoding: .utf8).split(separator: "\n").prefix(12).joined(separator: "\n"),
            try String(contentsOfFile: estate + "physical-estate.csv", encoding: .utf8).split(separator: "\n").prefix(12).joined(separator: "\n")
        ]
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next(_ n: Int) -> Int {  // SplitMix64
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return Int((z ^ (z >> 31)) % UInt64(n))
        }
        let inserts: [UInt8] = [34, 44, 10, 13, 59, 0xEF, 0xBB, 0xBF, 0xFF, 48, 45, 46]
        for i in 0..<300 {
            var bytes = Array(sources[i % 2].utf8)
            for _ in 0..<(1 + next(6)) {
                guard !bytes.isEmpty else { break }
                let at = next(bytes.count)
                switch next(3) {
                case 0: bytes.remove(at: at)
                case 1: bytes.insert(inserts[next(inserts.count)], at: at)
                default: bytes[at] = inserts[next(inserts.count)]
                }
            }
            let dir = NSTemporaryDirectory() + "inventory-fuzz"
            try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
            let path = dir + "/m\(i).csv"
            FileManager.default.createFile(atPath: path, contents: Data(bytes))
            let r = Inventory.read(paths: [path])
            // problems name the file; kept records are consistent
            #expect(r.issues.allSatisfy { $0.file == path || $0.file.isEmpty })
            #expect(r.vms.allSatisfy { $0.vcpus >= 1 && $0.memMiB >= 1 })
            try? FileManager.default.removeItem(atPath: path)
        }
    }
}
