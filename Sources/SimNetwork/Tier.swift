/// The four tiers of an edge deployment, from the edge inward.
public enum Tier: Int, CaseIterable, Comparable, Hashable, Sendable, CustomStringConvertible {
    /// Cameras, shelf sensors, gateways.
    case device = 0
    /// The server or small cluster in one store.
    case store = 1
    /// The aggregator of 20 to 30 stores.
    case region = 2
    /// Central analytics and orchestration.
    case cloud = 3

    public static func < (a: Tier, b: Tier) -> Bool { a.rawValue < b.rawValue }

    /// The name used in identifiers and CSV ("device", "store", "region", "cloud").
    public var description: String {
        switch self {
        case .device: return "device"
        case .store: return "store"
        case .region: return "region"
        case .cloud: return "cloud"
        }
    }
}

/// What a message carries, which decides its priority on strict-priority links.
///
/// Cases are listed from the highest priority to the lowest.
public enum TrafficClass: Int, CaseIterable, Comparable, Hashable, Sendable, CustomStringConvertible {
    /// Priority alerts (a shelf below its threshold), sent at once.
    case alert = 0
    /// Heartbeats, scheduling and other small control messages.
    case control = 1
    /// Replication protocol traffic (writes, reads, hints, anti-entropy).
    case replication = 2
    /// Periodic bulk uploads (compressed inventory deltas).
    case bulk = 3
    /// Camera frames and other streams.
    case video = 4

    public static func < (a: TrafficClass, b: TrafficClass) -> Bool { a.rawValue < b.rawValue }

    public var description: String {
        switch self {
        case .alert: return "alert"
        case .control: return "control"
        case .replication: return "replication"
        case .bulk: return "bulk"
        case .video: return "video"
        }
    }
}
