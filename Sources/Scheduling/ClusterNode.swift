import EdgeBase

/// A machine the scheduler can place replicas on, as the cluster snapshot
/// sees it.
///
/// A node has no identifier field: its ``ClusterNodeID`` is its index in
/// ``ClusterSnapshot/nodes``, handed out by ``ClusterSnapshot/addNode(_:)``.
public struct ClusterNode: Hashable, Sendable {
    /// Where a node is, in the retail tree.
    ///
    /// Device and store-edge nodes have a store and its region; a regional
    /// aggregator has a region and no store; a cloud node has neither.
    public struct Location: Hashable, Sendable, CustomStringConvertible {
        /// Dense store index, or `nil` above the store tier.
        public var store: Int?
        /// Dense region index, or `nil` for the cloud.
        public var region: Int?

        /// A location in `store` (if any) of `region` (if any).
        @inlinable
        public init(store: Int?, region: Int?) {
            self.store = store
            self.region = region
        }

        /// The location of a device or store-edge node.
        @inlinable public static func store(_ store: Int, region: Int) -> Location { Location(store: store, region: region) }
        /// The location of a regional aggregator.
        @inlinable public static func region(_ region: Int) -> Location { Location(store: nil, region: region) }
        /// The location of a cloud node.
        public static let cloud = Location(store: nil, region: nil)

        /// For example "store 17, region 0", "region 3" or "cloud".
        public var description: String {
            switch (store, region) {
            case let (s?, r?): "store \(s), region \(r)"
            case let (nil, r?): "region \(r)"
            default: "cloud"
            }
        }
    }

    /// Whether a node takes new replicas.
    public enum Health: String, Hashable, Sendable, CustomStringConvertible {
        /// Heartbeating and schedulable.
        case healthy
        /// Heartbeating, but closed to new replicas (maintenance); its replicas stay.
        case cordoned
        /// Declared failed after missed heartbeats; it heartbeats back to ``healthy``.
        case failed

        /// The case name.
        public var description: String { rawValue }
    }

    /// What has been observed of a node's failures.
    ///
    /// The reliability score ranks nodes by observed failure rate,
    /// failures per million hours of uptime (uptime floored at one hour).
    public struct Reliability: Hashable, Sendable {
        /// Failures observed (the scheduler adds one each time it declares the node failed).
        public var failures: Int64
        /// Time observed up (the scheduler adds the gaps between heartbeats while healthy).
        public var uptime: LocalDuration

        /// `failures` in `uptime`.
        @inlinable
        public init(failures: Int64 = 0, uptime: LocalDuration = .zero) {
            self.failures = failures
            self.uptime = uptime
        }

        /// Failures per million hours, with uptime floored at one hour so
        /// that a new node is not judged on nothing.
        @inlinable
        public var failuresPerMillionHours: Int64 {
            let hours = max(uptime.nanoseconds / 3_600_000_000_000, 1)
            return failures.multipliedReportingOverflow(by: 1_000_000).overflow
                ? .max : failures * 1_000_000 / hours
        }
    }

    /// A human name, for explanation records ("store-17-edge").
    public var name: String
    /// The node's tier.
    public var tier: ClusterTier
    /// The node's store and region.
    public var location: Location
    /// What the node has.
    public var capacity: Resources
    /// What is already in use: placed replicas plus anything the driver reserved.
    public var allocated: Resources
    /// What running the whole node costs per hour.
    public var costPerHour: MicroDollars
    /// Observed failures and uptime.
    public var reliability: Reliability
    /// Whether the node takes new replicas.
    public var health: Health
    /// Added to the rule-based latency from any source to this node (its own
    /// access link, say). Measured overrides already include it.
    public var latencyOffset: LocalDuration

    /// A node with nothing allocated, healthy, with no failures observed.
    public init(
        name: String, tier: ClusterTier, location: Location, capacity: Resources,
        allocated: Resources = .zero, costPerHour: MicroDollars = .zero,
        reliability: Reliability = Reliability(), health: Health = .healthy,
        latencyOffset: LocalDuration = .zero
    ) {
        self.name = name
        self.tier = tier
        self.location = location
        self.capacity = capacity
        self.allocated = allocated
        self.costPerHour = costPerHour
        self.reliability = reliability
        self.health = health
        self.latencyOffset = latencyOffset
    }

    /// Capacity not yet allocated.
    @inlinable public var free: Resources { capacity - allocated }
}
