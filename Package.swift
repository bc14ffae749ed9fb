// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "registry",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "registry", targets: ["registry"]),
        .library(name: "RegistryCore", targets: ["RegistryCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
    ],
    targets: [
        // The top-level Migrations/ and Seeds/ folders, compiled into the binary so it runs from anywhere.
        .target(
            name: "RegistryResources",
            path: ".",
            exclude: [
                "Sources/RegistryCore", "Sources/RegistryCLI", "Sources/RegistryRendering", "Sources/RegistryServer",
                "Sources/RegistrySync", "Sources/CLibXML2",
                "Sources/registry", "Tests",
                "Schemas", "docs",
                "Scripts", "Fuzz", "README.md",
            ],
            sources: ["Sources/RegistryResources"],
            resources: [.embedInCode("Migrations"), .embedInCode("Seeds")]
        ),
        // libxml2's HTML parser (Debian's libxml2-dev), for hosts' transparency pages: a real parser, as a
        // browser reads the page, never regular expressions.
        .systemLibrary(name: "CLibXML2", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"])]),
        .target(
            name: "RegistryCore",
            dependencies: [
                "RegistryResources", "CLibXML2",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // The outputs the command line prints and the web server serves as a page's twin: one code path each.
        .target(name: "RegistryRendering", dependencies: ["RegistryCore"]),
        // The desk's web page (`registry serve`): read-only, over the core and the same renderings.
        .target(
            name: "RegistryServer",
            dependencies: [
                "RegistryCore",
                "RegistryRendering",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Mustache", package: "swift-mustache"),
            ],
            resources: [.embedInCode("Templates"), .embedInCode("Assets")]
        ),
        // The nightly sync's careful HTTP client (`registry sync`): the only module that reaches the network.
        .target(
            name: "RegistrySync",
            dependencies: [
                "RegistryCore", .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ]),
        .target(
            name: "RegistryCLI",
            dependencies: [
                "RegistryCore",
                "RegistryRendering",
                "RegistryServer",
                "RegistrySync",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(name: "registry", dependencies: ["RegistryCLI"]),
        .testTarget(name: "RegistryCoreTests", dependencies: ["RegistryCore", "RegistryResources"]),
        .testTarget(
            name: "RegistryServerTests",
            dependencies: [
                "RegistryServer", "RegistryCore", "RegistryRendering",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ]),
        .testTarget(
            name: "RegistryCLITests", dependencies: ["RegistryCLI", "RegistryCore", "RegistryRendering", "registry"],
            // The help texts' snapshots, read by their test from the source tree.
            exclude: ["Snapshots"]),
    ]
)
