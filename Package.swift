// swift-tools-version:6.0
import Foundation
import PackageDescription

/// Layering, dependencies one way: SimKernel (imports nothing) ← Stochastic (GSL) ←
/// DatacenterModel ← Policies, Workloads ← CloudSimEngine ← Engine ← Economics, Inventory (planner CSVs) ← Scenario (YAML) ←
/// Reports (CSV, report.html, manifests, sweep tables) ← VirtsimCore ← VirtsimBench, VirtsimKit (the library product), VirtsimServe (the what-if
/// page, the only importer of Hummingbird) ← virtsim (the CLI, the only importer of swift-argument-parser).
let kernelFlags: [SwiftSetting] = [
    // Hot loops: exclusivity checks on class-held state cost ~68% more instructions
    // (measured: a binary heap stored in a class property, Swift 6.3.1).
    .unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release))
]

/// `VIRTSIM_NO_SERVE=1` leaves out `virtsim serve` (VirtsimServe, its tests and Hummingbird):
/// `make validate` builds in release mode in a scratch folder of its own, where Hummingbird and
/// SwiftNIO would cost minutes for tests that never use them.
let withServe = ProcessInfo.processInfo.environment["VIRTSIM_NO_SERVE"] == nil

let package = Package(
    name: "virtsim",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "virtsim", targets: ["virtsim"]),
        // virtsim as a library: register your own policies and run scenarios that name them.
        .library(name: "VirtsimKit", targets: ["VirtsimKit"])
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2")
    ]
        // `virtsim serve` only (VirtsimServe): the core's targets and tests never wait for it.
        + (withServe ? [.package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1")] : []),
    targets: [
        .target(name: "SimKernel", swiftSettings: kernelFlags),
        .systemLibrary(name: "CGSL", pkgConfig: "gsl", providers: [.apt(["libgsl-dev"])]),
        .target(name: "Stochastic", dependencies: ["CGSL"]),
        .target(name: "DatacenterModel", dependencies: ["SimKernel"]),
        .target(name: "Workloads", dependencies: ["SimKernel", "Stochastic"]),
        .target(name: "Policies", dependencies: ["SimKernel", "DatacenterModel"]),
        // CloudSim 3.0.3's PlanetLab semantics, exactly (the `cloudsim-3.0.3` profile), and nothing else.
        .target(name: "CloudSimEngine", dependencies: ["SimKernel", "Stochastic", "DatacenterModel", "Workloads", "Policies"], swiftSettings: kernelFlags),
        .target(
            name: "Engine", dependencies: ["SimKernel", "Stochastic", "DatacenterModel", "Workloads", "Policies", "CloudSimEngine"], swiftSettings: kernelFlags),
        // Facility energy, storage and costs of an arm from its simulated figures (TCO, payback).
        .target(name: "Economics", dependencies: ["DatacenterModel", "Engine"]),
        .target(name: "Reports", dependencies: ["Engine", "Scenario", "Stochastic"]),
        // Planner inventories (RVTools CSV tabs, a generic CSV) read into canonical records.
        .target(name: "Inventory", dependencies: ["Stochastic", "DatacenterModel", "Workloads"]),
        .target(
            name: "Scenario",
            dependencies: [
                "Engine", "CloudSimEngine", "Economics", "Workloads", "Policies", "DatacenterModel", "Stochastic", "Inventory",
                .product(name: "Yams", package: "Yams")
            ]),
        .target(
            name: "VirtsimCore", dependencies: ["Scenario", "Inventory", "Reports", "Engine", "CloudSimEngine", "Economics", "SimKernel", "Stochastic"],
            swiftSettings: kernelFlags),
        .target(
            name: "VirtsimKit",
            dependencies: [
                "SimKernel", "Stochastic", "DatacenterModel", "Policies", "Workloads",
                "CloudSimEngine", "Engine", "Economics", "Scenario", "Reports", "VirtsimCore"
            ]),
        // Benchmarks of the core (virtsim bench …), kept out of the library.
        .target(
            name: "VirtsimBench",
            dependencies: [
                "SimKernel", "DatacenterModel", "Policies", "Workloads", "Engine", "Scenario",
                "Reports", "VirtsimCore"
            ], swiftSettings: kernelFlags),
        .executableTarget(
            name: "virtsim",
            dependencies: [
                "VirtsimCore", "VirtsimBench", "Scenario", .product(name: "ArgumentParser", package: "swift-argument-parser")
            ] + (withServe ? ["VirtsimServe"] : []),
            swiftSettings: withServe ? [.define("VIRTSIM_SERVE")] : []),
        .testTarget(name: "SimKernelTests", dependencies: ["SimKernel"]),
        .testTarget(name: "StochasticTests", dependencies: ["Stochastic"]),
        // Shared by the test targets: SplitMix64 for reproducible property-test cases, MemberTable workloads.
        .target(name: "TestSupport", dependencies: ["SimKernel", "Workloads", "DatacenterModel", "CloudSimEngine"], path: "Tests/TestSupport"),
        .testTarget(name: "ModelTests", dependencies: ["DatacenterModel", "TestSupport"]),
        .testTarget(name: "PoliciesTests", dependencies: ["Policies", "DatacenterModel", "SimKernel", "TestSupport"]),
        .testTarget(name: "WorkloadsTests", dependencies: ["Workloads", "TestSupport"]),
        .testTarget(name: "CloudSimEngineTests", dependencies: ["CloudSimEngine", "DatacenterModel", "Policies", "Workloads", "SimKernel", "TestSupport"]),
        .testTarget(name: "EconomicsTests", dependencies: ["Economics", "Engine", "DatacenterModel", "Policies", "Workloads", "SimKernel"]),
        .testTarget(name: "EngineTests", dependencies: ["Engine", "DatacenterModel", "Policies", "Workloads", "SimKernel", "TestSupport"]),
        .testTarget(name: "ScenarioTests", dependencies: ["Scenario", "VirtsimCore", "DatacenterModel", "Economics"]),
        .testTarget(name: "ReportsTests", dependencies: ["Reports", "Engine"]),
        .testTarget(name: "InventoryTests", dependencies: ["Inventory", "Workloads", "Stochastic", "SimKernel"]),
        .testTarget(
            name: "EndToEndTests", dependencies: ["VirtsimCore", "Scenario", "Reports", "Engine", "CloudSimEngine", "TestSupport"],
            exclude: ["golden"])  // golden CSVs are read by path, not bundled
    ]
        + (withServe
            ? [
                // The what-if page (`virtsim serve`): an HTTP server on loopback over VirtsimCore, in a target of its
                // own so the core's test builds do not wait for Hummingbird.
                .target(
                    name: "VirtsimServe",
                    dependencies: [
                        "VirtsimCore", "Scenario", "Reports", "Inventory", "DatacenterModel", .product(name: "Yams", package: "Yams"),
                        .product(name: "Hummingbird", package: "hummingbird")
                    ]),
                .testTarget(name: "VirtsimServeTests", dependencies: ["VirtsimServe", "VirtsimCore", "Scenario", "Engine", "Reports"])
            ] : [])
)
