/// A hard constraint: a node that fails a filter cannot take the replica.
///
/// Filters run in the order of ``allCases``, cheapest and most structural
/// first, and a node's verdict names the first filter that rejected it:
/// ``tierAllowed``, ``nodeHealthy``, ``affinity``, ``withinLatency``,
/// ``fitsResources``. Between ``tierAllowed`` and ``nodeHealthy``, the
/// fallback step itself admits only the tiers it is trying (see
/// ``FilterReason/tierOutsideStep(_:)``), so a tier the workload forbids is
/// reported as such rather than as another rung of the ladder.
public enum FilterPlugin: String, CaseIterable, Hashable, Sendable, CustomStringConvertible {
    /// The node's tier is among the workload's ``WorkloadRequest/allowedTiers``.
    case tierAllowed
    /// The node is ``ClusterNode/Health/healthy`` (not failed, not cordoned). Required.
    case nodeHealthy
    /// Data residency (the node is in the source's store or region, as the
    /// workload demands), dataset affinity (the node holds the dataset), and
    /// replica spread (no other replica of the workload is on the node).
    case affinity
    /// Latency from the workload's source to the node is within its budget.
    case withinLatency
    /// The node's free capacity covers the request. Required.
    case fitsResources

    /// The plugin's name in configuration and records (the case name).
    public var description: String { rawValue }

    @usableFromInline var bit: UInt8 {
        switch self {
        case .tierAllowed: 1
        case .nodeHealthy: 2
        case .affinity: 4
        case .withinLatency: 8
        case .fitsResources: 16
        }
    }
}
