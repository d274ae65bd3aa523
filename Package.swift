// swift-tools-version:6.0
import PackageDescription

// Imports point one way (see docs/ARCHITECTURE.md):
//   edgesim -> EdgeSim -> {Workloads, Scenario, Metrics, SimNetwork, SimKernel}
//   Workloads -> {Scenario, Metrics, SimNetwork, SimKernel, Replication, Scheduling}
//   Scenario -> {SimNetwork, SimKernel, Replication, Scheduling}
//   SimNetwork -> SimKernel -> {CGSL, EdgeBase}; Metrics -> CGSL
//   Replication -> EdgeBase; Scheduling -> EdgeBase
//   edgesim-live -> LiveReplication -> {Workloads, Replication, SimKernel, EdgeBase, NIO}
// Replication and Scheduling are sans-I/O state machines: they import no
// simulator module (EdgeBase is the dependency-free home of the local-clock
// types and the stable hashes), so a live driver over real sockets can run
// them too.
let package = Package(
    name: "EdgeSim",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "edgesim", targets: ["edgesim"]),
        .executable(name: "edgesim-live", targets: ["edgesim-live"]),
        .library(name: "EdgeBase", targets: ["EdgeBase"]),
        .library(name: "SimKernel", targets: ["SimKernel"]),
        .library(name: "SimNetwork", targets: ["SimNetwork"]),
        .library(name: "Replication", targets: ["Replication"]),
        .library(name: "Scheduling", targets: ["Scheduling"]),
        .library(name: "EdgeSim", targets: ["EdgeSim"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-collections", from: "1.6.0"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/HdrHistogram/hdrhistogram-swift", from: "0.2.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
    ],
    targets: [
        .systemLibrary(
            name: "CGSL",
            pkgConfig: "gsl",
            providers: [.apt(["libgsl-dev"])]
        ),
        .target(name: "EdgeBase"),
        .target(name: "SimKernel", dependencies: ["CGSL", "EdgeBase"]),
        .target(
            name: "SimNetwork",
            dependencies: [
                "SimKernel",
                .product(name: "DequeModule", package: "swift-collections"),
            ]
        ),
        .target(
            name: "Scenario",
            dependencies: ["EdgeBase", "SimKernel", "SimNetwork", "Replication", "Scheduling", .product(name: "Yams", package: "Yams")]
        ),
        .target(
            name: "Metrics",
            dependencies: ["CGSL", .product(name: "Histogram", package: "hdrhistogram-swift")]
        ),
        .target(
            name: "Workloads",
            dependencies: ["EdgeBase", "SimKernel", "SimNetwork", "Scenario", "Metrics", "Replication", "Scheduling", "ZIPFoundation"]
        ),
        .target(name: "Replication", dependencies: ["EdgeBase"]),
        .target(name: "Scheduling", dependencies: ["EdgeBase"]),
        .target(
            name: "EdgeSim",
            dependencies: ["EdgeBase", "SimKernel", "SimNetwork", "Scenario", "Metrics", "Workloads", "Replication",
                           .product(name: "Yams", package: "Yams")]
        ),
        .executableTarget(
            name: "edgesim",
            dependencies: [
                "EdgeBase",
                "EdgeSim",
                "Scenario",
                "Metrics",
                "Scheduling",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // The fuzz target (benchmarks/fuzz.sh builds it with libFuzzer); plainly built, a replayer.
        .executableTarget(name: "edgesim-fuzz", dependencies: ["EdgeSim"]),
        .testTarget(name: "SimKernelTests", dependencies: ["SimKernel", "CGSL", "EdgeBase"]),
        .testTarget(name: "SimNetworkTests", dependencies: ["SimNetwork", "SimKernel", "CGSL"]),
        .testTarget(
            name: "ReplicationTests",
            dependencies: [
                "Replication",
                "EdgeBase",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ]
        ),
        .testTarget(name: "SchedulingTests", dependencies: ["Scheduling", "EdgeBase"]),
        .testTarget(
            name: "ScenarioTests",
            dependencies: ["Scenario", "SimKernel", "SimNetwork", "EdgeBase", "Replication", "Scheduling"]
        ),
        .testTarget(name: "MetricsTests", dependencies: ["Metrics"]),
        .testTarget(
            name: "WorkloadsTests",
            dependencies: ["Workloads", "Scenario", "SimKernel", "SimNetwork", "Metrics", "Replication", "Scheduling", "EdgeBase"]
        ),
        // Unit tests of the runner's own logic, apart from the subprocess tests of the CLI.
        .testTarget(name: "EdgeSimTests", dependencies: ["EdgeSim", "SimKernel", "Scenario"]),
        .testTarget(
            name: "EdgeSimCLITests",
            dependencies: ["EdgeSim", "edgesim", "Scenario", .product(name: "Yams", package: "Yams")]
        ),
        .target(
            name: "LiveReplication",
            dependencies: [
                "EdgeBase",
                "Replication",
                "Workloads",
                "SimKernel",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
            ],
            swiftSettings: [.swiftLanguageMode(.v5)]
        ),
        .executableTarget(
            name: "edgesim-live",
            dependencies: [
                "LiveReplication", "Workloads", "SimKernel", "Metrics",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(
            name: "LiveReplicationTests", dependencies: ["LiveReplication", "Replication", "Workloads", "SimKernel", "EdgeBase"]
        ),
    ]
)
