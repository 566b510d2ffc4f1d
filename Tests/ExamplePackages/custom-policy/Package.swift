// swift-tools-version:6.0
// A researcher's own package built on virtsim: one file adds a placement policy
// (Sources/CustomPolicy/LeastLoaded.swift), main.swift registers it and runs a scenario that
// names it. CI builds and runs it (`.ci/run`):
//
//     swift run --package-path Tests/ExamplePackages/custom-policy custom-policy \
//         Tests/ExamplePackages/custom-policy/least-loaded.yaml
import PackageDescription

let package = Package(
    name: "custom-policy",
    dependencies: [
        // this repository, by path; from elsewhere: .package(url: "…/virtsim", from: "…")
        .package(name: "virtsim", path: "../../.."),
    ],
    targets: [
        .executableTarget(name: "custom-policy", dependencies: [.product(name: "VirtsimKit", package: "virtsim")],
                          path: "Sources/CustomPolicy"),
    ]
)
