import EdgeBase

/// Why a replica went where it went: every step tried, every node
/// considered with its filter verdict and scores, and the outcome.
///
/// Produced only when ``SchedulerConfiguration/explanations`` is not
/// ``SchedulerConfiguration/ExplanationLevel/off``, one per decision, and
/// collected with ``Scheduler/takeExplanations()``. ``jsonLine`` encodes it as
/// one line of JSON with sorted keys (see ``jsonLine``).
public struct PlacementExplanation: Hashable, Sendable {
    /// What asked for the decision.
    public enum Trigger: Hashable, Sendable, CustomStringConvertible {
        /// A newly submitted replica.
        case submitted
        /// A pending replica retried at a tick.
        case retried
        /// A replica displaced from a failed node.
        case failover(from: ClusterNodeID)
        /// A displaced replica offered its returned home node.
        case rebalance(home: ClusterNodeID)

        /// "submitted", "retried", "failover" or "rebalance".
        public var description: String {
            switch self {
            case .submitted: "submitted"
            case .retried: "retried"
            case .failover: "failover"
            case .rebalance: "rebalance"
            }
        }
    }

    /// How the decision ended.
    public enum Outcome: Hashable, Sendable {
        /// Placed on the node with the given request.
        case placed(ClusterNodeID, PlacementMode)
        /// No step found a node: the replica is pending.
        case unschedulable
        /// A rebalance found the home node unable to take the replica: it stays put.
        case notMoved
    }

    /// One score plugin's contribution to a node's total.
    public struct PluginScore: Hashable, Sendable {
        /// The plugin.
        public var plugin: ScorePlugin
        /// Its raw value (units in ``ScorePlugin``).
        public var raw: Int64
        /// The normalised score, 0...100.
        public var score: Int
        /// The plugin's weight.
        public var weight: Int
        /// `score * weight`.
        public var weighted: Int
    }

    /// A node's verdict in one step.
    public enum Verdict: Hashable, Sendable {
        /// Passed every filter; its scores (empty for the random scheduler)
        /// and their weighted total.
        case feasible(scores: [PluginScore], total: Int)
        /// Rejected by a filter, for a reason.
        case rejected(FilterReason)
    }

    /// One node in one step.
    public struct NodeEvaluation: Hashable, Sendable {
        /// The node.
        public var node: ClusterNodeID
        /// Its tier.
        public var tier: ClusterTier
        /// Its verdict.
        public var verdict: Verdict
    }

    /// One step of the fallback path: a set of tiers, a request, whether the
    /// latency budget held, and what came of it.
    public struct Step: Hashable, Sendable {
        /// Tiers this step admitted.
        public var tiers: TierSet
        /// Request tried.
        public var mode: PlacementMode
        /// Whether the latency filter applied (false only in the beyond-budget fallback).
        public var latencyEnforced: Bool
        /// The nodes evaluated, ascending by node.
        public var nodes: [NodeEvaluation]
        /// Nodes not evaluated because an index ruled them out as a whole.
        public var pruned: Int
        /// The index that ruled them out ("tier", "store 17", "region 3",
        /// "dataset 2", "home node"), or `nil` when nothing was pruned.
        public var prunedBy: String?
        /// How many nodes passed every filter.
        public var feasible: Int
        /// The node chosen in this step, if any (then it is the last step).
        public var chosen: ClusterNodeID?
    }

    /// The replica decided on.
    public var replica: WorkloadReplicaID
    /// Its workload's name.
    public var workload: String
    /// Local time of the decision.
    public var time: LocalTime
    /// The scheduler that decided.
    public var scheduler: SchedulerConfiguration.Kind
    /// What asked for the decision.
    public var trigger: Trigger
    /// The steps tried, in order: the fallback path taken.
    public var steps: [Step]
    /// The outcome.
    public var outcome: Outcome

    /// The node chosen, if the replica was placed.
    public var chosen: ClusterNodeID? {
        if case let .placed(node, _) = outcome { return node }
        return nil
    }
}
