/// A hypervisor vendor's table of per-VM memory overhead (MiB) by configured RAM (rows) and
/// vCPUs (columns), interpolated bilinearly.
///
/// Formula: linear in RAM between the two bracketing rows, then linear in vCPUs between the two
/// bracketing columns. Above the last row or column the last segment is extrapolated linearly
/// (both VMware tables are linear in RAM and in vCPUs to within 0.1%: the vSphere 4.0 table's
/// published 4 GiB–256 GiB 1-vCPU values lie on the 1–2 GiB segment, and vSphere 4.1's
/// 4 vCPU/8 GiB = 413.91 MiB (Denneman 2010, B3) is the 4.0 table extrapolated). Below the first
/// row or column the first value is held (a 128 MiB VM costs what a 256 MiB VM costs).
/// Units: RAM and overhead in MiB (VMware's "MB" are MiB).
public struct VMMemoryOverheadTable: Sendable, Equatable {
    /// Short name, e.g. `vsphere-6.5`.
    public let name: String
    /// Configured RAM of each row, MiB, strictly increasing, ≥ 2 rows.
    public let ramMiB: [Double]
    /// vCPUs of each column, strictly increasing, ≥ 2 columns, each ≥ 1.
    public let vcpus: [Int]
    /// `overheadMiB[row][column]`, MiB, finite and ≥ 0.
    public let overheadMiB: [[Double]]

    /// Nil if the table is well formed, else what is wrong.
    public static func check(ramMiB: [Double], vcpus: [Int], overheadMiB: [[Double]]) -> String? {
        if ramMiB.count < 2 { return "ramMiB: expected at least 2 rows, found \(ramMiB.count)" }
        if vcpus.count < 2 { return "vcpus: expected at least 2 columns, found \(vcpus.count)" }
        for i in 1..<ramMiB.count where !(ramMiB[i] > ramMiB[i - 1]) {
            return "ramMiB: expected strictly increasing rows, found \(ramMiB[i]) after \(ramMiB[i - 1])"
        }
        for i in 1..<vcpus.count where vcpus[i] <= vcpus[i - 1] {
            return "vcpus: expected strictly increasing columns, found \(vcpus[i]) after \(vcpus[i - 1])"
        }
        if vcpus[0] < 1 { return "vcpus: expected columns >= 1, found \(vcpus[0])" }
        if overheadMiB.count != ramMiB.count { return "overheadMiB: expected \(ramMiB.count) rows, found \(overheadMiB.count)" }
        for (r, row) in overheadMiB.enumerated() {
            if row.count != vcpus.count { return "overheadMiB[\(r)]: expected \(vcpus.count) values, found \(row.count)" }
            if let bad = row.first(where: { !$0.isFinite || $0 < 0 }) {
                return "overheadMiB[\(r)]: expected finite MiB >= 0, found \(bad)"
            }
        }
        return nil
    }

    /// A table; rows and columns strictly increasing.
    /// - Precondition: `check` passes.
    public init(name: String, ramMiB: [Double], vcpus: [Int], overheadMiB: [[Double]]) {
        let problem = Self.check(ramMiB: ramMiB, vcpus: vcpus, overheadMiB: overheadMiB)
        precondition(problem == nil, problem ?? "")
        self.name = name; self.ramMiB = ramMiB; self.vcpus = vcpus; self.overheadMiB = overheadMiB
    }

    /// Per-VM overhead, MiB, for `vcpus` ≥ 1 and `ramMiB` ≥ 0 (bilinear, see the type's comment).
    public func overheadMiB(vcpus v: Int, ramMiB m: Double) -> Double {
        let x = Double(v)
        let cols = vcpus.map(Double.init)
        let (c0, c1, tc) = Self.segment(cols, x)
        let (r0, r1, tr) = Self.segment(ramMiB, m)
        func at(_ c: Int) -> Double { overheadMiB[r0][c] + (overheadMiB[r1][c] - overheadMiB[r0][c]) * tr }
        let a = at(c0), b = at(c1)
        return a + (b - a) * tc
    }

    /// The bracketing indexes of `x` in increasing `xs` and the position between them
    /// (0 below the first point: hold; > 1 above the last point: extrapolate).
    private static func segment(_ xs: [Double], _ x: Double) -> (Int, Int, Double) {
        if !(x > xs[0]) { return (0, 1, 0) }
        var i = 1
        while i < xs.count - 1 && x > xs[i] { i += 1 }
        return (i - 1, i, (x - xs[i - 1]) / (xs[i] - xs[i - 1]))
    }

    /// vSphere 6.5 "Sample Overhead Memory on Virtual Machines" (resource management guide,
    /// Table 6-1; `DomainModels.md` B3: docs.vmware.com … GUID-B42C72C1-…): 256 MiB–16 GiB ×
    /// 1, 2, 4, 8 vCPUs, hardware MMU, VMX swap on. The default for the `esxi` profile.
    public static let vsphere65 = VMMemoryOverheadTable(
        name: "vsphere-6.5", ramMiB: [256, 1024, 4096, 16384], vcpus: [1, 2, 4, 8],
        overheadMiB: [
            [20.29, 24.28, 32.23, 48.16],
            [25.90, 29.91, 37.86, 53.82],
            [48.64, 52.72, 60.67, 76.78],
            [139.62, 143.98, 151.93, 168.60]
        ])

    /// vSphere 4.0 resource management guide, Table 3-2 "Overhead Memory on Virtual Machines"
    /// (`DomainModels.md` B3: manualsdir.com … page 30): the complete grid 256 MiB–2 GiB × 1–8
    /// vCPUs. The guide's larger rows (4 GiB for 1–4 vCPUs; 1 vCPU up to 256 GiB) lie on the
    /// extrapolation of the 1–2 GiB segment and are checked by the tests. For ESX 4 estates
    /// (2009), where per-VM overhead was 5–10× today's.
    public static let vsphere40 = VMMemoryOverheadTable(
        name: "vsphere-4.0", ramMiB: [256, 512, 1024, 2048], vcpus: [1, 2, 3, 4, 5, 6, 7, 8],
        overheadMiB: [
            [113.17, 159.43, 200.53, 241.62, 293.15, 334.27, 375.38, 416.50],
            [116.68, 164.96, 206.07, 247.17, 302.75, 343.88, 385.02, 426.15],
            [123.73, 176.05, 217.18, 258.30, 322.00, 363.17, 404.34, 445.52],
            [137.81, 198.20, 239.37, 280.53, 360.46, 401.70, 442.94, 484.18]
        ])
}
