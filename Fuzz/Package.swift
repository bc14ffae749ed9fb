// swift-tools-version: 6.0
// libFuzzer targets for the readers and the official-list adapters. Build and run with Fuzz/run.sh.
import PackageDescription

// The sanitizers are passed to the whole build by run.sh, so that RegistryCore is instrumented too.
let fuzzer: [SwiftSetting] = [.unsafeFlags(["-parse-as-library"])]
let linker: [LinkerSetting] = [.unsafeFlags(["-sanitize=fuzzer,address"])]

let package = Package(
    name: "registry-fuzz",
    dependencies: [.package(name: "registry", path: "..")],
    targets: [
        .target(name: "FuzzSupport", dependencies: [.product(name: "RegistryCore", package: "registry")])
    ]
        + ["FuzzCSV", "FuzzDocument", "FuzzLists"].map { name in
            .executableTarget(
                name: name,
                dependencies: ["FuzzSupport", .product(name: "RegistryCore", package: "registry")],
                swiftSettings: fuzzer, linkerSettings: linker)
        }
)
