import DatacenterModel
import CloudSimEngine

/// CloudSim's PlanetLab G4 host and first three VM types (CloudSimPlanetLab.md §2), for the
/// hand-computed mechanism tests; the scenarios in scenarios/planetlab/ are the full setup.
public enum PlanetLabFixture {
    public static let hostTypes = [
        CloudSimHostType(
            name: "hp-ml110-g4", pes: 2, peMips: 1860, ramMB: 4096, bwKbps: 1_000_000,
            power: SpecPowerModel(tableW: SpecPowerLibrary.table(named: "hp-ml110-g4")!))
    ]
    public static let vmTypes = [
        CloudSimVMType(name: "high-cpu-medium", mips: 2500, ramMB: 870, bwKbps: 100_000),
        CloudSimVMType(name: "extra-large", mips: 2000, ramMB: 1740, bwKbps: 100_000),
        CloudSimVMType(name: "small", mips: 1000, ramMB: 1740, bwKbps: 100_000)
    ]
}
