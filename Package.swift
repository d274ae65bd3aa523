// swift-tools-version:6.0
import PackageDescription

// Imports point one way:
//   edgesim -> EdgeSim -> SimKernel -> CGSL
// Later layers (SimNetwork, Replication, Scheduling, Scenario, Workloads,
// Metrics) slot in between without reversing an arrow; see ARCHITECTURE.md.
let package = Package(
    name: "EdgeSim",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "edgesim", targets: ["edgesim"]),
        .library(name: "SimKernel", targets: ["SimKernel"]),
        .library(name: "EdgeSim", targets: ["EdgeSim"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        .systemLibrary(
            name: "CGSL",
            pkgConfig: "gsl",
            providers: [.apt(["libgsl-dev"])]
        ),
        .target(name: "SimKernel", dependencies: ["CGSL"]),
        .target(name: "EdgeSim", dependencies: ["SimKernel"]),
        .executableTarget(
            name: "edgesim",
            dependencies: [
                "EdgeSim",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "SimKernelTests", dependencies: ["SimKernel", "CGSL"]),
        .testTarget(name: "EdgeSimCLITests", dependencies: ["EdgeSim", "edgesim"]),
    ]
)
