import SimKernel

/// Someone who reads the inventory, with a view built only from the messages
/// that reach them.
///
/// Every latency and freshness figure names its consumer: an update is late
/// or on time for someone, and the arms are compared consumer by consumer.
public enum Consumer: String, Sendable, CaseIterable, Hashable {
    /// Shelf staff and alerts in the store.
    case store
    /// The regional dashboard at the regional aggregator.
    case region
    /// Headquarters analytics in the cloud.
    case hq

    /// Dense index, for arrays indexed by consumer.
    public var index: Int {
        switch self {
        case .store: 0
        case .region: 1
        case .hq: 2
        }
    }
}

/// What the cloud sends back to a store (and the regional dashboard) in the
/// cloud-only arm, beyond alerts.
public enum StoreFeedback: Sendable, Hashable {
    /// Alerts only: the store's view of its shelves is what alerts tell it.
    case none
    /// Every update the cloud applies is pushed down at once.
    case perUpdate
    /// The cloud pushes its view of a store's shelves at this interval.
    case periodic(SimDuration)
}

/// Which tiers keep their state across a crash.
public struct Durability: Sendable, Hashable {
    /// A store's upload outbox survives a crash of the store.
    public var store = true
    /// A regional aggregator's forwarding outbox survives its crash.
    public var region = true
    public init() {}
}
