import EdgeBase

/// Where a replica runs, and how the placement stands to its constraints.
public struct Placement: Hashable, Sendable {
    /// The replica placed.
    public var replica: WorkloadReplicaID
    /// The node it runs on.
    public var node: ClusterNodeID
    /// That node's tier.
    public var tier: ClusterTier
    /// Normal or degraded request.
    public var mode: PlacementMode
    /// Latency from the workload's source to the node, `nil` without a source.
    public var latency: LocalDuration?
    /// Whether ``latency`` is within the workload's budget (true without a budget).
    public var withinLatencyBudget: Bool
    /// Whether the node is inside the workload's residency (true for ``WorkloadRequest/Residency/anywhere``).
    public var withinResidency: Bool
    /// Whether a fallback step (a higher tier, degraded mode, beyond budget)
    /// found the node rather than the first step tried.
    public var fallback: Bool

    /// A placement record.
    public init(
        replica: WorkloadReplicaID, node: ClusterNodeID, tier: ClusterTier, mode: PlacementMode, latency: LocalDuration?,
        withinLatencyBudget: Bool, withinResidency: Bool, fallback: Bool
    ) {
        self.replica = replica
        self.node = node
        self.tier = tier
        self.mode = mode
        self.latency = latency
        self.withinLatencyBudget = withinLatencyBudget
        self.withinResidency = withinResidency
        self.fallback = fallback
    }
}
