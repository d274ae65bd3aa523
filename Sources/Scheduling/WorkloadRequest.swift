import EdgeBase

/// What a workload needs and where it may run.
///
/// A workload is placed as ``replicas`` independent replicas, each one a
/// request of ``resources`` on one node; two replicas of a workload never share
/// a node. Constraints are hard: a replica is placed only on a node that
/// passes every enabled filter (see ``FilterPlugin``), or left unschedulable.
public struct WorkloadRequest: Hashable, Sendable {
    /// How far a workload's data may travel from its source.
    public enum Residency: String, Hashable, Sendable, CustomStringConvertible {
        /// Anywhere.
        case anywhere
        /// Only nodes in the source's store (raw video must not leave the store).
        case store
        /// Only nodes in the source's region (its stores and aggregators).
        case region

        /// The case name.
        public var description: String { rawValue }
    }

    /// A cheaper way to run the workload, used when the normal request fits
    /// nowhere (a camera pipeline at a lower frame rate, say).
    public struct DegradedMode: Hashable, Sendable {
        /// A human label for records ("5fps").
        public var label: String
        /// The smaller request.
        public var resources: Resources

        /// Degraded mode `label` requesting `resources`.
        @inlinable
        public init(label: String, resources: Resources) {
            self.label = label
            self.resources = resources
        }
    }

    /// A human name, carried into explanation records ("store-17/camera-3/detect").
    public var name: String
    /// What each replica requests in normal mode.
    public var resources: Resources
    /// How many replicas to run, 1...1024; each on a different node.
    public var replicas: Int
    /// Higher first: a batch submission, the replicas of a failed node and
    /// the pending queue are all handled in descending priority, then
    /// ascending ``WorkloadReplicaID``. There is no preemption.
    public var priority: Int
    /// The source the workload reads, if it reads one.
    public var source: SourceID?
    /// The largest latency from ``source`` to the node the workload tolerates.
    public var maxLatency: LocalDuration?
    /// How far the data may travel from ``source``.
    public var residency: Residency
    /// A dataset the workload must sit with, if any.
    public var dataset: DatasetID?
    /// Tiers the workload may run on.
    public var allowedTiers: TierSet
    /// A fallback request, if the workload has one.
    public var degraded: DegradedMode?

    /// A workload spec; only `name` and `resources` are required.
    public init(
        name: String, resources: Resources, replicas: Int = 1, priority: Int = 0,
        source: SourceID? = nil, maxLatency: LocalDuration? = nil,
        residency: Residency = .anywhere, dataset: DatasetID? = nil,
        allowedTiers: TierSet = .all, degraded: DegradedMode? = nil
    ) {
        self.name = name
        self.resources = resources
        self.replicas = replicas
        self.priority = priority
        self.source = source
        self.maxLatency = maxLatency
        self.residency = residency
        self.dataset = dataset
        self.allowedTiers = allowedTiers
        self.degraded = degraded
    }

    /// Checks the spec against `cluster`.
    ///
    /// - Parameters:
    ///   - cluster: the cluster whose source and dataset identifiers the spec may name.
    ///   - field: the key path of the spec, prefixed to the field in errors.
    /// - Throws: ``SchedulingError`` naming the field: replicas outside
    ///   1...1024; a negative request; an unknown source or dataset; a latency
    ///   budget or residency without a source; a budget not above zero; no
    ///   allowed tier; a degraded request larger than the normal one.
    public func validate(in cluster: ClusterSnapshot, field: String = "workload") throws(SchedulingError) {
        guard (1...1024).contains(replicas) else {
            throw SchedulingError(field: field + ".replicas", kind: .outOfRange(value: Int64(replicas), allowed: 1...1024))
        }
        guard resources.isNonNegative else {
            throw SchedulingError(field: field + ".resources", kind: .inconsistent("must not be negative"))
        }
        if let source {
            guard cluster.sources.indices.contains(source.rawValue) else {
                throw SchedulingError(field: field + ".source", kind: .unknownIdentifier(source.rawValue))
            }
        }
        if let maxLatency {
            guard source != nil else {
                throw SchedulingError(field: field + ".source", kind: .inconsistent("a latency budget needs a source to measure from"))
            }
            guard maxLatency > .zero else {
                throw SchedulingError(field: field + ".maxLatency", kind: .outOfRange(value: maxLatency.nanoseconds, allowed: 1...Int64.max))
            }
        }
        if residency != .anywhere, source == nil {
            throw SchedulingError(field: field + ".source", kind: .inconsistent("residency \(residency) needs a source"))
        }
        if let dataset {
            guard cluster.datasets.indices.contains(dataset.rawValue) else {
                throw SchedulingError(field: field + ".dataset", kind: .unknownIdentifier(dataset.rawValue))
            }
        }
        guard !allowedTiers.isEmpty else {
            throw SchedulingError(field: field + ".allowedTiers", kind: .empty)
        }
        guard allowedTiers.isSubset(of: .all) else {
            throw SchedulingError(field: field + ".allowedTiers", kind: .inconsistent("names a tier that does not exist"))
        }
        if let degraded {
            guard degraded.resources.isNonNegative, degraded.resources.isWithin(resources) else {
                throw SchedulingError(field: field + ".degraded.resources", kind: .inconsistent("must be between zero and the normal request"))
            }
        }
    }
}
