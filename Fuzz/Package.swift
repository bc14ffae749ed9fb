// swift-tools-version: 6.0
// libFuzzer targets for the readers and the official-list adapters. Build and run with Fuzz/run.sh.
import PackageDescription

let fuzzer: [SwiftSetting] = [.unsafeFlags(["-parse-as-library", "-sanitize=fuzzer,address"])]
let linker: [LinkerSetting] = [.unsafeFlags(["-sanitize=fuzzer,address"])]

let package = Package(
    name: "registry-fuzz",
    dependencies: [.package(name: "registry", path: "..")],
    targets: ["FuzzCSV", "FuzzDocument", "FuzzLists"].map { name in
        .executableTarget(
            name: name, dependencies: [.product(name: "RegistryCore", package: "registry")],
            swiftSettings: fuzzer, linkerSettings: linker)
    }
)
