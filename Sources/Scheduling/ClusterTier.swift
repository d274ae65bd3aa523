/// Where in the deployment a node sits, from the data outwards.
///
/// Ordered: `device < storeEdge < regional < cloud`. "The next tier up" in
/// the fallback ladder is the next larger case, and ties between equally
/// scored nodes go to the lower tier.
public enum ClusterTier: Int, CaseIterable, Comparable, Hashable, Sendable, CustomStringConvertible {
    /// A camera gateway or other box on the shop floor (a Jetson-class device).
    case device = 0
    /// The store's own server or micro data centre.
    case storeEdge = 1
    /// An aggregator serving some tens of stores.
    case regional = 2
    /// Central cloud capacity.
    case cloud = 3

    @inlinable public static func < (a: ClusterTier, b: ClusterTier) -> Bool { a.rawValue < b.rawValue }

    /// The name used in configuration and explanation records: "device",
    /// "storeEdge", "regional" or "cloud".
    public var description: String {
        switch self {
        case .device: "device"
        case .storeEdge: "storeEdge"
        case .regional: "regional"
        case .cloud: "cloud"
        }
    }
}
