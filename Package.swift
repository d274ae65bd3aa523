// swift-tools-version:6.0
import PackageDescription

// Imports point one way (see docs/ARCHITECTURE.md):
//   edgesim -> EdgeSim -> SimNetwork -> SimKernel -> CGSL
//   EdgeSim -> {Scenario, Workloads, Metrics}; Workloads -> {Scenario, SimNetwork, Metrics, Replication}
//   EdgeSim -> {Replication, Scheduling}
// Replication and Scheduling are sans-I/O state machines: they import no
// simulator module, so a live driver over real sockets can run them too.
let package = Package(
    name: "EdgeSim",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "edgesim", targets: ["edgesim"]),
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
    ],
    targets: [
        .systemLibrary(
            name: "CGSL",
            pkgConfig: "gsl",
            providers: [.apt(["libgsl-dev"])]
        ),
        .target(name: "SimKernel", dependencies: ["CGSL"]),
        .target(
            name: "SimNetwork",
            dependencies: [
                "SimKernel",
                .product(name: "DequeModule", package: "swift-collections"),
            ]
        ),
        .target(
            name: "Scenario",
            dependencies: ["SimKernel", "SimNetwork", .product(name: "Yams", package: "Yams")]
        ),
        .target(
            name: "Metrics",
            dependencies: ["CGSL", .product(name: "Histogram", package: "hdrhistogram-swift")]
        ),
        .target(
            name: "Workloads",
            dependencies: ["SimKernel", "SimNetwork", "Scenario", "Metrics", "Replication", "Scheduling", "ZIPFoundation"]
        ),
        .target(name: "Replication"),
        .target(name: "Scheduling"),
        .target(
            name: "EdgeSim",
            dependencies: ["SimKernel", "SimNetwork", "Scenario", "Metrics", "Workloads", "Replication", "Scheduling"]
        ),
        .executableTarget(
            name: "edgesim",
            dependencies: [
                "EdgeSim",
                "Scenario",
                "Metrics",
                "Scheduling",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "SimKernelTests", dependencies: ["SimKernel", "CGSL"]),
        .testTarget(name: "SimNetworkTests", dependencies: ["SimNetwork", "SimKernel", "CGSL"]),
        .testTarget(
            name: "ReplicationTests",
            dependencies: [
                "Replication",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ]
        ),
        .testTarget(name: "SchedulingTests", dependencies: ["Scheduling"]),
        .testTarget(name: "ScenarioTests", dependencies: ["Scenario", "SimKernel", "SimNetwork"]),
        .testTarget(name: "MetricsTests", dependencies: ["Metrics"]),
        .testTarget(
            name: "WorkloadsTests",
            dependencies: ["Workloads", "Scenario", "SimKernel", "SimNetwork", "Metrics", "Replication"]
        ),
        .testTarget(
            name: "EdgeSimCLITests",
            dependencies: ["EdgeSim", "edgesim", .product(name: "Yams", package: "Yams")]
        ),
    ]
)
