import Foundation
import SimKernel

/// The scenario's `scheduling:` section, read and checked.
///
/// With the section present, the retail workload's camera inference and
/// inventory service are placed by the scheduler at the start and after every
/// failure (docs/SIMULATED_SCHEDULING.md); without it, the run is exactly the
/// one without a scheduler. Keys are relative to the section; every key is
/// optional:
///
/// | key | default | meaning |
/// | --- | --- | --- |
/// | `scheduler` | `edge_aware` | The edge_hybrid arm's scheduler: `edge_aware`, `least_allocated`, `cloud_only` or `random`. The baseline arms use their own. |
/// | `weights.latency`, `weights.least_allocated`, `weights.cost`, `weights.reliability` | 3, 2, 1, 1 | Edge-aware plugin weights, 0...100, not all zero. |
/// | `latency_budget` | `30ms` | Largest latency from a camera to its inference. |
/// | `heartbeat_interval` | `2s` | Period of the store servers' heartbeats to the scheduler (and of its checks). |
/// | `missed_heartbeats` | 3 | Heartbeat intervals of silence before a server is declared failed. |
/// | `rebalance` | `move_back` | When a failed server returns: `move_back` or `stay`. |
/// | `camera_cpu` | 1000 | Millicores one camera's inference requests. |
/// | `inventory_cpu` | 1000 | Millicores a store's inventory service requests. |
/// | `store_server_cpu` | 16000 | Millicores of one store server. |
/// | `region_cpu` | 64000 | Millicores of one regional aggregator. |
/// | `cloud_cpu` | 10000000 | Millicores of one cloud node. |
public struct SchedulingSettings: Sendable, Hashable {
    /// The placement rule of the edge_hybrid arm.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        case edgeAware = "edge_aware"
        case leastAllocated = "least_allocated"
        case cloudOnly = "cloud_only"
        case random
    }

    /// What happens to displaced workloads when their server returns.
    public enum Rebalance: String, Sendable, Hashable, CaseIterable {
        case moveBack = "move_back"
        case stay
    }

    /// Whether the scenario has a `scheduling:` section at all.
    public var enabled = false
    public var scheduler = Kind.edgeAware
    public var weightLatency = 3
    public var weightLeastAllocated = 2
    public var weightCost = 1
    public var weightReliability = 1
    public var latencyBudget: SimDuration = .milliseconds(30)
    public var heartbeatInterval: SimDuration = .seconds(2)
    public var missedHeartbeats = 3
    public var rebalance = Rebalance.moveBack
    public var cameraMillicores = 1_000
    public var inventoryMillicores = 1_000
    public var storeServerMillicores = 16_000
    public var regionMillicores = 64_000
    public var cloudMillicores = 10_000_000

    /// Every default; scheduling disabled.
    public init() {}

    /// The keys the section may hold, sorted.
    public static let keys: [String] = [
        "camera_cpu", "cloud_cpu", "heartbeat_interval", "inventory_cpu", "latency_budget", "missed_heartbeats",
        "rebalance", "region_cpu", "scheduler", "store_server_cpu", "weights.cost", "weights.latency",
        "weights.least_allocated", "weights.reliability",
    ]

    /// Silence after which a server is declared failed.
    public var heartbeatTimeout: SimDuration { SimDuration(nanoseconds: heartbeatInterval.nanoseconds * Int64(missedHeartbeats)) }

    /// Reads a raw `scheduling:` section.
    ///
    /// - Parameter raw: key (relative to the section) → text as written.
    /// - Throws: ``SchedulingSettingsError`` listing every problem, each by
    ///   its key path (`scheduling.rebalance`).
    public init(raw: [String: String]) throws(SchedulingSettingsError) {
        var issues: [SchedulingSettingsError.Issue] = []
        var s = SchedulingSettings()
        s.enabled = !raw.isEmpty
        func fail(_ key: String, _ message: String) { issues.append(.init(key: key, message: message)) }
        func weight(_ text: String, _ key: String, _ out: inout Int) {
            guard let v = Int(text) else { return fail(key, "\"\(text)\" is not a whole number") }
            guard (0...100).contains(v) else { return fail(key, "must be from 0 to 100, got \(v)") }
            out = v
        }
        func millicores(_ text: String, _ key: String, _ out: inout Int) {
            guard let v = Int(text) else { return fail(key, "\"\(text)\" is not a whole number of millicores") }
            guard v >= 1 && v <= 1_000_000_000 else { return fail(key, "must be from 1 to 1000000000, got \(v)") }
            out = v
        }
        for key in raw.keys.sorted() {
            let text = raw[key]!
            let value = text.trimmingCharacters(in: .whitespaces)
            switch key {
            case "scheduler":
                if let k = Kind(rawValue: value) { s.scheduler = k } else {
                    fail(key, "\"\(text)\" is not a scheduler; write edge_aware, least_allocated, cloud_only or random")
                }
            case "rebalance":
                if let r = Rebalance(rawValue: value) { s.rebalance = r } else {
                    fail(key, "\"\(text)\" is not a rebalance policy; write move_back or stay")
                }
            case "weights.latency": weight(value, key, &s.weightLatency)
            case "weights.least_allocated": weight(value, key, &s.weightLeastAllocated)
            case "weights.cost": weight(value, key, &s.weightCost)
            case "weights.reliability": weight(value, key, &s.weightReliability)
            case "latency_budget":
                ReplicationSettings.duration(value, key, allowZero: false, &s.latencyBudget, fail)
            case "heartbeat_interval":
                ReplicationSettings.duration(value, key, allowZero: false, &s.heartbeatInterval, fail)
            case "missed_heartbeats": ReplicationSettings.count(value, key, &s.missedHeartbeats, fail)
            case "camera_cpu": millicores(value, key, &s.cameraMillicores)
            case "inventory_cpu": millicores(value, key, &s.inventoryMillicores)
            case "store_server_cpu": millicores(value, key, &s.storeServerMillicores)
            case "region_cpu": millicores(value, key, &s.regionMillicores)
            case "cloud_cpu": millicores(value, key, &s.cloudMillicores)
            default:
                fail(key, "unknown key; the scheduling keys are " + Self.keys.joined(separator: ", "))
            }
        }
        if s.weightLatency + s.weightLeastAllocated + s.weightCost + s.weightReliability == 0 {
            fail("weights", "at least one weight must be above 0")
        }
        guard issues.isEmpty else { throw SchedulingSettingsError(issues: issues) }
        self = s
    }
}

extension Scenario {
    /// The scenario's scheduling settings, read and checked.
    ///
    /// - Throws: ``SchedulingSettingsError`` listing every problem.
    public func schedulingSettings() throws(SchedulingSettingsError) -> SchedulingSettings {
        try SchedulingSettings(raw: scheduling)
    }
}

/// The `scheduling:` section, for the key paths of its issues.
public enum SchedulingSection: CheckedSection {
    public static let name = "scheduling"
}

/// A `scheduling:` section that cannot run, with every problem found.
public typealias SchedulingSettingsError = SectionSettingsError<SchedulingSection>
