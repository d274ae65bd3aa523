import EdgeBase
import Foundation
import Metrics
import Scenario
import Scheduling
import SimKernel
import SimNetwork

/// The scheduler inside the retail world: it places each camera's inference
/// and each store's inventory service at the start, re-places them when a
/// node is declared failed after missed heartbeats, and moves them back (or
/// not) when it returns (docs/SIMULATED_SCHEDULING.md).
///
/// The scheduler runs on `cloud-0` and learns of failures only through
/// heartbeats that cross the simulated network; the simulator tells the
/// driver of a crash only so that it can measure `reschedule_time`. Held by
/// reference, as ``ReplicaDriverBox`` is, so that the world's handlers call
/// it out of line; the world runs once and never shares it.
final class PlacementDriver {
    /// Bytes of one heartbeat message.
    static let heartbeatBytes = 64

    var scheduler: Scheduler
    /// The simulator's node of each scheduler node.
    let simNode: [NodeID]
    /// The scheduler's node of each simulator node; -1 outside the cluster (devices).
    let clusterNode: [Int32]
    /// Where the scheduler runs: heartbeats go there.
    let host: NodeID
    let heartbeatInterval: SimDuration
    let cameras: Int
    /// The node analysing each camera's frames; index -1 while unplaced.
    var cameraNode: [NodeID]
    /// The node holding each store's inventory; index -1 while unplaced.
    var inventoryNode: [NodeID]
    /// When each simulator node last crashed (ns), or -1: for reschedule_time only.
    var crashedAt: [Int64]
    /// Per workload: the crash it was displaced by while it waits unplaced (ns), or -1.
    var displacedAt: [Int64]
    var rescheduleTime = LatencyHistogram()
    /// Sums of per-tier CPU utilisation over the samples (index: scheduler tier).
    var utilizationSums = [Double](repeating: 0, count: 4)
    var utilizationSamples = 0
    /// `placements.jsonl` lines, when explaining.
    var explanations: [String] = []
    let explain: Bool
    let armName: String
    let warmup: Int64

    /// Builds the cluster from the topology and places every workload at time zero.
    init(settings: SchedulingSection, arm: Arm, topology: Topology, deployment: DeploymentSection, camerasPerStore: Int,
         stores: Int, seed: UInt64, warmup: SimDuration, explain: Bool) throws {
        var cluster = ClusterSnapshot(latencyModel: .retail)
        var simNode: [NodeID] = []
        var clusterNode = [Int32](repeating: -1, count: topology.nodes.count)
        func micro(_ usd: Decimal) -> MicroDollars {
            MicroDollars(NSDecimalNumber(decimal: usd * 1_000_000).int64Value)
        }
        for node in topology.nodes {
            // What the node is made of, as the simulation runs and the bill prices it.
            guard let (capacity, price) = deployment.clusterNode(node.tier) else { continue }
            let tier: ClusterTier, location: ClusterNode.Location
            switch node.tier {
            case .device: continue
            case .store: (tier, location) = (.storeEdge, .store(node.store ?? 0, region: node.region ?? 0))
            case .region: (tier, location) = (.regional, .region(node.region ?? 0))
            case .cloud: (tier, location) = (.cloud, .cloud)
            }
            let id = try cluster.addNode(ClusterNode(name: node.name, tier: tier, location: location, capacity: capacity,
                                                     costPerHour: micro(price)))
            clusterNode[Int(node.id.index)] = Int32(id.rawValue)
            simNode.append(node.id)
        }
        let regionOfStore: [Int] = (0..<stores).map { s in
            topology[topology.node(named: "store-\(s)")!].region ?? 0
        }
        let cameraCount = stores * camerasPerStore
        for c in 0..<cameraCount {
            let s = c / max(camerasPerStore, 1)
            _ = try cluster.addSource(DataSource(name: "device-\(s)-\(c % camerasPerStore)", store: s,
                                                 region: regionOfStore[s]))
        }
        for s in 0..<stores {
            _ = try cluster.addSource(DataSource(name: "store-\(s)/point-of-sale", store: s, region: regionOfStore[s]))
        }

        // The edge-hybrid arm runs the section's scheduler; the baselines their own preset.
        var configuration: SchedulerConfiguration
        switch arm {
        case .edgeHybrid: configuration = settings.configuration
        case .cloudOnly: configuration = settings.configuration(baseline: .cloudOnly)
        case .leastAllocated: configuration = settings.configuration(baseline: .leastAllocated)
        case .random: configuration = settings.configuration(baseline: .random)
        }
        configuration.explanations = explain ? .candidates : .off
        let stream = RandomStream(name: "scheduling/random", masterSeed: seed)
        let random: (() -> UInt64)? = configuration.kind == .random
            ? { UInt64(stream.next() & 0xFFFF_FFFF) << 32 | UInt64(stream.next() & 0xFFFF_FFFF) } : nil
        scheduler = try Scheduler(cluster: cluster, configuration: configuration, at: .zero, randomSource: random)

        self.simNode = simNode
        self.clusterNode = clusterNode
        host = topology.node(named: "cloud-0")!
        heartbeatInterval = settings.heartbeatInterval
        cameras = cameraCount
        cameraNode = Array(repeating: NodeID(-1), count: cameraCount)
        inventoryNode = Array(repeating: NodeID(-1), count: stores)
        crashedAt = Array(repeating: -1, count: topology.nodes.count)
        displacedAt = Array(repeating: -1, count: cameraCount + stores)
        self.explain = explain
        armName = arm.rawValue
        self.warmup = warmup.nanoseconds

        // Camera inference, then each store's inventory service (higher
        // priority, so placed first in the batch).
        let budget = settings.latencyBudget
        let tiers: TierSet = [.storeEdge, .regional, .cloud]
        var specs: [WorkloadRequest] = []
        // Requests ask for memory in the proportion a node has it by default, so that CPU decides.
        let camera = Resources(milliCPU: Int64(settings.cameraMillicores),
                               memoryMiB: NodeServers.memoryMiB(millicores: settings.cameraMillicores))
        for c in 0..<cameraCount {
            specs.append(WorkloadRequest(
                name: "inference/device-\(c / camerasPerStore)-\(c % camerasPerStore)", resources: camera,
                source: SourceID(c), maxLatency: budget, allowedTiers: tiers))
        }
        let inventory = Resources(milliCPU: Int64(settings.inventoryMillicores),
                                  memoryMiB: NodeServers.memoryMiB(millicores: settings.inventoryMillicores))
        for s in 0..<stores {
            specs.append(WorkloadRequest(
                name: "inventory/store-\(s)", resources: inventory, priority: 10, source: SourceID(cameraCount + s),
                maxLatency: budget, allowedTiers: tiers))
        }
        // The scheduler node's clock reads zero at the start (clock faults are set later, by the timeline).
        try scheduler.submit(contentsOf: specs, at: .zero)
        apply(now: 0)
    }

    /// The cluster's nodes, in scheduler order, for `placement-nodes.csv`.
    var nodeRows: [[String]] {
        scheduler.cluster.nodes.enumerated().map { i, n in
            [String(i), n.name, n.tier.description, String(n.capacity.milliCPU)]
        }
    }

    /// The simulator's nodes that heartbeat to the scheduler: every node of the cluster.
    var heartbeatSenders: [NodeID] { simNode }

    /// A heartbeat from `node` reached the scheduler at simulated time
    /// `now`, `local` on the scheduler node's clock.
    func heartbeat(from node: NodeID, now: Int64, local: Int64) {
        let n = clusterNode[Int(node.index)]
        guard n >= 0 else { return }
        scheduler.heartbeat(from: ClusterNodeID(Int(n)), at: LocalTime(nanoseconds: local))
        apply(now: now)
    }

    /// The scheduler's periodic check at simulated time `now`, `local` on its node's clock.
    func tick(now: Int64, local: Int64) {
        scheduler.tick(at: LocalTime(nanoseconds: local))
        apply(now: now)
    }

    /// The simulator crashed `node` at `now` (measurement only: the scheduler is not told).
    func crashed(_ node: NodeID, now: Int64) { crashedAt[Int(node.index)] = now }

    /// Samples the CPU utilisation of each tier (after warm-up, once per timeseries bucket).
    func sampleUtilization() {
        var allocated = [Int64](repeating: 0, count: 4), capacity = [Int64](repeating: 0, count: 4)
        for n in scheduler.cluster.nodes {
            allocated[n.tier.rawValue] += n.allocated.milliCPU
            capacity[n.tier.rawValue] += n.capacity.milliCPU
        }
        for t in 0..<4 where capacity[t] > 0 { utilizationSums[t] += Double(allocated[t]) / Double(capacity[t]) }
        utilizationSamples += 1
    }

    /// Cameras whose frames leave their store for inference now.
    var camerasOffStore: Int {
        var count = 0
        for c in 0..<cameras {
            let n = cameraNode[c]
            if n.index < 0 { count += 1; continue }
            if scheduler.cluster.nodes[Int(clusterNode[Int(n.index)])].tier != .storeEdge { count += 1 }
        }
        return count
    }

    func apply(now: Int64) {
        for output in scheduler.takeOutputs() {
            switch output {
            case .placed(let p):
                place(p)
                let w = p.replica.workload.rawValue
                if displacedAt[w] >= 0 {
                    rescheduleTime.record(nanoseconds: now - displacedAt[w])
                    displacedAt[w] = -1
                }
            case .moved(let p, let from, let reason):
                place(p)
                if reason == .nodeFailed {
                    let crash = crashedAt[Int(simNode[from.rawValue].index)]
                    if crash >= 0 { rescheduleTime.record(nanoseconds: now - crash) }
                }
            case .unschedulable(let r, let from):
                setNode(of: r.workload.rawValue, NodeID(-1))
                if let from {
                    let crash = crashedAt[Int(simNode[from.rawValue].index)]
                    displacedAt[r.workload.rawValue] = crash >= 0 ? crash : now
                }
            case .nodeFailed, .nodeRecovered:
                break
            }
        }
        if explain {
            for record in scheduler.takeExplanations() {
                explanations.append("{\"arm\":\"\(armName)\",\"decision\":" + record.jsonLine + "}")
            }
        }
    }

    func place(_ p: Placement) { setNode(of: p.replica.workload.rawValue, simNode[p.node.rawValue]) }

    func setNode(of workload: Int, _ node: NodeID) {
        if workload < cameras { cameraNode[workload] = node } else { inventoryNode[workload - cameras] = node }
    }

    /// The scheduling metrics (docs/METRICS.md).
    func metrics() -> [MetricValue] {
        let c = scheduler.counters
        var m: [MetricValue] = []
        func count(_ name: String, _ x: Int) { m.append(MetricValue(name, "count", .count(x))) }
        count("placements", c.placements)
        count("unschedulable", c.unschedulable)
        count("degraded_placements", c.degradedPlacements)
        count("reschedules", c.failoverMoves)
        count("moves_back", c.rebalanceMoves)
        count("nodes_declared_failed", c.nodeFailures)
        m.append(MetricValue("reschedule_time_p50", "s", .real(rescheduleTime.percentile(50))))
        m.append(MetricValue("reschedule_time_p99", "s", .real(rescheduleTime.percentile(99))))
        count("sla_violating_placements", c.slaViolatingPlacements)
        for (name, t) in [("device", 0), ("store", 1), ("region", 2), ("cloud", 3)] {
            let u = utilizationSamples > 0 && scheduler.cluster.nodes(of: ClusterTier(rawValue: t)!).count > 0
                ? utilizationSums[t] / Double(utilizationSamples) : .nan
            m.append(MetricValue("cpu_allocated_\(name)", "fraction", .real(u)))
        }
        return m
    }
}
