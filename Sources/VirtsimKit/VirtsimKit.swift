// VirtsimKit: virtsim as a library, for a researcher's own Swift package.
//
//     .package(path: "path/to/virtsim")       // or url: + from:
//     .product(name: "VirtsimKit", package: "virtsim")
//
// One `import VirtsimKit` brings every public module: the simulation kernel, models, policies
// and their registries, workloads, the engines, scenario decoding, reports and the runner.
// Register your own placement policy, overload detector or VM-selection policy first
// (`PlacementRegistry.register`, `ConsolidationRegistry.register(detector:)`,
// `ConsolidationRegistry.register(selection:)`), then run scenarios that name it
// (`runScenarioFile`). `Tests/ExamplePackages/custom-policy` is a complete example; CI builds
// and runs it.
@_exported import SimKernel
@_exported import Stochastic
@_exported import DatacenterModel
@_exported import Policies
@_exported import Workloads
@_exported import CloudSimEngine
@_exported import Engine
@_exported import Economics
@_exported import Scenario
@_exported import Reports
@_exported import VirtsimCore
