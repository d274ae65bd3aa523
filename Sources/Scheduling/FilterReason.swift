import EdgeBase

/// Why a node was rejected for a replica: the verdict of one filter.
public enum FilterReason: Hashable, Sendable, CustomStringConvertible {
    /// The node's tier is not one the current fallback step tries (a later
    /// rung of the ladder, or outside the cloud-only scheduler's scope). Not a
    /// plugin: the step admits nodes before the filters run.
    case tierOutsideStep(ClusterTier)
    /// ``FilterPlugin/tierAllowed``: the workload may not run on this tier.
    case tierNotAllowed(ClusterTier)
    /// ``FilterPlugin/nodeHealthy``: the node was declared failed.
    case nodeFailed
    /// ``FilterPlugin/nodeHealthy``: the node is cordoned.
    case nodeCordoned
    /// ``FilterPlugin/affinity``: the node is outside the source's store or
    /// region, which the workload's residency forbids.
    case outsideResidency(WorkloadRequest.Residency)
    /// ``FilterPlugin/affinity``: the node does not hold the dataset.
    case datasetAbsent(DatasetID)
    /// ``FilterPlugin/affinity``: another replica (this index) of the workload is on the node.
    case replicaAlreadyOnNode(Int)
    /// ``FilterPlugin/withinLatency``: the latency from the source exceeds the budget.
    case latencyOverBudget(latency: LocalDuration, budget: LocalDuration)
    /// ``FilterPlugin/fitsResources``: too little free CPU.
    case insufficientCPU(requested: Int64, free: Int64)
    /// ``FilterPlugin/fitsResources``: too little free memory.
    case insufficientMemory(requested: Int64, free: Int64)
    /// ``FilterPlugin/fitsResources``: too few free GPUs.
    case insufficientGPU(requested: Int64, free: Int64)

    /// The filter that gives this verdict, or `nil` for the step's own tier check.
    public var filter: FilterPlugin? {
        switch self {
        case .tierOutsideStep: nil
        case .tierNotAllowed: .tierAllowed
        case .nodeFailed, .nodeCordoned: .nodeHealthy
        case .outsideResidency, .datasetAbsent, .replicaAlreadyOnNode: .affinity
        case .latencyOverBudget: .withinLatency
        case .insufficientCPU, .insufficientMemory, .insufficientGPU: .fitsResources
        }
    }

    /// One line for people and for explanation records.
    public var description: String {
        switch self {
        case let .tierOutsideStep(tier): "tier \(tier) is not tried in this step"
        case let .tierNotAllowed(tier): "tier \(tier) is not allowed for the workload"
        case .nodeFailed: "node is failed"
        case .nodeCordoned: "node is cordoned"
        case let .outsideResidency(scope): "node is outside the source's \(scope)"
        case let .datasetAbsent(dataset): "node does not hold dataset \(dataset)"
        case let .replicaAlreadyOnNode(index): "replica \(index) of the workload is already on the node"
        case let .latencyOverBudget(latency, budget): "latency \(latency.nanoseconds)ns exceeds budget \(budget.nanoseconds)ns"
        case let .insufficientCPU(requested, free): "insufficient cpu: requested \(requested)m, free \(free)m"
        case let .insufficientMemory(requested, free): "insufficient memory: requested \(requested)Mi, free \(free)Mi"
        case let .insufficientGPU(requested, free): "insufficient gpu: requested \(requested), free \(free)"
        }
    }
}
