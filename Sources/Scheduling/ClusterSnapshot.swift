import EdgeBase

/// The cluster as the scheduler sees it: nodes, data sources, datasets and
/// the latency between them.
///
/// Built by adding nodes, sources and datasets one at a time; each `add`
/// validates its input and returns the new dense identifier. The snapshot
/// keeps indexes by tier, store, region and dataset so that the scheduler
/// can consider only the nodes a workload could possibly use (see
/// ``Scheduler``); the indexes are lists of ascending ``ClusterNodeID``s.
///
/// Latency from a source to a node is, in order of precedence: a measured
/// override for that source and node; a measured override for the source's
/// store and that node; else the ``LatencyModel`` rule for the node's tier and
/// proximity plus the node's ``ClusterNode/latencyOffset``. Overrides are sparse
/// sorted lists, so memory grows with what was measured, not with sources
/// times nodes.
public struct ClusterSnapshot: Hashable, Sendable {
    /// A measured latency to one node.
    @usableFromInline
    struct LatencyOverride: Hashable, Sendable {
        @usableFromInline var node: ClusterNodeID
        @usableFromInline var latency: LocalDuration
    }

    /// The nodes; index `i` is `ClusterNodeID(i)`.
    public internal(set) var nodes: [ClusterNode] = []
    /// The data sources; index `i` is `SourceID(i)`.
    public internal(set) var sources: [DataSource] = []
    /// The datasets; index `i` is `DatasetID(i)`.
    public internal(set) var datasets: [Dataset] = []
    /// The rules for latency that was not measured.
    public var latencyModel: LatencyModel

    @usableFromInline var nodesByTier: [[ClusterNodeID]] = Array(repeating: [], count: ClusterTier.allCases.count)
    @usableFromInline var nodesByStore: [[ClusterNodeID]] = []
    @usableFromInline var nodesByRegion: [[ClusterNodeID]] = []
    @usableFromInline var datasetsByNode: [[DatasetID]] = []
    /// Region of each store index, -1 where no node or source named the store yet.
    @usableFromInline var regionOfStore: [Int] = []
    @usableFromInline var sourceOverrides: [[LatencyOverride]] = []
    @usableFromInline var storeOverrides: [[LatencyOverride]] = []

    /// An empty cluster whose unmeasured latencies follow `latencyModel`.
    public init(latencyModel: LatencyModel = .retail) {
        self.latencyModel = latencyModel
    }

    /// Number of store indexes in use (one more than the largest).
    public var storeCount: Int { regionOfStore.count }
    /// Number of region indexes in use (one more than the largest).
    public var regionCount: Int { nodesByRegion.count }

    // MARK: Building

    /// Adds a node and returns its identifier.
    ///
    /// - Throws: ``SchedulingError`` naming `nodes[i].<field>` when the
    ///   location does not suit the tier (a device or store-edge node needs a
    ///   store and a region, a regional node a region and no store, a cloud
    ///   node neither), a store is said to be in two regions, a capacity or
    ///   allocation is negative, or the allocation exceeds the capacity.
    /// - Complexity: Amortised O(1).
    @discardableResult
    public mutating func addNode(_ node: ClusterNode) throws(SchedulingError) -> ClusterNodeID {
        let field = "nodes[\(nodes.count)]"
        let location = node.location
        switch node.tier {
        case .device, .storeEdge:
            guard let store = location.store else {
                throw SchedulingError(field: field + ".location.store", kind: .missing)
            }
            guard let region = location.region else {
                throw SchedulingError(field: field + ".location.region", kind: .missing)
            }
            try checkIndex(store, field: field + ".location.store")
            try checkIndex(region, field: field + ".location.region")
            try claim(store: store, region: region, field: field + ".location.region")
        case .regional:
            guard location.store == nil else {
                throw SchedulingError(field: field + ".location.store", kind: .inconsistent("a regional node is in no store"))
            }
            guard let region = location.region else {
                throw SchedulingError(field: field + ".location.region", kind: .missing)
            }
            try checkIndex(region, field: field + ".location.region")
        case .cloud:
            guard location.store == nil, location.region == nil else {
                throw SchedulingError(field: field + ".location", kind: .inconsistent("a cloud node is in no store and no region"))
            }
        }
        guard node.capacity.isNonNegative else {
            throw SchedulingError(field: field + ".capacity", kind: .inconsistent("must not be negative"))
        }
        guard node.allocated.isNonNegative, node.allocated.isWithin(node.capacity) else {
            throw SchedulingError(field: field + ".allocated", kind: .inconsistent("must be between zero and the capacity"))
        }
        guard node.latencyOffset >= .zero else {
            throw SchedulingError(field: field + ".latencyOffset", kind: .outOfRange(value: node.latencyOffset.nanoseconds, allowed: 0...Int64.max))
        }
        guard node.reliability.failures >= 0, node.reliability.uptime >= .zero else {
            throw SchedulingError(field: field + ".reliability", kind: .inconsistent("must not be negative"))
        }
        let id = ClusterNodeID(nodes.count)
        nodes.append(node)
        datasetsByNode.append([])
        nodesByTier[node.tier.rawValue].append(id)
        if let store = location.store {
            Self.grow(&nodesByStore, to: store + 1)
            nodesByStore[store].append(id)
        }
        if let region = location.region {
            Self.grow(&nodesByRegion, to: region + 1)
            nodesByRegion[region].append(id)
        }
        return id
    }

    /// Adds a data source and returns its identifier.
    ///
    /// - Throws: ``SchedulingError`` naming `sources[i].store` or
    ///   `sources[i].region` when an index is negative or the store was
    ///   already placed in another region.
    /// - Complexity: Amortised O(1).
    @discardableResult
    public mutating func addSource(_ source: DataSource) throws(SchedulingError) -> SourceID {
        let field = "sources[\(sources.count)]"
        try checkIndex(source.store, field: field + ".store")
        try checkIndex(source.region, field: field + ".region")
        try claim(store: source.store, region: source.region, field: field + ".region")
        Self.grow(&nodesByRegion, to: source.region + 1)
        sources.append(source)
        sourceOverrides.append([])
        return SourceID(sources.count - 1)
    }

    /// Adds a dataset held at `dataset.nodes` and returns its identifier.
    ///
    /// - Throws: ``SchedulingError`` naming `datasets[i].nodes` when the list
    ///   is empty, names an unknown node, or names a node twice.
    /// - Complexity: O(k log k) for k holding nodes.
    @discardableResult
    public mutating func addDataset(_ dataset: Dataset) throws(SchedulingError) -> DatasetID {
        let field = "datasets[\(datasets.count)].nodes"
        guard !dataset.nodes.isEmpty else { throw SchedulingError(field: field, kind: .empty) }
        let sorted = dataset.nodes.sorted()
        for (i, node) in sorted.enumerated() {
            guard nodes.indices.contains(node.rawValue) else {
                throw SchedulingError(field: field, kind: .unknownIdentifier(node.rawValue))
            }
            if i > 0, sorted[i - 1] == node {
                throw SchedulingError(field: field, kind: .duplicate("node \(node)"))
            }
        }
        let id = DatasetID(datasets.count)
        datasets.append(Dataset(name: dataset.name, nodes: sorted))
        for node in sorted { datasetsByNode[node.rawValue].append(id) }
        return id
    }

    /// Records a measured latency from `source` to `node`, which then takes
    /// precedence over the store override and the rule.
    ///
    /// - Precondition: both identifiers exist and `latency` is not negative.
    /// - Complexity: O(k) for k overrides already recorded for the source.
    public mutating func setMeasuredLatency(from source: SourceID, to node: ClusterNodeID, _ latency: LocalDuration) {
        precondition(sources.indices.contains(source.rawValue) && nodes.indices.contains(node.rawValue) && latency >= .zero)
        Self.upsert(&sourceOverrides[source.rawValue], node: node, latency: latency)
    }

    /// Records a measured latency from every source in `store` to `node`
    /// (a degraded store uplink, say).
    ///
    /// - Precondition: the store index is in use, the node exists and
    ///   `latency` is not negative.
    /// - Complexity: O(k) for k overrides already recorded for the store.
    public mutating func setMeasuredLatency(fromStore store: Int, to node: ClusterNodeID, _ latency: LocalDuration) {
        precondition(regionOfStore.indices.contains(store) && nodes.indices.contains(node.rawValue) && latency >= .zero)
        Self.grow(&storeOverrides, to: store + 1)
        Self.upsert(&storeOverrides[store], node: node, latency: latency)
    }

    // MARK: Queries

    /// How `node` stands to `source`'s store.
    ///
    /// - Complexity: O(1).
    @inlinable
    public func proximity(of node: ClusterNodeID, to source: SourceID) -> LatencyModel.Proximity {
        // Field by field: copying a whole ClusterNode or DataSource would retain its name.
        if nodes[node.rawValue].location.store == sources[source.rawValue].store { return .sameStore }
        if nodes[node.rawValue].location.region == sources[source.rawValue].region { return .sameRegion }
        return .elsewhere
    }

    /// Latency from `source` to `node`: a measured override if there is one,
    /// else the rule for the node's tier and proximity plus its offset.
    ///
    /// - Complexity: O(log k) for k overrides of the source or its store.
    @inlinable
    public func latency(from source: SourceID, to node: ClusterNodeID) -> LocalDuration {
        if let measured = Self.find(sourceOverrides[source.rawValue], node) { return measured }
        let store = sources[source.rawValue].store
        if store < storeOverrides.count, let measured = Self.find(storeOverrides[store], node) { return measured }
        return latencyModel[nodes[node.rawValue].tier, proximity(of: node, to: source)] + nodes[node.rawValue].latencyOffset
    }

    /// Nodes of `tier`, ascending.
    public func nodes(of tier: ClusterTier) -> [ClusterNodeID] { nodesByTier[tier.rawValue] }
    /// Device and store-edge nodes of `store`, ascending.
    public func nodes(inStore store: Int) -> [ClusterNodeID] { store < nodesByStore.count ? nodesByStore[store] : [] }
    /// Nodes of `region` (its stores' nodes and its aggregators), ascending.
    public func nodes(inRegion region: Int) -> [ClusterNodeID] { region < nodesByRegion.count ? nodesByRegion[region] : [] }

    /// Whether `node` holds a copy of `dataset`.
    ///
    /// - Complexity: O(d) for the d datasets the node holds.
    @inlinable
    public func node(_ node: ClusterNodeID, holds dataset: DatasetID) -> Bool {
        datasetsByNode[node.rawValue].contains(dataset)
    }

    // MARK: Helpers

    @usableFromInline
    static func find(_ overrides: [LatencyOverride], _ node: ClusterNodeID) -> LocalDuration? {
        if overrides.isEmpty { return nil }
        var low = 0, high = overrides.count
        while low < high {
            let mid = (low + high) / 2
            if overrides[mid].node < node { low = mid + 1 } else { high = mid }
        }
        return low < overrides.count && overrides[low].node == node ? overrides[low].latency : nil
    }

    static func upsert(_ overrides: inout [LatencyOverride], node: ClusterNodeID, latency: LocalDuration) {
        let at = overrides.firstIndex { $0.node >= node } ?? overrides.count
        if at < overrides.count, overrides[at].node == node {
            overrides[at].latency = latency
        } else {
            overrides.insert(LatencyOverride(node: node, latency: latency), at: at)
        }
    }

    private func checkIndex(_ index: Int, field: String) throws(SchedulingError) {
        // A bound keeps a typo from allocating a gigantic index table.
        guard (0...1_000_000).contains(index) else {
            throw SchedulingError(field: field, kind: .outOfRange(value: Int64(index), allowed: 0...1_000_000))
        }
    }

    private mutating func claim(store: Int, region: Int, field: String) throws(SchedulingError) {
        if store < regionOfStore.count, regionOfStore[store] >= 0 {
            guard regionOfStore[store] == region else {
                throw SchedulingError(field: field, kind: .inconsistent("store \(store) is in region \(regionOfStore[store]), not \(region)"))
            }
            return
        }
        Self.grow(&regionOfStore, to: store + 1, with: -1)
        regionOfStore[store] = region
    }

    private static func grow<T>(_ array: inout [[T]], to count: Int) {
        while array.count < count { array.append([]) }
    }

    private static func grow(_ array: inout [Int], to count: Int, with value: Int) {
        while array.count < count { array.append(value) }
    }
}
