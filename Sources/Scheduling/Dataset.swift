/// A named dataset and the nodes that hold a copy of it.
///
/// A workload with a dataset affinity may run only on those nodes (a model
/// that must sit with the planogram it reads, say).
public struct Dataset: Hashable, Sendable {
    /// A human name ("planogram-region-3").
    public var name: String
    /// The nodes holding it; order does not matter.
    public var nodes: [ClusterNodeID]

    /// Dataset `name`, held at `nodes`.
    @inlinable
    public init(name: String, nodes: [ClusterNodeID]) {
        self.name = name
        self.nodes = nodes
    }
}
