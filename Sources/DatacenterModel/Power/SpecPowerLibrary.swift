/// Bundled SPECpower_ssj2008 tables (watts at 0%, 10%, …, 100% load), by name.
///
/// Sources: CloudSim 3.0.3 `modules/cloudsim/.../power/models/PowerModelSpecPower*.java`
/// (each file names its spec.org result), DCSim `HostModels.java` and COSCO
/// `framework/node/Powermodels/PMXeon_X5570.py` (IBM x3650 M2, the 2009 Nehalem-EP host); tabulated in
/// `DomainModels.md` B1. The idle/peak ratio fell from ~70% (2008) to
/// ~25–30% (2011+), which is why the era of the estate matters for consolidation savings.
public enum SpecPowerLibrary {
    public struct Entry: Sendable {
        public let name: String
        public let description: String
        public let tableW: [Double]
    }

    public static let entries: [Entry] = [
        Entry(
            name: "hp-ml110-g3", description: "HP ProLiant ML110 G3, Pentium D930 (2006–2008 era)",
            tableW: [105, 112, 118, 125, 131, 137, 147, 153, 157, 164, 169]),
        Entry(
            name: "hp-ml110-g4", description: "HP ProLiant ML110 G4, Xeon 3040 (SPEC 2011q1-00342)",
            tableW: [86, 89.4, 92.6, 96, 99.5, 102, 106, 108, 112, 114, 117]),
        Entry(
            name: "hp-ml110-g5", description: "HP ProLiant ML110 G5, Xeon 3075 (SPEC 2011q1-00339)",
            tableW: [93.7, 97, 101, 105, 110, 116, 121, 125, 129, 133, 135]),
        Entry(
            name: "ibm-x3250-x3470", description: "IBM x3250, Xeon X3470 (SPEC 2009q4-00213)",
            tableW: [41.6, 46.7, 52.3, 57.9, 65.4, 73, 80.7, 89.5, 99.6, 105, 113]),
        Entry(
            name: "ibm-x3250-x3480", description: "IBM x3250, Xeon X3480 (SPEC 2010q4-00297)",
            tableW: [42.3, 46.7, 49.7, 55.4, 61.8, 69.3, 76.1, 87, 96.1, 106, 113]),
        Entry(
            name: "ibm-x3650m2-x5570", description: "IBM x3650 M2, 2 × Xeon X5570 (Nehalem-EP, 2009; SPEC result via COSCO)",
            tableW: [81.4, 110, 125, 139, 153, 167, 182, 199, 214, 229, 244]),
        Entry(
            name: "ibm-x3550-x5670", description: "IBM x3550, Xeon X5670 (SPEC 2010q2-00239)",
            tableW: [66, 107, 120, 131, 143, 156, 173, 191, 211, 229, 247]),
        Entry(
            name: "ibm-x3550-x5675", description: "IBM x3550, Xeon X5675 (SPEC 2011q2-00368)",
            tableW: [58.4, 98, 109, 118, 128, 140, 153, 170, 189, 205, 222]),
        Entry(
            name: "dcsim-2x12-2.3ghz", description: "DCSim 2×12-core 2.3 GHz 128 GB (SPEC 2012q3-00482)",
            tableW: [96, 133, 147, 163, 181, 199, 219, 237, 272, 305, 323]),
        Entry(
            name: "dcsim-2x16-2.4ghz", description: "DCSim 2×16-core 2.4 GHz 128 GB (SPEC 2012q3-00478)",
            tableW: [96, 138, 156, 177, 202, 229, 255, 282, 325, 386, 414])
    ]

    public static func table(named name: String) -> [Double]? {
        entries.first { $0.name == name }?.tableW
    }

    public static var names: [String] { entries.map(\.name) }
}
