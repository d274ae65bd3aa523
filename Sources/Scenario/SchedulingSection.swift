import EdgeBase
import Scheduling
import SimKernel

/// The scenario's `scheduling:` section, read straight into the scheduling
/// library's own ``SchedulerConfiguration``, plus what only the simulated
/// retail world needs (heartbeat period, workload requests). The nodes'
/// capacities are the deployment's (``DeploymentSection/clusterNode(_:)``).
///
/// The section's presence turns the scheduler on for every arm; without it
/// the run is exactly the one without a scheduler (the `least_allocated` and
/// `random` arms run it anyway, with these defaults). Every key is optional;
/// ``keys`` lists them with their defaults, as `Scenarios/README.md` does.
public struct SchedulingSection: Sendable, Hashable {
    /// The `edge_hybrid` arm's scheduler: its kind, edge-aware weights,
    /// heartbeat timeout (``heartbeatInterval`` × ``missedHeartbeats``) and
    /// rebalancing. The baseline arms use the library's presets with the same
    /// timeout and rebalancing.
    public var configuration: SchedulerConfiguration
    /// Largest latency from a camera to its inference.
    public var latencyBudget: LocalDuration = .milliseconds(30)
    /// Period of the heartbeats to the scheduler, and of its checks.
    public var heartbeatInterval: SimDuration = .seconds(2)
    /// Heartbeat intervals of silence before a node is declared failed.
    public var missedHeartbeats = 3
    /// Millicores one camera's inference requests.
    public var cameraMillicores = 1_000
    /// Millicores a store's inventory service requests.
    public var inventoryMillicores = 1_000

    /// Every default: the edge-aware scheduler, displaced workloads moving back.
    public init() {
        configuration = .edgeAware
        configuration.rebalance = .moveBack
        applyHeartbeatTimeout()
    }

    /// Sets the library's timeout from the interval and the count.
    mutating func applyHeartbeatTimeout() {
        configuration.heartbeatTimeout = LocalDuration(nanoseconds: heartbeatInterval.nanoseconds) * Int64(missedHeartbeats)
    }

    /// The configuration of an arm's scheduler: this section's for
    /// `edge_hybrid`; the preset of `kind` otherwise, with this section's
    /// heartbeat timeout and rebalancing.
    public func configuration(baseline kind: SchedulerConfiguration.Kind?) -> SchedulerConfiguration {
        guard let kind else { return configuration }
        var c = kind == .edgeAware ? SchedulerConfiguration.edgeAware : .baseline(kind)
        c.heartbeatTimeout = configuration.heartbeatTimeout
        c.rebalance = configuration.rebalance
        return c
    }
}

extension SchedulingSection {
    /// An old key of a node's capacity, read as the deployment key `key`.
    private static func alias(_ name: String, _ key: String) -> SectionKey<SchedulingSection> {
        SectionKey(name, default: "—") { reader, at, _ in reader.deploymentAlias(at, key) }
    }

    private static func weight(_ plugin: ScorePlugin) -> SectionKey<SchedulingSection> {
        SectionKey("weights.\(plugin.scenarioName)", default: "\(ScoreWeights.edgeAware[plugin])") { reader, at, s in
            if let v = reader.int(at, min: 0, max: 100) { s.configuration.weights[plugin] = v }
        }
    }

    /// The section's keys, in the order `Scenarios/README.md` lists them.
    static let keys: [SectionKey<SchedulingSection>] = [
        SectionKey("scheduler", default: SchedulerConfiguration.Kind.edgeAware.rawValue) { reader, at, s in
            guard let name = reader.choice(at, SchedulerConfiguration.Kind.allCases.map(\.rawValue), what: "a scheduler"),
                  let kind = SchedulerConfiguration.Kind(rawValue: name) else { return }
            let weights = s.configuration.weights
            s.configuration = s.configuration(baseline: kind)
            if kind == .edgeAware { s.configuration.weights = weights }
        },
    ] + ScorePlugin.allCases.map(weight) + [
        SectionKey("latency_budget", default: "30ms") { reader, at, s in
            if let d = reader.localDuration(at) { s.latencyBudget = d }
        },
        SectionKey("heartbeat_interval", default: "2s") { reader, at, s in
            if let d = reader.positiveDuration(at) { s.heartbeatInterval = d }
        },
        SectionKey("missed_heartbeats", default: "3") { reader, at, s in
            if let v = reader.int(at, min: 1, max: 1_000) { s.missedHeartbeats = v }
        },
        SectionKey("rebalance", default: SchedulerConfiguration.RebalancePolicy.moveBack.rawValue) { reader, at, s in
            let names = [SchedulerConfiguration.RebalancePolicy.moveBack, .stay].map(\.rawValue)
            if let v = reader.choice(at, names, what: "a rebalance policy").flatMap(SchedulerConfiguration.RebalancePolicy.init) {
                s.configuration.rebalance = v
            }
        },
        SectionKey("camera_cpu", default: "1000") { reader, at, s in
            if let v = reader.millicores(at) { s.cameraMillicores = v }
        },
        SectionKey("inventory_cpu", default: "1000") { reader, at, s in
            if let v = reader.millicores(at) { s.inventoryMillicores = v }
        },
        // The nodes' capacities are the deployment's now.
        alias("store_server_cpu", "store.cpu"),
        alias("region_cpu", "region.cpu"),
        alias("cloud_cpu", "cloud.cpu"),
    ]
}

extension ScorePlugin {
    /// The plugin's key under `scheduling.weights`: `latency`, `least_allocated`, `cost`, `reliability`.
    var scenarioName: String {
        switch self {
        case .latency: "latency"
        case .leastAllocated: "least_allocated"
        case .cost: "cost"
        case .reliability: "reliability"
        }
    }
}
