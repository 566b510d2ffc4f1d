/// A hypervisor product as the capacity planner sees it: what it costs in CPU and memory, how
/// it reclaims memory, whether it migrates VMs live, how it is licensed, and whether it is
/// embedded in the server's flash.
///
/// The registered profiles (`esxi`, `hyper-v`, `xen`, `kvm`, `none`) are in
/// `HypervisorProfileRegistry.all`; every field is a plain value a scenario may override.
/// Units: CPU overhead as a fraction of guest CPU demand, memory in MiB, downtime in seconds.
/// Sources per field below and on each profile (`DomainModels.md` B1, B3, B6, B7).
public struct HypervisorProfile: Sendable, Equatable {
    /// Registry name, e.g. `esxi`.
    public var name: String
    /// One line for `virtsim list`.
    public var summary: String
    /// Extra host CPU per unit of guest CPU demand, fraction 0...1 (the host runs
    /// demand × (1 + cpuOverhead)). B3: ≈ 0–5% for CPU-bound work on hardware-assisted
    /// hypervisors (Felter et al. 2014; Hwang et al. IM 2013), larger for I/O.
    public var cpuOverhead: Double
    /// Per-VM memory overhead as a function of vCPUs and configured RAM (B3 tables/formulas).
    public var memoryOverhead: VMMemoryOverhead
    /// Host memory the hypervisor (and its management OS) keeps for itself, MiB, ≥ 0.
    public var hostReservationMiB: Double
    /// The reclamation techniques the product has.
    public var availableReclamation: MemoryReclamation
    /// The techniques on by default (a subset of `availableReclamation`; inter-VM page
    /// sharing is available on ESXi but off by default since 2014/15, B3).
    public var defaultReclamation: MemoryReclamation
    /// Whether the product migrates running VMs between hosts.
    public var liveMigration: Bool
    /// Default maximum downtime of a live migration's stop-and-copy, s (B6); ignored when
    /// `liveMigration` is false.
    public var maxMigrationDowntimeS: Double
    /// How the hypervisor is licensed (B7).
    public var licence: LicenceRule
    /// Installed in server flash (no local boot disks; B1). Its effect on a host type is
    /// `embeddedEffect.apply(to:)`.
    public var embedded: Bool
    /// The quantified effect of an embedded install (assumptions documented there).
    public var embeddedEffect: EmbeddedHypervisor

    /// A profile from its fields (see each field for units and sources).
    /// - Precondition: `check` passes.
    public init(
        name: String, summary: String, cpuOverhead: Double, memoryOverhead: VMMemoryOverhead,
        hostReservationMiB: Double, availableReclamation: MemoryReclamation,
        defaultReclamation: MemoryReclamation, liveMigration: Bool, maxMigrationDowntimeS: Double,
        licence: LicenceRule, embedded: Bool = false, embeddedEffect: EmbeddedHypervisor = EmbeddedHypervisor()
    ) {
        self.name = name; self.summary = summary; self.cpuOverhead = cpuOverhead
        self.memoryOverhead = memoryOverhead; self.hostReservationMiB = hostReservationMiB
        self.availableReclamation = availableReclamation; self.defaultReclamation = defaultReclamation
        self.liveMigration = liveMigration; self.maxMigrationDowntimeS = maxMigrationDowntimeS
        self.licence = licence; self.embedded = embedded; self.embeddedEffect = embeddedEffect
        let problem = Self.check(self)
        precondition(problem == nil, problem ?? "")
    }

    /// Nil if the profile is valid, else the first problem, naming the field.
    public static func check(_ p: HypervisorProfile) -> String? {
        if !(p.cpuOverhead >= 0 && p.cpuOverhead <= 1) {
            return "cpuOverhead: expected a fraction 0...1, found \(p.cpuOverhead)"
        }
        if let m = VMMemoryOverhead.check(p.memoryOverhead) { return "memoryOverhead." + m }
        if !(p.hostReservationMiB >= 0 && p.hostReservationMiB.isFinite) {
            return "hostReservationMiB: expected finite MiB >= 0, found \(p.hostReservationMiB)"
        }
        if !p.availableReclamation.isSuperset(of: p.defaultReclamation) {
            return "defaultReclamation: expected a subset of the available techniques (\(p.availableReclamation)), found \(p.defaultReclamation)"
        }
        if !(p.maxMigrationDowntimeS > 0 && p.maxMigrationDowntimeS.isFinite) {
            return "maxMigrationDowntimeS: expected finite seconds > 0, found \(p.maxMigrationDowntimeS)"
        }
        if let l = LicenceRule.check(p.licence) { return "licence." + l }
        return EmbeddedHypervisor.check(
            staticPowerSavingW: p.embeddedEffect.staticPowerSavingW,
            bootTimeSavingS: p.embeddedEffect.bootTimeSavingS
        )
        .map { "embeddedEffect." + $0 }
    }

    /// Per-VM memory overhead of a VM with `vcpus` and `ramMiB`, MiB.
    public func memoryOverheadMiB(vcpus: Int, ramMiB: Double) -> Double {
        memoryOverhead.overheadMiB(vcpus: vcpus, ramMiB: ramMiB)
    }

    /// The host type as this hypervisor runs it: unchanged unless `embedded`, else with the
    /// embedded effect applied (shorter boot, lower static power).
    public func hostType(_ host: HostType) -> HostType { embedded ? embeddedEffect.apply(to: host) : host }

    /// The v1 engine's flat `Hypervisor` for VMs of type `vm`: this profile's CPU overhead and
    /// its per-VM overhead for that VM size, rounded up to whole MiB.
    public func hypervisor(for vm: VMType) -> Hypervisor {
        let mib = memoryOverheadMiB(vcpus: vm.vcpus, ramMiB: Double(vm.ramMiB))
        return Hypervisor(name: name, cpuOverhead: cpuOverhead, memoryOverheadMiBPerVM: Int64(mib.rounded(.up)))
    }
}

extension HypervisorProfile {
    /// ASSUMPTION shared by the four hypervisors: 5% CPU overhead, the upper end of B3's
    /// "≈ 1.0–1.05 for CPU-bound" multiplier. The literature gives no ranking (Hwang et al.
    /// IM 2013: "no single hypervisor always outperforms the others"), so they are equal.
    public static let defaultCPUOverhead = 0.05

    /// VMware ESXi. Per-VM overhead: the vSphere 6.5 table (B3). Host reservation 272 MiB:
    /// ESX 4.0's service console (B3) — ESXi has no service console and the reference gives
    /// no VMkernel figure, so 272 MiB stands in for it (ASSUMPTION). Reclamation: intra-VM
    /// page sharing, ballooning, compression, swapping on by default; inter-VM sharing
    /// available as an opt-in (B3, KB 318959). vMotion with a 30 ms maximum downtime
    /// (SimGrid's default, B6; VMware publishes none — ASSUMPTION). Licence: per core with a
    /// 16-core minimum per CPU (Broadcom 2024+, B7); use `.perSocket` for vSphere 4 (2009).
    public static let esxi = HypervisorProfile(
        name: "esxi",
        summary: "VMware ESXi: vSphere 6.5 overhead table, TPS (intra-VM; inter-VM opt-in), balloon, compression, swap; vMotion; per-core licence (min 16/CPU)",
        cpuOverhead: defaultCPUOverhead, memoryOverhead: .table(.vsphere65), hostReservationMiB: 272,
        availableReclamation: [.pageSharingIntraVM, .pageSharingInterVM, .ballooning, .compression, .swapping],
        defaultReclamation: [.pageSharingIntraVM, .ballooning, .compression, .swapping],
        liveMigration: true, maxMigrationDowntimeS: 0.030, licence: .perCoreMinimum16)

    /// Microsoft Hyper-V. Per-VM overhead < 0.005% of RAM (B3). Host reservation 2048 MiB: the
    /// 2 GB parent-partition reserve Microsoft uses in an example (B3; the hypervisor alone is
    /// ~300 MB). Reclamation: Dynamic Memory only — no memory dedup (Altaro, B3) and no
    /// hypervisor swapping of running VMs (ASSUMPTION: Smart Paging, used only while a VM
    /// restarts, is ignored). Live Migration (2008 R2+), 30 ms maximum downtime (ASSUMPTION,
    /// as for ESXi). Licence: bundled with Windows Server (the framing).
    public static let hyperV = HypervisorProfile(
        name: "hyper-v", summary: "Microsoft Hyper-V: tiny per-VM overhead, 2 GiB parent reserve, Dynamic Memory; Live Migration; bundled with the OS",
        cpuOverhead: defaultCPUOverhead, memoryOverhead: .hyperV, hostReservationMiB: 2048,
        availableReclamation: [.dynamicMemory], defaultReclamation: [.dynamicMemory],
        liveMigration: true, maxMigrationDowntimeS: 0.030, licence: .bundledWithOS)

    /// Xen Project. Per-VM overhead: libxl's shadow/P2M pool, 1 MiB/vCPU + 8 KiB per MiB of RAM
    /// (see `VMMemoryOverhead.xenLibxl`; not in the reference). Host reservation 1024 MiB for
    /// dom0 — ASSUMPTION (B3: "dom0 reservation … no figure retrieved"). Reclamation: balloon
    /// (B3). Live migration (Clark et al. NSDI 2005 was built on Xen), 30 ms maximum downtime
    /// (ASSUMPTION). Licence: free (open source).
    public static let xen = HypervisorProfile(
        name: "xen", summary: "Xen Project: libxl paging overhead (1 MiB/vCPU + 8 KiB/MiB), 1 GiB dom0 (assumed), balloon; live migration; free",
        cpuOverhead: defaultCPUOverhead, memoryOverhead: .xenLibxl, hostReservationMiB: 1024,
        availableReclamation: [.ballooning], defaultReclamation: [.ballooning],
        liveMigration: true, maxMigrationDowntimeS: 0.030, licence: .free)

    /// KVM/QEMU. Per-VM overhead: OpenShift Virtualization's formula (B3). Host reservation
    /// 1024 MiB for the host Linux — ASSUMPTION (no figure in the reference). Reclamation: KSM
    /// + virtio-balloon (B3) and the host kernel's swapping of guest memory (guest RAM is
    /// ordinary anonymous memory of the QEMU process). Live migration with QEMU's default
    /// maximum downtime of 300 ms (`DEFAULT_MIGRATE_SET_DOWNTIME`, B6). Licence: free.
    public static let kvm = HypervisorProfile(
        name: "kvm", summary: "KVM/QEMU: OpenShift overhead formula, 1 GiB host OS (assumed), KSM + virtio-balloon + host swap; live migration (300 ms); free",
        cpuOverhead: defaultCPUOverhead, memoryOverhead: .kvmOpenShift, hostReservationMiB: 1024,
        availableReclamation: [.ksm, .ballooning, .swapping], defaultReclamation: [.ksm, .ballooning, .swapping],
        liveMigration: true, maxMigrationDowntimeS: 0.300, licence: .free)

    /// Bare metal: the workload runs directly on its server (the baseline estate). No
    /// overhead, reservation, reclamation, migration or licence.
    public static let none = HypervisorProfile(
        name: "none", summary: "bare metal: no hypervisor (the baseline estate)",
        cpuOverhead: 0, memoryOverhead: .none, hostReservationMiB: 0,
        availableReclamation: [], defaultReclamation: [],
        liveMigration: false, maxMigrationDowntimeS: 0.030, licence: .free)
}
