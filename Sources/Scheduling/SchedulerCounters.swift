/// Counts of scheduling outcomes since the scheduler was created.
///
/// A placement is any decision that puts a replica on a node: a new replica,
/// a pending one retried, or a failover move. Moves back under
/// ``SchedulerConfiguration/RebalancePolicy/moveBack`` are counted apart.
/// The `...Placements` counters below `placements` are subsets of it.
public struct SchedulerCounters: Hashable, Sendable, CustomStringConvertible {
    /// Decisions that put a replica on a node (new, retried or failover).
    public var placements = 0
    /// Placements with the degraded request.
    public var degradedPlacements = 0
    /// Placements found by a fallback step rather than the first step tried
    /// (a higher tier, degraded mode, or beyond the latency budget).
    public var fallbackPlacements = 0
    /// Placements on a node whose latency from the workload's source exceeds
    /// its budget (only when a fallback policy or a baseline allows it).
    public var slaViolatingPlacements = 0
    /// Placements outside the workload's residency: raw data leaving its
    /// store or region (only by baselines, or with the affinity filter disabled).
    public var sovereigntyViolatingPlacements = 0
    /// Decisions that found no node: a new replica, or one displaced by a
    /// failure, entering the pending queue. Retries that fail again are not recounted.
    public var unschedulable = 0
    /// Replicas moved off a failed node to another node.
    public var failoverMoves = 0
    /// Replicas moved back to their returned node.
    public var rebalanceMoves = 0
    /// Nodes declared failed.
    public var nodeFailures = 0
    /// Failed nodes that heartbeated again.
    public var nodeRecoveries = 0

    /// All zero.
    public init() {}

    /// "name=value" pairs in declaration order, separated by spaces.
    public var description: String {
        "placements=\(placements) degradedPlacements=\(degradedPlacements) fallbackPlacements=\(fallbackPlacements) "
            + "slaViolatingPlacements=\(slaViolatingPlacements) sovereigntyViolatingPlacements=\(sovereigntyViolatingPlacements) "
            + "unschedulable=\(unschedulable) failoverMoves=\(failoverMoves) rebalanceMoves=\(rebalanceMoves) "
            + "nodeFailures=\(nodeFailures) nodeRecoveries=\(nodeRecoveries)"
    }
}
