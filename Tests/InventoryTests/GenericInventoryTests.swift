import Foundation
import Testing

@testable import Inventory

@Suite("Generic inventory and host catalogue")
struct GenericInventoryTests {
    @Test("the committed physical estate: 400 servers of three generations, each matched to its SPECpower curve")
    func physicalEstate() {
        let r = Inventory.read(paths: [estate + "physical-estate.csv"])
        #expect(r.issues.isEmpty && r.format == .generic && r.isPhysical)
        #expect(r.vms.count == 400 && r.cpuSource.allSatisfy { $0 == .inventory })
        let curves = Dictionary(grouping: r.vms) { HostCatalogue.match(model: $0.serverModel) ?? "default" }.mapValues(\.count)
        #expect(curves == ["hp-ml110-g4": 120, "ibm-x3250-x3470": 150, "ibm-x3550-x5675": 110, "default": 20])
        // GiB → MiB once, at import
        #expect(r.vms.allSatisfy { $0.memMiB % 1024 == 0 })
    }

    @Test("catalogue matching: server words must all appear; the CPU breaks ties; unknown models take the stated default")
    func catalogue() {
        #expect(HostCatalogue.match(model: "HP ProLiant ML110 G4 (Xeon 3040)") == "hp-ml110-g4")
        #expect(HostCatalogue.match(model: "HP ProLiant ML110 G5") == "hp-ml110-g5")
        #expect(HostCatalogue.match(model: "IBM System x3550 M3 (Xeon X5675)") == "ibm-x3550-x5675")
        #expect(HostCatalogue.match(model: "IBM x3550 Xeon X5670") == "ibm-x3550-x5670")
        #expect(HostCatalogue.match(model: "ibm-x3250-x3480") == "ibm-x3250-x3480")
        #expect(HostCatalogue.match(model: "Dell PowerEdge R610") == nil)
        #expect(HostCatalogue.match(model: "") == nil)
        #expect(HostCatalogue.defaultPhysicalCurve == "ibm-x3550-x5670")
    }

    @Test("a column mapping reads another export (Azure Migrate's headers); MB converted to MiB once")
    func columnMapping() {
        let text = """
            *Server Name,*Cores,*Memory (In MB),CPU utilization percentage,*OS name
            web-1,4,8192,12.5,Windows
            db-1,8,16384,,Linux
            """
        let path = tempFile("azmigrate.csv", text)
        var o = InventoryOptions()
        o.format = .generic
        o.columns = ["name": "*Server Name", "vcpus": "*Cores", "ram_mb": "*Memory (In MB)", "cpu_mean_pct": "CPU utilization percentage", "os": "*OS name"]
        let r = Inventory.read(paths: [path], options: o)
        #expect(r.issues.isEmpty, "\(r.issues)")
        #expect(r.vms.map(\.name) == ["web-1", "db-1"])
        #expect(r.vms[0].memMiB == Int64((8192 / 1.048576).rounded()))
        #expect(r.vms[0].cpuAvgPct == 12.5 && r.vms[0].cpuP95Pct == 37.5 && r.vms[0].guestOS == "Windows")
        #expect(r.cpuSource == [.inventory, .assumed] && !r.isPhysical)
        o.columns["cpu_peak"] = "x"
        #expect(Inventory.read(paths: [path], options: o).issues.map(\.message).contains { $0.hasPrefix("columns: unknown canonical column \"cpu_peak\"") })
    }

    @Test("generic row problems name file:line and the column")
    func rowProblems() {
        let path = tempFile("servers.csv", "name,vcpus,ram_gib,cpu_mean_pct,cpu_p95_pct\ns1,2,4,120,10\ns2,x,4,5,10\ns3,2,,5,\n")
        let m = Inventory.read(paths: [path]).issues.map(\.description)
        #expect(m.contains("\(path):2: column \"cpu_mean_pct\": expected a percentage 0...100, found 120"), "\(m)")
        #expect(m.contains("\(path):3: column \"vcpus\": expected an integer ≥ 1, found \"x\""), "\(m)")
        #expect(m.contains("\(path):4: column \"ram_gib\": empty: expected a size ≥ 0 in GIB, at most 10^15 MiB (ram_gib)"), "\(m)")
    }

    @Test(
        "a size beyond 10^15 MiB is refused with the limit, in any unit (ram_tib: 1e15 overflowed Int64 MiB and trapped)",
        arguments: [("ram_tib", "1e15"), ("ram_tb", "1000000000000000"), ("ram_gib", "1e13"), ("ram_mib", "1.5e15")])
    func sizeBeyondLimit(_ column: String, _ value: String) {
        let path = tempFile("servers.csv", "name,vcpus,\(column)\nvm1,1,\(value)\n")
        let r = Inventory.read(paths: [path])
        #expect(r.vms.isEmpty)
        #expect(
            r.issues.map(\.description) == [
                "\(path):2: column \"\(column)\": expected a size ≥ 0 in \(column.dropFirst(4).uppercased()), at most 10^15 MiB (\(column)), found \(value)"
            ])
    }

    @Test("10^15 MiB exactly is accepted, in TiB as in MiB")
    func sizeAtLimit() {
        for (column, value) in [("ram_mib", "1e15"), ("ram_tib", "953674316.40625")] {
            let r = Inventory.read(paths: [tempFile("servers.csv", "name,vcpus,\(column)\nvm1,1,\(value)\n")])
            #expect(r.issues.isEmpty, "\(r.issues)")
            #expect(r.vms.map(\.memMiB) == [1_000_000_000_000_000])
        }
    }
}
