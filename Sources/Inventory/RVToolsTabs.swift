/// The RVTools tabs virtsim reads, with every header spelling of each column it uses: the GUI's
/// xlsx/CSV headers (RVTools 4.x), older GUI spellings, and the CSV export's internal names
/// (`vInfoVMName`, …). Sources and what could not be confirmed: InventoryImport.md.
public enum RVToolsTab: String, Sendable, CaseIterable {
    case vInfo, vHost, vMemory, vCPU

    /// The column whose presence identifies the tab (checked in `allCases` order).
    var signature: String {
        switch self {
        case .vInfo: return "in_use"
        case .vHost: return "cores"
        case .vMemory: return "size"
        case .vCPU: return "overall"
        }
    }

    /// The tab `file` is, by its headers; nil if none.
    static func detect(_ file: CSVFile) -> RVToolsTab? {
        allCases.first { tab in
            tab.columns.first { $0.key == tab.signature }!.names.contains { file.column($0) != nil }
        }
    }

    /// The columns read from the tab, GUI spellings first, then the export's internal names.
    var columns: [ColumnSpec] {
        switch self {
        case .vInfo:
            return [
                .init(key: "vm", names: ["VM", "vInfoVMName"], required: true, expected: "the VM's name"),
                .init(key: "powerstate", names: ["Powerstate", "vInfoPowerstate"], required: true, expected: "poweredOn, poweredOff or suspended"),
                .init(key: "template", names: ["Template", "vInfoTemplate"], required: true, expected: "True or False"),
                .init(key: "srm", names: ["SRM Placeholder", "vInfoSRMPlaceHolder"], expected: "True or False"),
                .init(key: "cpus", names: ["CPUs", "# CPUs", "vInfoCPUs"], required: true, expected: "vCPUs, an integer ≥ 1"),
                .init(key: "memory", names: ["Memory", "vInfoMemory"], required: true, expected: "MiB, a number ≥ 1"),
                .init(key: "provisioned", names: ["Provisioned MiB", "Provisioned MB", "vInfoProvisioned"], expected: "MiB, a number ≥ 0"),
                .init(key: "in_use", names: ["In Use MiB", "In Use MB", "vInfoInUse"], required: true, expected: "MiB, a number ≥ 0"),
                .init(key: "os_config", names: ["OS according to the configuration file", "vInfoOS"], expected: "a guest OS name"),
                .init(key: "os_tools", names: ["OS according to the VMware Tools", "vInfoOSTools"], expected: "a guest OS name"),
                .init(key: "host", names: ["Host", "vInfoHost"], expected: "the ESXi host's name"),
                .init(key: "cluster", names: ["Cluster", "vInfoCluster"], expected: "a cluster name"),
                .init(key: "datacenter", names: ["Datacenter", "vInfoDataCenter"], expected: "a datacenter name"),
                .init(key: "vi_server", names: ["VI SDK Server", "vInfoVISDKServer"], expected: "the vCenter's name")
            ]
        case .vHost:
            return [
                .init(key: "host", names: ["Host", "vHostName"], required: true, expected: "the host's name"),
                .init(key: "cluster", names: ["Cluster", "vHostCluster"], expected: "a cluster name"),
                .init(key: "datacenter", names: ["Datacenter", "vHostDatacenter"], expected: "a datacenter name"),
                .init(key: "cpu_model", names: ["CPU Model", "vHostCpuModel"], expected: "a CPU model"),
                .init(key: "speed", names: ["Speed", "vHostCpuMhz"], required: true, expected: "MHz, a number > 0"),
                .init(key: "sockets", names: ["# CPU", "vHostNumCpu", "vHostNumCPU"], required: true, expected: "sockets, an integer ≥ 1"),
                .init(key: "cores", names: ["# Cores", "vHostNumCpuCores"], required: true, expected: "cores in all, an integer ≥ 1"),
                .init(key: "memory", names: ["# Memory", "vHostMemorySize"], required: true, expected: "MiB, a number ≥ 1"),
                .init(key: "vendor", names: ["Vendor", "vHostVendor"], expected: "a vendor"),
                .init(key: "model", names: ["Model", "vHostModel"], expected: "a server model"),
                .init(key: "vi_server", names: ["VI SDK Server", "vHostVISDKServer"], expected: "the vCenter's name")
            ]
        case .vMemory:
            return [
                .init(key: "vm", names: ["VM", "vMemoryVMName"], required: true, expected: "the VM's name"),
                .init(key: "size", names: ["Size MiB", "vMemorySizeMiB"], required: true, expected: "MiB, a number ≥ 0"),
                .init(key: "active", names: ["Active", "vMemoryActive"], required: true, expected: "MiB, a number ≥ 0"),
                .init(key: "vi_server", names: ["VI SDK Server", "vMemoryVISDKServer"], expected: "the vCenter's name")
            ]
        case .vCPU:
            return [
                .init(key: "vm", names: ["VM", "vCPUVMName"], required: true, expected: "the VM's name"),
                .init(key: "cpus", names: ["CPUs", "vCPUCPUs"], required: true, expected: "vCPUs, an integer ≥ 1"),
                .init(key: "overall", names: ["Overall", "vCPUOverall"], required: true, expected: "MHz in use, a number ≥ 0"),
                .init(key: "vi_server", names: ["VI SDK Server", "vCPUVISDKServer"], expected: "the vCenter's name")
            ]
        }
    }
}
