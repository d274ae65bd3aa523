import EdgeBase

/// One declared node failure and what became of its replicas.
///
/// The driver knows when it crashed the node; with ``lastHeartbeat`` and
/// ``detectedAt`` it can split reschedule time into detection and
/// replacement. Kept in ``Scheduler/failures`` in detection order.
public struct NodeFailureRecord: Hashable, Sendable {
    /// The node.
    public var node: ClusterNodeID
    /// When its last heartbeat before the failure arrived.
    public var lastHeartbeat: LocalTime
    /// The tick that declared it failed.
    public var detectedAt: LocalTime
    /// When it heartbeated again, if it has.
    public var recoveredAt: LocalTime?
    /// Replicas that ran on it when it was declared failed.
    public var displaced: Int
    /// Of those, how many the failover placed elsewhere at once.
    public var moved: Int
}
