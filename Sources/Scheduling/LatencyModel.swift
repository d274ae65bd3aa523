import EdgeBase

/// Latency from a data source to a node, by rule rather than by matrix.
///
/// A 500-store cluster with 25 000 cameras and thousands of nodes would need
/// tens of millions of pairwise entries. Latency in a retail tree is mostly a
/// function of the node's tier and of how far the node is from the source's
/// store, so the model keeps one value per (tier, ``Proximity``) pair, twelve
/// in all, plus each node's ``ClusterNode/latencyOffset``. Measured exceptions are
/// sparse overrides held by ``ClusterSnapshot`` (per source or per store).
public struct LatencyModel: Hashable, Sendable {
    /// How a node stands to a source's store.
    public enum Proximity: Int, CaseIterable, Hashable, Sendable, CustomStringConvertible {
        /// The node is in the source's store.
        case sameStore = 0
        /// The node is in the source's region but not in its store (another
        /// store, or the regional aggregator).
        case sameRegion = 1
        /// Anywhere else, the cloud included.
        case elsewhere = 2

        /// The case name.
        public var description: String {
            switch self {
            case .sameStore: "sameStore"
            case .sameRegion: "sameRegion"
            case .elsewhere: "elsewhere"
            }
        }
    }

    @usableFromInline var table: [LocalDuration]

    /// A model whose latency for each (tier, proximity) pair is `rule(tier, proximity)`.
    public init(_ rule: (ClusterTier, Proximity) -> LocalDuration) {
        var table: [LocalDuration] = []
        table.reserveCapacity(ClusterTier.allCases.count * Proximity.allCases.count)
        for tier in ClusterTier.allCases {
            for proximity in Proximity.allCases { table.append(rule(tier, proximity)) }
        }
        self.table = table
    }

    /// The rule latency from a source to a node of `tier` at `proximity`,
    /// before the node's offset.
    @inlinable
    public subscript(tier: ClusterTier, proximity: Proximity) -> LocalDuration {
        get { table[tier.rawValue * 3 + proximity.rawValue] }
        set { table[tier.rawValue * 3 + proximity.rawValue] = newValue }
    }

    /// One-way latencies of a typical retail deployment: a shop-floor device
    /// 2 ms from its cameras, the store server 4 ms, the regional aggregator
    /// 12 ms, the cloud 45 ms; crossing to another store or region costs a
    /// trip up and down the tree.
    public static let retail = LatencyModel { tier, proximity in
        switch (tier, proximity) {
        case (.device, .sameStore): .milliseconds(2)
        case (.device, .sameRegion): .milliseconds(26)
        case (.device, .elsewhere): .milliseconds(90)
        case (.storeEdge, .sameStore): .milliseconds(4)
        case (.storeEdge, .sameRegion): .milliseconds(24)
        case (.storeEdge, .elsewhere): .milliseconds(88)
        case (.regional, .sameStore), (.regional, .sameRegion): .milliseconds(12)
        case (.regional, .elsewhere): .milliseconds(60)
        case (.cloud, _): .milliseconds(45)
        }
    }
}
