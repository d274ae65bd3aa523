import EdgeBase

/// A deterministic retail deployment and its camera workloads, for tests,
/// examples and the placement benchmark.
///
/// ``retail(regions:storesPerRegion:camerasPerStore:)`` builds, with no
/// randomness (every variation is a function of indexes):
///
/// - per store: one store-edge server (32 cores, 64 GiB, 1 GPU, $0.60/h)
///   and four shop-floor devices (6 cores, 8 GiB, 1 GPU, $0.05/h); every
///   tenth store has three devices;
/// - per region: one aggregator (256 cores, 1 TiB, 8 GPUs, $12/h);
/// - four cloud pools (10 000 cores, 16 TiB, 1024 GPUs, $400/h each);
/// - one camera source per camera, and one detection workload per camera:
///   every fifth camera is 4K (1500 m CPU, 2 GiB, priority 10, degraded 750 m,
///   1 GiB), the others 1080p (750 m, 1 GiB, degraded 375 m, 512 MiB); each
///   with a 30 ms latency budget and residency in its store.
///
/// Latencies follow ``LatencyModel/retail`` with small per-node offsets, and
/// nodes carry a varied failure history over 90 days of uptime. ClusterNode order:
/// each store's edge server then its devices, store by store; then the
/// aggregators; then the cloud pools.
public struct ReferenceCluster: Sendable {
    /// The cluster.
    public var cluster: ClusterSnapshot
    /// The camera workloads, store by store, camera by camera.
    public var workloads: [WorkloadRequest]

    /// Builds the reference deployment.
    ///
    /// - Parameters:
    ///   - regions: regional aggregators (default 20).
    ///   - storesPerRegion: stores under each (default 25).
    ///   - camerasPerStore: camera streams per store (default 50).
    /// - Precondition: every count is at least 1.
    /// - Complexity: O(stores × cameras).
    public static func retail(regions: Int = 20, storesPerRegion: Int = 25, camerasPerStore: Int = 50) -> ReferenceCluster {
        precondition(regions >= 1 && storesPerRegion >= 1 && camerasPerStore >= 1, "counts must be at least 1")
        // Every `try!` below adds input that is valid by construction.
        var cluster = ClusterSnapshot(latencyModel: .retail)
        let uptime = LocalDuration.hours(90 * 24)
        for region in 0..<regions {
            for k in 0..<storesPerRegion {
                let store = region * storesPerRegion + k
                let location = ClusterNode.Location.store(store, region: region)
                try! cluster.addNode(ClusterNode(
                    name: "store-\(store)/edge", tier: .storeEdge, location: location,
                    capacity: Resources(milliCPU: 32_000, memoryMiB: 65_536, gpus: 1),
                    costPerHour: MicroDollars(600_000),
                    reliability: .init(failures: Int64(store % 4), uptime: uptime),
                    latencyOffset: .microseconds(Int64(store % 3) * 500)
                ))
                for device in 0..<(store % 10 == 9 ? 3 : 4) {
                    try! cluster.addNode(ClusterNode(
                        name: "store-\(store)/device-\(device)", tier: .device, location: location,
                        capacity: Resources(milliCPU: 6_000, memoryMiB: 8_192, gpus: 1),
                        costPerHour: MicroDollars(50_000 + Int64(device) * 5_000),
                        reliability: .init(failures: Int64((store + device) % 5), uptime: uptime),
                        latencyOffset: .microseconds(Int64(device) * 250)
                    ))
                }
            }
        }
        for region in 0..<regions {
            try! cluster.addNode(ClusterNode(
                name: "region-\(region)/aggregator", tier: .regional, location: .region(region),
                capacity: Resources(milliCPU: 256_000, memoryMiB: 1_048_576, gpus: 8),
                costPerHour: .dollars(12),
                reliability: .init(failures: Int64(region % 2), uptime: uptime),
                latencyOffset: .milliseconds(Int64(region % 5))
            ))
        }
        for pool in 0..<4 {
            try! cluster.addNode(ClusterNode(
                name: "cloud/pool-\(pool)", tier: .cloud, location: .cloud,
                capacity: Resources(milliCPU: 10_000_000, memoryMiB: 16_777_216, gpus: 1_024),
                costPerHour: .dollars(400), reliability: .init(failures: 0, uptime: uptime),
                latencyOffset: .milliseconds(Int64(pool))
            ))
        }
        var workloads: [WorkloadRequest] = []
        workloads.reserveCapacity(regions * storesPerRegion * camerasPerStore)
        for store in 0..<(regions * storesPerRegion) {
            for camera in 0..<camerasPerStore {
                let source = try! cluster.addSource(
                    DataSource(name: "store-\(store)/camera-\(camera)", store: store, region: store / storesPerRegion)
                )
                let is4K = camera % 5 == 0
                workloads.append(WorkloadRequest(
                    name: "store-\(store)/camera-\(camera)/detect",
                    resources: is4K ? Resources(milliCPU: 1_500, memoryMiB: 2_048) : Resources(milliCPU: 750, memoryMiB: 1_024),
                    priority: is4K ? 10 : 0, source: source, maxLatency: .milliseconds(30), residency: .store,
                    degraded: .init(
                        label: is4K ? "4K@5fps" : "1080p@5fps",
                        resources: is4K ? Resources(milliCPU: 750, memoryMiB: 1_024) : Resources(milliCPU: 375, memoryMiB: 512)
                    )
                ))
            }
        }
        return ReferenceCluster(cluster: cluster, workloads: workloads)
    }

    /// Places every workload with a fresh scheduler, as one batch at time zero.
    ///
    /// This is the placement benchmark: time the call (a release build places
    /// the default 25 000 workloads in well under the 2 s target).
    ///
    /// - Parameters:
    ///   - configuration: the scheduler to run (edge-aware by default). With
    ///     explanations on, the call also builds a record per decision.
    ///   - randomSource: for the random baseline.
    /// - Returns: the counters, an independent residency check, and a checksum of every placement.
    /// - Throws: ``SchedulingError`` if the configuration is invalid.
    public func placeAll(
        configuration: SchedulerConfiguration = .edgeAware, randomSource: (() -> UInt64)? = nil
    ) throws(SchedulingError) -> ReferencePlacementResult {
        var scheduler = try Scheduler(cluster: cluster, configuration: configuration, at: .zero, randomSource: randomSource)
        let ids = try scheduler.submit(contentsOf: workloads, at: .zero)
        var residencyViolations = 0
        var checksum = StableHasher()
        for id in ids {
            let spec = workloads[id.rawValue]
            for index in 0..<spec.replicas {
                let replica = WorkloadReplicaID(workload: id, index: index)
                guard let placement = scheduler.placement(of: replica) else {
                    checksum.combine(UInt64(bitPattern: -1))
                    continue
                }
                checksum.combine(UInt64(placement.node.rawValue) << 1 | (placement.mode == .degraded ? 1 : 0))
                // Recomputed from locations, not from the scheduler's own flag.
                if let source = spec.source, spec.residency == .store,
                   cluster.nodes[placement.node.rawValue].location.store != cluster.sources[source.rawValue].store {
                    residencyViolations += 1
                }
            }
        }
        return ReferencePlacementResult(
            workloads: ids.count, counters: scheduler.counters,
            residencyViolations: residencyViolations, checksum: checksum.finalized
        )
    }
}
