import EdgeBase

/// The scheduler: a sans-I/O state machine that places workload replicas on
/// the nodes of a cluster and keeps them placed as nodes fail and return.
///
/// It performs no I/O and reads no clock. A driver (the simulator, or a live
/// control plane) feeds it inputs, each stamped with the local time:
///
/// - ``submit(_:at:)`` / ``submit(contentsOf:at:)`` / ``remove(_:)``: workloads come and go;
/// - ``heartbeat(from:at:)``: a node reported in;
/// - ``tick(at:)``: periodic: detect nodes silent for longer than the
///   heartbeat timeout, fail their replicas over, retry pending replicas.
///
/// Each input appends ``SchedulingOutput``s that the driver drains with
/// ``takeOutputs()`` and applies in order. With explanations on, each
/// decision also appends a ``PlacementExplanation`` (``takeExplanations()``).
///
/// ## Placing a replica
///
/// Kubernetes' scheduling framework, on one replica at a time:
///
/// 1. The steps. With the ``SchedulerConfiguration/TierSearch/ladder``, one
///    step per tier the workload may use and the scheduler's scope allows
///    (tiers with no node in the cluster are skipped), lowest tier first;
///    with ``SchedulerConfiguration/TierSearch/pooled``, one step with all of
///    them. These steps run with the normal request, then (if the fallback
///    policy allows and the workload has one) with the degraded request.
///    Then, if the policy allows placing beyond the latency budget, one pooled
///    step per request without the latency filter, so that the latency score
///    picks the nearest node rather than the lowest tier. The first step that
///    finds a node decides; if none does, the replica is unschedulable.
/// 2. In a step, candidate nodes come from the smallest index that cannot
///    exclude a feasible node (the tier lists, the source's store or region,
///    the dataset's holders), and the enabled filters run on each, in
///    ``FilterPlugin`` order; the first rejection is the node's verdict.
/// 3. The feasible nodes are scored by each weighted plugin (0...100 after
///    normalisation over the step's feasible nodes); the highest weighted
///    total wins; ties go to the lower tier, then to the lower ``ClusterNodeID``.
///    The random baseline instead draws one feasible node uniformly
///    (one 64-bit draw, scaled by multiply-high, over the feasible nodes in
///    ascending order).
///
/// Decisions never depend on the explanation level: the indexes only skip
/// nodes a filter would reject.
///
/// Not `Sendable`: it holds the caller's random generator. Create one per run.
public struct Scheduler {
    /// Per-replica state.
    struct ReplicaState {
        var placement: Placement?
        /// The node a failover displaced the replica from, kept for ``SchedulerConfiguration/RebalancePolicy/moveBack``.
        var home: ClusterNodeID?
    }

    /// Per-workload state.
    struct WorkloadRecord {
        var spec: WorkloadRequest
        var replicas: [ReplicaState]
        var removed = false
    }

    /// A feasible node during scoring.
    struct Candidate {
        var node: ClusterNodeID
        var tier: ClusterTier
        var latency: Int64
        var leastAllocated: Int64
        var cost: Int64
        var failureRate: Int64
        var total: Int
    }

    /// The configuration, validated.
    public let configuration: SchedulerConfiguration
    /// The cluster with current allocations, health and observed reliability.
    public internal(set) var cluster: ClusterSnapshot
    /// Outcome counts since creation.
    public internal(set) var counters = SchedulerCounters()
    /// Declared node failures, in detection order.
    public internal(set) var failures: [NodeFailureRecord] = []

    var workloads: [WorkloadRecord] = []
    /// The local time the scheduler was created at.
    let startTime: LocalTime
    var lastHeartbeats: [LocalTime]
    /// Index into ``failures`` of each node's open failure, -1 when up.
    var openFailure: [Int]
    var replicasOnNode: [[WorkloadReplicaID]]
    /// Replicas whose home is each node (only with ``SchedulerConfiguration/RebalancePolicy/moveBack``).
    var displacedFrom: [[WorkloadReplicaID]]
    /// Replicas waiting for a node, in handling order: priority descending, then ``WorkloadReplicaID``.
    var pending: [WorkloadReplicaID] = []
    /// Bumped whenever capacity may have appeared; pending replicas are
    /// retried at a tick only when it moved since the last retry.
    var capacityEpoch = 0
    var retriedEpoch = 0
    var outputs: [SchedulingOutput] = []
    var explanationLog: [PlacementExplanation] = []
    let randomSource: (() -> UInt64)?
    let filterMask: UInt8
    let weights: ScoreWeights
    var scratchCandidates: [ClusterNodeID] = []
    var scratchFeasible: [Candidate] = []

    /// A scheduler over `cluster`, with every node considered to have
    /// heartbeated at `time`.
    ///
    /// - Parameters:
    ///   - cluster: the nodes, sources, datasets and latencies. Nodes may
    ///     already carry allocations (capacity reserved outside the scheduler).
    ///   - configuration: validated here.
    ///   - time: the local time now.
    ///   - randomSource: uniformly distributed 64-bit draws; required by the
    ///     random baseline, unused by the others. Supply a seeded generator
    ///     (a named stream of the simulator) for reproducible runs.
    /// - Throws: ``SchedulingError`` from ``SchedulerConfiguration/validate()``,
    ///   or naming `kind` when the random baseline has no random source.
    public init(
        cluster: ClusterSnapshot, configuration: SchedulerConfiguration = .edgeAware,
        at time: LocalTime = .zero, randomSource: (() -> UInt64)? = nil
    ) throws(SchedulingError) {
        try configuration.validate()
        if configuration.kind == .random, randomSource == nil {
            throw SchedulingError(field: "kind", kind: .inconsistent("the random scheduler needs a random source"))
        }
        self.configuration = configuration
        self.cluster = cluster
        self.randomSource = randomSource
        self.filterMask = configuration.filters.reduce(0) { $0 | $1.bit }
        self.weights = configuration.effectiveWeights
        self.startTime = time
        let count = cluster.nodes.count
        self.lastHeartbeats = Array(repeating: time, count: count)
        self.openFailure = Array(repeating: -1, count: count)
        self.replicasOnNode = Array(repeating: [], count: count)
        self.displacedFrom = Array(repeating: [], count: count)
        scratchCandidates.reserveCapacity(count)
        scratchFeasible.reserveCapacity(64)
    }

    // MARK: Inputs

    /// Submits a workload and places its replicas, in replica order.
    ///
    /// Appends a ``SchedulingOutput/placed(_:)`` or
    /// ``SchedulingOutput/unschedulable(_:displacedFrom:)`` per replica.
    ///
    /// - Returns: the workload's identifier (submission order, from 0).
    /// - Throws: ``SchedulingError`` from ``WorkloadRequest/validate(in:field:)``,
    ///   with field prefix `workload`; nothing is placed then.
    /// - Complexity: per replica, O(s × c) for s steps and c candidate nodes per step.
    @discardableResult
    public mutating func submit(_ spec: WorkloadRequest, at time: LocalTime) throws(SchedulingError) -> WorkloadID {
        try spec.validate(in: cluster, field: "workload")
        let id = append(spec)
        placeNew(id, at: time)
        return id
    }

    /// Submits workloads as a batch: all are validated first, then placed in
    /// descending priority, ties in submission order.
    ///
    /// - Returns: their identifiers, in the order given.
    /// - Throws: ``SchedulingError`` with field prefix `workloads[i]` for the
    ///   first invalid spec; nothing is submitted then.
    /// - Complexity: O(w log w) to order w workloads, plus their placements.
    @discardableResult
    public mutating func submit(contentsOf specs: [WorkloadRequest], at time: LocalTime) throws(SchedulingError) -> [WorkloadID] {
        for (i, spec) in specs.enumerated() {
            try spec.validate(in: cluster, field: "workloads[\(i)]")
        }
        let ids = specs.map { append($0) }
        // A stable order: priority descending, then submission order.
        let order = specs.indices.sorted { a, b in
            specs[a].priority != specs[b].priority ? specs[a].priority > specs[b].priority : a < b
        }
        for i in order { placeNew(ids[i], at: time) }
        return ids
    }

    /// Removes a workload: its replicas stop counting against their nodes
    /// and leave the pending queue. Capacity freed is offered to pending
    /// replicas at the next tick. No output is appended (the driver asked).
    ///
    /// - Precondition: `workload` was submitted.
    /// - Complexity: O(r × k) for r replicas and k replicas per node.
    public mutating func remove(_ workload: WorkloadID) {
        precondition(workloads.indices.contains(workload.rawValue), "unknown workload \(workload)")
        guard !workloads[workload.rawValue].removed else { return }
        for index in workloads[workload.rawValue].replicas.indices {
            let replica = WorkloadReplicaID(workload: workload, index: index)
            release(replica)
            if let home = workloads[workload.rawValue].replicas[index].home {
                displacedFrom[home.rawValue].removeAll { $0 == replica }
                workloads[workload.rawValue].replicas[index].home = nil
            }
        }
        pending.removeAll { $0.workload == workload }
        workloads[workload.rawValue].removed = true
        capacityEpoch += 1
    }

    /// Closes a node to new replicas, or opens it again. Its replicas stay.
    /// A failed node stays failed (it reopens by heartbeating).
    ///
    /// - Precondition: `node` exists.
    public mutating func setCordoned(_ node: ClusterNodeID, _ cordoned: Bool) {
        precondition(cluster.nodes.indices.contains(node.rawValue), "unknown node \(node)")
        guard cluster.nodes[node.rawValue].health != .failed else { return }
        cluster.nodes[node.rawValue].health = cordoned ? .cordoned : .healthy
        if !cordoned { capacityEpoch += 1 }
    }

    /// Records a measured latency from `source` to `node` for later decisions.
    /// Replicas already placed are not revisited.
    public mutating func setMeasuredLatency(from source: SourceID, to node: ClusterNodeID, _ latency: LocalDuration) {
        cluster.setMeasuredLatency(from: source, to: node, latency)
    }

    // MARK: Outputs and queries

    /// The outputs appended since the last call, in order; clears them.
    public mutating func takeOutputs() -> [SchedulingOutput] {
        defer { outputs.removeAll(keepingCapacity: true) }
        return outputs
    }

    /// The explanation records appended since the last call, in decision order; clears them.
    public mutating func takeExplanations() -> [PlacementExplanation] {
        defer { explanationLog.removeAll() }
        return explanationLog
    }

    /// Number of workloads submitted (removed ones included).
    public var workloadCount: Int { workloads.count }

    /// The spec of a submitted workload.
    public func spec(of workload: WorkloadID) -> WorkloadRequest { workloads[workload.rawValue].spec }

    /// Where a replica runs, or `nil` if it is pending or removed.
    public func placement(of replica: WorkloadReplicaID) -> Placement? {
        workloads[replica.workload.rawValue].replicas[replica.index].placement
    }

    /// The replicas running on `node`, ascending.
    public func replicas(on node: ClusterNodeID) -> [WorkloadReplicaID] { replicasOnNode[node.rawValue].sorted() }

    /// Replicas waiting for a node, in the order they will be retried.
    public var pendingReplicas: [WorkloadReplicaID] { pending }

    /// When `node` last heartbeated (or the scheduler's start, if never).
    public func lastHeartbeat(of node: ClusterNodeID) -> LocalTime { lastHeartbeats[node.rawValue] }

    // MARK: Bookkeeping

    mutating func append(_ spec: WorkloadRequest) -> WorkloadID {
        workloads.append(WorkloadRecord(spec: spec, replicas: Array(repeating: ReplicaState(), count: spec.replicas)))
        return WorkloadID(workloads.count - 1)
    }

    mutating func placeNew(_ workload: WorkloadID, at time: LocalTime) {
        for index in workloads[workload.rawValue].replicas.indices {
            let replica = WorkloadReplicaID(workload: workload, index: index)
            if let decision = decide(replica, trigger: .submitted, at: time) {
                outputs.append(.placed(commit(replica, decision)))
            } else {
                counters.unschedulable += 1
                enqueuePending(replica)
                outputs.append(.unschedulable(replica, displacedFrom: nil))
            }
        }
    }

    /// Takes a replica off its node, if it is on one.
    mutating func release(_ replica: WorkloadReplicaID) {
        guard let placement = workloads[replica.workload.rawValue].replicas[replica.index].placement else { return }
        let spec = workloads[replica.workload.rawValue].spec
        let request = placement.mode == .normal ? spec.resources : spec.degraded!.resources
        cluster.nodes[placement.node.rawValue].allocated -= request
        if let at = replicasOnNode[placement.node.rawValue].firstIndex(of: replica) {
            replicasOnNode[placement.node.rawValue].remove(at: at)
        }
        workloads[replica.workload.rawValue].replicas[replica.index].placement = nil
    }

    /// Handling order of replicas: priority descending, then identifier.
    func precedes(_ a: WorkloadReplicaID, _ b: WorkloadReplicaID) -> Bool {
        let pa = workloads[a.workload.rawValue].spec.priority
        let pb = workloads[b.workload.rawValue].spec.priority
        return pa != pb ? pa > pb : a < b
    }

    mutating func enqueuePending(_ replica: WorkloadReplicaID) {
        var low = 0, high = pending.count
        while low < high {
            let mid = (low + high) / 2
            if precedes(pending[mid], replica) { low = mid + 1 } else { high = mid }
        }
        pending.insert(replica, at: low)
    }
}
