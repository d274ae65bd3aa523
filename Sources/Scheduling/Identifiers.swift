// Dense integer identifiers. Nodes, data sources, datasets and workloads live
// in arrays, and an identifier is the index into its array: lookups are O(1)
// and iteration in identifier order is the one deterministic order.

/// A node of the cluster: its index in ``ClusterSnapshot/nodes``.
public struct ClusterNodeID: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The index in ``ClusterSnapshot/nodes``.
    public let rawValue: Int
    /// The node at index `rawValue`.
    @inlinable public init(_ rawValue: Int) { self.rawValue = rawValue }
    @inlinable public static func < (a: ClusterNodeID, b: ClusterNodeID) -> Bool { a.rawValue < b.rawValue }
    /// The index, in decimal.
    public var description: String { String(rawValue) }
}

/// A data source (a camera, a store's point-of-sale feed): its index in ``ClusterSnapshot/sources``.
public struct SourceID: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The index in ``ClusterSnapshot/sources``.
    public let rawValue: Int
    /// The source at index `rawValue`.
    @inlinable public init(_ rawValue: Int) { self.rawValue = rawValue }
    @inlinable public static func < (a: SourceID, b: SourceID) -> Bool { a.rawValue < b.rawValue }
    /// The index, in decimal.
    public var description: String { String(rawValue) }
}

/// A named dataset held at some nodes: its index in ``ClusterSnapshot/datasets``.
public struct DatasetID: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The index in ``ClusterSnapshot/datasets``.
    public let rawValue: Int
    /// The dataset at index `rawValue`.
    @inlinable public init(_ rawValue: Int) { self.rawValue = rawValue }
    @inlinable public static func < (a: DatasetID, b: DatasetID) -> Bool { a.rawValue < b.rawValue }
    /// The index, in decimal.
    public var description: String { String(rawValue) }
}

/// A submitted workload: the scheduler numbers workloads 0, 1, 2, ... in submission order.
public struct WorkloadID: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The submission index.
    public let rawValue: Int
    /// The workload submitted `rawValue`-th (from zero).
    @inlinable public init(_ rawValue: Int) { self.rawValue = rawValue }
    @inlinable public static func < (a: WorkloadID, b: WorkloadID) -> Bool { a.rawValue < b.rawValue }
    /// The index, in decimal.
    public var description: String { String(rawValue) }
}

/// One replica of a workload, the unit the scheduler places.
///
/// Ordered by workload, then replica index; that order is the one the
/// scheduler uses whenever it handles several replicas of equal priority.
public struct WorkloadReplicaID: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The workload this replica belongs to.
    public let workload: WorkloadID
    /// Which replica, from zero to the workload's `replicas - 1`.
    public let index: Int

    /// Replica `index` of `workload`.
    @inlinable
    public init(workload: WorkloadID, index: Int) {
        self.workload = workload
        self.index = index
    }

    @inlinable
    public static func < (a: WorkloadReplicaID, b: WorkloadReplicaID) -> Bool {
        (a.workload.rawValue, a.index) < (b.workload.rawValue, b.index)
    }

    /// "workload/replica", for example "12/0".
    public var description: String { "\(workload.rawValue)/\(index)" }
}
