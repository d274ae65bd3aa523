/// Where a workload's data comes from: a camera, a shelf sensor, a store's
/// point-of-sale feed.
///
/// Its location decides data residency (raw video must stay in its store)
/// and, through the ``LatencyModel``, the latency to every node.
public struct DataSource: Hashable, Sendable {
    /// A human name ("store-17/camera-3").
    public var name: String
    /// Dense store index of the store the source is in.
    public var store: Int
    /// Dense region index of that store.
    public var region: Int

    /// A source `name` in `store` of `region`.
    @inlinable
    public init(name: String, store: Int, region: Int) {
        self.name = name
        self.store = store
        self.region = region
    }
}
