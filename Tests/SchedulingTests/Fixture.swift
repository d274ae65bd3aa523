import EdgeBase
import Scheduling

/// A two-store region small enough to reason about by hand.
///
/// ```
/// id  name            tier       location            capacity (m, MiB, gpu)  $/h   latency from camera 0
///  0  s0/device-0     device     store 0, region 0     4000,  4096, 1      0.05   2 ms
///  1  s0/device-1     device     store 0, region 0     4000,  4096, 1      0.05   2 ms + 1 ms offset
///  2  s0/edge         storeEdge  store 0, region 0    16000, 32768, 0      0.60   4 ms
///  3  s1/device-0     device     store 1, region 0     4000,  4096, 1      0.05   26 ms
///  4  s1/edge         storeEdge  store 1, region 0    16000, 32768, 0      0.60   24 ms
///  5  r0/aggregator   regional   region 0            128000, 524288, 8     12.00  12 ms
///  6  cloud/pool      cloud      cloud              1000000, 8388608, 64   400.00 45 ms
/// ```
///
/// Sources: camera 0 in store 0, camera 1 in store 1.
struct Fixture {
    var cluster = ClusterSnapshot(latencyModel: .retail)
    let camera0: SourceID
    let camera1: SourceID

    static let s0device0 = ClusterNodeID(0), s0device1 = ClusterNodeID(1), s0edge = ClusterNodeID(2)
    static let s1device0 = ClusterNodeID(3), s1edge = ClusterNodeID(4), aggregator = ClusterNodeID(5), cloud = ClusterNodeID(6)
    static let nodeCount = 7

    /// The fixture, with `adjust` applied to each node before it is added
    /// (to reserve capacity, change a price, record failures).
    init(_ adjust: (ClusterNodeID, inout ClusterNode) -> Void = { _, _ in }) {
        let device = Resources(milliCPU: 4_000, memoryMiB: 4_096, gpus: 1)
        let edge = Resources(milliCPU: 16_000, memoryMiB: 32_768)
        let nodes = [
            ClusterNode(name: "s0/device-0", tier: .device, location: .store(0, region: 0), capacity: device, costPerHour: MicroDollars(50_000)),
            ClusterNode(name: "s0/device-1", tier: .device, location: .store(0, region: 0), capacity: device, costPerHour: MicroDollars(50_000), latencyOffset: .milliseconds(1)),
            ClusterNode(name: "s0/edge", tier: .storeEdge, location: .store(0, region: 0), capacity: edge, costPerHour: MicroDollars(600_000)),
            ClusterNode(name: "s1/device-0", tier: .device, location: .store(1, region: 0), capacity: device, costPerHour: MicroDollars(50_000)),
            ClusterNode(name: "s1/edge", tier: .storeEdge, location: .store(1, region: 0), capacity: edge, costPerHour: MicroDollars(600_000)),
            ClusterNode(name: "r0/aggregator", tier: .regional, location: .region(0), capacity: Resources(milliCPU: 128_000, memoryMiB: 524_288, gpus: 8), costPerHour: .dollars(12)),
            ClusterNode(name: "cloud/pool", tier: .cloud, location: .cloud, capacity: Resources(milliCPU: 1_000_000, memoryMiB: 8_388_608, gpus: 64), costPerHour: .dollars(400)),
        ]
        for (i, template) in nodes.enumerated() {
            var node = template
            adjust(ClusterNodeID(i), &node)
            try! cluster.addNode(node)
        }
        camera0 = try! cluster.addSource(DataSource(name: "store-0/camera-0", store: 0, region: 0))
        camera1 = try! cluster.addSource(DataSource(name: "store-1/camera-0", store: 1, region: 0))
    }

    /// A fixture whose `full` nodes have no free capacity.
    static func filled(_ full: Set<ClusterNodeID>) -> Fixture {
        Fixture { id, node in if full.contains(id) { node.allocated = node.capacity } }
    }

    /// A camera-style workload reading `source`.
    static func camera(
        _ source: SourceID, cpu: Int64 = 1_000, budget: LocalDuration? = .milliseconds(30),
        residency: WorkloadRequest.Residency = .store, degradedCPU: Int64? = nil, replicas: Int = 1,
        tiers: TierSet = .all, gpus: Int64 = 0, name: String = "camera"
    ) -> WorkloadRequest {
        WorkloadRequest(
            name: name, resources: Resources(milliCPU: cpu, memoryMiB: 1_024, gpus: gpus), replicas: replicas,
            source: source, maxLatency: budget, residency: residency, allowedTiers: tiers,
            degraded: degradedCPU.map { .init(label: "low-fps", resources: Resources(milliCPU: $0, memoryMiB: 512)) }
        )
    }
}

/// SplitMix64, the caller-supplied generator for the random baseline.
func splitMix(seed: UInt64) -> () -> UInt64 {
    var generator = SplitMix64(seed: seed)
    return { generator.next() }
}

extension SchedulerConfiguration {
    /// This configuration with explanations at `level`.
    func explaining(_ level: ExplanationLevel = .allNodes) -> SchedulerConfiguration {
        var copy = self
        copy.explanations = level
        return copy
    }
}

extension PlacementExplanation {
    /// The verdict of `node` in step `step` (the last step by default).
    func verdict(of node: ClusterNodeID, step: Int? = nil) -> Verdict? {
        guard let index = step ?? (steps.isEmpty ? nil : steps.count - 1) else { return nil }
        return steps[index].nodes.first { $0.node == node }?.verdict
    }

    /// The reason `node` was rejected in step `step` (the last by default), if it was.
    func rejection(of node: ClusterNodeID, step: Int? = nil) -> FilterReason? {
        if case let .rejected(reason) = verdict(of: node, step: step) { return reason }
        return nil
    }

    /// The weighted total of `node` in step `step` (the last by default), if feasible.
    func total(of node: ClusterNodeID, step: Int? = nil) -> Int? {
        if case let .feasible(_, total) = verdict(of: node, step: step) { return total }
        return nil
    }
}
