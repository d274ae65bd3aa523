import EdgeBase

/// Which scheduler runs and how: plugins and weights, fallback, heartbeat
/// timeout, rebalancing, explanations.
///
/// Start from a preset (``edgeAware``, ``cloudOnly``, ``leastAllocated``,
/// ``random``), change fields, and hand it to ``Scheduler``, which validates
/// it (``validate()``).
public struct SchedulerConfiguration: Hashable, Sendable {
    /// The placement rule: which nodes a replica may go to and how one is chosen.
    public enum Kind: String, CaseIterable, Hashable, Sendable, CustomStringConvertible {
        /// Every tier the workload allows; the node with the highest weighted
        /// score wins (``weights``).
        case edgeAware = "edge_aware"
        /// Baseline: cloud nodes only; the least-allocated cloud node wins.
        case cloudOnly = "cloud_only"
        /// Baseline: every tier, scored by ``ScorePlugin/leastAllocated`` alone.
        case leastAllocated = "least_allocated"
        /// Baseline: a uniformly random feasible node, drawn from the caller's generator.
        case random

        /// The name scenarios, the command line and placement records use:
        /// `edge_aware`, `cloud_only`, `least_allocated`, `random`.
        public var description: String { rawValue }
    }

    /// How the tiers a workload may use are tried.
    public enum TierSearch: String, Hashable, Sendable, CustomStringConvertible {
        /// One tier at a time, lowest first: a replica goes to the next tier
        /// up only when no node of the lower tiers passes the filters.
        case ladder
        /// All tiers at once; the scores choose, and a tie goes to the lower tier.
        case pooled

        /// The case name.
        public var description: String { rawValue }
    }

    /// What happens when a node that failed heartbeats again.
    public enum RebalancePolicy: String, Hashable, Sendable, CustomStringConvertible {
        /// Displaced replicas stay where failover put them.
        case stay
        /// Displaced replicas move back to the node they were displaced from,
        /// if it passes the filters for them again.
        case moveBack = "move_back"

        /// The case name.
        public var description: String { rawValue }
    }

    /// Which fallbacks are tried once no node passes the filters for the
    /// normal request on any tier.
    public struct FallbackPolicy: Hashable, Sendable {
        /// Retry the tiers with the workload's degraded request, if it has one.
        public var degradedMode: Bool
        /// As a last resort, retry without the latency filter, in one step
        /// over every admissible tier per request (normal, then degraded), and
        /// count the placement in ``SchedulerCounters/slaViolatingPlacements``.
        /// Never relaxes residency, datasets, health or capacity.
        public var beyondLatencyBudget: Bool

        /// A policy; both fallbacks default to the edge-aware choice
        /// (degraded mode yes, beyond budget no).
        public init(degradedMode: Bool = true, beyondLatencyBudget: Bool = false) {
            self.degradedMode = degradedMode
            self.beyondLatencyBudget = beyondLatencyBudget
        }

        /// No fallback at all: unschedulable as soon as the normal request fits nowhere.
        public static let none = FallbackPolicy(degradedMode: false, beyondLatencyBudget: false)
    }

    /// How much a decision records for ``Scheduler/takeExplanations()``.
    public enum ExplanationLevel: String, Hashable, Sendable, CustomStringConvertible {
        /// Nothing (the fast path).
        case off
        /// Each node the scheduler considered, with its verdict and scores;
        /// nodes ruled out wholesale by an index (another store's nodes for a
        /// store-resident workload, say) are counted, not listed.
        case candidates
        /// Every node of the cluster in every step, with its verdict. Slow on
        /// big clusters; for tests and for explaining one decision.
        case allNodes

        /// The case name.
        public var description: String { rawValue }
    }

    /// The placement rule.
    public var kind: Kind
    /// Enabled filters. ``FilterPlugin/nodeHealthy`` and
    /// ``FilterPlugin/fitsResources`` are required; order does not matter
    /// (filters always run in ``FilterPlugin/allCases`` order).
    public var filters: [FilterPlugin]
    /// Score weights of the ``Kind/edgeAware`` scheduler; the baselines use
    /// their own fixed rule and ignore them.
    public var weights: ScoreWeights
    /// How tiers are tried.
    public var tierSearch: TierSearch
    /// Which fallbacks are tried.
    public var fallback: FallbackPolicy
    /// A node whose last heartbeat is older than this at a tick is declared failed.
    public var heartbeatTimeout: LocalDuration
    /// What happens when a failed node returns.
    public var rebalance: RebalancePolicy
    /// How much each decision records. Off by default.
    public var explanations: ExplanationLevel

    /// A configuration; every field defaults to the edge-aware preset.
    public init(
        kind: Kind = .edgeAware, filters: [FilterPlugin] = FilterPlugin.allCases,
        weights: ScoreWeights = .edgeAware, tierSearch: TierSearch = .ladder,
        fallback: FallbackPolicy = FallbackPolicy(), heartbeatTimeout: LocalDuration = .seconds(15),
        rebalance: RebalancePolicy = .stay, explanations: ExplanationLevel = .off
    ) {
        self.kind = kind
        self.filters = filters
        self.weights = weights
        self.tierSearch = tierSearch
        self.fallback = fallback
        self.heartbeatTimeout = heartbeatTimeout
        self.rebalance = rebalance
        self.explanations = explanations
    }

    /// The edge-aware scheduler: every filter, weights latency 3,
    /// least-allocated 2, cost 1, reliability 1; the tier ladder; degraded
    /// mode as a fallback; a 15 s heartbeat timeout; no rebalancing.
    public static let edgeAware = SchedulerConfiguration()

    /// Baseline: everything in the cloud. Only health and capacity filter, so
    /// placements that break residency or latency budgets are made and counted.
    public static let cloudOnly = baseline(.cloudOnly)

    /// Baseline: the least-allocated node of any tier, health and capacity filters only.
    public static let leastAllocated = baseline(.leastAllocated)

    /// Baseline: a uniformly random healthy node with room, of any tier.
    public static let random = baseline(.random)

    /// The preset of a baseline `kind`: filters ``FilterPlugin/nodeHealthy``
    /// and ``FilterPlugin/fitsResources`` only, all tiers in one step, no fallback.
    public static func baseline(_ kind: Kind) -> SchedulerConfiguration {
        SchedulerConfiguration(
            kind: kind, filters: [.nodeHealthy, .fitsResources],
            weights: ScoreWeights(leastAllocated: 1), tierSearch: .pooled, fallback: .none
        )
    }

    /// Checks every field.
    ///
    /// - Throws: ``SchedulingError`` naming the field: `filters` when a
    ///   filter is listed twice or a required one is missing;
    ///   `weights.<plugin>` when a weight is outside 0...100; `weights` when
    ///   the edge-aware scheduler has every weight at 0; `heartbeatTimeout`
    ///   when it is not above zero.
    public func validate() throws(SchedulingError) {
        for (i, filter) in filters.enumerated() where filters[..<i].contains(filter) {
            throw SchedulingError(field: "filters", kind: .duplicate(filter.rawValue))
        }
        for required in [FilterPlugin.nodeHealthy, .fitsResources] where !filters.contains(required) {
            throw SchedulingError(field: "filters", kind: .requiredFilterDisabled(required))
        }
        for plugin in ScorePlugin.allCases where !(0...100).contains(weights[plugin]) {
            throw SchedulingError(field: "weights.\(plugin)", kind: .outOfRange(value: Int64(weights[plugin]), allowed: 0...100))
        }
        if kind == .edgeAware, ScorePlugin.allCases.allSatisfy({ weights[$0] == 0 }) {
            throw SchedulingError(field: "weights", kind: .inconsistent("at least one weight must be above zero"))
        }
        guard heartbeatTimeout > .zero else {
            throw SchedulingError(field: "heartbeatTimeout", kind: .outOfRange(value: heartbeatTimeout.nanoseconds, allowed: 1...Int64.max))
        }
    }

    /// The weights actually applied: ``weights`` for the edge-aware
    /// scheduler, least-allocated alone for the scored baselines, none for random.
    public var effectiveWeights: ScoreWeights {
        switch kind {
        case .edgeAware: weights
        case .cloudOnly, .leastAllocated: ScoreWeights(leastAllocated: 1)
        case .random: ScoreWeights()
        }
    }
}
