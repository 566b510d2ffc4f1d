// swift-tools-version:6.0
// libFuzzer targets for virtsim's input readers (issue 16): the scenario decoder, the sweep
// decoder, each trace reader and the inventory reader, in one executable whose first argument
// names the target. Built with its own scratch folder, the flags instrumenting every target:
//
//     VIRTSIM_NO_SERVE=1 swift build --package-path Tests/Fuzz --scratch-path .build-fuzz \
//         -Xswiftc -sanitize=fuzzer,address
//     .build-fuzz/debug/virtsim-fuzz scenario Tests/Fuzz/corpus/scenario -max_total_time=60
//
// `make fuzz` runs every target briefly over its committed corpus; Tests/Fuzz/README.md says how
// to fuzz for longer and lists what fuzzing found.
import PackageDescription

let package = Package(
    name: "virtsim-fuzz",
    dependencies: [
        // this repository, by path
        .package(name: "virtsim", path: "../..")
    ],
    targets: [
        .executableTarget(name: "virtsim-fuzz", dependencies: [.product(name: "VirtsimKit", package: "virtsim")])
    ]
)
