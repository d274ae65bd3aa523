import EdgeBase

/// What the scheduler tells its driver to do, or that something happened.
///
/// Every input (``Scheduler/submit(_:at:)``, ``Scheduler/heartbeat(from:at:)``,
/// ``Scheduler/tick(at:)``, ...) appends outputs in a deterministic order;
/// the driver collects them with ``Scheduler/takeOutputs()`` and applies
/// them in that order (start a replica, stop one, move one).
public enum SchedulingOutput: Hashable, Sendable {
    /// Why a replica moved.
    public enum MoveReason: String, Hashable, Sendable, CustomStringConvertible {
        /// Its node was declared failed after missed heartbeats (failover).
        case nodeFailed
        /// Its original node returned and the ``SchedulerConfiguration/RebalancePolicy/moveBack`` policy moved it home.
        case rebalance

        /// The case name.
        public var description: String { rawValue }
    }

    /// Start the replica on ``Placement/node``: a new replica, or a pending one that now fits.
    case placed(Placement)
    /// Stop the replica on `from` (if it still runs) and start it per the placement.
    case moved(Placement, from: ClusterNodeID, reason: MoveReason)
    /// No node can take the replica; it waits in the pending queue and is
    /// retried at a tick after capacity returns. `displacedFrom` is the failed
    /// node it ran on, if it was displaced rather than newly submitted.
    case unschedulable(WorkloadReplicaID, displacedFrom: ClusterNodeID?)
    /// A node missed heartbeats: its last heartbeat arrived at `lastHeartbeat`
    /// and the tick at `detectedAt` declared it failed. Its replicas' moves follow.
    case nodeFailed(ClusterNodeID, lastHeartbeat: LocalTime, detectedAt: LocalTime)
    /// A failed node heartbeated at `at`; it had been declared failed at
    /// `failedAt` (the scheduler's start for a node that was failed in the
    /// snapshot it was given).
    case nodeRecovered(ClusterNodeID, at: LocalTime, failedAt: LocalTime)
}
